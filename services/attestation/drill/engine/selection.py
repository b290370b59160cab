"""Which questions a day's drill asks.

1. Due reviews first: questions whose FSRS due date (in the user's zone) is today or earlier — the most overdue
   first, then the least likely to be recalled.
2. Then new questions (never asked in a drill), from the user's focus topics: his weak topics (under
   WEAK_BELOW right answers in his quizzes, exams and drills; the worst first), then the topics assigned to him;
   one question per topic in turn, so a day covers several topics. Then new questions from the other topics:
   those he has never answered first, in the bank's order, then the rest from the weakest up.
3. Only when there is nothing new left: reviews ahead of time, the soonest due first.
Never a question he was shown yesterday, unless it is due.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from services.attestation.engine.content import QuestionBank

WEAK_BELOW = 0.7


class Reason(StrEnum):
    DUE = "due"
    NEW = "new"
    AHEAD = "ahead"


@dataclass(frozen=True)
class CardFact:
    """What selection needs of a stored card."""

    question_id: str
    topic_id: str
    due_day: date  # the local day it is due
    recall: float  # predicted recall now (0–1)


@dataclass(frozen=True)
class Pick:
    question_id: str
    reason: Reason


@dataclass(frozen=True)
class Candidates:
    today: date
    count: int
    cards: Sequence[CardFact] = ()
    seen_yesterday: frozenset[str] = frozenset()
    topic_accuracy: Mapping[str, float] = field(default_factory=dict)  # share of right answers, 0–1
    assigned: Sequence[str] = ()  # topic ids of the user's open assignments


def focus_topics(bank: QuestionBank, accuracy: Mapping[str, float], assigned: Sequence[str]) -> list[str]:
    """Weak topics (worst first), then assigned ones — the topics new questions come from first."""
    order = {topic.id: i for i, topic in enumerate(bank.topics)}
    weak = sorted((tid for tid, share in accuracy.items() if share < WEAK_BELOW and bank.has_topic(tid)),
                  key=lambda tid: (accuracy[tid], order[tid]))
    focus = list(weak)
    for topic_id in assigned:
        if bank.has_topic(topic_id) and topic_id not in focus:
            focus.append(topic_id)
    return focus


def other_topics(bank: QuestionBank, accuracy: Mapping[str, float], focus: Sequence[str]) -> list[str]:
    unknown = [topic.id for topic in bank.topics if topic.id not in accuracy and topic.id not in focus]
    known = sorted((topic.id for topic in bank.topics if topic.id in accuracy and topic.id not in focus),
                   key=lambda tid: accuracy[tid])
    return unknown + known


def _round_robin(pools: Iterable[list[str]], limit: int) -> list[str]:
    queues = [list(pool) for pool in pools if pool]
    picked: list[str] = []
    while queues and len(picked) < limit:
        for queue in list(queues):
            if len(picked) >= limit:
                break
            picked.append(queue.pop(0))
            if not queue:
                queues.remove(queue)
    return picked


def choose(bank: QuestionBank, candidates: Candidates, rng: random.Random) -> list[Pick]:
    """Up to `count` questions for the day, in the order they are asked."""
    today, limit = candidates.today, candidates.count
    cards = [c for c in candidates.cards if bank.has_question(c.question_id)]
    due = sorted((c for c in cards if c.due_day <= today), key=lambda c: (c.due_day, c.recall, c.question_id))
    picks = [Pick(c.question_id, Reason.DUE) for c in due[:limit]]
    if len(picks) >= limit:
        return picks
    asked = {c.question_id for c in cards}
    blocked = asked | candidates.seen_yesterday

    def new_of(topic_id: str) -> list[str]:
        fresh = [q.id for q in bank.questions_of(topic_id) if q.id not in blocked]
        rng.shuffle(fresh)
        return fresh

    focus = focus_topics(bank, candidates.topic_accuracy, candidates.assigned)
    rest = other_topics(bank, candidates.topic_accuracy, focus)
    for group in (focus, rest):
        wanted = limit - len(picks)
        if wanted <= 0:
            break
        picks += [Pick(qid, Reason.NEW) for qid in _round_robin((new_of(tid) for tid in group), wanted)]
    if len(picks) < limit:
        chosen = {p.question_id for p in picks}
        ahead = sorted((c for c in cards if c.due_day > today and c.question_id not in chosen
                        and c.question_id not in candidates.seen_yesterday),
                       key=lambda c: (c.due_day, c.recall, c.question_id))
        picks += [Pick(c.question_id, Reason.AHEAD) for c in ahead[: limit - len(picks)]]
    return picks
