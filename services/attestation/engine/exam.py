"""Which questions an attempt asks: the exam draw, a topic practice, a round of past mistakes."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping

from services.attestation.engine.content import QuestionBank

PASS_MARK = 0.8  # the share of right answers that passes the exam; every text that states it reads it from here
EXAM_SIZE = 20
MISTAKES_SIZE = 10
TOPIC_DECAY = 10.0


def _weight(seen: float) -> float:
    """Unseen questions weigh most: one showing cuts the chance to a quarter, two to a ninth."""
    return 1.0 / (1.0 + seen) ** 2


def _weighted_sample(rng: random.Random, weights: Mapping[str, float], k: int) -> list[str]:
    """k distinct keys, each drawn with probability proportional to its weight (Efraimidis–Spirakis)."""
    keys = sorted(weights)  # a fixed order so one rng seed always gives one draw
    scored = sorted(keys, key=lambda key: rng.random() ** (1.0 / weights[key]), reverse=True)
    return scored[:k]


def _topic_seen(bank: QuestionBank, topic_id: str, seen_counts: Mapping[str, int]) -> float:
    """How many times the topic has come up at all: a topic asked once already yields to a fresh one."""
    return sum(seen_counts.get(q.id, 0) for q in bank.questions_of(topic_id))


def _topic_weights(bank: QuestionBank, topics: list[str], seen_counts: Mapping[str, int]) -> dict[str, float]:
    """Each showing more than the least-seen topic makes a topic ten times less likely to come up.

    Relative to the minimum, so long histories neither underflow nor flatten the preference.
    """
    seen = {t: _topic_seen(bank, t, seen_counts) for t in topics}
    least = min(seen.values(), default=0)
    return {t: TOPIC_DECAY ** -min(seen[t] - least, 300) for t in topics}


def draw_exam(bank: QuestionBank, seen_counts: Mapping[str, int], n: int = EXAM_SIZE,
              rng: random.Random | None = None) -> list[str]:
    """n distinct question ids for an exam, shuffled.

    Every topic gets a question when n ≥ number of topics; the remaining places, and the topics
    themselves when n is smaller, go preferably to what the user has seen less (`seen_counts`:
    question id → how many times it was shown), so attempts cover the whole curriculum over time.
    """
    rng = rng or random.Random()
    topics = [t.id for t in bank.topics]
    remaining = {t: [q.id for q in bank.questions_of(t)] for t in topics}
    n = min(n, sum(len(ids) for ids in remaining.values()))
    topic_weights = _topic_weights(bank, topics, seen_counts)
    taken: Counter[str] = Counter()
    drawn: list[str] = []

    def take_from(topic_id: str) -> None:
        question_weights = {q: _weight(seen_counts.get(q, 0)) for q in remaining[topic_id]}
        question_id = _weighted_sample(rng, question_weights, 1)[0]
        remaining[topic_id].remove(question_id)
        taken[topic_id] += 1
        drawn.append(question_id)

    for topic_id in _weighted_sample(rng, topic_weights, min(n, len(topics))):
        take_from(topic_id)
    while len(drawn) < n:
        # Spread the extra places: a topic that already gave questions is less likely to give more.
        open_topics = {t: topic_weights[t] / (1 + taken[t]) ** 2 for t in topics if remaining[t]}
        take_from(_weighted_sample(rng, open_topics, 1)[0])
    rng.shuffle(drawn)
    return drawn


def draw_practice(bank: QuestionBank, topic_id: str, rng: random.Random, n: int | None = None) -> list[str]:
    """The questions of one topic in a random order: all of them, or n of them."""
    ids = [q.id for q in bank.questions_of(topic_id)]
    rng.shuffle(ids)
    return ids if n is None else ids[:n]


def draw_mistakes(wrong_ids: Iterable[str], bank: QuestionBank, rng: random.Random,
                  n: int = MISTAKES_SIZE) -> list[str]:
    """Up to n distinct questions the user got wrong before, the most often missed most likely.

    Ids no longer in the bank (removed from the content) are skipped.
    """
    misses = Counter(q for q in wrong_ids if bank.has_question(q))
    return _weighted_sample(rng, {q: float(count) for q, count in misses.items()}, n)


def pass_percent() -> int:
    """The pass mark in whole percent, as the user sees it (80)."""
    return round(PASS_MARK * 100)


def exam_facts() -> dict[str, int]:
    """The exam's facts as the texts state them: the one place they come from ({ $exam_size }, { $pass_mark } %)."""
    return {"exam_size": EXAM_SIZE, "pass_mark": pass_percent()}


def percent_of(correct: int, total: int) -> int:
    """Whole percent, rounded half up (79.5 → 80); 0 for an empty attempt."""
    if total <= 0:
        return 0
    return (200 * correct + total) // (2 * total)


def is_passed(correct: int, total: int, pass_mark: int | None = None) -> bool:
    """Pass on the percent the user sees (rounded half up), so «80 %» never reads as a fail. `pass_mark` (whole
    percent): a team's own exam's mark instead of the standard one."""
    mark = pass_percent() if pass_mark is None else pass_mark
    return total > 0 and percent_of(correct, total) >= mark
