"""Funnel conversion true to what the file knows (issue 14).

Four kinds of evidence, each said in the report's first line:
- "counts": a table of stage → leads; the seed's formula, leads of the next stage ÷ leads of this stage;
- "events": deal, stage, date rows — each deal's path, where it was lost, the days spent in each stage;
- "stage_dates": one row per deal with its current stage and a date column per stage (`engage_date`): the
  dates show how far each lost deal got;
- "current_stage": one row per deal with its current stage only (amoCRM, Bitrix24 default exports): open
  deals are in their stages, lost ones in «Закрыто и не реализовано» with no record of where they were lost.
An open deal is never counted as lost, and a loss is never placed where the file does not put it: a step's
conversion is computed only from deals whose fate at that step is known (`funnel_steps`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from services.texts import t

from .content import stage_key
from .errors import ColumnsNotFound, NotEnoughData
from .funnel_deals import Deals, Rows, events, read_rows, snapshot
from .funnel_stages import StageOrder, from_user, propose, recognise
from .funnel_steps import LOST, WON, Step, count_steps, deal_steps, tally
from .funnel_traces import Trace
from .reader import LoadedTable
from .values import clean_text, parse_dates, parse_numbers

_TOP_REASONS = 10
EVIDENCE_KINDS = ("counts", "events", "stage_dates", "current_stage")


@dataclass(frozen=True)
class FunnelOptions:
    stage_order: list[str] | None = None  # the user's order; None: a known pipeline or the proposed one
    key_stage: str | None = None  # КЭВ; None: the step before won


@dataclass(frozen=True)
class ManagerRow:
    name: str
    deals: int
    won: int
    lost: int
    still_open: int
    win_rate: float | None  # percent of the manager's closed deals that were won; None: none closed yet
    revenue: float | None  # sum of won deals' amounts, when the file has amounts
    conversions: tuple[float | None, ...] = ()  # per step, by the same rules as the whole funnel

    @property
    def closed(self) -> int:
        return self.won + self.lost


@dataclass
class FunnelResult:
    source_name: str
    evidence: str  # one of EVIDENCE_KINDS
    stages: list[str]  # the funnel's stages in order; the last one is "won"
    steps: list[Step]  # one per pair of neighbouring stages
    reached: list[int]  # deals (leads) known to have reached each stage
    lost_stages: list[str]
    deals: int  # deals in the analysis (stage counts: leads at the first stage)
    won: int
    lost_total: int
    open_total: int
    lost_unplaced: int  # lost deals the file does not say where they were lost
    win_rate: float | None  # won ÷ (won + lost), percent; None for stage counts
    overall_conversion: float | None  # stage counts: last stage ÷ first stage, percent
    bottleneck: Step | None  # the weakest step whose conversion is known (and below 100 %)
    key_step: Step | None  # the step from the КЭВ, judged or not
    pipeline_name: str | None
    traces: list[Trace] = field(default_factory=list)  # what told where lost deals were lost
    date_columns: dict[str, str] = field(default_factory=dict)  # stage -> its date column
    managers: list[ManagerRow] = field(default_factory=list)
    lost_reasons: list[tuple[str, int]] = field(default_factory=list)
    rows_total: int = 0
    rows_used: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    won_revenue: float | None = None
    warnings: list[str] = field(default_factory=list)  # codes: "next_bigger"
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def mode(self) -> str:
        """The file's shape: "counts", "events" or "deals" (a snapshot, with or without stage dates)."""
        return self.evidence if self.evidence in ("counts", "events") else "deals"

    @property
    def judged(self) -> list[Step]:
        return [s for s in self.steps if s.conversion is not None]

    @property
    def unjudged(self) -> list[Step]:
        return [s for s in self.steps if s.conversion is None]

    @property
    def reach_exact(self) -> bool:
        """Every deal's furthest stage is known (no unplaced losses), so `reached` is exact, not a floor."""
        return self.lost_unplaced == 0


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


def propose_stage_order(table: LoadedTable, mapping: dict[str, str], mode: str | None = None) -> StageOrder:
    """A known pipeline's order, else a proposal for the user to confirm (file order for stage counts)."""
    values = stage_values(table, mapping)
    mode = mode or funnel_mode(table, mapping)
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
        raise ColumnsNotFound(t("funnel-error-no-stage-column"))
    values = stage_values(table, mapping)
    if not values:
        raise NotEnoughData(t("funnel-error-no-stages"))
    mode = funnel_mode(table, mapping)
    if options.stage_order:
        order = from_user(options.stage_order, values)
    else:
        order = propose_stage_order(table, mapping, mode)
    if len(order.stages) < 2:
        raise NotEnoughData(t("funnel-error-one-stage"))
    rows = read_rows(table, mapping, order)
    if mode == "counts":
        return _from_counts(table, mapping, options, rows)
    deals = events(table, mapping, rows) if mode == "events" else snapshot(table, mapping, rows)
    return _from_deals(table, mapping, options, rows, deals)


# ---- stage counts -----------------------------------------------------------------------------------------


def _from_counts(table: LoadedTable, mapping: dict[str, str], options: FunnelOptions, rows: Rows) -> FunnelResult:
    names = rows.order.stages
    counts = np.nan_to_num(parse_numbers(table.df[mapping["count"]]))
    steps_rows = rows.usable & ~rows.lost
    at_stage = np.bincount(rows.index[steps_rows], weights=counts[steps_rows], minlength=len(names))
    reached = [round(v) for v in at_stage[: len(names)]]
    steps = count_steps(names, reached)
    judged = [s for s in steps if s.conversion is not None]
    warnings = ["next_bigger"] if any(s.conversion > 100 for s in judged) else []
    return FunnelResult(
        source_name=table.source_name,
        evidence="counts",
        stages=list(names),
        steps=steps,
        reached=reached,
        lost_stages=rows.order.lost,
        deals=reached[0],
        won=reached[-1],
        lost_total=int(counts[rows.usable & rows.lost].sum()),
        open_total=0,
        lost_unplaced=0,
        win_rate=None,
        overall_conversion=100.0 * reached[-1] / reached[0] if reached[0] else None,
        bottleneck=_bottleneck(steps),
        key_step=_key_step(options.key_stage, steps),
        pipeline_name=rows.order.pipeline.name if rows.order.pipeline else None,
        rows_total=table.rows_total,
        rows_used=int(rows.usable.sum()),
        skipped=rows.skipped,
        warnings=warnings,
        mapping=dict(mapping),
    )


def _from_deals(
    table: LoadedTable, mapping: dict[str, str], options: FunnelOptions, rows: Rows, deals: Deals
) -> FunnelResult:
    names = rows.order.stages
    n = len(names)
    counts = tally(deals.outcome, deals.lo, deals.hi, n)
    steps = deal_steps(names, counts, deals.medians)
    won, lost = int(counts.won[0]), int(counts.lost[0])
    is_won = deals.outcome == WON
    is_lost = deals.outcome == LOST
    return FunnelResult(
        source_name=table.source_name,
        evidence=deals.evidence,
        stages=list(names),
        steps=steps,
        reached=[int(v) for v in counts.reached[0]],
        lost_stages=rows.order.lost,
        deals=len(deals.outcome),
        won=won,
        lost_total=lost,
        open_total=int(counts.open[0]),
        lost_unplaced=int((is_lost & (deals.lo < deals.hi)).sum()),
        win_rate=100.0 * won / (won + lost) if won + lost else None,
        overall_conversion=None,
        bottleneck=_bottleneck(steps),
        key_step=_key_step(options.key_stage, steps),
        pipeline_name=rows.order.pipeline.name if rows.order.pipeline else None,
        traces=deals.traces,
        date_columns={names[at]: header for at, header in deals.date_columns.items()},
        managers=_managers(deals, n),
        lost_reasons=(
            _lost_reasons(table.df[mapping["lost_reason"]], rows.usable & rows.lost) if "lost_reason" in mapping else []
        ),
        rows_total=table.rows_total,
        rows_used=deals.rows_used,
        skipped=rows.skipped,
        won_revenue=float(np.nansum(deals.amount[is_won])) if deals.amount is not None else None,
        mapping=dict(mapping),
    )


def _bottleneck(steps: list[Step]) -> Step | None:
    """The weakest step among those whose conversion is known; none when every known step is 100 %."""
    judged = [s for s in steps if s.conversion is not None]
    weakest = min(judged, key=lambda s: s.conversion, default=None)
    return weakest if weakest is not None and weakest.conversion < 100 else None


def _key_step(wanted: str | None, steps: list[Step]) -> Step | None:
    if wanted:
        for step in steps:
            if stage_key(step.source) == stage_key(wanted):
                return step
    return steps[-1] if steps else None  # the step into the won stage


def _managers(deals: Deals, n_stages: int) -> list[ManagerRow]:
    if deals.manager is None:
        return []
    codes, names = pd.factorize(deals.manager, sort=False)  # missing names get -1 and are left out
    counts = tally(deals.outcome, deals.lo, deals.hi, n_stages, group=codes, n_groups=len(names))
    conversions = counts.conversions()
    revenue = None
    if deals.amount is not None:
        won_amounts = np.where(deals.outcome == WON, np.nan_to_num(deals.amount), 0.0)
        revenue = np.bincount(codes[codes >= 0], weights=won_amounts[codes >= 0], minlength=len(names))
    rows = []
    for g, name in enumerate(names):
        won, lost = int(counts.won[g]), int(counts.lost[g])
        rows.append(
            ManagerRow(
                name=str(name),
                deals=won + lost + int(counts.open[g]),
                won=won,
                lost=lost,
                still_open=int(counts.open[g]),
                win_rate=100.0 * won / (won + lost) if won + lost else None,
                revenue=float(revenue[g]) if revenue is not None else None,
                conversions=tuple(None if np.isnan(c) else float(c) for c in conversions[g]),
            )
        )
    return sorted(rows, key=lambda r: (r.win_rate is None, -(r.win_rate or 0.0), -r.deals))


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


def _lost_reasons(column: pd.Series, rows: np.ndarray) -> list[tuple[str, int]]:
    reasons = clean_text(column).to_pandas()[rows].dropna()
    counts = reasons.value_counts(sort=True)
    return [(str(k), int(v)) for k, v in counts.iloc[:_TOP_REASONS].items()]
