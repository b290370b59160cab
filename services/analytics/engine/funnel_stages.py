"""Stage order of a funnel: a known pipeline recognised by its stage names, or a proposed order to confirm.

Won and lost stages are told apart by name; lost stages are outcomes, not steps of the funnel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .content import Pipeline, funnel_book, stage_key

_LOST = re.compile(
    r"не\s*реализ|неуспе|проигр|провал|отказ|потерян|закрыт[оа]?\s+и\s+не|\blost\b|\blose\b|apology|"
    r"junk|спам|некачествен",
    re.IGNORECASE,
)
_WON = re.compile(r"успе|\bwon\b|\bwin\b|оплачен|реализовано|сделка\s+заключена|закрыт[оа]?\s+успеш", re.IGNORECASE)
# Where a stage usually sits in a Russian sales funnel, by the words in its name.
_HINTS: tuple[tuple[str, float], ...] = (
    (r"неразобр|нов|заявк|лид|входящ|prospect|new", 0),
    (r"контакт|квалиф|engag|contact|qualif", 1),
    (r"потребн|встреч|бриф|need|meeting", 2),
    (r"презент|демо|demo|present", 3),
    (r"\bкп\b|предложен|proposal|offer", 4),
    (r"переговор|negotiat", 5),
    (r"решени|decision", 6),
    (r"договор|контракт|согласов|contract", 7),
    (r"сч[её]т|оплат|invoice|payment", 8),
)


@dataclass(frozen=True)
class StageOrder:
    stages: list[str]  # the funnel's steps in order, as the file spells them; the last one is "won"
    lost: list[str]  # outcome values that mean the deal was lost
    pipeline: Pipeline | None  # the known pipeline recognised, if any


def is_lost_name(value: str) -> bool:
    return bool(_LOST.search(value))


def is_won_name(value: str) -> bool:
    return bool(_WON.search(value)) and not is_lost_name(value)


def recognise(values: list[str]) -> StageOrder | None:
    """A known pipeline whose stages (or aliases) cover every distinct stage value in the file."""
    for pipeline in funnel_book().pipelines:
        steps: dict[int, str] = {}
        lost: list[str] = []
        for value in values:
            index = pipeline.index_of(value)
            if index is not None:
                steps.setdefault(index, value)
            elif pipeline.is_lost(value):
                lost.append(value)
            else:
                break
        else:
            if len(steps) >= 2 or (steps and lost):
                return StageOrder(stages=_pipeline_steps(pipeline, steps), lost=lost, pipeline=pipeline)
    return None


def _pipeline_steps(pipeline: Pipeline, present: dict[int, str]) -> list[str]:
    last = len(pipeline.stages) - 1
    if pipeline.fixed:
        indexes = range(min(present), last + 1)
    else:
        indexes = sorted({*present, last})  # the won step belongs to the funnel even if nobody won yet
    return [present.get(i, pipeline.stages[i].name) for i in indexes]


def propose(values: list[str], first_seen: dict[str, float] | None = None) -> StageOrder:
    """An order for unknown stage names: by the usual place of their words, won last, lost apart.

    `first_seen` (stage -> typical position in time, from stage events) beats the word hints.
    """
    known = recognise(values)
    if known:
        return known
    lost = [v for v in values if is_lost_name(v)]
    won = [v for v in values if is_won_name(v)]
    steps = [v for v in values if v not in lost and v not in won]
    appearance = {v: i for i, v in enumerate(values)}
    if first_seen:
        steps.sort(key=lambda v: (first_seen.get(v, float("inf")), appearance[v]))
    else:
        steps.sort(key=lambda v: (_hint(v), appearance[v]))
    return StageOrder(stages=steps + won[:1], lost=lost + won[1:], pipeline=None)


def _hint(value: str) -> float:
    for pattern, place in _HINTS:
        if re.search(pattern, value, re.IGNORECASE):
            return place
    return 4.5  # unknown words sit mid-funnel, keeping the file's order among themselves


def from_user(order: list[str], values: list[str]) -> StageOrder:
    """The user's order (typed or confirmed): lost-sounding names move out of the steps."""
    by_key = {stage_key(v): v for v in values}
    steps = [by_key.get(stage_key(s), s.strip()) for s in order if s.strip()]
    lost = [v for v in values if is_lost_name(v) and v not in steps]
    steps = [s for s in steps if not is_lost_name(s)]
    known = recognise(values)
    return StageOrder(stages=steps, lost=lost, pipeline=known.pipeline if known else None)
