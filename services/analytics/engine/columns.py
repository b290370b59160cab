"""Which column of the file plays which role (client, date, amount, stage ...), from Russian or English headers.

Headers are compared in a compact form (lower case, ё -> е, no spaces or punctuation), so `CustomerID`,
`customer_id` and `Customer ID` are one name, and amoCRM's `Бюджет ` with its trailing space matches too.
The synonyms and their scores are content: `content/analytics/columns.yaml`.
A header the values contradict (a "date" column where no cell is a date) is not proposed. When two headers
fit a required role equally well the role is `ambiguous`, and the chat asks the user with buttons.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from services.texts import t

from .content import KINDS, column_synonyms, compact
from .reader import LoadedTable
from .values import clean_text, parse_dates, parse_numbers

_ROLES_BY_KIND = {
    "rfm": ("client", "date", "amount", "quantity", "price", "order", "status", "count"),
    "funnel": ("stage", "count", "deal", "date", "manager", "lost_reason", "lost_stage", "amount", "created", "closed"),
    "seasonality": ("date", "year", "month", "amount", "quantity", "price"),
}
_REQUIRED = {"rfm": ("client", "date"), "funnel": ("stage",), "seasonality": ("date",)}
_DATE_ROLES = {"date", "created", "closed"}
_NUMBER_ROLES = {"amount", "quantity", "price", "count"}
_CALENDAR_ROLES = {"year", "month"}  # «Год» 2023 and «Месяц» Январь / 1: read by season_shapes
_VALUE_SAMPLE = 300


@dataclass
class ColumnMatch:
    """Roles found for one kind of analysis; `missing`/`ambiguous` say what to ask the user."""

    kind: str
    mapping: dict[str, str]
    missing: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.ambiguous


def role_title(role: str) -> str:
    """The role's Russian name, as a question about a column names it."""
    return t("analytics-role", role=role)


def match_columns(table: LoadedTable, kind: str, preset: dict[str, str] | None = None) -> ColumnMatch:
    """Map roles to headers for `kind`; `preset` holds the user's own picks, which always win."""
    if kind not in KINDS:
        raise ValueError(f"unknown analysis kind: {kind}")
    headers = table.headers
    preset = {role: header for role, header in (preset or {}).items() if header in headers}
    taken = set(preset.values())
    mapping = dict(preset)
    ambiguous: dict[str, list[str]] = {}
    roles = [r for r in _ROLES_BY_KIND[kind] if r not in mapping]
    pairs = [
        (score, roles.index(role), role, header) for role in roles for header, score in _candidates(table, kind, role)
    ]
    # Best fits first across all roles: "Количество покупок" is the purchase count (exact name) before it
    # can be taken as a quantity (partial name).
    pairs.sort(key=lambda p: (-p[0], p[1]))
    decided: set[str] = set()
    for score, _, role, header in pairs:
        if role in decided or header in taken:
            continue
        tied = [h for s, _, r, h in pairs if r == role and s == score and h not in taken]
        decided.add(role)
        if len(tied) > 1:
            if role in _REQUIRED[kind] or (kind == "rfm" and role == "amount"):
                ambiguous[role] = tied
            continue
        mapping[role] = header
        taken.add(header)
    missing = [r for r in _REQUIRED[kind] if r not in mapping and r not in ambiguous]
    if kind == "seasonality" and "date" in missing and {"year", "month"} <= set(mapping):
        missing.remove("date")  # «Год» and «Месяц» say the month as well as one date column does
    if kind in ("rfm", "seasonality") and _needs_amount(mapping) and "amount" not in ambiguous:
        missing.append("amount")
    return ColumnMatch(kind=kind, mapping=mapping, missing=missing, ambiguous=ambiguous, headers=headers)


def _needs_amount(mapping: dict[str, str]) -> bool:
    return "amount" not in mapping and not ("quantity" in mapping and "price" in mapping)


def candidates_for(table: LoadedTable, kind: str, role: str) -> list[str]:
    """Headers that may play `role`, best first, then the rest: the buttons a chat offers for a pick."""
    ranked = [h for h, _ in _candidates(table, kind, role)]
    return ranked + [h for h in table.headers if h not in ranked]


def _candidates(table: LoadedTable, kind: str, role: str) -> list[tuple[str, int]]:
    synonyms = column_synonyms().for_role(kind, role)
    scored = []
    for header in table.headers:
        score = _score(compact(header), synonyms)
        if score and _values_fit(table, header, role):
            scored.append((header, score))
    scored.sort(key=lambda pair: -pair[1])  # stable: equal scores keep the file's column order
    return scored


def _score(name: str, synonyms: dict[str, int]) -> int:
    if not name:
        return 0
    if name in synonyms:
        return synonyms[name]
    contained = [score - 30 for syn, score in synonyms.items() if len(syn) >= 4 and syn in name]
    return max(contained, default=0)


def _values_fit(table: LoadedTable, header: str, role: str) -> bool:
    if role not in _DATE_ROLES and role not in _NUMBER_ROLES and role not in _CALENDAR_ROLES:
        return True
    sample = table.df[header].iloc[:_VALUE_SAMPLE]
    present = clean_text(sample).is_valid().to_numpy(zero_copy_only=False)
    if not present.any():
        # An empty column (e.g. close dates of open deals at the top of the file) may still fit.
        return role not in _CALENDAR_ROLES
    if role in _DATE_ROLES:
        readable = ~np.isnat(parse_dates(sample))
    elif role in _CALENDAR_ROLES:
        from .season_shapes import read_months, read_years

        readable = (read_years(sample) if role == "year" else read_months(sample)) > 0
    else:
        readable = ~np.isnan(parse_numbers(sample))
    return bool(readable[present].mean() >= 0.5)


def examples(table: LoadedTable, header: str, limit: int = 3) -> list[str]:
    """A few distinct non-empty values of a column, to show beside its name on a button."""
    values = clean_text(table.df[header].iloc[:500]).drop_null().unique().to_pylist()
    return [str(v) for v in values[:limit]]
