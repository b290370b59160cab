"""Bar charts drawn with Pillow: the few shapes the RFM and seasonality reports need, in a few milliseconds.

matplotlib costs half a second to import and as much to lay out one figure, which is most of the time a command
line report takes; these charts are bars, labels and titles, so they are drawn here directly. The font is DejaVu
Sans (it has Cyrillic), taken from matplotlib's package data without importing matplotlib. Pillow images are
plain objects: safe in the bot's worker threads.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from services.texts import t

BLUE, ORANGE, GREY, INK, AXIS = "#2F6EBA", "#E8833A", "#9AA5B1", "#222222", "#555555"
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


def font_path(bold: bool = False) -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib's fonts (DejaVu Sans) are not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf" / FONT_FILES[bold]


@lru_cache(maxsize=16)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold)), size)


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.image = Image.new("RGB", (width, height), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.width, self.height = width, height

    def text(self, xy: tuple[float, float], text: str, *, size: int = 13, bold: bool = False, anchor: str = "la",
             fill: str = INK) -> None:
        self.draw.text(xy, text, font=_font(size, bold), anchor=anchor, fill=fill)

    def text_width(self, text: str, size: int = 13, bold: bool = False) -> float:
        return self.draw.textlength(text, font=_font(size, bold))

    def rotated_text(self, xy: tuple[float, float], text: str, *, size: int = 11, angle: int = 45) -> None:
        """Text rising at `angle` degrees, its end at `xy` (tick labels under a crowded axis)."""
        font = _font(size, False)
        _, _, right, bottom = font.getbbox(text)
        tile = Image.new("L", (right + 2, bottom + 2), 0)
        ImageDraw.Draw(tile).text((0, 0), text, font=font, fill=255)
        turned = tile.rotate(angle, expand=True, resample=Image.BICUBIC)
        x, y = int(xy[0] - turned.width), int(xy[1])
        self.image.paste(Image.new("RGB", turned.size, INK), (x, y), turned)

    def title(self, text: str, size: int = 16) -> None:
        self.text((self.width / 2, 12), text, size=size, anchor="mt")

    def hbars(self, box: Box, values: Sequence[float], labels: Sequence[str], color: str, title: str) -> None:
        """Horizontal bars top to bottom, each with its value label at the end; `box` is the plotting area."""
        self.text((box.left + box.width / 2, box.top - 8), title, size=13, anchor="md")
        top = max(max(values, default=0), 0) or 1
        scale = box.width / (top * 1.25)  # room for the labels at the ends of the longest bars
        step = box.height / max(len(values), 1)
        for i, (value, label) in enumerate(zip(values, labels, strict=True)):
            y0 = box.top + i * step + step * 0.15
            y1 = box.top + (i + 1) * step - step * 0.15
            x1 = box.left + max(value, 0) * scale
            if x1 > box.left:
                self.draw.rectangle((box.left, y0, x1, y1), fill=color)
            self.text((x1 + 4, (y0 + y1) / 2), label, size=11, anchor="lm")
        self.draw.line((box.left, box.top, box.left, box.bottom), fill=AXIS, width=1)
        self.draw.line((box.left, box.bottom, box.right, box.bottom), fill=AXIS, width=1)

    def vbars(self, box: Box, values: Sequence[float], colors: Sequence[str], ticks: Sequence[str], title: str,
              *, reference: float | None = None, tick_every: int = 1, rotate: bool = False) -> None:
        """Vertical bars left to right; `reference` draws a horizontal line (1.0 for coefficients)."""
        self.text((box.left + box.width / 2, box.top - 10), title, size=13, anchor="md")
        top = max([*values, reference or 0, 0]) or 1
        scale = box.height / (top * 1.1)
        step = box.width / max(len(values), 1)
        for i, (value, color) in enumerate(zip(values, colors, strict=True)):
            x0 = box.left + i * step + step * 0.12
            x1 = box.left + (i + 1) * step - step * 0.12
            y0 = box.bottom - max(value, 0) * scale
            if y0 < box.bottom:
                self.draw.rectangle((x0, y0, x1, box.bottom), fill=color)
        for i, tick in enumerate(ticks):
            if i % tick_every or not tick:
                continue
            x = box.left + (i + 0.5) * step
            if rotate:
                self.rotated_text((x + 4, box.bottom + 4), tick)
            else:
                self.text((x, box.bottom + 4), tick, size=11, anchor="mt")
        self._value_axis(box, top * 1.1)
        if reference is not None:
            y = box.bottom - reference * scale
            self.draw.line((box.left, y, box.right, y), fill="black", width=1)

    def _value_axis(self, box: Box, top: float) -> None:
        self.draw.line((box.left, box.top, box.left, box.bottom), fill=AXIS, width=1)
        self.draw.line((box.left, box.bottom, box.right, box.bottom), fill=AXIS, width=1)
        for value in _nice_ticks(top):
            y = box.bottom - value / top * box.height
            self.draw.line((box.left - 4, y, box.left, y), fill=AXIS, width=1)
            self.text((box.left - 6, y), _short_number(value), size=10, anchor="rm", fill=AXIS)

    def legend(self, xy: tuple[float, float], items: Sequence[tuple[str, str]]) -> None:
        x, y = xy
        for label, color in items:
            self.draw.rectangle((x, y, x + 14, y + 10), fill=color)
            self.text((x + 20, y + 5), label, size=11, anchor="lm")
            y += 18

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, format="PNG", optimize=False)
        return buffer.getvalue()


def _nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round values 0 < v <= top for a value axis: 1, 2 or 5 times a power of ten apart."""
    if top <= 0:
        return []
    raw = top / count
    power = 10 ** int(f"{raw:e}".split("e")[1])
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return [step * i for i in range(1, int(top / step) + 1)]


def _short_number(value: float) -> str:
    """An axis label: thousands and millions shortened («250 тыс.», «1,5 млн»), a decimal comma."""
    if value >= 1_000_000:
        return t("analytics-axis-millions", value=_decimal(value / 1_000_000))
    if value >= 10_000:
        return t("analytics-axis-thousands", value=_decimal(value / 1_000))
    if value >= 1000:
        return f"{value:,.0f}".replace(",", " ")
    return _decimal(value)


def _decimal(value: float) -> str:
    return f"{value:g}".replace(".", ",")
