"""RFM analysis (the seed's method): every client gets 1–3 (or 1–5) for recency, frequency and money.

Rules (the issue's, which tests and users rely on):
- a purchase row counts only with a client, a date and an amount > 0 (amount column, or quantity × price);
  rows of cancelled orders (order number starting with "C", or a status with a word of
  `content/analytics/words.yaml`, e.g. cancelled / возврат) are out;
- reference date = the latest purchase date in the file unless the user sets another;
- Recency = whole days from the client's last purchase to the reference date; Frequency = distinct order
  numbers when there is an order column, else rows; Monetary = sum of amounts;
- a client-level file (client, last purchase date, number of purchases, total) is read as it is.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from services.texts import t

from . import skips
from .coded import Coded, distinct_pairs_per_owner, encode, renumber
from .content import analysis_words, segment_book
from .errors import ColumnsNotFound, NotEnoughData
from .reader import LoadedTable
from .rfm_scores import RfmThresholds, rank_scores, threshold_scores
from .values import clean_text, client_keys, parse_numbers, read_dates

_DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class RfmOptions:
    scale: int = 3
    thresholds: RfmThresholds | None = None
    reference_date: date | None = None

    @property
    def effective_scale(self) -> int:
        return self.thresholds.scale if self.thresholds else self.scale


@dataclass(frozen=True)
class SegmentSummary:
    id: str
    name: str
    description: str
    action: str
    clients: int
    client_share: float  # percent
    revenue: float
    revenue_share: float  # percent
    weight: float


@dataclass
class RfmResult:
    source_name: str
    mode: str  # "transactions" or "clients" (a client-level file)
    frequency_basis: str  # "orders", "rows" or "count": what Frequency counts
    scale: int
    thresholds: RfmThresholds | None
    reference_date: date
    period_start: date
    period_end: date
    clients: pd.DataFrame  # client, recency, frequency, monetary, r, f, m, rfm, segment — in appearance order
    segments: list[SegmentSummary]
    revenue: float
    rows_total: int
    rows_used: int
    skipped: dict[str, int] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def total_clients(self) -> int:
        return len(self.clients)

    @property
    def top_actions(self) -> list[SegmentSummary]:
        """The three segments whose action matters most: weight × share of revenue, present ones only."""
        present = [s for s in self.segments if s.clients]
        return sorted(present, key=lambda s: -(s.weight * max(s.revenue_share, 0.1)))[:3]


def compute(table: LoadedTable, mapping: dict[str, str], options: RfmOptions | None = None) -> RfmResult:
    options = options or RfmOptions()
    _check_mapping(mapping)
    df = table.df
    n = len(df)
    skipped: dict[str, int] = {}
    skips.add_read(skipped, table)

    # The columns are parsed side by side: pyarrow's kernels release the GIL, so threads use both cores.
    with ThreadPoolExecutor(max_workers=4) as pool:
        keys_job = pool.submit(encode, df[mapping["client"]], client_keys)
        dates_job = pool.submit(read_dates, df[mapping["date"]])
        amounts_job = pool.submit(_amounts, df, mapping, pool)
        orders_job = pool.submit(encode, df[mapping["order"]], clean_text) if "order" in mapping else None
        client_level = "count" in mapping
        counts = parse_numbers(df[mapping["count"]]) if client_level else None
        keys, read, amounts = keys_job.result(), dates_job.result(), amounts_job.result()
        dates = read.values.astype("datetime64[D]")
        orders = orders_job.result() if orders_job else None
    keep = np.ones(n, dtype=bool)
    keep = _drop(keep, _cancelled(df, mapping, orders), "cancelled", skipped)
    keep = _drop(keep, keys.missing, "no_client", skipped)
    keep = skips.drop_dates(keep, read, skipped)  # future, before 1990, unreadable: each its own reason
    keep = _drop(keep, np.isnan(amounts), "bad_amount", skipped)
    keep = _drop(keep, amounts <= 0, "non_positive_amount", skipped)
    if counts is not None:
        keep = _drop(keep, ~(counts > 0), "bad_count", skipped)
    if options.reference_date is not None:
        reference = np.datetime64(options.reference_date, "D")
        keep = _drop(keep, dates > reference, "after_reference_date", skipped)
    if not keep.any():
        raise NotEnoughData(t("analytics-rfm-nothing-usable"))
    rows_used = int(keep.sum())
    # Clients in order of their first usable row, as the report and the Excel file list them.
    codes, names = renumber(keys.codes[keep], keys.values)
    dates, amounts = dates[keep], amounts[keep]
    reference = np.datetime64(options.reference_date, "D") if options.reference_date else dates.max()

    n_clients = len(names)
    days = dates.astype(np.int64)
    last = np.full(n_clients, days.min(), dtype=np.int64)
    np.maximum.at(last, codes, days)
    last = last.astype("datetime64[D]")
    monetary = np.bincount(codes, weights=amounts, minlength=n_clients)
    if client_level:
        frequency = np.bincount(codes, weights=counts[keep], minlength=n_clients)
        basis = "count"
    elif orders is not None:
        frequency = distinct_pairs_per_owner(codes, n_clients, orders.codes[keep], len(orders.values))
        basis = "orders"
    else:
        frequency = np.bincount(codes, minlength=n_clients).astype(np.float64)
        basis = "rows"
    recency = ((reference - last) // _DAY).astype(np.int64)

    scale = options.effective_scale
    thresholds = options.thresholds
    r = _score(recency, scale, thresholds.recency if thresholds else None, higher_is_better=False)
    f = _score(frequency, scale, thresholds.frequency if thresholds else None, higher_is_better=True)
    m = _score(monetary, scale, thresholds.monetary if thresholds else None, higher_is_better=True)
    segment_index, segment_list = _segments(r, f, m, scale)

    clients = pd.DataFrame(
        {
            "client": names.to_pandas(),
            "recency": recency,
            "frequency": frequency,
            "monetary": monetary,
            "r": r,
            "f": f,
            "m": m,
            "rfm": (r.astype(np.int64) * 100 + f * 10 + m).astype(str),
            "segment": pd.Categorical.from_codes(segment_index, [s.name for s in segment_list]),
        }
    )
    return RfmResult(
        source_name=table.source_name,
        mode="clients" if client_level else "transactions",
        frequency_basis=basis,
        scale=scale,
        thresholds=thresholds,
        reference_date=_to_date(reference),
        period_start=_to_date(dates.min()),
        period_end=_to_date(dates.max()),
        clients=clients,
        segments=_summaries(segment_index, segment_list, monetary),
        revenue=float(monetary.sum()),
        rows_total=table.rows_total,
        rows_used=rows_used,
        skipped=skipped,
        mapping=dict(mapping),
    )


def _check_mapping(mapping: dict[str, str]) -> None:
    has_amount = "amount" in mapping or ("quantity" in mapping and "price" in mapping)
    if "client" not in mapping or "date" not in mapping or not has_amount:
        raise ColumnsNotFound(t("analytics-rfm-columns-needed"))


def _amounts(df: pd.DataFrame, mapping: dict[str, str], pool: ThreadPoolExecutor) -> np.ndarray:
    if "amount" in mapping:
        return parse_numbers(df[mapping["amount"]])
    price = pool.submit(parse_numbers, df[mapping["price"]])
    return parse_numbers(df[mapping["quantity"]]) * price.result()


def _cancelled(df: pd.DataFrame, mapping: dict[str, str], orders: Coded | None) -> np.ndarray:
    mask = np.zeros(len(df), dtype=bool)
    if orders is not None:
        mask |= orders.per_row(pc.starts_with(orders.values, "C"))
    if "status" in mapping:
        statuses = encode(df[mapping["status"]], clean_text)
        mask |= statuses.per_row(pc.match_substring_regex(statuses.values, analysis_words().cancelled_pattern()))
    return mask


def _drop(keep: np.ndarray, bad: np.ndarray, reason: str, skipped: dict[str, int]) -> np.ndarray:
    """Each row is counted under the first reason that excludes it."""
    newly = keep & bad
    skips.add(skipped, reason, int(newly.sum()))
    return keep & ~bad


def _score(values: np.ndarray, scale: int, borders: tuple[float, ...] | None, *, higher_is_better: bool):
    if borders is not None:
        return threshold_scores(values, borders, higher_is_better=higher_is_better)
    return rank_scores(values, scale, higher_is_better=higher_is_better)


def _segments(r: np.ndarray, f: np.ndarray, m: np.ndarray, scale: int):
    book = segment_book()
    table = book.lookup_table(scale)
    segment_list = book.segments
    position = {s.id: i for i, s in enumerate(segment_list)}
    # (R, F + M) -> segment: F + M is twice the FM mean, so the lookup stays in integers.
    lookup = np.zeros((scale + 1, 2 * scale + 1), dtype=np.int64)
    for (r_score, fm), segment in table.items():
        lookup[r_score, int(fm * 2)] = position[segment.id]
    index = lookup[r.astype(np.int64), f.astype(np.int64) + m.astype(np.int64)]
    return index, segment_list


def _summaries(index: np.ndarray, segment_list, monetary: np.ndarray) -> list[SegmentSummary]:
    counts = np.bincount(index, minlength=len(segment_list))
    revenue = np.bincount(index, weights=monetary, minlength=len(segment_list))
    total_clients = max(int(counts.sum()), 1)
    total_revenue = float(revenue.sum()) or 1.0
    return [
        SegmentSummary(
            id=s.id,
            name=s.name,
            description=s.description,
            action=s.action,
            clients=int(counts[i]),
            client_share=100.0 * counts[i] / total_clients,
            revenue=float(revenue[i]),
            revenue_share=100.0 * revenue[i] / total_revenue,
            weight=s.weight,
        )
        for i, s in enumerate(segment_list)
    ]


def _to_date(value: np.datetime64) -> date:
    return pd.Timestamp(value).date()
