"""The funnel report as a PNG chart: the same figures and evidence kind as the text.

Steps whose conversion is known: one stacked bar per step (moved on · lost at the stage · still open) with the
conversion beside it, the bottleneck in bold. No step can be judged (losses without a stage): the open
pipeline by stage and the closed deals (won / lost) side by side, with the reason in the title.
`chart_spec` holds every label and figure; `funnel_to_png` only draws it, so a test can compare the spec with
the text. matplotlib's object API (Figure + Agg canvas), never pyplot: safe in worker threads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from services.texts import t

from . import fmt
from .funnel import FunnelResult

_FONT = {"family": "DejaVu Sans"}
_BLUE, _ORANGE, _GREY, _GREEN = "#2F6EBA", "#E8833A", "#9AA5B1", "#3A9A5B"
_EVIDENCE_KEYS = {
    "events": "funnel-chart-evidence-events",
    "stage_dates": "funnel-chart-evidence-stage-dates",
    "current_stage": "funnel-chart-evidence-current-stage",
}


@dataclass(frozen=True)
class Bar:
    label: str  # "A → B", or a stage name in the open pipeline
    parts: tuple[int, ...]  # stacked segments, in the order of ChartSpec.legend
    note: str  # beside the bar: "63,2 %", "не оценить", or the count
    strong: bool = False  # the bottleneck


@dataclass(frozen=True)
class ChartSpec:
    title: str
    layout: str  # "steps" or "pipeline"
    legend: tuple[str, ...]
    bars: list[Bar]
    closed: list[Bar] = field(default_factory=list)  # layout "pipeline": won and lost
    note: str = ""


def chart_spec(result: FunnelResult) -> ChartSpec:
    counts = result.evidence == "counts"
    if counts:
        title = t("funnel-chart-title-counts", rate=fmt.percent(result.overall_conversion))
    elif result.win_rate is None:
        title = t("funnel-chart-title-deals-none", evidence=t(_EVIDENCE_KEYS[result.evidence]))
    else:
        title = t(
            "funnel-chart-title-deals", evidence=t(_EVIDENCE_KEYS[result.evidence]), rate=fmt.percent(result.win_rate)
        )
    if not counts and not result.judged and result.lost_unplaced:
        return ChartSpec(
            title=title,
            layout="pipeline",
            legend=(t("funnel-chart-open"),),
            bars=[Bar(s.source, (s.still_open,), fmt.integer(s.still_open)) for s in result.steps],
            closed=[
                Bar(t("funnel-xlsx-won"), (result.won,), fmt.integer(result.won)),
                Bar(t("funnel-xlsx-lost"), (result.lost_total,), fmt.integer(result.lost_total)),
            ],
            note=t("funnel-chart-unknown-note", unplaced=result.lost_unplaced),
        )
    if counts:
        legend = (t("funnel-chart-moved"), t("funnel-chart-drop"))
    else:
        legend = (t("funnel-chart-moved"), t("funnel-chart-lost"), t("funnel-chart-open"))
    bars = []
    for s in result.steps:
        parts = (s.moved_on, max(s.lost_here, 0)) if counts else (s.moved_on, s.lost_here, s.still_open)
        note = fmt.percent(s.conversion) if s.conversion is not None else t("funnel-chart-unjudged")
        bars.append(Bar(f"{s.source} → {s.target}", parts, note, strong=s == result.bottleneck))
    return ChartSpec(title=title, layout="steps", legend=legend, bars=bars)


def funnel_to_png(result: FunnelResult) -> bytes:
    spec = chart_spec(result)
    if spec.layout == "pipeline":
        fig = Figure(figsize=(10, 0.5 * len(spec.bars) + 2.0), dpi=110, layout="constrained")
        left, right = fig.subplots(1, 2, width_ratios=(2, 1))
        _bars(left, spec.bars, (_GREY,))
        left.set_title(t("funnel-chart-open-title"), fontdict=_FONT)
        _bars(right, spec.closed, (_GREEN,), per_bar=[_GREEN, _ORANGE])
        right.set_title(t("funnel-chart-closed-title"), fontdict=_FONT)
        fig.suptitle(f"{spec.title}\n{spec.note}", fontsize=11, **_FONT)
    else:
        fig = Figure(figsize=(10, 0.6 * len(spec.bars) + 1.8), dpi=110, layout="constrained")
        ax = fig.subplots()
        colors = (_BLUE, _ORANGE, _GREY)[: len(spec.legend)]
        _bars(ax, spec.bars, colors)
        ax.legend(spec.legend, prop=_FONT, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=len(spec.legend))
        ax.set_title(spec.title, fontdict=_FONT)
    return _png(fig)


def _bars(ax, bars: list[Bar], colors: tuple[str, ...], per_bar: list[str] | None = None) -> None:
    """Stacked horizontal bars, segment colours from `colors` (or one colour per bar), the note beside."""
    for y, bar in enumerate(bars):
        left = 0
        for i, part in enumerate(bar.parts):
            color = per_bar[y] if per_bar else colors[i % len(colors)]
            ax.barh(y, part, left=left, color=color, height=0.7)
            left += part
        weight = "bold" if bar.strong else "normal"
        ax.text(left, y, f"  {bar.note}", va="center", fontsize=9, fontweight=weight, **_FONT)
    ax.set_yticks(range(len(bars)), [b.label for b in bars], fontsize=9, **_FONT)
    for label, bar in zip(ax.get_yticklabels(), bars, strict=True):
        if bar.strong:
            label.set_fontweight("bold")
    ax.set_ylim(len(bars) - 0.5, -0.5)
    ax.margins(x=0.25)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return buffer.getvalue()
