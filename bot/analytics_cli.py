"""`python -m bot rfm|funnel|seasonality FILE --out PATH`: the chat's analytics without Telegram.

Prints the same summary the bot sends (plain text) and writes `<out>.xlsx` and `<out>.png`.
Exit code 0, or 2 with a Russian message on bad input.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from services.analytics.engine import AnalyticsError, Question, Report, analyse
from services.analytics.engine.funnel import FunnelOptions
from services.analytics.engine.rfm import RfmOptions
from services.analytics.engine.rfm_scores import parse_thresholds

KINDS = ("rfm", "funnel", "seasonality")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit with an English message
        raise _UsageError(message)


def _parser(kind: str) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"python -m bot {kind}", description="Анализ файла без Telegram.")
    parser.add_argument("file", help="CSV, XLSX или ZIP с одной таблицей")
    parser.add_argument("--out", help="куда писать отчёт: <out>.xlsx и <out>.png (по умолчанию <имя файла>_<анализ>)")
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="РОЛЬ=СТОЛБЕЦ",
        help="какой столбец взять, например client=Покупатель (можно несколько раз)",
    )
    if kind == "rfm":
        parser.add_argument("--scale", type=int, choices=(3, 5), default=3, help="шкала баллов: 3 или 5")
        parser.add_argument("--thresholds", help="свои критерии, например «Д 30 90; Ч 2 5; С 10000 50000»")
        parser.add_argument("--reference-date", help="дата отсчёта давности, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД")
    if kind == "funnel":
        parser.add_argument("--stages", help="порядок этапов через запятую")
        parser.add_argument("--key-stage", help="ключевой этап воронки (КЭВ)")
    return parser


def run_analysis_cli(kind: str, argv: list[str]) -> int:
    if kind not in KINDS:
        print(f"Неизвестный анализ «{kind}». Есть: {', '.join(KINDS)}.", file=sys.stderr)
        return 2
    try:
        args = _parser(kind).parse_args(argv)
        options = _options(kind, args)
        mapping = _mapping(args.column)
        path = Path(args.file)
        if not path.is_file():
            raise _UsageError(f"файл не найден: {path}")
        data = path.read_bytes()
        outcome = analyse(data, path.name, kind=kind, mapping=mapping or None, options=options)
        if isinstance(outcome, Question) and outcome.topic == "stage_order":
            print("Порядок этапов предложен автоматически: " + " → ".join(outcome.proposed_order))
            print('Чтобы задать свой, добавьте --stages "этап 1, этап 2, …".\n')
            key = options.key_stage if isinstance(options, FunnelOptions) else None
            options = FunnelOptions(stage_order=outcome.proposed_order, key_stage=key)
            outcome = analyse(data, path.name, kind=kind, mapping=mapping or None, options=options)
    except _UsageError as exc:
        print(f"Не понял параметры: {exc}", file=sys.stderr)
        return 2
    except AnalyticsError as exc:
        print(exc.user_message, file=sys.stderr)
        return 2
    if isinstance(outcome, Question):
        print(outcome.text_plain, file=sys.stderr)
        for choice in outcome.choices:
            print(f"  {outcome.role}={choice.value}" if outcome.role else f"  {choice.value}", file=sys.stderr)
        print("Укажите столбец параметром --column РОЛЬ=СТОЛБЕЦ.", file=sys.stderr)
        return 2
    return _write(outcome, args.out or f"{path.stem}_{kind}")


def _write(report: Report, out: str) -> int:
    base = Path(out)
    if base.suffix.lower() in (".xlsx", ".png"):
        base = base.with_suffix("")
    base.parent.mkdir(parents=True, exist_ok=True)
    xlsx_path, png_path = Path(f"{base}.xlsx"), Path(f"{base}.png")
    xlsx_path.write_bytes(report.xlsx)
    png_path.write_bytes(report.png)
    print(report.text_plain)
    print(f"\nФайлы: {xlsx_path}, {png_path}")
    return 0


def _options(kind: str, args: argparse.Namespace) -> RfmOptions | FunnelOptions | None:
    if kind == "rfm":
        thresholds = parse_thresholds(args.thresholds) if args.thresholds else None
        return RfmOptions(scale=args.scale, thresholds=thresholds, reference_date=_date(args.reference_date))
    if kind == "funnel":
        stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
        return FunnelOptions(stage_order=stages, key_stage=args.key_stage)
    return None


def _date(text: str | None) -> date | None:
    if not text:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise _UsageError(f"дата «{text}» не в формате ДД.ММ.ГГГГ или ГГГГ-ММ-ДД")


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        role, sep, header = pair.partition("=")
        if not sep or not role.strip():
            raise _UsageError(f"«{pair}»: нужно РОЛЬ=СТОЛБЕЦ, например client=Покупатель")
        mapping[role.strip()] = header
    return mapping
