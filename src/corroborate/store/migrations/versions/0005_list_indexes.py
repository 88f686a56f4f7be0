"""Indexes for the web's keyset-paged lists: newest first, optionally by event type or country

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

The composite indexes start with the column the single-column ones they
replace indexed, so every query that used those still finds its index.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INCIDENT_KEY = ["article_id", "incident_id"]


def upgrade() -> None:
    op.drop_index("ix_articles_published", table_name="articles")
    op.drop_index("ix_incidents_date_start", table_name="incidents")
    op.drop_index("ix_incidents_event_type", table_name="incidents")
    op.drop_index("ix_linked_incidents_date_start", table_name="linked_incidents")
    op.create_index("ix_articles_published_id", "articles", ["published", "id"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_incidents_date_start_key", "incidents", ["date_start", *INCIDENT_KEY, "lat", "lon"])
    op.create_index("ix_incidents_event_type_date_start", "incidents", ["event_type", "date_start", *INCIDENT_KEY])
    op.create_index("ix_incidents_country_date_start", "incidents", ["country", "date_start", *INCIDENT_KEY])
    op.create_index("ix_linked_incidents_date_start_id", "linked_incidents", ["date_start", "id"])


def downgrade() -> None:
    op.drop_index("ix_linked_incidents_date_start_id", table_name="linked_incidents")
    op.drop_index("ix_incidents_country_date_start", table_name="incidents")
    op.drop_index("ix_incidents_event_type_date_start", table_name="incidents")
    op.drop_index("ix_incidents_date_start_key", table_name="incidents")
    op.drop_index("ix_articles_outlet", table_name="articles")
    op.drop_index("ix_articles_published_id", table_name="articles")
    op.create_index("ix_linked_incidents_date_start", "linked_incidents", ["date_start"])
    op.create_index("ix_incidents_event_type", "incidents", ["event_type"])
    op.create_index("ix_incidents_date_start", "incidents", ["date_start"])
    op.create_index("ix_articles_published", "articles", ["published"])
