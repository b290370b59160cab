"""Funnel conversion (the seed's formula): conversion of a stage = leads that moved on to the next stage
÷ leads in this stage × 100 %.

Three inputs:
- stage counts: a stage column and a count column in funnel order (the count is the leads that reached it);
- deals: one row per deal with its current stage — a deal at stage k has passed every stage before k, a won
  deal has passed them all, a lost deal counts only at the first stage unless the file says where it was lost;
- stage events: deal, stage, date — the furthest stage of each deal, plus the time spent in each stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import skips
from .content import stage_key
from .errors import ColumnsNotFound, NotEnoughData
from .funnel_stages import StageOrder, from_user, propose, recognise
from .reader import LoadedTable
from .values import clean_text, parse_dates, parse_numbers

_TOP_REASONS = 10


@dataclass(frozen=True)
class FunnelOptions:
    stage_order: list[str] | None = None  # the user's order; None: a known pipeline or the proposed one
    key_stage: str | None = None  # КЭВ; None: the step before won


@dataclass(frozen=True)
class StageRow:
    name: str
    reached: int
    moved_on: int | None  # None for the last (won) stage
    conversion: float | None  # percent
    drop: int | None
    median_days: float | None = None  # median time in the stage (stage events only)


@dataclass(frozen=True)
class ManagerRow:
    name: str
    deals: int
    won: int
    conversion: float  # percent of the manager's deals that were won
    revenue: float | None  # sum of won deals' amounts, when the file has amounts


@dataclass
class FunnelResult:
    source_name: str
    mode: str  # "counts", "deals" or "events"
    stages: list[StageRow]
    lost_stages: list[str]
    lost_total: int
    overall_conversion: float | None
    bottleneck: StageRow | None  # the step with the weakest conversion
    key_stage: StageRow | None
    pipeline_name: str | None
    managers: list[ManagerRow] = field(default_factory=list)
    lost_reasons: list[tuple[str, int]] = field(default_factory=list)
    rows_total: int = 0
    rows_used: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    won_revenue: float | None = None
    warnings: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def next_stage_of(self) -> dict[str, str]:
        return {a.name: b.name for a, b in zip(self.stages, self.stages[1:], strict=False)}


def funnel_mode(table: LoadedTable, mapping: dict[str, str]) -> str:
    stages = clean_text(table.df[mapping["stage"]]).drop_null()
    if "count" in mapping and len(pc.unique(stages)) == len(stages):
        return "counts"
    if "deal" in mapping and "date" in mapping:
        deals = clean_text(table.df[mapping["deal"]]).drop_null()
        if len(pc.unique(deals)) < len(deals):
            return "events"
    return "deals"


def stage_values(table: LoadedTable, mapping: dict[str, str]) -> list[str]:
    """Distinct stage values in order of first appearance."""
    return pc.unique(clean_text(table.df[mapping["stage"]]).drop_null()).to_pylist()


def propose_stage_order(table: LoadedTable, mapping: dict[str, str]) -> StageOrder:
    """A known pipeline's order, else a proposal for the user to confirm (file order for stage counts)."""
    values = stage_values(table, mapping)
    mode = funnel_mode(table, mapping)
    if mode == "counts":
        known = recognise(values)
        return known or from_user(values, values)
    first_seen = _typical_position(table, mapping) if mode == "events" else None
    return propose(values, first_seen)


def needs_confirmation(table: LoadedTable, mapping: dict[str, str]) -> bool:
    """True when the order is a guess: no known pipeline, and not a stage-counts file (already in order)."""
    return funnel_mode(table, mapping) != "counts" and recognise(stage_values(table, mapping)) is None


def compute(table: LoadedTable, mapping: dict[str, str], options: FunnelOptions | None = None) -> FunnelResult:
    options = options or FunnelOptions()
    if "stage" not in mapping:
        raise ColumnsNotFound("Для воронки нужен столбец с этапом сделки (например, «Этап сделки»).")
    values = stage_values(table, mapping)
    if not values:
        raise NotEnoughData("В столбце этапов пусто — не из чего строить воронку.")
    order = from_user(options.stage_order, values) if options.stage_order else propose_stage_order(table, mapping)
    if len(order.stages) < 2:
        raise NotEnoughData("Для воронки нужно хотя бы два этапа по порядку.")
    mode = funnel_mode(table, mapping)
    skipped: dict[str, int] = {}
    skips.add(skipped, "malformed", table.malformed_rows)
    stage_text = clean_text(table.df[mapping["stage"]])
    index, lost = _stage_index(stage_text, order)
    no_stage = stage_text.is_null().to_numpy(zero_copy_only=False)
    unknown = (index < 0) & ~lost & ~no_stage
    skips.add(skipped, "no_stage", int(no_stage.sum()))
    skips.add(skipped, "unknown_stage", int(unknown.sum()))
    usable = ~no_stage & ~unknown

    if mode == "counts":
        counts = np.nan_to_num(parse_numbers(table.df[mapping["count"]]))
        reached = np.bincount(index[usable & ~lost], weights=counts[usable & ~lost], minlength=len(order.stages))
        lost_total = int(counts[usable & lost].sum())
        medians: list[float | None] = [None] * len(order.stages)
        result_extra: dict = {}
    elif mode == "events":
        reached, lost_total, medians, usable = _events(table, mapping, index, lost, usable, order, skipped)
        result_extra = {}
    else:
        reached, lost_total, result_extra = _deals(table, mapping, index, lost, usable, order)
        medians = [None] * len(order.stages)

    stages = _stage_rows(order.stages, reached, medians)
    key_name = _key_stage_name(options.key_stage, order.stages)
    steps = [s for s in stages if s.conversion is not None]
    warnings = []
    if any(s.conversion is not None and s.conversion > 100 for s in stages):
        warnings.append("На некоторых шагах следующий этап больше предыдущего — проверьте порядок этапов или цифры.")
    return FunnelResult(
        source_name=table.source_name,
        mode=mode,
        stages=stages,
        lost_stages=order.lost,
        lost_total=lost_total,
        overall_conversion=_percent(stages[-1].reached, stages[0].reached),
        bottleneck=min(steps, key=lambda s: s.conversion) if steps else None,
        key_stage=next((s for s in stages if s.name == key_name), None),
        pipeline_name=order.pipeline.name if order.pipeline else None,
        rows_total=table.rows_total,
        rows_used=int(usable.sum()),
        skipped=skipped,
        warnings=warnings,
        mapping=dict(mapping),
        **result_extra,
    )


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


def _deals(table, mapping, index, lost, usable, order: StageOrder):
    n_stages = len(order.stages)
    furthest = np.where(lost, 0, index)
    if "lost_stage" in mapping:
        lost_at, _ = _stage_index(clean_text(table.df[mapping["lost_stage"]]), order)
        furthest = np.where(lost & (lost_at >= 0), lost_at, furthest)
    take = usable
    reached = _reached(furthest[take], n_stages)
    won = take & ~lost & (index == n_stages - 1)
    extra: dict = {"managers": [], "lost_reasons": [], "won_revenue": None}
    amounts = parse_numbers(table.df[mapping["amount"]]) if "amount" in mapping else None
    if amounts is not None:
        extra["won_revenue"] = float(np.nansum(amounts[won]))
    if "manager" in mapping:
        extra["managers"] = _managers(table.df[mapping["manager"]], take, won, amounts)
    if "lost_reason" in mapping:
        extra["lost_reasons"] = _lost_reasons(table.df[mapping["lost_reason"]], take & lost)
    return reached, int((take & lost).sum()), extra


def _events(table, mapping, index, lost, usable, order: StageOrder, skipped):
    n_stages = len(order.stages)
    deals = clean_text(table.df[mapping["deal"]])
    no_deal = deals.is_null().to_numpy(zero_copy_only=False) & usable
    skips.add(skipped, "no_deal", int(no_deal.sum()))
    usable = usable & ~no_deal
    codes = pc.dictionary_encode(deals.combine_chunks()).indices
    codes = pc.fill_null(codes, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    n_deals = int(codes.max()) + 1 if len(codes) else 0
    furthest = np.full(n_deals, -1, dtype=np.int64)
    step_rows = usable & ~lost
    np.maximum.at(furthest, codes[step_rows], index[step_rows])
    ever_lost = np.zeros(n_deals, dtype=bool)
    ever_lost[codes[usable & lost]] = True
    seen = np.zeros(n_deals, dtype=bool)
    seen[codes[usable]] = True
    # A deal with only a "lost" event counts at the first stage; otherwise the events say where it got to.
    furthest = np.where(seen & (furthest < 0), 0, furthest)
    reached = _reached(furthest[seen], n_stages)
    medians = _median_days(codes, index, parse_dates(table.df[mapping["date"]]), usable, n_stages)
    return reached, int(ever_lost.sum()), medians, usable


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


def _typical_position(table: LoadedTable, mapping: dict[str, str]) -> dict[str, float]:
    """For stage events: each stage's median place in its deal's chronological sequence."""
    frame = pd.DataFrame(
        {
            "deal": clean_text(table.df[mapping["deal"]]).to_pandas(),
            "stage": clean_text(table.df[mapping["stage"]]).to_pandas(),
            "date": parse_dates(table.df[mapping["date"]]),
        }
    ).dropna()
    frame = frame.sort_values(["deal", "date"], kind="stable")
    frame["place"] = frame.groupby("deal").cumcount()
    return frame.groupby("stage")["place"].median().to_dict()


def _reached(furthest: np.ndarray, n_stages: int) -> np.ndarray:
    """Deals that reached each stage: everyone whose furthest stage is at or after it."""
    at = np.bincount(furthest[furthest >= 0], minlength=n_stages)[:n_stages]
    return np.cumsum(at[::-1])[::-1].astype(np.float64)


def _stage_rows(names: list[str], reached: np.ndarray, medians: list[float | None]) -> list[StageRow]:
    rows = []
    for i, name in enumerate(names):
        here = round(reached[i])
        nxt = round(reached[i + 1]) if i + 1 < len(names) else None
        rows.append(
            StageRow(
                name=name,
                reached=here,
                moved_on=nxt,
                conversion=_percent(nxt, here) if nxt is not None else None,
                drop=here - nxt if nxt is not None else None,
                median_days=medians[i],
            )
        )
    return rows


def _percent(part: float | None, whole: float) -> float | None:
    if part is None or not whole:
        return None
    return 100.0 * part / whole


def _key_stage_name(wanted: str | None, stages: list[str]) -> str | None:
    if wanted:
        for name in stages:
            if stage_key(name) == stage_key(wanted):
                return name
    return stages[-2] if len(stages) >= 2 else None


def _managers(column: pd.Series, take: np.ndarray, won: np.ndarray, amounts: np.ndarray | None) -> list[ManagerRow]:
    names = clean_text(column).to_pandas()
    frame = pd.DataFrame({"name": names, "won": won, "take": take})
    frame["revenue"] = np.where(won, np.nan_to_num(amounts), 0.0) if amounts is not None else 0.0
    frame = frame[frame["take"] & frame["name"].notna()]
    grouped = frame.groupby("name", sort=False).agg(
        deals=("won", "size"), won=("won", "sum"), revenue=("revenue", "sum")
    )
    rows = [
        ManagerRow(
            name=str(name),
            deals=int(row.deals),
            won=int(row.won),
            conversion=float(100.0 * row.won / row.deals),
            revenue=float(row.revenue) if amounts is not None else None,
        )
        for name, row in grouped.iterrows()
    ]
    return sorted(rows, key=lambda r: (-r.conversion, -r.deals))


def _lost_reasons(column: pd.Series, rows: np.ndarray) -> list[tuple[str, int]]:
    reasons = clean_text(column).to_pandas()[rows].dropna()
    counts = reasons.value_counts(sort=True)
    return [(str(k), int(v)) for k, v in counts.iloc[:_TOP_REASONS].items()]
