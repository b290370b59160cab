"""`python -m bot [run|migrate|check-content|rfm|funnel|seasonality] …`"""

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


def cmd_check_content() -> int:
    from bot.content_check import check_all_content

    report = check_all_content()
    print(report.text)
    return 0 if report.ok else 1


def cmd_run() -> int:
    settings = load_settings()
    from bot.logging_setup import setup_logging
    from bot.migrations import upgrade

    setup_logging(settings.log_level, [settings.bot_token.get_secret_value()])
    upgrade(settings.database_url)
    from bot.app import run_polling

    asyncio.run(run_polling(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
