"""How an assignment is named in messages, the dashboard and the export."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from zoneinfo import ZoneInfo

from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import exam_facts
from services.teams.engine.deadlines import format_date
from services.teams.engine.status import AssignmentFact
from services.texts import t


def topic_title(bank: QuestionBank, topic_id: str) -> str:
    """Plain text (escape before HTML)."""
    return bank.topic(topic_id).title if bank.has_topic(topic_id) else topic_id


def topic_titles(bank: QuestionBank, topic_ids: Sequence[str]) -> str:
    return ", ".join(topic_title(bank, t) for t in topic_ids)


def what(assignment: AssignmentFact, bank: QuestionBank) -> str:
    """Plain text: «Экзамен» or «Тренировки: КЭВ, RFM-анализ»."""
    if assignment.kind == "exam":
        return t("team-exam-title")
    return t("team-topics-title", topics=topic_titles(bank, assignment.topics))


def title(assignment: AssignmentFact, bank: QuestionBank, tz: ZoneInfo) -> str:
    """Plain text: «Экзамен (до 12.03.2026)»."""
    return t("team-assignment-title", what=what(assignment, bank), date=format_date(assignment.deadline, tz))


def task_html(assignment: AssignmentFact, bank: QuestionBank) -> str:
    """What the member has to do, for the messages he gets (HTML)."""
    if assignment.kind == "exam":
        facts = exam_facts()
        return t("team-exam-task", exam_size=facts["exam_size"], pass_mark=facts["pass_mark"])
    lines = "\n".join(f"• {escape(topic_title(bank, topic), quote=False)}" for topic in assignment.topics)
    return t("team-topics-task", topics=lines)


def member_name(name: str, username: str | None) -> str:
    """Plain text: «Анна Петрова (@anna)»."""
    return f"{name} (@{username})" if username else name
