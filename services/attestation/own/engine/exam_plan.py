"""A team's exam: what it draws from (the built-in programme and own topics, by weight or by count), its size,
its pass mark and its name. Without settings a team's members take the standard exam, exactly as before.

By weight: the exam's `size` places are shared in proportion to the weights (largest remainders), no source giving
more than it has; what a small source cannot give goes to the others. By count: each source gives that many
questions (as many as it has), and the exam is as long as they add up to. The built-in programme is one source,
drawn the standard way (every topic covered over time); an own topic gives its least-seen questions first.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import EXAM_SIZE, draw_exam, pass_percent

BUILTIN = "builtin"  # the source key of the built-in programme
WEIGHT, COUNT = "weight", "count"
SIZES = (10, 15, 20, 25, 30, 40)
PASS_MARKS = (60, 70, 75, 80, 85, 90, 100)
WEIGHTS = (0, 1, 2, 3, 5)
COUNTS = (0, 1, 2, 3, 5, 10)
TITLE_MAX = 80


@dataclass(frozen=True)
class ExamSettings:
    title: str = ""
    size: int = EXAM_SIZE
    pass_mark: int = field(default_factory=pass_percent)
    mode: str = WEIGHT
    sources: dict[str, int] = field(default_factory=lambda: {BUILTIN: 1})

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "size": self.size, "pass_mark": self.pass_mark, "mode": self.mode,
                "sources": dict(self.sources)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ExamSettings | None:
        if not data:
            return None
        sources = {str(key): int(value) for key, value in (data.get("sources") or {}).items() if int(value) > 0}
        return cls(str(data.get("title") or ""), int(data.get("size") or EXAM_SIZE),
                   int(data.get("pass_mark") or pass_percent()), str(data.get("mode") or WEIGHT), sources)

    def value(self, source: str) -> int:
        return self.sources.get(source, 0)

    def with_value(self, source: str, value: int) -> ExamSettings:
        sources = {key: v for key, v in self.sources.items() if key != source}
        if value > 0:
            sources[source] = value
        return ExamSettings(self.title, self.size, self.pass_mark, self.mode, sources)


def next_in(choices: tuple[int, ...], current: int) -> int:
    """The next value of a cycle of choices (the first after the last, or after a value not in the cycle)."""
    later = [c for c in choices if c > current]
    return later[0] if later else choices[0]


def allocate(settings: ExamSettings, available: Mapping[str, int]) -> dict[str, int]:
    """How many questions each source gives (sources with nothing to give or a zero value are left out)."""
    wanted = {key: value for key, value in settings.sources.items() if value > 0 and available.get(key, 0) > 0}
    if settings.mode == COUNT:
        return {key: min(value, available[key]) for key, value in wanted.items()}
    places = min(settings.size, sum(available[key] for key in wanted))
    given = {key: 0 for key in wanted}
    open_keys = set(wanted)
    while places > 0 and open_keys:
        total = sum(wanted[key] for key in open_keys)
        shares = {key: places * wanted[key] / total for key in open_keys}
        whole = {key: min(math.floor(shares[key]), available[key] - given[key]) for key in open_keys}
        left = places - sum(whole.values())
        for key in sorted(open_keys, key=lambda k: (-(shares[k] - math.floor(shares[k])), k)):
            if left <= 0:
                break
            if given[key] + whole[key] < available[key]:
                whole[key] += 1
                left -= 1
        for key, count in whole.items():
            given[key] += count
        places = left
        open_keys = {key for key in open_keys if given[key] < available[key]}
        if sum(whole.values()) == 0:
            break
    return {key: count for key, count in given.items() if count}


def _least_seen(rng: random.Random, ids: list[str], seen: Mapping[str, int], k: int) -> list[str]:
    """k of `ids`, unseen ones most likely (weight 1 / (1 + times seen)², as the standard exam weighs)."""
    keyed = sorted(sorted(ids), key=lambda q: rng.random() ** ((1.0 + seen.get(q, 0)) ** 2), reverse=True)
    return keyed[:k]


def draw_team_exam(settings: ExamSettings, builtin: QuestionBank, bank: QuestionBank, seen: Mapping[str, int],
                   rng: random.Random) -> list[str]:
    """The question ids of one exam by the team's settings, shuffled ([] when its sources have nothing)."""
    available = {BUILTIN: len(builtin.question_ids)}
    for key in settings.sources:
        if key != BUILTIN and bank.has_topic(key):
            available[key] = len(bank.questions_of(key))
    drawn: list[str] = []
    for key, count in sorted(allocate(settings, available).items()):
        if key == BUILTIN:
            drawn.extend(draw_exam(builtin, seen, n=count, rng=rng))
        else:
            drawn.extend(_least_seen(rng, [q.id for q in bank.questions_of(key)], seen, count))
    rng.shuffle(drawn)
    return drawn
