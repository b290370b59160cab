"""RFM scores: equal-sized rank groups by default, or the user's own thresholds typed in the chat.

Rank groups: clients are ranked by the raw value, ties in order of appearance (like pandas'
`rank(method="first")`), and cut into `scale` groups whose sizes differ by at most one. The largest
frequency / money and the smallest recency get the top score.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np

from .errors import BadOptions

_THRESHOLD_HELP = (
    "Напишите, например: «Д 30 90; Ч 2 5; С 10000 50000».\n"
    "Д — давность в днях: до 30 дней — 3 балла, до 90 — 2, дольше — 1.\n"
    "Ч — число заказов: от 5 — 3 балла, от 2 — 2, меньше — 1.\n"
    "С — сумма покупок: от 50 000 — 3 балла, от 10 000 — 2, меньше — 1.\n"
    "Для шкалы 1–5 укажите по четыре границы. Можно задать не все буквы — остальные показатели "
    "я разделю на равные группы."
)
_LABELS = {
    "r": "recency",
    "recency": "recency",
    "д": "recency",
    "давность": "recency",
    "f": "frequency",
    "frequency": "frequency",
    "ч": "frequency",
    "частота": "frequency",
    "m": "monetary",
    "monetary": "monetary",
    "с": "monetary",
    "м": "monetary",
    "сумма": "monetary",
    "деньги": "monetary",
}
_LABEL_RE = re.compile(
    r"(?<![\w])(" + "|".join(sorted(map(re.escape, _LABELS), key=len, reverse=True)) + r")(?![\w])\s*[:=—-]?",
    re.IGNORECASE,
)
_MONEY_RE = re.compile(r"(\d{1,3}(?:[ \u00a0]\d{3})+(?!\d)|\d+(?:\.\d+)?)\s*(тыс\.?|млн|к|k)?", re.IGNORECASE)
_PLAIN_RE = re.compile(r"\d+(?:\.\d+)?")
_MULTIPLIERS = {"к": 1e3, "k": 1e3, "тыс": 1e3, "тыс.": 1e3, "млн": 1e6}
_TITLES = {"recency": "давности", "frequency": "частоты", "monetary": "суммы"}


@dataclass(frozen=True)
class RfmThresholds:
    """Borders of the scores, ascending. Recency in days (≤ first border → best score); frequency and
    money: ≥ last border → best score. None: that letter is scored by equal rank groups."""

    recency: tuple[float, ...] | None = None
    frequency: tuple[float, ...] | None = None
    monetary: tuple[float, ...] | None = None

    @property
    def scale(self) -> int:
        given = [t for t in (self.recency, self.frequency, self.monetary) if t is not None]
        return len(given[0]) + 1 if given else 3

    def describe(self) -> str:
        """Russian one-liner for the report: what the user set."""
        parts = []
        for letter, values in (("Д", self.recency), ("Ч", self.frequency), ("С", self.monetary)):
            if values is not None:
                parts.append(f"{letter} " + " ".join(f"{v:g}" for v in values))
        return "; ".join(parts)


def parse_thresholds(text: str) -> RfmThresholds:
    """Parse the user's criteria (`Д 30 90; Ч 2 5; С 10 000 50 000`, or R/F/M); raise BadOptions with help."""
    matches = list(_LABEL_RE.finditer(text))
    if not matches:
        raise BadOptions("Не нашёл в сообщении букв Д, Ч или С (или R, F, M).\n" + _THRESHOLD_HELP)
    if text[: matches[0].start()].strip(" ;,.\n\t"):
        raise BadOptions("Не понял начало сообщения.\n" + _THRESHOLD_HELP)
    found: dict[str, tuple[float, ...]] = {}
    for i, match in enumerate(matches):
        letter = _LABELS[match.group(1).lower()]
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        chunk = text[match.end() : end]
        if letter in found:
            raise BadOptions(f"Границы {_TITLES[letter]} указаны дважды.\n" + _THRESHOLD_HELP)
        found[letter] = _numbers(chunk, money=letter == "monetary", letter=letter)
    sizes = {len(v) for v in found.values()}
    if len(sizes) != 1 or sizes.pop() not in (2, 4):
        raise BadOptions(
            "Для шкалы 1–3 нужно по две границы на букву, для шкалы 1–5 — по четыре, одинаково для всех.\n"
            + _THRESHOLD_HELP
        )
    return RfmThresholds(**found)


def _numbers(chunk: str, *, money: bool, letter: str) -> tuple[float, ...]:
    leftover = chunk
    values: list[float] = []
    if money:
        for match in _MONEY_RE.finditer(chunk):
            number = float(re.sub(r"[ \u00a0]", "", match.group(1)))
            suffix = (match.group(2) or "").lower()
            values.append(number * _MULTIPLIERS.get(suffix, 1.0))
        leftover = _MONEY_RE.sub("", chunk)
    else:
        values = [float(v) for v in _PLAIN_RE.findall(chunk)]
        leftover = _PLAIN_RE.sub("", chunk)
    if re.search(r"[^\s,;/.]", leftover):
        raise BadOptions(f"В границах {_TITLES[letter]} есть лишнее: «{leftover.strip()}».\n" + _THRESHOLD_HELP)
    if any(b <= a for a, b in itertools.pairwise(values)):
        raise BadOptions(f"Границы {_TITLES[letter]} должны идти по возрастанию.\n" + _THRESHOLD_HELP)
    return tuple(values)


def rank_scores(values: np.ndarray, scale: int, *, higher_is_better: bool) -> np.ndarray:
    """Scores 1..scale in equal groups by rank; ties keep the order in which clients appear."""
    n = len(values)
    order = np.argsort(values, kind="stable")
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n, dtype=np.int64)
    group = (position * scale) // max(n, 1) + 1
    scores = group if higher_is_better else scale + 1 - group
    return scores.astype(np.int8)


def threshold_scores(values: np.ndarray, borders: tuple[float, ...], *, higher_is_better: bool) -> np.ndarray:
    scale = len(borders) + 1
    edges = np.asarray(borders, dtype=np.float64)
    if higher_is_better:
        scores = 1 + np.searchsorted(edges, values, side="right")
    else:
        scores = scale - np.searchsorted(edges, values, side="left")
    return scores.astype(np.int8)
