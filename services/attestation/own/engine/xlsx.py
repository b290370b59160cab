"""The XLSX way in and out: the template «Шаблон вопросов.xlsx», reading a filled one, exporting a team's bank.

One row of the «Вопросы» sheet is one question (columns in content/bank/template.yaml); the «Темы» sheet carries
the topics' cards; the «Как заполнять» sheet explains every column and shows one example row of each type; the
type column has a drop-down (data validation). Every text is written as a string cell, never as a formula, so a
cell «=1+1» imported from anyone stays the text «=1+1» in every file we write back.

In an option cell of a choice question, what follows an unescaped «#» is why that option is wrong (as in GIFT);
«\\#» and «\\\\» stand for «#» and «\\». Matching pairs are «left -> right»; ordering steps are in the right order.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from openpyxl import load_workbook

from services.attestation.engine.parsing import parse_number
from services.attestation.own.engine.model import (
    CHOICE_TYPES,
    MATCHING,
    NUMERIC,
    ORDERING,
    TYPES,
    Option,
    Pair,
    ParsedQuestion,
    ParsedTopic,
    ParseResult,
    QuestionBody,
)
from services.attestation.own.engine.template import Template, template
from services.attestation.own.engine.validate import MATCH_ARROW
from services.texts import t

ARROWS = (MATCH_ARROW, "→")
ROWS_VALIDATED = 5000  # the type drop-down covers this many rows
_NUMBERS = re.compile(r"\d+")


# ---- option cells: «text # why» with GIFT's escapes -------------------------------------------------------

def option_cell(option: Option) -> str:
    text = option.text.replace("\\", "\\\\").replace("#", "\\#")
    why = option.why.replace("\\", "\\\\").replace("#", "\\#")
    return f"{text} # {why}" if why else text


def split_option_cell(cell: str) -> tuple[str, str]:
    """(text, why) of an option cell: split at the first unescaped «#», escapes undone."""
    parts: list[list[str]] = [[]]
    chars = iter(cell)
    for char in chars:
        if char == "\\":
            parts[-1].append(next(chars, "\\"))
        elif char == "#" and len(parts) == 1:
            parts.append([])
        else:
            parts[-1].append(char)
    text = "".join(parts[0]).strip()
    return text, "".join(parts[1]).strip() if len(parts) > 1 else ""


# ---- writing --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class XlsxTopic:
    title: str
    card: str
    url: str
    questions: Sequence[QuestionBody]


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _row(topic: str, body: QuestionBody, tpl: Template) -> tuple[list[Any], list[str]]:
    """The fixed cells (strings, or a float for the number and tolerance) and the option cells of a question."""
    answer: Any = ""
    tolerance: Any = ""
    if body.type in CHOICE_TYPES:
        answer = ", ".join(str(k) for k, o in enumerate(body.options, start=1) if o.correct)
        options = [option_cell(o) for o in body.options]
    elif body.type == NUMERIC:
        answer, tolerance = float(body.answer or 0.0), float(body.tolerance)
        options = []
    elif body.type == ORDERING:
        options = list(body.items)
    else:
        options = [f"{p.left} {MATCH_ARROW} {p.right}" for p in body.pairs]
    cells = {"topic": topic, "type": tpl.types[body.type].label, "text": body.text, "answer": answer,
             "tolerance": tolerance, "explanation": body.explanation, "title": body.title}
    return [cells[c.key] for c in tpl.columns], options


def _write_cell(sheet: Any, row: int, col: int, value: Any, fmt: Any = None) -> None:
    if isinstance(value, float):
        sheet.write_number(row, col, value, fmt)
    elif value != "":
        sheet.write_string(row, col, str(value), fmt)  # a string, even «=SUM(A1)»: never a formula


def write_xlsx(topics: Sequence[XlsxTopic]) -> bytes:
    """The template with the topics and questions filled in (no topics: the blank template)."""
    tpl = template()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF7", "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    as_text = book.add_format({"num_format": "@", "valign": "top"})
    _questions_sheet(book, tpl, topics, bold, wrap, as_text)
    _topics_sheet(book, tpl, topics, bold, wrap)
    _help_sheet(book, tpl, bold, wrap)
    book.close()
    return buffer.getvalue()


def _questions_sheet(book: Any, tpl: Template, topics: Sequence[XlsxTopic], bold: Any, wrap: Any,
                     as_text: Any) -> None:
    sheet = book.add_worksheet(tpl.sheets.questions)
    headers = [c.header for c in tpl.columns] + [tpl.option_title(n) for n in range(1, tpl.option_columns + 1)]
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
    for col, column in enumerate(tpl.columns):
        sheet.set_column(col, col, column.width, as_text if column.key in ("answer", "tolerance") else wrap)
    first_option = len(tpl.columns)
    sheet.set_column(first_option, first_option + tpl.option_columns - 1, 24, wrap)
    sheet.freeze_panes(1, 0)
    type_col = [c.key for c in tpl.columns].index("type")
    sheet.data_validation(1, type_col, ROWS_VALIDATED, type_col, {
        "validate": "list", "source": [tpl.types[code].label for code in TYPES],
        "error_title": tpl.column("type").header, "error_message": tpl.column("type").help[:255]})
    row = 1
    for topic in topics:
        for body in topic.questions:
            cells, options = _row(topic.title, body, tpl)
            for col, value in enumerate([*cells, *options]):
                _write_cell(sheet, row, col, value)
            row += 1


def _topics_sheet(book: Any, tpl: Template, topics: Sequence[XlsxTopic], bold: Any, wrap: Any) -> None:
    sheet = book.add_worksheet(tpl.sheets.topics)
    for col, column in enumerate(tpl.topic_columns):
        sheet.write_string(0, col, column.header, bold)
        sheet.set_column(col, col, column.width, wrap)
    for row, topic in enumerate((topic for topic in topics if topic.card or topic.url), start=1):
        for col, value in enumerate((topic.title, topic.card, topic.url)):
            _write_cell(sheet, row, col, value)


def _help_sheet(book: Any, tpl: Template, bold: Any, wrap: Any) -> None:
    sheet = book.add_worksheet(tpl.sheets.help)
    sheet.set_column(0, 0, 22, wrap)
    sheet.set_column(1, 1, 80, wrap)
    sheet.set_column(2, 2, 40, wrap)
    sheet.write_string(0, 0, tpl.help_title, bold)
    row = 1
    for line in tpl.help_intro:
        sheet.write_string(row, 0, line)
        row += 1
    row += 1
    for col, header in enumerate(tpl.help_columns_header):
        sheet.write_string(row, col, header, bold)
    row += 1
    for column in tpl.columns:
        for col, value in enumerate((column.header, column.help, column.example)):
            _write_cell(sheet, row, col, value, wrap)
        row += 1
    for col, value in enumerate((f"{tpl.option_title(1)} … {tpl.option_title(tpl.option_columns)}",
                                 tpl.option_help, tpl.option_example)):
        _write_cell(sheet, row, col, value, wrap)
    row += 2
    sheet.write_string(row, 0, tpl.help_examples_title, bold)
    row += 1
    headers = [c.header for c in tpl.columns] + [tpl.option_title(n) for n in range(1, tpl.option_columns + 1)]
    for col, header in enumerate(headers):
        sheet.write_string(row, col, header, bold)
    for example in tpl.examples:
        row += 1
        cells = {"topic": example.topic, "type": tpl.types[example.type].label, "text": example.text,
                 "answer": example.answer, "tolerance": example.tolerance, "explanation": example.explanation,
                 "title": ""}
        for col, value in enumerate([cells[c.key] for c in tpl.columns] + list(example.options)):
            _write_cell(sheet, row, col, value, wrap)


# ---- reading --------------------------------------------------------------------------------------------

def looks_like_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_xlsx(data: bytes) -> ParseResult:
    """Every question of a filled template (each error names its row), and the topics' cards."""
    tpl = template()
    result = ParseResult()
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        result.error(0, t("bank-xlsx-unreadable"))
        return result
    try:
        names = {name.casefold(): name for name in book.sheetnames}
        sheet = book[names.get(tpl.sheets.questions.casefold(), book.sheetnames[0])]
        _read_questions(sheet, tpl, result)
        topics_name = names.get(tpl.sheets.topics.casefold())
        if topics_name:
            _read_topics(book[topics_name], tpl, result)
    finally:
        book.close()
    return result


def _header_map(header: Sequence[Any], tpl: Template) -> tuple[dict[str, int], dict[int, int]]:
    """Column key → index, and option number → index, by the header texts (columns may be moved)."""
    by_header = {c.header.casefold(): c.key for c in tpl.columns}
    columns: dict[str, int] = {}
    options: dict[int, int] = {}
    prefix = tpl.option_header.casefold()
    for index, value in enumerate(header):
        name = " ".join(_cell_text(value).split()).casefold()
        if name in by_header:
            columns.setdefault(by_header[name], index)
        elif name.startswith(prefix):
            number = name[len(prefix):].strip()
            if number.isdigit():
                options.setdefault(int(number), index)
    return columns, options


def _read_questions(sheet: Any, tpl: Template, result: ParseResult) -> None:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns, options = _header_map(header, tpl)
    missing = [tpl.column(key).header for key in ("type", "text") if key not in columns]
    if missing or not options:
        headers = missing + ([] if options else [tpl.option_title(1)])
        result.error(1, t("bank-xlsx-no-columns", columns=", ".join(f"«{h}»" for h in headers)))
        return
    number = 0
    for row_number, row in enumerate(rows, start=2):
        cells = {key: row[index] if index < len(row) else None for key, index in columns.items()}
        option_cells = {n: _cell_text(row[i]) if i < len(row) else "" for n, i in sorted(options.items())}
        if not any(_cell_text(v) for v in cells.values()) and not any(option_cells.values()):
            continue
        number += 1
        try:
            body = _body(cells, option_cells, tpl)
        except _RowError as problem:
            result.error(row_number, t("bank-at-line", line=row_number, problem=problem.message))
            continue
        result.questions.append(ParsedQuestion(_cell_text(cells.get("topic")), body.normalized(), row_number,
                                               number))


def _read_topics(sheet: Any, tpl: Template, result: ParseResult) -> None:
    rows = sheet.iter_rows(values_only=True)
    header = [" ".join(_cell_text(v).split()).casefold() for v in next(rows, None) or ()]
    index = {c.key: header.index(c.header.casefold()) for c in tpl.topic_columns if c.header.casefold() in header}
    if "title" not in index:
        return
    for row in rows:
        def cell(key: str, row: tuple = row) -> str:
            return _cell_text(row[index[key]]) if key in index and index[key] < len(row) else ""

        if cell("title") and (cell("card") or cell("url")):
            result.topics.append(ParsedTopic(cell("title"), cell("card"), cell("url")))


class _RowError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _body(cells: dict[str, Any], option_cells: dict[int, str], tpl: Template) -> QuestionBody:
    type_name = _cell_text(cells.get("type"))
    if not type_name:
        raise _RowError(t("bank-xlsx-no-type"))
    kind = tpl.type_of(type_name)
    if kind is None:
        labels = ", ".join(f"«{tpl.types[code].label}»" for code in TYPES)
        raise _RowError(t("bank-xlsx-unknown-type", name=type_name, known=labels))
    base = QuestionBody(kind, _cell_text(cells.get("text")), _cell_text(cells.get("title")),
                        _cell_text(cells.get("explanation")))
    filled = {n: text for n, text in option_cells.items() if text}
    if kind in CHOICE_TYPES:
        return _choice(base, cells.get("answer"), filled)
    if kind == NUMERIC:
        return _numeric(base, cells.get("answer"), cells.get("tolerance"))
    if kind == ORDERING:
        return QuestionBody(ORDERING, base.text, base.title, base.explanation, items=tuple(filled.values()))
    pairs = []
    for text in filled.values():
        arrow = next((a for a in ARROWS if a in text), None)
        if arrow is None:
            raise _RowError(t("bank-xlsx-no-arrow", text=text, arrow=MATCH_ARROW))
        left, _, right = text.partition(arrow)
        pairs.append(Pair(left.strip(), right.strip()))
    return QuestionBody(MATCHING, base.text, base.title, base.explanation, pairs=tuple(pairs))


def _choice_numbers(value: Any) -> list[int]:
    if isinstance(value, float) and not value.is_integer():  # «1,3» typed into a number cell reads as 1.3
        value = str(value).replace(".", ",")
    return [int(n) for n in _NUMBERS.findall(_cell_text(value))]


def _choice(base: QuestionBody, answer: Any, filled: dict[int, str]) -> QuestionBody:
    numbers = _choice_numbers(answer)
    if not numbers:
        raise _RowError(t("bank-err-no-correct"))
    missing = [n for n in numbers if n not in filled]
    if missing:
        raise _RowError(t("bank-xlsx-no-such-option", numbers=", ".join(str(n) for n in missing)))
    options = []
    for number, cell in filled.items():
        text, why = split_option_cell(cell)
        options.append(Option(text, number in numbers, why))
    return QuestionBody(base.type, base.text, base.title, base.explanation, options=tuple(options))


def _read_number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return parse_number(_cell_text(value)) if _cell_text(value) else None


def _numeric(base: QuestionBody, answer: Any, tolerance: Any) -> QuestionBody:
    number = _read_number(answer)
    if number is None:
        raise _RowError(t("bank-xlsx-bad-number", text=_cell_text(answer) or "—"))
    spread = 0.0
    tolerance_text = _cell_text(tolerance)
    if tolerance_text:
        share = parse_number(tolerance_text.rstrip("%").strip()) if tolerance_text.endswith("%") else None
        spread_value = abs(number) * share / 100 if share is not None else _read_number(tolerance)
        if spread_value is None:
            raise _RowError(t("bank-xlsx-bad-tolerance", text=tolerance_text))
        spread = spread_value
    return QuestionBody(NUMERIC, base.text, base.title, base.explanation, answer=number, tolerance=spread)
