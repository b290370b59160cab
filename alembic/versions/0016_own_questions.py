"""own questions: a team's own topics and questions (with versions), its editors and its exam settings

Revision ID: 0016_own_questions
Revises: 0015_interview_pause
Create Date: 2026-12-08 12:00:00

New tables only (plain types and constraints both engines share): own_banks (one row per team: the change
counter and the exam settings), own_bank_editors, own_topics, own_questions, own_question_versions (a question is
never edited in place) and own_exam_attempts (the pass mark and name an exam drawn by a team's settings had).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016_own_questions'
down_revision: str | None = '0015_interview_pause'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('own_banks',
    sa.Column('team_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('exam', sa.JSON(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_own_banks_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('team_id', name=op.f('pk_own_banks'))
    )
    op.create_table('own_bank_editors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_own_bank_editors_team_id_teams'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_own_bank_editors_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_own_bank_editors')),
    sa.UniqueConstraint('team_id', 'user_id', name=op.f('uq_own_bank_editors_team_id_user_id'))
    )
    with op.batch_alter_table('own_bank_editors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_own_bank_editors_user_id'), ['user_id'], unique=False)

    op.create_table('own_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('card_text', sa.Text(), nullable=False),
    sa.Column('card_url', sa.String(length=512), nullable=True),
    sa.Column('card_file_id', sa.String(length=256), nullable=True),
    sa.Column('card_file_name', sa.String(length=128), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_own_topics_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_own_topics'))
    )
    with op.batch_alter_table('own_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_own_topics_team_id'), ['team_id'], unique=False)

    op.create_table('own_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_own_questions_team_id_teams'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['own_topics.id'], name=op.f('fk_own_questions_topic_id_own_topics'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_own_questions'))
    )
    with op.batch_alter_table('own_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_own_questions_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_own_questions_topic_id'), ['topic_id'], unique=False)

    op.create_table('own_question_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_own_question_versions_author_id_users'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['own_questions.id'],
                            name=op.f('fk_own_question_versions_question_id_own_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_own_question_versions')),
    sa.UniqueConstraint('question_id', 'version', name=op.f('uq_own_question_versions_question_id_version'))
    )
    op.create_table('own_exam_attempts',
    sa.Column('attempt_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=128), nullable=True),
    sa.Column('pass_mark', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], name=op.f('fk_own_exam_attempts_attempt_id_attempts'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_own_exam_attempts_team_id_teams'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('attempt_id', name=op.f('pk_own_exam_attempts'))
    )


def downgrade() -> None:
    op.drop_table('own_exam_attempts')
    op.drop_table('own_question_versions')
    with op.batch_alter_table('own_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_own_questions_topic_id'))
        batch_op.drop_index(batch_op.f('ix_own_questions_team_id'))

    op.drop_table('own_questions')
    with op.batch_alter_table('own_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_own_topics_team_id'))

    op.drop_table('own_topics')
    with op.batch_alter_table('own_bank_editors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_own_bank_editors_user_id'))

    op.drop_table('own_bank_editors')
    op.drop_table('own_banks')
