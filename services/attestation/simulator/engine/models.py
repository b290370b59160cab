"""The dialogue simulator's content format, as pydantic models.

`content/simulator.yaml` names the skills, stages and roles once; every `content/scenarios/<id>.yaml` is one
branching dialogue: steps (the client speaks, the learner picks one of 2–4 replies) and endings. Field rules live
here; the rules that need the whole graph (reachability, path length, references) live in validate.py.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

MIN_REPLIES, MAX_REPLIES = 2, 4
MIN_SCORE, MAX_SCORE = 0, 2
TEXT_MAX = 1000  # one text of a scenario; also the most Fluent puts into one placeable of a message

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX)]
# Ids travel in callback data and FSM state: short ASCII only.
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=32)]


class EndingKind(StrEnum):
    """How a dialogue ended, from the seller's side."""

    ADVANCED = "advanced"  # the deal (or the interview) moved on
    POSTPONED = "postponed"  # nothing lost yet, nothing won
    LOST = "lost"  # the client (or the chance) is gone


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Named(_Strict):
    id: Ident
    name: Text


class Setup(_Strict):
    """content/simulator.yaml: the skills replies are scored on, and how the scenario list is grouped."""

    skills: list[Named] = Field(min_length=1)
    stages: list[Named] = Field(min_length=1)
    roles: list[Named] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Setup:
        for kind in ("skills", "stages", "roles"):
            ids = [item.id for item in getattr(self, kind)]
            if len(set(ids)) != len(ids):
                raise ValueError(f"{kind}: ids repeat")
        return self

    def skill_name(self, skill_id: str) -> str:
        return next(s.name for s in self.skills if s.id == skill_id)

    def stage_name(self, stage_id: str) -> str:
        return next(s.name for s in self.stages if s.id == stage_id)

    def role_name(self, role_id: str) -> str:
        return next(r.name for r in self.roles if r.id == role_id)


class Reply(_Strict):
    """One reply the learner can pick: what it scores on which skills, why, and how the client reacts."""

    text: Text
    score: dict[Ident, int] = Field(min_length=1)
    why: Text  # one line: the reason a trainer would give
    reaction: Text  # the client's immediate answer to this reply
    next: Ident  # a step or an ending of the same scenario

    @property
    def total(self) -> int:
        return sum(self.score.values())


class Step(_Strict):
    """A decision point: the client's line and the replies to choose from."""

    scene: Text | None = None  # a stage direction before the line («Прошло три дня…»)
    client: Text
    topic: Ident  # the learning card (content/topics/<topic>.yaml) of the concept practised here
    replies: list[Reply] = Field(min_length=MIN_REPLIES, max_length=MAX_REPLIES)

    @property
    def skills(self) -> tuple[str, ...]:
        """Every skill this step measures, in first-mention order."""
        seen: dict[str, None] = {}
        for reply in self.replies:
            seen.update(dict.fromkeys(reply.score))
        return tuple(seen)

    def best(self) -> int:
        """Index of the reply with the highest total (the validator makes it unique)."""
        totals = [r.total for r in self.replies]
        return totals.index(max(totals))

    def possible(self, skill: str) -> int:
        return max(r.score.get(skill, 0) for r in self.replies)


class Ending(_Strict):
    kind: EndingKind
    title: Text
    text: Text


class Scenario(_Strict):
    id: Ident
    title: Text
    stage: Ident
    role: Ident
    business: Text  # «Оконная компания, Екатеринбург»
    client: Text  # the name shown before the client's lines
    brief: Text  # the situation and the goal, shown before the first step
    topics: list[Ident] = Field(default_factory=list)  # cards for the whole scenario
    start: Ident
    steps: dict[Ident, Step] = Field(min_length=1)
    endings: dict[Ident, Ending] = Field(min_length=2)

    @model_validator(mode="after")
    def _names_apart(self) -> Scenario:
        both = set(self.steps) & set(self.endings)
        if both:
            raise ValueError(f"a step and an ending share the id {sorted(both)[0]!r}")
        return self

    def is_ending(self, node: str) -> bool:
        return node in self.endings
