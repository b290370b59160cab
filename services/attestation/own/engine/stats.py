"""Question statistics, as Moodle's quiz statistics report computes them, over the answers a team gave.

- Facility: the share of right answers.
- Discrimination: the point-biserial correlation between a question's score (1 right, 0 wrong) and the score on
  the rest of the same attempt (the share of right answers to its other questions) — Moodle's discrimination
  index. Near +1: those who know the rest answer it right and the others do not; near 0: it tells nothing; below
  0: the strong get it wrong more often than the weak, which usually means a wrong key. Needs MIN_PAIRS answers in
  attempts of two questions or more.
- Option shares: of the answers to a choice question, the share that picked each option.
Flags turn these into something to do. A question is one version: an edited question starts afresh.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

MIN_ANSWERS = 5  # facility flags need this many answers
MIN_PAIRS = 8  # discrimination needs this many answers in attempts of two questions or more
MIN_UNUSED = 10  # «nobody picks this option» needs this many answers
EASY, HARD = 0.9, 0.2
WEAK = 0.2

NEGATIVE, TRAP, TOO_HARD, TOO_EASY, WEAK_DISC, UNUSED = "negative", "trap", "hard", "easy", "weak", "unused"
FLAG_ORDER = (NEGATIVE, TRAP, TOO_HARD, TOO_EASY, WEAK_DISC, UNUSED)  # most urgent first


@dataclass(frozen=True)
class AnswerRow:
    """One answered question of a finished attempt."""

    attempt_id: int
    question_id: str
    topic_id: str
    instance: dict[str, Any]  # the QuestionInstance as shown
    response: dict[str, Any] | None
    correct: bool


@dataclass(frozen=True)
class OptionStat:
    text: str
    correct: bool
    picks: int
    share: float  # of the question's answers


@dataclass(frozen=True)
class QuestionStat:
    question_id: str
    topic_id: str
    type: str
    text: str  # as last shown
    answers: int
    right: int
    discrimination: float | None
    options: tuple[OptionStat, ...]  # choice questions, in the written order of the options
    flags: tuple[str, ...]  # FLAG_ORDER codes
    trap: str = ""  # the wrong option picked more often than the right one (TRAP)
    unused: tuple[str, ...] = ()  # wrong options nobody picked (UNUSED)

    @property
    def facility(self) -> float:
        return self.right / self.answers if self.answers else 0.0

    @property
    def urgency(self) -> tuple[int, int]:
        first = min((FLAG_ORDER.index(f) for f in self.flags), default=len(FLAG_ORDER))
        return first, -self.answers


def pearson(pairs: Sequence[tuple[float, float]]) -> float | None:
    """The correlation of the pairs; None when either side does not vary."""
    n = len(pairs)
    if n < 2:
        return None
    mean_x = sum(x for x, _ in pairs) / n
    mean_y = sum(y for _, y in pairs) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in pairs)
    syy = sum((y - mean_y) ** 2 for _, y in pairs)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    return sxy / math.sqrt(sxx * syy)


def _picked(instance: dict[str, Any], response: dict[str, Any] | None) -> list[int]:
    """The options picked, as indices in the written order."""
    value = (response or {}).get("value")
    order = list(instance.get("order") or ())
    shown = [value] if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(shown, list):
        return []
    return sorted({order[k] for k in shown if isinstance(k, int) and 0 <= k < len(order)})


def _options(instance: dict[str, Any], rows: Sequence[AnswerRow]) -> tuple[OptionStat, ...]:
    if instance.get("type") not in ("single", "multiple"):
        return ()
    order = list(instance.get("order") or ())
    choices = list(instance.get("choices") or ())
    texts = {original: choices[k] for k, original in enumerate(order) if k < len(choices)}
    right = {order[k] for k in instance.get("correct") or () if k < len(order)}
    picks: dict[int, int] = defaultdict(int)
    for row in rows:
        for original in _picked(row.instance, row.response):
            picks[original] += 1
    total = len(rows)
    return tuple(OptionStat(texts[i], i in right, picks[i], picks[i] / total if total else 0.0)
                 for i in sorted(texts))


def _flags(stat: QuestionStat, pairs: int) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    flags = []
    if stat.discrimination is not None and pairs >= MIN_PAIRS:
        if stat.discrimination < 0:
            flags.append(NEGATIVE)
        elif stat.discrimination < WEAK:
            flags.append(WEAK_DISC)
    trap = ""
    if stat.type == "single" and stat.answers >= MIN_ANSWERS and stat.options:
        right = max((o.picks for o in stat.options if o.correct), default=0)
        wrong = max((o for o in stat.options if not o.correct), key=lambda o: o.picks, default=None)
        if wrong is not None and wrong.picks > right:
            flags.append(TRAP)
            trap = wrong.text
    if stat.answers >= MIN_ANSWERS and stat.facility < HARD:
        flags.append(TOO_HARD)
    if stat.answers >= MIN_ANSWERS and stat.facility >= EASY:
        flags.append(TOO_EASY)
    unused: tuple[str, ...] = ()
    if stat.answers >= MIN_UNUSED:
        unused = tuple(o.text for o in stat.options if not o.correct and o.picks == 0)
        if unused:
            flags.append(UNUSED)
    return tuple(sorted(flags, key=FLAG_ORDER.index)), trap, unused


def question_stats(rows: Iterable[AnswerRow]) -> list[QuestionStat]:
    """Per question (version), from the answers of finished attempts; the most urgent problems first."""
    rows = list(rows)
    per_attempt: dict[int, list[AnswerRow]] = defaultdict(list)
    per_question: dict[str, list[AnswerRow]] = defaultdict(list)
    for row in rows:
        per_attempt[row.attempt_id].append(row)
        per_question[row.question_id].append(row)
    rest: dict[tuple[int, str], float] = {}
    for attempt_id, answers in per_attempt.items():
        if len(answers) < 2:
            continue
        right = sum(a.correct for a in answers)
        for a in answers:
            rest[(attempt_id, a.question_id)] = (right - a.correct) / (len(answers) - 1)
    found = []
    for question_id, answers in per_question.items():
        latest = answers[-1].instance
        pairs = [(float(a.correct), rest[(a.attempt_id, question_id)]) for a in answers
                 if (a.attempt_id, question_id) in rest]
        stat = QuestionStat(question_id, answers[-1].topic_id, str(latest.get("type", "")),
                            str(latest.get("text", "")), len(answers), sum(a.correct for a in answers),
                            pearson(pairs), _options(latest, answers), ())
        flags, trap, unused = _flags(stat, len(pairs))
        found.append(QuestionStat(stat.question_id, stat.topic_id, stat.type, stat.text, stat.answers, stat.right,
                                  stat.discrimination, stat.options, flags, trap, unused))
    return sorted(found, key=lambda s: (s.urgency, s.question_id))
