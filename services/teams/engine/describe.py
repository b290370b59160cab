"""How an assignment is named in messages, the dashboard and the export."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from zoneinfo import ZoneInfo

from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import exam_facts
from services.attestation.simulator.engine.loader import load_library
from services.teams.engine.deadlines import format_date
from services.teams.engine.status import SCENARIO, AssignmentFact
from services.texts import t


def topic_title(bank: QuestionBank, topic_id: str) -> str:
    """Plain text (escape before HTML)."""
    return bank.topic(topic_id).title if bank.has_topic(topic_id) else topic_id


def topic_titles(bank: QuestionBank, topic_ids: Sequence[str]) -> str:
    return ", ".join(topic_title(bank, t) for t in topic_ids)


def scenario_title(scenario_id: str) -> str:
    """Plain text: a simulator scenario's title (its id when the scenario is gone)."""
    library = load_library()
    return library.scenario(scenario_id).title if library.has(scenario_id) else scenario_id


def what(assignment: AssignmentFact, bank: QuestionBank) -> str:
    """Plain text: «Экзамен», «Тренировки: КЭВ, RFM-анализ» or «Тренажёр диалогов: …»."""
    if assignment.kind == "exam":
        return t("team-exam-title")
    if assignment.kind == SCENARIO:
        return t("team-scenarios-title", scenarios=", ".join(scenario_title(s) for s in assignment.topics))
    return t("team-topics-title", topics=topic_titles(bank, assignment.topics))


def title(assignment: AssignmentFact, bank: QuestionBank, tz: ZoneInfo) -> str:
    """Plain text: «Экзамен (до 12.03.2026)»."""
    return t("team-assignment-title", what=what(assignment, bank), date=format_date(assignment.deadline, tz))


def task_html(assignment: AssignmentFact, bank: QuestionBank) -> str:
    """What the member has to do, for the messages he gets (HTML)."""
    if assignment.kind == "exam":
        facts = exam_facts()
        return t("team-exam-task", exam_size=facts["exam_size"], pass_mark=facts["pass_mark"])
    if assignment.kind == SCENARIO:
        lines = "\n".join(f"• {escape(scenario_title(s), quote=False)}" for s in assignment.topics)
        return t("team-scenarios-task", scenarios=lines)
    lines = "\n".join(f"• {escape(topic_title(bank, topic), quote=False)}" for topic in assignment.topics)
    return t("team-topics-task", topics=lines)


def member_name(name: str, username: str | None) -> str:
    """Plain text: «Анна Петрова (@anna)»."""
    return f"{name} (@{username})" if username else name
