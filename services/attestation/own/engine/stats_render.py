"""Question statistics on the screen (the most urgent problems, HTML) and as an XLSX sheet (every question)."""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence

import xlsxwriter

from services.attestation.engine.formatting import format_decimal
from services.attestation.own.engine.bank import question_of
from services.attestation.own.engine.stats import (
    MIN_ANSWERS,
    NEGATIVE,
    TOO_EASY,
    TOO_HARD,
    TRAP,
    UNUSED,
    WEAK_DISC,
    QuestionStat,
)
from services.attestation.own.engine.template import template
from services.texts import t

TOP_PROBLEMS = 8
SNIPPET = 90
FLAG_KEYS = {
    NEGATIVE: "bank-flag-negative",
    TRAP: "bank-flag-trap",
    TOO_HARD: "bank-flag-hard",
    TOO_EASY: "bank-flag-easy",
    WEAK_DISC: "bank-flag-weak",
    UNUSED: "bank-flag-unused",
}


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def snippet(text: str, limit: int = SNIPPET) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def percent(share: float) -> str:
    return str(round(share * 100))


def discrimination_text(value: float | None) -> str:
    return "—" if value is None else format_decimal(value, 2, keep_zeros=True)


def version_text(question_id: str) -> str:
    """«версия 2» for an own question, «» for a built-in one."""
    own = question_of(question_id)
    return t("bank-stats-version", version=own[1]) if own else ""


def flag_text(stat: QuestionStat, flag: str) -> str:
    return t(FLAG_KEYS[flag], option=snippet(stat.trap, 40), options=", ".join(snippet(o, 40) for o in stat.unused))


def render_stats(team: str, stats: Sequence[QuestionStat], titles: Mapping[str, str], members: int) -> str:
    """HTML: what was analysed, how discrimination is computed, and the most urgent problems."""
    answers = sum(s.answers for s in stats)
    own = sum(1 for s in stats if question_of(s.question_id))
    lines = [t("bank-stats-title", team=_esc(team)),
             t("bank-stats-summary", answers=answers, questions=len(stats), own=own, builtin=len(stats) - own,
               members=members),
             "", t("bank-stats-formula")]
    if not stats:
        lines += ["", t("bank-stats-empty")]
        return "\n".join(lines)
    problems = [s for s in stats if s.flags]
    if not problems:
        lines += ["", t("bank-stats-no-problems", min_answers=MIN_ANSWERS)]
    else:
        lines += ["", t("bank-stats-problems", shown=min(TOP_PROBLEMS, len(problems)), total=len(problems))]
        for number, stat in enumerate(problems[:TOP_PROBLEMS], start=1):
            lines.append(_problem(number, stat, titles))
    few = sum(1 for s in stats if s.answers < MIN_ANSWERS)
    if few:
        lines += ["", t("bank-stats-few-answers", count=few, min_answers=MIN_ANSWERS)]
    return "\n".join(lines)


def _problem(number: int, stat: QuestionStat, titles: Mapping[str, str]) -> str:
    where = ", ".join(part for part in (titles.get(stat.topic_id, stat.topic_id), version_text(stat.question_id))
                      if part)
    head = t("bank-stats-problem", number=number, text=_esc(snippet(stat.text)), where=_esc(where))
    figures = t("bank-stats-figures", facility=percent(stat.facility), answers=stat.answers,
                discrimination=discrimination_text(stat.discrimination))
    flags = [f"⚠️ {_esc(flag_text(stat, flag))}" for flag in stat.flags]
    return "\n".join([head, figures, *flags])


def options_text(stat: QuestionStat) -> str:
    return "; ".join(f"{'✓ ' if o.correct else ''}{o.text} — {percent(o.share)} %" for o in stat.options)


def stats_xlsx(stats: Sequence[QuestionStat], titles: Mapping[str, str]) -> bytes:
    """One row per question (version): every figure and flag; texts are written as text, never as formulas."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF7", "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(t("bank-stats-sheet"))
    headers = (t("bank-stats-col-topic"), t("bank-stats-col-question"), t("bank-stats-col-version"),
               t("bank-stats-col-type"), t("bank-stats-col-answers"), t("bank-stats-col-facility"),
               t("bank-stats-col-discrimination"), t("bank-stats-col-options"), t("bank-stats-col-flags"))
    widths = (22, 60, 10, 16, 10, 10, 14, 60, 60)
    for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, width, wrap)
    sheet.freeze_panes(1, 0)
    types = template().types
    for row, stat in enumerate(stats, start=1):
        label = types[stat.type].label if stat.type in types else stat.type
        version = question_of(stat.question_id)
        sheet.write_string(row, 0, titles.get(stat.topic_id, stat.topic_id))
        sheet.write_string(row, 1, stat.text)
        if version:
            sheet.write_number(row, 2, version[1])
        sheet.write_string(row, 3, label)
        sheet.write_number(row, 4, stat.answers)
        sheet.write_number(row, 5, round(stat.facility * 100, 1))
        if stat.discrimination is not None:
            sheet.write_number(row, 6, round(stat.discrimination, 3))
        sheet.write_string(row, 7, options_text(stat))
        sheet.write_string(row, 8, "\n".join(flag_text(stat, flag) for flag in stat.flags))
    book.close()
    return buffer.getvalue()
