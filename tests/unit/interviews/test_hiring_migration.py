"""alembic 0012: interviews stored as «rop» become «hiring» and back, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import text

from bot.migrations import downgrade, upgrade
from tests.databases import connect, query

BEFORE, AFTER = "0011_notification_claims", "0012_interviews_hiring_name"


def _scripts(url: str) -> list[tuple[int, str]]:
    return [tuple(row) for row in query(url, "select id, script from interviews order by id")]


def test_stored_head_of_sales_interviews_are_renamed_both_ways(empty_database_url: str) -> None:
    url = empty_database_url
    upgrade(url, BEFORE)
    with connect(url) as conn:
        conn.execute(text("insert into users (id, first_name) values (1, 'Анна')"))
        for interview_id, script in ((1, "rop"), (2, "custdev"), (3, "audit"), (4, "rop")):
            conn.execute(text("insert into interviews (id, owner_id, script, mode, status, subject, current_index) "
                              "values (:id, 1, :script, 'live', 'active', 'x', 0)"),
                         {"id": interview_id, "script": script})
    upgrade(url, AFTER)
    assert _scripts(url) == [(1, "hiring"), (2, "custdev"), (3, "audit"), (4, "hiring")]
    downgrade(url, BEFORE)
    assert _scripts(url) == [(1, "rop"), (2, "custdev"), (3, "audit"), (4, "rop")]
