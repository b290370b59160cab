"""`python -m bot [run|migrate|backup|check-content|rfm|funnel|seasonality] …`"""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.settings import SettingsError, database_url_from_env, load_settings

ANALYSES = ("rfm", "funnel", "seasonality")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Sales Coach — Telegram-бот для обучения и аналитики отдела продаж.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="применить миграции и запустить бота (по умолчанию)")
    sub.add_parser("migrate", help="только применить миграции базы данных")
    backup = sub.add_parser("backup", help="резервная копия базы SQLite в файл PATH (можно при работающем боте)")
    backup.add_argument("path", metavar="PATH", help="новый файл для копии, например backups/bot-2025-01-31.db")
    sub.add_parser("check-content", help="проверить учебный контент и сценарии, вывести сводку")
    for kind, title in zip(ANALYSES, ("RFM-анализ", "конверсия воронки", "сезонность"), strict=True):
        analysis = sub.add_parser(kind, help=f"{title} по файлу CSV/XLSX (см. python -m bot {kind} --help)",
                                  add_help=False)
        analysis.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    command = args.command or "run"
    try:
        if command == "migrate":
            return cmd_migrate()
        if command == "backup":
            return cmd_backup(args.path)
        if command == "check-content":
            return cmd_check_content()
        if command in ANALYSES:
            from bot.analytics_cli import run_analysis_cli

            return run_analysis_cli(command, args.args)
        return cmd_run()
    except SettingsError as exc:
        print(f"Ошибка настроек: {exc}", file=sys.stderr)
        return 2


def cmd_migrate() -> int:
    from bot.migrations import upgrade

    upgrade(database_url_from_env())
    print("Миграции применены.")
    return 0


def cmd_backup(path: str) -> int:
    from pathlib import Path

    from bot.backup import BackupError, backup_sqlite

    try:
        result = backup_sqlite(database_url_from_env(), Path(path))
    except BackupError as exc:
        print(f"Копия не сделана: {exc}", file=sys.stderr)
        return 1
    size = f"{result.size_bytes / 1024 / 1024:.1f}".replace(".", ",")
    print(f"Резервная копия сохранена: {result.path} ({size} МБ, ревизия схемы {result.schema_revision or '—'}).")
    return 0


def cmd_check_content() -> int:
    from bot.content_check import check_all_content

    report = check_all_content()
    print(report.text)
    return 0 if report.ok else 1


def cmd_run() -> int:
    settings = load_settings()
    from bot.logging_setup import setup_logging
    from bot.migrations import upgrade

    secrets = [settings.bot_token.get_secret_value()]
    if settings.webhook_secret is not None:
        secrets.append(settings.webhook_secret.get_secret_value())
    setup_logging(settings.log_level, secrets)
    upgrade(settings.database_url)
    if settings.webhook_url:
        from bot.webhook import run_webhook

        asyncio.run(run_webhook(settings))
    else:
        from bot.app import run_polling

        asyncio.run(run_polling(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
