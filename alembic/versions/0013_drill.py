"""drill: the daily drill's settings, FSRS cards, review log and per-day runs

Revision ID: 0013_drill
Revises: 0012_interviews_hiring_name
Create Date: 2026-12-02 17:50:43

New tables only (plain types and constraints both engines share): drill_settings (one row per user),
drill_cards (FSRS state per user and question), drill_runs (one drill per user and local day: the unique key is
the once-a-day guarantee), drill_reviews (every answer: the log FSRS states can be recomputed from).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013_drill'
down_revision: str | None = '0012_interviews_hiring_name'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('drill_cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('question_id', sa.String(length=64), nullable=False),
    sa.Column('topic_id', sa.String(length=64), nullable=False),
    sa.Column('state', sa.SmallInteger(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=True),
    sa.Column('stability', sa.Float(), nullable=False),
    sa.Column('difficulty', sa.Float(), nullable=False),
    sa.Column('due', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_review', sa.DateTime(timezone=True), nullable=False),
    sa.Column('interval_days', sa.Integer(), nullable=False),
    sa.Column('reps', sa.Integer(), nullable=False),
    sa.Column('lapses', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drill_cards_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drill_cards')),
    sa.UniqueConstraint('user_id', 'question_id', name=op.f('uq_drill_cards_user_id_question_id'))
    )
    op.create_table('drill_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('answered', sa.Integer(), nullable=False),
    sa.Column('correct', sa.Integer(), nullable=False),
    sa.Column('draft', sa.JSON(), nullable=True),
    sa.Column('note', sa.String(length=512), nullable=True),
    sa.Column('shown_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('message_id', sa.BigInteger(), nullable=True),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=256), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drill_runs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drill_runs')),
    sa.UniqueConstraint('user_id', 'day', name=op.f('uq_drill_runs_user_id_day'))
    )
    with op.batch_alter_table('drill_runs', schema=None) as batch_op:
        batch_op.create_index('ix_drill_runs_status_due_at', ['status', 'due_at'], unique=False)

    op.create_table('drill_settings',
    sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('minute', sa.Integer(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=True),
    sa.Column('per_day', sa.Integer(), nullable=False),
    sa.Column('leaderboard', sa.Boolean(), nullable=False),
    sa.Column('next_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drill_settings_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_drill_settings'))
    )
    with op.batch_alter_table('drill_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drill_settings_next_at'), ['next_at'], unique=False)

    op.create_table('drill_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=64), nullable=False),
    sa.Column('topic_id', sa.String(length=64), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('rating', sa.SmallInteger(), nullable=False),
    sa.Column('elapsed_days', sa.Integer(), nullable=True),
    sa.Column('interval_days', sa.Integer(), nullable=False),
    sa.Column('duration_ms', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['drill_runs.id'], name=op.f('fk_drill_reviews_run_id_drill_runs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drill_reviews_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drill_reviews')),
    sa.UniqueConstraint('run_id', 'position', name=op.f('uq_drill_reviews_run_id_position'))
    )
    with op.batch_alter_table('drill_reviews', schema=None) as batch_op:
        batch_op.create_index('ix_drill_reviews_user_id_answered_at', ['user_id', 'answered_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('drill_reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_drill_reviews_user_id_answered_at')

    op.drop_table('drill_reviews')
    with op.batch_alter_table('drill_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drill_settings_next_at'))

    op.drop_table('drill_settings')
    with op.batch_alter_table('drill_runs', schema=None) as batch_op:
        batch_op.drop_index('ix_drill_runs_status_due_at')

    op.drop_table('drill_runs')
    op.drop_table('drill_cards')
