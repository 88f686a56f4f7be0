"""The pipeline is components all the way: a Doc with its publication date in, incidents out, for every language."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import corroborate.extract.components as components
from corroborate.extract.multilingual import REDUCED_LANGUAGES
from corroborate.extract.pipeline import PARAGRAPH_COMPONENT, PIPELINE_COMPONENTS, load_pipeline

PUBLISHED = dt.date(2016, 3, 10)  # a Thursday
EXTRACT = Path(components.__file__).parent

# Invented reports: a toll, the wounded, a relative day, a place and who says so.
ENGLISH = "Gunmen killed 12 people and wounded 30 others in Homs yesterday, the Syrian Observatory for Human Rights said."
FRENCH = "Au moins 12 personnes ont été tuées et 30 blessées hier dans un bombardement à Alep, selon l'Observatoire."
ARABIC = "قتل 12 شخصا وأصيب 30 آخرون أمس في قصف على مدينة حلب، بحسب المرصد السوري لحقوق الإنسان."


def read(nlp: Language, text: str, published=PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def assert_the_incident(doc, *, rules: str) -> None:
    incident = doc._.incidents[0]
    assert doc._.rules == rules
    assert incident.casualties.killed.best == 12 and incident.casualties.injured.best == 30
    assert incident.date.start == dt.date(2016, 3, 9) and incident.date.precision == "day"  # "yesterday" of the 10th
    assert incident.location.name in ("Homs", "Aleppo")
    assert any(claim.field == "casualties.killed" and claim.certainty == "reported" for claim in incident.claims)


@pytest.mark.model
def test_components_english_doc_with_published_yields_incidents():
    doc = read(load_pipeline(), ENGLISH)
    assert_the_incident(doc, rules="parse")
    assert doc._.notes == []
    # Without a publication date the relative day stays unresolved.
    assert read(load_pipeline(), ENGLISH, published=None)._.incidents[0].date.start is None


@pytest.mark.parametrize("language, text", [("fr", FRENCH), ("ar", ARABIC)])
def test_components_surface_doc_with_published_yields_incidents(language, text):
    doc = read(load_pipeline(language=language), text)
    assert_the_incident(doc, rules="surface")
    assert f"rules: surface (no parse for {language})" in doc._.notes
    assert [span._.date.start for span in doc.spans["dates"]] == [dt.date(2016, 3, 9)]


@pytest.mark.model
def test_components_nlp_pipe_reads_docs_with_their_dates():
    nlp = load_pipeline()
    docs = [nlp.make_doc(ENGLISH), nlp.make_doc(ENGLISH)]
    docs[0]._.published, docs[1]._.published = PUBLISHED, dt.date(2016, 3, 20)
    dates = [doc._.incidents[0].date.start for doc in nlp.pipe(docs)]
    assert dates == [dt.date(2016, 3, 9), dt.date(2016, 3, 19)]


def _assigned(doc, attribute: str, new_groups: list[str]) -> bool:
    obj, _, name = attribute.partition(".")
    if attribute == "doc.spans":
        return bool(new_groups)
    if attribute == "token.is_sent_start":
        return doc.has_annotation("SENT_START")
    if obj == "doc" and name.startswith("_."):
        return getattr(doc._, name[2:]) is not None
    if obj == "span" and name.startswith("_."):
        spans = [span for key in new_groups for span in doc.spans[key]]
        return bool(spans) and all(getattr(span._, name[2:]) is not None for span in spans)
    raise AssertionError(f"no check for {attribute}")


def assert_components_assign_what_they_declare(nlp: Language, text: str) -> None:
    doc = nlp.make_doc(text)
    doc._.published = PUBLISHED
    for name, component in nlp.pipeline:
        before = set(doc.spans)
        doc = component(doc)
        new_groups = sorted(set(doc.spans) - before)
        if name in PIPELINE_COMPONENTS or name == PARAGRAPH_COMPONENT:
            assigns = nlp.get_pipe_meta(name).assigns
            assert assigns, name
            for attribute in assigns:
                assert _assigned(doc, attribute, new_groups), f"{name} declares {attribute} but did not set it"
            key = nlp.get_pipe_config(name).get("spans_key")
            assert key is None or key in new_groups


@pytest.mark.model
def test_components_english_assign_what_they_declare():
    assert_components_assign_what_they_declare(load_pipeline(), f"Twelve killed in Homs\n\n{ENGLISH}")  # a headline: a paragraph


@pytest.mark.parametrize("language, text", [("fr", FRENCH), ("ar", ARABIC)])
def test_components_surface_assign_what_they_declare(language, text):
    assert_components_assign_what_they_declare(load_pipeline(language=language), text)


def test_components_registry_module_lists_every_factory():
    for name in components.FACTORIES:
        assert Language.has_factory(name)
        assert spacy.registry.factories.get(name).__module__ == components.__name__
    assert set(PIPELINE_COMPONENTS) | {PARAGRAPH_COMPONENT} == set(components.FACTORIES)
    registered = [str(node.args[0].value) for node in ast.walk(ast.parse(Path(components.__file__).read_text())) if _registers(node)]
    assert sorted(registered) == sorted(components.FACTORIES)


def _registers(node: ast.AST) -> bool:
    """A call of Language.factory or Language.component."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("factory", "component")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "Language"
    )


def test_components_no_other_module_registers_a_factory():
    others = [path.name for path in sorted(EXTRACT.glob("*.py")) if path.name != "components.py"]
    assert "pipeline.py" in others and "places.py" in others
    for name in others:
        tree = ast.parse((EXTRACT / name).read_text(encoding="utf-8"))
        assert not any(_registers(node) for node in ast.walk(tree)), f"{name} registers a spaCy factory"


@pytest.mark.model
def test_components_blank_language_pipeline_has_the_english_component_names():
    english = [name for name in load_pipeline().pipe_names if name in PIPELINE_COMPONENTS]
    assert english == list(PIPELINE_COMPONENTS)
    for language in ("fr", "ar", "ru"):
        nlp = load_pipeline(language=language)
        assert nlp.pipe_names == ["sentencizer", *english]
        assert {nlp.get_pipe_config(name)["rules"] for name in english} == {"surface"}
        assert {nlp.get_pipe_config(name)["language"] for name in english} == {language}


def test_components_spans_key_comes_from_config():
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("corroborate_dates", config={"spans_key": "when", "rules": "surface", "language": "fr"})
    doc = read(nlp, "Un obus a tué trois personnes hier à Alep.")
    assert "when" in doc.spans and "dates" not in doc.spans
    assert [span.text for span in doc.spans["when"]] == ["hier"]


def test_components_unknown_rules_are_an_error():
    nlp = spacy.blank("fr")
    with pytest.raises(ValueError, match="rules must be one of"):
        nlp.add_pipe("corroborate_casualties", config={"rules": "guess", "language": "fr"})


def test_components_every_reduced_language_has_a_pipeline():
    for language in REDUCED_LANGUAGES:
        assert load_pipeline(language=language).pipe_names[-1] == "corroborate_incidents"


@pytest.mark.model
def test_components_build_incidents_reads_a_doc_without_the_reading_components():
    """The grouping reads what it needs itself from a Doc the dates, casualties and attribution components did
    not annotate, and gives what the pipeline gives."""
    from corroborate.extract.incidents import build_incidents

    nlp = load_pipeline()
    text = f"{ENGLISH} Two days later a car bomb killed 5 people in Aleppo, activists said."
    whole = read(nlp, text)
    with nlp.select_pipes(disable=["corroborate_dates", "corroborate_casualties", "corroborate_attribution", "corroborate_incidents"]):
        bare = read(nlp, text)
    assert bare._.incidents is None and bare._.casualties is None and "dates" not in bare.spans
    assert [i.model_dump() for i in build_incidents(bare)] == [i.model_dump() for i in whole._.incidents]
    assert len([i for i in whole._.incidents if i.violent]) == 2
