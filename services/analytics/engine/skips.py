"""Why rows were left out of an analysis: reason codes and their Russian explanations.

Results keep `skipped: dict[str, int]` (reason code -> row count); `explain(code)` gives the text a user
reads, so no row is ever dropped silently.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "malformed": "строка не разбирается (не то число столбцов)",
    "cancelled": "отменённый заказ или возврат",
    "no_client": "не указан клиент",
    "bad_date": "дата не читается",
    "bad_amount": "сумма не читается",
    "non_positive_amount": "сумма нулевая или отрицательная",
    "bad_count": "число покупок не читается",
    "after_reference_date": "покупка позже выбранной даты отсчёта",
    "no_stage": "не указан этап",
    "unknown_stage": "этапа нет в выбранном порядке воронки",
    "no_deal": "не указан номер сделки",
}


def explain(code: str) -> str:
    return REASONS.get(code, code)


def add(skipped: dict[str, int], code: str, count: int) -> None:
    """Add a count to `skipped`, keeping zero counts out so renderers show only real reasons."""
    if count:
        skipped[code] = skipped.get(code, 0) + int(count)
