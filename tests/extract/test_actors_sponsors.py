"""Sponsors of violence (issue 14, item 2) and descriptions of state forces read as the forces of the story's
country (issue 13), in English, Arabic and French. Every sentence is invented for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.dictionaries import ActorDictionary
from corroborate.extract.multilingual import extract_reduced
from corroborate.models import Article, Certainty, Incident

PUBLISHED = dt.date(2016, 3, 10)


def reduced(text: str, language: str) -> Incident:
    return extract_reduced(Article(id="a", text=text, language=language, published=PUBLISHED, outlet="outlet")).incidents[0]


def roles(incident: Incident) -> set[tuple[str, str]]:
    return {(a.role, a.name) for a in incident.actors if a.role != "target"}


def sponsor_claims(incident: Incident) -> list[tuple[str, str, Certainty]]:
    return [(c.value, c.source, c.certainty) for c in incident.claims if c.field == "actors.sponsor"]


def claim_of(incident: Incident, role: str, name: str):
    return next(c for c in incident.claims if c.field == f"actors.{role}" and c.value == name)


# --------------------------------------------------------------------------- the dictionary's resolver


def test_descriptions_of_state_forces_name_the_story_countrys_forces():
    dictionary = ActorDictionary.default()
    army, generic = dictionary.get("syrian_army"), dictionary.get("army_unspecified")
    assert dictionary.describes(army, "government forces") and dictionary.describes(army, "the government troops")
    assert not dictionary.describes(army, "Syrian government forces")
    assert dictionary.describes(generic, "the army")
    assert dictionary.in_story(army, "IQ").key == "iraqi_security_forces"
    assert dictionary.in_story(generic, "YE").key == "yemeni_armed_forces"
    # Syria, no known country, or a country without national forces in the dictionary: as written
    assert dictionary.in_story(army, "SY") is army and dictionary.in_story(generic, "SY") is generic
    assert dictionary.in_story(army, None) is army and dictionary.in_story(army, "LY") is army
    assert {dictionary.national_forces(c).country for c in ("SY", "IQ", "SD", "ML", "UA")} == {"SY", "IQ", "SD", "ML", "UA"}


# --------------------------------------------------------------------------- English

english = pytest.mark.model


@pytest.fixture(scope="module")
def extract():
    from corroborate.extract.pipeline import extract_text

    def run(text: str) -> Incident:
        return next(i for i in extract_text(text, published=PUBLISHED).incidents if i.violent)

    return run


@english
@pytest.mark.parametrize(
    "text, expected",
    [
        ("US-backed rebels shelled the village on Monday, killing 12 civilians.", {("sponsor", "United States")}),
        ("Rebels backed by Turkey attacked the village on Monday, killing eight soldiers.", {("sponsor", "Turkey")}),
        ("Militants supported by Saudi Arabia attacked the town on Monday, killing 9 civilians.", {("sponsor", "Saudi Arabia")}),
        ("Militias armed and trained by Iran shelled the town on Monday, killing 6 civilians.", {("sponsor", "Iran")}),
        (
            "Saudi- and US-backed rebels shelled the town on Monday, killing 10 civilians.",
            {("sponsor", "Saudi Arabia"), ("sponsor", "United States")},
        ),
        ("Pro-Iranian militias shelled the town on Monday, killing 6 civilians.", {("sponsor", "Iran")}),
        ("Militias loyal to Iran shelled the town on Monday, killing 6 civilians.", {("sponsor", "Iran")}),
        ("Turkish proxies shelled the village on Monday, killing 9 civilians.", {("sponsor", "Turkey")}),
        ("Iran's proxy militias shelled the town on Monday, killing 9 civilians.", {("sponsor", "Iran")}),
    ],
)
def test_english_sponsors_of_the_perpetrators(extract, text, expected):
    incident = extract(text)
    found = roles(incident)
    assert expected <= found
    sponsors = {name for role, name in found if role == "sponsor"}
    assert sponsors == {name for _, name in expected}
    assert any(role == "perpetrator" for role, _ in found)  # the backed force is the one that struck
    assert sponsors.isdisjoint(name for role, name in found if role == "perpetrator")
    assert {value for value, _, _ in sponsor_claims(incident)} == sponsors


@english
def test_english_allegiance_to_the_own_side_is_no_sponsorship(extract):
    incident = extract("Forces loyal to Assad shelled the town on Monday, killing 11 civilians.")
    assert roles(incident) == {("perpetrator", "Syrian government")}


@english
def test_english_a_sponsor_is_never_the_perpetrator(extract):
    incident = extract("Iran-backed militias and Iran shelled the town on Monday, killing 9 civilians.")
    assert ("perpetrator", "Iran") in roles(incident) and ("sponsor", "Iran") not in roles(incident)


@english
def test_english_sponsor_claims_keep_their_source_and_certainty(extract):
    alleged = extract("Rebels allegedly armed by Qatar attacked the checkpoint on Monday, killing six soldiers.")
    assert claim_of(alleged, "sponsor", "Qatar").certainty == Certainty.alleged
    assert claim_of(alleged, "perpetrator", "Armed opposition").certainty == Certainty.asserted  # the attack is not hedged
    believed = extract("Rebels believed to be backed by Qatar shelled the town on Monday, killing 9 civilians.")
    assert claim_of(believed, "sponsor", "Qatar").certainty == Certainty.alleged
    said = extract("Turkish-backed fighters shelled Afrin on Monday, killing 9 civilians, the Kurdish spokesman Nouri Mahmoud said.")
    claim = claim_of(said, "sponsor", "Turkey")
    assert claim.certainty == Certainty.reported and "spokesman" in claim.source
    assert said.claims[said.claims.index(claim)].evidence.sentence.startswith("Turkish-backed")


@english
@pytest.mark.parametrize(
    "text, perpetrator, country",
    [
        ("Government forces shelled the village of Tal Afar near Mosul on Monday, killing 12 civilians.", "Iraqi Security Forces", "IQ"),
        ("The army shelled the town of Marib in Yemen on Monday, killing 8 civilians.", "Yemeni government forces", "YE"),
        ("Security forces opened fire on protesters in Khartoum on Monday, killing 9 people.", "Sudanese Armed Forces", "SD"),
        ("Government forces shelled the town of Kafr Nabl in Idlib on Monday, killing 12 civilians.", "Syrian Arab Army", "SY"),
        ("The army shelled the town of Kafr Nabl in Idlib on Monday, killing 12 civilians.", "Army (unspecified)", None),
    ],
)
def test_english_state_forces_of_the_story_country(extract, text, perpetrator, country):
    incident = extract(text)
    (actor,) = [a for a in incident.actors if a.role == "perpetrator"]
    assert (actor.name, actor.country) == (perpetrator, country)
    assert claim_of(incident, "perpetrator", perpetrator).value == perpetrator


# --------------------------------------------------------------------------- Arabic and French (surface rules)


@pytest.mark.parametrize(
    "text, language, perpetrator, sponsor",
    [
        ("قصفت الفصائل المسلحة المدعومة من تركيا بلدة تل رفعت يوم الاثنين مما أدى إلى مقتل 9 مدنيين.", "ar", "Armed opposition", "Turkey"),
        ("قصفت الميليشيات الموالية لإيران بلدة البوكمال يوم الاثنين مما أدى إلى مقتل 6 مدنيين.", "ar", "Pro-government militias", "Iran"),
        ("قصفت الميليشيات المدعومة إيرانيا بلدة البوكمال يوم الاثنين مما أدى إلى مقتل 6 مدنيين.", "ar", "Unidentified armed men", "Iran"),
        ("قصف الحوثيون المدعومون من إيران مدينة مأرب يوم الاثنين مما أدى إلى مقتل 12 مدنيا.", "ar", "Houthis", "Iran"),
        ("Les Houthis, appuyés par l'Iran, ont tiré des missiles sur Marib lundi, tuant 12 civils.", "fr", "Houthis", "Iran"),
        ("Les milices pro-iraniennes ont bombardé la ville de Boukamal lundi, tuant 6 civils.", "fr", "Pro-government militias", "Iran"),
    ],
)
def test_surface_sponsors_with_their_claims(text, language, perpetrator, sponsor):
    incident = reduced(text, language)
    assert roles(incident) == {("perpetrator", perpetrator), ("sponsor", sponsor)}
    claim = claim_of(incident, "sponsor", sponsor)
    assert claim.certainty == Certainty.asserted and claim.source == "outlet"
    assert claim.evidence.sentence[claim.evidence.start : claim.evidence.end] in text


def test_surface_loyalty_to_the_own_government_is_no_sponsorship():
    incident = reduced("قصفت قوات النظام السوري الموالية للأسد بلدة كفرنبل يوم الاثنين مما أدى إلى مقتل 6 مدنيين.", "ar")
    assert roles(incident) == {("perpetrator", "Syrian Arab Army")}
    assert roles(reduced("Les forces pro-régime ont bombardé la ville de Kafranbel lundi, tuant 9 civils.", "fr")) == {
        ("perpetrator", "Syrian Arab Army")
    }


def test_surface_sponsor_claims_hedged_or_sourced():
    hedged = reduced("قصفت الفصائل المسلحة التي يشتبه أنها مدعومة من قطر بلدة كفرنبل يوم الاثنين مما أدى إلى مقتل 9 مدنيين.", "ar")
    assert sponsor_claims(hedged) == [("Qatar", "outlet", Certainty.alleged)]
    assert claim_of(hedged, "perpetrator", "Armed opposition").certainty == Certainty.asserted
    french = reduced("Des rebelles présumés financés par le Qatar ont bombardé la ville de Kafranbel lundi, tuant 9 civils.", "fr")
    assert sponsor_claims(french) == [("Qatar", "outlet", Certainty.alleged)]
    sourced = reduced("قصف الحوثيون المدعومون من إيران مدينة مأرب يوم الاثنين مما أدى إلى مقتل 12 مدنيا، بحسب مصدر طبي.", "ar")
    assert sponsor_claims(sourced) == [("Iran", "مصدر طبي", Certainty.reported)]


@pytest.mark.parametrize(
    "text, language, perpetrator",
    [
        ("قصفت القوات الحكومية بلدة تلعفر قرب الموصل يوم الاثنين مما أدى إلى مقتل 12 مدنيا.", "ar", "Iraqi Security Forces"),
        ("قصف الجيش مدينة مأرب في اليمن يوم الاثنين مما أدى إلى مقتل 8 مدنيين.", "ar", "Yemeni government forces"),
        ("قتل 9 متظاهرين برصاص قوات الأمن في الخرطوم يوم الاثنين.", "ar", "Sudanese Armed Forces"),
        ("قصفت القوات الحكومية بلدة كفرنبل في ريف إدلب يوم الاثنين مما أدى إلى مقتل 12 مدنيا.", "ar", "Syrian Arab Army"),
        (
            "Les forces gouvernementales ont bombardé la ville de Tal Afar près de Mossoul lundi, tuant 12 civils.",
            "fr",
            "Iraqi Security Forces",
        ),
        ("L'armée a bombardé la ville de Marib au Yémen lundi, tuant 8 civils.", "fr", "Yemeni government forces"),
        ("Neuf manifestants ont été tués par les forces de sécurité à Khartoum lundi.", "fr", "Sudanese Armed Forces"),
        ("Les forces gouvernementales ont bombardé la ville de Kafranbel près d'Idleb lundi, tuant 12 civils.", "fr", "Syrian Arab Army"),
    ],
)
def test_surface_state_forces_of_the_story_country(text, language, perpetrator):
    incident = reduced(text, language)
    assert [a.name for a in incident.actors if a.role == "perpetrator"] == [perpetrator]
    assert claim_of(incident, "perpetrator", perpetrator)


@pytest.mark.parametrize(
    "text, perpetrator",
    [
        ("قتل 5 مدنيين في غارة إسرائيلية على بلدة في جنوب لبنان يوم الاثنين.", "Israel Defense Forces"),
        ("قتل 3 مدنيين في قصف تركي على قرية قرب عفرين يوم الاثنين.", "Turkish Armed Forces"),
    ],
)
def test_arabic_nationality_adjective_after_the_attack_names_the_states_forces(text, perpetrator):
    assert [a.name for a in reduced(text, "ar").actors if a.role == "perpetrator"] == [perpetrator]
