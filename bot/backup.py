"""`python -m bot backup PATH`: a consistent copy of the SQLite database, safe to take while the bot runs.

SQLite's online backup API copies the database page by page through SQLite itself, so the copy includes what
is still in the WAL file and never catches a half-written transaction; copying bot.db with cp does neither.
The copy is written beside the target under a temporary name, checked, and only then renamed into place.
PostgreSQL deployments back up with pg_dump instead (see README, «Running at scale»).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from services.texts import t

PAGES_PER_STEP = 1024  # the bot may write between steps; SQLite restarts the copy if it does


class BackupError(Exception):
    """A one-line, human explanation (in Russian) of why no backup was made."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    schema_revision: str | None


def sqlite_file(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(t("backup-postgres"))
    if not url.database or url.database == ":memory:":
        raise BackupError(t("backup-no-file"))
    path = Path(url.database).expanduser()
    if not path.is_file():
        raise BackupError(t("backup-not-found", path=str(path)))
    return path


def backup_sqlite(database_url: str, target: Path) -> BackupResult:
    source_path = sqlite_file(database_url)
    target = target.expanduser()
    if target.exists():
        raise BackupError(t("backup-exists", path=str(target)))
    if target.resolve() == source_path.resolve():
        raise BackupError(t("backup-same-file"))
    if not target.parent.is_dir():
        raise BackupError(t("backup-no-folder", path=str(target.parent)))
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source_path, partial)
        revision = _check(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(target, target.stat().st_size, revision)


def _copy(source_path: Path, partial: Path) -> None:
    # Only reads, with a busy timeout: the running bot keeps writing while we copy.
    source = sqlite3.connect(source_path, timeout=30)
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination, pages=PAGES_PER_STEP)
        # A single file with no WAL beside it: what a restore copies back.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
        source.close()


def _check(partial: Path) -> str | None:
    connection = sqlite3.connect(partial)
    try:
        (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise BackupError(t("backup-integrity", verdict=str(verdict)))
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None
    finally:
        connection.close()
