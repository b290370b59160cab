"""What the drill knows about one user's memory of one question: the FSRS card, and how an answer moves it.

Scheduling is the maintained `fsrs` package (py-fsrs), not ours: `Scheduler.review_card` gives the next stability,
difficulty and due date. A drill asks once a day, so the scheduler has no intra-day learning steps (a new card
goes straight to whole-day intervals, and a lapse is rescheduled in days too) and no fuzzing (the same answers
always give the same schedule, which the tests and the owner's view rely on).

The review moment given to FSRS is the drill's slot (the moment it was due), not the second the user tapped:
drills come at the same clock time, so the days between two reviews are whole and equal to the calendar gap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

from services.clock import as_utc

MAX_INTERVAL_DAYS = 365
DESIRED_RETENTION = 0.9
SCHEDULER = Scheduler(desired_retention=DESIRED_RETENTION, learning_steps=(), relearning_steps=(),
                      maximum_interval=MAX_INTERVAL_DAYS, enable_fuzzing=False)

# The rating rule's thresholds: a card is «easy» for this user when FSRS rates its difficulty at most this
# (1–10; a first right answer leaves about 2.1, a lapse pushes it past 7) …
EASY_DIFFICULTY = 3.0
# … and an answer is «fast» within these seconds from the moment the question was shown (one tap; several).
FAST_SECONDS = {"single": 20.0, "multiple": 40.0, "ordering": 40.0, "matching": 45.0, "numeric": 45.0}


@dataclass(frozen=True)
class CardState:
    """The stored FSRS state of one (user, question). Datetimes are UTC."""

    question_id: str
    topic_id: str
    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None
    stability: float
    difficulty: float
    due: datetime
    last_review: datetime
    interval_days: int  # the interval the last review scheduled
    reps: int = 0
    lapses: int = 0

    def to_fsrs(self, card_id: int = 0) -> Card:
        return Card(card_id=card_id, state=State(self.state), step=self.step, stability=self.stability,
                    difficulty=self.difficulty, due=as_utc(self.due), last_review=as_utc(self.last_review))


@dataclass(frozen=True)
class Reviewed:
    """The outcome of one answer: the card after it and the facts the review log keeps."""

    card: CardState
    rating: Rating
    elapsed_days: int | None  # whole days since the previous review; None for the first one


def rating_for(correct: bool, card: CardState | None, seconds: float | None, question_type: str) -> Rating:
    """The FSRS rating an answer earns. The rule:

    - a wrong answer → Again;
    - a right answer → Good;
    - a right answer given fast (within FAST_SECONDS for the question type) on a card that is easy for this user
      (already reviewed, FSRS difficulty ≤ EASY_DIFFICULTY) → Easy.
    Hard is never given: a chat cannot tell a hesitant right answer from a confident one, and a first right
    answer is never Easy (it may have been a lucky guess).
    """
    if not correct:
        return Rating.Again
    easy_card = card is not None and card.reps > 0 and card.difficulty <= EASY_DIFFICULTY
    fast = seconds is not None and 0 <= seconds <= FAST_SECONDS.get(question_type, FAST_SECONDS["single"])
    return Rating.Easy if easy_card and fast else Rating.Good


def review(card: CardState | None, question_id: str, topic_id: str, rating: Rating, at: datetime) -> Reviewed:
    """Review a card (None: a question never asked before) with `rating` at `at` (the drill's slot, UTC)."""
    at = as_utc(at)
    if card is not None and as_utc(card.last_review) > at:
        at = as_utc(card.last_review)  # a late answer to an older drill never moves time backwards
    before = card.to_fsrs() if card is not None else Card(card_id=0, due=at)
    after, _ = SCHEDULER.review_card(before, rating, at)
    elapsed = (at - as_utc(card.last_review)).days if card is not None else None
    assert after.stability is not None and after.difficulty is not None and after.last_review is not None
    interval = max(0, round((after.due - at) / timedelta(days=1)))
    reps = (card.reps if card else 0) + 1
    lapses = (card.lapses if card else 0) + int(rating == Rating.Again and card is not None)
    new = CardState(question_id, topic_id, int(after.state), after.step, float(after.stability),
                    float(after.difficulty), after.due, after.last_review, interval, reps, lapses)
    return Reviewed(new, rating, elapsed)


def retrievability(card: CardState, at: datetime) -> float:
    """FSRS's predicted probability (0–1) that the user recalls this question at `at`."""
    return float(SCHEDULER.get_card_retrievability(card.to_fsrs(), as_utc(at)))


def with_topic(card: CardState, topic_id: str) -> CardState:
    return replace(card, topic_id=topic_id)
