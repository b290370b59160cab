"""Rows of cells (from a workbook sheet, an HTML table or Excel 2003 XML) -> a `LoadedTable`, and the checks every
format shares: where the header is, whether there is one at all, which sheet holds the table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from services.texts import t

from .errors import AnalyticsError, EmptyFile, HeaderOnly, NoHeaderRow, NotATable
from .reader_table import LoadedTable
from .values import parse_dates, parse_numbers

SNIFF_LINES = 200
TYPED_SHARE = 0.9  # a column is numeric (or dates) when this share of its filled sample cells is
_HEADER_SAMPLE = 200


@dataclass(frozen=True)
class Sheet:
    name: str | None
    rows: list[list[str]]  # every cell as text; empty rows already left out
    hidden: bool = False

    @property
    def score(self) -> int:
        """How much of a table the sheet holds: rows with at least two filled cells."""
        return sum(1 for row in self.rows if sum(1 for cell in row if cell) >= 2)


def cell_text(value: object) -> str:
    """A workbook cell -> the string a CSV export of it would hold, so one parser serves every format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat(sep=" ") if hasattr(value, "hour") and hasattr(value, "day") else value.isoformat()
        return text.removesuffix(" 00:00:00")
    return str(value).strip()


def best_sheet_table(sheets: Sequence[Sheet], name: str, file_format: str) -> LoadedTable:
    """The table of the workbook: the visible sheet holding the most of one (a notes sheet first is skipped),
    a hidden one only when no visible sheet has a table. The refusal of the most promising sheet otherwise."""
    ranked = sorted(sheets, key=lambda s: (s.hidden, -s.score))
    first_error: AnalyticsError | None = None
    for sheet in ranked:
        if not sheet.rows:
            continue
        try:
            return table_from_rows(sheet.rows, name, sheet.name, file_format)
        except NoHeaderRow:
            raise  # a real table, read wrong if read at all: say so rather than try a lesser sheet
        except (NotATable, HeaderOnly) as exc:
            first_error = first_error or exc
    raise first_error or EmptyFile()


def table_from_rows(rows: list[list[str]], name: str, sheet: str | None, file_format: str) -> LoadedTable:
    widths = [_width(r) for r in rows[:SNIFF_LINES]]
    width = Counter(w for w in widths if w >= 2).most_common(1)
    if not width:
        raise NotATable(t("analytics-read-one-column"))
    header_at = next(i for i, w in enumerate(widths) if w == width[0][0])
    ncols = max(_width(r) for r in rows[header_at:])
    header = (rows[header_at] + [""] * ncols)[:ncols]
    body = [(r + [""] * ncols)[:ncols] for r in rows[header_at + 1 :]]
    if not body:
        raise HeaderOnly()
    columns = [[r[i] for r in body[:_HEADER_SAMPLE]] for i in range(ncols)]
    if looks_headerless(header, columns):
        raise NoHeaderRow()
    headers = unique_headers(header)
    df = pd.DataFrame({h: pd.array([r[i] for r in body], dtype="str") for i, h in enumerate(headers)})
    return LoadedTable(df=df, source_name=name, file_format=file_format, encoding=None, separator=None,
                       rows_total=len(body), header_row=header_at, sheet=sheet)


def _width(row: list[str]) -> int:
    """Number of cells up to the last non-empty one."""
    for i in range(len(row) - 1, -1, -1):
        if row[i]:
            return i + 1
    return 0


def unique_headers(raw: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for i, header in enumerate(raw, start=1):
        name = header if header.strip() else t("analytics-read-column-n", n=str(i))
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


# ---- a table without a header row ---------------------------------------------------------------------------


def looks_headerless(header: Sequence[str], columns: Sequence[Sequence[str]]) -> bool:
    """True when the row taken for the header is data: in every column whose cells are dates (or numbers) the
    "header" is a date (a number) too, and at least one such column is not a bare year (`2022`, `2023` are
    fine headers over monthly figures). A text header over any typed column means a real header row."""
    evidence = False
    for head, values in zip(header, columns, strict=False):
        kind = _column_kind(values)
        if kind is None or not head.strip():
            continue
        if _cell_kind(head) != kind:
            return False
        if not (kind == "number" and _year_like(head)):
            evidence = True
    return evidence


def _column_kind(values: Sequence[str]) -> str | None:
    filled = [v for v in values if v.strip()]
    if len(filled) < 2:
        return None
    arr = pa.array(filled, pa.large_string())
    if np.mean(~np.isnat(parse_dates(arr))) >= TYPED_SHARE and any(not v.strip().isdigit() for v in filled):
        return "date"
    if np.mean(~np.isnan(parse_numbers(arr))) >= TYPED_SHARE:
        return "number"
    return None


def _cell_kind(text: str) -> str | None:
    arr = pa.array([text], pa.large_string())
    if not text.strip().isdigit() and not np.isnat(parse_dates(arr)[0]):
        return "date"
    if not np.isnan(parse_numbers(arr)[0]):
        return "number"
    return None


def _year_like(text: str) -> bool:
    text = text.strip()
    return text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100
