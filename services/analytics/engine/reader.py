"""Bytes of an uploaded file -> a table of raw strings (`LoadedTable`), whatever the export looked like.

The format is told by the bytes, never by the file name (1C saves HTML as .xls, a CRM names CSV .xls):
ZIP archives holding one table (with a cap on the unpacked size), workbooks (XLSX, XLSM, XLSB, ODS, real XLS —
`reader_sheets.py`), OLE2 files (old Excel, password-protected XLSX, Word — `reader_ole.py`), HTML tables and
Excel 2003 XML (`reader_markup.py`), and CSV text (`reader_csv.py`). Values stay strings here; `values.py` turns
columns into numbers and dates once the analysis knows which columns matter.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from services.texts import t

from .errors import TELEGRAM_DOWNLOAD_LIMIT, BadArchive, EmptyFile, FileTooBig, NotATable, ZipBomb
from .reader_csv import read_csv
from .reader_markup import (
    looks_like_html,
    looks_like_spreadsheet_ml,
    read_html,
    read_spreadsheet_ml,
    text_head,
)
from .reader_ole import OLE_MAGIC, read_ole
from .reader_sheets import read_workbook
from .reader_table import LoadedTable

__all__ = ["DEFAULT_MAX_UNPACKED", "TELEGRAM_DOWNLOAD_LIMIT", "LoadedTable", "check_download_size", "read_table"]

DEFAULT_MAX_UNPACKED = 200 * 2**20
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".xml", ".htm", ".html")
SNIFF_BYTES = 64 * 1024
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

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


def check_download_size(size_bytes: int, limit_bytes: int = TELEGRAM_DOWNLOAD_LIMIT) -> None:
    """Refuse a file the bot cannot download, with the Russian advice of `FileTooBig`."""
    if size_bytes > limit_bytes:
        raise FileTooBig()


def read_table(data: bytes, filename: str, *, max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED) -> LoadedTable:
    """Read a table file or a ZIP holding one. Raises an `AnalyticsError` subclass on bad input."""
    return _read(data, filename, max_unpacked_bytes, allow_zip=True)


def _read(data: bytes, filename: str, max_unpacked: int, *, allow_zip: bool) -> LoadedTable:
    if not data or (not data[:SNIFF_BYTES].strip() and not data.strip()):
        raise EmptyFile()
    if len(data) > max_unpacked:
        raise FileTooBig()
    name = PurePosixPath(filename.replace("\\", "/")).name or "file"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        archive = _open_zip(data)
        workbook = _workbook_format(archive)
        if workbook is not None:
            if sum(info.file_size for info in archive.infolist()) > max_unpacked:
                raise ZipBomb()
            return read_workbook(data, name, workbook)
        if not allow_zip:
            raise BadArchive(t("analytics-read-nested-archive"))
        member_name, member_data = _unzip_single_table(archive, max_unpacked)
        return _read(member_data, member_name, max_unpacked, allow_zip=False)
    if data.startswith(OLE_MAGIC):
        return read_ole(data, name)
    if data.startswith(_MAGIC_NOT_TABLE):
        raise NotATable()
    head = text_head(data)
    if looks_like_spreadsheet_ml(head):
        return read_spreadsheet_ml(data, name)
    if looks_like_html(head):
        return read_html(data, name)
    return read_csv(data, name)


# --- ZIP ---------------------------------------------------------------------------------------------------


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadArchive() from exc


def _workbook_format(archive: zipfile.ZipFile) -> str | None:
    """"xlsx" for Office Open XML workbooks (XLSX, XLSM, XLSB), "ods" for OpenDocument, None for a plain ZIP."""
    names = set(archive.namelist())
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "mimetype" in names:
        try:
            with archive.open("mimetype") as stream:
                if stream.read(len(_ODS_MIME)) == _ODS_MIME:
                    return "ods"
        except (zipfile.BadZipFile, OSError, EOFError):
            return None
    return None


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
            raise BadArchive(t("analytics-read-several-tables"))
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
