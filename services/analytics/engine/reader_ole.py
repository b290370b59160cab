"""Files in the OLE2 compound format (MS-CFB): what is inside decides the answer.

A real XLS (a BIFF "Workbook" stream) is read with calamine; one Excel encrypted with a password (a FILEPASS
record) and an XLSX protected with a password (which Excel saves as a compound file holding "EncryptionInfo" and
"EncryptedPackage", not as a ZIP) are named as such; a Word document is said to be one.
Only the directory is parsed here, with every loop bounded: the file may be anything.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from services.texts import t

from .errors import NotATable, PasswordProtected, UnsupportedFormat
from .reader_sheets import read_workbook
from .reader_table import LoadedTable

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA
_FILEPASS = 0x002F
_BOF_BIFF8 = 0x0809


def read_ole(data: bytes, name: str) -> LoadedTable:
    entries = {e.name.lower(): e for e in _directory(data)}
    if {"encryptioninfo", "encryptedpackage"} <= set(entries):
        raise PasswordProtected()
    book = entries.get("workbook") or entries.get("book")
    if book is not None:
        if _biff_encrypted(data, book):
            raise PasswordProtected()
        return read_workbook(data, name, "xls")
    if "worddocument" in entries:
        raise NotATable(t("analytics-read-word"))
    raise UnsupportedFormat(t("analytics-read-old-office"))


@dataclass(frozen=True)
class _Entry:
    name: str
    start: int
    size: int


class _Layout:
    """Sector size, the FAT and a way to read a chain of sectors, for a compound file's header."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        shift = struct.unpack_from("<H", data, 30)[0]
        if shift not in (9, 12):
            raise ValueError("not a compound file sector size")
        self.sector = 1 << shift
        self.sectors = max(0, (len(data) - self.sector) // self.sector + 1)
        fat_count, self.first_dir = struct.unpack_from("<II", data, 44)
        self.mini_cutoff = struct.unpack_from("<I", data, 56)[0]
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 76)[: min(fat_count, 109)]]
        self.fat: list[int] = []
        for sector in fat_sectors:
            self.fat.extend(struct.unpack_from(f"<{self.sector // 4}I", self._sector(sector)))

    def _sector(self, index: int) -> bytes:
        if index > _MAX_SECTOR or index >= self.sectors:
            raise ValueError("sector out of the file")
        offset = (index + 1) * self.sector
        return self.data[offset : offset + self.sector]

    def chain(self, start: int, limit_bytes: int) -> bytes:
        out = bytearray()
        sector = start
        for _ in range(self.sectors):  # a loop in the FAT cannot run forever
            if sector == _END_OF_CHAIN or len(out) >= limit_bytes:
                break
            out += self._sector(sector)
            sector = self.fat[sector] if sector < len(self.fat) else _END_OF_CHAIN
        return bytes(out[:limit_bytes])


def _directory(data: bytes) -> list[_Entry]:
    try:
        layout = _Layout(data)
        raw = layout.chain(layout.first_dir, limit_bytes=len(data))
    except (ValueError, struct.error, IndexError):
        return []
    entries = []
    for offset in range(0, len(raw) - 127, 128):
        name_len, kind = struct.unpack_from("<HB", raw, offset + 64)
        if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
            continue
        name = raw[offset : offset + name_len - 2].decode("utf-16-le", errors="replace")
        start, size = struct.unpack_from("<IQ", raw, offset + 116)
        entries.append(_Entry(name=name, start=start, size=size & 0xFFFFFFFF))
    return entries


def _biff_encrypted(data: bytes, book: _Entry) -> bool:
    """A FILEPASS record right after the workbook's first BOF: Excel's «encrypt with password»."""
    try:
        layout = _Layout(data)
        if book.size < layout.mini_cutoff:
            return False  # a tiny stream lives in the mini stream; calamine will say what it thinks of it
        head = layout.chain(book.start, limit_bytes=min(book.size, 4096))
    except (ValueError, struct.error, IndexError):
        return False
    offset = 0
    for _ in range(8):  # FILEPASS comes among the first records
        if offset + 4 > len(head):
            return False
        kind, length = struct.unpack_from("<HH", head, offset)
        if kind == _FILEPASS:
            return True
        if offset == 0 and kind != _BOF_BIFF8:
            return False
        offset += 4 + length
    return False
