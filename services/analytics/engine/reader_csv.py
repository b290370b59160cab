"""CSV (and TSV, TXT) -> `LoadedTable`: any of the encodings of `encoding.py`, `,` `;` tab or `|` separators, a
title block above the header, rows a broken exporter quoted as a whole line (as in the UCI Online Retail file),
and one stray quote that would otherwise swallow every line after it into one cell.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from services.texts import t

from .encoding import decode_text
from .errors import EmptyFile, EncodingError, HeaderOnly, NoHeaderRow, NotATable
from .reader_rows import looks_headerless, unique_headers
from .reader_table import LoadedTable

SEPARATORS = (",", ";", "\t", "|")
SNIFF_BYTES = 64 * 1024
SNIFF_LINES = 200
_HEADER_SAMPLE = 200


@dataclass(frozen=True)
class _Layout:
    separator: str
    header_line: int
    raw_header: list[str]
    headers: list[str]
    body_offset: int  # byte offset of the first line after the header


def read_csv(data: bytes, name: str) -> LoadedTable:
    decoded = decode_text(data)
    try:
        layout, rows, bad = _parse_text(decoded.body)
    except pa.ArrowInvalid as exc:
        if decoded.checked:
            raise NotATable(t("analytics-read-rows-unparsable")) from exc
        # Past the detector's sample some bytes are not valid UTF-8: another encoding, or a few bad lines.
        decoded = decode_text(data, whole=True)
        try:
            layout, rows, bad = _parse_text(decoded.body)
        except pa.ArrowInvalid as again:
            if "utf8" in str(exc).lower():
                raise EncodingError() from again
            raise NotATable(t("analytics-read-rows-unparsable")) from again
    if rows.num_rows == 0:
        if bad:
            raise NotATable(t("analytics-read-no-row-fits"))
        raise HeaderOnly()
    sample = rows.slice(0, _HEADER_SAMPLE)
    if looks_headerless(layout.raw_header, [sample.column(i).to_pylist() for i in range(sample.num_columns)]):
        raise NoHeaderRow()
    dropped = {**decoded.dropped, "malformed": len(bad)}
    return LoadedTable(
        df=rows.to_pandas(),
        source_name=name,
        file_format="csv",
        encoding=decoded.encoding,
        separator=layout.separator,
        rows_total=rows.num_rows + sum(dropped.values()),
        header_row=layout.header_line,
        dropped={code: count for code, count in dropped.items() if count},
    )


def _parse_text(body: memoryview | bytes) -> tuple[_Layout, pa.Table, list[str]]:
    layout = _sniff_layout(body)
    rest = body[layout.body_offset :]
    if not bytes(rest[:SNIFF_BYTES]).strip() and not bytes(rest).strip():
        raise HeaderOnly()
    rows, bad = _parse_body(rest, layout)
    fixed = _unwrap_quoted_lines(bytes(rest), bad, layout) if bad else None
    if fixed is not None:
        rest = fixed
        rows, bad = _parse_body(rest, layout)
    if _has_quote(rest) and _quote_ran_across_lines(rows, bad):
        repaired = _quote_stray_lines(bytes(rest), layout)
        if repaired is not None:
            rows2, bad2 = _parse_body(repaired, layout)
            if rows2.num_rows > rows.num_rows:
                rows, bad = rows2, bad2
    return layout, rows, bad


def _sniff_layout(body: memoryview | bytes) -> _Layout:
    sample = bytes(body[:SNIFF_BYTES]).decode("utf-8", errors="ignore")
    raw_lines = sample.split("\n")
    if len(body) > SNIFF_BYTES and len(raw_lines) > 1:
        raw_lines = raw_lines[:-1]  # the last line of a cut sample is incomplete
    lines = raw_lines[:SNIFF_LINES]
    separator, width = _choose_separator(lines)
    header_line = next(i for i, line in enumerate(lines) if line.strip() and len(_split(line, separator)) == width)
    raw_header = [h.strip("\ufeff") for h in _split(lines[header_line], separator)]
    offset = len("\n".join(raw_lines[: header_line + 1]).encode("utf-8")) + 1
    return _Layout(separator=separator, header_line=header_line, raw_header=raw_header,
                   headers=unique_headers(raw_header), body_offset=offset)


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
        raise NotATable(t("analytics-read-no-columns"))
    return best[2], best[1]


def _split(line: str, sep: str) -> list[str]:
    try:
        return next(csv.reader([line.rstrip("\r")], delimiter=sep), [])
    except csv.Error:
        return [line]


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
    # One pass over the lines (a replace() of the whole body per broken line scanned the file ~120 times).
    lines = body.split(b"\n")
    for i, line in enumerate(lines):
        ending = b"\r" if line.endswith(b"\r") else b""
        repaired = repairs.get(line[: len(line) - len(ending)])
        if repaired is not None:
            lines[i] = repaired + ending
    return b"\n".join(lines)


# ---- a stray quote ---------------------------------------------------------------------------------------------


def _has_quote(body: memoryview | bytes) -> bool:
    """Without a single `"` no value can run past its line (a scan of the bytes, not of every cell of every column;
    a memoryview is searched in the bytes it views, a superset of the body)."""
    whole = body.obj if isinstance(body, memoryview) else body
    return b'"' in whole


def _quote_ran_across_lines(rows: pa.Table, bad: list[str]) -> bool:
    """A quoted value went past its line: a real multi-line cell, or an unclosed quote swallowing the lines after it."""
    if any("\n" in text for text in bad):
        return True
    return any(pc.any(pc.match_substring(column, "\n")).as_py() for column in rows.columns)


def _quote_stray_lines(body: bytes, layout: _Layout) -> bytes | None:
    """Make each line whose quote is never closed a row of its own, its quote kept as a plain character.

    A line with an odd number of quotes opens a value that runs onto the next line. That is a real multi-line
    cell (an address, a comment) unless the line, read without quoting, already has the header's number of
    fields and the next line is a complete row too: then the quote is a stray one. Such a line is rewritten with
    every field quoted (`"` doubled), so it parses to exactly the cells it shows. A real multi-line cell's
    closing line (the next odd one) is left alone.
    """
    sep = layout.separator.encode()
    width = len(layout.headers)
    lines = body.split(b"\n")
    changed = False
    inside_cell = False
    for i, line in enumerate(lines):
        if line.count(b'"') % 2 == 0:
            continue
        if inside_cell:
            inside_cell = False
            continue
        following = lines[i + 1] if i + 1 < len(lines) else b""
        fields = line.rstrip(b"\r").split(sep)
        if len(fields) == width and (not following.strip() or _complete_row(following, layout)):
            ending = b"\r" if line.endswith(b"\r") else b""
            lines[i] = sep.join(b'"' + f.replace(b'"', b'""') + b'"' for f in fields) + ending
            changed = True
        else:
            inside_cell = True
    return b"\n".join(lines) if changed else None


def _complete_row(line: bytes, layout: _Layout) -> bool:
    text = line.decode("utf-8", errors="replace")
    return text.count('"') % 2 == 0 and len(_split(text, layout.separator)) == len(layout.headers)
