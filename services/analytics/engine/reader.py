"""Bytes of an uploaded file -> a table of raw strings (`LoadedTable`), whatever the export looked like.

Handles ZIP archives holding one table (with a cap on the unpacked size), XLSX, and CSV in any of the
encodings of `encoding.py` with `,` `;` tab or `|` separators, a title block above the header, and rows
that a broken exporter quoted as a whole line (as in the UCI Online Retail file). Values stay strings
here; `values.py` turns columns into numbers and dates once the analysis knows which columns matter.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .encoding import to_utf8
from .errors import (
    BadArchive,
    EmptyFile,
    EncodingError,
    FileTooBig,
    HeaderOnly,
    NotATable,
    UnsupportedFormat,
    ZipBomb,
)

TELEGRAM_DOWNLOAD_LIMIT = 20 * 2**20
DEFAULT_MAX_UNPACKED = 200 * 2**20
SEPARATORS = (",", ";", "\t", "|")
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
SNIFF_BYTES = 64 * 1024
SNIFF_LINES = 200

_MAGIC_NOT_TABLE = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"RIFF",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
    b"II*\x00",
    b"MM\x00*",
    b"\x7fELF",
    b"MZ",
    b"OggS",
    b"ID3",
    b"\x00\x00\x00",
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass
class LoadedTable:
    """A table as read from the file: every cell a string, headers as the file spells them."""

    df: pd.DataFrame
    source_name: str
    file_format: str  # "csv" or "xlsx"
    encoding: str | None  # None for XLSX
    separator: str | None  # None for XLSX
    rows_total: int  # data rows in the file, malformed ones included
    malformed_rows: int = 0
    header_row: int = 0  # 0-based line (or sheet row) of the header; lines above are a title block
    sheet: str | None = None

    @property
    def headers(self) -> list[str]:
        return [str(c) for c in self.df.columns]


def check_download_size(size_bytes: int, limit_bytes: int = TELEGRAM_DOWNLOAD_LIMIT) -> None:
    """Refuse a file the bot cannot download, with the Russian advice of `FileTooBig`."""
    if size_bytes > limit_bytes:
        raise FileTooBig()


def read_table(data: bytes, filename: str, *, max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED) -> LoadedTable:
    """Read a CSV, XLSX or a ZIP holding one of them. Raises an `AnalyticsError` subclass on bad input."""
    return _read(data, filename, max_unpacked_bytes, allow_zip=True)


def _read(data: bytes, filename: str, max_unpacked: int, *, allow_zip: bool) -> LoadedTable:
    if not data or (not data[:SNIFF_BYTES].strip() and not data.strip()):
        raise EmptyFile()
    if len(data) > max_unpacked:
        raise FileTooBig()
    name = PurePosixPath(filename.replace("\\", "/")).name or "file"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        archive = _open_zip(data)
        if _is_xlsx(archive):
            return _read_xlsx(data, archive, name, max_unpacked)
        if not allow_zip:
            raise BadArchive("Архив внутри архива я не открываю. Пришлите ZIP, в котором лежит сама таблица.")
        member_name, member_data = _unzip_single_table(archive, max_unpacked)
        return _read(member_data, member_name, max_unpacked, allow_zip=False)
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFormat(
            "Это файл старого формата Excel (XLS) или Word. Откройте его в Excel и сохраните как XLSX или "
            "CSV — такой файл я прочитаю."
        )
    if data.startswith(_MAGIC_NOT_TABLE):
        raise NotATable()
    return _read_csv(data, name)


# --- ZIP and XLSX -----------------------------------------------------------------------------------------


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadArchive() from exc


def _is_xlsx(archive: zipfile.ZipFile) -> bool:
    names = set(archive.namelist())
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


def _unzip_single_table(archive: zipfile.ZipFile, max_unpacked: int) -> tuple[str, bytes]:
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith("__MACOSX/")
        and not PurePosixPath(info.filename).name.startswith(".")
    ]
    tables = [m for m in members if m.filename.lower().endswith(TABLE_SUFFIXES)]
    if len(tables) != 1:
        if len(tables) > 1:
            raise BadArchive("В архиве несколько таблиц. Положите в ZIP только один файл CSV или XLSX.")
        raise BadArchive()
    info = tables[0]
    if info.file_size > max_unpacked:
        raise ZipBomb()
    # The declared size can lie: read in chunks and stop as soon as the real size passes the cap.
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                total += len(chunk)
                if total > max_unpacked:
                    raise ZipBomb()
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BadArchive() from exc
    return PurePosixPath(info.filename).name, b"".join(chunks)


def _read_xlsx(data: bytes, archive: zipfile.ZipFile, name: str, max_unpacked: int) -> LoadedTable:
    if sum(info.file_size for info in archive.infolist()) > max_unpacked:
        raise ZipBomb()
    from openpyxl import load_workbook  # imported here: CSV uploads never pay for it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a broken workbook
        raise BadArchive("Файл Excel повреждён или защищён паролем — откройте его и сохраните заново.") from exc
    try:
        for sheet in book.worksheets:
            rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            rows = [r for r in rows if any(r)]
            if rows:
                return _table_from_rows(rows, name, sheet.title)
    finally:
        book.close()
    raise EmptyFile()


def _cell_text(value: object) -> str:
    """Excel cell -> the string a CSV export of it would hold, so one parser serves both formats."""
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


def _table_from_rows(rows: list[list[str]], name: str, sheet: str) -> LoadedTable:
    widths = [_width(r) for r in rows[:SNIFF_LINES]]
    width = Counter(w for w in widths if w >= 2).most_common(1)
    if not width:
        raise NotATable("В таблице только один столбец — для анализа нужны хотя бы два (например, клиент и сумма).")
    header_at = next(i for i, w in enumerate(widths) if w == width[0][0])
    ncols = max(_width(r) for r in rows[header_at:])
    headers = _unique_headers((rows[header_at] + [""] * ncols)[:ncols])
    body = [(r + [""] * ncols)[:ncols] for r in rows[header_at + 1 :]]
    if not body:
        raise HeaderOnly()
    columns = {h: pd.array([r[i] for r in body], dtype="str") for i, h in enumerate(headers)}
    df = pd.DataFrame(columns)
    return LoadedTable(
        df=df,
        source_name=name,
        file_format="xlsx",
        encoding=None,
        separator=None,
        rows_total=len(body),
        header_row=header_at,
        sheet=sheet,
    )


def _width(row: list[str]) -> int:
    """Number of cells up to the last non-empty one."""
    for i in range(len(row) - 1, -1, -1):
        if row[i]:
            return i + 1
    return 0


# --- CSV ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    separator: str
    header_line: int
    headers: list[str]
    body_offset: int  # byte offset of the first line after the header


def _read_csv(data: bytes, name: str) -> LoadedTable:
    body, encoding = to_utf8(data)
    try:
        layout, rows, bad = _parse_text(body)
    except pa.ArrowInvalid as exc:
        if "utf8" not in str(exc).lower():
            raise NotATable(
                "Файл похож на таблицу, но строки в нём не разбираются (например, не закрыта кавычка)."
            ) from exc
        # The detector saw a UTF-8 (or plain ASCII) sample, but further on the bytes are another codec.
        body, encoding = to_utf8(data, whole=True)
        if encoding in ("utf-8", "utf-8-sig"):
            raise EncodingError() from exc
        layout, rows, bad = _parse_text(body)
    if rows.num_rows == 0:
        if bad:
            raise NotATable("Ни одна строка файла не совпала по числу столбцов с заголовком — это не таблица.")
        raise HeaderOnly()
    df = rows.to_pandas()
    return LoadedTable(
        df=df,
        source_name=name,
        file_format="csv",
        encoding=encoding,
        separator=layout.separator,
        rows_total=rows.num_rows + len(bad),
        malformed_rows=len(bad),
        header_row=layout.header_line,
    )


def _parse_text(body: memoryview | bytes) -> tuple[_Layout, pa.Table, list[str]]:
    if b"\x00" in bytes(body[:SNIFF_BYTES]):
        raise NotATable()
    layout = _sniff_layout(body)
    rest = body[layout.body_offset :]
    if not bytes(rest[:SNIFF_BYTES]).strip() and not bytes(rest).strip():
        raise HeaderOnly()
    rows, bad = _parse_body(rest, layout)
    fixed = _unwrap_quoted_lines(bytes(rest), bad, layout) if bad else None
    if fixed is not None:
        rows, bad = _parse_body(fixed, layout)
    return layout, rows, bad


def _sniff_layout(body: memoryview | bytes) -> _Layout:
    sample = bytes(body[:SNIFF_BYTES]).decode("utf-8", errors="ignore")
    raw_lines = sample.split("\n")
    if len(body) > SNIFF_BYTES and len(raw_lines) > 1:
        raw_lines = raw_lines[:-1]  # the last line of a cut sample is incomplete
    lines = raw_lines[:SNIFF_LINES]
    separator, width = _choose_separator(lines)
    header_line = next(i for i, line in enumerate(lines) if line.strip() and len(_split(line, separator)) == width)
    headers = _unique_headers([h.strip("\ufeff") for h in _split(lines[header_line], separator)])
    offset = len("\n".join(raw_lines[: header_line + 1]).encode("utf-8")) + 1
    return _Layout(separator=separator, header_line=header_line, headers=headers, body_offset=offset)


def _choose_separator(lines: list[str]) -> tuple[str, int]:
    """The separator that splits the most lines into the same number (≥ 2) of fields; more fields win ties."""
    content = [line for line in lines if line.strip()]
    if not content:
        raise EmptyFile()
    best: tuple[float, int, str] | None = None
    for sep in SEPARATORS:
        counts = Counter(len(_split(line, sep)) for line in content)
        width, hits = counts.most_common(1)[0]
        if width < 2:
            continue
        score = (hits / len(content), width, sep)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None:
        raise NotATable(
            "Не вижу в файле столбцов: ни запятая, ни точка с запятой, ни табуляция не делят строки на части. "
            "Для анализа нужна таблица хотя бы из двух столбцов."
        )
    return best[2], best[1]


def _split(line: str, sep: str) -> list[str]:
    try:
        return next(csv.reader([line.rstrip("\r")], delimiter=sep), [])
    except csv.Error:
        return [line]


def _unique_headers(raw: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for i, header in enumerate(raw, start=1):
        name = header if header.strip() else f"Столбец {i}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _parse_body(body: memoryview | bytes, layout: _Layout) -> tuple[pa.Table, list[str]]:
    bad: list[str] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad.append(row.text)  # list.append is atomic: safe from the parser's threads
        return "skip"

    names = [f"c{i}" for i in range(len(layout.headers))]
    table = pacsv.read_csv(
        pa.BufferReader(pa.py_buffer(body)),
        read_options=pacsv.ReadOptions(column_names=names, block_size=4 << 20),
        parse_options=pacsv.ParseOptions(delimiter=layout.separator, invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.large_string()), strings_can_be_null=False
        ),
    )
    return table.rename_columns(layout.headers), bad


def _unwrap_quoted_lines(body: bytes, bad: list[str], layout: _Layout) -> bytes | None:
    """Repair rows an exporter wrapped whole in quotes: `"a,""b, c"",d"` -> `a,"b, c",d`.

    Only a line that is one quoted field and unwraps into exactly the header's number of fields is
    repaired, in place, so the row keeps its position (RFM breaks ties by order of appearance).
    """
    repairs: dict[bytes, bytes] = {}
    for text in bad:
        line = text.rstrip("\r")
        if len(line) < 2 or not (line.startswith('"') and line.endswith('"')):
            continue
        inner = line[1:-1]
        if '"' in inner.replace('""', ""):
            continue
        unwrapped = inner.replace('""', '"')
        if len(_split(unwrapped, layout.separator)) == len(layout.headers):
            repairs[line.encode("utf-8")] = unwrapped.encode("utf-8")
    if not repairs:
        return None
    for broken, repaired in repairs.items():
        body = body.replace(broken, repaired)
    return body
