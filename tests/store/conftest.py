"""Database fixtures: every store test runs on SQLite, and on PostgreSQL when CORROBORATE_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import MetaData, create_engine, select

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
    Victims,
    article_id,
)
from corroborate.store import database_url as to_database_url
from corroborate.store import open_database

POSTGRES_URL_VARIABLE = "CORROBORATE_TEST_POSTGRES_URL"
VOLATILE_COLUMNS = {"run_id", "ingested_at", "recorded_at", "document_errors.id"}
"""Columns (or table.column) that differ between two runs over the same corpus."""


def empty_postgres(url: str) -> str:
    """Drop every table, so each test starts from an empty database."""
    engine = create_engine(to_database_url(url))
    tables = MetaData()
    tables.reflect(engine)
    tables.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "corroborate.db")
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set")
    return empty_postgres(url)


@pytest.fixture
def store(database_url):
    with open_database(database_url) as opened:
        yield opened


def table_contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table but runs, without run ids and timestamps: equal for equal corpora."""
    engine = create_engine(to_database_url(url))
    tables = MetaData()
    tables.reflect(engine)
    contents = {}
    with engine.connect() as connection:
        for name, table in tables.tables.items():
            if name in ("runs", "alembic_version"):
                continue
            columns = [c for c in table.c if not {c.name, f"{name}.{c.name}"} & VOLATILE_COLUMNS]
            contents[name] = sorted(tuple(map(repr, row)) for row in connection.execute(select(*columns)))
    engine.dispose()
    return contents


def make_article(text: str, **fields) -> Article:
    return Article(id=article_id(text, fields.get("url")), text=text, **fields)


def make_extraction(article: Article) -> Extraction:
    """An extraction using every field of the contract, written by hand (no model)."""
    sentence = article.text.split(".")[0] + "."
    evidence = Evidence(start=0, end=len(sentence), sentence=sentence)
    violent = Incident(
        id="i1",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        violent=True,
        cause="airstrike",
        date=IncidentDate(start=dt.date(2016, 9, 15), end=dt.date(2016, 9, 15), precision="day", text="Thursday"),
        location=Place(
            text="Saraqib",
            name="Saraqib",
            admin1="Idlib",
            admin2="Idlib",
            country="SY",
            lat=35.86,
            lon=36.80,
            precision="exact",
            geonameid=163345,
        ),
        actors=[
            Actor(role="perpetrator", text="Russian jets", name="Russia", type="foreign state", country="RU"),
            Actor(role="perpetrator", text="regime", name="Syrian government", type="state forces", country="SY"),
            Actor(role="target", text="civilians", name="Civilians", type="civilians"),
        ],
        casualties=Casualties(
            killed=CasualtyCount(low=12, best=12, high=None, text="at least 12"),
            injured=CasualtyCount(low=20, best=25, high=30, text="between 20 and 30"),
            victims=Victims(children=CasualtyCount(low=3, best=3, high=3, text="three"), mentioned=["women"]),
        ),
        claims=[
            Claim(field="casualties.killed", value=12, source="SOHR", certainty="reported", evidence=evidence),
            Claim(field="cause", value="airstrike", source="SOHR", certainty="alleged", evidence=evidence),
            Claim(field="actors.perpetrator", value=None, source="Russia", certainty="denied", evidence=evidence),
        ],
        summary=sentence,
    )
    political = Incident(
        id="i2",
        event_type="Strategic developments",
        sub_event_type="Other",
        violent=False,
        date=IncidentDate(month=5, day=12, text="May 12"),
        summary="Talks resumed.",
    )
    return Extraction.for_article(article, [violent, political], ["publication date read from the text"])
