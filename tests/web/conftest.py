"""A small store for the web tests: three outlets tell one airstrike (conflicting figures, a running update),
a look-alike elsewhere stays apart, a battle in another country, an undated protest. Built from hand-written
Extractions (no model), linked with the real linker, served read-only."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from corroborate.models import (
    Actor,
    Article,
    Casualties,
    CasualtyCount,
    Claim,
    Evidence,
    Extraction,
    Incident,
    IncidentDate,
    Place,
    article_id,
)
from corroborate.store import open_database
from corroborate.store.linking import update_links
from tests.store.conftest import POSTGRES_URL_VARIABLE, empty_postgres

HOSTILE_TITLE = 'Strike on <script>window.__pwned = "script"</script><img src=x onerror="window.__pwned = \'onerror\'"> market'
SARAQIB = dict(text="Saraqib", name="Saraqib", admin1="Idlib", country="SY", lat=35.8623, lon=36.8051, precision="exact", geonameid=163345)
HOMS = dict(text="Homs", name="Homs", admin1="Homs", country="SY", lat=34.7268, lon=36.7234, precision="exact", geonameid=169577)
ODD_ACTOR = "Islamic State (IS/ISIL) #1?"
"""An actor name with a slash, a hash and a question mark: its page's URL must still reach it."""
MOSUL = dict(text="Mosul", name="Mosul", admin1="Nineveh", country="IQ", lat=36.335, lon=43.1189, precision="exact", geonameid=99072)


@dataclass(frozen=True)
class Story:
    text: str
    title: str
    outlet: str
    published: dt.date
    url: str | None
    killed: tuple[int, str, str, str]  # best, phrase as written, who says so, certainty
    place: dict
    day: dt.date | None
    event_type: str = "Explosions/Remote violence"
    sub_event_type: str = "Air/drone strike"
    cause: str = "airstrike"
    perpetrator: tuple[str, str, str] | None = ("Russian jets", "Russia", "foreign state")


STORIES = [
    Story(
        "An airstrike hit the market in Saraqib on Saturday. The civil defence said 12 people were killed. Residents blamed Russian jets.",
        HOSTILE_TITLE,
        "Northern Dispatch",
        dt.date(2016, 3, 6),
        "javascript:alert(document.cookie)",
        (12, "12 people were killed", "civil defence", "reported"),
        SARAQIB,
        dt.date(2016, 3, 5),
    ),
    Story(
        "Warplanes struck a crowded market in Saraqib on Saturday, 5 March. The death toll rose to 21, the Syrian Observatory said. Russian jets were seen overhead.",
        "Saraqib market toll rises",
        "Valley Herald",
        dt.date(2016, 3, 7),
        "https://valley-herald.example/saraqib-market",
        (21, "The death toll rose to 21", "Syrian Observatory", "reported"),
        SARAQIB,
        dt.date(2016, 3, 5),
    ),
    Story(
        "Government media said an air raid on the Saraqib market on 5 March killed 9 militants. Russian jets carried out the raid.",
        "Air raid on Saraqib",
        "State Wire",
        dt.date(2016, 3, 6),
        "https://state-wire.example/raid",
        (9, "killed 9 militants", "Government media", "asserted"),
        SARAQIB,
        dt.date(2016, 3, 5),
    ),
    Story(
        "Fighting between rebels and the army near Homs on 20 April left 4 soldiers dead, a military source said.",
        "Clashes near Homs",
        "Valley Herald",
        dt.date(2016, 4, 21),
        "https://valley-herald.example/homs",
        (4, "left 4 soldiers dead", "a military source", "reported"),
        HOMS,
        dt.date(2016, 4, 20),
        event_type="Battles",
        sub_event_type="Armed clash",
        cause="shooting",
        perpetrator=("the army", "Syrian government", "state forces"),
    ),
    Story(
        "A car bomb in Mosul on 2 May killed 7 people, police said.",
        "Car bomb in Mosul",
        "Northern Dispatch",
        dt.date(2016, 5, 3),
        "http://northern-dispatch.example/mosul",
        (7, "killed 7 people", "police", "reported"),
        MOSUL,
        dt.date(2016, 5, 2),
        sub_event_type="Remote explosive/landmine/IED",
        cause="car bomb",
        perpetrator=("car bomb", ODD_ACTOR, "jihadist group"),
    ),
]


def span(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    sentence_start = text.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = text.find(".", start + len(phrase))
    return Evidence(start=start, end=start + len(phrase), sentence=text[sentence_start : sentence_end + 1])


def story_extraction(story: Story) -> tuple[Article, Extraction]:
    article = Article(
        id=article_id(story.text, story.url),
        text=story.text,
        url=story.url,
        title=story.title,
        outlet=story.outlet,
        published=story.published,
        language="en",
        external_id=story.title[:20],
    )
    best, phrase, source, certainty = story.killed
    place_phrase = story.place["text"]
    claims = [
        Claim(field="casualties.killed", value=best, source=source, certainty=certainty, evidence=span(story.text, phrase)),
        Claim(
            field="location", value=story.place["name"], source=story.outlet, certainty="reported", evidence=span(story.text, place_phrase)
        ),
    ]
    actors = []
    if story.perpetrator:
        text, name, kind = story.perpetrator
        actors.append(Actor(role="perpetrator", text=text, name=name, type=kind, country=None))
        claims.append(
            Claim(field="actors.perpetrator", value=name, source=story.outlet, certainty="alleged", evidence=span(story.text, text))
        )
    incident = Incident(
        id="i1",
        event_type=story.event_type,
        sub_event_type=story.sub_event_type,
        violent=True,
        cause=story.cause,
        date=IncidentDate(start=story.day, end=story.day, precision="day" if story.day else "unknown"),
        location=Place(**story.place),
        actors=actors,
        casualties=Casualties(killed=CasualtyCount(low=best, best=best, high=best, text=phrase)),
        claims=claims,
        summary=span(story.text, phrase).sentence,
    )
    return article, Extraction.for_article(article, [incident], [])


def undated_protest() -> tuple[Article, Extraction]:
    text = "Hundreds protested in Homs against the siege."
    article = Article(id=article_id(text), text=text, title="Protest in Homs", outlet="State Wire", language="en")
    incident = Incident(
        id="i1",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        violent=False,
        location=Place(**HOMS),
        summary=text,
    )
    return article, Extraction.for_article(article, [incident], [])


def build_store(path: Path | str) -> Path | str:
    with open_database(path) as store:
        store.save_extractions([*map(story_extraction, STORIES), undated_protest()])
        update_links(store)
    return path


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def web_db(request, tmp_path_factory) -> Path | str:
    """The store on SQLite, and on PostgreSQL when CORROBORATE_TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        return build_store(tmp_path_factory.mktemp("web") / "web.db")
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set")
    return build_store(empty_postgres(url))


@pytest.fixture(scope="session")
def stale_db(tmp_path_factory) -> Path:
    """Linked, then one more violent incident ingested: the links are out of date."""
    path = build_store(tmp_path_factory.mktemp("stale") / "stale.db")
    late = Story(
        "Shelling hit Homs on 1 June, killing 5 civilians, medics said.",
        "Shelling in Homs",
        "Valley Herald",
        dt.date(2016, 6, 2),
        "https://valley-herald.example/shelling",
        (5, "killing 5 civilians", "medics", "reported"),
        HOMS,
        dt.date(2016, 6, 1),
        cause="shelling",
        sub_event_type="Shelling/artillery/missile attack",
        perpetrator=None,
    )
    with open_database(path) as store:
        store.save_extractions([story_extraction(late)])
    return path


def article_of(index: int) -> str:
    story = STORIES[index]
    return article_id(story.text, story.url)
