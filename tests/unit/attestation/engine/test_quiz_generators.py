"""Numeric generators: sane values, answers that match the numbers shown, determinism per seed."""

from __future__ import annotations

import random
import re
from statistics import fmean

import pytest

from services.attestation.engine.formatting import MONTHS_NOMINATIVE, THIN_SPACE, plural_category
from services.attestation.engine.generators import GENERATORS
from services.attestation.engine.parsing import parse_number


def plural(number: int, one: str, few: str, many: str) -> str:
    """The Russian word form for a count, by the CLDR rules the texts use."""
    return {"one": one, "few": few}.get(plural_category(number), many)

SEEDS = range(300)


def shown(values: dict[str, str], key: str) -> float:
    value = parse_number(values[key])
    assert value is not None, f"{key}={values[key]!r} is not a readable number"
    return value


def draw(name: str, seed: int, params: dict | None = None):
    return GENERATORS[name].generate(random.Random(seed), params)


def test_all_contract_generators_are_registered():
    assert {"stage_conversion", "funnel_conversion", "seasonality_coefficient", "seasonal_plan",
            "rfm_score"} <= set(GENERATORS)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_same_seed_same_numbers_other_seed_other_numbers(name):
    assert draw(name, 5) == draw(name, 5)
    assert len({tuple(sorted(draw(name, s).values.items())) for s in range(20)}) > 5


def test_stage_conversion_is_moved_over_in_stage():
    for seed in SEEDS:
        g = draw("stage_conversion", seed)
        in_stage, moved = shown(g.values, "in_stage"), shown(g.values, "moved")
        assert 1 <= moved <= in_stage
        assert g.answer == pytest.approx(moved / in_stage * 100)
        assert abs(shown(g.values, "answer") - g.answer) <= 0.05 + 1e-9  # one decimal shown


def test_funnel_conversion_is_deals_over_leads():
    for seed in SEEDS:
        g = draw("funnel_conversion", seed)
        leads, deals = shown(g.values, "leads"), shown(g.values, "deals")
        assert 1 <= deals <= leads
        assert g.answer == pytest.approx(deals / leads * 100)


def test_seasonality_coefficient_is_mean_month_over_mean_average():
    for seed in SEEDS:
        g = draw("seasonality_coefficient", seed)
        months = [shown(g.values, f"m_y{i}") for i in (1, 2, 3)]
        averages = [shown(g.values, f"avg_y{i}") for i in (1, 2, 3)]
        assert g.values["month"] in MONTHS_NOMINATIVE
        assert all(m > 0 for m in months + averages)
        assert abs(g.answer - fmean(months) / fmean(averages)) <= 0.005 + 1e-9  # rounded to 2 decimals
        assert re.fullmatch(r"\d,\d\d", g.values["answer"])


def test_seasonal_plan_is_mean_deseasonalised_fact_times_next_coefficient():
    for seed in SEEDS:
        g = draw("seasonal_plan", seed)
        base = fmean(shown(g.values, f"f{i}") / shown(g.values, f"k{i}") for i in (1, 2, 3))
        expected = base * shown(g.values, "k_next")
        assert abs(g.answer - expected) <= 0.5 + 1e-9  # a whole number of roubles
        assert abs(g.answer - expected) <= expected * 0.01  # well inside the 1 % tolerance
        assert g.answer == int(g.answer)


def _bounds(thresholds: str) -> tuple[int, int]:
    """«до 30 дней — 3, 31–90 — 2, больше 90 — 1» → (30, 90): the first and the fourth number."""
    numbers = [int(n) for n in re.findall(r"\d+", thresholds.replace(THIN_SPACE, ""))]
    return numbers[0], numbers[3]


def _score(value: float, low: float, high: float, ascending: bool) -> int:
    band = 1 if value <= low else 2 if value <= high else 3
    return band if ascending else 4 - band


def test_rfm_recency_score_follows_its_thresholds():
    for seed in SEEDS:
        g = draw("rfm_score", seed)
        fresh, stale = _bounds(g.values["r_thresholds"])
        days = int(shown(g.values, "days"))
        assert g.answer == _score(days, fresh, stale, ascending=False)
        assert g.values["thresholds"] == g.values["r_thresholds"]
        assert plural(days, "день", "дня", "дней") == "дней"  # so «{days} дней назад» always reads right
        assert g.values["days_text"].endswith(plural(days, "день", "дня", "дней"))


def test_rfm_frequency_and_monetary_scores_follow_their_thresholds():
    for seed in SEEDS:
        f = draw("rfm_score", seed, {"dimension": "frequency"})
        rare, usual = _bounds(f.values["f_thresholds"])
        assert f.answer == _score(shown(f.values, "orders"), rare, usual, ascending=True)
        m = draw("rfm_score", seed, {"dimension": "monetary"})
        small, big = _bounds(m.values["m_thresholds"])
        assert m.answer == _score(shown(m.values, "amount"), small, big, ascending=True)


def test_rfm_scores_hit_every_band_and_the_boundaries():
    recency = [draw("rfm_score", s) for s in SEEDS]
    assert {g.answer for g in recency} == {1.0, 2.0, 3.0}
    boundary_hits = [g for g in recency if g.values["days"] in re.findall(r"\d+", g.values["r_thresholds"])]
    assert boundary_hits, "boundary days (exactly 30, exactly 90…) must come up"


def test_params_narrow_the_ranges():
    for seed in SEEDS:
        g = draw("stage_conversion", seed, {"in_stage": [50, 60], "moved_share": [0.5, 0.5]})
        assert 50 <= shown(g.values, "in_stage") <= 60
        assert 45 <= g.answer <= 55


def test_bad_params_are_reported():
    gen = GENERATORS["stage_conversion"]
    assert gen.check_params({"in_stage": [20, 400]}) == []
    problems = gen.check_params({"in_stag": [1, 2], "moved_share": [0.9, 0.1]})
    assert any("in_stag" in p for p in problems)
    assert any("moved_share" in p and "больше верхней" in p for p in problems)
    assert GENERATORS["rfm_score"].check_params({"dimension": "loyalty"})


def test_amounts_use_thin_spaces_between_thousands():
    g = draw("seasonal_plan", 1)
    assert re.fullmatch(rf"\d{{1,3}}(?:{THIN_SPACE}\d{{3}})+", g.values["f1"])
