"""Hand-built extractions of the reports in tests/fixtures/credibility/ (no spaCy model).

Claims point at their phrase in the fixture text, as the extractor's evidence does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from corroborate.models import (
    Article,
    ArticleHeader,
    Casualties,
    CasualtyCount,
    Certainty,
    Claim,
    Evidence,
    Extraction,
    Incident,
    IncidentDate,
    Place,
    PlacePrecision,
    Precision,
    Victims,
)

FIXTURES = Path(__file__).parent / "fixtures" / "credibility"
DAY = dt.date(2023, 3, 14)
SARAQIB = Place(name="Saraqib", admin1="Idlib", country="SY", lat=35.86447, lon=36.80591, precision=PlacePrecision.exact)
OUTLETS = {"observer": "Levant Observer", "herald": "Damascus Herald", "wire": "North Wire"}

# name -> (field, value, phrase in the text, source or None for the outlet, certainty)
CLAIMS: dict[str, list[tuple[str, object, str, Optional[str], Certainty]]] = {
    "observer": [
        ("casualties.killed", 12, "killed 12 civilians", "the Syrian Observatory for Human Rights", Certainty.reported),
        ("casualties.victims.civilians", 12, "killed 12 civilians", "the Syrian Observatory for Human Rights", Certainty.reported),
        ("casualties.victims.children", 3, "three children", "Activists", Certainty.reported),
        ("cause", "shelling", "Shelling", "the Syrian Observatory for Human Rights", Certainty.reported),
    ],
    "herald": [
        ("casualties.killed", 40, "killing 40 civilians", None, Certainty.asserted),
        ("casualties.victims.civilians", 40, "killing 40 civilians", None, Certainty.asserted),
        ("cause", "shelling", "shelled", None, Certainty.asserted),
    ],
    "wire": [
        ("casualties.killed", 12, "At least 12 people were killed", "Rami Abdel Rahman", Certainty.reported),
        ("cause", "shelling", "shelling", "Rami Abdel Rahman", Certainty.reported),
    ],
}


def fixture_text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def sentence_around(text: str, start: int) -> str:
    begin = text.rfind(". ", 0, start)
    end = text.find(". ", start)
    return text[0 if begin < 0 else begin + 2 : len(text) if end < 0 else end + 1].strip()


def make_claim(text: str, field: str, value, phrase: str, source: str, certainty: Certainty) -> Claim:
    start = text.index(phrase)
    evidence = Evidence(start=start, end=start + len(phrase), sentence=sentence_around(text, start))
    return Claim(field=field, value=value, source=source, certainty=certainty, evidence=evidence)


def report(name: str, *, outlet: Optional[str] = None, url: Optional[str] = None) -> tuple[Article, Extraction]:
    """The fixture article `name` and its extraction: one violent incident in Saraqib."""
    text = fixture_text(name)
    outlet = outlet or OUTLETS[name]
    claims = [
        make_claim(text, field, value, phrase, source or outlet, certainty) for field, value, phrase, source, certainty in CLAIMS[name]
    ]
    killed = next(int(c.value) for c in claims if c.field == "casualties.killed")
    civilians = next((int(c.value) for c in claims if c.field == "casualties.victims.civilians"), None)
    incident = Incident(
        id="i1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        violent=True,
        cause="shelling",
        date=IncidentDate(start=DAY, end=DAY, precision=Precision.day, text="Tuesday"),
        location=SARAQIB,
        casualties=Casualties(
            killed=CasualtyCount(low=killed, best=killed, high=killed, text=str(killed)),
            victims=Victims(civilians=CasualtyCount(low=civilians, best=civilians, high=civilians) if civilians else None),
        ),
        claims=claims,
        summary=sentence_around(text, 0),
    )
    article = Article(id=f"{name}-article", text=text, outlet=outlet, url=url, published=DAY, external_id=name)
    header = ArticleHeader(id=article.id, outlet=outlet, url=url, published=DAY, external_id=name)
    return article, Extraction(article=header, incidents=[incident])


def all_reports() -> list[tuple[Article, Extraction]]:
    return [report(name) for name in OUTLETS]
