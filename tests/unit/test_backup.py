"""`python -m bot backup PATH` copies the SQLite database consistently while the bot keeps writing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.migrations import upgrade


@pytest.fixture
def live_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "bot.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    monkeypatch.chdir(tmp_path)  # no developer's .env in the way
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    return path


def add_user(conn: sqlite3.Connection, user_id: int, name: str) -> None:
    conn.execute("insert into users (id, first_name) values (?, ?)", (user_id, name))


def test_backup_while_the_bot_writes_has_every_committed_row_and_nothing_half_done(
        live_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bot = sqlite3.connect(live_db, isolation_level=None)
    bot.execute("PRAGMA journal_mode=WAL")
    bot.execute("PRAGMA wal_autocheckpoint=0")  # committed rows stay in the WAL file, as between checkpoints
    add_user(bot, 1, "Анна")
    bot.execute("BEGIN IMMEDIATE")  # an answer being written right now
    add_user(bot, 2, "Борис")

    target = tmp_path / "backups" / "bot-copy.db"
    target.parent.mkdir()
    assert main(["backup", str(target)]) == 0
    assert "Резервная копия сохранена" in capsys.readouterr().out

    bot.execute("COMMIT")  # the bot was never blocked: its transaction goes through
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("select id, first_name from users").fetchall() == [(1, "Анна")]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert copy.execute("select version_num from alembic_version").fetchone() == \
            bot.execute("select version_num from alembic_version").fetchone()
    finally:
        copy.close()
        bot.close()
    assert not list(target.parent.glob(".*partial"))


def test_restored_copy_serves_the_bot_again(live_db: Path, tmp_path: Path) -> None:
    with sqlite3.connect(live_db) as conn:
        add_user(conn, 7, "Вера")
    target = tmp_path / "copy.db"
    assert main(["backup", str(target)]) == 0
    restored = tmp_path / "restored" / "bot.db"
    restored.parent.mkdir()
    restored.write_bytes(target.read_bytes())
    upgrade(f"sqlite+aiosqlite:///{restored}")  # what `python -m bot run` does first: nothing left to do
    with sqlite3.connect(restored) as conn:
        assert conn.execute("select first_name from users where id = 7").fetchone() == ("Вера",)


def test_an_existing_file_is_never_overwritten(live_db: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "old.db"
    target.write_bytes(b"yesterday's copy")
    assert main(["backup", str(target)]) == 1
    assert "уже существует" in capsys.readouterr().err
    assert target.read_bytes() == b"yesterday's copy"


def test_postgresql_points_to_pg_dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://bot@db.example/bot")
    assert main(["backup", str(tmp_path / "x.db")]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()
