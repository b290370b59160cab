"""Streaks and the weekly note.

A streak is the number of drills done in a row, counting back from the latest. A drill not finished by the next
one (missed) breaks it; the latest drill still being answered does not yet; a day the bot had to skip (it was
down past the day or into the quiet hours, or the user had blocked it) neither counts nor breaks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from services.attestation.drill.engine.status import RunStatus


@dataclass(frozen=True)
class DayFact:
    day: date
    status: str


@dataclass(frozen=True)
class WeekNote:
    correct: int
    total: int
    weakest: str | None  # the topic id with the lowest share of right answers, when any answer was wrong


def streak(days: Iterable[DayFact]) -> int:
    count = 0
    for fact in sorted(days, key=lambda d: d.day, reverse=True):
        if fact.status == RunStatus.DONE:
            count += 1
        elif fact.status == RunStatus.MISSED:
            break
    return count


def week_note(answers: Sequence[tuple[str, bool]]) -> WeekNote | None:
    """The week's tally from (topic_id, correct) of every drill answer; None for a week without answers."""
    if not answers:
        return None
    tally: dict[str, list[int]] = {}
    for topic_id, right in answers:
        counts = tally.setdefault(topic_id, [0, 0])
        counts[0] += int(right)
        counts[1] += 1
    missed = [(c / n, -(n - c), tid) for tid, (c, n) in tally.items() if c < n]
    weakest = min(missed)[2] if missed else None
    return WeekNote(sum(c for c, _ in tally.values()), len(answers), weakest)
