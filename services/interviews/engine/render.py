"""Russian HTML messages for Telegram with interview results: scorecard, comparison, audit, CustDev.

Every text that came from a user or a file goes through `esc`; content texts are escaped too, so a
stray «<» or «&» in a YAML file cannot break a message. Each message stays under 4096 characters.
"""

from __future__ import annotations

from services.interviews.engine.audit import MAX_ITEM_POINTS, AuditResult
from services.interviews.engine.custdev import CustdevInsights, InterviewSummary, Theme
from services.interviews.engine.formatting import fmt_decimal, fmt_percent, plural_ru
from services.interviews.engine.html_text import esc, fit_lines
from services.interviews.engine.scorecard import Comparison, Recommendation, Scorecard

NAME_LIMIT = 80
SALARY_LIMIT = 300
ANSWER_LIMIT = 300
QUOTE_LIMIT = 240
ANSWERS_PER_TAG = 3
THEMES_SHOWN = 5
QUOTES_SHOWN = 2
MAX_COMPARED_IN_MESSAGE = 6
TRAILER_EXCEL = "… Полная версия — в выгрузке Excel."

RECOMMENDATION_ICONS = {Recommendation.HIRE: "✅", Recommendation.DISCUSS: "🤔", Recommendation.REJECT: "❌"}


def _total_line(total: float | None, percent: float | None) -> str:
    if total is None or percent is None:
        return "нет оценок"
    return f"{fmt_decimal(total)} из 4 ({fmt_percent(percent)})"


def _rating_text(rating: int | None) -> str:
    return f"<b>{rating}</b>" if rating is not None else "—"


# --- head of sales ----------------------------------------------------------------------------


def render_scorecard(card: Scorecard) -> str:
    icon = RECOMMENDATION_ICONS[card.recommendation]
    name = esc(card.candidate, NAME_LIMIT) if card.candidate else ""
    lines = [
        f"<b>Оценка кандидата: {name}</b>" if name else "<b>Оценка кандидата</b>",
        f"{icon} Рекомендация: <b>{card.recommendation.value}</b>",
        f"Итог: <b>{_total_line(card.total, card.percent)}</b> · уверенность: {card.confidence}",
        "💰 Ожидания по доходу: " + (esc(card.salary, SALARY_LIMIT) if card.salary else "не названы"),
        "",
        "<b>Почему</b>",
        *(f"• {esc(reason)}" for reason in card.reasons),
    ]
    if card.strengths:
        lines.append("Сильные стороны: " + esc(", ".join(card.strengths)))
    if card.weaknesses:
        lines.append("Слабые места: " + esc(", ".join(card.weaknesses)))
    lines += ["", "<b>Компетенции</b> (★ — ключевая, ×N — вес)"]
    for score in card.competencies:
        star = " ★" if score.key else ""
        rating = _rating_text(score.rating) if score.rating is not None else "не оценено"
        lines.append(f"• {esc(score.title)}{star} ×{score.weight} — {rating}")
    if card.red_flags:
        lines += ["", "<b>Красные флаги</b>"]
        for flag in card.red_flags:
            critical = " <b>(критический)</b>" if flag.critical else ""
            lines.append(f"🚩 {esc(flag.text)} — {esc(flag.competency_title)}{critical}")
    return fit_lines(lines, TRAILER_EXCEL)


def render_comparison(comparison: Comparison) -> str:
    if not comparison.candidates:
        return "Пока нет оценённых кандидатов — проведите собеседование командой /interview."
    shown = comparison.ranking[:MAX_COMPARED_IN_MESSAGE]
    lines = ["<b>Сравнение кандидатов</b> (лучшие — выше)"]
    for place, index in enumerate(shown, start=1):
        card = comparison.scorecards[index]
        flags = len(card.red_flags)
        critical = sum(1 for f in card.red_flags if f.critical)
        salary = esc(card.salary, 60) if card.salary else "не названы"
        icon = RECOMMENDATION_ICONS[card.recommendation]
        lines.append(
            f"{place}. {icon} <b>{esc(comparison.candidates[index], 40)}</b>"
            f" — {card.recommendation.value}, {_total_line(card.total, card.percent)}; "
            f"флагов: {flags} (критических: {critical}); доход: {salary}"
        )
    if len(comparison.ranking) > len(shown):
        lines.append(f"…и ещё {len(comparison.ranking) - len(shown)} — все кандидаты есть в выгрузке Excel.")
    lines += ["", "<b>По компетенциям</b> — оценки в порядке списка выше, лучшие выделены"]
    for row in comparison.rows:
        marks = []
        for index in shown:
            rating = row.ratings[index]
            text = str(rating) if rating is not None else "—"
            marks.append(f"<b>{text}</b>" if index in row.best and len(shown) > 1 else text)
        star = " ★" if row.key else ""
        lines.append(f"{esc(row.title)}{star}: " + " · ".join(marks))
    return fit_lines(lines, TRAILER_EXCEL)


# --- audit ------------------------------------------------------------------------------------


def _points_line(points: int, max_points: int, percent: float | None) -> str:
    if percent is None:
        return "не проверено"
    return f"{points} из {max_points} ({fmt_percent(percent)})"


def render_audit(result: AuditResult) -> str:
    lines = [
        f"<b>Аудит системности: {_points_line(result.points, result.max_points, result.percent)}</b>",
        esc(result.verdict),
        "",
        "<b>По отделам</b>",
        *(
            f"• {esc(d.title)} — {_points_line(d.points, d.max_points, d.percent)}"
            for d in result.departments
        ),
    ]
    if result.weakest:
        lines += ["", "<b>Слабые места</b>"]
        for item in result.weakest:
            note = f" <i>{esc(item.note)}</i>" if item.note else ""
            lines.append(
                f"• {esc(item.title)} — {item.score} из {MAX_ITEM_POINTS}: {esc(item.level_text or '')}{note}"
            )
    lines += ["", "<b>Рекомендуемая программа обучения</b>"]
    if result.programme:
        for place, topic in enumerate(result.programme, start=1):
            lines.append(f"{place}. <b>{esc(topic.title)}</b> — {esc(topic.reason)}")
    else:
        lines.append("Системных пробелов не нашлось — обучение можно выбрать по желанию команды.")
    if result.unchecked:
        lines += ["", "Не проверено: " + esc(", ".join(result.unchecked))]
    return fit_lines(lines, TRAILER_EXCEL)


# --- CustDev ----------------------------------------------------------------------------------


def _answer_text(text: str, is_voice: bool) -> str:
    if text:
        return f"«{esc(text, ANSWER_LIMIT)}»" + (" 🎤" if is_voice else "")
    return "🎤 голосовой ответ" if is_voice else "(пустой ответ)"


def render_interview_summary(summary: InterviewSummary) -> str:
    title = (
        f"<b>Итоги интервью: {esc(summary.respondent, NAME_LIMIT)}</b>"
        if summary.respondent
        else ("<b>Итоги интервью</b>")
    )
    answers = len(summary.answers)
    lines = [
        title,
        f"{answers} {plural_ru(answers, 'ответ', 'ответа', 'ответов')}, "
        f"вопросов затронуто: {summary.questions_answered} из {summary.questions_total}",
        "Теги: " + " · ".join(f"{esc(t.label)} — {t.count}" for t in summary.tag_counts),
    ]
    if summary.untagged:
        lines.append(f"Без тегов: {summary.untagged} — отметьте их, чтобы они попали в итоги.")
    if summary.missed_sections:
        lines.append("Не затронуты разделы: " + esc(", ".join(f"«{t}»" for t in summary.missed_sections)))
    for tag in summary.tag_counts:
        tagged = summary.tagged(tag.tag_id)
        if not tagged:
            continue
        lines += ["", f"<b>{esc(tag.label.capitalize())}</b>"]
        lines += [f"• {_answer_text(a.text, a.is_voice)}" for a in tagged[:ANSWERS_PER_TAG]]
        if len(tagged) > ANSWERS_PER_TAG:
            lines.append(f"…и ещё {len(tagged) - ANSWERS_PER_TAG}")
    for heading, texts in (
        ("Следующий шаг", summary.next_steps),
        ("Кого порекомендовали", summary.referrals),
    ):
        if texts:
            lines += ["", f"<b>{heading}</b>", *(f"• {esc(text, ANSWER_LIMIT)}" for text in texts)]
    if not summary.next_steps:
        lines += ["", "⚠️ Следующий шаг не записан — договоритесь о нём, иначе разговор ничем не закончился."]
    return fit_lines(lines, TRAILER_EXCEL)


def _theme_line(place: int, theme: Theme, interviews: int) -> str:
    return f"{place}. {esc(theme.label.capitalize())} — в {theme.interviews} из {interviews} интервью"


def _quote_lines(theme: Theme) -> list[str]:
    lines = []
    for quote in theme.quotes[:QUOTES_SHOWN]:
        who = esc(quote.respondent, 40) if quote.respondent else f"интервью {quote.interview}"
        lines.append(f"   <i>«{esc(quote.text, QUOTE_LIMIT)}»</i> — {who}")
    return lines


def _tag_stat_line(label: str, answers: int, interviews: int, total: int) -> str:
    if not answers:
        return f"• {esc(label)} — не отмечено"
    noun = plural_ru(answers, "ответ", "ответа", "ответов")
    return f"• {esc(label)} — {answers} {noun} в {interviews} из {total} интервью"


def render_insights(insights: CustdevInsights) -> str:
    if not insights.interviews:
        return "Пока нет ни одного интервью — начните командой /custdev."
    count = insights.interviews
    lines = [
        f"<b>Итоги CustDev: {count} интервью</b>",
        "",
        "<b>Как часто звучали теги</b>",
        *(_tag_stat_line(stat.label, stat.answers, stat.interviews, count) for stat in insights.tag_stats),
    ]
    for heading, themes in (("Боли", insights.pains), ("Ценности", insights.values)):
        if themes:
            lines += ["", f"<b>{heading}</b>"]
            lines += [_theme_line(p, t, count) for p, t in enumerate(themes[:THEMES_SHOWN], start=1)]
    lines += [
        "",
        "<b>Кандидаты в ККЦ</b>",
        "<i>ККЦ — не более трёх ценностей для клиентов, в которых вы можете стать лучшими. "
        "Решите, в каких из кандидатов это под силу вашей компании.</i>",
    ]
    if insights.kcv_candidates:
        for place, theme in enumerate(insights.kcv_candidates, start=1):
            lines.append(f"<b>{_theme_line(place, theme, count)}</b>")
            lines += _quote_lines(theme)
    else:
        lines.append("Пока ни одну ценность не назвали хотя бы в двух интервью — проведите ещё интервью.")
    return fit_lines(lines, TRAILER_EXCEL)
