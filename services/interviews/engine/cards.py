"""Russian HTML screens shown during an interview: one per question or item, edited in place.

Owner-facing cards carry the hints (follow-ups, what to listen for, rubric, red flags); the candidate's
card carries the question only — a candidate never sees how he is judged.
"""

from __future__ import annotations

from services.interviews.engine.content import AuditScript, CustdevScript, HiringScript
from services.interviews.engine.html_text import esc, fit_lines

NOTE_LIMIT = 500
REVIEW_ANSWER_LIMIT = 1800


def render_intro(script: HiringScript | CustdevScript | AuditScript) -> str:
    """The script's title and the interviewer's briefing."""
    return fit_lines([f"<b>{esc(script.title)}</b>", "", esc(script.intro)])


def _hint_block(title: str, items: list[str], bullet: str = "•") -> list[str]:
    return ["", f"<b>{title}</b>", *(f"{bullet} {esc(item)}" for item in items)]


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
    key = " · ключевая" if competency.key else ""
    lines = [
        f"Компетенция {position} из {total} · вес {competency.weight}{key}",
        f"<b>{esc(competency.title)}</b>",
        "",
        "<b>Спросите</b>",
        *(f"❓ {esc(q.text)}" for q in competency.questions),
        *_hint_block("Уточняйте", competency.follow_ups),
        *_hint_block("Что слушать", competency.listen_for, "👂"),
        "",
        "<b>Как оценить</b>",
        *(f"<b>{value}</b> — {esc(text)}" for value, text in sorted(competency.rubric.items())),
        *_hint_block("Красные флаги", [flag.text for flag in competency.red_flags], "🚩"),
    ]
    if rating is not None:
        lines += ["", f"Ваша оценка: <b>{rating}</b> — {esc(script.rating_scale[rating])}"]
    if note:
        lines += ["", f"📝 {esc(note, NOTE_LIMIT)}"]
    return fit_lines(lines)


def render_salary_card(script: HiringScript, *, answer: str | None = None) -> str:
    """The salary question for the owner: asked, not rated."""
    lines = [
        "<b>Ожидания по доходу</b> · не оценивается",
        "",
        f"❓ {esc(script.salary.text)}",
        "",
        f"<i>{esc(script.salary.hint)}</i>",
    ]
    if answer:
        lines += ["", f"Ответ: {esc(answer, NOTE_LIMIT)}"]
    return fit_lines(lines)


def render_candidate_question(script: HiringScript, question_id: str, *, position: int, total: int) -> str:
    """Remote mode, for the candidate: the question and how to answer — no hints, no rubric."""
    question = next((q for _, q in script.remote_questions() if q.id == question_id), None)
    if question is None:
        raise KeyError(question_id)
    return fit_lines(
        [
            f"Вопрос {position} из {total}",
            "",
            f"<b>{esc(question.text)}</b>",
            "",
            "Ответьте текстом или голосовым сообщением. Чем конкретнее — примеры, цифры, — тем лучше.",
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
        answer = "🎤 Голосовой ответ — нажмите «Прослушать ответ»." if is_voice else "Кандидат не ответил."
    lines = [
        f"Ответ {position} из {total} · {esc(competency.title)}",
        f"❓ {esc(competency.questions[0].text)}",
        "",
        answer,
        *_hint_block("Что слушать", competency.listen_for, "👂"),
        "",
        "<b>Как оценить</b>",
        *(f"<b>{value}</b> — {esc(text)}" for value, text in sorted(competency.rubric.items())),
        *_hint_block("Красные флаги", [flag.text for flag in competency.red_flags], "🚩"),
    ]
    return fit_lines(lines)


def render_custdev_question(script: CustdevScript, question_id: str, *, position: int, total: int) -> str:
    """For the interviewer: the question, its rule, the trap to avoid and the anti-pitch reminder."""
    question = script.question(question_id)
    section = script.section_of(question_id)
    lines = [
        f"Вопрос {position} из {total} · {esc(section.title)}",
        "",
        f"<b>{esc(question.text)}</b>",
        "",
        f"💡 <i>{esc(script.rule(question.rule).text)}</i>",
    ]
    if question.avoid:
        lines.append(f"⚠️ Не спрашивайте: {esc(question.avoid)}")
    if question.follow_ups:
        lines += _hint_block("Уточняйте", question.follow_ups)
    if question.suggested_tags:
        labels = ", ".join(script.tag_label(tag) for tag in question.suggested_tags)
        lines += ["", f"Возможные теги: {esc(labels)}"]
    lines += ["", f"🤐 {esc(script.anti_pitch)}"]
    return fit_lines(lines)


def render_audit_item(script: AuditScript, item_id: str, *, position: int, total: int) -> str:
    """One audit check: how to verify it and what 0 / 1 / 2 mean."""
    item = script.item(item_id)
    lines = [
        f"Пункт {position} из {total} · {esc(script.department_title(item.department))}",
        f"<b>{esc(item.title)}</b>",
        "",
        f"🔍 {esc(item.how_to_check)}",
        "",
        *(f"<b>{value}</b> — {esc(text)}" for value, text in sorted(item.levels.items())),
    ]
    return fit_lines(lines)
