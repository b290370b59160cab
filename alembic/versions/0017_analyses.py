"""analyses: files kept for a day for further analyses, and a record of every analysis started in the chat

Revision ID: 0017_analyses
Revises: 0016_own_questions
Create Date: 2026-12-09 12:00:00

New tables only (plain types and constraints both engines share): analysis_files (a file sent for analysis,
compressed, deleted after a day) and analyses (user, chat, kept file, what was asked, started / heartbeat /
finished, and whether the user was told it was interrupted).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017_analyses'
down_revision: str | None = '0016_own_questions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('analysis_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.String(length=256), nullable=False),
    sa.Column('telegram_file_id', sa.String(length=256), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_analysis_files_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_files'))
    )
    with op.batch_alter_table('analysis_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_files_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_files_user_id'), ['user_id'], unique=False)

    op.create_table('analyses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('file_name', sa.String(length=256), nullable=False),
    sa.Column('request', sa.JSON(), nullable=False),
    sa.Column('owner', sa.String(length=128), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('notified_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['file_id'], ['analysis_files.id'], name=op.f('fk_analyses_file_id_analysis_files'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_analyses_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analyses'))
    )
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analyses_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analyses_finished_at'), ['finished_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_analyses_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analyses_user_id'))
        batch_op.drop_index(batch_op.f('ix_analyses_finished_at'))
        batch_op.drop_index(batch_op.f('ix_analyses_file_id'))

    op.drop_table('analyses')
    with op.batch_alter_table('analysis_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_files_user_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_files_created_at'))

    op.drop_table('analysis_files')
