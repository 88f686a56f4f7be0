"""Where an article's publication date was read, and an incident's bare weekday

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(
            sa.Column("published_from", sa.Text(), nullable=True, comment="Article.published_from: where the publication date was read")
        )
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("date_weekday", sa.Integer(), nullable=True, comment="IncidentDate.weekday, 0 = Monday"))


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("date_weekday")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("published_from")
