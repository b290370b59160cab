"""RFM scores: equal-sized rank groups by default, or the user's own thresholds typed in the chat.

Rank groups: clients are ranked by the raw value, ties in order of appearance (like pandas'
`rank(method="first")`), and cut into `scale` groups whose sizes differ by at most one. The largest
frequency / money and the smallest recency get the top score.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from services.texts import t

from .content import analysis_words
from .errors import BadOptions

_PLAIN_RE = re.compile(r"\d+(?:\.\d+)?")
_NUMBER = r"(\d{1,3}(?:[ \u00a0]\d{3})+(?!\d)|\d+(?:\.\d+)?)"  # 10 000 (grouped) or 10000 / 12.5
MEASURES = ("recency", "frequency", "monetary")


@dataclass(frozen=True)
class _Grammar:
    """How criteria are written, from `content/analytics/words.yaml`: the names of the measures and the
    suffixes of sums ("10 тыс", "50к")."""

    measure_of: dict[str, str]  # a name as typed, lower case -> recency | frequency | monetary
    name_re: re.Pattern[str]
    money_re: re.Pattern[str]
    multipliers: dict[str, float]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    words = analysis_words()
    measure_of = words.measure_of()
    names = "|".join(sorted(map(re.escape, measure_of), key=len, reverse=True))
    suffixes = "|".join(sorted(map(re.escape, words.money_suffixes), key=len, reverse=True))
    return _Grammar(
        measure_of=measure_of,
        name_re=re.compile(r"(?<![\w])(" + names + r")(?![\w])\s*[:=—-]?", re.IGNORECASE),
        money_re=re.compile(_NUMBER + r"\s*(" + suffixes + r")?", re.IGNORECASE),
        multipliers=dict(words.money_suffixes),
    )


def _bad(problem: str) -> BadOptions:
    """What was wrong, then how to write criteria."""
    return BadOptions(problem + "\n" + t("analytics-thresholds-help"))


def _measure_of(measure: str) -> str:
    return t("analytics-measure-of", measure=measure)


@dataclass(frozen=True)
class RfmThresholds:
    """Borders of the scores, ascending. Recency in days (≤ first border → best score); frequency and
    money: ≥ last border → best score. None: that letter is scored by equal rank groups."""

    recency: tuple[float, ...] | None = None
    frequency: tuple[float, ...] | None = None
    monetary: tuple[float, ...] | None = None

    @property
    def scale(self) -> int:
        given = [v for v in (self.recency, self.frequency, self.monetary) if v is not None]
        return len(given[0]) + 1 if given else 3

    def describe(self) -> str:
        """Russian one-liner for the report: what the user set («Д 30 90; С 10000 50000»)."""
        parts = []
        for measure in MEASURES:
            values = getattr(self, measure)
            if values is not None:
                letter = t("analytics-measure-letter", measure=measure)
                parts.append(f"{letter} " + " ".join(f"{v:g}" for v in values))
        return "; ".join(parts)


def parse_thresholds(text: str) -> RfmThresholds:
    """Parse the user's criteria (`Д 30 90; Ч 2 5; С 10 000 50 000`, or R/F/M); raise BadOptions with help."""
    grammar = _grammar()
    matches = list(grammar.name_re.finditer(text))
    if not matches:
        raise _bad(t("analytics-thresholds-no-names"))
    if text[: matches[0].start()].strip(" ;,.\n\t"):
        raise _bad(t("analytics-thresholds-bad-start"))
    found: dict[str, tuple[float, ...]] = {}
    for i, match in enumerate(matches):
        measure = grammar.measure_of[match.group(1).lower()]
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        chunk = text[match.end() : end]
        if measure in found:
            raise _bad(t("analytics-thresholds-twice", measure=_measure_of(measure)))
        found[measure] = _numbers(chunk, money=measure == "monetary", measure=measure)
    sizes = {len(v) for v in found.values()}
    if len(sizes) != 1 or sizes.pop() not in (2, 4):
        raise _bad(t("analytics-thresholds-counts"))
    return RfmThresholds(**found)


def _numbers(chunk: str, *, money: bool, measure: str) -> tuple[float, ...]:
    leftover = chunk
    values: list[float] = []
    if money:
        grammar = _grammar()
        for match in grammar.money_re.finditer(chunk):
            number = float(re.sub(r"[ \u00a0]", "", match.group(1)))
            suffix = (match.group(2) or "").lower()
            values.append(number * grammar.multipliers.get(suffix, 1.0))
        leftover = grammar.money_re.sub("", chunk)
    else:
        values = [float(v) for v in _PLAIN_RE.findall(chunk)]
        leftover = _PLAIN_RE.sub("", chunk)
    if re.search(r"[^\s,;/.]", leftover):
        raise _bad(t("analytics-thresholds-extra", measure=_measure_of(measure), extra=leftover.strip()))
    if any(b <= a for a, b in itertools.pairwise(values)):
        raise _bad(t("analytics-thresholds-order", measure=_measure_of(measure)))
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
