"""Russian number formatting and word forms shared by the generators, grading and rendering."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# A narrow no-break space: a thin space that never lets a number break across lines in Telegram.
THIN_SPACE = "\u202f"

MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)


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


def plural(number: int, one: str, few: str, many: str) -> str:
    """Russian word form for a count: 1 день, 2 дня, 5 дней, 11 дней, 21 день."""
    number = abs(number)
    if 11 <= number % 100 <= 14:
        return many
    if number % 10 == 1:
        return one
    if 2 <= number % 10 <= 4:
        return few
    return many


def with_word(number: int, one: str, few: str, many: str) -> str:
    return f"{format_int(number)} {plural(number, one, few, many)}"
