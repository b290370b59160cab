"""Russian summaries of the analyses: Telegram HTML (every file-provided string escaped) or plain text (CLI).

The texts are in `content/texts/analytics.ftl`, written once as HTML; the plain copy drops the tags
(`fmt.plain`). A Telegram message stays under 4096 characters: long optional parts are dropped and the Excel
file has the full tables.
"""

from __future__ import annotations

from services.texts import t

from . import fmt
from .fmt import esc
from .rfm import RfmResult
from .seasonality import PLAN_MONTHS, SeasonalityResult
from .skips import explain

_COEFFICIENTS_PER_ROW = 4


def render_rfm(result: RfmResult, html: bool = True) -> str:
    sections = [
        _rfm_head(result),
        _skipped_text(result.skipped, result.rows_total, result.rows_used),
        _rfm_segments(result),
        _rfm_actions(result),
    ]
    return _finish(sections, optional_from=3, html=html)


def _finish(sections: list[str], optional_from: int, html: bool) -> str:
    """The HTML sections as the message, or their plain copies; fitted to Telegram's limit either way."""
    if not html:
        sections = [fmt.plain(section) for section in sections]
    return fmt.fit(sections, optional_from=optional_from, note=t("analytics-full-tables-note"))


def _rfm_head(result: RfmResult) -> str:
    return t(
        "analytics-rfm-head",
        file=esc(result.source_name),
        clients=fmt.integer(result.total_clients),
        start=fmt.day(result.period_start),
        end=fmt.day(result.period_end),
        revenue=fmt.money(result.revenue),
        reference=fmt.day(result.reference_date),
        scale=_rfm_scale(result),
        top=result.scale,
        basis=t("analytics-rfm-basis", basis=result.frequency_basis, column=esc(result.mapping.get("order", ""))),
    )


def _rfm_scale(result: RfmResult) -> str:
    if result.thresholds:
        return t("analytics-rfm-scale-own", scale=result.scale, criteria=esc(result.thresholds.describe()))
    return t("analytics-rfm-scale-ranks", scale=result.scale)


def _rfm_segments(result: RfmResult) -> str:
    lines = [t("analytics-rfm-segments")]
    for s in sorted(result.segments, key=lambda s: -s.revenue_share):
        if s.clients:
            clients = f"{fmt.integer(s.clients)} ({_share(s.client_share)})"
            lines.append(f"• {esc(s.name)} — {clients} · {fmt.percent(s.revenue_share)}")
    return "\n".join(lines)


def _rfm_actions(result: RfmResult) -> str:
    lines = [t("analytics-rfm-actions")]
    for rank, s in enumerate(result.top_actions, start=1):
        lines.append(
            t("analytics-rfm-action", rank=rank, segment=esc(s.name), clients=s.clients,
              share=fmt.percent(s.revenue_share), action=esc(s.action))
        )
    return "\n".join(lines)


def _share(value: float) -> str:
    """Whole percent, but a small non-zero share is "менее 1 %", not a misleading "0 %".

    Words, not "<1 %": the same text goes into Telegram HTML, where a bare "<" breaks the message."""
    return t("analytics-share-below", share=fmt.percent(1, 0)) if 0 < value < 0.5 else fmt.percent(value, 0)


def _skipped_text(skipped: dict[str, int], rows_total: int, rows_used: int) -> str:
    if not skipped:
        return t("analytics-all-rows-used", rows=fmt.integer(rows_total))
    total = sum(skipped.values())
    lines = [t("analytics-rows-skipped", skipped=fmt.integer(total), rows=fmt.integer(rows_total))]
    for code, count in sorted(skipped.items(), key=lambda kv: -kv[1]):
        lines.append(f"• {esc(explain(code))} — {fmt.integer(count)}")
    return "\n".join(lines)


def render_seasonality(result: SeasonalityResult, html: bool = True) -> str:
    sections = [_season_head(result), _skipped_text(result.skipped, result.rows_total, result.rows_used)]
    if result.enough_years:
        sections += [_season_coefficients(result), _season_plan(result)]
    else:
        sections += [_season_one_year(result), _season_profile(result)]
    return _finish(sections, optional_from=4, html=html)


# Where the months came from, for the shapes other than a date column (whose report stays as it was).
_SHAPE_KEYS = {
    "year_month": "analytics-season-source-year-month",
    "wide_years": "analytics-season-source-wide-years",
    "wide_dated": "analytics-season-source-wide-dated",
    "wide_products": "analytics-season-source-wide-products",
}


def _season_head(result: SeasonalityResult) -> str:
    if result.undated:
        head = t("analytics-season-head-undated", file=esc(result.source_name), months=len(result.months),
                 average=fmt.money(result.average_month))
    else:
        head = t(
            "analytics-season-head",
            file=esc(result.source_name),
            first=fmt.month_year(result.months[0].month),
            last=fmt.month_year(result.months[-1].month),
            months=len(result.months),
            average=fmt.money(result.average_month),
        )
    if result.shape in _SHAPE_KEYS:
        columns = ", ".join(f"«{esc(c)}»" for c in result.columns)
        head += "\n" + t(_SHAPE_KEYS[result.shape], columns=columns)
    if result.left_out:
        head += "\n" + t("analytics-season-left-out", items=", ".join(f"«{esc(v)}»" for v in result.left_out))
    if result.dropped_months:
        dropped = ", ".join(fmt.month_year(m) for m in result.dropped_months)
        head += "\n" + t("analytics-season-dropped", months=dropped)
    return head


def _season_one_year(result: SeasonalityResult) -> str:
    """Why there are no coefficients yet, and how much more data they need (the seed: 2–3 years)."""
    return t("analytics-season-one-year", needed=result.months_needed, months=len(result.months),
             missing=result.months_needed - len(result.months), plan_months=PLAN_MONTHS)


def _season_profile(result: SeasonalityResult) -> str:
    if result.undated:
        lines = [t("analytics-season-profile-undated")]
    else:
        first, last = result.profile_span
        lines = [t("analytics-season-profile", first=fmt.month_year(first), last=fmt.month_year(last))]
    cells = [f"{fmt.month_short(m.month)} {fmt.percent(m.share)}" for m in result.profile]
    for start in range(0, len(cells), _COEFFICIENTS_PER_ROW):
        lines.append(" · ".join(cells[start : start + _COEFFICIENTS_PER_ROW]))
    peak, low = result.profile_peak, result.profile_low
    lines.append(t("analytics-season-profile-peak-low", peak=peak.name, peak_share=fmt.percent(peak.share),
                   low=low.name, low_share=fmt.percent(low.share)))
    if low.total > 0:
        lines.append(t("analytics-season-profile-ratio", ratio=fmt.decimal(peak.total / low.total, 1)))
    lines.append(t("analytics-season-profile-caveat"))
    return "\n".join(lines)


def _season_coefficients(result: SeasonalityResult) -> str:
    lines = [t("analytics-season-coefficients")]
    cells = [f"{fmt.month_short(c.month)} {fmt.decimal(c.coefficient)}" for c in result.coefficients]
    for start in range(0, len(cells), _COEFFICIENTS_PER_ROW):
        lines.append(" · ".join(cells[start : start + _COEFFICIENTS_PER_ROW]))
    lines.append(
        t("analytics-season-peak-low", peak=result.peak.name, peak_coefficient=fmt.decimal(result.peak.coefficient),
          low=result.low.name, low_coefficient=fmt.decimal(result.low.coefficient))
    )
    return "\n".join(lines)


def _season_plan(result: SeasonalityResult) -> str:
    lines = [
        t(
            "analytics-season-plan",
            plan_months=PLAN_MONTHS,
            actual=fmt.money(sum(m.total for m in result.last_three)),
            coefficients=fmt.decimal(sum(_coef(result, m.month.month) for m in result.last_three)),
            level=fmt.money(result.level),
        )
    ]
    for p in result.plan:
        lines.append(
            t("analytics-season-plan-month", month=fmt.month_year(p.month), plan=fmt.money(p.plan),
              coefficient=fmt.decimal(p.coefficient))
        )
    return "\n".join(lines)


def _coef(result: SeasonalityResult, month: int) -> float:
    return result.coefficients[month - 1].coefficient


def file_captions(kind: str, result: object) -> tuple[str, str]:
    """What the chart and the Excel file of this report show, for their captions in the chat."""
    yes_no = {True: "yes", False: "no"}
    facts = {"kind": kind, "plan": "no", "enough_years": "no", "managers": "no", "reasons": "no"}
    if kind == "seasonality":
        facts.update(plan=yes_no[bool(result.plan)], enough_years=yes_no[bool(result.enough_years)])
    elif kind == "funnel":
        facts.update(managers=yes_no[bool(result.managers)], reasons=yes_no[bool(result.lost_reasons)])
    return t("analytics-chart-caption", **facts), t("analytics-xlsx-caption", **facts)
