"""Playing a scenario: the state, one step, the option order, the final result.

The state is plain data (scenario id, current node, seed, the choices so far) and round-trips through JSON, so it
can live in the FSM storage between taps. Choices are stored as the reply's index in the content, not as the number
on the button: the buttons' order is a shuffle of the content order, fixed by the seed, so «Пройти ещё раз» (a new
seed) reorders the options while a replayed choice sequence always scores the same.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from services.attestation.simulator.engine.models import Ending, EndingKind, Reply, Scenario, Step

WORST_MOMENTS = 3


class StateError(ValueError):
    """A stored state does not fit the scenario (content changed, a forged or stale button)."""


@dataclass(frozen=True)
class State:
    scenario: str
    node: str
    seed: int
    path: tuple[tuple[str, int], ...] = ()  # (step id, index of the reply in the content)

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "node": self.node, "seed": self.seed,
                "path": [[step, choice] for step, choice in self.path]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> State:
        try:
            path = tuple((str(step), int(choice)) for step, choice in data["path"])
            return cls(str(data["scenario"]), str(data["node"]), int(data["seed"]), path)
        except (KeyError, TypeError, ValueError) as exc:
            raise StateError(f"not a simulator state: {data!r}") from exc

    @classmethod
    def from_json(cls, text: str) -> State:
        return cls.from_dict(json.loads(text))

    @property
    def decisions(self) -> int:
        return len(self.path)


def start(scenario: Scenario, seed: int) -> State:
    return State(scenario.id, scenario.start, seed)


def replay(scenario: Scenario, state: State, seed: int | None = None) -> State:
    """«Пройти ещё раз»: the same scenario from the start, the options in another order: the first seed after
    the old one that shows the first step's replies in another order (a shuffle alone may repeat the old one)."""
    if seed is not None:
        return start(scenario, seed)
    count = len(scenario.steps[scenario.start].replies)
    before = order(start(scenario, state.seed), scenario.start, count)
    candidate = state.seed + 1
    while order(start(scenario, candidate), scenario.start, count) == before:
        candidate += 1
    return start(scenario, candidate)


def is_over(scenario: Scenario, state: State) -> bool:
    return scenario.is_ending(state.node)


def current_step(scenario: Scenario, state: State) -> Step:
    _check(scenario, state)
    if scenario.is_ending(state.node):
        raise StateError(f"{scenario.id}: the dialogue is over at {state.node!r}")
    return scenario.steps[state.node]


def order(state: State, step_id: str, count: int) -> list[int]:
    """Content indices of a step's replies in the order they are shown (the same for the same seed)."""
    indices = list(range(count))
    random.Random(f"{state.scenario}:{step_id}:{state.seed}").shuffle(indices)
    return indices


def shown_replies(scenario: Scenario, state: State) -> list[Reply]:
    """The current step's replies in display order (button 1 is the first)."""
    step = current_step(scenario, state)
    return [step.replies[k] for k in order(state, state.node, len(step.replies))]


@dataclass(frozen=True)
class Turn:
    """One exchange of the dialogue so far."""

    step_id: str
    step: Step
    reply: Reply
    best: bool


@dataclass(frozen=True)
class StepOutcome:
    state: State
    turn: Turn
    ending: Ending | None  # set when this reply ended the dialogue


def step(scenario: Scenario, state: State, shown_index: int) -> StepOutcome:
    """Pick the reply shown at position `shown_index` (0-based) and move to the next node."""
    current = current_step(scenario, state)
    shown = order(state, state.node, len(current.replies))
    if not 0 <= shown_index < len(shown):
        raise StateError(f"{scenario.id}/{state.node}: no reply number {shown_index + 1}")
    choice = shown[shown_index]
    reply = current.replies[choice]
    new_state = State(state.scenario, reply.next, state.seed, (*state.path, (state.node, choice)))
    turn = Turn(state.node, current, reply, choice == current.best())
    return StepOutcome(new_state, turn, scenario.endings.get(reply.next))


def transcript(scenario: Scenario, state: State) -> list[Turn]:
    _check(scenario, state)
    turns = []
    for step_id, choice in state.path:
        current = scenario.steps[step_id]
        turns.append(Turn(step_id, current, current.replies[choice], choice == current.best()))
    return turns


def _check(scenario: Scenario, state: State) -> None:
    """The state must be a walk through this scenario's graph: every choice exists and leads to the next."""
    if state.scenario != scenario.id:
        raise StateError(f"state of {state.scenario!r} given to {scenario.id!r}")
    node = scenario.start
    for step_id, choice in state.path:
        current = scenario.steps.get(step_id)
        if step_id != node or current is None or not 0 <= choice < len(current.replies):
            raise StateError(f"{scenario.id}: the path no longer fits the scenario at {step_id!r}")
        node = current.replies[choice].next
    if node != state.node:
        raise StateError(f"{scenario.id}: the path ends at {node!r}, the state says {state.node!r}")


# ---- the result ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SkillScore:
    skill: str
    earned: int
    possible: int


@dataclass(frozen=True)
class Moment:
    """A decision where a better reply was there: what the learner said, what would have been better, and why."""

    step_id: str
    client: str
    chosen: Reply
    better: Reply
    lost: int  # points below the best reply
    topic: str


@dataclass(frozen=True)
class Result:
    scenario: str
    ending_id: str
    ending: Ending
    skills: tuple[SkillScore, ...]
    earned: int
    possible: int
    decisions: int
    moments: tuple[Moment, ...]  # the worst, at most WORST_MOMENTS, worst first
    topics: tuple[str, ...] = field(default=())  # cards to open: the worst moments' first, then the scenario's

    @property
    def kind(self) -> EndingKind:
        return self.ending.kind

    @property
    def percent(self) -> int:
        return round(100 * self.earned / self.possible) if self.possible else 0


def result(scenario: Scenario, state: State) -> Result:
    """The end screen's figures: score per skill, total, the worst moments and the cards to read."""
    if not is_over(scenario, state):
        raise StateError(f"{scenario.id}: the dialogue is not over yet ({state.node!r})")
    turns = transcript(scenario, state)
    earned: dict[str, int] = {}
    possible: dict[str, int] = {}
    moments = []
    for position, turn in enumerate(turns):
        for skill in turn.step.skills:
            earned[skill] = earned.get(skill, 0) + turn.reply.score.get(skill, 0)
            possible[skill] = possible.get(skill, 0) + turn.step.possible(skill)
        better = turn.step.replies[turn.step.best()]
        lost = better.total - turn.reply.total
        if lost > 0:
            moments.append((lost, -position, Moment(turn.step_id, turn.step.client, turn.reply, better, lost,
                                                    turn.step.topic)))
    moments.sort(key=lambda item: (item[0], item[1]), reverse=True)
    worst = tuple(m for _, _, m in moments[:WORST_MOMENTS])
    topics = tuple(dict.fromkeys([*(m.topic for m in worst), *scenario.topics]))
    skills = tuple(SkillScore(skill, earned[skill], possible[skill]) for skill in possible)
    return Result(scenario.id, state.node, scenario.endings[state.node], skills, sum(earned.values()),
                  sum(possible.values()), len(turns), worst, topics)
