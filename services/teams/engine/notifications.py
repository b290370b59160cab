"""What the scheduler sends and when: pure planning and rendering (facts in, text and buttons out).

Per assignment: the task to each member now; a reminder a day before the deadline and a notice once it has
passed (to members who have not done it by then); a summary to the owner when the deadline passes. Per exam
an assigned member finishes: the result to the owner. Each message is rendered when it is due, from the state
at that moment, so a member who already did the work gets no reminder.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from db.repositories.teams import NewNotification
from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import exam_facts
from services.clock import as_utc
from services.teams.engine.deadlines import format_date
from services.teams.engine.describe import scenario_title, task_html, title, topic_title
from services.teams.engine.status import DONE, SCENARIO, AssignmentFact, TargetStatus
from services.teams.views import ButtonAction, ButtonSpec
from services.texts import t

ASSIGNED, REMIND, OVERDUE, SUMMARY, RESULT = "assigned", "remind", "overdue", "summary", "result"
REMIND_BEFORE = timedelta(days=1)
# The deadline is the last second of its day; the overdue notice and the summary go out right after it.
AFTER_DEADLINE = timedelta(seconds=1)


def plan_assignment(assignment: AssignmentFact, owner_id: int, now: datetime) -> list[NewNotification]:
    deadline = as_utc(assignment.deadline)
    remind_at = deadline - REMIND_BEFORE
    items: list[NewNotification] = []
    for user_id in assignment.user_ids:
        items.append(_to_member(ASSIGNED, assignment, user_id, now))
        if remind_at > now:  # a deadline within a day needs no separate «tomorrow» reminder
            items.append(_to_member(REMIND, assignment, user_id, remind_at))
        items.append(_to_member(OVERDUE, assignment, user_id, deadline + AFTER_DEADLINE))
    items.append(NewNotification(f"{SUMMARY}:{assignment.id}", SUMMARY, assignment.team_id, owner_id,
                                 deadline + AFTER_DEADLINE, assignment.id))
    return items


def _to_member(kind: str, assignment: AssignmentFact, user_id: int, due_at: datetime) -> NewNotification:
    return NewNotification(f"{kind}:{assignment.id}:{user_id}", kind, assignment.team_id, user_id, due_at,
                           assignment.id)


def result_notification(assignment: AssignmentFact, owner_id: int, attempt_id: int, now: datetime) -> NewNotification:
    return NewNotification(f"{RESULT}:{assignment.id}:{attempt_id}", RESULT, assignment.team_id, owner_id, now,
                           assignment.id, {"attempt_id": attempt_id})


def start_buttons(assignment: AssignmentFact, status: TargetStatus | None,
                  bank: QuestionBank) -> tuple[ButtonSpec, ...]:
    """What the member taps to do the work: the exam, or practice on each topic still to do."""
    if assignment.kind == "exam":
        return (ButtonSpec(t("team-button-start-exam"), ButtonAction.EXAM),)
    topics = status.pending_topics if status is not None and status.pending_topics else assignment.topics
    if assignment.kind == SCENARIO:
        return tuple(ButtonSpec(f"🎭 {scenario_title(s)}", ButtonAction.SCENARIO, s) for s in topics)
    return tuple(ButtonSpec(f"🏋️ {topic_title(bank, topic)}", ButtonAction.PRACTICE, topic)
                 for topic in topics if bank.has_topic(topic))


def _dashboard_button(assignment: AssignmentFact) -> ButtonSpec:
    return ButtonSpec(t("team-button-team-dashboard"), ButtonAction.DASHBOARD, str(assignment.team_id))


def member_message(kind: str, assignment: AssignmentFact, team_name: str, owner_name: str, status: TargetStatus,
                   bank: QuestionBank, tz: ZoneInfo, now: datetime) -> tuple[str, tuple[ButtonSpec, ...]] | None:
    """The member's message of `kind`, or None when it no longer makes sense (work done, moment missed)."""
    team, task = escape(team_name, quote=False), task_html(assignment, bank)
    date = format_date(assignment.deadline, tz)
    if kind == ASSIGNED:
        text = t("team-assigned-member", team=team, owner=escape(owner_name, quote=False), task=task, date=date)
        return text, start_buttons(assignment, None, bank)
    if status.complete:
        return None
    if kind == REMIND:
        if as_utc(now) > as_utc(assignment.deadline):
            return None  # the bot was down through the whole last day; the overdue notice follows
        text = t("team-remind-member", date=date, team=team, task=task)
        progress = _progress(status)
        return (f"{text}\n\n{progress}" if progress else text), start_buttons(assignment, status, bank)
    if kind == OVERDUE:
        return t("team-overdue-member", team=team, date=date, task=task), start_buttons(assignment, status, bank)
    return None


def _progress(status: TargetStatus) -> str:
    """How far the member got, for the reminder; empty when there is nothing to say."""
    if status.topics_total and status.kind == SCENARIO:
        return t("team-progress-sim", done=str(status.topics_done), total=str(status.topics_total)) \
            if status.topics_done else ""
    if status.topics_total:
        return t("team-progress-topics", done=str(status.topics_done), total=str(status.topics_total)) \
            if status.topics_done else ""
    if status.percent is None:
        return ""
    return t("team-progress-exam", percent=str(status.percent), pass_mark=exam_facts()["pass_mark"])


def summary_message(assignment: AssignmentFact, team_name: str, rows: Sequence[tuple[str, TargetStatus]],
                    bank: QuestionBank, tz: ZoneInfo) -> tuple[str, tuple[ButtonSpec, ...]]:
    """The owner's summary once the deadline passed; `rows` are (member name, status)."""
    ordered = sorted(rows, key=lambda row: (row[1].code != DONE, row[0]))
    lines = "\n".join(f"{escape(name, quote=False)} — {status.label}" for name, status in ordered)
    done = sum(1 for _, status in rows if status.code == DONE)
    text = t("team-summary-owner", title=escape(title(assignment, bank, tz), quote=False),
             team=escape(team_name, quote=False), done=str(done), total=str(len(rows)), lines=lines)
    return text, (_dashboard_button(assignment),)


def result_message(assignment: AssignmentFact, team_name: str, member: str, percent: int, passed: bool,
                   tz: ZoneInfo) -> tuple[str, tuple[ButtonSpec, ...]]:
    who, team, date = escape(member, quote=False), escape(team_name, quote=False), format_date(assignment.deadline, tz)
    if passed:
        text = t("team-result-passed", member=who, percent=str(percent), team=team, date=date)
    else:
        text = t("team-result-failed", member=who, percent=str(percent), team=team, date=date,
                 pass_mark=exam_facts()["pass_mark"])
    return text, (_dashboard_button(assignment),)
