"""Why rows were left out of an analysis: reason codes and their Russian explanations.

Results keep `skipped: dict[str, int]` (reason code -> row count); `explain(code)` gives the text a user
reads, so no row is ever dropped silently. The texts are in content/texts/analytics_files.ftl.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from services.texts import t

from .values import EARLIEST_YEAR

if TYPE_CHECKING:
    from .reader import LoadedTable
    from .values import DateColumn

REASON_KEYS: dict[str, str] = {
    "malformed": "analytics-skip-malformed",
    "bad_bytes": "analytics-skip-bad-bytes",
    "cut_line": "analytics-skip-cut-line",
    "cancelled": "analytics-skip-cancelled",
    "no_client": "analytics-skip-no-client",
    "bad_date": "analytics-skip-bad-date",
    "future_date": "analytics-skip-future-date",
    "past_date": "analytics-skip-past-date",
    "bad_amount": "analytics-skip-bad-amount",
    "non_positive_amount": "analytics-skip-non-positive-amount",
    "bad_count": "analytics-skip-bad-count",
    "after_reference_date": "analytics-skip-after-reference-date",
    "no_stage": "analytics-skip-no-stage",
    "unknown_stage": "analytics-skip-unknown-stage",
    "no_deal": "analytics-skip-no-deal",
}


def explain(code: str) -> str:
    key = REASON_KEYS.get(code)
    if key is None:
        return code
    if code == "past_date":
        return t("analytics-skip-past-date", year=str(EARLIEST_YEAR))
    return t(key)


def add(skipped: dict[str, int], code: str, count: int) -> None:
    """Add a count to `skipped`, keeping zero counts out so renderers show only real reasons."""
    if count:
        skipped[code] = skipped.get(code, 0) + int(count)


def add_read(skipped: dict[str, int], table: LoadedTable) -> None:
    """The rows the reader could not take (wrong number of fields, unreadable bytes, a cut last line), each under
    its own reason; use it instead of `add(skipped, "malformed", table.malformed_rows)`."""
    for code, count in table.dropped.items():
        add(skipped, code, count)


def drop_dates(keep: np.ndarray, dates: DateColumn, skipped: dict[str, int]) -> np.ndarray:
    """Leave out rows whose date is in the future, implausibly old or unreadable, each counted under its reason
    (the first that applies); returns the new `keep` mask."""
    for code, bad in (("future_date", dates.future), ("past_date", dates.past), ("bad_date", dates.missing)):
        newly = keep & bad
        add(skipped, code, int(newly.sum()))
        keep = keep & ~bad
    return keep
