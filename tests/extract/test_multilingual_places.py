"""Place names in any script for the reduced languages: inflected names, the text's country, Arabic
common nouns and clitics (invented sentences; real GeoNames names)."""

from __future__ import annotations

import pytest

from corroborate.extract.multilingual import (
    home_country,
    load_lexicon,
    normalise_arabic,
    places_in,
    sentences_of,
)
from corroborate.extract.multilingual.places import _arabic_common_nouns, _inflection_of
from tools.build_place_names_multilingual import name_script


def found(text: str, language: str) -> list[tuple[str, str]]:
    lexicon = load_lexicon(language)
    return [(m.place.name, m.place.country) for s in sentences_of(text, language) for m in places_in(s, text, lexicon)]


@pytest.mark.parametrize(
    ("word", "name", "inflected"),
    [
        ("одессе", "одесса", True),  # Russian locative
        ("львові", "львів", False),  # a vowel change inside the word is not an ending
        ("novgorodu", "novgorod", True),
        ("kharkiv", "khar", False),  # a short name does not begin a longer one
        ("хомсе", "хомс", True),
    ],
)
def test_multilingual_places_inflection(word, name, inflected):
    assert _inflection_of(word, name) is inflected


def test_multilingual_places_cyrillic_and_greek_names_resolve():
    # French lexicon words around names in other scripts: the place lookup reads any script.
    assert ("Odesa", "UA") in found("Une frappe sur Одессе a tué trois personnes.", "fr")
    assert any(country == "UA" for _, country in found("Des tirs à Запорожье ont tué deux civils.", "fr"))


def test_multilingual_places_a_lowercase_word_is_no_name():
    assert found("des tirs à одессе ont tué deux civils.", "fr") == []


@pytest.mark.parametrize(
    ("name", "script"),
    [("Одесса", "cyrl"), ("Αθήνα", "grek"), ("אודסה", "hebr"), ("أوديسا", "arab"), ("اودسا", "arab"),
     ("اودیسا", "arab-ext"), ("Odessa", "latn"), ("ODS", None), ("odesa", None), ("Odesa 2", None)],
)  # fmt: skip
def test_multilingual_places_name_script(name, script):
    assert name_script(name) == script


def test_multilingual_places_arabic_home_country_is_where_its_towns_are():
    text = "قصف على حلب. وقتل خمسة في حلب وإدلب."
    assert home_country(text, "ar") == "SY"


def test_multilingual_places_a_word_with_and_without_its_article_is_a_common_noun():
    text = "قصفت الطائرات الجامعة. وقتل عشرة في جامعة المدينة."
    assert normalise_arabic("جامعة") in _arabic_common_nouns(text)
    assert normalise_arabic("حلب") not in _arabic_common_nouns("قصف على حلب. حلب")


def test_multilingual_places_a_place_abroad_loses_to_the_texts_country():
    text = "قصف على حلب وإدلب. وقتل خمسة في حلب."
    assert {country for _, country in found(text, "ar")} == {"SY"}


def test_multilingual_places_same_in_every_process():
    """A word's forms are a frozenset, whose order changes with the string hash seed: the lookups take
    them longest first, so an inflected name resolves the same in every process (it once came out as
    Kramatorsk or as nothing, by seed)."""
    import json
    import os
    import subprocess
    import sys

    text = "В Краматорске в пятницу ракета попала в вокзал, погибли 12 человек. В Краматорську загинули люди."
    script = (
        "import json, sys; from tests.extract.test_multilingual_places import found; "
        f"print(json.dumps([found({text!r}, 'ru'), found({text!r}, 'uk')]))"
    )
    answers = set()
    for seed in ("0", "1", "2", "3"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True)
        answers.add(result.stdout)
    assert len(answers) == 1, answers
    russian, ukrainian = json.loads(answers.pop())
    assert ["Kramatorsk", "UA"] in russian and ["Kramatorsk", "UA"] in ukrainian


def test_multilingual_places_inflected_names_are_read_by_the_word_as_written():
    """A word of a prefix-matching language carries its stems among its forms, in no set order (it changed
    with the hash seed): whichever form comes first, the name is read by the word as written."""
    from dataclasses import replace

    from corroborate.extract.multilingual import Word, words_of
    from corroborate.extract.multilingual.places import _other_script_names

    words = words_of("удар по вокзалу в Краматорске", "ru")
    word = words[-1]
    assert len(word.forms) > 1 and word.exact < word.forms
    for form in word.forms:
        alone: list[Word] = [*words[:-1], replace(word, forms=frozenset({form}))]
        assert _other_script_names(alone, len(words) - 1, 1) == _other_script_names(words, len(words) - 1, 1) is not None, form
