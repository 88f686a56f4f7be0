"""The corroborate_places component and choose_location, on a blank English pipeline."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from corroborate.extract.places import (
    SPAN_KEY,
    SentenceToll,
    choose_location,
    governorate_of,
    home_country,
    incident_location,
    main_division,
)
from corroborate.gazetteer import Gazetteer, write_gazetteer_csv
from corroborate.models import Place, PlacePrecision

# Invented; the gazetteer must not know it, so that it is placed by its context.
VILLAGE = "Tall Qasimiyya"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("corroborate_places")
    return pipeline


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def run(nlp: Language, text: str, entities: tuple[tuple[str, str], ...] = ()) -> Doc:
    """The pipeline on `text`, with hand-made entities (text, label) standing in for the NER."""
    doc = nlp.make_doc(text)
    spans = []
    for words, label in entities:
        start = text.index(words)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def place_spans(nlp: Language, text: str, entities: tuple[tuple[str, str], ...] = ()) -> list[Span]:
    doc = run(nlp, text, entities)
    return list(doc.spans[SPAN_KEY])


def places(doc: Doc) -> dict[str, Place]:
    return {span.text: span._.place for span in doc.spans[SPAN_KEY]}


def test_the_extension_is_registered():
    assert Span.has_extension("place")


def test_a_known_town_is_exact(nlp):
    doc = run(nlp, "Shelling hit Douma on Monday.")
    [span] = doc.spans[SPAN_KEY]
    assert span.label_ == "city"
    place = span._.place
    assert (place.name, place.admin1, place.country, place.precision) == ("Dūmā", "Rural Damascus", "SY", "exact")
    assert place.geonameid == 170592 and place.lat == pytest.approx(33.57, abs=0.01)


def test_a_bare_governorate_name_is_the_city(nlp):
    place = places(run(nlp, "Clashes erupted in Raqqa."))["Raqqa"]
    assert (place.name, place.admin1, place.precision) == ("Ar Raqqah", "Raqqa", "exact")


@pytest.mark.parametrize(
    ("context", "admin1", "precision"),
    [
        ("in the countryside of Homs", "Homs", "admin1"),
        (", in the province of Deir Ezzor", "Deir ez-Zor", "admin1"),
        ("in Homs province", "Homs", "admin1"),
        ("in rural Hama", "Hama", "admin1"),
        ("in Idlib's southern countryside", "Idlib", "admin1"),
        (", in the Homs countryside", "Homs", "admin1"),
        ("in Rif Dimashq", "Rural Damascus", "admin1"),
        ("in Eastern Ghouta", "Rural Damascus", "admin2"),
        ("near Aleppo", "Aleppo", "near"),
        (", east of Damascus", "Damascus", "near"),
        ("on the outskirts of Douma", "Rural Damascus", "near"),
        ("in the heart of Damascus", "Damascus", "near"),
    ],
)
def test_an_unknown_village_is_placed_by_the_division_beside_it(nlp, context, admin1, precision):
    doc = run(nlp, f"Gunmen attacked the village of {VILLAGE} {context} on Monday.")
    spans = list(doc.spans[SPAN_KEY])
    assert spans[0].text == VILLAGE and spans[0].label_ == "unlisted"
    place = spans[0]._.place
    assert (place.name, place.admin1, place.country, place.precision) == (VILLAGE, admin1, "SY", precision)
    anchor = spans[1]._.place
    assert (place.lat, place.lon) == (anchor.lat, anchor.lon)


def test_an_unknown_village_without_context_keeps_only_its_text(nlp):
    place = places(run(nlp, f"Gunmen attacked the village of {VILLAGE} on Monday."))[VILLAGE]
    assert place == Place(text=VILLAGE)


@pytest.mark.parametrize(
    ("text", "mention", "feature", "precision"),
    [
        ("Shells fell near Aleppo.", "Aleppo", "city", "near"),
        ("Jets struck the Homs countryside.", "Homs", "admin1", "admin1"),
        ("Jets struck Deir Ezzor province.", "Deir Ezzor", "admin1", "admin1"),
        ("Jets struck the province of Deir Ezzor.", "Deir Ezzor", "admin1", "admin1"),
        ("Jets struck rural Hama.", "Hama", "admin1", "admin1"),
        ("Jets struck Hasakeh.", "Hasakeh", "city", "exact"),
        ("Fighting in Syria goes on.", "Syria", "country", "country"),
    ],
)
def test_a_known_place_reads_its_own_context(nlp, text, mention, feature, precision):
    [span] = [span for span in place_spans(nlp, text) if span.text == mention]
    assert (span.label_, span._.place.precision) == (feature, precision)


def test_the_sentence_beats_a_namesake_abroad(nlp, gazetteer):
    assert all(entry.country == "TR" for entry in gazetteer.lookup("Zara"))
    doc = run(nlp, "Rebels attacked al-Zara, in the countryside of Homs. What happened in al-Zara was a massacre.")
    first, _, second = doc.spans[SPAN_KEY]
    assert first.text == second.text == "al-Zara"
    for span in (first, second):
        assert (span._.place.admin1, span._.place.country, span._.place.precision) == ("Homs", "SY", "admin1")


def test_common_words_and_short_names_are_no_places(nlp):
    assert not place_spans(nlp, "Mark went home. Home is where the Bab is. Hit by a car, he stayed in the Old City.")
    [span] = place_spans(nlp, "Fighters took al-Bab.")
    assert span.text == "al-Bab" and span._.place.admin1 == "Aleppo"


def test_lowercase_words_are_no_places(nlp):
    assert not run(nlp, "the hama of damascus").spans[SPAN_KEY]


def test_a_place_name_inside_a_person_name_is_no_place(nlp):
    doc = run(nlp, "Ahmad Hama said fighters entered Hama.", entities=(("Ahmad Hama", "PERSON"),))
    assert [span.start for span in doc.spans[SPAN_KEY]] == [5]


def test_a_place_after_a_country_possessive_is_no_person_name(nlp):
    doc = run(nlp, "Fighting raged in northeast Syrias Hasakeh province.", entities=(("Syrias Hasakeh", "PERSON"),))
    assert [(span.text, span._.place.admin1) for span in doc.spans[SPAN_KEY]] == [("Hasakeh", "Hasakah")]


def test_a_person_entity_made_of_division_names_is_a_list_of_places(nlp):
    doc = run(nlp, "Bombs hit Tartous Homs and Hasakeh on Monday.", entities=(("Tartous Homs", "PERSON"),))
    assert [span._.place.admin1 for span in doc.spans[SPAN_KEY]] == ["Tartus", "Homs", "Hasakah"]


def test_other_mentions_of_a_place_share_its_placing(nlp):
    text = f"Jets bombed the town of {VILLAGE} at dawn. {VILLAGE} lies on a hill. Rescuers reached {VILLAGE} in Hama province."
    doc = run(nlp, text)
    spans = [span for span in doc.spans[SPAN_KEY] if span.text == VILLAGE]
    assert len(spans) == 3 and {span._.place.admin1 for span in spans} == {"Hama"}


def test_close_spellings_must_lie_in_a_country_the_text_names_or_qualifies(nlp):
    text = "The UK-based {}monitor said gunmen executed 19 men at an oil field in Deir Ezour."
    entities = (("Deir Ezour", "GPE"),)
    qualified = places(run(nlp, text.format("Syrian "), entities))["Deir Ezour"]
    assert (qualified.admin1, qualified.country) == ("Deir ez-Zor", "SY")
    assert places(run(nlp, text.format(""), entities))["Deir Ezour"].country is None


def test_a_governorate_city_that_places_a_town_is_the_governorate(nlp):
    doc = run(nlp, "The attack hit the town of Saraqib, in Idlib, on Monday.")
    assert [(span.text, span.label_, span._.place.precision) for span in doc.spans[SPAN_KEY]] == [
        ("Saraqib", "city", "exact"),
        ("Idlib", "admin1", "admin1"),
    ]
    assert choose_location(list(doc.spans[SPAN_KEY])).name == "Saraqib"
    assert places(run(nlp, "Shells fell near Aleppo."))["Aleppo"].precision == "near"


def test_a_nationality_word_gives_the_country_of_a_town(nlp):
    assert places(run(nlp, "Rockets hit the Turkish border town of Kilis."))["Kilis"].country == "TR"
    assert all(place.country != "TR" for place in places(run(nlp, "Rockets hit the Syrian town of Kilis.")).values())


def test_a_place_the_ner_called_a_person_is_a_place(nlp):
    doc = run(nlp, "Deir Ezzor was shelled.", entities=(("Deir Ezzor", "PERSON"),))
    assert [span.text for span in doc.spans[SPAN_KEY]] == ["Deir Ezzor"]


def test_entities_the_gazetteer_does_not_know_are_placed_by_context(nlp):
    doc = run(
        nlp,
        "A car bomb exploded in Marjeh Square in the heart of Damascus.",
        entities=(("Marjeh Square", "FAC"), ("Damascus", "GPE")),
    )
    square = places(doc)["Marjeh Square"]
    assert (square.admin1, square.precision) == ("Damascus", "near")
    assert choose_location(list(doc.spans[SPAN_KEY])) == square


def test_an_unknown_entity_does_not_swallow_a_known_name(nlp):
    doc = run(nlp, "Syrias Idlib was bombed.", entities=(("Syrias Idlib", "GPE"),))
    assert [(span.text, span._.place.admin1) for span in doc.spans[SPAN_KEY]] == [("Idlib", "Idlib")]


def test_works_without_sentence_boundaries():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("corroborate_places")
    doc = pipeline("Gunmen attacked the village of Kafr Nabudah in the countryside of Hama.")
    assert choose_location(list(doc.spans[SPAN_KEY])).admin1 == "Hama"


# --------------------------------------------------------------------------- choose_location


def test_choose_location_prefers_the_named_village_in_its_province(nlp, gazetteer):
    doc = run(nlp, "The slaughter in the village of Hatlah in the province of Deir Ezzor near the border with Iraq.")
    division = gazetteer.admin1_entry("Deir ez-Zor")
    assert choose_location(list(doc.spans[SPAN_KEY])) == Place(
        text="Hatlah",
        name="Hatlah",
        admin1="Deir ez-Zor",
        country="SY",
        lat=division.lat,
        lon=division.lon,
        precision=PlacePrecision.admin1,
    )


def test_choose_location_prefers_a_town_over_its_region_and_country(nlp):
    doc = run(nlp, "In Syria, government forces shelled Douma in Eastern Ghouta.")
    assert choose_location(list(doc.spans[SPAN_KEY])).name == "Dūmā"


def test_choose_location_prefers_the_site_of_violence(nlp):
    doc = run(nlp, "Activists in Beirut said jets bombed a market in Idlib.")
    assert choose_location(list(doc.spans[SPAN_KEY])).admin1 == "Idlib"


def test_choose_location_falls_back_to_the_division_and_the_country(nlp):
    assert choose_location(place_spans(nlp, "Jets struck rural Hama in Syria.")).name == "Hama"
    assert choose_location(place_spans(nlp, "Jets struck Syria.")).precision == "country"
    assert choose_location(place_spans(nlp, f"Jets struck the village of {VILLAGE}.")) is None
    assert choose_location([]) is None


def test_choose_location_takes_the_governorate_of_the_lead(nlp):
    text = "Warplanes bombed Idlib province on Monday, killing 12. Rebels later shelled the city of Homs."
    assert choose_location(place_spans(nlp, text)).admin1 == "Idlib"


def test_choose_location_takes_the_deadliest_of_the_governorates_the_lead_names(nlp):
    text = "Shells hit Damascus and Aleppo on Friday. In Aleppo, shells killed five people. In Damascus, a shell killed one."
    doc = run(nlp, text)
    sentences = [sentence.start for sentence in doc.sents]
    spans = list(doc.spans[SPAN_KEY])
    assert choose_location(spans).admin1 == "Damascus"
    tolls = [SentenceToll(killed, end_char=sentence.end_char) for killed, sentence in zip((0, 5, 1), doc.sents)]
    assert choose_location(spans, dict(zip(sentences, tolls))).admin1 == "Aleppo"


def test_choose_location_keeps_the_lead_that_names_one_governorate(nlp):
    doc = run(nlp, "Shells killed two people in Homs on Friday. In Aleppo, a car bomb killed nine.")
    sentences = [sentence.start for sentence in doc.sents]
    tolls = [SentenceToll(killed, end_char=sentence.end_char) for killed, sentence in zip((2, 9), doc.sents)]
    assert choose_location(list(doc.spans[SPAN_KEY]), dict(zip(sentences, tolls))).admin1 == "Homs"


def test_a_rebel_held_town_is_a_site_of_violence(nlp):
    text = "Rebel rockets killed three people in rebel-held Saraqib, days after jets struck Homs."
    assert choose_location(place_spans(nlp, text)).admin1 == "Idlib"


def test_a_dateline_abroad_is_no_location(nlp):
    for dateline in ("BEIRUT (Reuters) -", "Beirut (AFP) -"):
        text = f"{dateline} Jets killed 20 people in Idlib."
        spans = place_spans(nlp, text)
        assert home_country(spans) == "SY"
        assert incident_location(spans, spans, violent=True).admin1 == "Idlib"


def test_a_place_that_qualifies_someone_is_no_location(nlp):
    text = f"A Damascus-backed militia killed five people in the village of {VILLAGE}. Later, jets struck Hama."
    spans = place_spans(nlp, text)
    first_sentence = [span for span in spans if span.text != "Hama"]
    assert incident_location(first_sentence, spans, violent=True).admin1 == "Hama"


def test_a_capital_standing_for_its_government_is_no_location(nlp):
    for government in ("its Damascus ally", "the Damascus government"):
        doc = run(nlp, f"Jets killed 20 people in Syria, despite {government}. Later, shells hit Idlib.")
        spans = list(doc.spans[SPAN_KEY])
        first_sentence = [span for span in spans if span.text != "Idlib"]
        assert incident_location(first_sentence, spans, violent=True).admin1 == "Idlib"


def test_an_incident_without_a_division_takes_the_first_the_article_names(nlp):
    text = f"Jets killed 20 people in eastern Syria on Monday. They hit the village of {VILLAGE} in Deir Ezzor province, near Raqqa."
    doc = run(nlp, text)
    spans = list(doc.spans[SPAN_KEY])
    first_sentence = [span for span in spans if span.sent.start == 0]
    place = incident_location(first_sentence, spans, violent=True)
    division = Gazetteer.default().admin1_entry("Deir ez-Zor")
    assert (place.name, place.text, place.admin1, place.precision) == ("Deir ez-Zor", VILLAGE, "Deir ez-Zor", "admin1")
    assert (place.lat, place.lon) == (division.lat, division.lon)
    assert main_division(spans, "SY") == place
    assert main_division(spans, "IQ") is None


def test_a_political_incident_keeps_its_place_abroad(nlp):
    spans = place_spans(nlp, "Protesters gathered in Istanbul. Jets struck Idlib and Hama.")
    istanbul = [span for span in spans if span.text == "Istanbul"]
    assert incident_location(istanbul, spans, violent=False).name == "Istanbul"
    assert incident_location(istanbul, spans, violent=True).admin1 == "Idlib"


def test_home_country_counts_towns_and_divisions_before_countries(nlp):
    spans = place_spans(nlp, "Turkey and Russia met Turkey's allies. Jets struck Aleppo.")
    assert home_country(spans) == "SY"
    assert home_country(place_spans(nlp, "Turkey and Russia met Turkey's allies.")) == "TR"
    assert home_country([]) is None


def test_governorate_of_gives_the_canonical_name():
    assert governorate_of(Place(admin1="Rural Damascus", country="SY")) == "Rural Damascus"
    assert governorate_of(Place(admin1="deir ezzor", country="SY")) == "Deir ez-Zor"
    assert governorate_of(Place(admin1="Hasakeh")) == "Hasakah"
    assert governorate_of(Place(name="Syria", country="SY")) is None


# --------------------------------------------------------------------------- configuration


def test_the_pipeline_reloads_from_its_config(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.pipe_names == ["sentencizer", "corroborate_places"]
    assert places(reloaded("Shelling hit Douma."))["Douma"].admin1 == "Rural Damascus"


def test_gazetteer_path_replaces_the_bundled_gazetteer(gazetteer, tmp_path, monkeypatch):
    monkeypatch.setenv("CORROBORATE_GAZETTEER", "")
    path = tmp_path / "tiny.csv"
    write_gazetteer_csv([gazetteer.admin1_entry("Hama")], path)
    pipeline = spacy.blank("en")
    pipeline.add_pipe("corroborate_places", config={"gazetteer_path": str(path)})
    doc = pipeline("Hama and Homs.")
    assert [span.label_ for span in doc.spans[SPAN_KEY]] == ["admin1"]
