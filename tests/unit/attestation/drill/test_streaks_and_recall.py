"""Streaks, the weekly note and the team's predicted recall."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fsrs import Rating

from services.attestation.drill.engine.memory import retrievability, review
from services.attestation.drill.engine.recall import team_recall, weakest_topic, whole_percent
from services.attestation.drill.engine.streaks import DayFact, streak, week_note

D = date(2026, 3, 2)


def days(*statuses: str) -> list[DayFact]:
    return [DayFact(D + timedelta(days=n), status) for n, status in enumerate(statuses)]


def test_streak_counts_done_drills_back_from_the_latest() -> None:
    assert streak(days("done", "done", "done")) == 3
    assert streak(days("done", "missed", "done", "done")) == 2
    assert streak(days("done", "done", "open")) == 2  # today's drill is not missed yet
    assert streak(days("done", "skipped", "done")) == 2  # the bot's fault, not his
    assert streak(days("done", "missed")) == 0
    assert streak([]) == 0


def test_week_note_names_the_weakest_topic() -> None:
    note = week_note([("alpha", True), ("beta", False), ("beta", True), ("gamma", False), ("alpha", True)])
    assert note is not None and (note.correct, note.total) == (3, 5)
    assert note.weakest == "gamma"  # 0 of 1 is worse than 1 of 2
    perfect = week_note([("alpha", True)])
    assert perfect is not None and perfect.weakest is None
    assert week_note([]) is None


def test_team_recall_is_the_mean_predicted_recall_per_topic() -> None:
    start = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)
    strong = review(review(None, "a1", "alpha", Rating.Good, start).card, "a1", "alpha", Rating.Good,
                    start + timedelta(days=2)).card
    weak = review(None, "b1", "beta", Rating.Again, start).card
    also_weak = review(None, "b2", "beta", Rating.Good, start).card
    at = start + timedelta(days=5)
    recalls = team_recall([(1, strong), (1, weak), (2, also_weak)], at)
    assert [r.topic_id for r in recalls] == ["alpha", "beta"]
    beta = recalls[1]
    assert (beta.cards, beta.members) == (2, 2)
    assert beta.percent == whole_percent((retrievability(weak, at) + retrievability(also_weak, at)) / 2)
    assert weakest_topic(recalls) == "beta" and weakest_topic([]) is None
    assert whole_percent(0.905) == 91 and whole_percent(0.904) == 90
