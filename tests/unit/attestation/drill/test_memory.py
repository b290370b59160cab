"""The FSRS side of the drill: the rating rule, and how answers move the stored schedule."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from fsrs import Rating

from services.attestation.drill.engine.memory import (
    EASY_DIFFICULTY,
    FAST_SECONDS,
    CardState,
    rating_for,
    retrievability,
    review,
)

START = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)  # a Monday, 09:30 in Moscow


def answer_at_due(card: CardState | None, right: bool, at: datetime = START) -> CardState:
    """Answer at the card's due moment (the drill that day), slow enough never to be Easy."""
    when = card.due if card is not None else at
    return review(card, "q1", "alpha", rating_for(right, card, None, "single"), when).card


def test_rating_rule() -> None:
    assert rating_for(False, None, 3, "single") == Rating.Again
    assert rating_for(True, None, 3, "single") == Rating.Good  # a first right answer may be a lucky guess
    easy = answer_at_due(None, True)
    assert easy.difficulty <= EASY_DIFFICULTY
    assert rating_for(True, easy, FAST_SECONDS["single"], "single") == Rating.Easy
    assert rating_for(True, easy, FAST_SECONDS["single"] + 1, "single") == Rating.Good  # slow
    assert rating_for(True, easy, None, "single") == Rating.Good  # unknown time
    assert rating_for(True, easy, FAST_SECONDS["matching"], "matching") == Rating.Easy  # several taps: more time
    hard = answer_at_due(easy, False)
    assert hard.difficulty > EASY_DIFFICULTY
    assert rating_for(True, hard, 1, "single") == Rating.Good  # fast, but not an easy card
    assert rating_for(False, easy, 1, "single") == Rating.Again


def test_intervals_grow_on_right_answers_and_shrink_on_wrong_ones() -> None:
    card = answer_at_due(None, True)
    assert (card.interval_days, card.reps, card.lapses) == (2, 1, 0)
    assert card.due == START + timedelta(days=2)
    history = [card]
    for _ in range(2):
        history.append(answer_at_due(history[-1], True))
    assert [c.interval_days for c in history] == sorted(c.interval_days for c in history)
    assert history[-1].interval_days > history[0].interval_days * 4  # 2 → 11 → 46 with the default weights
    lapsed = answer_at_due(history[-1], False)
    assert lapsed.interval_days < history[-1].interval_days and lapsed.stability < history[-1].stability
    assert (lapsed.lapses, lapsed.reps) == (1, 4)
    again = answer_at_due(lapsed, True)
    assert again.interval_days > lapsed.interval_days


def test_first_wrong_answer_comes_back_the_next_day_and_elapsed_days_are_whole() -> None:
    first = review(None, "q1", "alpha", Rating.Again, START)
    assert first.elapsed_days is None and first.card.interval_days == 1
    assert first.card.due == START + timedelta(days=1)
    second = review(first.card, "q1", "alpha", Rating.Good, START + timedelta(days=1))
    assert second.elapsed_days == 1


def test_late_answer_to_an_old_drill_never_moves_time_backwards() -> None:
    card = answer_at_due(None, True)
    older = review(card, "q1", "alpha", Rating.Good, START - timedelta(days=1))
    assert older.card.last_review >= card.last_review


def test_recall_falls_with_time_and_rises_with_stability() -> None:
    card = answer_at_due(None, True)
    at_due = retrievability(card, card.due)
    assert 0.85 < at_due < 0.95  # FSRS aims at 90 % recall when a card is due
    assert retrievability(card, card.due + timedelta(days=10)) < at_due
    stronger = replace(card, stability=card.stability * 5)
    assert retrievability(stronger, card.due) > at_due
