"""Reading a number the way people type it in a chat: «25», «25,5», «1 250 000 ₽», «−3», «12 %»."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from services.attestation.engine.typed_input import typed_input

_GROUP_SPACES = " \u00a0\u2009\u202f\u2007'’"
_MINUS = "-−–"

# Each pattern is one way of writing the number body; the decimal part is normalised to a dot.
_BODIES = (
    # 1 250 000 | 1250000 | 25,5 | 25.5 — thousands by spaces, decimal comma or dot
    re.compile(rf"(?P<int>\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+|\d+)(?:[.,](?P<frac>\d+))?"),
    # 1,250,000 | 1,250.5 — English grouping
    re.compile(r"(?P<int>\d{1,3}(?:,\d{3}){2,})(?:\.(?P<frac>\d+))?"),
    re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+)\.(?P<frac>\d+)"),
    # 1.250.000 | 1.250,5 — grouping by dots
    re.compile(r"(?P<int>\d{1,3}(?:\.\d{3}){2,})(?:,(?P<frac>\d+))?"),
    re.compile(r"(?P<int>\d{1,3}(?:\.\d{3})+),(?P<frac>\d+)"),
)


def _strip_tail(text: str, extra_units: tuple[str, ...]) -> tuple[str, int]:
    """Drop a trailing unit («%», «₽», the question's own unit) and read a multiplier («тыс.»).

    The units and multipliers are content (content/typed_input.yaml)."""
    words = typed_input().numbers
    lowered = text.casefold()
    for unit in sorted((*words.units, *extra_units), key=len, reverse=True):
        if unit and lowered.endswith(unit.casefold()):
            text, lowered = text[: -len(unit)].rstrip(), lowered[: -len(unit)].rstrip()
            break
    for word, factor in words.multipliers.items():
        if lowered.endswith(word.casefold()):
            return text[: -len(word)].rstrip(), factor
    return text, 1


def parse_number(raw: str, unit: str | None = None) -> float | None:
    """The number in a user's answer, or None when the text does not look like a number."""
    text = raw.strip().lstrip("≈~").strip()
    if not text or len(text) > 40:
        return None
    text, factor = _strip_tail(text, (unit,) if unit else ())
    if not text:
        return None
    sign = 1
    if text[0] in _MINUS or text[0] == "+":
        sign = -1 if text[0] in _MINUS else 1
        text = text[1:].lstrip()
    for pattern in _BODIES:
        match = pattern.fullmatch(text)
        if match:
            whole = re.sub(r"\D", "", match.group("int"))
            frac = match.group("frac") or "0"
            try:
                return sign * float(Decimal(f"{whole}.{frac}") * factor)
            except InvalidOperation:  # pragma: no cover — the patterns admit digits only
                return None
    return None
