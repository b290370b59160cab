"""The dashboard as XLSX: one sheet per view — members, assignments, topics.

Names come from users and team owners, so every text cell is written as a string, and one that starts
with = + - @ also gets Excel's quote prefix: «=HYPERLINK(…)» as a name stays text even after an edit.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from services.attestation.engine.content import QuestionBank
from services.clock import as_utc
from services.teams.engine.dashboard import Dashboard
from services.teams.engine.describe import topic_title, what
from services.texts import t

FORMULA_TRIGGERS = ("=", "+", "-", "@")
CELL_TEXT_LIMIT = 32_767
# Sheet names and column headers are text keys (content/texts/teams.ftl).
SHEET_MEMBERS, SHEET_ASSIGNMENTS, SHEET_TOPICS = ("team-xlsx-sheet-members", "team-xlsx-sheet-assignments",
                                                  "team-xlsx-sheet-topics")
MEMBER_COLUMNS = ("team-xlsx-member", "team-xlsx-username", "team-xlsx-best-exam", "team-xlsx-exam-passed",
                  "team-xlsx-exam-attempts", "team-xlsx-weak-topics", "team-xlsx-exam-now", "team-xlsx-sim-done",
                  "team-xlsx-sim-best")
ASSIGNMENT_COLUMNS = ("team-xlsx-assignment", "team-xlsx-deadline", "team-xlsx-member", "team-xlsx-status",
                      "team-xlsx-result", "team-xlsx-done")
TOPIC_COLUMNS = ("team-xlsx-topic", "team-xlsx-topic-percent", "team-xlsx-topic-members", "team-xlsx-topic-answers",
                 "team-xlsx-topic-weakest")


class _Sheet:
    """Writes rows into one worksheet; text cells are always strings and never formulas."""

    def __init__(self, book: xlsxwriter.Workbook, name_key: str, header_keys: Sequence[str],
                 widths: Sequence[int]) -> None:
        self.sheet: Worksheet = book.add_worksheet(t(name_key))
        self.bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.text = book.add_format({"valign": "top"})
        self.quoted = book.add_format({"valign": "top", "quote_prefix": True})
        for column, width in enumerate(widths):
            self.sheet.set_column(column, column, width)
        for column, key in enumerate(header_keys):
            self.sheet.write_string(0, column, t(key), self.bold)
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def add(self, values: Sequence[object]) -> None:
        for column, value in enumerate(values):
            self._cell(column, value)
        self.row += 1

    def _cell(self, column: int, value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool):
            value = t("team-xlsx-yes") if value else t("team-xlsx-no")
        if isinstance(value, int | float):
            self.sheet.write_number(self.row, column, value, self.text)
            return
        text = str(value)[:CELL_TEXT_LIMIT]
        risky = text.lstrip().startswith(FORMULA_TRIGGERS)
        self.sheet.write_string(self.row, column, text, self.quoted if risky else self.text)


def dashboard_xlsx(dashboard: Dashboard, bank: QuestionBank, tz: ZoneInfo) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    members = _Sheet(book, SHEET_MEMBERS, MEMBER_COLUMNS, (28, 18, 16, 12, 12, 50, 20, 14, 14))
    for row in dashboard.members:
        weakest = ", ".join(topic_title(bank, t) for t in row.weakest)
        members.add((row.name, f"@{row.username}" if row.username else None, row.best_exam, row.passed,
                     row.exams_taken, weakest, row.open_exam.text if row.open_exam else None, row.sims_done,
                     row.sims_best))
    assignments = _Sheet(book, SHEET_ASSIGNMENTS, ASSIGNMENT_COLUMNS, (45, 12, 28, 28, 12, 12))
    for row in dashboard.members:
        for item in row.assignments:
            done = as_utc(item.status.finished_at).astimezone(tz).strftime("%d.%m.%Y") \
                if item.status.finished_at else None
            deadline = as_utc(item.assignment.deadline).astimezone(tz).strftime("%d.%m.%Y")
            assignments.add((what(item.assignment, bank), deadline, row.name, item.status.headline,
                             item.status.percent, done))
    topics = _Sheet(book, SHEET_TOPICS, TOPIC_COLUMNS, (45, 16, 14, 10, 14))
    weakest_ids = {t.topic_id for t in dashboard.weakest}
    for topic in dashboard.topics:
        topics.add((topic.title, topic.percent, topic.members, topic.answers, topic.topic_id in weakest_ids))
    book.close()
    return buffer.getvalue()
