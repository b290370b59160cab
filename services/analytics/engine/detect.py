"""What a file is: transactions or a client list (RFM), deals or stage counts (funnel), sales by date
(seasonality) — with a confidence, so the chat asks with buttons when it is unsure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow.compute as pc

from services.texts import t

from .columns import ColumnMatch, match_columns
from .funnel_stages import is_lost_name, is_won_name, recognise
from .reader import LoadedTable
from .values import clean_text, parse_dates

KINDS = ("rfm", "funnel", "seasonality")
SURE = 0.6
MARGIN = 0.15
_SAMPLE = 5000


@dataclass(frozen=True)
class Detection:
    kind: str | None  # None: ask the user, offering `alternatives`
    confidence: float
    alternatives: list[str] = field(default_factory=list)  # kinds worth offering, best first
    reason: str = ""  # Russian, for logs and the CLI: why we think so
    scores: dict[str, float] = field(default_factory=dict)


def detect_kind(table: LoadedTable) -> Detection:
    matches = {kind: match_columns(table, kind) for kind in KINDS}
    scored = {
        "funnel": _funnel_score(table, matches["funnel"]),
        "rfm": _rfm_score(table, matches["rfm"]),
        "seasonality": _seasonality_score(table, matches["seasonality"], matches["rfm"]),
    }
    if scored["funnel"][0] >= 0.8:
        # A deals export has clients, dates and budgets too; its stage column is what makes it a funnel.
        for kind in ("rfm", "seasonality"):
            scored[kind] = (max(scored[kind][0] - 0.3, 0.0), scored[kind][1])
    ranking = sorted(scored, key=lambda k: -scored[k][0])
    best, second = ranking[0], ranking[1]
    confidence = scored[best][0]
    alternatives = [k for k in ranking if scored[k][0] >= 0.3] or list(ranking)
    sure = confidence >= SURE and confidence - scored[second][0] >= MARGIN
    return Detection(
        kind=best if sure else None,
        confidence=round(confidence, 2),
        alternatives=alternatives,
        reason=scored[best][1] if sure else t("analytics-detect-unsure"),
        scores={k: round(v[0], 2) for k, v in scored.items()},
    )


def _funnel_score(table: LoadedTable, match: ColumnMatch) -> tuple[float, str]:
    stage = match.mapping.get("stage")
    if not stage:
        return 0.0, ""
    values = clean_text(table.df[stage].iloc[:_SAMPLE]).drop_null()
    distinct = len(pc.unique(values))
    if distinct < 2 or distinct > 40:
        return 0.2, ""
    reason = t("analytics-detect-funnel", stage=stage)
    if "count" in match.mapping and distinct == len(values):
        return 0.9, reason
    names = pc.unique(values).to_pylist()
    known = recognise(names) is not None or any(is_won_name(v) or is_lost_name(v) for v in names)
    return (0.85 if distinct < len(values) or known else 0.5), reason


def _rfm_score(table: LoadedTable, match: ColumnMatch) -> tuple[float, str]:
    mapping = match.mapping
    has_amount = "amount" in mapping or ("quantity" in mapping and "price" in mapping) or "amount" in match.ambiguous
    if not has_amount or not ({"client", "date"} <= set(mapping) | set(match.ambiguous)):
        return 0.0, ""
    score = 0.55
    client = mapping.get("client")
    if client:
        keys = clean_text(table.df[client].iloc[:_SAMPLE]).drop_null()
        repeated = len(pc.unique(keys)) < len(keys)
        if repeated or "count" in mapping:
            score += 0.25
    if "order" in mapping or "count" in mapping:
        score += 0.1
    return score, t("analytics-detect-rfm")


def _seasonality_score(table: LoadedTable, match: ColumnMatch, rfm: ColumnMatch) -> tuple[float, str]:
    mapping = match.mapping
    if "date" not in mapping or match.missing:
        from .season_shapes import wide_layout

        if not match.missing and {"year", "month"} <= set(mapping):
            return (0.45 if "client" in rfm.mapping else 0.8), t("analytics-detect-seasonality")
        if "client" not in rfm.mapping and wide_layout(table) is not None:  # months as columns
            return 0.9, t("analytics-detect-seasonality")
        return 0.0, ""
    score = 0.45 if "client" in rfm.mapping else 0.75
    column = table.df[mapping["date"]]
    if len(column) > _SAMPLE:
        # An even spread over the file shows its span of months without parsing every row.
        column = column.iloc[np.linspace(0, len(column) - 1, _SAMPLE).astype(np.int64)]
    dates = parse_dates(column)
    dates = dates[~np.isnat(dates)]
    if len(dates):
        months = np.unique(dates.astype("datetime64[M]"))
        if len(months) >= 12:
            score += 0.1
        if len(months) == len(dates) and len(dates) == len(table.df):  # one row per month: monthly sales
            score += 0.1
    return score, t("analytics-detect-seasonality")
