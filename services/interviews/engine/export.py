"""XLSX exports of interview results (bytes, ready to send as a document; captions: interviews.ftl).

Text cells are always written as strings; a cell starting with = + - @ also gets Excel's quote
prefix, so a hostile answer like «=HYPERLINK(...)» stays text even after the user edits the cell.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from services.interviews.engine.audit import AuditResult
from services.interviews.engine.custdev import CustdevInsights, InterviewSummary, Quote, SummaryAnswer, Theme
from services.interviews.engine.evidence import answer_text, voice_text
from services.interviews.engine.scorecard import MAX_RATING, MIN_RATING, Comparison, Scorecard, recommendation_text
from services.texts import t

FORMULA_TRIGGERS = ("=", "+", "-", "@")
CELL_TEXT_LIMIT = 32_767  # Excel's limit for one cell


class _Book:
    """A workbook in memory with cached formats and safe cell writing."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.workbook: Workbook = xlsxwriter.Workbook(
            self.buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        self._formats: dict[tuple, object] = {}

    def fmt(self, *, bold: bool = False, wrap: bool = False, quote: bool = False, percent: bool = False):
        key = (bold, wrap, quote, percent)
        if key not in self._formats:
            props: dict[str, object] = {"valign": "top"}
            if bold:
                props["bold"] = True
            if wrap:
                props["text_wrap"] = True
            if quote:
                props["quote_prefix"] = True
            if percent:
                props["num_format"] = "0%"
            self._formats[key] = self.workbook.add_format(props)
        return self._formats[key]

    def sheet(self, name: str, widths: Sequence[int]) -> Worksheet:
        sheet = self.workbook.add_worksheet(name)
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        return sheet

    def write(self, sheet: Worksheet, row: int, col: int, value: object, *, bold: bool = False) -> None:
        if value is None:
            return
        if isinstance(value, bool):
            value = t("interview-xlsx-yes") if value else ""
        if isinstance(value, int | float):
            sheet.write_number(row, col, value, self.fmt(bold=bold))
            return
        text = str(value)[:CELL_TEXT_LIMIT]
        risky = text.lstrip().startswith(FORMULA_TRIGGERS)
        sheet.write_string(row, col, text, self.fmt(bold=bold, wrap=len(text) > 40, quote=risky))

    def write_row(self, sheet: Worksheet, row: int, values: Sequence[object], *, bold: bool = False) -> int:
        for col, value in enumerate(values):
            self.write(sheet, row, col, value, bold=bold)
        return row + 1

    def write_percent(self, sheet: Worksheet, row: int, col: int, percent: float | None) -> None:
        if percent is not None:
            sheet.write_number(row, col, percent / 100, self.fmt(percent=True))

    def close(self) -> bytes:
        self.workbook.close()
        return self.buffer.getvalue()


def _captions(*keys: str) -> list[str]:
    return [t(key) for key in keys]


def _total_caption() -> str:
    return t("interview-xlsx-total", min=MIN_RATING, max=MAX_RATING)


def _total(card: Scorecard) -> float | None:
    return round(card.total, 2) if card.total is not None else None


def _flags_text(card: Scorecard, competency_id: str) -> str:
    critical = " " + t("interview-xlsx-critical")
    return "; ".join(
        flag.text + (critical if flag.critical else "")
        for flag in card.red_flags
        if flag.competency_id == competency_id
    )


def scorecard_xlsx(card: Scorecard) -> bytes:
    book = _Book()
    sheet = book.sheet(t("interview-xlsx-sheet-scorecard"), [34, 10, 6, 8, 60, 50, 60, 60])
    row = 0
    total = _total(card)
    for label, value in (
        (t("interview-xlsx-candidate"), card.candidate or "—"),
        (t("interview-xlsx-recommendation"), recommendation_text(card.recommendation)),
        (_total_caption(), total if total is not None else t("interview-no-ratings")),
    ):
        row = book.write_row(sheet, row, [label, value])
    book.write(sheet, row, 0, t("interview-xlsx-total-percent"))
    book.write_percent(sheet, row, 1, card.percent)
    row += 1
    for label, value in (
        (t("interview-xlsx-confidence"), card.confidence),
        (t("interview-salary-item"), card.salary or t("interview-salary-none")),
    ):
        row = book.write_row(sheet, row, [label, value])
    row = book.write_row(sheet, row + 1, [t("interview-xlsx-why")], bold=True)
    for reason in card.reasons:
        row = book.write_row(sheet, row, [reason])
    row = book.write_row(
        sheet,
        row + 1,
        _captions("interview-xlsx-competency", "interview-xlsx-key", "interview-xlsx-weight", "interview-xlsx-rating",
                  "interview-xlsx-rating-meaning", "interview-xlsx-red-flags", "interview-xlsx-candidate-answer",
                  "interview-xlsx-notes"),
        bold=True,
    )
    for score in card.competencies:
        row = book.write_row(
            sheet,
            row,
            [
                score.title,
                score.key,
                score.weight,
                score.rating if score.rating is not None else t("interview-not-rated"),
                score.rubric_text or "",
                _flags_text(card, score.competency_id),
                answer_text(score.evidence) or None,
                score.evidence.note,
            ],
        )
    return book.close()


def comparison_xlsx(comparison: Comparison) -> bytes:
    book = _Book()
    order = list(comparison.ranking)
    sheet = book.sheet(t("interview-xlsx-sheet-comparison"), [34, 6, 10, *([22] * len(order))])
    names = [comparison.candidates[i] for i in order]
    cards = [comparison.scorecards[i] for i in order]
    header = _captions("interview-xlsx-competency", "interview-xlsx-weight", "interview-xlsx-key")
    row = book.write_row(sheet, 0, [*header, *names], bold=True)
    for comp_row in comparison.rows:
        ratings = [comp_row.ratings[i] for i in order]
        row = book.write_row(sheet, row, [comp_row.title, comp_row.weight, comp_row.key, *ratings])
    summary_rows: list[tuple[str, list[object]]] = [
        (_total_caption(), [_total(c) for c in cards]),
        (t("interview-xlsx-recommendation"), [recommendation_text(c.recommendation) for c in cards]),
        (t("interview-xlsx-confidence"), [c.confidence for c in cards]),
        (t("interview-xlsx-flag-count"), [len(c.red_flags) for c in cards]),
        (t("interview-xlsx-critical-count"), [sum(1 for f in c.red_flags if f.critical) for c in cards]),
        (t("interview-salary-item"), [c.salary or t("interview-salary-none") for c in cards]),
    ]
    row += 1
    for label, values in summary_rows:
        row = book.write_row(sheet, row, [label, None, None, *values], bold=False)
    book.write(sheet, row, 0, t("interview-xlsx-total-percent"))
    for offset, card in enumerate(cards):
        book.write_percent(sheet, row, 3 + offset, card.percent)
    return book.close()


def _quote(theme_quote: Quote) -> str:
    who = theme_quote.respondent or t("interview-quote-interview", number=theme_quote.interview)
    return f"«{theme_quote.text}» — {who}"


def _write_themes(book: _Book, sheet: Worksheet, row: int, title: str, themes: Sequence[Theme]) -> int:
    row = book.write_row(sheet, row, [title], bold=True)
    header = _captions("interview-xlsx-key-word", "interview-xlsx-interview", "interview-xlsx-answers",
                       "interview-xlsx-quotes", "interview-xlsx-theme")
    row = book.write_row(sheet, row, header, bold=True)
    for theme in themes:
        quotes = "\n".join(_quote(q) for q in theme.quotes)
        # The theme in the respondents' own words; the key word that grouped the answers stays first, to sort by.
        row = book.write_row(sheet, row, [theme.label, theme.interviews, theme.mentions, quotes, theme.title])
    return row + 1


def _answer_cell(answer: SummaryAnswer) -> str:
    """The answer as typed; a voice answer stays in the chat, the cell says so and how long it is."""
    voice = voice_text(answer.voice_seconds) if answer.is_voice else None
    return "\n".join(part for part in (answer.text, voice) if part)


def custdev_xlsx(summaries: Sequence[InterviewSummary], insights: CustdevInsights) -> bytes:
    book = _Book()
    tags = list(summaries[0].tag_counts) if summaries else []
    answers = book.sheet(t("interview-xlsx-sheet-answers"), [10, 22, 22, 40, 60, 8, *([14] * len(tags))])
    header = _captions("interview-xlsx-interview", "interview-xlsx-respondent", "interview-xlsx-section",
                       "interview-xlsx-question", "interview-xlsx-answer", "interview-xlsx-voice")
    row = book.write_row(answers, 0, [*header, *(tag.label for tag in tags)], bold=True)
    for number, summary in enumerate(summaries, start=1):
        for answer in summary.answers:
            marks = ["✓" if tag.tag_id in answer.tags else None for tag in tags]
            row = book.write_row(
                answers,
                row,
                [
                    number,
                    summary.respondent,
                    answer.section_title,
                    answer.question_text,
                    _answer_cell(answer),
                    answer.is_voice,
                    *marks,
                ],
            )
    answers.autofilter(0, 0, max(row - 1, 0), 5 + len(tags))
    totals = book.sheet(t("interview-xlsx-sheet-totals"), [30, 12, 12, 80, 40])
    row = book.write_row(totals, 0, [t("interview-xlsx-interview"), insights.interviews], bold=True)
    header = _captions("interview-xlsx-tag", "interview-xlsx-answers", "interview-xlsx-interview")
    row = book.write_row(totals, row + 1, header, bold=True)
    for stat in insights.tag_stats:
        row = book.write_row(totals, row, [stat.label, stat.answers, stat.interviews])
    row += 1
    row = _write_themes(book, totals, row, t("interview-xlsx-kcv"), insights.kcv_candidates)
    row = _write_themes(book, totals, row, t("interview-xlsx-pains"), insights.pains)
    _write_themes(book, totals, row, t("interview-xlsx-values"), insights.values)
    return book.close()


def audit_xlsx(result: AuditResult) -> bytes:
    book = _Book()
    sheet = book.sheet(t("interview-xlsx-sheet-audit"), [16, 34, 8, 12, 60, 50])
    header = _captions("interview-xlsx-department", "interview-xlsx-item", "interview-xlsx-rating",
                       "interview-xlsx-given", "interview-xlsx-rating-meaning", "interview-xlsx-note")
    row = book.write_row(sheet, 0, header, bold=True)
    for department in result.departments:
        for item in department.items:
            score = item.score if item.score is not None else t("interview-audit-not-checked")
            row = book.write_row(
                sheet, row, [department.title, item.title, score, item.given, item.level_text, item.note]
            )
    header = _captions("interview-xlsx-department", "interview-xlsx-points", "interview-xlsx-out-of",
                       "interview-xlsx-percent")
    row = book.write_row(sheet, row + 1, header, bold=True)
    for department in result.departments:
        book.write_row(sheet, row, [department.title, department.points, department.max_points])
        book.write_percent(sheet, row, 3, department.percent)
        row += 1
    book.write_row(sheet, row, [t("interview-xlsx-overall"), result.points, result.max_points], bold=True)
    book.write_percent(sheet, row, 3, result.percent)
    book.write(sheet, row + 1, 0, result.verdict)
    programme = book.sheet(t("interview-xlsx-sheet-programme"), [6, 40, 16, 14, 80])
    header = _captions("interview-xlsx-place", "interview-xlsx-topic", "interview-xlsx-topic-id",
                       "interview-xlsx-gap-points", "interview-xlsx-why")
    row = book.write_row(programme, 0, header, bold=True)
    for place, topic in enumerate(result.programme, start=1):
        row = book.write_row(
            programme, row, [place, topic.title, topic.topic_id, topic.gap_points, topic.reason]
        )
    return book.close()
