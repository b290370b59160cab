"""Which column of the file plays which role (client, date, amount, stage ...), from Russian or English headers.

Headers are compared in a compact form (lower case, ё -> е, no spaces or punctuation), so `CustomerID`,
`customer_id` and `Customer ID` are one name, and amoCRM's `Бюджет ` with its trailing space matches too.
A header the values contradict (a "date" column where no cell is a date) is not proposed. When two headers
fit a required role equally well the role is `ambiguous`, and the chat asks the user with buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .reader import LoadedTable
from .values import clean_text, parse_dates, parse_numbers

KINDS = ("rfm", "funnel", "seasonality")

ROLE_TITLES = {
    "client": "Клиент",
    "date": "Дата",
    "amount": "Сумма",
    "quantity": "Количество",
    "price": "Цена",
    "order": "Номер заказа",
    "status": "Статус заказа",
    "count": "Количество",
    "stage": "Этап",
    "manager": "Ответственный",
    "lost_reason": "Причина отказа",
    "lost_stage": "Этап, на котором сделка проиграна",
    "deal": "Сделка",
    "created": "Дата создания",
    "closed": "Дата закрытия",
}

# role -> {compact synonym: score}. Exact compact match scores as listed; a synonym contained in a longer
# header scores 30 less (only synonyms of 4+ letters, so "id" does not match "paid").
_COMMON: dict[str, dict[str, int]] = {
    "client": {
        "клиент": 100,
        "покупатель": 100,
        "контрагент": 95,
        "заказчик": 95,
        "клиентфио": 100,
        "фиоклиента": 100,
        "наименованиеклиента": 100,
        "названиеклиента": 100,
        "имяклиента": 100,
        "кодклиента": 95,
        "idклиента": 95,
        "инн": 80,
        "телефон": 70,
        "email": 70,
        "почта": 65,
        "фио": 80,
        "компания": 60,
        "организация": 60,
        "контакт": 60,
        "customerid": 100,
        "customer": 100,
        "client": 100,
        "clientid": 100,
        "buyer": 95,
        "account": 60,
        "customername": 100,
        "phone": 65,
    },
    "date": {
        "дата": 100,
        "датапокупки": 100,
        "датазаказа": 100,
        "датапродажи": 100,
        "датадокумента": 95,
        "датачека": 95,
        "датаоплаты": 90,
        "период": 80,
        "месяц": 80,
        "invoicedate": 100,
        "orderdate": 100,
        "date": 100,
        "purchasedate": 100,
        "month": 80,
        "датапоследнейпокупки": 100,
        "последняяпокупка": 95,
        "lastpurchase": 95,
        "lastpurchasedate": 100,
        "lastorderdate": 100,
        "датапоследнегозаказа": 100,
    },
    "amount": {
        "сумма": 100,
        "суммапродажи": 100,
        "выручка": 100,
        "стоимость": 90,
        "итого": 90,
        "оборот": 90,
        "суммазаказа": 100,
        "суммапокупок": 100,
        "суммапокупки": 100,
        "суммасндс": 100,
        "суммаруб": 100,
        "продажи": 80,
        "amount": 100,
        "total": 90,
        "revenue": 100,
        "sales": 85,
        "sum": 90,
        "monetary": 100,
        "totalamount": 100,
        "бюджет": 100,
        "opportunity": 90,
        "closevalue": 100,
        "dealvalue": 100,
        "value": 60,
        "выручкаруб": 100,
        "всегопокупок": 80,
        "суммавсехпокупок": 100,
    },
    "quantity": {
        "количество": 90,
        "колво": 90,
        "qty": 100,
        "quantity": 100,
        "шт": 70,
        "количествошт": 95,
    },
    "price": {
        "цена": 100,
        "ценазаединицу": 100,
        "unitprice": 100,
        "price": 95,
        "ценаруб": 100,
    },
    "order": {
        "номерзаказа": 100,
        "заказ": 85,
        "заказа": 85,
        "номердокумента": 90,
        "документ": 70,
        "чек": 80,
        "номерчека": 95,
        "invoice": 95,
        "invoiceno": 100,
        "invoicenumber": 100,
        "order": 90,
        "orderid": 100,
        "orderno": 100,
        "ordernumber": 100,
        "номерсчета": 80,
    },
    "status": {
        "статус": 90,
        "статусзаказа": 100,
        "состояние": 80,
        "status": 90,
        "orderstatus": 100,
    },
    "stage": {
        "этап": 100,
        "этапсделки": 100,
        "стадия": 100,
        "стадиясделки": 100,
        "статуссделки": 95,
        "этапворонки": 100,
        "stage": 100,
        "dealstage": 100,
        "stageid": 100,
        "pipelinestage": 100,
        "статуслида": 90,
        "этаплида": 100,
    },
    "manager": {
        "ответственный": 100,
        "менеджер": 100,
        "продавец": 90,
        "сотрудник": 80,
        "salesagent": 100,
        "assignedby": 100,
        "assignedbyid": 95,
        "manager": 100,
        "owner": 85,
        "responsible": 100,
        "agent": 80,
        "ответственныйменеджер": 100,
        "salesrep": 100,
    },
    "lost_reason": {
        "причинаотказа": 100,
        "причинапроигрыша": 100,
        "причиназакрытия": 95,
        "причина": 80,
        "причинанеуспеха": 100,
        "lostreason": 100,
        "lossreason": 100,
        "closereason": 90,
    },
    "lost_stage": {
        "этапотказа": 100,
        "этаппроигрыша": 100,
        "этапзакрытия": 80,
        "loststage": 100,
        "lostatstage": 100,
    },
    "deal": {
        "id": 90,
        "idсделки": 100,
        "сделка": 90,
        "номерсделки": 100,
        "названиесделки": 80,
        "opportunityid": 100,
        "dealid": 100,
        "deal": 90,
        "leadid": 95,
        "idлида": 95,
    },
    "created": {
        "датасоздания": 100,
        "датасозданиясделки": 100,
        "создана": 90,
        "created": 100,
        "createdat": 100,
        "datecreate": 100,
        "createddate": 100,
    },
    "closed": {
        "датазакрытия": 100,
        "датазакрытиясделки": 100,
        "закрыта": 80,
        "closedate": 100,
        "closedat": 100,
        "dateclosed": 100,
    },
}
_KIND_EXTRA: dict[str, dict[str, dict[str, int]]] = {
    # In a client list "Количество покупок" is the frequency; in a funnel "Количество" is leads at a stage.
    "rfm": {
        "count": {
            "количествопокупок": 100,
            "количествозаказов": 100,
            "числопокупок": 100,
            "числозаказов": 100,
            "колвозаказов": 100,
            "колвопокупок": 100,
            "частота": 100,
            "frequency": 100,
            "orders": 90,
            "purchases": 90,
            "ordercount": 100,
            "numberoforders": 100,
        }
    },
    "funnel": {
        "count": {
            "количество": 100,
            "колво": 100,
            "число": 90,
            "лиды": 90,
            "лидов": 90,
            "сделок": 85,
            "количестволидов": 100,
            "количествосделок": 100,
            "count": 100,
            "leads": 90,
            "deals": 85,
            "number": 80,
            "клиентов": 80,
        },
        "date": {"датаперехода": 100, "датаизменения": 100, "changedat": 100, "timestamp": 90, "datetime": 90},
    },
    "seasonality": {},
}
_ROLES_BY_KIND = {
    "rfm": ("client", "date", "amount", "quantity", "price", "order", "status", "count"),
    "funnel": ("stage", "count", "deal", "date", "manager", "lost_reason", "lost_stage", "amount", "created", "closed"),
    "seasonality": ("date", "amount", "quantity", "price"),
}
_REQUIRED = {"rfm": ("client", "date"), "funnel": ("stage",), "seasonality": ("date",)}
_DATE_ROLES = {"date", "created", "closed"}
_NUMBER_ROLES = {"amount", "quantity", "price", "count"}
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
    return ROLE_TITLES.get(role, role)


def compact(header: str) -> str:
    text = header.lower().replace("ё", "е")
    return re.sub(r"[\W_]+", "", text)


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
    synonyms = {**_COMMON.get(role, {}), **_KIND_EXTRA.get(kind, {}).get(role, {})}
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
    if role not in _DATE_ROLES and role not in _NUMBER_ROLES:
        return True
    sample = table.df[header].iloc[:_VALUE_SAMPLE]
    present = clean_text(sample).is_valid().to_numpy(zero_copy_only=False)
    if not present.any():
        # An empty column (e.g. close dates of open deals at the top of the file) may still fit.
        return True
    if role in _DATE_ROLES:
        readable = ~np.isnat(parse_dates(sample))
    else:
        readable = ~np.isnan(parse_numbers(sample))
    return bool(readable[present].mean() >= 0.5)


def examples(table: LoadedTable, header: str, limit: int = 3) -> list[str]:
    """A few distinct non-empty values of a column, to show beside its name on a button."""
    values = clean_text(table.df[header].iloc[:500]).drop_null().unique().to_pylist()
    return [str(v) for v in values[:limit]]
