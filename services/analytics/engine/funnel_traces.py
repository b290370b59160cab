"""Where a lost deal was lost, from whatever a deal snapshot keeps: a date column per stage, a loss-stage
column, a loss reason that names a stage.

For every lost deal the answer is a range of steps [lo, hi] it may have been lost at: `lo` is the furthest
stage the file shows it reached, `hi` the last step before a stage it provably never reached. `lo == hi`: the
file places the loss; `lo < hi`: it does not, and no step in that range can be judged. With no trace at all a
lost deal spans the whole funnel — it is never put at the first stage just because nothing else is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .content import compact, stage_key
from .funnel_content import funnel_reading
from .funnel_stages import StageOrder, step_keys
from .reader import LoadedTable
from .values import clean_text, parse_dates

# Roles whose columns are never a stage's date or a loss stage.
_OTHER_ROLES = ("stage", "deal", "manager", "amount", "lost_reason", "count", "created", "closed")
_DATE_READABLE = 0.5  # share of a column's cells that must read as dates
_FILLED_FROM_STAGE = 0.9  # open/won deals at or past the stage that must have its date
_FILLED_BEFORE_STAGE = 0.1  # open deals before the stage that may have it (a typo, a reopened deal)
_LOSS_VALUES_READABLE = 0.5  # share of lost deals' loss-stage cells that must name a step
_YO = str.maketrans({chr(0x451): chr(0x435)})  # ё -> е without a Cyrillic literal in the code


@dataclass(frozen=True)
class Trace:
    kind: str  # "stage_dates" | "loss_column" | "loss_reason"
    columns: tuple[str, ...]
    placed: int  # lost deals this trace placed that no earlier one had


@dataclass
class LossRanges:
    lo: np.ndarray  # per row; meaningful for lost rows
    hi: np.ndarray
    traces: list[Trace] = field(default_factory=list)
    date_columns: dict[int, str] = field(default_factory=dict)  # step index -> header of its date column


def locate_losses(
    table: LoadedTable,
    mapping: dict[str, str],
    order: StageOrder,
    index: np.ndarray,
    lost: np.ndarray,
    usable: np.ndarray,
) -> LossRanges:
    """Per row the range of steps a lost deal may have been lost at, narrowed by every trace the file has."""
    last_step = len(order.stages) - 2
    rows = len(index)
    ranges = LossRanges(lo=np.zeros(rows, dtype=np.int64), hi=np.full(rows, last_step, dtype=np.int64))
    lost_rows = lost & usable

    dated = stage_date_columns(table, mapping, order, index, lost, usable)
    ranges.date_columns = {at: header for at, (header, _) in dated.items()}
    if dated:
        before = _placed(ranges, lost_rows)
        _narrow_by_dates(ranges, {at: present for at, (_, present) in dated.items()})
        ranges.traces.append(
            Trace("stage_dates", tuple(ranges.date_columns.values()), _placed(ranges, lost_rows) - before)
        )

    column = loss_stage_column(table, mapping, order, lost_rows)
    if column is not None:
        at = _step_of_values(table.df[column], order, last_step)
        hit = lost_rows & (at >= 0)
        newly = int((hit & (ranges.lo != ranges.hi)).sum())
        ranges.lo = np.where(hit, at, ranges.lo)
        ranges.hi = np.where(hit, at, ranges.hi)
        ranges.traces.append(Trace("loss_column", (column,), newly))

    if "lost_reason" in mapping:
        at = _step_named_in(table.df[mapping["lost_reason"]], order, last_step, lost_rows)
        hit = lost_rows & (at >= 0) & (ranges.lo != ranges.hi) & (ranges.lo <= at) & (at <= ranges.hi)
        if hit.any():
            ranges.lo = np.where(hit, at, ranges.lo)
            ranges.hi = np.where(hit, at, ranges.hi)
            ranges.traces.append(Trace("loss_reason", (mapping["lost_reason"],), int(hit.sum())))
    return ranges


def _placed(ranges: LossRanges, rows: np.ndarray) -> int:
    return int((rows & (ranges.lo == ranges.hi)).sum())


# ---- a date column per stage ------------------------------------------------------------------------------


def stage_date_columns(
    table: LoadedTable,
    mapping: dict[str, str],
    order: StageOrder,
    index: np.ndarray,
    lost: np.ndarray,
    usable: np.ndarray,
) -> dict[int, tuple[str, np.ndarray]]:
    """Step index -> the column holding the date a deal entered that stage (`engage_date` for «Engaging»),
    with which rows have a date in it.

    Found by the header (a date word plus the stage's name) and kept only if the values agree: open and won
    deals at or past the stage have the date, open deals before it do not. The won stage's date is left
    out: whether a deal was won is in its stage already.
    """
    taken = {mapping[role] for role in _OTHER_ROLES if role in mapping}
    words = funnel_reading().date_words()
    names = _step_spellings(order, len(order.stages) - 1)
    best: dict[int, tuple[int, str, np.ndarray]] = {}
    for header in table.headers:
        if header in taken:
            continue
        tokens = _tokens(header)
        rest = [token for token in tokens if token not in words]
        if not rest or len(rest) == len(tokens):
            continue  # only date words, or none: not a stage's date
        step = _match_step("".join(rest), names)
        if step is None:
            continue
        at, score = step
        if at in best and best[at][0] >= score:
            continue
        present = _dates_fit_stage(table.df[header], at, index, lost, usable)
        if present is not None:
            best[at] = (score, header, present)
    return {at: (header, present) for at, (_, header, present) in sorted(best.items())}


def _tokens(header: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header)  # EngageDate -> Engage Date
    return [compact(part) for part in re.split(r"[\W_]+", spaced) if compact(part)]


def _step_spellings(order: StageOrder, steps: int) -> list[tuple[int, str]]:
    return [(at, key) for key, at in step_keys(order).items() if at < steps and key]


def _match_step(name: str, spellings: list[tuple[int, str]]) -> tuple[int, int] | None:
    """The step whose name is `name` or shares its stem (`engage` ~ `engaging`, `переговоров` ~ `переговоры`)."""
    scored: dict[int, int] = {}
    for at, key in spellings:
        if name == key:
            score = 1000
        else:
            prefix = _common_prefix(name, key)
            if prefix < 4 or prefix < min(len(name), len(key)) - 2:
                continue
            score = prefix
        scored[at] = max(scored.get(at, 0), score)
    if not scored:
        return None
    top = max(scored.values())
    winners = [at for at, score in scored.items() if score == top]
    return (winners[0], top) if len(winners) == 1 else None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _dates_fit_stage(column, at: int, index: np.ndarray, lost: np.ndarray, usable: np.ndarray) -> np.ndarray | None:
    """Which rows have a date, if the column reads as dates and agrees with the open and won deals' stages."""
    present = ~np.isnat(parse_dates(column))
    filled = clean_text(column).is_valid().to_numpy(zero_copy_only=False)
    if not present.any() or present.sum() < _DATE_READABLE * filled.sum():
        return None
    known = usable & ~lost & (index >= 0)
    from_stage = known & (index >= at)
    before = known & (index < at)
    if from_stage.any() and present[from_stage].mean() < _FILLED_FROM_STAGE:
        return None
    if before.any() and present[before].mean() > _FILLED_BEFORE_STAGE:
        return None
    return present


def _narrow_by_dates(ranges: LossRanges, present: dict[int, np.ndarray]) -> None:
    for at, has in present.items():
        ranges.lo = np.where(has, np.maximum(ranges.lo, at), ranges.lo)
    for at, has in present.items():
        # No date for a stage past the furthest one reached: the deal never got there.
        ranges.hi = np.where(~has & (at > ranges.lo), np.minimum(ranges.hi, at - 1), ranges.hi)


# ---- a loss-stage column ----------------------------------------------------------------------------------


def loss_stage_column(table: LoadedTable, mapping: dict[str, str], order: StageOrder, lost_rows: np.ndarray):
    """The column naming the stage each lost deal was lost at: the matched `lost_stage` role, or a header
    from `reading.loss_stage_headers`; used only when most lost deals' values in it name a step."""
    last_step = len(order.stages) - 2
    candidates = [mapping["lost_stage"]] if "lost_stage" in mapping else []
    keys = funnel_reading().loss_stage_keys()
    taken = {mapping[role] for role in _OTHER_ROLES if role in mapping}
    candidates += [h for h in table.headers if h not in taken and h not in candidates and compact(h) in keys]
    for header in candidates:
        values = clean_text(table.df[header]).is_valid().to_numpy(zero_copy_only=False) & lost_rows
        if not values.any():
            continue
        at = _step_of_values(table.df[header], order, last_step)
        if (at[values] >= 0).mean() >= _LOSS_VALUES_READABLE:
            return header
    return None


def _step_of_values(column, order: StageOrder, last_step: int) -> np.ndarray:
    """Per row the step a cell names (-1 if none, or if it names the won stage)."""
    text = clean_text(column)
    distinct = pc.unique(text.drop_null()).to_pylist()
    keys = step_keys(order)
    lookup = [keys.get(stage_key(v), -1) for v in distinct]
    lookup = [at if at <= last_step else -1 for at in lookup]
    return _per_row(text, distinct, lookup)


def _per_row(text: pa.ChunkedArray, distinct: list[str], lookup: list[int]) -> np.ndarray:
    where = pc.index_in(text, value_set=pa.array(distinct, pa.large_string()))
    where_np = pc.fill_null(where, -1).to_numpy(zero_copy_only=False)
    return np.array([*lookup, -1], dtype=np.int64)[where_np]


# ---- a loss reason naming a stage -------------------------------------------------------------------------


def _step_named_in(column, order: StageOrder, last_step: int, rows: np.ndarray) -> np.ndarray:
    """Per row the one step a loss reason names as a phrase («Отказ после КП»), -1 if none or several."""
    text = clean_text(column)
    distinct = pc.unique(pc.filter(text, pa.array(rows)).drop_null()).to_pylist()
    phrases = _step_phrases(order, last_step)
    lookup = []
    for reason in distinct:
        words = " " + _words(reason) + " "
        named = {at for at, phrase in phrases if f" {phrase} " in words}
        lookup.append(named.pop() if len(named) == 1 else -1)
    return _per_row(text, distinct, lookup)


def _step_phrases(order: StageOrder, last_step: int) -> list[tuple[int, str]]:
    phrases = []
    for at, name in enumerate(order.stages[: last_step + 1]):
        spellings = {name}
        if order.pipeline is not None and (known := order.pipeline.index_of(name)) is not None:
            spellings.add(order.pipeline.stages[known].name)
        phrases += [(at, _words(s)) for s in spellings if _words(s)]
    return phrases


def _words(text: str) -> str:
    return " ".join(w for w in re.split(r"[\W_]+", text.lower().translate(_YO)) if w)
