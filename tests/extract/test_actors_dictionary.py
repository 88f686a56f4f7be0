"""Actor dictionary, source registry and mention marking, without a trained model."""

from __future__ import annotations

import pytest
import spacy

from corroborate.dictionaries import FAKES_CLASSES, ActorDictionary, SourceRegistry
from corroborate.errors import ConfigurationError
from corroborate.extract.actors import ACTOR_SPANS, SOURCE_SPANS, perpetrator_class
from corroborate.models import Actor, ActorType

GOVERNMENT = "syrian government or russian troops"
ISIS = "the organization of the islamic state in iraq and the levant - isis"


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.default()


@pytest.fixture(scope="module")
def sources() -> SourceRegistry:
    return SourceRegistry.default()


@pytest.fixture(scope="module")
def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("corroborate_actors")
    return nlp


def actor_spans(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.text, span._.actor_entry.name) for span in doc.spans[ACTOR_SPANS]]


def test_actors_dictionary_is_large_and_well_formed(actors):
    assert len(actors) >= 60
    assert {entry.fakes_class for entry in actors} <= set(FAKES_CLASSES)
    assert {entry.fakes_class for entry in actors} == set(FAKES_CLASSES)
    assert all(entry.aliases for entry in actors)
    assert actors.get("hayat_tahrir_al_sham").successor_of == "al_nusra_front"


@pytest.mark.parametrize(
    "text, name",
    [
        ("Al-Nusra Front", "Al-Nusra Front"),
        ("the Nusra Front", "Al-Nusra Front"),
        ("Jabhat al-Nusra", "Al-Nusra Front"),
        ("Jabhat al Nusra", "Al-Nusra Front"),
        ("al-Nusrah Front", "Al-Nusra Front"),
        ("Jabhat Fateh al-Sham", "Al-Nusra Front"),
        ("Hay’at Tahrir al-Sham", "Hayat Tahrir al-Sham"),
        ("HTS", "Hayat Tahrir al-Sham"),
        ("ISIS", "Islamic State"),
        ("Isis", "Islamic State"),
        ("ISIL", "Islamic State"),
        ("IS", "Islamic State"),
        ("DAESH", "Islamic State"),
        ("Daish", "Islamic State"),
        ("Ahrar al-Sham", "Ahrar al-Sham"),
        ("Ahrah al-Sham", "Ahrar al-Sham"),
        ("Jaysh al-Islam", "Jaish al-Islam"),
        ("FSA", "Free Syrian Army"),
        ("SDF", "Syrian Democratic Forces"),
        ("YPG", "People's Protection Units"),
        ("Syrian army", "Syrian Arab Army"),
        ("government forces", "Syrian Arab Army"),
        ("Assad's forces", "Syrian Arab Army"),
        ("the regime", "Syrian government"),
        ("Russian warplanes", "Russian Armed Forces"),
        ("US-led coalition", "US-led coalition"),
        ("U.S.", "United States"),
        ("Médecins Sans Frontières", "Médecins Sans Frontières"),
        ("Medecins Sans Frontieres", "Médecins Sans Frontières"),
        ("UN Security Council", "UN Security Council"),
    ],
)
def test_actors_lookup_finds_spellings(actors, text, name):
    assert actors.lookup(text).name == name


@pytest.mark.parametrize("text", ["is", "Is", "us", "hts", "Damascus", "regime", "southern front", "warplanes strike"])
def test_actors_lookup_rejects_words_that_are_not_names(actors, text):
    assert actors.lookup(text) is None


def test_actors_lookup_tolerates_close_spellings_of_long_names_only(actors):
    assert actors.lookup("Jabhat al-Nusrra").name == "Al-Nusra Front"
    assert actors.lookup("Free Syrian Armyy").name == "Free Syrian Army"
    assert actors.lookup("Jabhat al-Nusrra", fuzzy=False) is None
    assert actors.lookup("ISSI") is None


def test_actors_fakes_class_maps_names_to_perpetrator_classes(actors):
    assert actors.fakes_class("Syrian Arab Army") == GOVERNMENT
    assert actors.fakes_class("Russian warplanes") == GOVERNMENT
    assert actors.fakes_class("Hayat Tahrir al-Sham") == "al-nusra front"
    assert actors.fakes_class("Daesh") == ISIS
    assert actors.fakes_class("YPG") == "self administration forces"
    assert actors.fakes_class("US-led coalition") == "international coalition forces"
    assert actors.fakes_class("Jaish al-Islam") == "armed opposition groups"
    assert actors.fakes_class("Turkish army") == "unknown"
    assert actors.fakes_class("warplanes") == "unknown"
    assert actors.fakes_class("Sultan Abdulhamid Brigade") == "unknown"


def test_actors_sources_are_not_actors(actors, sources):
    assert actors.lookup("Syrian Observatory for Human Rights") is None
    assert actors.lookup("SANA") is None
    sohr = sources.lookup("the Syrian Observatory for Human Rights")
    assert sohr.name == "Syrian Observatory for Human Rights" and sohr.alignment == "opposition"
    assert sources.lookup("SANA").alignment == "pro-government"
    assert sources.lookup("Reuters").alignment == "independent"
    assert len(sources) >= 40


def test_actors_custom_dictionary_is_validated(tmp_path):
    bad_type = tmp_path / "bad_type.toml"
    bad_type.write_text('[x]\nname = "X"\naliases = ["X group"]\ntype = "army"\n')
    with pytest.raises(ConfigurationError, match="type"):
        ActorDictionary.load(bad_type)
    shared_alias = tmp_path / "shared.toml"
    shared_alias.write_text('[a]\nname = "A"\naliases = ["the group"]\n[b]\nname = "B"\naliases = ["The Group"]\n')
    with pytest.raises(ConfigurationError, match="both"):
        ActorDictionary.load(shared_alias)
    unknown_field = tmp_path / "field.toml"
    unknown_field.write_text('[a]\nname = "A"\nalias = ["A"]\n')
    with pytest.raises(ConfigurationError, match="unknown fields"):
        ActorDictionary.load(unknown_field)


def test_actors_component_uses_a_configured_dictionary(tmp_path):
    path = tmp_path / "actors.toml"
    path.write_text('[blue_army]\nname = "Blue Army"\naliases = ["Blues"]\ntype = "rebel group"\n')
    nlp = spacy.blank("en")
    nlp.add_pipe("corroborate_actors", config={"actors_path": str(path)})
    doc = nlp("The Blues took the hill from ISIS.")
    assert [(s.text, s._.actor_entry.name) for s in doc.spans[ACTOR_SPANS]] == [("Blues", "Blue Army")]


def test_actors_component_marks_names_with_case_rules(blank_nlp):
    assert actor_spans(blank_nlp, "IS fighters attacked the town where the US envoy was.") == [
        ("IS fighters", "Islamic State"),
        ("US", "United States"),
    ]
    assert actor_spans(blank_nlp, "This is what is left to us.") == []
    assert actor_spans(blank_nlp, "THIS IS WHAT THE US DOES") == []


def test_actors_component_prefers_the_longest_name(blank_nlp):
    assert actor_spans(blank_nlp, 'The "Army of Conquest" and the Free Syrian Army advanced.') == [
        ("Army of Conquest", "Jaish al-Fatah"),
        ("Free Syrian Army", "Free Syrian Army"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russian warplanes struck.", [("Russian warplanes", "Russian Armed Forces")]),
        ("Syrian government forces shelled.", [("Syrian government forces", "Syrian Arab Army")]),
        ("Israeli jets struck.", [("Israeli jets", "Israel Defense Forces")]),
        ("Kurdish fighters advanced.", [("Kurdish fighters", "Kurdish forces")]),
        ("Islamist gunmen opened fire.", [("Islamist gunmen", "Jihadist militants")]),
        ("Five died in rebel shelling.", [("rebel shelling", "Armed opposition")]),
        ("A US-led coalition airstrike hit.", [("US-led coalition airstrike", "US-led coalition")]),
        ("Russian air strikes hit.", [("Russian air strikes", "Russia")]),
        ("ISIS militants attacked.", [("ISIS militants", "Islamic State")]),
        ("Syrian rebels attacked.", [("rebels", "Armed opposition")]),
        ("Turkish troops crossed.", [("Turkish troops", "Turkish Armed Forces")]),
        ("Jets struck Iranian positions.", [("Jets", "Unidentified aircraft"), ("Iranian positions", "Iran")]),
    ],
)
def test_actors_component_reads_attributive_forms(blank_nlp, text, expected):
    assert actor_spans(blank_nlp, text) == expected


def test_actors_component_marks_coordinated_and_backing_states(blank_nlp):
    assert actor_spans(blank_nlp, "Russian and Syrian warplanes pounded the city.") == [
        ("Russian and Syrian warplanes", "Russian Armed Forces"),
        ("Syrian warplanes", "Syrian Arab Air Force"),
    ]
    assert actor_spans(blank_nlp, "Turkish-backed rebels took the village.") == [
        ("Turkish", "Turkey"),
        ("Turkish-backed rebels", "Turkish-backed opposition forces"),
    ]
    assert actor_spans(blank_nlp, "U.S.-backed fighters took the village.") == [
        ("U.S.-backed", "United States"),
        ("fighters", "Unidentified armed men"),
    ]


def test_actors_component_marks_sources_apart(blank_nlp):
    doc = blank_nlp("Ten died, according to the Syrian Observatory for Human Rights and SANA.")
    assert list(doc.spans[ACTOR_SPANS]) == []
    assert [(s.text, s._.source_entry.alignment) for s in doc.spans[SOURCE_SPANS]] == [
        ("Syrian Observatory for Human Rights", "opposition"),
        ("SANA", "pro-government"),
    ]


def test_actors_perpetrator_class_is_the_first_perpetrator_with_a_class(actors):
    def actor(role, name):
        entry = actors.by_name(name)
        if entry is None:
            return Actor(role=role, text=name, name=name, type=ActorType.unknown)
        return Actor(role=role, text=name, name=entry.name, type=entry.type)

    assert perpetrator_class([]) == "unknown"
    assert perpetrator_class([actor("target", "Islamic State")]) == "unknown"
    assert perpetrator_class([actor("perpetrator", "Unidentified aircraft")]) == "unknown"
    # The story leads with its perpetrator: a side named later does not outrank it.
    assert perpetrator_class([actor("perpetrator", "Armed opposition"), actor("perpetrator", "Islamic State")]) == (
        "armed opposition groups"
    )
    # Perpetrators without a class are passed over.
    unclassed_first = [actor("perpetrator", "Unidentified armed men"), actor("perpetrator", "Islamic State")]
    assert perpetrator_class(unclassed_first) == ISIS
    assert (
        perpetrator_class([actor("sponsor", "Turkey"), actor("perpetrator", "Turkish army"), actor("perpetrator", "Syrian Arab Army")])
        == GOVERNMENT
    )
    assert perpetrator_class([actor("perpetrator", "Some Brigade"), actor("perpetrator", "rebels")]) == ("armed opposition groups")


def test_actors_component_reads_possessives_without_apostrophes(blank_nlp):
    # text whose apostrophes were stripped: "the coalition's strikes" written "the coalitions strikes"
    assert actor_spans(blank_nlp, "The coalitions strikes hit the town.") == [("The coalitions strikes", "Coalition (unspecified)")]
    assert actor_spans(blank_nlp, "Assads forces and Syrias army moved in, and Syria's regime said so.") == [
        ("Assads forces", "Syrian Arab Army"),
        ("Syrias army", "Syrian Arab Army"),
        ("Syria's regime", "Syrian government"),
    ]
    # a plural name is not read as a possessive
    assert actor_spans(blank_nlp, "Rebels advanced.") == [("Rebels", "Armed opposition")]


def test_actors_component_allegiance_compounds_and_fighters(blank_nlp):
    assert actor_spans(blank_nlp, "Qaeda-linked militants and Iran-allied militias attacked.") == [
        ("Qaeda-linked militants", "al-Qaeda"),
        ("Iran-allied militias", "Iran"),
    ]
    # the nationality of the state at war with itself does not make fighters its army
    assert actor_spans(blank_nlp, "Syrian fighters advanced.") == [("fighters", "Unidentified armed men")]
    assert actor_spans(blank_nlp, "Regime fighters advanced.") == [("Regime fighters", "Syrian government")]
