"""corroborate.lang: every language's word classes load, rule modules define none, and the code tables read both ways."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from corroborate import causes, precision
from corroborate.lang import Lexicon, UnknownWordClass, languages, lexicon

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "corroborate"
EXTRACT = PACKAGE / "extract"
RULE_MODULES = sorted([*EXTRACT.rglob("*.py"), *(PACKAGE / "ingest").rglob("*.py")])
# Modules whose regular expressions match words of a language: the rules, and the readers of text signals and
# reference files.
REGEX_MODULES = [*RULE_MODULES, PACKAGE / "signals.py", PACKAGE / "check.py"]

ACCESSORS = {
    "words": Lexicon.words,
    "sequence": Lexicon.sequence,
    "phrases": Lexicon.phrases,
    "mapping": Lexicon.mapping,
    "groups": Lexicon.mapping,
    "phrase_mapping": Lexicon.phrase_mapping,
    "patterns": Lexicon.patterns,
}

# Module-level tuples and sets of strings in extract/ and ingest/ that are not words of a language: grammar codes (dependency
# labels, POS tags, entity labels), a record's field names, a dataset's classes, script and language codes.
NOT_VOCABULARY = {
    "__all__",
    "FAKES_CLASSES",
    "ALIGNMENTS",
    "SOURCE_KINDS",
    "FEATURES",
    "REDUCED_LANGUAGES",
    "FACTORIES",  # spaCy component names
    "_FOLDS",
    "_OTHER_SCRIPTS",
    "_DASHES",
    "PUBLISHED_FROM",  # ingest.pubdate: the values of Article.published_from
    "_QUERY_DATE_KEYS",  # ingest.pubdate: URL query parameter names
}
GRAMMAR_SUFFIXES = ("_DEPS", "_POS", "_TAGS", "_LABELS", "_ENTITIES", "_FIELDS", "_COLUMNS")


def test_lang_languages_have_folders():
    assert {"en", "fr", "ar"} <= set(languages())


@pytest.mark.parametrize("code", languages())
def test_lang_every_class_loads_for_every_language(code):
    language = lexicon(code)
    for name in language.classes():
        assert language.note(name).strip(), f"{code}: {name} has no note"
        value = ACCESSORS[language.shape(name)](language, name)
        assert value, f"{code}: {name} is empty"
    if code == "en":
        assert len(language.classes()) > 100
        assert language.table("triggers")["trigger"]
    else:
        assert language.table("reduced")["trigger"]


def test_lang_unknown_class_names_language_and_class():
    with pytest.raises(UnknownWordClass, match=r"'en'.*'no_such_words'"):
        lexicon("en").words("no_such_words")
    with pytest.raises(UnknownWordClass, match=r"'xx'"):
        Lexicon.load("xx")


def test_lang_a_class_asked_in_the_wrong_shape_says_its_shape():
    with pytest.raises(UnknownWordClass, match="month_numbers.*mapping class, not words"):
        lexicon("en").words("month_numbers")


def test_lang_extends_joins_a_base_class_and_its_extension():
    en = lexicon("en")
    assert en.words("war_nouns") < en.words("war_onset_nouns")
    assert "protest" in en.words("war_onset_nouns") and "protest" not in en.words("war_nouns")
    assert en.words("reporting_verbs") < en.words("speaker_verbs")
    assert en.mapping("month_numbers")["january"] == 1 and en.mapping("month_numbers")["sept"] == 9
    assert en.mapping("weekday_numbers")["monday"] == 0 and en.mapping("weekday_numbers")["thurs"] == 3


def test_lang_a_class_written_twice_is_an_error():
    table = {"note": "x", "words": ["a"]}
    with pytest.raises(ValueError, match="both"):
        Lexicon("xx", {"one": {"dup": table}, "two": {"dup": table}})


def _string_items(node: ast.expr) -> int:
    """How many string literals a set, tuple or list literal (or frozenset(...) / "...".split() of one) lists."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("frozenset", "set", "tuple", "list"):
        return sum(_string_items(arg) for arg in node.args)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split":
        value = node.func.value
        return len(value.value.split()) if isinstance(value, ast.Constant) and isinstance(value.value, str) else 0
    if isinstance(node, ast.BinOp):
        return _string_items(node.left) + _string_items(node.right)
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return sum(1 for element in node.elts if isinstance(element, ast.Constant) and isinstance(element.value, str))
    return 0


def literal_word_lists(path: Path) -> list[str]:
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        name = getattr(target, "id", "")
        if name in NOT_VOCABULARY or name.endswith(GRAMMAR_SUFFIXES):
            continue
        if _string_items(value) > 3:
            found.append(f"{path.name}:{node.lineno} {name}")
    return found


def test_lang_no_rule_module_defines_a_word_list():
    assert len(RULE_MODULES) > 10
    assert [hit for module in RULE_MODULES for hit in literal_word_lists(module)] == []


def test_lang_the_word_list_check_finds_a_literal_list(tmp_path):
    module = tmp_path / "rule.py"
    module.write_text(
        'VICTIMS = frozenset({"dead", "killed", "wounded", "injured"})\nCODES = frozenset({"nsubj"})\nNOUN_DEPS = ("a", "b", "c", "d")\n'
    )
    assert literal_word_lists(module) == ["rule.py:1 VICTIMS"]


# Three or more plain words as whole branches of an alternation ("(?:last|this|past)", "|today|tonight|overnight"):
# the words of a language written into a regular expression instead of asked of its lexicon.
WORD_ALTERNATION = re.compile(r"(?:^|(?<=[(:>|]))(?:[^\W\d_]+\|){2,}[^\W\d_]+(?=$|[)|]|\\b)")


def regex_word_alternations(path: Path) -> list[str]:
    """String literals (f-string parts included, docstrings left out) of a module that alternate plain words."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found += [f"{path.name}:{node.lineno} {match.group()}" for match in WORD_ALTERNATION.finditer(node.value)]
    return found


def test_lang_no_rule_module_writes_words_into_a_regular_expression():
    assert len(REGEX_MODULES) > 10
    assert [hit for module in REGEX_MODULES for hit in regex_word_alternations(module)] == []


def test_lang_the_regex_check_finds_words_in_an_alternation(tmp_path):
    module = tmp_path / "rule.py"
    module.write_text(
        "import re\n"
        'AGO = re.compile(r"(?P<unit>day|week|month)s?\\s+ago")\n'
        'WHEN = re.compile(rf"\\b(?:{AGO}|today|tonight|overnight)\\b")\n'
        'FIGURE = re.compile(r"(?:\\d+|[-–—]|a|b)")\n'  # marks and single letters: no three words
        'DAY = re.compile(r"\\d{1,2}(?:st|nd)?")\n'
        'def f():\n    """one|two|three in a docstring"""\n'
    )
    assert regex_word_alternations(module) == ["rule.py:2 day|week|month", "rule.py:3 today|tonight|overnight"]


def test_lang_alternation_builds_a_group_longest_first():
    language = Lexicon(
        "xx",
        {
            "dates": {
                "units": {"note": "x", "words": ["week", "weekend", "day"]},
                "links": {"note": "x", "phrases": [["in", "the"], ["at"]]},
                "mentions": {"note": "x", "patterns": ["last\\s+(?:night|week)", "today"]},
                "signs": {"note": "x", "words": ["a.m.", "e-mail"]},
            }
        },
    )
    assert language.alternation("units") == "(?:weekend|week|day)"
    assert language.alternation("links") == r"(?:in\s+the|at)"
    assert language.alternation("links", space=" ") == "(?:in the|at)"
    assert language.alternation("units", capitalised=True) == "(?:Weekend|Week|Day)"
    assert language.alternation("mentions") == r"(?:last\s+(?:night|week)|today)"  # patterns: as written, in order
    assert re.fullmatch(language.alternation("signs"), "a.m.") and not re.fullmatch(language.alternation("signs"), "aim.")
    assert re.fullmatch(rf"(?P<unit>{language.alternation('units')})", "weekend")["unit"] == "weekend"


@pytest.mark.parametrize("code", languages())
def test_lang_every_pattern_class_compiles(code):
    language = lexicon(code)
    for name in language.classes():
        re.compile(language.alternation(name))


def test_lang_page_words_are_asked_of_each_language():
    assert "page_stamps" in lexicon("ru") and "page_stamps" in lexicon("en")
    assert "anniversary_words" in lexicon("fr") and "anniversary_words" not in lexicon("ru")
    assert lexicon("ar").mapping("anniversary_ordinals")["العاشرة"] == 10
    from corroborate.ingest.pubdate import page_stamp

    assert page_stamp("Архив: 12 мая 2016") and page_stamp("Consulté le 3 mai 2016") and not page_stamp("12 May 2016")


def test_lang_pubdate_does_not_import_spacy():
    code = "import sys, corroborate.ingest.pubdate, corroborate.lang; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_lang_cause_table_reads_both_ways():
    names = causes.priority()
    assert names[0] == "chemical" and names[-1] == "other" and len(set(names)) == len(names)
    for cause in causes.table():
        if cause.sub_event_type:
            # the cause an exported sub-event type is read back as writes that same sub-event type
            back = causes.cause_of_acled(cause.sub_event_type)
            assert back is not None and causes.sub_event_types(cause.event_type)[back] == cause.sub_event_type
        for sub_event in cause.acled_reads:
            assert causes.cause_of_acled(sub_event.upper()) == cause.name
        if cause.family:
            assert cause.name in causes.causes_of_family(cause.family)
        if cause.fakes:
            assert cause.name in causes.causes_of_fakes(cause.fakes)
    assert causes.causes_of_fakes("explosion") == ("suicide bomb", "car bomb", "IED", "explosion")
    assert causes.event_types()["execution"] == "Violence against civilians"


@pytest.mark.parametrize(
    ("dataset", "field"), [("acled", "geo_precision"), ("acled", "time_precision"), ("ucdp", "where_prec"), ("ucdp", "date_prec")]
)
def test_lang_precision_codes_read_back_to_the_code_written(dataset, field):
    written, read = precision.write(dataset, field), precision.read(dataset, field)
    for value, code in written.items():
        assert written[read[str(code)]] == code, f"{dataset} {field}: {value} -> {code}"
