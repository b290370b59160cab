"""notification claims: which bot process holds a scheduled notification (several processes, one database)

Revision ID: 0011_notification_claims
Revises: 0010_teams
Create Date: 2026-11-22 21:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011_notification_claims'
down_revision: str | None = '0010_teams'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('scheduled_notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('scheduled_notifications', schema=None) as batch_op:
        batch_op.drop_column('claimed_by')
