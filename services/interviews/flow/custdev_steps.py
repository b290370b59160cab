"""CustDev on the interviewer's screen: one step per question — the rule behind it, the anti-pitch warning,
the recorded answer (text or voice) and its tags — then the summary of the interview."""

from __future__ import annotations

from collections.abc import Mapping

from db.models import Interview, InterviewAnswer
from services.interviews.engine.cards import render_custdev_question
from services.interviews.engine.custdev import AnswerRecord, InterviewSummary, summarize_interview
from services.interviews.engine.html_text import esc, fit_lines
from services.interviews.engine.kinds import Mode, Script
from services.interviews.engine.script_models import CustdevScript
from services.interviews.views import StepView, Toggle
from services.texts import t

ANSWER_SHOWN_LIMIT = 1200
ANSWER_LIMIT = 4000  # a Telegram message is at most 4096 characters anyway


def total_steps(script: CustdevScript) -> int:
    return len(script.questions())


def item_id(script: CustdevScript, index: int) -> str:
    return script.questions()[index].id


def has_answer(row: InterviewAnswer | None) -> bool:
    return row is not None and bool(row.text or row.voice_file_id)


def step_view(script: CustdevScript, interview: Interview, answers: Mapping[str, InterviewAnswer],
              index: int) -> StepView:
    questions = script.questions()
    question = questions[index]
    row = answers.get(question.id)
    lines = render_custdev_question(script, question.id, position=index + 1, total=len(questions)).split("\n")
    answered = has_answer(row)
    tags = list(row.tags or []) if row else []
    if answered and row is not None:
        lines.append("")
        if row.text:
            voice = " 🎤" if row.voice_file_id else ""
            lines.append(t("interview-custdev-answer", answer=f"«{esc(row.text, ANSWER_SHOWN_LIMIT)}»{voice}"))
        else:
            lines.append(t("interview-custdev-voice"))
        labels = [script.tag_label(tag.id) for tag in script.tags if tag.id in tags]
        lines.append(t("interview-custdev-tags", tags=esc(", ".join(labels))) if labels
                     else t("interview-custdev-tag-hint"))
    elif row is not None and row.skipped:
        lines += ["", t("interview-custdev-skipped")]
    else:
        lines += ["", t("interview-custdev-write")]
    toggles = tuple(Toggle(k, tag.label, tag.id in tags) for k, tag in enumerate(script.tags)) if answered else ()
    last = index == len(questions) - 1
    return StepView(
        interview_id=interview.id, script=Script.CUSTDEV, mode=Mode(interview.mode), kind="question", position=index,
        text=fit_lines(lines), toggles=toggles, can_back=index > 0, can_skip=not answered, can_next=answered,
        can_finish=not last, has_voice=bool(row and row.voice_file_id), is_last=last,
    )


def toggle_tag(script: CustdevScript, tag_index: int, current: list[str] | None, on: bool) -> list[str] | None:
    """The answer's tags after setting one on or off, in the script's order; None when there is no such tag."""
    if not 0 <= tag_index < len(script.tags):
        return None
    tag_id = script.tags[tag_index].id
    chosen = {t for t in (current or []) if t != tag_id}
    if on:
        chosen.add(tag_id)
    return [tag.id for tag in script.tags if tag.id in chosen]


def summary(script: CustdevScript, interview: Interview, answers: Mapping[str, InterviewAnswer]) -> InterviewSummary:
    known_tags = {tag.id for tag in script.tags}
    records = []
    for question in script.questions():  # the script's order, not the order answers were given
        row = answers.get(question.id)
        if not has_answer(row) or row is None:
            continue
        tags = tuple(t for t in (row.tags or []) if t in known_tags)
        records.append(AnswerRecord(question.id, row.text or "", tags, is_voice=bool(row.voice_file_id),
                                    voice_seconds=row.voice_seconds))
    return summarize_interview(records, script, respondent=interview.subject)
