"""interviews: the head-of-sales kit is called «hiring» everywhere; rows written as «rop» are renamed

Revision ID: 0012_interviews_hiring_name
Revises: 0011_notification_claims
Create Date: 2026-12-01 10:00:00

Data only, no schema change: `interviews.script` held "rop" for the head-of-sales kit. The same plain UPDATE
runs on SQLite and PostgreSQL; the downgrade writes the old name back.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012_interviews_hiring_name'
down_revision: str | None = '0011_notification_claims'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_NAME, NEW_NAME = 'rop', 'hiring'


def _rename(old: str, new: str) -> None:
    op.execute(sa.text("UPDATE interviews SET script = :new WHERE script = :old").bindparams(old=old, new=new))


def upgrade() -> None:
    _rename(OLD_NAME, NEW_NAME)


def downgrade() -> None:
    _rename(NEW_NAME, OLD_NAME)
