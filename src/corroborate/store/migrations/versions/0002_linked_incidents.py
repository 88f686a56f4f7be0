"""Linked incidents and their members, so linking is stored and incremental

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "linked_incidents",
        sa.Column("id", sa.String(length=16), nullable=False, comment="LinkedIncident.id: 'L' + hash of the incident that started it"),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("location_name", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("articles", sa.Integer(), nullable=False, comment="number of member articles"),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("killed_low", sa.Integer(), nullable=True),
        sa.Column("killed_best", sa.Integer(), nullable=True),
        sa.Column("killed_high", sa.Integer(), nullable=True),
        sa.Column("killed_conservative", sa.Integer(), nullable=True),
        sa.Column("record", JSON_TYPE, nullable=False, comment="the whole LinkedIncident (docs/linking.md)"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_linked_incidents")),
    )
    op.create_index(op.f("ix_linked_incidents_admin1"), "linked_incidents", ["admin1"])
    op.create_index(op.f("ix_linked_incidents_date_start"), "linked_incidents", ["date_start"])
    op.create_table(
        "linked_members",
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.Column("incident_id", sa.String(length=16), nullable=False),
        sa.Column("linked_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "incident_id"],
            ["incidents.article_id", "incidents.incident_id"],
            name=op.f("fk_linked_members_article_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["linked_id"], ["linked_incidents.id"], name=op.f("fk_linked_members_linked_id_linked_incidents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", "incident_id", name=op.f("pk_linked_members")),
    )
    op.create_index(op.f("ix_linked_members_linked_id"), "linked_members", ["linked_id"])


def downgrade() -> None:
    op.drop_table("linked_members")
    op.drop_table("linked_incidents")
