"""The actor dictionary beyond Syria and beyond English: the other conflicts' actors and the
`aliases_<code>` names the Arabic and French reduced rules read."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.dictionaries import ActorDictionary, _words, is_capitals
from corroborate.errors import ConfigurationError
from corroborate.extract.incidents import main_incident
from corroborate.extract.multilingual import load_lexicon, perpetrators_in, sentences_of, triggers_in
from corroborate.extract.multilingual.words import _lexicon_file, _phrase
from corroborate.extract.pipeline import extract_text
from corroborate.extract.places import common_words
from corroborate.models import ActorType

PUBLISHED = dt.date(2024, 3, 12)
LANGUAGES = ("ar", "fr")


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.default()


def perpetrators(text: str, language: str) -> list[str]:
    lexicon = load_lexicon(language)
    (sentence,) = sentences_of(text, language)
    return [m.actor.name for m in perpetrators_in(sentence, triggers_in(sentence, lexicon), lexicon)]


def main_perpetrators(text: str) -> tuple[str, list[str]]:
    extraction = extract_text(text, published=PUBLISHED)
    incident = main_incident(extraction.incidents)
    return extraction.article.language or "", [a.name for a in incident.actors if a.role == "perpetrator"] if incident else []


# --------------------------------------------------------------------------- the file


def test_every_actor_has_arabic_and_french_names(actors):
    assert len(actors) >= 140
    missing = [(entry.key, language) for entry in actors for language in LANGUAGES if not entry.aliases_in(language)]
    assert missing == []


OTHER_CONFLICTS = ["houthis", "yemeni_government", "yemeni_armed_forces", "southern_transitional_council", "aqap",
                   "libyan_national_army", "libyan_tripoli_government", "africa_corps", "sudanese_armed_forces",
                   "rapid_support_forces", "al_shabaab", "somali_national_army", "african_union_mission_somalia", "jnim",
                   "islamic_state_sahel", "iswap", "boko_haram", "malian_armed_forces", "burkinabe_armed_forces", "vdp",
                   "nigerien_armed_forces", "nigerian_armed_forces", "iraqi_security_forces", "peshmerga", "kataib_hezbollah",
                   "islamic_resistance_in_iraq", "hamas", "qassam_brigades", "palestinian_islamic_jihad", "ukraine",
                   "ukrainian_armed_forces", "taliban", "pakistani_taliban", "islamic_state_khorasan", "afghan_forces", "egypt",
                   "china", "germany", "african_union", "ecowas", "gulf_cooperation_council", "unifil"]  # fmt: skip
ALREADY_LISTED = ["saudi_led_coalition", "wagner_group", "popular_mobilization_forces", "israel_defense_forces", "hezbollah",
                  "russian_armed_forces", "ypg", "syrian_democratic_forces", "pkk", "united_nations", "nato", "european_union"]  # fmt: skip


@pytest.mark.parametrize("key", OTHER_CONFLICTS + ALREADY_LISTED)
def test_other_conflicts_actors_are_listed_once_those_outside_syria_without_a_fakes_class(actors, key):
    entry = actors.get(key)
    assert entry is not None and entry.aliases and entry.aliases_in("ar") and entry.aliases_in("fr")
    if key in OTHER_CONFLICTS:
        assert entry.fakes_class == "unknown"


def test_an_iraqi_force_is_not_the_iraqi_state(actors):
    assert actors.lookup("Iraqi army").key == "iraqi_security_forces" and actors.lookup("Iraqi government").key == "iraq"


def test_no_name_belongs_to_two_actors_in_one_language(actors):
    """As the reduced rules compare them: after the language's folding (Arabic letter variants, accents, case)."""
    for language in LANGUAGES:
        owners: dict[tuple[str, ...], set[str]] = {}
        for entry in actors:
            for name in entry.aliases_in(language):
                owners.setdefault(_phrase(name, language), set()).add(entry.key)
        assert {key: keys for key, keys in owners.items() if len(keys) > 1} == {}, language


def test_the_lexicons_perpetrator_names_agree_with_the_dictionary(actors):
    for language in LANGUAGES:
        named = {_phrase(name, language): key for name, key in actors.names_in(language).items()}
        table = {k: v for k, v in _lexicon_file(language).get("perpetrators", {}).items() if k not in ("note", "linking")}
        assert {name: key for name, key in table.items() if named.get(_phrase(name, language), key) != key} == {}


def test_foreign_names_are_not_english_names(actors):
    assert actors.lookup("الحوثيين") is None and actors.lookup("armée syrienne") is None
    assert actors.lookup("Houthi rebels").key == "houthis"


def test_foreign_alias_fields_are_validated(tmp_path):
    path = tmp_path / "actors.toml"
    path.write_text('[a]\nname = "A"\naliases_ar = ["الف"]\naliases_fr = ["Alpha", "A"]\n', encoding="utf-8")
    entry = ActorDictionary.load(path).get("a")
    assert entry.aliases_in("ar") == ("الف",) and entry.aliases_in("fr") == ("Alpha", "A") and entry.aliases_in("de") == ()
    path.write_text('[a]\nname = "A"\naliases_arabic = ["الف"]\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="unknown fields"):
        ActorDictionary.load(path)
    path.write_text('[a]\nname = "A"\naliases_fr = ["Armée X"]\n[b]\nname = "B"\naliases_fr = ["armee x"]\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="belongs to both"):
        ActorDictionary.load(path)
    path.write_text('[a]\nname = "A"\naliases_fr = ["Alpha"]\n[b]\nname = "B"\naliases_ar = ["Alpha"]\n', encoding="utf-8")
    assert len(ActorDictionary.load(path)) == 2  # one name in two languages is two names


# --------------------------------------------------------------------------- found as written


def _with_lam(name: str) -> str:
    """The name with the preposition ل attached, as Arabic writes it ("للحوثيين", "لقوات"). Not before a word of
    two letters or one that begins with ل ("للواء"): arabic_forms does not take a clitic off those, so the
    name is then left as written."""
    first = name.split()[0]
    if len(first) <= 2 or first.startswith("ل") and not first.startswith("ال"):
        return name
    return "لل" + name[2:] if name.startswith("ال") else "ل" + name


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("ar", "قتل خمسة أشخاص في غارات شنتها {name}."),
        ("ar", "قتل خمسة أشخاص في غارات {lam}."),
        ("fr", "Cinq personnes ont été tuées dans des bombardements menés par {name}."),
        ("fr", "Cinq personnes ont été tuées dans des bombardements de {name}."),
    ],
)
def test_every_foreign_name_is_found_as_the_perpetrator_after_the_event_words(actors, language, sentence):
    """Each name is stored in the form the reduced rules find, with a clitic attached too; civilians never strike.
    A name may hold event words ("مدفعية الاحتلال", "aviation du régime"): the name itself comes first."""
    wrong = []
    for entry in actors:
        for name in entry.aliases_in(language):
            found = perpetrators(sentence.format(name=name, lam=_with_lam(name)), language)
            expected = [] if entry.type == ActorType.civilians else [entry.name]
            if found[:1] != expected:
                wrong.append((name, found))
    assert wrong == []


# --------------------------------------------------------------------------- ambiguous names

ARABIC_COMMON = ["الشباب", "القاعدة", "البرهان", "مسلح", "المسلح", "الدولة", "الحكومة", "الأمن",
                 "الحشد", "الغرب", "الفصائل", "الجبهة", "الحزب", "المجلس", "الحركة", "القيادة", "الشرق"]  # fmt: skip
FRENCH_COMMON = ["ans", "eau", "au", "armé", "armés", "militaire", "militaires", "terroriste", "état", "front",
                 "sud", "garde", "division", "ceinture", "soldats", "commandement"]  # fmt: skip


@pytest.mark.parametrize(("language", "words"), [("ar", ARABIC_COMMON), ("fr", FRENCH_COMMON)])
def test_common_words_are_no_names(language, words):
    names = load_lexicon(language).perpetrators
    assert [word for word in words if _phrase(word, language) in names] == []


def test_named_english_aliases_are_not_common_words(actors):
    words = common_words()
    single = [
        alias
        for entry in actors
        if not entry.generic
        for alias in (entry.name, *entry.aliases)
        if len(folded := _words(alias)) == 1 and not is_capitals(folded[0]) and folded[0].lower() in words
    ]
    assert single == []


# "a terrorist attack" names the generic terrorists as perpetrator, in English ("terrorist bombing") as in Arabic
# ("التفجير الإرهابي"): state media attribute by that word, and the reports annotate it so; "armed" names nobody.
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ar", "قتل خمسة أشخاص في هجوم مسلح على حاجز."),
        ("ar", "قتل خمسة أشخاص في هجوم الشباب على الحاجز."),
    ],
)
def test_adjectives_and_common_nouns_after_the_event_words_are_no_perpetrator(language, text):
    assert perpetrators(text, language) == []


# --------------------------------------------------------------------------- through the extractor


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("Houthi rebels fired a ballistic missile at Marib on Monday, killing five civilians.", "Houthis"),
        ("Al-Shabaab militants stormed a hotel in Mogadishu on Friday, killing 12 people.", "al-Shabaab"),
        ("The Rapid Support Forces shelled El Fasher on Tuesday, killing 15 civilians, activists said.", "Rapid Support Forces"),
        ("Boko Haram gunmen killed 20 farmers near Maiduguri on Saturday.", "Boko Haram"),
        ("Kataib Hezbollah launched a drone attack on a base in Iraq on Monday, killing three soldiers.", "Kata'ib Hezbollah"),
        ("Islamic State Khorasan Province claimed a suicide bombing in Kabul that killed 30 people on Friday.",
         "Islamic State Khorasan Province"),
        ("JNIM fighters attacked an army post in central Mali on Sunday, killing ten soldiers.", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("Ukrainian drones struck a refinery in Bryansk on Tuesday, killing two workers.", "Ukrainian Armed Forces"),
        ("Sudanese Armed Forces warplanes bombed a market in Nyala on Monday, killing 40 people.", "Sudanese Armed Forces"),
    ],
)  # fmt: skip
def test_english_reports_of_other_conflicts_name_their_perpetrator(text, perpetrator):
    language, found = main_perpetrators(text)
    assert language == "en" and perpetrator in found


@pytest.mark.parametrize(
    ("text", "language", "perpetrator"),
    [
        ("قتل 15 شخصا في قصف مدفعي لقوات الدعم السريع على مدينة الفاشر السودانية، وفق ما أفاد ناشطون.", "ar",
         "Rapid Support Forces"),
        ("قتل ثلاثة أشخاص في غارة جوية لطائرات التحالف العربي على صنعاء، حسبما قال مسؤولون.", "ar", "Saudi-led coalition"),
        ("قتل عشرة أشخاص في غارات للطيران الإسرائيلي على جنوب لبنان يوم الثلاثاء.", "ar", "Israel Defense Forces"),
        ("قتل خمسة مدنيين يوم الاثنين في قصف شنته جماعة الحوثي على مدينة مأرب في اليمن، بحسب مصادر محلية.", "ar", "Houthis"),
        ("لقي 12 شخصا مصرعهم يوم الجمعة في تفجيرات نفذتها حركة الشباب في العاصمة الصومالية مقديشو.", "ar", "al-Shabaab"),
        ("Quinze civils ont été tués mardi dans des bombardements des Forces de soutien rapide sur El-Fasher, au Soudan.", "fr",
         "Rapid Support Forces"),
        ("Douze personnes ont été tuées vendredi dans des tirs des shebab contre un hôtel de Mogadiscio, selon la police.", "fr",
         "al-Shabaab"),
        ("Cinq civils ont été tués lundi dans des raids aériens de l'armée israélienne sur Rafah, selon des sources médicales.", "fr",
         "Israel Defense Forces"),
        ("Six villageois ont été exécutés par les talibans dimanche dans la province de Kandahar, selon des témoins.", "fr", "Taliban"),
    ],
)  # fmt: skip
def test_arabic_and_french_reports_name_their_perpetrator(text, language, perpetrator):
    detected, found = main_perpetrators(text)
    assert detected == language and perpetrator in found
