"""Builders of the awkward office files real exports come as, written byte by byte so no extra package is needed:
an OLE2 compound file (old XLS, Word, a password-protected XLSX), a BIFF8 workbook inside it, Excel 2003 XML,
an HTML table saved as .xls, and XLSX files whose `<dimension>` tag lies or whose data sit on a later sheet.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook

# ---- OLE2 / CFB (MS-CFB, version 3: 512-byte sectors) ------------------------------------------------------

_SECTOR = 512
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_MINI_CUTOFF = 4096


def cfb_bytes(streams: dict[str, bytes]) -> bytes:
    """A compound file holding `streams` at its root. Streams are padded to the mini-stream cutoff so that every
    one lives in regular sectors (readers find them the same way; the padding is zeros after the content)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the directory's ordering: length, then name
    bodies = [streams[n].ljust(_MINI_CUTOFF, b"\x00") for n in names]
    dir_entries = len(names) + 1
    dir_sectors = -(-dir_entries * 128 // _SECTOR)
    stream_sectors = [-(-len(b) // _SECTOR) for b in bodies]
    total = 1 + dir_sectors + sum(stream_sectors)
    if total > _SECTOR // 4:
        raise ValueError("test compound files fit one FAT sector")
    fat = [_FATSECT]
    fat += [*range(2, 1 + dir_sectors), _END]
    starts = []
    next_sector = 1 + dir_sectors
    for count in stream_sectors:
        starts.append(next_sector)
        fat += [*range(next_sector + 1, next_sector + count), _END]
        next_sector += count
    fat += [_FREE] * (_SECTOR // 4 - len(fat))

    header = bytearray(_SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, _MINI_CUTOFF, _END, 0, _END, 0)
    struct.pack_into("<I", header, 76, 0)  # the first (only) FAT sector is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, _FREE)

    directory = _dir_entry("Root Entry", 5, child=1 if names else _NOSTREAM, start=_END, size=0)
    for i, (name, body) in enumerate(zip(names, bodies, strict=True), start=1):
        right = i + 1 if i < len(names) else _NOSTREAM  # a chain of right siblings in ascending order
        directory += _dir_entry(name, 2, right=right, start=starts[i - 1], size=len(body))
    directory = directory.ljust(dir_sectors * _SECTOR, b"\x00")
    return bytes(header) + struct.pack(f"<{_SECTOR // 4}I", *fat) + directory + b"".join(
        b.ljust(count * _SECTOR, b"\x00") for b, count in zip(bodies, stream_sectors, strict=True))


def _dir_entry(name: str, kind: int, *, child: int = _NOSTREAM, right: int = _NOSTREAM, start: int, size: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    entry = bytearray(128)
    entry[0 : len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, _NOSTREAM, right, child)
    struct.pack_into("<IQ", entry, 116, start, size)
    return bytes(entry)


# ---- BIFF8 workbook (the real .xls) --------------------------------------------------------------------------

def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(substream: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 6))


def _xl_string(text: str) -> bytes:
    return struct.pack("<HB", len(text), 1) + text.encode("utf-16-le")


def biff8_workbook(rows: Sequence[Sequence[object]], sheet: str = "Лист1", *, password: bool = False) -> bytes:
    """A minimal real XLS (BIFF8 in a compound file): strings through the shared string table, numbers as
    NUMBER records. `password` adds the FILEPASS record Excel writes into an encrypted workbook."""
    strings = sorted({v for row in rows for v in row if isinstance(v, str)})
    index = {s: i for i, s in enumerate(strings)}
    sst = _record(0x00FC, struct.pack("<II", len(strings), len(strings)) + b"".join(_xl_string(s) for s in strings))
    name = sheet.encode("utf-16-le")

    def globals_with(offset: int) -> bytes:
        boundsheet = _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(sheet), 1) + name)
        filepass = _record(0x002F, b"\x01\x00" + bytes(52)) if password else b""
        return _bof(0x0005) + filepass + _record(0x0042, struct.pack("<H", 1200)) + boundsheet + sst + _record(0x000A)

    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                cells += _record(0x00FD, struct.pack("<HHHI", r, c, 0, index[value]))
            elif isinstance(value, int | float):
                cells += _record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
    width = max((len(r) for r in rows), default=0)
    dimensions = _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
    sheet_stream = _bof(0x0010) + dimensions + cells + _record(0x000A)
    head = globals_with(0)
    return cfb_bytes({"Workbook": globals_with(len(head)) + sheet_stream})


def encrypted_xlsx() -> bytes:
    """What Excel saves for «Protect with password»: not a ZIP but a compound file with the encrypted package."""
    info = struct.pack("<HHI", 4, 4, 0x40) + bytes(200)  # "agile" encryption, version 4.4
    return cfb_bytes({"EncryptionInfo": info, "EncryptedPackage": struct.pack("<Q", 5000) + bytes(5000)})


def word_document() -> bytes:
    return cfb_bytes({"WordDocument": b"\xec\xa5" + bytes(600), "1Table": bytes(100)})


# ---- text formats that pretend to be .xls ------------------------------------------------------------------

def html_table_xls(rows: Sequence[Sequence[object]], *, charset: str = "utf-8", title: str = "Отчёт") -> bytes:
    """An HTML page with one table, as 1C and several CRMs save «Excel» exports."""
    def cell(tag: str, value: object) -> str:
        text = str(value).replace("&", "&amp;").replace("<", "&lt;")
        return f"<{tag} style=\"mso-number-format:'\\@'\">{text}</{tag}>"

    head = "".join(cell("th", v) for v in rows[0])
    body = "\n".join("<tr>" + "".join(cell("td", v) for v in row) + "</tr>" for row in rows[1:])
    page = (
        f'<html xmlns:x="urn:schemas-microsoft-com:office:excel">\n<head><meta http-equiv="Content-Type" '
        f'content="text/html; charset={charset}"><title>{title}</title></head>\n<body>\n<h3>{title}</h3>\n'
        f"<table border=1>\n<tr>{head}</tr>\n{body}\n</table>\n</body></html>\n"
    )
    return page.encode(charset)


def spreadsheet_ml(rows: Sequence[Sequence[object]], *, notes_first: bool = False) -> bytes:
    """Excel 2003 XML (SpreadsheetML), which Excel opens as .xls."""
    def data(value: object) -> str:
        kind = "Number" if isinstance(value, int | float) else "String"
        text = str(value).replace("&", "&amp;").replace("<", "&lt;")
        return f'<Cell><Data ss:Type="{kind}">{text}</Data></Cell>'

    def sheet(name: str, table_rows: Sequence[Sequence[object]]) -> str:
        body = "\n".join("<Row>" + "".join(data(v) for v in row) + "</Row>" for row in table_rows)
        return f'<Worksheet ss:Name="{name}"><Table>\n{body}\n</Table></Worksheet>'

    sheets = [sheet("Пояснения", [["Выгрузка за год"], ["Суммы в рублях"]])] if notes_first else []
    sheets.append(sheet("Данные", rows))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n' + "\n".join(sheets) + "\n</Workbook>\n"
    ).encode("utf-8")


# ---- XLSX variants -------------------------------------------------------------------------------------------

def xlsx_sheets(sheets: dict[str, Sequence[Sequence[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_dimension(xlsx: bytes, ref: str) -> bytes:
    """The same workbook with every sheet's `<dimension ref=…>` replaced: what many generators get wrong."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data, count = re.subn(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), data)
                assert count == 1, "the sheet has a dimension tag to lie in"
            target.writestr(info, data)
    return out.getvalue()
