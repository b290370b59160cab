"""Tables that come as markup under an Excel name: an HTML page saved as .xls (what 1C and several CRMs export)
and Excel 2003 XML (SpreadsheetML). Both are parsed with the standard library, no extra dependency:
html.parser is lenient with the sloppy HTML exporters write; the XML parser gets no DTD (entity tricks refused).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import ClassVar

from services.texts import t

from .encoding import detect_encoding
from .errors import EncodingError, NotATable
from .reader_rows import Sheet, best_sheet_table, cell_text
from .reader_table import LoadedTable

SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_HEAD = 4096
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|table|meta|title|style)\b",
                         re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def looks_like_html(head: str) -> bool:
    return bool(_HTML_START.match(head.encode("utf-8", errors="ignore")))


def looks_like_spreadsheet_ml(head: str) -> bool:
    return head.lstrip().startswith("<?xml") and (SPREADSHEET_NS in head or 'progid="Excel.Sheet"' in head)


def text_head(data: bytes) -> str:
    """The start of a file as text, whatever its encoding (UTF-16 with a BOM included), for format sniffing."""
    head = data[:_HEAD]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


# ---- HTML ----------------------------------------------------------------------------------------------------


def read_html(data: bytes, name: str) -> LoadedTable:
    parser = _TableParser()
    parser.feed(_decode_html(data))
    parser.close()
    sheets = [Sheet(name=None, rows=[r for r in rows if any(r)]) for rows in parser.tables]
    if not any(s.rows for s in sheets):
        raise NotATable(t("analytics-read-html-no-table"))
    return best_sheet_table(sheets, name, "html")


def _decode_html(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = _CHARSET.search(data[:_HEAD])
    codec = declared.group(1).decode("ascii", errors="ignore").lower() if declared else None
    if codec:
        try:
            return data.decode(codec.removeprefix("x-"), errors="replace").lstrip("\ufeff")
        except LookupError:
            pass  # an unknown charset name: detect it as for any text
    try:
        detected, _ = detect_encoding(data)
    except NotATable as exc:
        raise EncodingError() from exc
    return data.decode(detected, errors="replace").lstrip("\ufeff")


class _TableParser(HTMLParser):
    """Every <table> of the page as rows of cell texts; nested tables are tables of their own."""

    _SKIP: ClassVar[frozenset[str]] = frozenset({"script", "style", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._open: list[list[list[str]]] = []  # tables being read, innermost last
        self._cell: list[str] | None = None
        self._span = 1
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag == "table":
            self._finish_cell()
            self._open.append([])
        elif tag == "tr" and self._open:
            self._finish_cell()
            self._open[-1].append([])
        elif tag in ("td", "th") and self._open:
            self._finish_cell()
            if not self._open[-1]:
                self._open[-1].append([])
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = min(int(span), 100) if span.isdigit() and int(span) > 0 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in ("td", "th", "tr"):
            self._finish_cell()
        elif tag == "table" and self._open:
            self._finish_cell()
            self.tables.append(self._open.pop())

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skipping:
            self._cell.append(data)

    def close(self) -> None:
        super().close()
        self._finish_cell()
        while self._open:  # a page cut off before </table> still gives its rows
            self.tables.append(self._open.pop())

    def _finish_cell(self) -> None:
        if self._cell is None or not self._open:
            self._cell = None
            return
        text = " ".join("".join(self._cell).split())
        self._open[-1][-1].extend([text] + [""] * (self._span - 1))
        self._cell = None


# ---- Excel 2003 XML (SpreadsheetML) --------------------------------------------------------------------------

_Q = f"{{{SPREADSHEET_NS}}}"


def read_spreadsheet_ml(data: bytes, name: str) -> LoadedTable:
    if re.search(rb"<!(DOCTYPE|ENTITY)", data[: 64 * 1024], re.IGNORECASE):
        raise NotATable(t("analytics-read-xml-broken"))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise NotATable(t("analytics-read-xml-broken")) from exc
    sheets = [Sheet(name=ws.get(f"{_Q}Name"), rows=_xml_rows(ws)) for ws in root.iter(f"{_Q}Worksheet")]
    if not sheets:
        raise NotATable(t("analytics-read-xml-broken"))
    return best_sheet_table(sheets, name, "xml")


def _xml_rows(worksheet: ET.Element) -> list[list[str]]:
    rows: list[list[str]] = []
    table = worksheet.find(f"{_Q}Table")
    if table is None:
        return rows
    for row in table.iter(f"{_Q}Row"):  # ss:Index on a row only skips empty rows, which are dropped anyway
        cells: list[str] = []
        for cell in row.iter(f"{_Q}Cell"):
            column = _index(cell, len(cells) + 1)
            cells.extend([""] * max(0, column - 1 - len(cells)))
            cells.append(_xml_value(cell))
            merge = cell.get(f"{_Q}MergeAcross")
            if merge and merge.isdigit():
                cells.extend([""] * min(int(merge), 100))
        if any(cells):
            rows.append(cells)
    return rows


def _index(element: ET.Element, default: int) -> int:
    # ss:Index skips empty rows or cells; a bogus one is ignored rather than trusted with memory.
    value = element.get(f"{_Q}Index")
    if value and value.isdigit() and default <= int(value) <= default + 10_000:
        return int(value)
    return default


def _xml_value(cell: ET.Element) -> str:
    data = cell.find(f"{_Q}Data")
    if data is None:
        return ""
    text = "".join(data.itertext()).strip()
    kind = data.get(f"{_Q}Type")
    if kind == "Number":
        try:
            return cell_text(float(text))
        except ValueError:
            return text
    if kind == "DateTime":
        return text.replace("T", " ").removesuffix(".000").removesuffix(" 00:00:00")
    if kind == "Boolean":
        return "1" if text in ("1", "true") else "0"
    return text
