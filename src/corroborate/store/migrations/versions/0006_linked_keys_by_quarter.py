"""Blocking keys of place and toll carry the quarter: the keys stored before are dropped, and the next
`corroborate link` files every linked incident again (`store.linking.file_unfiled_groups`)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("DELETE FROM linked_keys"))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM linked_keys"))  # the older keys are filed again the same way
