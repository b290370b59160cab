"""Builders of small tables for the analytics tests: Russian-style CSV bytes, XLSX and ZIP files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

from services.analytics.engine.reader import read_table

SHARED_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"


def csv_bytes(rows: list[list[object]], *, sep: str = ";", encoding: str = "cp1251", newline: str = "\r\n") -> bytes:
    """Rows (header first) joined the way 1C and Excel write them; fields with the separator get quoted."""
    lines = []
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else str(value)
            if sep in text or '"' in text or "\n" in text:
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(sep.join(cells))
    return (newline.join(lines) + newline).encode(encoding)


def table_of(rows: list[list[object]], name: str = "file.csv", **kwargs):
    return read_table(csv_bytes(rows, **kwargs), name)


def xlsx_bytes(rows: list[list[object]], title_rows: list[list[object]] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in (title_rows or []) + rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
