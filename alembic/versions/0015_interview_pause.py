"""interviews: paused_at — /cancel and /menu pause an interview in progress; interview_answers: voice_seconds

Revision ID: 0015_interview_pause
Revises: 0014_attempt_pause
Create Date: 2026-12-06 10:00:00

Two nullable columns, so every existing row stays as it was: an interview is not paused, and a voice answer
recorded before has no known length (exports then say «голосовой ответ» without a duration). Batch mode for
SQLite; the same operations run on PostgreSQL as a plain ALTER TABLE.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015_interview_pause'
down_revision: str | None = '0014_attempt_pause'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paused_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('interview_answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voice_seconds', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('interview_answers', schema=None) as batch_op:
        batch_op.drop_column('voice_seconds')
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_column('paused_at')
