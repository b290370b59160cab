"""Raw string columns -> numbers, dates and client keys, vectorised with pyarrow compute.

Exports write numbers as `1 234,50 ₽`, `1,234.50`, `(300)` or `17850.0`, and dates as `dd.mm.yyyy`, ISO,
`m/d/yy h:mm`, `15 января 2023` or Excel serials; the same column may mix formats. Whatever cannot be read
becomes NaN / NaT, and the analysis counts it as a skipped row with a reason. So does what reads but cannot be
true: an infinite or astronomically large number (`inf`, `1e400`), a date in the future or before 1990 — one
`31.12.9999` would otherwise become the reference date of every recency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field, field_validator

from services.paths import CONTENT_DIR

from .content import read_yaml

_STR = pa.large_string()
_NULL_STR = pa.scalar(None, _STR)
VALUES_FILE = CONTENT_DIR / "analytics" / "values.yaml"


class ValueWords(BaseModel):
    """content/analytics/values.yaml: how exports write "nothing here", currencies and month names."""

    missing: list[str]
    currency: list[str] = Field(min_length=1)
    year_words: list[str] = Field(min_length=1)
    months: dict[str, int]
    letter_folds: dict[str, str] = Field(default_factory=dict)

    @field_validator("months")
    @classmethod
    def _month_numbers(cls, months: dict[str, int]) -> dict[str, int]:
        for name, number in months.items():
            if len(name) != 3 or name != name.lower() or not 1 <= number <= 12:
                raise ValueError(f"month {name!r}: three lower-case letters and a number 1–12")
        if set(months.values()) != set(range(1, 13)):
            raise ValueError("every month from 1 to 12 needs a name")
        return months


def load_value_words(path: Path = VALUES_FILE) -> ValueWords:
    return ValueWords.model_validate(read_yaml(path))


@lru_cache(maxsize=1)
def value_words() -> ValueWords:
    return load_value_words()


@lru_cache(maxsize=1)
def _missing_tokens() -> pa.Array:
    # Spelled out in the usual cases so the check needs no lower-casing of a million cells.
    spelled = {v for m in value_words().missing for v in (m, m.upper(), m.capitalize(), m.title())}
    return pa.array(sorted(spelled | {"NaN", "NaT"}), _STR)

# --- strings ----------------------------------------------------------------------------------------------


def as_arrow(column: pd.Series | pa.ChunkedArray | pa.Array) -> pa.ChunkedArray:
    """A column as a pyarrow string array (zero-copy for the pyarrow-backed columns of `LoadedTable`)."""
    if isinstance(column, pa.ChunkedArray):
        arr = column
    elif isinstance(column, pa.Array):
        arr = pa.chunked_array([column])
    else:
        arr = (
            pa.chunked_array(pa.array(column.array, from_pandas=True))
            if len(column)
            else pa.chunked_array([pa.array([], _STR)])
        )
    if arr.type != _STR:
        arr = pc.cast(arr, _STR)
    return arr


def clean_text(column: pd.Series | pa.ChunkedArray) -> pa.ChunkedArray:
    """Trimmed strings, with the usual spellings of "nothing here" (NA, null, #Н/Д, -) turned into null."""
    arr = pc.utf8_trim_whitespace(as_arrow(column))
    missing = pc.is_in(arr, value_set=_missing_tokens())
    return pc.if_else(missing, _NULL_STR, arr)


def client_keys(column: pd.Series | pa.ChunkedArray) -> pa.ChunkedArray:
    """Client identifiers: trimmed, missing -> null, `17850.0` -> `17850` (IDs that went through a float)."""
    arr = clean_text(column)
    if pc.any(pc.ends_with(arr, ".0")).as_py():
        arr = pc.replace_substring_regex(arr, r"^(\d+)\.0+$", r"\1")
    return arr


# --- numbers ----------------------------------------------------------------------------------------------

_PLAIN_NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"
_SPACES = r"[\s\x{00a0}\x{202f}\x{2009}\x{2007}']"
_COMMA_DECIMAL = r"^[-+]?\d*,(\d{1,2}|\d{4,})$"
_COMMA_THOUSANDS = r"^[-+]?\d{1,3}(,\d{3})+\.\d+$|^[-+]?\d{1,3}(,\d{3}){2,}$"


# No amount, price or count in a business export comes near this; beyond it a value is a typo or a sentinel,
# and sums of such values overflow to infinity in the report.
MAX_ABS_NUMBER = 1e15


def parse_numbers(column: pd.Series | pa.ChunkedArray) -> np.ndarray:
    """Float64 array; NaN where the cell is empty, not a number, or not a finite number below `MAX_ABS_NUMBER`."""
    raw = as_arrow(column)
    try:
        # Most machine exports are plain numbers: arrow's cast reads them all at C speed or fails at once.
        return _finite(pc.cast(raw, pa.float64()).to_numpy().astype(np.float64, copy=False))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    arr = clean_text(raw)
    plain = pc.match_substring_regex(arr, _PLAIN_NUMBER)
    if not pc.all(pc.or_kleene(plain, pc.is_null(arr))).as_py():
        arr = _normalise_number_text(arr)
        plain = pc.match_substring_regex(arr, _PLAIN_NUMBER)
    values = pc.cast(pc.if_else(plain, arr, _NULL_STR), pa.float64())
    return _finite(values.to_numpy().astype(np.float64, copy=False))


def _finite(values: np.ndarray) -> np.ndarray:
    """`inf`, `Infinity`, `1e400` (arrow reads them all as infinity) and absurd magnitudes become NaN."""
    with np.errstate(invalid="ignore"):
        absurd = ~(np.abs(values) < MAX_ABS_NUMBER) & ~np.isnan(values)
    if absurd.any():
        values = values.copy() if not values.flags.writeable else values
        values[absurd] = np.nan
    return values


@lru_cache(maxsize=1)
def _currency_pattern() -> str:
    words = sorted(value_words().currency, key=len, reverse=True)
    alternatives = [re.escape(w) + (r"\.?" if w[-1].isalpha() else "") for w in words]
    return "(?i)(" + "|".join(alternatives) + ")"


def _normalise_number_text(arr: pa.ChunkedArray) -> pa.ChunkedArray:
    arr = pc.replace_substring_regex(arr, _SPACES, "")
    arr = pc.replace_substring_regex(arr, _currency_pattern(), "")
    arr = pc.replace_substring_regex(arr, "[−–]", "-")  # typographic minus and en dash
    arr = pc.replace_substring_regex(arr, r"^\((.*)\)$", r"-\1")  # accounting negative: (300)
    arr = pc.replace_substring_regex(arr, r"^(.*)-$", r"-\1")  # 1C writes some negatives as 300-
    has_comma = pc.match_substring(arr, ",")
    has_dot = pc.match_substring(arr, ".")
    comma_last = pc.match_substring_regex(arr, r",\d*$")
    many_commas = pc.match_substring_regex(arr, ",.*,")
    many_dots = pc.match_substring_regex(arr, r"\..*\.")
    # One decision per column for a lone comma: "1,234" is a thousand only if the column shows
    # thousands groups elsewhere and never a decimal comma.
    commas_are_thousands = (
        pc.any(pc.match_substring_regex(arr, _COMMA_THOUSANDS)).as_py()
        and not pc.any(pc.match_substring_regex(arr, _COMMA_DECIMAL)).as_py()
    )
    european = pc.replace_substring(pc.replace_substring(arr, ".", ""), ",", ".")
    english = pc.replace_substring(arr, ",", "")
    no_dots = pc.replace_substring(arr, ".", "")
    lone_comma = english if commas_are_thousands else european
    both = pc.and_(has_comma, has_dot)
    return pc.if_else(
        both,
        pc.if_else(comma_last, european, english),
        pc.if_else(
            has_comma,
            pc.if_else(many_commas, english, lone_comma),
            pc.if_else(many_dots, no_dots, arr),
        ),
    )


# --- dates ------------------------------------------------------------------------------------------------

# (arrow strptime format, index of the day among the digit runs): the index lets us catch 31.02 that
# strptime silently rolls over into March.
_DATE_FORMATS: tuple[tuple[str, int], ...] = (
    ("%Y-%m-%d %H:%M:%S", 2),
    ("%Y-%m-%dT%H:%M:%S", 2),
    ("%Y-%m-%d %H:%M", 2),
    ("%Y-%m-%d", 2),
    ("%Y/%m/%d %H:%M:%S", 2),
    ("%Y/%m/%d", 2),
    ("%d.%m.%Y %H:%M:%S", 0),
    ("%d.%m.%Y %H:%M", 0),
    ("%d.%m.%Y", 0),
    ("%d.%m.%y %H:%M", 0),
    ("%d.%m.%y", 0),
    ("%m/%d/%Y %H:%M:%S", 1),
    ("%m/%d/%Y %H:%M", 1),
    ("%m/%d/%Y %I:%M %p", 1),
    ("%m/%d/%Y", 1),
    ("%m/%d/%y %H:%M", 1),
    ("%m/%d/%y", 1),
    ("%d/%m/%Y %H:%M:%S", 0),
    ("%d/%m/%Y %H:%M", 0),
    ("%d/%m/%Y", 0),
    ("%d/%m/%y %H:%M", 0),
    ("%d/%m/%y", 0),
    ("%d-%m-%Y %H:%M:%S", 0),
    ("%d-%m-%Y %H:%M", 0),
    ("%d-%m-%Y", 0),
)
_SAMPLE = 2000
_MIN_YEAR, _MAX_YEAR = 1900, 2200
_TS = pa.timestamp("s")


EARLIEST_YEAR = 1990  # an earlier date in a sales export is a typo (01.01.0001, 1900 as "no date")
FUTURE_MARGIN = timedelta(days=2)  # an export made "tomorrow" in another time zone is still today's


@dataclass(frozen=True)
class DateColumn:
    """A parsed date column. `values` is NaT wherever the row has no usable date; the masks say why."""

    values: np.ndarray  # datetime64[s]
    future: np.ndarray  # bool: a date after today (plus a small margin): 31.12.9999, a typo in the year
    past: np.ndarray  # bool: a date before EARLIEST_YEAR: 01.01.0001, 1900 as "no date"

    @property
    def missing(self) -> np.ndarray:
        """Empty or unreadable (future and past rows are NaT in `values` too, but counted apart)."""
        return np.isnat(self.values) & ~self.future & ~self.past


def read_dates(column: pd.Series | pa.ChunkedArray, *, today: date | None = None) -> DateColumn:
    """Dates of a column for an analysis: the implausible ones (after today, before 1990) are set apart from the
    unreadable ones, so that one typo can neither shift the reference date nor vanish without a word."""
    raw = _parse_any_date(column)
    latest = np.datetime64(datetime.combine((today or date.today()) + FUTURE_MARGIN, datetime.max.time()), "s")
    future = raw > latest  # NaT compares False either way
    past = raw < np.datetime64(f"{EARLIEST_YEAR}-01-01T00:00:00", "s")
    values = _within(raw, _LOWEST, latest)
    values[past] = np.datetime64("NaT")
    return DateColumn(values=values, future=future, past=past)


def parse_dates(column: pd.Series | pa.ChunkedArray) -> np.ndarray:
    """datetime64[s] array; NaT where the cell is empty or not a date of the years 1900–2200 (what a date
    *reads as*; whether it is plausible for an analysis is `read_dates`'s business)."""
    return _within(_parse_any_date(column), _LOWEST, _HIGHEST)


def _within(values: np.ndarray, lowest: np.datetime64, highest: np.datetime64) -> np.ndarray:
    out = values.copy()
    out[(values < lowest) | (values > highest)] = np.datetime64("NaT")
    return out


def _parse_any_date(column: pd.Series | pa.ChunkedArray) -> np.ndarray:
    """datetime64[s] array; NaT where the cell is empty or not a date. Written-out years outside 1900–2200
    (`01.01.0001`, `31.12.9999`) are kept here so that `read_dates` can say what was wrong with them.

    The formats that cover a sample of the column are applied to the whole column with arrow's strptime;
    cells none of them reads (month names, Excel serials, ISO with a time zone) go through `_parse_odd`.
    """
    raw = as_arrow(column)
    iso = _iso_dates(raw)
    if iso is not None:
        return iso
    # Formats are chosen on a cleaned sample but applied to the raw column: trimming a million cells
    # costs more than re-reading the few that carry spaces or "NA".
    formats = _formats_for(clean_text(raw.slice(0, 50_000)) if len(raw) > 50_000 else clean_text(raw))
    result = _apply_formats(raw, formats)
    unread = np.isnat(result)
    if not unread.any():
        return result
    arr = clean_text(raw)
    missing = unread & arr.is_valid().to_numpy(zero_copy_only=False)
    if not missing.any():
        return result
    retry = pc.if_else(pa.array(missing), arr, _NULL_STR)
    # The rest may use other formats than the head of the file did (a new 1C version mid-year).
    result = _coalesce(result, _apply_formats(retry, _formats_for(retry)))
    leftover = np.isnat(result) & missing
    if leftover.any():
        result = _coalesce(result, _parse_odd(pc.if_else(pa.array(leftover), arr, _NULL_STR)))
    return result


def _iso_dates(arr: pa.ChunkedArray) -> np.ndarray | None:
    """A column of ISO dates (`2023-01-05`, `2023-01-05 10:00:00`), as machines export them, read by arrow's cast
    at several times strptime's speed; it refuses an impossible day (`2023-02-31`). None as soon as one cell is
    anything else (blank, another format, a time zone) or a year outside 1900–2200: the general path reads those."""
    try:
        parsed = pc.cast(arr, _TS).to_numpy().astype("datetime64[s]", copy=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if ((parsed < _LOWEST) | (parsed > _HIGHEST)).any():
        return None
    return parsed


def _coalesce(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    return np.where(np.isnat(first), second, first)


def _apply_formats(arr: pa.ChunkedArray, formats: list[tuple[str, int]]) -> np.ndarray:
    result = np.full(len(arr), np.datetime64("NaT"), dtype="datetime64[s]")
    valid = arr.is_valid().to_numpy(zero_copy_only=False) if arr.null_count else None
    for i, (fmt, day_index) in enumerate(formats):
        todo = np.isnat(result) if valid is None else np.isnat(result) & valid
        if not todo.any():
            break
        subset = arr if i == 0 else pc.if_else(pa.array(todo), arr, _NULL_STR)
        result = _coalesce(result, _strptime_checked(subset, fmt, day_index))
    return result


def _formats_for(arr: pa.ChunkedArray) -> list[tuple[str, int]]:
    """Greedy cover of a sample: the fewest formats that read the most sample values, best first."""
    values = pc.drop_null(arr).combine_chunks()
    if len(values) > _SAMPLE:
        # The head and an even spread of the rest: exports often change format part-way (new 1C version).
        spread = np.linspace(0, len(values) - 1, _SAMPLE // 2).astype(np.int64)
        head = np.arange(_SAMPLE // 2, dtype=np.int64)
        values = values.take(pa.array(np.concatenate([head, spread])))
    sample = pa.chunked_array([values])
    hits = {fmt: ~np.isnat(_strptime_checked(sample, fmt, day)) for fmt, day in _DATE_FORMATS}
    chosen: list[tuple[str, int]] = []
    covered = np.zeros(len(sample), dtype=bool)
    while True:
        best, gain = None, 0
        for fmt, day in _DATE_FORMATS:
            new = int(np.count_nonzero(hits[fmt] & ~covered))
            if new > gain:
                best, gain = (fmt, day), new
        if best is None:
            return chosen
        chosen.append(best)
        covered |= hits[best[0]]


_LOWEST = np.datetime64(f"{_MIN_YEAR}-01-01T00:00:00", "s")
_HIGHEST = np.datetime64(f"{_MAX_YEAR}-12-31T23:59:59", "s")
_ROLLED_INTO_FIRST = np.array([5, 7, 10, 12])


def _strptime_checked(arr: pa.ChunkedArray, fmt: str, day_index: int) -> np.ndarray:
    parsed = pc.strptime(arr, format=fmt, unit="s", error_is_null=True).to_numpy().astype("datetime64[s]")
    parsed[(parsed < _LOWEST) | (parsed > _HIGHEST)] = np.datetime64("NaT")
    # strptime rolls 31.02 over into 03.03 and 31.04 into 01.05: only dates that such a roll-over can
    # produce are checked against the day written in the text.
    days = parsed.astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    day = (days - months).astype(np.int64) + 1
    month = months.astype(np.int64) % 12 + 1
    suspect = ((month == 3) & (day <= 3)) | ((day == 1) & np.isin(month, _ROLLED_INTO_FIRST))
    suspect &= ~np.isnat(parsed)
    if suspect.any():
        rows = np.flatnonzero(suspect)
        pattern = r"^\D*" + r"\d+\D+" * day_index + r"(?P<day>\d+)"
        texts = arr.take(pa.array(rows))
        day_text = pc.struct_field(pc.extract_regex(texts, pattern), [0]).to_numpy(zero_copy_only=False)
        written = np.array([int(t) if t else -1 for t in day_text], dtype=np.int64)
        parsed[rows[written != day[rows]]] = np.datetime64("NaT")
    return parsed


@lru_cache(maxsize=1)
def _odd_patterns() -> tuple[re.Pattern[str], ...]:
    year_word = "|".join(re.escape(w) for w in sorted(value_words().year_words, key=len, reverse=True))
    return (
        # 15 января 2023 г. / янв 2023 / Январь 23 / Jan-2023
        re.compile(
            r"^(?:(?P<d>\d{1,2})[\s.\-]+)?(?P<mon>[^\W\d_]{3,})\.?[\s.\-/]*(?P<y>\d{4}|\d{2})"
            rf"(?:\s*(?:{year_word})\.?)?$"
        ),
        re.compile(r"^(?P<y>\d{4})[\s.\-]+(?P<mon>[^\W\d_]{3,})$"),  # 2023 январь
        re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})$"),  # 2023-01
        re.compile(r"^(?P<m>\d{1,2})[./](?P<y>\d{4})$"),  # 01.2023
        # ISO with fractions or a time zone: 2023-01-05T10:00:00.123+03:00
        re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})[ t](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"),
        # dd.mm.yyyy г. / dd.mm.yyyy with seconds fraction
        re.compile(
            rf"^(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}})(?:\s*(?:{year_word})\.?)?"
            r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2}))?"
        ),
    )


@lru_cache(maxsize=1)
def _letter_folds() -> dict[int, str]:
    return str.maketrans(value_words().letter_folds)


_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_EXCEL_EPOCH = datetime(1899, 12, 30)


def _parse_odd(arr: pa.ChunkedArray) -> np.ndarray:
    """Cells the strptime formats did not read, parsed one distinct value at a time."""
    uniques = pc.unique(pc.drop_null(arr)).to_pylist()
    parsed = [_parse_one(text) for text in uniques]
    lookup = pa.array(parsed, _TS)
    index = pc.index_in(arr, value_set=pa.array(uniques, _STR))
    return pc.take(lookup, index).to_numpy().astype("datetime64[s]")


def _parse_one(text: str) -> datetime | None:
    if _EXCEL_SERIAL.match(text):
        serial = float(text)
        if 20000 <= serial <= 80000:  # 1954..2119: a plain number outside that is no date
            return _EXCEL_EPOCH + timedelta(days=serial)
        return None
    lowered = text.lower().translate(_letter_folds())
    months = value_words().months
    for pattern in _odd_patterns():
        match = pattern.match(lowered)
        if not match:
            continue
        parts = match.groupdict()
        month = months.get(parts["mon"][:3]) if parts.get("mon") else int(parts["m"])
        if month is None:
            continue
        year = int(parts["y"])
        if len(parts["y"]) == 2:  # «янв 23»; a written-out «0001» stays year 1 (and is refused)
            year += 2000 if year < 70 else 1900
        try:
            return datetime(
                year,
                month,
                int(parts.get("d") or 1),
                int(parts.get("H") or 0),
                int(parts.get("M") or 0),
                int(parts.get("S") or 0),
            )
        except ValueError:
            return None
    return None


def month_only(column: pd.Series | pa.ChunkedArray) -> bool:
    """True when every readable cell names a month without a day (`2023-01`, `Январь 2023`)."""
    arr = pc.drop_null(clean_text(column))
    if len(arr) == 0:
        return False
    day_like = pc.match_substring_regex(
        arr,
        r"^\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
        r"|^\d{1,2}\s+\p{L}",
    )
    return not pc.any(day_like).as_py()
