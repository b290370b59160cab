"""Russian number formatting and month names shared by the generators, grading and rendering.

Word forms (1 день, 2 дня, 5 дней) come from CLDR: through Fluent selectors in content/texts/attestation.ftl, or
`plural_category` here when a rule needs the category itself. Month names come from CLDR too (Babel, which the
Fluent runtime is built on), so no Russian word is typed into this module.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import get_month_names

from services.texts import LOCALE

# A narrow no-break space: a thin space that never lets a number break across lines in Telegram.
THIN_SPACE = "\u202f"

_LOCALE = Locale.parse(LOCALE)
# «январь» … «декабрь» (a month on its own) and «января» … «декабря» (in a date: 5 января).
MONTHS_NOMINATIVE = tuple(get_month_names("wide", context="stand-alone", locale=_LOCALE)[m] for m in range(1, 13))
MONTHS_GENITIVE = tuple(get_month_names("wide", context="format", locale=_LOCALE)[m] for m in range(1, 13))


def plural_category(number: int) -> str:
    """The CLDR plural category of a count in Russian: one (21 день), few (2 дня), many (5 дней)."""
    return _LOCALE.plural_form(abs(number))


def round_half_up(value: float, places: int = 0) -> Decimal:
    """School rounding (2.5 → 3), which is what a manager with a calculator expects."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_int(value: int) -> str:
    """1250000 → «1 250 000» with thin spaces between thousands."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", THIN_SPACE)


def format_decimal(value: float, places: int, *, keep_zeros: bool = False) -> str:
    """33.333 → «33,3» (places=1); the Russian decimal comma, thin spaces in the integer part.

    Trailing zeros are dropped unless `keep_zeros` (coefficients read better as «0,90»).
    """
    rounded = round_half_up(value, places)
    sign = "-" if rounded < 0 else ""
    rounded = abs(rounded)
    whole = int(rounded)
    text = format_int(whole)
    if places > 0:
        fraction = f"{rounded:.{places}f}".split(".")[1]
        if not keep_zeros:
            fraction = fraction.rstrip("0")
        if fraction:
            text = f"{text},{fraction}"
    return sign + text


def format_number(value: float) -> str:
    """A value typed into content (25, 33.3, 160000) shown the Russian way, without float noise."""
    if float(value).is_integer():
        return format_int(int(value))
    return format_decimal(value, 4)
