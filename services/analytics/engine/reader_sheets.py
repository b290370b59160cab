"""Workbooks — XLSX, XLSM, XLSB, real (BIFF) XLS and ODS — read with calamine (python-calamine).

calamine reads every cell the sheet holds, whatever its `<dimension>` tag declares (many generators write a stale
one: openpyxl stops at the declared last row and silently loses the rest), and it is several times faster.
Every sheet is looked at; the table is taken from the one that holds it (see `reader_rows.best_sheet_table`).
"""

from __future__ import annotations

import io

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from services.texts import t

from .errors import BadArchive, UnsupportedFormat
from .reader_rows import Sheet, best_sheet_table, cell_text
from .reader_table import LoadedTable


def read_workbook(data: bytes, name: str, file_format: str) -> LoadedTable:
    """`file_format`: "xlsx" (also XLSM/XLSB), "xls" or "ods"."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise _unreadable(file_format) from exc
    try:
        sheets = [_sheet(book, meta.name, meta.visible != SheetVisibleEnum.Visible)
                  for meta in book.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet]
    except (CalamineError, ValueError, OSError) as exc:
        raise _unreadable(file_format) from exc
    if not sheets:
        raise _unreadable(file_format)  # a workbook without a single worksheet is a broken one
    return best_sheet_table(sheets, name, file_format)


def _sheet(book: CalamineWorkbook, sheet_name: str, hidden: bool) -> Sheet:
    values = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    rows = [[cell_text(v) for v in row] for row in values]
    return Sheet(name=sheet_name, rows=[r for r in rows if any(r)], hidden=hidden)


def _unreadable(file_format: str) -> Exception:
    if file_format == "xls":
        return UnsupportedFormat(t("analytics-read-xls-resave"))
    return BadArchive(t("analytics-read-workbook-broken"))
