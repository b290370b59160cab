"""HTML screens shown during an interview: one per question or item, edited in place (texts: interviews.ftl).

Owner-facing cards carry the hints (follow-ups, what to listen for, rubric, red flags); the candidate's
card carries the question only — a candidate never sees how he is judged.
"""

from __future__ import annotations

from services.interviews.engine.content import AuditScript, Competency, CustdevScript, HiringScript
from services.interviews.engine.html_text import esc, esc_tail, fit_lines
from services.texts import t

NOTE_LIMIT = 500
REVIEW_ANSWER_LIMIT = 1800


def render_intro(script: HiringScript | CustdevScript | AuditScript) -> str:
    """The script's title and the interviewer's briefing."""
    return fit_lines([f"<b>{esc(script.title)}</b>", "", esc(script.intro)])


def _hint_block(title: str, items: list[str], bullet: str = "•") -> list[str]:
    return ["", f"<b>{title}</b>", *(f"{bullet} {esc(item)}" for item in items)]


def _exhibit_block(competency: Competency, *, owner: bool) -> list[str]:
    """A work sample's material (the funnel the candidate diagnoses), or nothing; the owner is told to show it."""
    exhibit = competency.exhibit
    if exhibit is None:
        return []
    title = esc(exhibit.title)
    heading = t("interview-card-exhibit", title=title) if owner else f"📋 <b>{title}</b>"
    return [heading, *(esc(line) for line in exhibit.lines), ""]


def _referee_block(competency: Competency) -> list[str]:
    """A reference check: what to ask the candidate's former manager or colleague, or nothing."""
    if not competency.referee_questions:
        return []
    return ["", t("interview-card-referee"), *(f"☎️ {esc(item)}" for item in competency.referee_questions)]


def render_competency_card(
    script: HiringScript,
    competency_id: str,
    *,
    position: int,
    total: int,
    rating: int | None = None,
    note: str | None = None,
) -> str:
    """Live mode: what the owner asks, what to listen for and how to rate one competency."""
    competency = script.competency(competency_id)
    if competency.key:
        heading = t("interview-card-competency-key", position=position, total=total, weight=competency.weight)
    else:
        heading = t("interview-card-competency", position=position, total=total, weight=competency.weight)
    lines = [
        heading,
        f"<b>{esc(competency.title)}</b>",
        "",
        *_exhibit_block(competency, owner=True),
        t("interview-card-ask"),
        *(f"❓ {esc(q.text)}" for q in competency.questions),
        *_referee_block(competency),
        *_hint_block(t("interview-card-follow-ups"), competency.follow_ups),
        *_hint_block(t("interview-card-listen-for"), competency.listen_for, "👂"),
        "",
        t("interview-card-how-to-rate"),
        *(f"<b>{value}</b> — {esc(text)}" for value, text in sorted(competency.rubric.items())),
        *_hint_block(t("interview-card-red-flags"), [flag.text for flag in competency.red_flags], "🚩"),
    ]
    if rating is not None:
        lines += ["", t("interview-your-rating", rating=rating, meaning=esc(script.rating_scale[rating]))]
    if note:
        lines += ["", f"📝 {esc_tail(note, NOTE_LIMIT)}"]  # the newest notes: the owner just typed them
    return fit_lines(lines)


def render_salary_card(script: HiringScript, *, answer: str | None = None) -> str:
    """The salary question for the owner: asked, not rated."""
    lines = [
        t("interview-card-salary"),
        "",
        f"❓ {esc(script.salary.text)}",
        "",
        f"<i>{esc(script.salary.hint)}</i>",
    ]
    if answer:
        lines += ["", t("interview-card-salary-answer", answer=esc(answer, NOTE_LIMIT))]
    return fit_lines(lines)


def render_candidate_question(script: HiringScript, question_id: str, *, position: int, total: int) -> str:
    """Remote mode, for the candidate: the question and how to answer — no hints, no rubric."""
    found = next(((cid, q) for cid, q in script.remote_questions() if q.id == question_id), None)
    if found is None:
        raise KeyError(question_id)
    competency_id, question = found
    # The work sample's material is the one thing from the kit a candidate sees besides the question.
    exhibit = _exhibit_block(script.competency(competency_id), owner=False) if competency_id is not None else []
    return fit_lines(
        [
            t("interview-candidate-question-position", position=position, total=total),
            "",
            *exhibit,
            f"<b>{esc(question.text)}</b>",
            "",
            t("interview-candidate-how-to-answer"),
        ]
    )


def render_answer_review(
    script: HiringScript,
    competency_id: str,
    answer_text: str,
    *,
    is_voice: bool = False,
    position: int,
    total: int,
) -> str:
    """Remote mode, for the owner: the candidate's answer next to the rubric, to rate 1–4."""
    competency = script.competency(competency_id)
    if answer_text.strip():
        answer = f"«{esc(answer_text, REVIEW_ANSWER_LIMIT)}»" + (" 🎤" if is_voice else "")
    else:
        answer = t("interview-review-voice") if is_voice else t("interview-review-no-answer")
    lines = [
        t("interview-review-position", position=position, total=total, title=esc(competency.title)),
        f"❓ {esc(competency.questions[0].text)}",
        "",
        answer,
        *_referee_block(competency),
        *_hint_block(t("interview-card-listen-for"), competency.listen_for, "👂"),
        "",
        t("interview-card-how-to-rate"),
        *(f"<b>{value}</b> — {esc(text)}" for value, text in sorted(competency.rubric.items())),
        *_hint_block(t("interview-card-red-flags"), [flag.text for flag in competency.red_flags], "🚩"),
    ]
    return fit_lines(lines)


def render_custdev_question(script: CustdevScript, question_id: str, *, position: int, total: int) -> str:
    """For the interviewer: the question, its rule, the trap to avoid and the anti-pitch reminder."""
    question = script.question(question_id)
    section = script.section_of(question_id)
    lines = [
        t("interview-custdev-question-position", position=position, total=total, section=esc(section.title)),
        "",
        f"<b>{esc(question.text)}</b>",
        "",
        f"💡 <i>{esc(script.rule(question.rule).text)}</i>",
    ]
    if question.avoid:
        lines.append(t("interview-custdev-avoid", question=esc(question.avoid)))
    if question.follow_ups:
        lines += _hint_block(t("interview-card-follow-ups"), question.follow_ups)
    if question.suggested_tags:
        labels = ", ".join(script.tag_label(tag) for tag in question.suggested_tags)
        lines += ["", t("interview-custdev-suggested-tags", tags=esc(labels))]
    lines += ["", f"🤐 {esc(script.anti_pitch)}"]
    return fit_lines(lines)


def render_audit_item(script: AuditScript, item_id: str, *, position: int, total: int) -> str:
    """One audit check: how to verify it and what 0 / 1 / 2 mean."""
    item = script.item(item_id)
    lines = [
        t("interview-audit-item-position", position=position, total=total,
          department=esc(script.department_title(item.department))),
        f"<b>{esc(item.title)}</b>",
        "",
        f"🔍 {esc(item.how_to_check)}",
        "",
        *(f"<b>{value}</b> — {esc(text)}" for value, text in sorted(item.levels.items())),
    ]
    return fit_lines(lines)
