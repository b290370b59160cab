"""A chart's value axis reads like a person writes money: «2 млн», «250 тыс.», never «1e6»."""

from services.analytics.engine.pngchart import _nice_ticks, _short_number


def test_millions_and_thousands_are_shortened() -> None:
    assert _short_number(2_000_000) == "2 млн"
    assert _short_number(1_500_000) == "1,5 млн"
    assert _short_number(250_000) == "250 тыс."
    assert _short_number(5000) == "5 000"
    assert _short_number(0.5) == "0,5"


def test_no_tick_of_a_sales_axis_is_written_in_exponent_form() -> None:
    for top in (3_400_000.0, 87_000_000.0, 120_000.0, 1.3):
        assert all("e" not in _short_number(tick) for tick in _nice_ticks(top))
