"""The funnel report as a chat message (Telegram HTML) or plain text (CLI), from `content/texts/funnel.ftl`.

The first line says what kind of evidence the file holds and what it allows. Conversions, the bottleneck and
the КЭВ advice are shown only for steps whose conversion is known; the others are named with the reason.
The message is built once in HTML (every file-provided string escaped); the plain text drops the tags.
"""

from __future__ import annotations

from services.texts import t

from . import fmt
from .content import funnel_book
from .funnel import FunnelResult
from .funnel_steps import Step
from .skips import explain

_SHOWN_MANAGERS = 8
_SHOWN_REASONS = 5
_STEPS_BUDGET = 2400  # characters of step lines before the rest is left to the Excel file
_EVIDENCE_KEYS = {
    "events": "funnel-evidence-events",
    "current_stage": "funnel-evidence-current-stage",
}
_SOURCE_KEYS = {"loss_column": "funnel-source-column", "loss_reason": "funnel-source-reason"}
_WARNING_KEYS = {"next_bigger": "funnel-warning-next-bigger"}


def render_funnel(result: FunnelResult, html: bool = True) -> str:
    text = _render_html(result)
    return text if html else to_plain(text)


to_plain = fmt.plain  # the CLI's text: tags dropped, entities decoded
_esc = fmt.esc


# ---- what the file holds ----------------------------------------------------------------------------------


def evidence_sentence(result: FunnelResult) -> str:
    """«В выгрузке — …: …» — the kind of evidence and what it allows (HTML-escaped)."""
    if result.evidence == "counts":
        return t("funnel-evidence-counts")
    if result.evidence == "stage_dates":
        columns = [t("funnel-date-column", stage=_esc(s), column=_esc(c)) for s, c in result.date_columns.items()]
        kind = t("funnel-evidence-stage-dates", count=len(columns), columns=", ".join(columns))
    else:
        kind = t(_EVIDENCE_KEYS[result.evidence])
    return f"{kind} {_losses_clause(result)}"


def _losses_clause(result: FunnelResult) -> str:
    lost, unplaced = result.lost_total, result.lost_unplaced
    if not lost:
        return t("funnel-losses-none")
    if unplaced == lost:
        return t("funnel-losses-unknown", lost=lost)
    sources = [
        t(_SOURCE_KEYS[trace.kind], column=_esc(trace.columns[0])) if trace.kind == "loss_column" else t(
            _SOURCE_KEYS[trace.kind]
        )
        for trace in result.traces
        if trace.kind in _SOURCE_KEYS and trace.placed
    ]
    via = t("funnel-via", sources=", ".join(sources)) if sources else ""
    if not unplaced:
        return t("funnel-losses-placed", via=via)
    return t(
        "funnel-losses-partly",
        placed=fmt.integer(lost - unplaced),
        lost=fmt.integer(lost),
        unplaced=fmt.integer(unplaced),
        via=via,
    )


# ---- the message ------------------------------------------------------------------------------------------


def _render_html(result: FunnelResult) -> str:
    sections = [
        _head(result),
        _skipped(result),
        _counts_section(result) if result.evidence == "counts" else _steps_section(result),
        _judgement(result),
        *(t(_WARNING_KEYS[w]) for w in result.warnings),
    ]
    optional_from = len(sections)
    sections += [_managers(result), _reasons(result)]
    return fmt.fit(sections, optional_from=optional_from, note=t("funnel-full-tables"))


def _head(result: FunnelResult) -> str:
    lines = [f"{t('funnel-title', file=_esc(result.source_name))} {evidence_sentence(result)}"]
    if result.pipeline_name:
        lines.append(t("funnel-pipeline", name=_esc(result.pipeline_name)))
    if result.evidence == "counts":
        head = t(
            "funnel-head-counts",
            first=fmt.integer(result.reached[0]),
            last=_esc(result.stages[-1]),
            reached=fmt.integer(result.reached[-1]),
        )
        if result.lost_total:
            head = t("funnel-head-counts-lost", head=head, lost=fmt.integer(result.lost_total))
        lines += [head, t("funnel-overall", rate=fmt.percent(result.overall_conversion))]
    else:
        lines.append(
            t(
                "funnel-head-deals",
                deals=fmt.integer(result.deals),
                won=fmt.integer(result.won),
                lost=fmt.integer(result.lost_total),
                open=fmt.integer(result.open_total),
            )
        )
        if result.win_rate is None:
            lines.append(t("funnel-win-rate-none"))
        else:
            lines.append(
                t(
                    "funnel-win-rate",
                    rate=fmt.percent(result.win_rate),
                    won=fmt.integer(result.won),
                    closed=fmt.integer(result.won + result.lost_total),
                )
            )
    if result.won_revenue is not None:
        lines.append(t("funnel-won-revenue", sum=fmt.money(result.won_revenue)))
    return "\n".join(lines)


def _skipped(result: FunnelResult) -> str:
    if not result.skipped:
        return t("funnel-rows-all", rows=fmt.integer(result.rows_total))
    lines = [
        t("funnel-rows-skipped", skipped=fmt.integer(sum(result.skipped.values())), rows=fmt.integer(result.rows_total))
    ]
    for code, count in sorted(result.skipped.items(), key=lambda kv: -kv[1]):
        lines.append(t("funnel-rows-skip-reason", reason=_esc(explain(code)), count=fmt.integer(count)))
    return "\n".join(lines)


def _counts_section(result: FunnelResult) -> str:
    lines = [t("funnel-counts-title")]
    for i, step in enumerate(result.steps, start=1):
        lines.append(
            t(
                "funnel-counts-stage",
                n=str(i),
                stage=_esc(step.source),
                reached=fmt.integer(step.reached),
                moved=fmt.integer(step.moved_on),
                rate=fmt.percent(step.conversion),
                drop=fmt.integer(step.lost_here),
            )
        )
    last = len(result.stages)
    lines.append(
        t("funnel-counts-last", n=str(last), stage=_esc(result.stages[-1]), reached=fmt.integer(result.reached[-1]))
    )
    return _within_budget(lines)


def _steps_section(result: FunnelResult) -> str:
    if not result.judged and result.lost_unplaced:
        return _open_pipeline(result)
    lines = [t("funnel-steps-title")]
    lines += [step_line(i, step) for i, step in enumerate(result.steps, start=1)]
    won = t("funnel-step-won", n=str(len(result.stages)), stage=_esc(result.stages[-1]), won=fmt.integer(result.won))
    lines.append(won)
    text = _within_budget(lines)
    if result.reach_exact and result.deals:
        reach = [
            t(
                "funnel-reach-stage",
                stage=_esc(name),
                reached=fmt.integer(reached),
                share=fmt.percent(100.0 * reached / result.deals),
            )
            for name, reached in zip(result.stages[1:], result.reached[1:], strict=True)
        ]
        text += "\n" + t("funnel-reach", deals=fmt.integer(result.deals), stages=", ".join(reach))
    return text


def step_line(n: int, step: Step) -> str:
    """One step of a deals funnel, as the chat shows it."""
    common = {"n": str(n), "stage": _esc(step.source), "open": fmt.integer(step.still_open)}
    if step.conversion is not None:
        line = t(
            "funnel-step-known",
            moved=fmt.integer(step.moved_on),
            left=fmt.integer(step.left),
            rate=fmt.percent(step.conversion),
            lost=fmt.integer(step.lost_here),
            **common,
        )
    elif step.why_unknown == "unplaced":
        line = t("funnel-step-unplaced", unplaced=step.unplaced, **common)
    else:
        line = t("funnel-step-no-exits", **common)
    if step.median_days is not None:
        line += t("funnel-step-days", days=fmt.decimal(step.median_days, 1))
    return line


def _open_pipeline(result: FunnelResult) -> str:
    lines = [t("funnel-open-title")]
    for i, step in enumerate(result.steps, start=1):
        lines.append(t("funnel-open-stage", n=str(i), stage=_esc(step.source), open=fmt.integer(step.still_open)))
    return _within_budget(lines)


def _within_budget(lines: list[str]) -> str:
    """A long funnel (30 stages with long names) keeps the message under Telegram's limit."""
    kept, size = [], 0
    for i, line in enumerate(lines):
        if size + len(line) > _STEPS_BUDGET and i < len(lines) - 1:
            kept.append(t("funnel-steps-more", count=str(len(lines) - i)))
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept)


# ---- what to do -------------------------------------------------------------------------------------------


def _judgement(result: FunnelResult) -> str:
    book = funnel_book()
    key = result.key_step
    if not result.judged and result.lost_unplaced:
        lines = [
            t(
                "funnel-none-judged",
                unplaced=result.lost_unplaced,
                source=_esc(key.source) if key else "",
                target=_esc(key.target) if key else "",
            )
        ]
        return "\n".join([*lines, t("funnel-export-hint")])
    lines = []
    unjudged = result.unjudged
    if result.bottleneck:
        b = result.bottleneck
        lines.append(
            t(
                "funnel-bottleneck-among-judged" if unjudged else "funnel-bottleneck",
                source=_esc(b.source),
                target=_esc(b.target),
                rate=fmt.percent(b.conversion),
                advice=_esc(book.bottleneck_advice),
            )
        )
    elif result.judged:
        lines.append(t("funnel-bottleneck-none"))
    if unjudged:
        named = [
            t("funnel-unjudged-step", source=_esc(s.source), target=_esc(s.target), why=why_unjudged(s))
            for s in unjudged
        ]
        lines.append(t("funnel-unjudged", steps="; ".join(named)))
    if key is not None:
        if key.conversion is not None:
            lines.append(
                t(
                    "funnel-key-step",
                    source=_esc(key.source),
                    target=_esc(key.target),
                    rate=fmt.percent(key.conversion),
                    advice=_esc(book.key_stage_advice),
                )
            )
        else:
            lines.append(
                t("funnel-key-step-unjudged", source=_esc(key.source), target=_esc(key.target), why=why_unjudged(key))
            )
    if result.lost_unplaced:
        lines.append(t("funnel-export-hint"))
    return "\n".join(lines)


def why_unjudged(step: Step) -> str:
    if step.why_unknown == "unplaced":
        return t("funnel-why-unplaced", unplaced=fmt.integer(step.unplaced))
    return t("funnel-why-no-exits")


def _managers(result: FunnelResult) -> str:
    if not result.managers:
        return ""
    lines = [t("funnel-managers-title")]
    for m in result.managers[:_SHOWN_MANAGERS]:
        if m.win_rate is None:
            lines.append(t("funnel-manager-none-closed", name=_esc(m.name), open=fmt.integer(m.still_open)))
        else:
            lines.append(
                t(
                    "funnel-manager",
                    name=_esc(m.name),
                    won=fmt.integer(m.won),
                    closed=fmt.integer(m.closed),
                    rate=fmt.percent(m.win_rate),
                    open=fmt.integer(m.still_open),
                )
            )
    if len(result.managers) > _SHOWN_MANAGERS:
        lines.append(t("funnel-managers-more", count=str(len(result.managers) - _SHOWN_MANAGERS)))
    return "\n".join(lines)


def _reasons(result: FunnelResult) -> str:
    if not result.lost_reasons:
        return ""
    lines = [t("funnel-reasons-title")]
    for reason, count in result.lost_reasons[:_SHOWN_REASONS]:
        lines.append(t("funnel-reason", reason=_esc(reason), count=fmt.integer(count)))
    return "\n".join(lines)
