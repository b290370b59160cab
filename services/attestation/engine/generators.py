"""Numeric question generators: fresh numbers for every attempt, deterministic for a seed.

A generator returns the placeholder values exactly as the user sees them (formatted strings) and the
answer computed from those displayed numbers, so a manager with a calculator gets the same result.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from services.attestation.engine.formatting import (
    MONTHS_NOMINATIVE,
    format_decimal,
    format_int,
    plural_category,
    round_half_up,
)
from services.texts import t


@dataclass(frozen=True)
class Generated:
    values: dict[str, str]  # placeholder → text shown to the user; always has "answer"
    answer: float  # the value the user's answer is compared with


@dataclass(frozen=True)
class RangeParam:
    """A [low, high] range a content writer may narrow or move within hard limits."""

    default: tuple[float, float]
    limits: tuple[float, float]
    integer: bool

    def check(self, value: Any) -> str | None:
        if not isinstance(value, list | tuple) or len(value) != 2:
            return t("attest-param-not-a-range")
        low, high = value
        allowed = (int,) if self.integer else (int, float)
        if any(isinstance(v, bool) or not isinstance(v, allowed) for v in (low, high)):
            return t("attest-param-integer-bounds") if self.integer else t("attest-param-number-bounds")
        if low > high:
            return t("attest-param-low-above-high")
        if low < self.limits[0] or high > self.limits[1]:
            return t("attest-param-limits", low=str(self.limits[0]), high=str(self.limits[1]))
        return None


@dataclass(frozen=True)
class ChoiceParam:
    default: str
    choices: tuple[str, ...]

    def check(self, value: Any) -> str | None:
        if value not in self.choices:
            return t("attest-param-choices", choices=", ".join(self.choices))
        return None


Param = RangeParam | ChoiceParam


@dataclass(frozen=True)
class Generator:
    name: str
    params: Mapping[str, Param]
    produce: Callable[[random.Random, Mapping[str, Any]], Generated]

    def check_params(self, overrides: Mapping[str, Any]) -> list[str]:
        errors = []
        for key, value in overrides.items():
            spec = self.params.get(key)
            if spec is None:
                known = ", ".join(self.params) or t("attest-param-none")
                errors.append(t("attest-param-unknown", generator=self.name, key=key, known=known))
                continue
            problem = spec.check(value)
            if problem:
                errors.append(t("attest-param-problem", generator=self.name, key=key, problem=problem))
        return errors

    def generate(self, rng: random.Random, overrides: Mapping[str, Any] | None = None) -> Generated:
        params = {key: spec.default for key, spec in self.params.items()}
        params.update(overrides or {})
        return self.produce(rng, params)


GENERATORS: dict[str, Generator] = {}


def register(name: str, **params: Param) -> Callable:
    def wrap(produce: Callable[[random.Random, Mapping[str, Any]], Generated]) -> Callable:
        GENERATORS[name] = Generator(name=name, params=params, produce=produce)
        return produce

    return wrap


def _randint(rng: random.Random, bounds: tuple[float, float]) -> int:
    return rng.randint(int(bounds[0]), int(bounds[1]))


def _uniform(rng: random.Random, bounds: tuple[float, float]) -> float:
    return rng.uniform(float(bounds[0]), float(bounds[1]))


def _round_to(value: float, step: int) -> int:
    return max(step, int(round_half_up(value / step)) * step)


@register(
    "stage_conversion",
    in_stage=RangeParam((20, 400), (2, 1_000_000), integer=True),
    moved_share=RangeParam((0.1, 0.8), (0.0, 1.0), integer=False),
)
def stage_conversion(rng: random.Random, p: Mapping[str, Any]) -> Generated:
    in_stage = _randint(rng, p["in_stage"])
    moved = min(in_stage, max(1, round(in_stage * _uniform(rng, p["moved_share"]))))
    answer = moved / in_stage * 100
    values = {"in_stage": format_int(in_stage), "moved": format_int(moved),
              "answer": format_decimal(answer, 1)}
    return Generated(values, answer)


@register(
    "funnel_conversion",
    leads=RangeParam((100, 2000), (2, 10_000_000), integer=True),
    deal_share=RangeParam((0.01, 0.2), (0.0, 1.0), integer=False),
)
def funnel_conversion(rng: random.Random, p: Mapping[str, Any]) -> Generated:
    leads = _randint(rng, p["leads"])
    deals = min(leads, max(1, round(leads * _uniform(rng, p["deal_share"]))))
    answer = deals / leads * 100
    values = {"leads": format_int(leads), "deals": format_int(deals), "answer": format_decimal(answer, 1)}
    return Generated(values, answer)


@register(
    "seasonality_coefficient",
    base=RangeParam((300_000, 3_000_000), (10_000, 1_000_000_000), integer=True),
    coefficient=RangeParam((0.5, 1.8), (0.1, 5.0), integer=False),
    growth=RangeParam((0.0, 0.25), (-0.5, 1.0), integer=False),
)
def seasonality_coefficient(rng: random.Random, p: Mapping[str, Any]) -> Generated:
    month = rng.randrange(12)
    coefficient = _uniform(rng, p["coefficient"])
    averages = [_round_to(_randint(rng, p["base"]), 1000)]
    for _ in range(2):
        averages.append(_round_to(averages[-1] * (1 + _uniform(rng, p["growth"])), 1000))
    # Each year's month strays a little from the true coefficient, as real sales do.
    months = [_round_to(avg * coefficient * rng.uniform(0.9, 1.1), 1000) for avg in averages]
    answer = float(round_half_up(fmean(months) / fmean(averages), 2))
    values = {"month": MONTHS_NOMINATIVE[month], "answer": format_decimal(answer, 2, keep_zeros=True)}
    for year, (month_sales, average) in enumerate(zip(months, averages, strict=True), start=1):
        values[f"m_y{year}"] = format_int(month_sales)
        values[f"avg_y{year}"] = format_int(average)
    return Generated(values, answer)


@register(
    "seasonal_plan",
    base=RangeParam((500_000, 3_000_000), (10_000, 1_000_000_000), integer=True),
    coefficient=RangeParam((0.6, 1.6), (0.1, 5.0), integer=False),
)
def seasonal_plan(rng: random.Random, p: Mapping[str, Any]) -> Generated:
    base = _randint(rng, p["base"])
    coefficients = [float(round_half_up(_uniform(rng, p["coefficient"]), 2)) for _ in range(4)]
    *past, k_next = coefficients
    facts = [_round_to(base * k * rng.uniform(0.92, 1.08), 1000) for k in past]
    answer = float(round_half_up(fmean(f / k for f, k in zip(facts, past, strict=True)) * k_next))
    values = {"k_next": format_decimal(k_next, 2, keep_zeros=True), "answer": format_int(int(answer))}
    for i, (fact, k) in enumerate(zip(facts, past, strict=True), start=1):
        values[f"k{i}"] = format_decimal(k, 2, keep_zeros=True)
        values[f"f{i}"] = format_int(fact)
    return Generated(values, answer)


def _says_days(number: int) -> bool:
    """True when «N дней» is grammatical (the CLDR «many» form), so a writer's «{days} дней назад» always reads
    right."""
    return plural_category(number) == "many"


RECENCY_THRESHOLDS = ((30, 90), (30, 180), (60, 180), (14, 60), (90, 360))
FREQUENCY_THRESHOLDS = ((1, 4), (2, 5), (1, 3), (3, 9))
MONETARY_THRESHOLDS = ((50_000, 200_000), (20_000, 100_000), (100_000, 500_000), (10_000, 50_000))


def _pick(rng: random.Random, edges: list[int], anywhere: list[int]) -> int:
    """Boundaries are where managers slip, so they come up often."""
    return rng.choice(edges) if rng.random() < 0.4 else rng.choice(anywhere)


def _recency(rng: random.Random) -> tuple[dict[str, str], int]:
    fresh, stale = rng.choice(RECENCY_THRESHOLDS)
    candidates = [d for d in range(5, stale * 2 + 1) if _says_days(d)]
    edges = [d for d in (fresh, fresh + 5, stale, stale + 5) if _says_days(d)]
    days = _pick(rng, edges, candidates)
    score = 3 if days <= fresh else 2 if days <= stale else 1
    text = t("attest-rfm-recency-thresholds", fresh=str(fresh), fresh_next=str(fresh + 1), stale=str(stale))
    values = {"days": format_int(days), "days_text": t("attest-rfm-days", count=days, n=format_int(days)),
              "r_thresholds": text}
    return values, score


def _frequency(rng: random.Random) -> tuple[dict[str, str], int]:
    rare, usual = rng.choice(FREQUENCY_THRESHOLDS)
    orders = _pick(rng, [rare, rare + 1, usual, usual + 1], list(range(1, usual + 7)))
    score = 1 if orders <= rare else 2 if orders <= usual else 3
    text = t("attest-rfm-frequency-thresholds", rare=rare, rare_next=str(rare + 1), usual=str(usual),
             usual_next=str(usual + 1))
    values = {"orders": format_int(orders), "orders_text": t("attest-rfm-orders", count=orders, n=format_int(orders)),
              "f_thresholds": text}
    return values, score


def _monetary(rng: random.Random) -> tuple[dict[str, str], int]:
    small, big = rng.choice(MONETARY_THRESHOLDS)
    step = small // 10
    amount = _pick(rng, [small, small + step, big, big + step], list(range(step, big * 2 + 1, step)))
    score = 1 if amount <= small else 2 if amount <= big else 3
    text = t("attest-rfm-monetary-thresholds", small=format_int(small), small_next=format_int(small + 1),
             big=format_int(big))
    return {"amount": format_int(amount), "m_thresholds": text}, score


_RFM_DIMENSIONS = {"recency": ("R", _recency), "frequency": ("F", _frequency), "monetary": ("M", _monetary)}


@register("rfm_score", dimension=ChoiceParam("recency", tuple(_RFM_DIMENSIONS)))
def rfm_score(rng: random.Random, p: Mapping[str, Any]) -> Generated:
    letter, make = _RFM_DIMENSIONS[p["dimension"]]
    values, score = make(rng)
    thresholds = next(v for k, v in values.items() if k.endswith("_thresholds"))
    values.update({"thresholds": thresholds, "letter": letter, "answer": str(score)})
    return Generated(values, float(score))
