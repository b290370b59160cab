"""Scorecard as a PDF (A4) drawn with matplotlib: text and a bar chart of the ratings.

DejaVu Sans ships with matplotlib and covers Cyrillic; characters it lacks (emoji in a candidate's
salary answer, say) are dropped rather than drawn as empty boxes. Math parsing is off, so «$» in user
text stays a dollar sign. Only the object-oriented API is used — no pyplot global state — so this is
safe to run in a worker thread.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from functools import lru_cache

from services.interviews.engine.evidence import voice_line
from services.interviews.engine.render import total_text
from services.interviews.engine.scorecard import CompetencyScore, Scorecard, recommendation_text
from services.texts import t

FONT_FAMILY = "DejaVu Sans"
PAGE_SIZE = (8.27, 11.69)  # A4 in inches
TOP, BOTTOM, LEFT = 0.95, 0.05, 0.07
BAR_ROW_HEIGHT = 0.024  # figure fraction per competency in the chart
BAR_COLORS = {1: "#d9534f", 2: "#f0ad4e", 3: "#5bc0de", 4: "#5cb85c"}
SKIPPED_COLOR = "#cccccc"


@dataclass(frozen=True)
class _Style:
    size: float
    weight: str
    height: float  # line height as a figure fraction
    wrap: int  # characters per line
    indent: float = 0.0  # figure fraction to the right of the left margin
    color: str = "black"
    gap: float = 0.0  # space above, as a share of the line height


_STYLES = {
    "title": _Style(16, "bold", 0.034, 50),
    "heading": _Style(12, "bold", 0.028, 68, gap=0.5),
    "body": _Style(10, "normal", 0.020, 84),
    "item": _Style(10, "normal", 0.020, 84, gap=0.4),  # a competency and its score: a little air above
    # The evidence under a score: the candidate's answer, the owner's notes, the red flags raised.
    "evidence": _Style(9, "normal", 0.017, 88, indent=0.03, color="#333333"),
}


@lru_cache(maxsize=1)
def _supported_codepoints() -> frozenset[int]:
    from matplotlib import font_manager

    font = font_manager.get_font(font_manager.findfont(FONT_FAMILY))
    return frozenset(font.get_charmap())


def _printable(text: str) -> str:
    supported = _supported_codepoints()
    return "".join(ch for ch in text if ch in "\n\t " or ord(ch) in supported)


def _header_lines(card: Scorecard) -> list[tuple[str, str]]:
    if card.candidate:
        title = t("interview-pdf-title-named", name=card.candidate)
    else:
        title = t("interview-pdf-title")
    return [
        ("title", title),
        ("heading", t("interview-pdf-recommendation", recommendation=recommendation_text(card.recommendation))),
        ("body", t("interview-pdf-total", total=total_text(card.total, card.percent), confidence=card.confidence)),
        ("body", t("interview-pdf-salary", salary=card.salary or t("interview-salary-none"))),
    ]


def _competency_line(title: str, weight: int, key: bool, rating: str) -> str:
    if key:
        return t("interview-pdf-competency-key", title=title, weight=weight, rating=rating)
    return t("interview-pdf-competency", title=title, weight=weight, rating=rating)


def _evidence_lines(score: CompetencyScore) -> list[tuple[str, str]]:
    """The reasons behind one score, in full: a partner reading the PDF has no chat to look them up in."""
    evidence = score.evidence
    texts = []
    if evidence.answer:
        texts.append(t("interview-evidence-answer", answer=evidence.answer))
    if voice := voice_line(evidence):
        texts.append(voice)
    if evidence.note:
        texts.append(t("interview-evidence-note", note=evidence.note))
    for flag in score.red_flags:
        critical = " " + t("interview-pdf-critical") if flag.critical else ""
        texts.append(t("interview-evidence-flag", flag=flag.text) + critical)
    # Notes and answers typed in several messages keep their paragraphs.
    return [("evidence", paragraph) for text in texts for paragraph in text.split("\n") if paragraph.strip()]


def pdf_lines(card: Scorecard) -> list[tuple[str, str]]:
    """Every line of text the PDF prints, in order, as (style, text): what tests read instead of the PDF."""
    return [*_header_lines(card), *_body_lines(card)]


def _body_lines(card: Scorecard) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = [("heading", t("interview-xlsx-why")), *(("body", f"• {r}") for r in card.reasons)]
    lines.append(("heading", t("interview-pdf-competencies")))
    for score in card.competencies:
        rating = f"{score.rating} — {score.rubric_text}" if score.rating is not None else t("interview-not-rated")
        lines.append(("item", _competency_line(score.title, score.weight, score.key, rating)))
        lines += _evidence_lines(score)
    if card.red_flags:
        lines.append(("heading", t("interview-xlsx-red-flags")))
        for flag in card.red_flags:
            critical = " " + t("interview-pdf-critical") if flag.critical else ""
            lines.append(("body", f"• {flag.text} ({flag.competency_title}){critical}"))
    return lines


def _draw_chart(figure, card: Scorecard, top: float) -> float:
    """Horizontal bars of the ratings under `top`; returns the y where the text continues."""
    count = len(card.competencies)
    height = BAR_ROW_HEIGHT * count
    axes = figure.add_axes((0.42, top - height, 0.5, height))
    labels = [_printable(s.title) for s in card.competencies]
    values = [s.rating or 0 for s in card.competencies]
    colors = [BAR_COLORS.get(s.rating or 0, SKIPPED_COLOR) for s in card.competencies]
    positions = list(range(count))
    axes.barh(positions, values, color=colors)
    axes.set_yticks(positions, labels, fontsize=8, fontfamily=FONT_FAMILY)
    axes.invert_yaxis()
    axes.set_xlim(0, 4)
    axes.set_xticks([1, 2, 3, 4], ["1", "2", "3", "4"], fontsize=8, fontfamily=FONT_FAMILY)
    axes.grid(axis="x", alpha=0.3)
    for position, value in zip(positions, values, strict=True):
        if not value:
            axes.text(
                0.05,
                position,
                t("interview-not-rated"),
                va="center",
                fontsize=7,
                color="#777777",
                fontfamily=FONT_FAMILY,
                parse_math=False,
            )
    return top - height - 0.03


def _build_pages(card: Scorecard) -> list:
    """Lay the scorecard out on A4 figures: header, ratings chart, then text flowing over pages."""
    from matplotlib.figure import Figure

    pages = [Figure(figsize=PAGE_SIZE)]
    y = TOP

    def emit(style_name: str, text: str) -> None:
        nonlocal y
        style = _STYLES[style_name]
        gap = style.height * style.gap
        for part in textwrap.wrap(_printable(text), style.wrap) or [""]:
            if y - gap - style.height < BOTTOM:
                pages.append(Figure(figsize=PAGE_SIZE))
                y, gap = TOP, 0.0
            y -= gap + style.height
            gap = 0.0
            pages[-1].text(
                LEFT + style.indent,
                y,
                part,
                fontsize=style.size,
                fontweight=style.weight,
                color=style.color,
                fontfamily=FONT_FAMILY,
                parse_math=False,
            )

    for style_name, text in _header_lines(card):
        emit(style_name, text)
    y = _draw_chart(pages[-1], card, y - 0.02)
    for style_name, text in _body_lines(card):
        emit(style_name, text)
    return pages


def scorecard_pdf(card: Scorecard) -> bytes:
    """The scorecard as PDF bytes (one or more A4 pages)."""
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    title = t("interview-pdf-metadata-title", name=card.candidate).strip()
    metadata = {"Title": _printable(title), "Creator": "Sales Coach"}
    with PdfPages(buffer, metadata=metadata) as pdf:
        for page in _build_pages(card):
            pdf.savefig(page)
    return buffer.getvalue()
