"""PNG charts of the analyses. matplotlib's object API (`Figure` + Agg canvas), never pyplot: pyplot keeps
global state and is not safe in the worker threads the bot runs this in. DejaVu Sans ships with matplotlib
and has Cyrillic. Titles and labels are in `content/texts/analytics.ftl`.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from services.texts import t

from . import fmt
from .rfm import RfmResult
from .seasonality import PLAN_MONTHS, SeasonalityResult

_FONT = {"family": "DejaVu Sans"}
_BLUE, _ORANGE, _GREY = "#2F6EBA", "#E8833A", "#9AA5B1"


def _png(fig: Figure) -> bytes:
    canvas = FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    canvas.print_png(buffer)
    return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
    return fig


def rfm_to_png(result: RfmResult) -> bytes:
    segments = [s for s in sorted(result.segments, key=lambda s: s.revenue_share) if s.clients]
    fig = _figure(9, 0.45 * len(segments) + 1.6)
    left, right = fig.subplots(1, 2, sharey=True, width_ratios=(1, 1))
    names = [s.name for s in segments]
    left.barh(names, [s.clients for s in segments], color=_BLUE)
    left.set_title(t("analytics-chart-rfm-clients"), fontdict=_FONT)
    right.barh(names, [s.revenue_share for s in segments], color=_ORANGE)
    right.set_title(t("analytics-chart-rfm-revenue"), fontdict=_FONT)
    for ax, values, text in (
        (left, [s.clients for s in segments], [fmt.integer(s.clients) for s in segments]),
        (right, [s.revenue_share for s in segments], [fmt.decimal(s.revenue_share, 1) for s in segments]),
    ):
        for y, (value, label) in enumerate(zip(values, text, strict=True)):
            ax.text(value, y, " " + label, va="center", fontsize=8, **_FONT)
        ax.margins(x=0.2)
        ax.spines[["top", "right"]].set_visible(False)
    title = t("analytics-chart-rfm-title", clients=fmt.integer(result.total_clients), count=result.total_clients)
    fig.suptitle(title, fontsize=12, **_FONT)
    return _png(fig)


def seasonality_to_png(result: SeasonalityResult) -> bytes:
    fig = _figure(10, 6)
    top, bottom = fig.subplots(2, 1)
    labels = [m.month.strftime("%m.%y") for m in result.months]
    top.bar(range(len(labels)), [m.total for m in result.months], color=_BLUE, label=t("analytics-chart-season-actual"))
    plan_x = range(len(labels), len(labels) + len(result.plan))
    top.bar(plan_x, [p.plan for p in result.plan], color=_ORANGE, label=t("analytics-chart-season-plan"))
    ticks = list(range(0, len(labels) + len(result.plan), max(1, (len(labels) + 3) // 18)))
    all_labels = labels + [p.month.strftime("%m.%y") for p in result.plan]
    top.set_xticks(ticks, [all_labels[i] for i in ticks], rotation=45, fontsize=8)
    top.set_title(t("analytics-chart-season-sales", plan_months=PLAN_MONTHS), fontdict=_FONT)
    top.legend(prop=_FONT)
    top.spines[["top", "right"]].set_visible(False)
    coefficients = [c.coefficient for c in result.coefficients]
    colors = [_ORANGE if c >= 1 else _GREY for c in coefficients]
    bottom.bar([fmt.month_short(c.month) for c in result.coefficients], coefficients, color=colors)
    bottom.axhline(1.0, color="black", linewidth=0.8)
    bottom.set_title(t("analytics-chart-season-coefficients"), fontdict=_FONT)
    bottom.spines[["top", "right"]].set_visible(False)
    return _png(fig)
