"""French wire copy through the reduced rules: datelines and publication stamps, relative days resolved
against them, and perpetrators named in the frames French agencies write. Every sentence is invented."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.multilingual import dates_in, load_lexicon, sentences_of
from corroborate.extract.pipeline import extract_text
from corroborate.models import Certainty, Extraction, Precision

LEAD = "Au moins 12 civils ont été tués {when} dans des bombardements du régime sur la ville d'Idleb."


def incident_date(text: str, published: dt.date | None = None) -> tuple[dt.date | None, dt.date | None, Precision | None]:
    extraction = extract_text(text, published=published)
    assert extraction.article.language == "fr"
    date = extraction.incidents[0].date
    return date.start, date.end, date.precision


def day(text: str, published: dt.date | None = None) -> dt.date | None:
    start, end, _ = incident_date(text, published)
    assert start == end
    return start


@pytest.mark.parametrize(
    ("dateline", "when", "expected"),
    [
        ("BEYROUTH, 12 mars 2024 (AFP) - ", "hier", dt.date(2024, 3, 11)),
        ("DAMAS, 12 mars 2024 (AFP) - ", "avant-hier", dt.date(2024, 3, 10)),
        ("DAMAS, 12 mars 2024 (AFP) - ", "ce matin", dt.date(2024, 3, 12)),
        ("DAMAS, 12 mars 2024 (AFP) - ", "cette nuit", dt.date(2024, 3, 12)),
        ("DAMAS, 12 mars 2024 (AFP) - ", "hier soir", dt.date(2024, 3, 11)),
        ("DAMAS, 14 mars 2024 (AFP) - ", "mardi soir", dt.date(2024, 3, 12)),
        ("DAMAS, 14 mars 2024 (AFP) - ", "lundi dernier", dt.date(2024, 3, 11)),
        ("DAMAS, 16 mars 2024 (AFP) - ", "jeudi 14 mars", dt.date(2024, 3, 14)),
        ("DAMAS, 16 mai 2024 (AFP) - ", "le 3 mai", dt.date(2024, 5, 3)),
        ("DAMAS, 16 mai 2024 (AFP) - ", "le 1er mai", dt.date(2024, 5, 1)),
        ("DAMAS, 16 mai 2024 (AFP) - ", "le premier mai", dt.date(2024, 5, 1)),
        ("DAKAR, 16 mai 2024 (AFP) - ", "le 3 mai 2023", dt.date(2023, 5, 3)),
        ("Publié le 12/03/2024 à 10h15\n", "hier", dt.date(2024, 3, 11)),
        ("Mis à jour le 12/03/2024 à 18h40\n", "avant-hier", dt.date(2024, 3, 10)),
        ("Le Monde avec AFP\nPublié le 12 mars 2024 à 10h15, mis à jour à 12h00\n", "hier", dt.date(2024, 3, 11)),
    ],
)
def test_relative_days_count_from_the_dateline_not_dated_by_it(dateline: str, when: str, expected: dt.date) -> None:
    assert day(dateline + LEAD.format(when=when)) == expected


def test_a_story_naming_no_other_day_is_dated_by_its_dateline() -> None:
    assert day("BAMAKO, 12 mars 2024 (AFP) - " + LEAD.format(when="selon une ONG")) == dt.date(2024, 3, 12)


def test_a_night_across_two_days_is_dated_by_the_later_one() -> None:
    text = "DAMAS, 12 mars 2024 (AFP) - " + LEAD.format(when="dans la nuit de samedi à dimanche")
    assert day(text) == dt.date(2024, 3, 10)


def test_last_weekend_and_mid_month_are_periods() -> None:
    assert incident_date("DAMAS, 12 mars 2024 (AFP) - " + LEAD.format(when="le week-end dernier")) == (
        dt.date(2024, 3, 9),
        dt.date(2024, 3, 10),
        Precision.week,
    )
    start, end, precision = incident_date("DAMAS, 20 mars 2024 (AFP) - " + LEAD.format(when="à la mi-mars"))
    assert (start, end, precision) == (dt.date(2024, 3, 1), dt.date(2024, 3, 31), Precision.month)


def test_a_date_opening_prose_is_no_dateline() -> None:
    """ "Le 3 mai 2024, ..." starts a sentence; "BEYROUTH, ..." followed by prose is no stamp either."""
    lexicon = load_lexicon("fr")
    text = "Le 3 mai 2024, une frappe a tué 4 civils à Idleb.\nBEYROUTH, 3 mai 2024 fut un jour de deuil."
    mentions = [m for s in sentences_of(text, "fr") for m in dates_in(s, text, lexicon, dt.date(2024, 5, 4))]
    assert [(m.date.start, m.dateline) for m in mentions] == [(dt.date(2024, 5, 3), False), (dt.date(2024, 5, 3), False)]


def test_a_numeric_publication_date_is_read_day_first_in_french() -> None:
    extraction = extract_text("Publié le 03/12/2024 à 10h15\n" + LEAD.format(when="hier"))
    assert extraction.article.published == dt.date(2024, 12, 3)
    assert extraction.incidents[0].date.start == dt.date(2024, 12, 2)


def perpetrators(text: str) -> list[tuple[str, str]]:
    extraction: Extraction = extract_text(text, published=dt.date(2024, 3, 12))
    return [(actor.name, actor.role) for actor in extraction.incidents[0].actors if actor.role == "perpetrator"]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("Au moins 12 civils ont été tués mardi dans une frappe de l'armée israélienne sur Nabatiyé.", "Israel Defense Forces"),
        ("Au moins 12 civils ont été tués mardi dans une frappe aérienne israélienne sur Rafah.", "Israel Defense Forces"),
        ("Au moins 12 civils ont été tués mardi dans des frappes russes sur la province d'Idleb.", "Russia"),
        ("Au moins 12 civils ont été tués mardi dans des bombardements du régime sur Idleb.", "Syrian government"),
        ("L'attaque, revendiquée par l'EI, a fait au moins 20 morts mardi à Kaboul.", "Islamic State"),
        (
            "Au moins 20 soldats ont été tués mardi dans une attaque attribuée aux jihadistes du JNIM au Mali.",
            "Jama'at Nusrat al-Islam wal-Muslimin",
        ),
        ("Les paramilitaires des FSR ont attaqué mardi le village, tuant au moins 30 civils.", "Rapid Support Forces"),
        ("Au moins 8 personnes ont été tuées mardi par des hommes armés dans le nord du Burkina Faso.", "Unidentified armed men"),
        ("L'armée a bombardé mardi la ville de Khan Younès, tuant au moins 15 personnes.", "Army (unspecified)"),
        ("Selon l'armée, les rebelles ont tiré des obus sur la ville, tuant au moins 6 civils.", "Armed opposition"),
        ("Au moins 25 civils ont été tués mardi dans une attaque imputée au groupe Wagner au Mali.", "Wagner Group"),
        ("Au moins 12 civils ont été tués mardi dans une attaque des shebab à Mogadiscio.", "al-Shabaab"),
        ("Au moins 30 personnes ont été tuées mardi dans une attaque de Boko Haram dans l'État de Borno.", "Boko Haram"),
        ("Au moins 30 personnes ont été tuées mardi dans des frappes de l'armée soudanaise sur Nyala.", "Sudanese Armed Forces"),
        ("Au moins 18 civils ont été tués mardi dans un raid de l'armée malienne à Moura.", "Malian Armed Forces"),
        ("L'armée israélienne a dit avoir frappé mardi un bâtiment à Gaza, tuant au moins 9 personnes.", "Israel Defense Forces"),
        ("Au moins 9 personnes ont été tuées mardi dans des frappes ukrainiennes sur Belgorod.", "Ukrainian Armed Forces"),
        ("Au moins 9 personnes ont été tuées mardi dans une attaque de présumés jihadistes au Burkina Faso.", "Jihadist militants"),
        ("Au moins 9 soldats ukrainiens ont été tués mardi dans une frappe russe près de Bakhmout.", "Russia"),
        ("Au moins 20 soldats ont été tués mardi dans une attaque d'un groupe jihadiste au Burkina Faso.", "Jihadist militants"),
        ("La police a ouvert le feu mardi sur des manifestants à Conakry, tuant au moins 4 personnes.", "Security forces (unspecified)"),
        ("Des hommes armés non identifiés ont attaqué mardi le village, tuant au moins 9 civils.", "Unidentified armed men"),
    ],
)
def test_french_perpetrator_frames(text: str, perpetrator: str) -> None:
    assert perpetrator in [name for name, _ in perpetrators(text)]


def test_an_attack_against_an_actor_names_no_perpetrator() -> None:
    assert perpetrators("Au moins 12 rebelles ont été tués mardi dans une attaque contre les rebelles près d'Idleb.") == []
    assert perpetrators("Au moins 9 soldats turcs ont été tués mardi dans une attaque contre une base à Idleb.") == []


def test_soldiers_killed_are_not_the_perpetrator() -> None:
    assert perpetrators("Au moins 20 soldats ont été tués mardi dans une embuscade dans le centre du Mali.") == []
    assert perpetrators("Au moins 12 militaires ont été tués mardi lors d'une attaque contre leur base à Boulkessi.") == []


@pytest.mark.parametrize(
    "later",
    ["Les autorités ont attribué l'attaque aux jihadistes.", "L'armée met en cause les jihadistes."],
)
def test_blame_in_a_later_sentence_is_alleged(later: str) -> None:
    extraction = extract_text("Au moins 9 soldats ont été tués mardi dans le centre du Mali. " + later, published=dt.date(2024, 3, 12))
    claims = [(c.value, c.certainty) for c in extraction.incidents[0].claims if c.field == "actors.perpetrator"]
    assert claims == [("Jihadist militants", Certainty.alleged)]


def test_victims_named_by_nationality_are_not_the_perpetrator() -> None:
    assert [name for name, _ in perpetrators("Au moins 9 soldats ukrainiens ont été tués mardi dans une frappe russe.")] == ["Russia"]


def test_a_denial_names_who_denies() -> None:
    extraction = extract_text(
        "Au moins 12 civils ont été tués mardi dans une frappe de l'armée israélienne sur Rafah. L'armée israélienne a démenti.",
        published=dt.date(2024, 3, 12),
    )
    claims = [(c.value, c.source, c.certainty) for c in extraction.incidents[0].claims if c.field == "actors.perpetrator"]
    assert ("Israel Defense Forces", "Israel Defense Forces", Certainty.denied) in claims


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("Trente civils ont été tués dimanche par des jihadistes du groupe Etat islamique près de Djibo.", "Islamic State"),
        ("Au moins 20 civils ont été tués lundi par des combattants du M23 dans le Nord-Kivu.", "M23"),
        ("Huit civils ont été tués lundi par des hommes armés des ADF près de Beni.", "Allied Democratic Forces"),
        ("Sept manifestants ont été tués mardi par des soldats du régime à Deraa.", "Syrian Arab Army"),
        ("Dix-sept soldats ont été tués mardi dans une embuscade tendue par des jihadistes près de Tillabéri.", "Jihadist militants"),
        ("Un attentat à la voiture piégée revendiqué par les shebab a fait 10 morts mardi à Mogadiscio.", "al-Shabaab"),
        ("Neuf Palestiniens ont été tués mardi sous les tirs de l'armée israélienne à Khan Younès.", "Israel Defense Forces"),
        ("Cinq civils ont été tués mardi sous le feu des paramilitaires des FSR à El-Facher.", "Rapid Support Forces"),
        ("Au moins 6 jihadistes ont été tués mardi dans une frappe aérienne française près de Ménaka.", "France"),
    ],
)
def test_who_the_fighters_belong_to_is_the_perpetrator(text: str, perpetrator: str) -> None:
    """A described actor ("des jihadistes", "des combattants") belongs to the named one after it."""
    names = [name for name, _ in perpetrators(text)]
    assert names[0] == perpetrator


def test_described_fighters_of_no_named_group_stay_described() -> None:
    assert [name for name, _ in perpetrators("Huit civils ont été tués lundi par des jihadistes près de Djibo.")] == ["Jihadist militants"]
