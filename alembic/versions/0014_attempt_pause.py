"""attempts: paused_at — /cancel and /menu pause an open attempt; its buttons then offer to continue

Revision ID: 0014_attempt_pause
Revises: 0013_drill
Create Date: 2026-12-05 10:00:00

A nullable column, so every existing attempt stays as it was (not paused). Batch mode for SQLite; the same
operations run on PostgreSQL as a plain ALTER TABLE.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014_attempt_pause'
down_revision: str | None = '0013_drill'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paused_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_column('paused_at')
