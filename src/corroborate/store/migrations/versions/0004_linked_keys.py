"""Blocking keys of the linked incidents, so incremental linking reads only the candidate groups

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "linked_keys",
        sa.Column("key", sa.Text(), nullable=False, comment="a blocking key of corroborate.link.blocking_keys"),
        sa.Column("linked_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["linked_id"], ["linked_incidents.id"], name=op.f("fk_linked_keys_linked_id_linked_incidents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("key", "linked_id", name=op.f("pk_linked_keys")),
    )
    op.create_index(op.f("ix_linked_keys_key"), "linked_keys", ["key"])
    op.create_index(op.f("ix_linked_keys_linked_id"), "linked_keys", ["linked_id"])


def downgrade() -> None:
    op.drop_table("linked_keys")
