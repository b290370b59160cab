"""What the file readers return: the table as strings, and what was left out while reading it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class LoadedTable:
    """A table as read from the file: every cell a string, headers as the file spells them."""

    df: pd.DataFrame
    source_name: str
    file_format: str  # "csv", "xlsx", "xls", "ods", "html" or "xml" (Excel 2003)
    encoding: str | None  # None for workbooks
    separator: str | None  # None for anything but CSV
    rows_total: int  # data rows in the file, the ones left out included
    header_row: int = 0  # 0-based line (or sheet row) of the header; lines above are a title block
    sheet: str | None = None
    # Rows the reader could not take, by reason code of skips.py: "malformed" (wrong number of fields),
    # "bad_bytes" (bytes of another encoding, a NUL), "cut_line" (the last line cut off mid-letter).
    dropped: dict[str, int] = field(default_factory=dict)

    @property
    def headers(self) -> list[str]:
        return [str(c) for c in self.df.columns]

    @property
    def malformed_rows(self) -> int:
        """Every row left out while reading (see `dropped` for the reasons)."""
        return sum(self.dropped.values())
