"""sim_runs: the dialogue simulator's plays, one row per run of a scenario

Revision ID: 0018_sim_runs
Revises: 0017_analyses
Create Date: 2026-12-12 12:00:00

A new table only (plain types both engines share): the run's engine state as JSON, the once-only step counter,
open / paused / finished, the live message, and the result written when the dialogue ends. A partial unique index
keeps one open run per user (SQLite and PostgreSQL both support a WHERE on an index).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0018_sim_runs'
down_revision: str | None = '0017_analyses'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sim_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('scenario_id', sa.String(length=32), nullable=False),
    sa.Column('seed', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.JSON(), nullable=False),
    sa.Column('decisions', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('message_id', sa.BigInteger(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ending_id', sa.String(length=32), nullable=True),
    sa.Column('ending_kind', sa.String(length=16), nullable=True),
    sa.Column('earned', sa.Integer(), nullable=True),
    sa.Column('possible', sa.Integer(), nullable=True),
    sa.Column('skills', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sim_runs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sim_runs'))
    )
    with op.batch_alter_table('sim_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sim_runs_finished_at'), ['finished_at'], unique=False)
        batch_op.create_index('ix_sim_runs_user_scenario', ['user_id', 'scenario_id'], unique=False)
        batch_op.create_index('uq_sim_runs_open_user', ['user_id'], unique=True,
                              sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))


def downgrade() -> None:
    with op.batch_alter_table('sim_runs', schema=None) as batch_op:
        batch_op.drop_index('uq_sim_runs_open_user')
        batch_op.drop_index('ix_sim_runs_user_scenario')
        batch_op.drop_index(batch_op.f('ix_sim_runs_finished_at'))

    op.drop_table('sim_runs')
