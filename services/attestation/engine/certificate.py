"""Certificate of a passed exam: a verification code and a PNG picture to send in the chat."""

from __future__ import annotations

import datetime as dt
import io
import secrets
import textwrap
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle
from matplotlib.text import Text

from services.attestation.engine.formatting import MONTHS_GENITIVE
from services.attestation.engine.links import verify_url
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
PAGE = (11.69, 8.27)  # inches, landscape A4
DPI = 140
# The bottom band holds the date, the code, how to verify, the seal and the QR code; the text above ends over it.
BOTTOM_ZONE = 0.26
SEAL_AT = (0.62, 0.075, 0.12)  # left, bottom, width (figure fractions)
QR_AT = (0.80, 0.075, 0.12)
TOPIC_WRAP = 110  # characters a line of topics at 10.5 pt
TOPIC_SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)


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


def _square(fig: Figure, left: float, bottom: float, width: float, gid: str) -> Axes:
    """Square axes on the landscape page (a round seal stays round, a QR code square)."""
    ax = fig.add_axes((left, bottom, width, width * PAGE[0] / PAGE[1]))
    ax.set_axis_off()
    ax.set_gid(gid)
    return ax


def _seal(fig: Figure, percent: int, at: tuple[float, float, float]) -> None:
    ax = _square(fig, *at, gid="seal")
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.add_patch(Circle((0, 0), 0.98, color=GOLD))
    ax.add_patch(Circle((0, 0), 0.86, fill=False, edgecolor=PAPER, linewidth=1.5))
    ax.text(0, 0.12, f"{percent} %", ha="center", va="center", color=PAPER, fontsize=22,
            fontfamily=SERIF, fontweight="bold")
    ax.text(0, -0.38, t("attest-cert-seal"), ha="center", va="center", color=PAPER, fontsize=10, fontfamily=SANS)


def _qr(fig: Figure, url: str) -> None:
    import numpy as np
    import qrcode

    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    ax = _square(fig, *QR_AT, gid="qr")
    ax.imshow(np.array(code.get_matrix(), dtype=float), cmap="Greys", interpolation="nearest", vmin=0, vmax=1)


def _name_size(name: str) -> float:
    return 40 if len(name) <= 24 else max(18, 40 * 24 / len(name))


def _shrink_to(fig: Figure, artist: Text, *, right: float, smallest: float = 6.0) -> None:
    """Make `artist` smaller until it ends left of `right` (a figure fraction): a long bot name or team name
    must never run under the seal or off the page."""
    while artist.get_fontsize() > smallest and not _fits(fig, artist, right=right):
        artist.set_fontsize(artist.get_fontsize() - 0.5)


def _fits(fig: Figure, artist: Text, *, right: float | None = None, bottom: float | None = None) -> bool:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    box = artist.get_window_extent(renderer).transformed(fig.transFigure.inverted())
    return (right is None or box.x1 <= right) and (bottom is None or box.y0 >= bottom)


def _topics(fig: Figure, top: float, titles: list[str]) -> None:
    """The topics the exam covered, centred, ending above the bottom band: smaller type and longer lines when
    there are many; if even that is not enough, as many as fit and «…»."""
    block = fig.text(0.5, top, "", ha="center", va="top", color=MUTED, fontfamily=SANS, linespacing=1.5,
                     gid="topics")
    for shown in range(len(titles), 0, -1):
        joined = " · ".join(titles[:shown]) + ("" if shown == len(titles) else " …")
        for size in TOPIC_SIZES:
            block.set_fontsize(size)
            block.set_text(textwrap.fill(t("attest-cert-topics", topics=joined), width=int(TOPIC_WRAP * 10.5 / size)))
            if _fits(fig, block, bottom=BOTTOM_ZONE):
                return


def _width(fig: Figure, artist: Text) -> float:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    return float(artist.get_window_extent(renderer).transformed(fig.transFigure.inverted()).width)


def verify_lines(code: str, bot_username: str) -> list[str]:
    """How to check the certificate, as printed: the bot by name, the command, the deep link."""
    if not bot_username:
        return [t("attest-cert-verify", code=code)]
    return [t("attest-cert-verify-bot", bot=bot_username, code=code),
            t("attest-cert-verify-link", link=verify_url(bot_username, code).removeprefix("https://"))]


def certificate_figure(name: str, date: dt.date, percent: int, code: str, topics: Sequence[str], *,
                       bot_username: str = "", sponsor: str | None = None) -> Figure:
    """The certificate drawn on a landscape A4 figure (see `render_certificate_png`). Parts a layout test
    looks at carry a gid: «topics», «seal», «qr», «verify»."""
    fig = Figure(figsize=PAGE, dpi=DPI)
    FigureCanvasAgg(fig)
    _frame(fig)
    text = fig.text
    text(0.5, 0.885, "SALES COACH", ha="center", color=GOLD, fontsize=13, fontfamily=SANS, fontweight="bold")
    text(0.5, 0.815, t("attest-cert-title"), ha="center", color=INK, fontsize=46, fontfamily=SERIF, fontweight="bold")
    text(0.5, 0.715, t("attest-cert-subtitle"), ha="center", color=MUTED, fontsize=18, fontfamily=SANS)
    text(0.5, 0.64, t("attest-cert-confirms"), ha="center", color=MUTED, fontsize=14, fontfamily=SANS)
    shown_name = _plain(name.strip() if len(name.strip()) <= 60 else name.strip()[:59] + "…")
    name_text = text(0.5, 0.56, shown_name, ha="center", color=INK, fontsize=_name_size(name.strip()),
                     fontfamily=SERIF, fontweight="bold")
    _shrink_to(fig, name_text, right=0.93)
    underline = max(0.56, _width(fig, name_text) + 0.04)  # the line under the name is never shorter than it
    fig.add_artist(Rectangle((0.5 - underline / 2, 0.535), underline, 0.0025, color=INK, transform=fig.transFigure))
    text(0.5, 0.475, t("attest-cert-passed", percent=str(percent)), ha="center", color=INK, fontsize=16,
         fontfamily=SANS)
    topics_top = 0.435
    if sponsor:
        line = text(0.5, 0.435, _plain(t("attest-cert-sponsor", sponsor=sponsor)), ha="center", color=INK,
                    fontsize=12.5, fontfamily=SANS)
        _shrink_to(fig, line, right=0.93)
        topics_top = 0.395
    if topics:
        _topics(fig, topics_top, [_plain(title) for title in topics])
    text(0.08, 0.21, t("attest-cert-issued"), color=MUTED, fontsize=11, fontfamily=SANS)
    text(0.08, 0.175, format_date(date), color=INK, fontsize=15, fontfamily=SANS, fontweight="bold")
    text(0.33, 0.21, t("attest-cert-code"), color=MUTED, fontsize=11, fontfamily=SANS)
    text(0.33, 0.175, code, color=INK, fontsize=15, fontfamily="DejaVu Sans Mono", fontweight="bold")
    lines = [text(0.08, 0.115 - 0.035 * k, _plain(line_text), color=MUTED, fontsize=10.5, fontfamily=SANS,
                  gid="verify") for k, line_text in enumerate(verify_lines(code, bot_username))]
    for line in lines:
        _shrink_to(fig, line, right=SEAL_AT[0] - 0.015)
    for line in lines:  # the lines of one sentence in one size
        line.set_fontsize(min(other.get_fontsize() for other in lines))
    if bot_username:
        _seal(fig, percent, SEAL_AT)
        _qr(fig, verify_url(bot_username, code))
    else:  # no QR code: the seal takes the corner
        _seal(fig, percent, QR_AT)
    return fig


def render_certificate_png(name: str, date: dt.date, percent: int, code: str, topics: Sequence[str], *,
                           bot_username: str = "", sponsor: str | None = None) -> bytes:
    """The certificate as PNG bytes (landscape A4 proportions, ~1640×1160 px).

    `topics` are the titles of the topics the exam covered; `bot_username` (without @) prints how to check the
    code in the bot, with a deep link and its QR code; `sponsor` names the team (and company) that assigned the exam.
    """
    fig = certificate_figure(name, date, percent, code, topics, bot_username=bot_username, sponsor=sponsor)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor=PAPER)
    return buffer.getvalue()
