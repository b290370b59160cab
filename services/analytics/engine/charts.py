"""PNG charts of the RFM and seasonality reports, drawn with Pillow (`pngchart.py`): the same bars, labels and
colours as before, without matplotlib's import and layout time. Titles and labels are in
`content/texts/analytics.ftl`. (The funnel's chart is `funnel_chart.py`.)
"""

from __future__ import annotations

from services.texts import t

from . import fmt
from .pngchart import BLUE, GREY, ORANGE, Box, Canvas
from .rfm import RfmResult
from .seasonality import PLAN_MONTHS, SeasonalityResult

_DPI = 110  # the charts keep the size they had as matplotlib figures of 9 × … and 10 × 6 inches


def rfm_to_png(result: RfmResult) -> bytes:
    segments = [s for s in sorted(result.segments, key=lambda s: -s.revenue_share) if s.clients]
    canvas = Canvas(9 * _DPI, int((0.45 * len(segments) + 1.6) * _DPI))
    title = t("analytics-chart-rfm-title", clients=fmt.integer(result.total_clients), count=result.total_clients)
    canvas.title(title)
    names = [s.name for s in segments]
    label_width = int(max((canvas.text_width(n, 12) for n in names), default=0)) + 16
    top, bottom = 70, canvas.height - 20
    middle = label_width + (canvas.width - label_width) // 2
    left = Box(label_width, top, middle - 20, bottom)
    right = Box(middle + 10, top, canvas.width - 20, bottom)
    step = left.height / max(len(names), 1)
    for i, name in enumerate(names):
        canvas.text((label_width - 8, top + (i + 0.5) * step), name, size=12, anchor="rm")
    canvas.hbars(left, [s.clients for s in segments], [fmt.integer(s.clients) for s in segments], BLUE,
                 t("analytics-chart-rfm-clients"))
    canvas.hbars(right, [s.revenue_share for s in segments], [fmt.decimal(s.revenue_share, 1) for s in segments],
                 ORANGE, t("analytics-chart-rfm-revenue"))
    return canvas.png()


def seasonality_to_png(result: SeasonalityResult) -> bytes:
    canvas = Canvas(10 * _DPI, 6 * _DPI)
    upper = Box(70, 40, canvas.width - 20, 290)
    lower = Box(70, 390, canvas.width - 20, canvas.height - 30)
    labels = [_month_tick(result, m.month) for m in result.months]
    plan = [p.plan for p in result.plan]
    ticks = labels + [_month_tick(result, p.month) for p in result.plan]
    values = [m.total for m in result.months] + plan
    colors = [BLUE] * len(labels) + [ORANGE] * len(plan)
    every = max(1, (len(labels) + 3) // 18)
    if plan:
        title = t("analytics-chart-season-sales", plan_months=PLAN_MONTHS)
    else:
        title = t("analytics-chart-season-sales-only")
    canvas.vbars(upper, values, colors, ticks, title, tick_every=every, rotate=True)
    legend = [(t("analytics-chart-season-actual"), BLUE)]
    if plan:
        legend.append((t("analytics-chart-season-plan"), ORANGE))
    canvas.legend((upper.right - 90, upper.top + 4), legend)
    months = [fmt.month_short(m) for m in range(1, 13)]
    if result.enough_years:
        coefficients = [c.coefficient for c in result.coefficients]
        canvas.vbars(lower, coefficients, [ORANGE if c >= 1 else GREY for c in coefficients], months,
                     t("analytics-chart-season-coefficients"), reference=1.0)
    else:
        shares = [m.share for m in result.profile]
        peak, low = result.profile_peak.month, result.profile_low.month
        colors = [ORANGE if m.month == peak else BLUE if m.month == low else GREY for m in result.profile]
        canvas.vbars(lower, shares, colors, months, t("analytics-chart-season-profile"), reference=100 / 12)
    return canvas.png()


def _month_tick(result: SeasonalityResult, month) -> str:
    return fmt.month_short(month.month) if result.undated else month.strftime("%m.%y")
