"""Certificate of a passed exam: a verification code and a PNG picture to send in the chat."""

from __future__ import annotations

import datetime as dt
import io
import secrets
import textwrap
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle

from services.attestation.engine.formatting import MONTHS_GENITIVE
from services.attestation.engine.typed_input import typed_input
from services.texts import t

# 32 symbols without the look-alikes 0/O and 1/I, so a code read aloud or retyped survives.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10
CODE_GROUPS = (4, 4, 2)

INK = "#1f2a44"
GOLD = "#b08d3c"
PAPER = "#fbf8f1"
MUTED = "#5b6478"
SANS = "DejaVu Sans"
SERIF = "DejaVu Serif"


def _group(raw: str) -> str:
    parts, start = [], 0
    for size in CODE_GROUPS:
        parts.append(raw[start:start + size])
        start += size
    return "-".join(parts)


def new_code() -> str:
    """A fresh certificate code like «K7QX-M2PD-9H»: 50 random bits, unguessable, easy to retype."""
    return _group("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))


def normalize_code(text: str) -> str | None:
    """What a user typed after /verify → the canonical code, or None when it cannot be one."""
    # Russian users often type a code in the Cyrillic layout; its look-alike letters count as the Latin ones.
    raw = text.strip().upper().translate(str.maketrans(typed_input().code_lookalikes))
    raw = "".join(ch for ch in raw if ch not in " -–—_.")
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    return _group(raw)


def format_date(day: dt.date) -> str:
    return t("attest-cert-date", day=str(day.day), month=MONTHS_GENITIVE[day.month - 1], year=str(day.year))


def _plain(text: str) -> str:
    """Matplotlib reads $…$ as math; a name with a dollar sign must print as typed."""
    return text.replace("$", r"\$")


def _frame(fig: Figure) -> None:
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.add_patch(Rectangle((0, 0), 1, 1, color=PAPER))
    ax.add_patch(Rectangle((0.025, 0.035), 0.95, 0.93, fill=False, edgecolor=INK, linewidth=3))
    ax.add_patch(Rectangle((0.038, 0.053), 0.924, 0.894, fill=False, edgecolor=GOLD, linewidth=1.2))
    ax.add_patch(Rectangle((0.4, 0.772), 0.2, 0.004, color=GOLD))


def _seal(fig: Figure, percent: int) -> None:
    # A separate square axes keeps the seal round on a landscape page.
    ax = fig.add_axes((0.77, 0.12, 0.16, 0.16 * 11.69 / 8.27))
    ax.set_axis_off()
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.add_patch(Circle((0, 0), 0.98, color=GOLD))
    ax.add_patch(Circle((0, 0), 0.86, fill=False, edgecolor=PAPER, linewidth=1.5))
    ax.text(0, 0.12, f"{percent} %", ha="center", va="center", color=PAPER, fontsize=26,
            fontfamily=SERIF, fontweight="bold")
    ax.text(0, -0.38, t("attest-cert-seal"), ha="center", va="center", color=PAPER, fontsize=11, fontfamily=SANS)


def _name_size(name: str) -> float:
    return 40 if len(name) <= 24 else max(18, 40 * 24 / len(name))


def render_certificate_png(name: str, date: dt.date, percent: int, code: str, topics: Sequence[str]) -> bytes:
    """The certificate as PNG bytes (landscape A4 proportions, ~1640×1160 px).

    `topics` are the titles of the topics the exam covered.
    """
    fig = Figure(figsize=(11.69, 8.27), dpi=140)
    FigureCanvasAgg(fig)
    _frame(fig)
    text = fig.text
    text(0.5, 0.885, "SALES COACH", ha="center", color=GOLD, fontsize=13, fontfamily=SANS, fontweight="bold")
    text(0.5, 0.815, t("attest-cert-title"), ha="center", color=INK, fontsize=46, fontfamily=SERIF, fontweight="bold")
    text(0.5, 0.71, t("attest-cert-subtitle"), ha="center", color=MUTED, fontsize=18,
         fontfamily=SANS)
    text(0.5, 0.625, t("attest-cert-confirms"), ha="center", color=MUTED, fontsize=14, fontfamily=SANS)
    shown_name = _plain(name.strip() if len(name.strip()) <= 60 else name.strip()[:59] + "…")
    text(0.5, 0.54, shown_name, ha="center", color=INK, fontsize=_name_size(name.strip()),
         fontfamily=SERIF, fontweight="bold")
    fig.add_artist(Rectangle((0.22, 0.515), 0.56, 0.0025, color=INK, transform=fig.transFigure))
    text(0.5, 0.45, t("attest-cert-passed", percent=str(percent)), ha="center", color=INK,
         fontsize=16, fontfamily=SANS)
    if topics:
        wrapped = textwrap.fill(t("attest-cert-topics", topics=" · ".join(_plain(title) for title in topics)),
                                width=105)
        text(0.5, 0.39, wrapped, ha="center", va="top", color=MUTED, fontsize=10.5, fontfamily=SANS,
             linespacing=1.5)
    text(0.08, 0.2, t("attest-cert-issued"), color=MUTED, fontsize=11, fontfamily=SANS)
    text(0.08, 0.165, format_date(date), color=INK, fontsize=15, fontfamily=SANS, fontweight="bold")
    text(0.37, 0.2, t("attest-cert-code"), color=MUTED, fontsize=11, fontfamily=SANS)
    text(0.37, 0.165, code, color=INK, fontsize=15, fontfamily="DejaVu Sans Mono", fontweight="bold")
    text(0.08, 0.095, t("attest-cert-verify", code=code), color=MUTED, fontsize=11.5, fontfamily=SANS)
    _seal(fig, percent)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=140, facecolor=PAPER)
    return buffer.getvalue()
