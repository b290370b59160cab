"""Step conversions from what is known about each deal: its outcome and how far it got.

The rules (issue 14):
- a deal still open at stage X has reached X and every stage before it, and has failed none of them;
- a won deal passed every step;
- a lost deal was lost somewhere in its range of steps [lo, hi] (see `funnel_traces`); it passed every step
  before `lo`. When lo == hi the file says where; otherwise no step in the range can be judged;
- a step's conversion = moved on ÷ (moved on + lost at this step): deals still open at the step are shown
  apart, never counted as drop-off. Adding open deals can only add to "moved on" of earlier steps, so it
  never lowers a conversion.
For stage-count tables the seed's formula stands: leads of the next stage ÷ leads of this stage.

All counts are tallied per group at once (group 0 alone for the whole file, one group per manager).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

OPEN, WON, LOST = 0, 1, 2


@dataclass(frozen=True)
class Step:
    """The step from stage `source` to the next stage `target`."""

    source: str
    target: str
    reached: int  # deals known to have reached `source` (stage counts: leads at the stage)
    moved_on: int  # deals known to have gone past `source`
    lost_here: int  # deals lost at `source` (stage counts: the drop, this stage − the next)
    still_open: int  # deals open at `source`: their fate here is not known yet
    unplaced: int  # lost deals that may have been lost here, or elsewhere: the file does not say
    conversion: float | None  # percent; None when it cannot be judged
    median_days: float | None = None  # median days in `source` (stage events only)

    @property
    def left(self) -> int:
        """Deals whose fate at this step is known: moved on or lost here."""
        return self.moved_on + self.lost_here

    @property
    def why_unknown(self) -> str | None:
        """None when the conversion is known; "unplaced" (some losses have no stage) or "no_exits"."""
        if self.conversion is not None:
            return None
        return "unplaced" if self.unplaced else "no_exits"


@dataclass(frozen=True)
class Tally:
    """Counts per group (rows) and stage or step (columns)."""

    won: np.ndarray  # (groups,)
    lost: np.ndarray  # (groups,)
    open: np.ndarray  # (groups,)
    reached: np.ndarray  # (groups, stages)
    lost_here: np.ndarray  # (groups, steps)
    still_open: np.ndarray  # (groups, steps)
    unplaced: np.ndarray  # (groups, steps)

    @property
    def moved_on(self) -> np.ndarray:
        return self.reached[:, 1:]

    def conversions(self) -> np.ndarray:
        """(groups, steps) percent; NaN where a step cannot be judged."""
        left = self.moved_on + self.lost_here
        known = (self.unplaced == 0) & (left > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(known, 100.0 * self.moved_on / np.where(left > 0, left, 1), np.nan)


def tally(
    outcome: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    n_stages: int,
    group: np.ndarray | None = None,
    n_groups: int = 1,
) -> Tally:
    """`outcome` OPEN/WON/LOST per deal; `lo`: the open deal's stage, the lost deal's furthest known stage;
    `hi`: the last step a lost deal may have been lost at (= lo elsewhere). `group` < 0 leaves a deal out."""
    n = n_stages
    g = np.zeros(len(outcome), dtype=np.int64) if group is None else group.astype(np.int64)
    take = g >= 0
    is_open, is_won, is_lost = (take & (outcome == OPEN)), (take & (outcome == WON)), (take & (outcome == LOST))
    won = np.bincount(g[is_won], minlength=n_groups)[:n_groups]
    open_at = _grid(g[is_open], lo[is_open], n_groups, n)
    lost_from = _grid(g[is_lost], lo[is_lost], n_groups, n)
    placed = is_lost & (lo == hi)
    lost_here = _grid(g[placed], lo[placed], n_groups, n)
    spread = is_lost & (lo < hi)
    # A running sum over +1 at lo and −1 after hi counts, per step, the unplaced losses that may be there.
    edges = _grid(g[spread], lo[spread], n_groups, n + 1) - _grid(g[spread], hi[spread] + 1, n_groups, n + 1)
    unplaced = np.cumsum(edges, axis=1)[:, : n - 1]
    reached = won[:, None] + _from_here_on(open_at) + _from_here_on(lost_from)
    return Tally(
        won=won,
        lost=lost_from.sum(axis=1),
        open=open_at.sum(axis=1),
        reached=reached,
        lost_here=lost_here[:, : n - 1],
        still_open=open_at[:, : n - 1],
        unplaced=unplaced,
    )


def _grid(groups: np.ndarray, stages: np.ndarray, n_groups: int, width: int) -> np.ndarray:
    flat = np.bincount(groups * width + stages, minlength=n_groups * width)[: n_groups * width]
    return flat.reshape(n_groups, width)


def _from_here_on(per_stage: np.ndarray) -> np.ndarray:
    """Per stage: the deals at this stage or any later one."""
    return np.cumsum(per_stage[:, ::-1], axis=1)[:, ::-1]


def deal_steps(names: list[str], counts: Tally, medians: list[float | None] | None = None, g: int = 0) -> list[Step]:
    conversions = counts.conversions()[g]
    steps = []
    for i in range(len(names) - 1):
        conversion = conversions[i]
        steps.append(
            Step(
                source=names[i],
                target=names[i + 1],
                reached=int(counts.reached[g, i]),
                moved_on=int(counts.moved_on[g, i]),
                lost_here=int(counts.lost_here[g, i]),
                still_open=int(counts.still_open[g, i]),
                unplaced=int(counts.unplaced[g, i]),
                conversion=None if np.isnan(conversion) else float(conversion),
                median_days=medians[i] if medians else None,
            )
        )
    return steps


def count_steps(names: list[str], reached: list[int]) -> list[Step]:
    """Stage-count tables: the seed's formula, leads of the next stage ÷ leads of this one × 100 %."""
    steps = []
    for i in range(len(names) - 1):
        here, there = reached[i], reached[i + 1]
        steps.append(
            Step(
                source=names[i],
                target=names[i + 1],
                reached=here,
                moved_on=there,
                lost_here=here - there,
                still_open=0,
                unplaced=0,
                conversion=100.0 * there / here if here else None,
            )
        )
    return steps
