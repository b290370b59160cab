"""Hiring a head of sales on the owner's screen: one step per competency, then the salary, then the scorecard.

Live mode shows the interviewer's card (questions, follow-ups, what to listen for, rubric); remote mode
shows the candidate's answer next to the rubric. Answers, ratings, notes and red flags of a competency
share one row keyed by the competency id; the salary answer is keyed by the salary question id.
"""

from __future__ import annotations

from collections.abc import Mapping

from db.models import Interview, InterviewAnswer
from services.interviews.engine.cards import render_answer_review, render_competency_card, render_salary_card
from services.interviews.engine.html_text import clip, esc, esc_tail, fit_lines
from services.interviews.engine.kinds import Mode, Script
from services.interviews.engine.scorecard import Evidence, Scorecard, build_scorecard
from services.interviews.engine.script_models import RATING_VALUES, HiringScript
from services.interviews.views import StepView, Toggle
from services.texts import t

FLAG_LABEL_LIMIT = 40
NOTE_SHOWN_LIMIT = 500
SALARY_LIMIT = 256  # the column's size


def total_steps(script: HiringScript) -> int:
    return len(script.competencies) + 1


def is_salary_step(script: HiringScript, index: int) -> bool:
    return index == len(script.competencies)


def item_id(script: HiringScript, index: int) -> str:
    return script.salary.id if is_salary_step(script, index) else script.competencies[index].id


def step_view(script: HiringScript, interview: Interview, answers: Mapping[str, InterviewAnswer],
              index: int) -> StepView:
    if is_salary_step(script, index):
        return _salary_view(script, interview, answers, index)
    competency = script.competencies[index]
    row = answers.get(competency.id)
    rating = row.rating if row else None
    note = row.note if row else None
    raised = list(row.red_flags or []) if row else []
    remote = interview.mode == Mode.REMOTE
    count = len(script.competencies)
    extra: list[str] = []
    if remote:
        text = render_answer_review(script, competency.id, (row.text or "") if row else "",
                                    is_voice=bool(row and row.voice_file_id), position=index + 1, total=count)
        if rating is not None:
            extra += ["", t("interview-your-rating", rating=rating, meaning=esc(script.rating_scale[rating]))]
        if note:
            extra += ["", f"📝 {esc_tail(note, NOTE_SHOWN_LIMIT)}"]  # the newest notes: just typed
    else:
        text = render_competency_card(script, competency.id, position=index + 1, total=count, rating=rating,
                                      note=note)
    flags = [flag.text for flag in competency.red_flags if flag.id in raised]
    if flags:
        extra += ["", t("interview-flags-raised", flags=esc("; ".join(flags)))]
    if row is not None and row.skipped and rating is None:
        extra += ["", t("interview-competency-skipped")]
    extra += ["", t("interview-note-hint")]
    toggles = tuple(Toggle(k, clip(flag.text, FLAG_LABEL_LIMIT), flag.id in raised)
                    for k, flag in enumerate(competency.red_flags))
    return StepView(
        interview_id=interview.id, script=Script.HIRING, mode=Mode(interview.mode),
        kind="review" if remote else "competency", position=index, text=fit_lines([*text.split("\n"), *extra]),
        scale=RATING_VALUES, chosen=rating,
        toggles=toggles, can_back=index > 0, can_skip=True, can_next=rating is not None,
        has_voice=bool(remote and row and row.voice_file_id),
    )


def _salary_view(script: HiringScript, interview: Interview, answers: Mapping[str, InterviewAnswer],
                 index: int) -> StepView:
    row = answers.get(script.salary.id)
    voice = bool(interview.mode == Mode.REMOTE and row and row.voice_file_id)
    lines = render_salary_card(script, answer=interview.salary).split("\n")
    if interview.mode == Mode.LIVE:
        hint = t("interview-salary-live-hint")
    elif voice and not interview.salary:
        hint = t("interview-salary-remote-voice")
    elif interview.salary:
        hint = t("interview-salary-remote-hint")
    else:
        hint = t("interview-salary-remote-none")
    return StepView(
        interview_id=interview.id, script=Script.HIRING, mode=Mode(interview.mode), kind="salary", position=index,
        text=fit_lines([*lines, "", hint]), can_back=index > 0, can_next=True, has_voice=voice, is_last=True,
    )


def toggle_flag(script: HiringScript, index: int, flag_index: int, current: list[str] | None,
                on: bool) -> list[str] | None:
    """The red flags of a competency after setting one on or off; None when there is no such flag."""
    flags = script.competencies[index].red_flags
    if not 0 <= flag_index < len(flags):
        return None
    flag_id = flags[flag_index].id
    raised = [f for f in (current or []) if f != flag_id]
    if on:
        raised.append(flag_id)
    # Keep the script's order so the scorecard lists flags the way the card does.
    order = {flag.id: k for k, flag in enumerate(flags)}
    return sorted(raised, key=lambda f: order.get(f, len(order)))


def evidence(row: InterviewAnswer) -> Evidence:
    """The owner's notes and the candidate's own answer (a remote interview), text or voice."""
    return Evidence(note=(row.note or "").strip() or None, answer=(row.text or "").strip() or None,
                    voice=bool(row.voice_file_id), voice_seconds=row.voice_seconds)


def scorecard(script: HiringScript, interview: Interview, answers: Mapping[str, InterviewAnswer]) -> Scorecard:
    ratings: dict[str, int | None] = {}
    red_flags: dict[str, list[str]] = {}
    evidences: dict[str, Evidence] = {}
    for competency in script.competencies:
        row = answers.get(competency.id)
        if row is None:
            continue
        ratings[competency.id] = row.rating if row.rating in RATING_VALUES else None
        known = [f for f in (row.red_flags or []) if competency.flag(f) is not None]
        if known:
            red_flags[competency.id] = known
        evidences[competency.id] = evidence(row)
    return build_scorecard(script, ratings, red_flags, interview.salary, candidate=interview.subject,
                           evidence=evidences)


def clean_salary(text: str) -> str:
    return clip(text, SALARY_LIMIT)
