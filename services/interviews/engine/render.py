"""HTML messages for Telegram with interview results: scorecard, comparison, audit, CustDev (texts: interviews.ftl).

Every text that came from a user or a file goes through `esc`; content texts are escaped too, so a
stray «<» or «&» in a YAML file cannot break a message. Each message stays under 4096 characters.
"""

from __future__ import annotations

from services.interviews.engine.audit import MAX_ITEM_POINTS, AuditResult
from services.interviews.engine.custdev import CustdevInsights, InterviewSummary, Theme
from services.interviews.engine.evidence import voice_line
from services.interviews.engine.formatting import fmt_decimal, fmt_percent
from services.interviews.engine.html_text import esc, fit_lines
from services.interviews.engine.scorecard import (
    MAX_RATING,
    Comparison,
    CompetencyScore,
    Recommendation,
    Scorecard,
    recommendation_text,
)
from services.texts import t

NAME_LIMIT = 80
SALARY_LIMIT = 300
ANSWER_LIMIT = 300
EVIDENCE_ANSWER_LIMIT = 200  # the candidate's answer under a score; the full text is in the PDF and Excel
EVIDENCE_NOTE_LIMIT = 300
QUOTE_LIMIT = 240
ANSWERS_PER_TAG = 3
THEMES_SHOWN = 5
QUOTES_SHOWN = 2
MAX_COMPARED_IN_MESSAGE = 6
QUOTE_INDENT = "   "

RECOMMENDATION_ICONS = {Recommendation.HIRE: "✅", Recommendation.DISCUSS: "🤔", Recommendation.REJECT: "❌"}


def _trailer() -> str:
    """What replaces the lines a long message drops: the full version is in the Excel export."""
    return t("interview-trailer-excel")


def total_text(total: float | None, percent: float | None) -> str:
    """«3,4 из 4 (80 %)», or «нет оценок»: the scorecard's total in messages and the PDF."""
    if total is None or percent is None:
        return t("interview-no-ratings")
    return t("interview-total", total=fmt_decimal(total), max=MAX_RATING, percent=fmt_percent(percent))


def _rating_text(rating: int | None) -> str:
    return f"<b>{rating}</b>" if rating is not None else "—"


# --- head of sales ----------------------------------------------------------------------------


def render_scorecard(card: Scorecard) -> str:
    icon = RECOMMENDATION_ICONS[card.recommendation]
    name = esc(card.candidate, NAME_LIMIT) if card.candidate else ""
    salary = esc(card.salary, SALARY_LIMIT) if card.salary else t("interview-salary-none")
    lines = [
        t("interview-scorecard-title-named", name=name) if name else t("interview-scorecard-title"),
        t("interview-scorecard-recommendation", icon=icon, recommendation=recommendation_text(card.recommendation)),
        t("interview-scorecard-total", total=total_text(card.total, card.percent), confidence=card.confidence),
        t("interview-scorecard-salary", salary=salary),
        "",
        t("interview-scorecard-why"),
        *(f"• {esc(reason)}" for reason in card.reasons),
    ]
    if card.strengths:
        lines.append(t("interview-scorecard-strengths", titles=esc(", ".join(card.strengths))))
    if card.weaknesses:
        lines.append(t("interview-scorecard-weaknesses", titles=esc(", ".join(card.weaknesses))))
    lines += ["", t("interview-scorecard-competencies")]
    for score in card.competencies:
        star = " ★" if score.key else ""
        rating = _rating_text(score.rating) if score.rating is not None else t("interview-not-rated")
        lines.append(f"• {esc(score.title)}{star} ×{score.weight} — {rating}")
        lines += _evidence_lines(score)
    return fit_lines(lines, _trailer())


def _evidence_lines(score: CompetencyScore) -> list[str]:
    """Under a score, the reasons behind it: the candidate's answer, the owner's notes, the red flags raised."""
    evidence = score.evidence
    lines = []
    if evidence.answer:
        lines.append(f"💬 {t('interview-evidence-answer', answer=esc(evidence.answer, EVIDENCE_ANSWER_LIMIT))}")
    if voice := voice_line(evidence):
        lines.append(f"🎤 {esc(voice)}")
    if evidence.note:
        note = " · ".join(part for part in evidence.note.split("\n") if part.strip())  # notes typed in pieces
        lines.append(f"📝 {t('interview-evidence-note', note=esc(note, EVIDENCE_NOTE_LIMIT))}")
    for flag in score.red_flags:
        critical = " " + t("interview-scorecard-flag-critical") if flag.critical else ""
        lines.append(f"🚩 {esc(flag.text)}{critical}")
    return [QUOTE_INDENT + line for line in lines]


def render_comparison(comparison: Comparison) -> str:
    if not comparison.candidates:
        return t("interview-comparison-empty")
    shown = comparison.ranking[:MAX_COMPARED_IN_MESSAGE]
    lines = [t("interview-comparison-title")]
    for place, index in enumerate(shown, start=1):
        card = comparison.scorecards[index]
        lines.append(t(
            "interview-comparison-line",
            place=place,
            icon=RECOMMENDATION_ICONS[card.recommendation],
            name=esc(comparison.candidates[index], 40),
            recommendation=recommendation_text(card.recommendation),
            total=total_text(card.total, card.percent),
            flags=len(card.red_flags),
            critical=sum(1 for f in card.red_flags if f.critical),
            salary=esc(card.salary, 60) if card.salary else t("interview-salary-none"),
        ))
    if len(comparison.ranking) > len(shown):
        lines.append(t("interview-comparison-more", count=len(comparison.ranking) - len(shown)))
    lines += ["", t("interview-comparison-by-competency")]
    for row in comparison.rows:
        marks = []
        for index in shown:
            rating = row.ratings[index]
            text = str(rating) if rating is not None else "—"
            marks.append(f"<b>{text}</b>" if index in row.best and len(shown) > 1 else text)
        star = " ★" if row.key else ""
        lines.append(f"{esc(row.title)}{star}: " + " · ".join(marks))
    return fit_lines(lines, _trailer())


# --- audit ------------------------------------------------------------------------------------


def _points_line(points: int, max_points: int, percent: float | None) -> str:
    if percent is None:
        return t("interview-audit-not-checked")
    return t("interview-audit-points", points=points, max=max_points, percent=fmt_percent(percent))


def render_audit(result: AuditResult) -> str:
    lines = [
        t("interview-audit-title", points=_points_line(result.points, result.max_points, result.percent)),
        esc(result.verdict),
        "",
        t("interview-audit-by-department"),
        *(
            f"• {esc(d.title)} — {_points_line(d.points, d.max_points, d.percent)}"
            for d in result.departments
        ),
    ]
    if result.weakest:
        lines += ["", t("interview-audit-weakest")]
        for item in result.weakest:
            note = f" <i>{esc(item.note)}</i>" if item.note else ""
            lines.append(t("interview-audit-weak-item", title=esc(item.title), score=item.score or 0,
                           max=MAX_ITEM_POINTS, level=esc(item.level_text or ""), note=note))
    lines += ["", t("interview-audit-programme")]
    if result.programme:
        for place, topic in enumerate(result.programme, start=1):
            lines.append(f"{place}. <b>{esc(topic.title)}</b> — {esc(topic.reason)}")
    else:
        lines.append(t("interview-audit-no-gaps"))
    if result.unchecked:
        lines += ["", t("interview-audit-unchecked", titles=esc(", ".join(result.unchecked)))]
    return fit_lines(lines, _trailer())


# --- CustDev ----------------------------------------------------------------------------------


def _answer_text(text: str, is_voice: bool) -> str:
    if text:
        return f"«{esc(text, ANSWER_LIMIT)}»" + (" 🎤" if is_voice else "")
    return t("interview-answer-voice") if is_voice else t("interview-answer-empty")


def render_interview_summary(summary: InterviewSummary) -> str:
    if summary.respondent:
        title = t("interview-summary-title-named", name=esc(summary.respondent, NAME_LIMIT))
    else:
        title = t("interview-summary-title")
    lines = [
        title,
        t("interview-summary-counts", answers=len(summary.answers), answered=summary.questions_answered,
          total=summary.questions_total),
        t("interview-summary-tags", tags=" · ".join(f"{esc(tag.label)} — {tag.count}" for tag in summary.tag_counts)),
    ]
    if summary.untagged:
        lines.append(t("interview-summary-untagged", count=summary.untagged))
    if summary.missed_sections:
        sections = ", ".join(f"«{title}»" for title in summary.missed_sections)
        lines.append(t("interview-summary-missed-sections", sections=esc(sections)))
    for tag in summary.tag_counts:
        tagged = summary.tagged(tag.tag_id)
        if not tagged:
            continue
        lines += ["", f"<b>{esc(tag.label.capitalize())}</b>"]
        lines += [f"• {_answer_text(a.text, a.is_voice)}" for a in tagged[:ANSWERS_PER_TAG]]
        if len(tagged) > ANSWERS_PER_TAG:
            lines.append(t("interview-summary-more", count=len(tagged) - ANSWERS_PER_TAG))
    for heading, texts in (
        (t("interview-summary-next-step"), summary.next_steps),
        (t("interview-summary-referrals"), summary.referrals),
    ):
        if texts:
            lines += ["", heading, *(f"• {esc(text, ANSWER_LIMIT)}" for text in texts)]
    if not summary.next_steps:
        lines += ["", t("interview-summary-no-next-step")]
    return fit_lines(lines, _trailer())


def _theme_line(place: int, theme: Theme, interviews: int) -> str:
    return t("interview-insights-theme", place=place, label=esc(theme.title),
             interviews=theme.interviews, total=interviews)


def _quote_lines(theme: Theme) -> list[str]:
    lines = []
    for quote in theme.quotes[:QUOTES_SHOWN]:
        who = esc(quote.respondent, 40) if quote.respondent else t("interview-quote-interview", number=quote.interview)
        lines.append(QUOTE_INDENT + t("interview-insights-quote", text=esc(quote.text, QUOTE_LIMIT), who=who))
    return lines


def _tag_stat_line(label: str, answers: int, interviews: int, total: int) -> str:
    if not answers:
        return t("interview-insights-tag-unused", label=esc(label))
    return t("interview-insights-tag", label=esc(label), answers=answers, interviews=interviews, total=total)


def render_insights(insights: CustdevInsights) -> str:
    if not insights.interviews:
        return t("interview-insights-empty")
    count = insights.interviews
    lines = [
        t("interview-insights-title", count=count),
        "",
        t("interview-insights-tag-frequency"),
        *(_tag_stat_line(stat.label, stat.answers, stat.interviews, count) for stat in insights.tag_stats),
    ]
    for heading, themes in ((t("interview-insights-pains"), insights.pains),
                            (t("interview-insights-values"), insights.values)):
        if themes:
            lines += ["", heading]
            lines += [_theme_line(p, theme, count) for p, theme in enumerate(themes[:THEMES_SHOWN], start=1)]
    lines += ["", t("interview-insights-kcv"), t("interview-insights-kcv-definition")]
    if insights.kcv_candidates:
        for place, theme in enumerate(insights.kcv_candidates, start=1):
            lines.append(f"<b>{_theme_line(place, theme, count)}</b>")
            lines += _quote_lines(theme)
    else:
        lines.append(t("interview-insights-kcv-none"))
    return fit_lines(lines, _trailer())
