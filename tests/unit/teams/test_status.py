"""A member's status on an assignment, from his attempts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.teams.engine.status import (
    DONE,
    FAILED,
    LATE,
    NEW,
    OVERDUE,
    PROGRESS,
    AssignmentFact,
    AttemptFact,
    OpenExam,
    target_status,
)

GIVEN = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 3, 4, 20, 59, 59, tzinfo=UTC)
EXAM = AssignmentFact(1, 1, "exam", (), DEADLINE, GIVEN, (7,))
TOPICS = AssignmentFact(2, 1, "topics", ("kev", "rfm"), DEADLINE, GIVEN, (7,))


def exam(day: int, percent: int) -> AttemptFact:
    return AttemptFact("exam", None, percent, percent >= 80, datetime(2026, 3, day, 12, 0, tzinfo=UTC))


def practice(topic: str, day: int, percent: int = 70) -> AttemptFact:
    return AttemptFact("practice", topic, percent, False, datetime(2026, 3, day, 12, 0, tzinfo=UTC))


def test_exam_statuses_over_time() -> None:
    before_deadline = datetime(2026, 3, 3, tzinfo=UTC)
    after_deadline = datetime(2026, 3, 6, tzinfo=UTC)
    assert target_status(EXAM, [], before_deadline).code == NEW
    failed = target_status(EXAM, [exam(2, 60), exam(3, 75)], before_deadline)
    assert (failed.code, failed.percent, failed.label) == (FAILED, 75, "❌ не сдано (75 %)")
    done = target_status(EXAM, [exam(2, 60), exam(3, 85), exam(4, 95)], after_deadline)
    assert (done.code, done.percent, done.finished_at) == (DONE, 95, exam(3, 85).finished_at)
    assert done.complete and done.label == "✅ выполнено (95 %)"
    overdue = target_status(EXAM, [exam(2, 60)], after_deadline)
    assert (overdue.code, overdue.percent, overdue.complete) == (OVERDUE, 60, False)
    late = target_status(EXAM, [exam(2, 60), exam(5, 90)], after_deadline)
    assert (late.code, late.percent, late.complete) == (LATE, 90, True)


def test_an_exam_passed_before_the_assignment_does_not_count() -> None:
    old_pass = AttemptFact("exam", None, 100, True, GIVEN - timedelta(days=30))
    assert target_status(EXAM, [old_pass], datetime(2026, 3, 2, tzinfo=UTC)).code == NEW
    assert target_status(EXAM, [old_pass], datetime(2026, 3, 9, tzinfo=UTC)).code == OVERDUE


def test_topics_are_done_when_each_was_practised() -> None:
    now = datetime(2026, 3, 3, tzinfo=UTC)
    half = target_status(TOPICS, [practice("kev", 2, 50), practice("cjm", 2)], now)
    assert (half.code, half.topics_done, half.topics_total, half.pending_topics) == (PROGRESS, 1, 2, ("rfm",))
    assert half.label == "🔄 пройдено тем: 1 из 2, верных ответов 50 %"
    done = target_status(TOPICS, [practice("kev", 2, 50), practice("rfm", 3, 90), practice("kev", 3, 70)], now)
    assert (done.code, done.percent) == (DONE, 80)  # best per topic: 70 and 90
    late = target_status(TOPICS, [practice("kev", 2), practice("rfm", 6)], datetime(2026, 3, 7, tzinfo=UTC))
    assert late.code == LATE
    overdue = target_status(TOPICS, [practice("kev", 2)], datetime(2026, 3, 7, tzinfo=UTC))
    assert (overdue.code, overdue.pending_topics) == (OVERDUE, ("rfm",))


def test_an_exam_being_taken_is_in_progress_until_it_is_passed() -> None:
    now = datetime(2026, 3, 3, tzinfo=UTC)
    taking = target_status(EXAM, [], now, OpenExam(6, 20))
    assert (taking.code, taking.label, taking.complete) == (PROGRESS, "🔄 в процессе: 6 из 20", False)
    assert target_status(EXAM, [exam(2, 90)], now, OpenExam(1, 20)).label == "✅ выполнено (90 %)"
    assert target_status(TOPICS, [], now, OpenExam(6, 20)).code == NEW  # an exam says nothing about topics
