"""`python -m bot [run|migrate|backup|check-content|rfm|funnel|seasonality] …`"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from services.texts import t

if TYPE_CHECKING:
    from bot.settings import Settings

# Imports stay inside the commands that need them: `python -m bot rfm FILE` loads neither the settings
# (pydantic-settings) nor asyncio, aiogram or SQLAlchemy.

ANALYSES = {"rfm": "cli-help-rfm", "funnel": "cli-help-funnel", "seasonality": "cli-help-seasonality"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=t("cli-description"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help=t("cli-help-run"))
    sub.add_parser("migrate", help=t("cli-help-migrate"))
    backup = sub.add_parser("backup", help=t("cli-help-backup"))
    backup.add_argument("path", metavar="PATH", help=t("cli-help-backup-path"))
    sub.add_parser("check-content", help=t("cli-help-check-content"))
    for kind, help_key in ANALYSES.items():
        analysis = sub.add_parser(kind, help=t(help_key), add_help=False)
        analysis.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ANALYSES:
        # The analysis commands parse their own arguments (and their own --help).
        from bot.analytics_cli import run_analysis_cli

        return run_analysis_cli(argv[0], argv[1:])
    args = build_parser().parse_args(argv)
    command = args.command or "run"
    from bot.settings import SettingsError

    try:
        if command == "migrate":
            return cmd_migrate()
        if command == "backup":
            return cmd_backup(args.path)
        if command == "check-content":
            return cmd_check_content()
        return cmd_run()
    except SettingsError as exc:
        print(t("cli-settings-error", error=str(exc)), file=sys.stderr)
        return 2


def cmd_migrate() -> int:
    from bot.settings import database_url_from_env

    problem = _migrate_or_say(database_url_from_env())
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    print(t("cli-migrated"))
    return 0


def cmd_backup(path: str) -> int:
    from pathlib import Path

    from bot.backup import BackupError, backup_sqlite
    from bot.settings import database_url_from_env

    try:
        result = backup_sqlite(database_url_from_env(), Path(path))
    except BackupError as exc:
        print(t("cli-backup-failed", error=str(exc)), file=sys.stderr)
        return 1
    size = f"{result.size_bytes / 1024 / 1024:.1f}".replace(".", ",")
    print(t("cli-backup-done", path=str(result.path), size=size, revision=result.schema_revision or "—"))
    return 0


def cmd_check_content() -> int:
    from bot.content_check import check_all_content

    report = check_all_content()
    print(report.text)
    return 0 if report.ok else 1


def cmd_run() -> int:
    from bot.settings import load_settings

    settings = load_settings()
    from bot.logging_setup import setup_logging

    secrets = [settings.bot_token.get_secret_value()]
    if settings.webhook_secret is not None:
        secrets.append(settings.webhook_secret.get_secret_value())
    setup_logging(settings.log_level, secrets)
    problem = _migrate_or_say(settings.database_url)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    return _serve(settings)


def _migrate_or_say(database_url: str) -> str | None:
    """Apply migrations; a database that cannot be opened is one line for the operator, not a traceback."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from bot.migrations import upgrade

    try:
        upgrade(database_url)
    except (SQLAlchemyError, OSError) as exc:
        where = make_url(database_url).render_as_string(hide_password=True)
        return t("cli-database-unreachable", url=where, error=_first_line(exc))
    return None


def _serve(settings: Settings) -> int:
    import asyncio

    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    try:
        if settings.webhook_url:
            from bot.webhook import run_webhook

            asyncio.run(run_webhook(settings))
        else:
            from bot.app import run_polling

            asyncio.run(run_polling(settings))
    except TelegramUnauthorizedError:
        print(t("cli-bad-token"), file=sys.stderr)
        return 1
    except TelegramNetworkError as exc:
        print(t("cli-no-network", error=_first_line(exc)), file=sys.stderr)
        return 1
    return 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


if __name__ == "__main__":
    sys.exit(main())
