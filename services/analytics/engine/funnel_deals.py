"""One entry per deal from a file's rows: its outcome (open, won, lost) and how far it got.

A snapshot has a row per deal, its current stage, and maybe traces of where lost deals were lost
(`funnel_traces`); stage events have rows per deal and stage, so each deal's path is known.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import skips
from .content import stage_key
from .funnel_stages import StageOrder
from .funnel_steps import LOST, OPEN, WON
from .funnel_traces import Trace, locate_losses
from .reader import LoadedTable
from .values import clean_text, parse_dates, parse_numbers


@dataclass
class Rows:
    """The file's rows read against the stage order."""

    order: StageOrder
    index: np.ndarray  # step position per row, -1 if none
    lost: np.ndarray  # the row's stage is a lost outcome
    usable: np.ndarray
    skipped: dict[str, int]


@dataclass
class Deals:
    """One entry per deal: what the funnel's rules need."""

    evidence: str
    outcome: np.ndarray  # OPEN / WON / LOST
    lo: np.ndarray
    hi: np.ndarray
    manager: pd.Series | None  # per deal
    amount: np.ndarray | None  # per deal
    traces: list[Trace]
    date_columns: dict[int, str]
    medians: list[float | None] | None
    rows_used: int


def read_rows(table: LoadedTable, mapping: dict[str, str], order: StageOrder) -> Rows:
    skipped: dict[str, int] = {}
    skips.add(skipped, "malformed", table.malformed_rows)
    stage_text = clean_text(table.df[mapping["stage"]])
    index, lost = _stage_index(stage_text, order)
    no_stage = stage_text.is_null().to_numpy(zero_copy_only=False)
    unknown = (index < 0) & ~lost & ~no_stage
    skips.add(skipped, "no_stage", int(no_stage.sum()))
    skips.add(skipped, "unknown_stage", int(unknown.sum()))
    return Rows(order=order, index=index, lost=lost, usable=~no_stage & ~unknown, skipped=skipped)


def _stage_index(stage_text: pa.ChunkedArray, order: StageOrder) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the step's position in the order (-1 if none) and whether the value is a lost outcome."""
    keys = pc.utf8_lower(stage_text)
    distinct = pc.unique(keys.drop_null()).to_pylist()
    step_of = {stage_key(s): i for i, s in enumerate(order.stages)}
    lost_keys = {stage_key(s) for s in order.lost}
    lookup_index = [step_of.get(stage_key(v), -1) for v in distinct]
    lookup_lost = [stage_key(v) in lost_keys for v in distinct]
    where = pc.index_in(keys, value_set=pa.array(distinct, pa.large_string()))
    where_np = pc.fill_null(where, -1).to_numpy(zero_copy_only=False)
    index_table = np.array([*lookup_index, -1], dtype=np.int64)
    lost_table = np.array([*lookup_lost, False], dtype=bool)
    return index_table[where_np], lost_table[where_np]


def snapshot(table: LoadedTable, mapping: dict[str, str], rows: Rows) -> Deals:
    """One row per deal: its current stage, and whatever traces tell where the lost ones were lost."""
    n = len(rows.order.stages)
    take = rows.usable
    ranges = locate_losses(table, mapping, rows.order, rows.index, rows.lost, rows.usable)
    outcome = np.where(rows.lost, LOST, np.where(rows.index == n - 1, WON, OPEN))
    lo = np.where(rows.lost, ranges.lo, rows.index)
    hi = np.where(rows.lost, ranges.hi, rows.index)
    manager = clean_text(table.df[mapping["manager"]]).to_pandas()[take] if "manager" in mapping else None
    amount = parse_numbers(table.df[mapping["amount"]])[take] if "amount" in mapping else None
    return Deals(
        evidence="stage_dates" if ranges.date_columns else "current_stage",
        outcome=outcome[take],
        lo=lo[take],
        hi=hi[take],
        manager=manager.reset_index(drop=True) if manager is not None else None,
        amount=amount,
        traces=ranges.traces,
        date_columns=ranges.date_columns,
        medians=None,
        rows_used=int(take.sum()),
    )


def events(table: LoadedTable, mapping: dict[str, str], rows: Rows) -> Deals:
    """Deal, stage, date rows: each deal's furthest stage, and whether it was won, lost there or is open.

    A deal with a lost event but no stage event has no trace of how far it got: its loss stays unplaced.
    """
    n = len(rows.order.stages)
    deals = clean_text(table.df[mapping["deal"]])
    no_deal = deals.is_null().to_numpy(zero_copy_only=False) & rows.usable
    skips.add(rows.skipped, "no_deal", int(no_deal.sum()))
    usable = rows.usable & ~no_deal
    codes = pc.dictionary_encode(deals.combine_chunks()).indices
    codes = pc.fill_null(codes, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    n_deals = int(codes.max()) + 1 if len(codes) else 0
    furthest = np.full(n_deals, -1, dtype=np.int64)
    step_rows = usable & ~rows.lost
    np.maximum.at(furthest, codes[step_rows], rows.index[step_rows])
    ever_lost = np.zeros(n_deals, dtype=bool)
    ever_lost[codes[usable & rows.lost]] = True
    seen = np.zeros(n_deals, dtype=bool)
    seen[codes[usable]] = True
    won = furthest == n - 1
    lost = ever_lost & ~won
    outcome = np.where(won, WON, np.where(lost, LOST, OPEN))
    lo = np.maximum(furthest, 0)
    hi = np.where(lost & (furthest < 0), n - 2, lo)
    frame = pd.DataFrame({"deal": codes[usable]})
    if "manager" in mapping:
        frame["manager"] = clean_text(table.df[mapping["manager"]]).to_pandas()[usable].to_numpy()
    if "amount" in mapping:
        frame["amount"] = parse_numbers(table.df[mapping["amount"]])[usable]
    last = frame.groupby("deal").last().reindex(np.flatnonzero(seen))  # the latest value a deal's rows hold
    placed = int((lost & seen & (furthest >= 0)).sum())
    return Deals(
        evidence="events",
        outcome=outcome[seen],
        lo=lo[seen],
        hi=hi[seen],
        manager=last["manager"].reset_index(drop=True) if "manager" in mapping else None,
        amount=last["amount"].to_numpy() if "amount" in mapping else None,
        traces=[Trace("events", (mapping["stage"],), placed)],
        date_columns={},
        medians=_median_days(codes, rows.index, parse_dates(table.df[mapping["date"]]), usable, n),
        rows_used=int(usable.sum()),
    )


def _median_days(codes, index, dates, usable, n_stages) -> list[float | None]:
    """Time in a stage = from its event to the deal's next event; the median per stage, in days."""
    ok = usable & ~np.isnat(dates)
    c, s, d = codes[ok], index[ok], dates[ok].astype("datetime64[s]").astype(np.int64)
    order = np.lexsort((d, c))
    c, s, d = c[order], s[order], d[order]
    has_next = np.zeros(len(c), dtype=bool)
    has_next[:-1] = c[:-1] == c[1:]
    durations = np.zeros(len(c), dtype=np.float64)
    durations[:-1] = (d[1:] - d[:-1]) / 86400.0
    medians: list[float | None] = []
    for stage in range(n_stages):
        picked = durations[has_next & (s == stage)]
        medians.append(float(np.median(picked)) if len(picked) else None)
    return medians
