"""The database tables: one article's Extraction spread over plain, queryable rows.

Children of an incident are keyed by (article_id, incident_id, position), not by
surrogate ids, so a batch is inserted without reading ids back and two runs over
the same corpus produce identical rows. Any change here needs a new revision in
`migrations/versions/` (a test compares the migrated database with this module).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

JSONType = JSON().with_variant(JSONB(), "postgresql")
"""JSON text on SQLite, JSONB on PostgreSQL."""

INCIDENT_KEY = ("article_id", "incident_id")

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", Text, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("articles_stored", Integer, nullable=False, default=0),
    Column("articles_skipped", Integer, nullable=False, default=0),
    Column("documents_failed", Integer, nullable=False, default=0),
    Column("incidents_stored", Integer, nullable=False, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True, comment="Article.id: hash of the normalised text and URL"),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("authors", JSONType, nullable=False),
    Column("published", Date),
    Column("published_from", Text, comment="Article.published_from: where the publication date was read"),
    Column("original_source", Text),
    Column("language", String(8)),
    Column("external_id", Text),
    Column("source_path", Text),
    Column("metadata", JSONType, nullable=False),
    Column("text", Text, nullable=False),
    Column("schema_version", String(16), nullable=False),
    Column("notes", JSONType, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), index=True),
)

incidents = Table(
    "incidents",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("incident_id", String(16), primary_key=True, comment="'i1', 'i2', ... within the article"),
    Column("position", Integer, nullable=False, comment="order within the article"),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("violent", Boolean, nullable=False),
    Column("cause", Text, nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16), nullable=False),
    Column("date_text", Text),
    Column("date_month", Integer),
    Column("date_day", Integer),
    Column("date_weekday", Integer, comment="IncidentDate.weekday, 0 = Monday"),
    Column("location_text", Text),
    Column("location_name", Text),
    Column("admin1", Text, index=True),
    Column("admin2", Text),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("location_precision", String(16), nullable=False),
    Column("geonameid", BigInteger),
    Column("victims_mentioned", JSONType, nullable=False),
    Column("summary", Text, nullable=False),
    Column("plover_type", String(16), comment="Incident.plover_type: a political event's PLOVER type"),
    Column("plover_mode", Text),
)

# The web's lists page newest first by keyset on these (corroborate.service.queries): a page costs
# one index range whether it is the first or the thousandth, filtered by type or country or not;
# lat and lon ride along so that a bounding box is tested in the index, not in the table.
Index("ix_articles_published_id", articles.c.published, articles.c.id)
Index("ix_articles_outlet", articles.c.outlet)
Index(
    "ix_incidents_date_start_key", incidents.c.date_start, incidents.c.article_id, incidents.c.incident_id, incidents.c.lat, incidents.c.lon
)
Index("ix_incidents_event_type_date_start", incidents.c.event_type, incidents.c.date_start, incidents.c.article_id, incidents.c.incident_id)
Index("ix_incidents_plover_type", incidents.c.plover_type)
Index("ix_incidents_country_date_start", incidents.c.country, incidents.c.date_start, incidents.c.article_id, incidents.c.incident_id)


def _incident_child(name: str, *columns: Column, position: bool = True) -> Table:
    """A table of rows belonging to one incident, deleted with it."""
    key: list[Column[Any]] = [
        Column("article_id", String(16), primary_key=True),
        Column("incident_id", String(16), primary_key=True),
    ]
    if position:
        key.append(Column("position", Integer, primary_key=True))
    return Table(
        name,
        metadata,
        *key,
        *columns,
        ForeignKeyConstraint(list(INCIDENT_KEY), [f"incidents.{c}" for c in INCIDENT_KEY], ondelete="CASCADE"),
    )


actors = _incident_child(
    "actors",
    Column("role", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("name", Text, nullable=False, index=True),
    Column("type", Text, nullable=False),
    Column("country", String(2)),
)

casualties = _incident_child(
    "casualties",
    Column("kind", String(32), primary_key=True, comment="killed, injured, abducted, missing, victims.<group>"),
    Column("low", Integer),
    Column("best", Integer),
    Column("high", Integer),
    Column("text", Text),
    position=False,
)

claims = _incident_child(
    "claims",
    Column("field", Text, nullable=False),
    Column("value_text", Text, comment="the value when it is text"),
    Column("value_number", BigInteger, comment="the value when it is a number"),
    Column("source", Text, nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_sentence", Text, nullable=False),
)

document_errors = Table(
    "document_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), index=True),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document", "reason"),
)
"""One row per bad document and reason; meeting it again in a later run updates run_id and recorded_at."""

linked_incidents = Table(
    "linked_incidents",
    metadata,
    Column("id", String(16), primary_key=True, comment="LinkedIncident.id: 'L' + hash of the incident that started it"),
    Column("event_type", Text, nullable=False),
    Column("cause", Text, nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("location_name", Text),
    Column("admin1", Text, index=True),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("articles", Integer, nullable=False, comment="number of member articles"),
    Column("independent_sources", Integer, nullable=False),
    Column("killed_low", Integer),
    Column("killed_best", Integer),
    Column("killed_high", Integer),
    Column("killed_conservative", Integer),
    Column("record", JSONType, nullable=False, comment="the whole LinkedIncident (docs/linking.md)"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
"""One row per linked incident; the columns repeat the record's main fields for SQL queries."""

Index("ix_linked_incidents_date_start_id", linked_incidents.c.date_start, linked_incidents.c.id)

linked_members = Table(
    "linked_members",
    metadata,
    Column("article_id", String(16), primary_key=True),
    Column("incident_id", String(16), primary_key=True),
    Column("linked_id", String(16), ForeignKey("linked_incidents.id", ondelete="CASCADE"), nullable=False, index=True),
    ForeignKeyConstraint(list(INCIDENT_KEY), [f"incidents.{c}" for c in INCIDENT_KEY], ondelete="CASCADE"),
)
"""Which linked incident each violent incident belongs to; an incident without a row is not linked yet."""

linked_keys = Table(
    "linked_keys",
    metadata,
    Column("key", Text, primary_key=True, index=True, comment="a blocking key of corroborate.link.blocking_keys"),
    Column("linked_id", String(16), ForeignKey("linked_incidents.id", ondelete="CASCADE"), primary_key=True, index=True),
)
"""The blocking keys each linked incident is filed under (its members'), so linking reads only the groups a new incident may join."""
