"""Political events: an incident's PLOVER type and mode

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(
            sa.Column("plover_type", sa.String(16), nullable=True, comment="Incident.plover_type: a political event's PLOVER type")
        )
        batch.add_column(sa.Column("plover_mode", sa.Text(), nullable=True))
    op.create_index("ix_incidents_plover_type", "incidents", ["plover_type"])


def downgrade() -> None:
    op.drop_index("ix_incidents_plover_type", table_name="incidents")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("plover_mode")
        batch.drop_column("plover_type")
