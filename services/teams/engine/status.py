"""Where a member stands on an assignment, computed from his finished attempts (the single source of truth).

Only attempts finished after the assignment was given count: an owner who assigns the exam wants it passed
now, not remembered from last year. The exam is done once passed; topics are done once each was practised.
An exam the member is taking right now (`OpenExam`) is shown as «в процессе: 6 из 20»; it counts once finished.
Dialogue simulator scenarios are done once each was played to an end (a finished run, db.models.simulator).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from db.models import Attempt
from db.models.simulator import FINISHED as RUN_FINISHED
from db.models.simulator import SimRun
from services.clock import as_utc
from services.texts import t

DONE, LATE, FAILED, PROGRESS, NEW, OVERDUE = "done", "late", "failed", "progress", "new", "overdue"
SCENARIO = "scenario"  # an assignment of simulator scenarios (their ids in `topics`), and a finished run's fact
CLOSED = ("finished", "abandoned")  # attempt statuses that are over; any other (active, paused) is still open
HEADLINE_KEYS = {DONE: "team-status-done", LATE: "team-status-late", FAILED: "team-status-failed",
                 OVERDUE: "team-status-overdue", NEW: "team-status-new"}


@dataclass(frozen=True)
class AttemptFact:
    kind: str  # practice | exam | mistakes | scenario (a finished simulator run: topic_id is the scenario id)
    topic_id: str | None
    percent: int
    passed: bool
    finished_at: datetime  # UTC


@dataclass(frozen=True)
class OpenExam:
    """A member's exam attempt that is still open: the question he is at (from 1, as his screen counts) of `total`."""

    position: int
    total: int

    @property
    def text(self) -> str:
        """«в процессе: 6 из 20»."""
        return t("team-exam-progress", position=str(self.position), total=str(self.total))


@dataclass(frozen=True)
class AssignmentFact:
    id: int
    team_id: int
    kind: str  # exam | topics | scenario
    topics: tuple[str, ...]  # topic ids, or scenario ids for a scenario assignment
    deadline: datetime  # UTC
    created_at: datetime  # UTC
    user_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class TargetStatus:
    code: str  # done | late | failed | progress | new | overdue
    percent: int | None  # exam: best score that counts; topics: average of the best practice per topic
    finished_at: datetime | None  # when it became done
    topics_done: int = 0
    topics_total: int = 0
    pending_topics: tuple[str, ...] = ()  # topics still to practise, in the assignment's order
    open_exam: OpenExam | None = None  # an exam assignment not done yet while the member is taking the exam
    kind: str = ""  # the assignment's kind: scenarios count and score differently from topics in the label

    @property
    def complete(self) -> bool:
        return self.code in (DONE, LATE)

    @property
    def label(self) -> str:
        """«✅ выполнено (95 %)» for the exam, «✅ выполнено, верных ответов 80 %» for topics."""
        if self.percent is None:
            return self.headline
        if self.topics_total and self.kind == SCENARIO:
            return t("team-status-with-sim-score", headline=self.headline, percent=str(self.percent))
        if self.topics_total:
            return t("team-status-with-score", headline=self.headline, percent=str(self.percent))
        if self.open_exam is not None:  # «(60 %)» beside «6 из 20» would read as this attempt's score
            return t("team-status-best-so-far", headline=self.headline, percent=str(self.percent))
        return f"{self.headline} ({self.percent} %)"

    @property
    def headline(self) -> str:
        """The status without the percent: «✅ выполнено»."""
        if self.open_exam is not None and self.code == PROGRESS:
            return t("team-status-exam-progress", progress=self.open_exam.text)
        if self.open_exam is not None and self.code == OVERDUE:
            return t("team-status-overdue-progress", progress=self.open_exam.text)
        if self.code == PROGRESS and self.kind == SCENARIO:
            return t("team-status-progress-sim", done=str(self.topics_done), total=str(self.topics_total))
        if self.code == PROGRESS:
            return t("team-status-progress", done=str(self.topics_done), total=str(self.topics_total))
        return t(HEADLINE_KEYS.get(self.code, "team-status-new"))


def attempt_facts(rows: Iterable[Attempt]) -> list[AttemptFact]:
    """Facts from finished attempts; unfinished ones are left out."""
    return [AttemptFact(row.kind, row.topic_id, int(row.percent or 0), bool(row.passed), as_utc(row.finished_at))
            for row in rows if row.finished_at is not None and row.status == "finished"]


def sim_facts(rows: Iterable[SimRun]) -> list[AttemptFact]:
    """Facts from finished simulator runs: the scenario id as the topic, the score as the percent."""
    return [AttemptFact(SCENARIO, row.scenario_id, round(100 * (row.earned or 0) / row.possible), True,
                        as_utc(row.finished_at))
            for row in rows if row.finished_at is not None and row.status == RUN_FINISHED and row.possible]


def open_exams(rows: Iterable[Attempt]) -> dict[int, OpenExam]:
    """user id → his open exam (the latest one when there are several), from attempts not yet closed."""
    found: dict[int, OpenExam] = {}
    for row in sorted(rows, key=lambda r: r.id):
        if row.kind == "exam" and row.status not in CLOSED and row.total:
            found[row.user_id] = OpenExam(min(row.current_index + 1, row.total), row.total)
    return found


def target_status(assignment: AssignmentFact, attempts: Sequence[AttemptFact], now: datetime,
                  open_exam: OpenExam | None = None) -> TargetStatus:
    """`open_exam`: the exam the member is taking now, if any; it matters to an exam assignment not done yet."""
    since = as_utc(assignment.created_at)
    relevant = [a for a in attempts if as_utc(a.finished_at) >= since]
    if assignment.kind == "exam":
        return _exam_status(assignment, [a for a in relevant if a.kind == "exam"], now, open_exam)
    if assignment.kind == SCENARIO:
        return replace(_topics_status(assignment, [a for a in relevant if a.kind == SCENARIO], now), kind=SCENARIO)
    return _topics_status(assignment, [a for a in relevant if a.kind == "practice"], now)


def _exam_status(assignment: AssignmentFact, exams: list[AttemptFact], now: datetime,
                 open_exam: OpenExam | None) -> TargetStatus:
    deadline = as_utc(assignment.deadline)
    passes = [a for a in exams if a.passed]
    on_time = [a for a in passes if as_utc(a.finished_at) <= deadline]
    if on_time:
        first = min(on_time, key=lambda a: a.finished_at)
        return TargetStatus(DONE, max(a.percent for a in on_time), first.finished_at)
    if passes:
        first = min(passes, key=lambda a: a.finished_at)
        return TargetStatus(LATE, max(a.percent for a in passes), first.finished_at)
    best = max((a.percent for a in exams), default=None)
    if as_utc(now) > deadline:
        return TargetStatus(OVERDUE, best, None, open_exam=open_exam)
    if open_exam is not None:  # started (or retrying after a fail): «не начато» would be untrue
        return TargetStatus(PROGRESS, best, None, open_exam=open_exam)
    return TargetStatus(FAILED if exams else NEW, best, None)


def _topics_status(assignment: AssignmentFact, practices: list[AttemptFact], now: datetime) -> TargetStatus:
    deadline = as_utc(assignment.deadline)
    wanted = list(dict.fromkeys(assignment.topics))
    first_done: dict[str, datetime] = {}
    best: dict[str, int] = {}
    for attempt in practices:
        topic = attempt.topic_id
        if topic not in wanted:
            continue
        finished = as_utc(attempt.finished_at)
        first_done[topic] = min(first_done.get(topic, finished), finished)
        best[topic] = max(best.get(topic, 0), attempt.percent)
    total = len(wanted)
    done = len(first_done)
    pending = tuple(t for t in wanted if t not in first_done)
    percent = round(sum(best.values()) / len(best)) if best else None
    if done == total and total:
        finished_at = max(first_done.values())
        code = DONE if finished_at <= deadline else LATE
        return TargetStatus(code, percent, finished_at, done, total)
    if as_utc(now) > deadline:
        return TargetStatus(OVERDUE, percent, None, done, total, pending)
    return TargetStatus(PROGRESS if done else NEW, percent, None, done, total, pending)
