"""The owner's dashboard: per member (assignments, best exam, passed, weakest topics) and per team (topics).

Scores and weak topics come from finished work only (the answers the caller passes); an exam being taken is
shown as such («в процессе: 6 из 20»), never as «no attempts» or «not started».

`build_dashboard` is pure — facts in, a Dashboard out — so it is tested on hand-made inputs; `render_dashboard`
turns it into the chat message, `services.teams.engine.export` into the XLSX.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import PASS_MARK
from services.attestation.engine.results import mastery
from services.teams.engine.describe import member_name, title, topic_title
from services.teams.engine.status import (
    SCENARIO,
    AssignmentFact,
    AttemptFact,
    OpenExam,
    TargetStatus,
    target_status,
)
from services.texts import t

WEAKEST_COUNT = 3
TEXT_LIMIT = 4000  # Telegram allows 4096 UTF-16 units; keep a margin
ASSIGNMENTS_SHOWN = 5  # per member in the chat; the export has them all


@dataclass(frozen=True)
class MemberFact:
    user_id: int
    name: str
    username: str | None
    joined_at: datetime


@dataclass(frozen=True)
class AssignmentStatus:
    assignment: AssignmentFact
    status: TargetStatus


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    name: str
    username: str | None
    best_exam: int | None
    passed: bool
    exams_taken: int
    weakest: tuple[str, ...]  # topic ids, worst first
    assignments: tuple[AssignmentStatus, ...]  # oldest first
    open_exam: OpenExam | None = None  # the exam he is taking now
    sims_done: int = 0  # dialogue simulator scenarios played to an end
    sims_best: int | None = None  # the best score of a finished run, percent


@dataclass(frozen=True)
class TopicRow:
    topic_id: str
    title: str
    percent: int  # average over the members who answered questions of the topic
    members: int
    answers: int


@dataclass(frozen=True)
class Dashboard:
    team_id: int
    team_name: str
    members: tuple[MemberRow, ...]
    topics: tuple[TopicRow, ...]  # in the bank's order, only topics someone answered
    weakest: tuple[TopicRow, ...]  # up to three, worst first
    assignments: tuple[AssignmentFact, ...]


def build_dashboard(team_id: int, team_name: str, members: Sequence[MemberFact],
                    assignments: Sequence[AssignmentFact], attempts: Mapping[int, Sequence[AttemptFact]],
                    answers: Mapping[int, Sequence[tuple[str, str, bool]]], bank: QuestionBank,
                    now: datetime, open_exams: Mapping[int, OpenExam] | None = None) -> Dashboard:
    """`answers`: (topic, question, correct) from finished attempts; `open_exams`: exams being taken now."""
    rows = tuple(_member_row(m, assignments, attempts.get(m.user_id, ()), answers.get(m.user_id, ()), bank, now,
                             (open_exams or {}).get(m.user_id)) for m in members)
    topics = _team_topics(members, answers, bank)
    weak = sorted((t for t in topics if t.percent < 100), key=lambda t: (t.percent, -t.answers))
    return Dashboard(team_id, team_name, rows, topics, tuple(weak[:WEAKEST_COUNT]), tuple(assignments))


def member_view(member: MemberFact, assignments: Sequence[AssignmentFact], attempts: Sequence[AttemptFact],
                answers: Sequence[tuple[str, str, bool]], bank: QuestionBank, now: datetime,
                open_exam: OpenExam | None = None) -> MemberRow:
    """One member's own row: what he sees about himself."""
    return _member_row(member, assignments, attempts, answers, bank, now, open_exam)


def _member_row(member: MemberFact, assignments: Sequence[AssignmentFact], attempts: Sequence[AttemptFact],
                answers: Sequence[tuple[str, str, bool]], bank: QuestionBank, now: datetime,
                open_exam: OpenExam | None) -> MemberRow:
    exams = [a for a in attempts if a.kind == "exam"]
    best = max((a.percent for a in exams), default=None)
    mine = tuple(AssignmentStatus(a, target_status(a, attempts, now, open_exam))
                 for a in assignments if member.user_id in a.user_ids)
    runs = [a for a in attempts if a.kind == SCENARIO]
    return MemberRow(member.user_id, member.name, member.username, best, any(a.passed for a in exams), len(exams),
                     _weakest_of(answers, bank), mine, open_exam, len({a.topic_id for a in runs}),
                     max((a.percent for a in runs), default=None))


def _weakest_of(answers: Sequence[tuple[str, str, bool]], bank: QuestionBank) -> tuple[str, ...]:
    order = {t.id: i for i, t in enumerate(bank.topics)}
    touched = [m for m in mastery(answers) if m.answered and m.percent < 100]
    touched.sort(key=lambda m: (m.percent, -m.answered, order.get(m.topic_id, len(order))))
    return tuple(m.topic_id for m in touched[:WEAKEST_COUNT])


def _team_topics(members: Sequence[MemberFact], answers: Mapping[int, Sequence[tuple[str, str, bool]]],
                 bank: QuestionBank) -> tuple[TopicRow, ...]:
    percents: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for member in members:
        for item in mastery(answers.get(member.user_id, ())):
            if item.answered:
                percents.setdefault(item.topic_id, []).append(item.percent)
                counts[item.topic_id] = counts.get(item.topic_id, 0) + item.answered
    order = [t.id for t in bank.topics] + sorted(set(percents) - {t.id for t in bank.topics})
    return tuple(TopicRow(t, topic_title(bank, t), round(sum(percents[t]) / len(percents[t])), len(percents[t]),
                          counts[t]) for t in order if t in percents)


# ---- the chat message ---------------------------------------------------------------------------------

def light(percent: int) -> str:
    if percent >= round(PASS_MARK * 100):
        return "🟢"
    return "🟡" if percent >= 50 else "🔴"


def result_lines(row: MemberRow, bank: QuestionBank) -> list[str]:
    """Best exam score, passed or not, an exam being taken, weakest topics (from finished work)."""
    if row.best_exam is None:
        lines = [t("team-exam-open", progress=row.open_exam.text) if row.open_exam else t("team-no-exam")]
    else:
        verdict = t("team-passed") if row.passed else t("team-not-passed")
        best = t("team-best-exam", percent=str(row.best_exam), verdict=verdict)
        lines = [t("team-best-exam-open", best=best, progress=row.open_exam.text) if row.open_exam else best]
    if row.weakest:
        names = ", ".join(escape(topic_title(bank, topic), quote=False) for topic in row.weakest)
        lines.append(t("team-weak-topics", topics=names))
    if row.sims_done:
        lines.append(t("team-sim-results", count=row.sims_done, percent=str(row.sims_best or 0)))
    return lines


def assignment_lines(row: MemberRow, bank: QuestionBank, tz: ZoneInfo,
                     limit: int | None = ASSIGNMENTS_SHOWN) -> list[str]:
    """«• Экзамен до 12.03.2026: ✅ выполнено (95 %)», the latest `limit` of them."""
    shown = row.assignments if limit is None else row.assignments[-limit:]
    return [f"• {escape(title(s.assignment, bank, tz), quote=False)}: {s.status.label}" for s in shown]


def member_block(row: MemberRow, bank: QuestionBank, tz: ZoneInfo) -> str:
    name = f"👤 <b>{escape(member_name(row.name, row.username), quote=False)}</b>"
    return "\n".join([name, *result_lines(row, bank), *assignment_lines(row, bank, tz)])


def render_dashboard(dashboard: Dashboard, bank: QuestionBank, tz: ZoneInfo) -> str:
    header = t("team-board-header", team=escape(dashboard.team_name, quote=False),
               count=str(len(dashboard.members)), assignments=str(len(dashboard.assignments)))
    if not dashboard.members:
        return f"{header}\n\n{t('team-board-empty')}"
    members = [member_block(row, bank, tz) for row in dashboard.members]
    return _fit(header, members, _topics_block(dashboard))


def _topics_block(dashboard: Dashboard) -> str:
    if not dashboard.topics:
        return t("team-no-answers-yet")
    lines = [t("team-board-topics-header")]
    lines.extend(t("team-board-topic-line", light=light(topic.percent), title=escape(topic.title, quote=False),
                   percent=str(topic.percent), members=str(topic.members)) for topic in dashboard.topics)
    if dashboard.weakest:
        weakest = ", ".join(f"{escape(topic.title, quote=False)} — {topic.percent} %" for topic in dashboard.weakest)
        lines += ["", t("team-board-weakest", topics=weakest)]
    return "\n".join(lines)


def _fit(header: str, blocks: list[str], tail: str) -> str:
    """As many member blocks as fit one message beside the team block; the XLSX carries the rest."""
    truncated = f"\n\n{t('team-board-truncated')}"
    room = TEXT_LIMIT - _units(header) - _units(tail) - _units(truncated) - 4
    kept: list[str] = []
    for block in blocks:
        room -= _units(block) + 2
        if room < 0:
            return "\n\n".join([header, *kept, tail]) + truncated
        kept.append(block)
    return "\n\n".join([header, *kept, tail])


def _units(text: str) -> int:
    """Telegram counts message length in UTF-16 units: an emoji is two."""
    return len(text.encode("utf-16-le")) // 2
