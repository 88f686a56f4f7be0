"""First schema: articles, incidents, actors, casualties, claims, runs, document errors

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("articles_stored", sa.Integer(), nullable=False),
        sa.Column("articles_skipped", sa.Integer(), nullable=False),
        sa.Column("documents_failed", sa.Integer(), nullable=False),
        sa.Column("incidents_stored", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=16), nullable=False, comment="Article.id: hash of the normalised text and URL"),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("authors", JSON_TYPE, nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("original_source", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("external_id", sa.Text(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("metadata", JSON_TYPE, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("schema_version", sa.String(length=16), nullable=False),
        sa.Column("notes", JSON_TYPE, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_articles_run_id_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    op.create_index(op.f("ix_articles_published"), "articles", ["published"])
    op.create_index(op.f("ix_articles_run_id"), "articles", ["run_id"])

    op.create_table(
        "document_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_document_errors_run_id_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_errors")),
        sa.UniqueConstraint("document", "reason", name=op.f("uq_document_errors_document_reason")),
    )
    op.create_index(op.f("ix_document_errors_run_id"), "document_errors", ["run_id"])

    op.create_table(
        "incidents",
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.Column("incident_id", sa.String(length=16), nullable=False, comment="'i1', 'i2', ... within the article"),
        sa.Column("position", sa.Integer(), nullable=False, comment="order within the article"),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("violent", sa.Boolean(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=False),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_month", sa.Integer(), nullable=True),
        sa.Column("date_day", sa.Integer(), nullable=True),
        sa.Column("location_text", sa.Text(), nullable=True),
        sa.Column("location_name", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("admin2", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("location_precision", sa.String(length=16), nullable=False),
        sa.Column("geonameid", sa.BigInteger(), nullable=True),
        sa.Column("victims_mentioned", JSON_TYPE, nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_incidents_article_id_articles"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "incident_id", name=op.f("pk_incidents")),
    )
    op.create_index(op.f("ix_incidents_admin1"), "incidents", ["admin1"])
    op.create_index(op.f("ix_incidents_date_start"), "incidents", ["date_start"])
    op.create_index(op.f("ix_incidents_event_type"), "incidents", ["event_type"])

    op.create_table(
        "actors",
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.Column("incident_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id", "incident_id"],
            ["incidents.article_id", "incidents.incident_id"],
            name=op.f("fk_actors_article_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "incident_id", "position", name=op.f("pk_actors")),
    )
    op.create_index(op.f("ix_actors_name"), "actors", ["name"])

    op.create_table(
        "casualties",
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.Column("incident_id", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False, comment="killed, injured, abducted, missing, victims.<group>"),
        sa.Column("low", sa.Integer(), nullable=True),
        sa.Column("best", sa.Integer(), nullable=True),
        sa.Column("high", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id", "incident_id"],
            ["incidents.article_id", "incidents.incident_id"],
            name=op.f("fk_casualties_article_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "incident_id", "kind", name=op.f("pk_casualties")),
    )
    op.create_table(
        "claims",
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.Column("incident_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("value_text", sa.Text(), nullable=True, comment="the value when it is text"),
        sa.Column("value_number", sa.BigInteger(), nullable=True, comment="the value when it is a number"),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_sentence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "incident_id"],
            ["incidents.article_id", "incidents.incident_id"],
            name=op.f("fk_claims_article_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "incident_id", "position", name=op.f("pk_claims")),
    )


def downgrade() -> None:
    op.drop_table("claims")
    op.drop_table("casualties")
    op.drop_index(op.f("ix_actors_name"), table_name="actors")

    op.drop_table("actors")
    op.drop_index(op.f("ix_incidents_event_type"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_date_start"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_admin1"), table_name="incidents")

    op.drop_table("incidents")
    op.drop_index(op.f("ix_document_errors_run_id"), table_name="document_errors")

    op.drop_table("document_errors")
    op.drop_index(op.f("ix_articles_run_id"), table_name="articles")
    op.drop_index(op.f("ix_articles_published"), table_name="articles")

    op.drop_table("articles")
    op.drop_table("runs")
