"""`python -m bot rfm|funnel|seasonality FILE --out PATH`: the chat's analytics without Telegram.

Prints the same summary the bot sends (plain text) and writes `<out>.xlsx` and `<out>.png`.
Exit code 0, or 2 with a Russian message on bad input. The texts are in `content/texts/analytics.ftl`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from services.analytics.engine import AnalyticsError, Question, Report, analyse
from services.analytics.engine.content import KINDS, SCALES
from services.texts import t

if TYPE_CHECKING:
    from services.analytics.engine.funnel import FunnelOptions
    from services.analytics.engine.rfm import RfmOptions


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit with an English message
        raise _UsageError(message)


def _parser(kind: str) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"python -m bot {kind}", description=t("analytics-cli-description"))
    parser.add_argument("file", help=t("analytics-cli-help-file"))
    parser.add_argument("--out", help=t("analytics-cli-help-out"))
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar=t("analytics-cli-column-metavar"),
        help=t("analytics-cli-help-column"),
    )
    if kind == "rfm":
        parser.add_argument("--scale", type=int, choices=SCALES, default=SCALES[0],
                            help=t("analytics-cli-help-scale", small=SCALES[0], large=SCALES[1]))
        parser.add_argument("--thresholds", help=t("analytics-cli-help-thresholds"))
        parser.add_argument("--reference-date", help=t("analytics-cli-help-reference-date"))
    if kind == "funnel":
        parser.add_argument("--stages", help=t("analytics-cli-help-stages"))
        parser.add_argument("--key-stage", help=t("analytics-cli-help-key-stage"))
    return parser


def run_analysis_cli(kind: str, argv: list[str]) -> int:
    if kind not in KINDS:
        print(t("analytics-cli-unknown-kind", kind=kind, kinds=", ".join(KINDS)), file=sys.stderr)
        return 2
    try:
        args = _parser(kind).parse_args(argv)
        options = _options(kind, args)
        mapping = _mapping(args.column)
        path = Path(args.file)
        if not path.is_file():
            raise _UsageError(t("analytics-cli-file-not-found", path=str(path)))
        data = path.read_bytes()
        outcome = analyse(data, path.name, kind=kind, mapping=mapping or None, options=options)
        if isinstance(outcome, Question) and outcome.topic == "stage_order":
            print(t("analytics-cli-proposed-order", stages=" → ".join(outcome.proposed_order)))
            print(t("analytics-cli-own-order") + "\n")
            from services.analytics.engine.funnel import FunnelOptions

            key = options.key_stage if isinstance(options, FunnelOptions) else None
            options = FunnelOptions(stage_order=outcome.proposed_order, key_stage=key)
            outcome = analyse(data, path.name, kind=kind, mapping=mapping or None, options=options)
    except _UsageError as exc:
        print(t("analytics-cli-bad-params", problem=str(exc)), file=sys.stderr)
        return 2
    except AnalyticsError as exc:
        print(exc.user_message, file=sys.stderr)
        return 2
    if isinstance(outcome, Question):
        print(outcome.text_plain, file=sys.stderr)
        for choice in outcome.choices:
            print(f"  {outcome.role}={choice.value}" if outcome.role else f"  {choice.value}", file=sys.stderr)
        print(t("analytics-cli-pick-column"), file=sys.stderr)
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
    print("\n" + t("analytics-cli-files", xlsx=str(xlsx_path), png=str(png_path)))
    return 0


def _options(kind: str, args: argparse.Namespace) -> RfmOptions | FunnelOptions | None:
    if kind == "rfm":
        from services.analytics.engine.rfm import RfmOptions
        from services.analytics.engine.rfm_scores import parse_thresholds

        thresholds = parse_thresholds(args.thresholds) if args.thresholds else None
        return RfmOptions(scale=args.scale, thresholds=thresholds, reference_date=_date(args.reference_date))
    if kind == "funnel":
        from services.analytics.engine.funnel import FunnelOptions

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
    raise _UsageError(t("analytics-cli-bad-date", text=text))


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        role, sep, header = pair.partition("=")
        if not sep or not role.strip():
            raise _UsageError(t("analytics-cli-bad-column", pair=pair))
        mapping[role.strip()] = header
    return mapping
