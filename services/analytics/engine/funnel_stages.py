"""Stage order of a funnel: a known pipeline recognised by its stage names, or a proposed order to confirm.

Won and lost stages are told apart by name (the words are in `content/funnels.yaml`, `reading:`); lost
stages are outcomes, not steps of the funnel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .content import Pipeline, funnel_book, stage_key
from .funnel_content import funnel_reading, lost_pattern, won_pattern


@dataclass(frozen=True)
class StageOrder:
    stages: list[str]  # the funnel's steps in order, as the file spells them; the last one is "won"
    lost: list[str]  # outcome values that mean the deal was lost
    pipeline: Pipeline | None  # the known pipeline recognised, if any


def is_lost_name(value: str) -> bool:
    return bool(lost_pattern().search(value))


def is_won_name(value: str) -> bool:
    return bool(won_pattern().search(value)) and not is_lost_name(value)


def step_keys(order: StageOrder) -> dict[str, int]:
    """Compared spelling (`stage_key`) -> step index, with the known pipeline's other spellings of each step:
    a loss-stage column may say «Переговоры» where the stage column says `C1:NEGOTIATION`."""
    keys: dict[str, int] = {}
    for i, name in enumerate(order.stages):
        keys.setdefault(stage_key(name), i)
        if order.pipeline is not None:
            at = order.pipeline.index_of(name)
            if at is not None:
                stage = order.pipeline.stages[at]
                for spelling in (stage.name, *stage.aliases):
                    keys.setdefault(stage_key(spelling), i)
    return keys


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
    for hint in funnel_reading().stage_hints:
        if re.search(hint.pattern, value, re.IGNORECASE):
            return hint.place
    return 4.5  # unknown words sit mid-funnel, keeping the file's order among themselves


def from_user(order: list[str], values: list[str]) -> StageOrder:
    """The user's order (typed or confirmed): lost-sounding names move out of the steps."""
    by_key = {stage_key(v): v for v in values}
    steps = [by_key.get(stage_key(s), s.strip()) for s in order if s.strip()]
    lost = [v for v in values if is_lost_name(v)]  # an outcome, even where the user's order lists it
    steps = [s for s in steps if not is_lost_name(s)]
    known = recognise(values)
    return StageOrder(stages=steps, lost=lost, pipeline=known.pipeline if known else None)
