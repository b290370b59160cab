"""One entry for the chat and the command line: bytes of a file -> a finished report, or a question.

`analyse` is pure (no Telegram, no globals changed) and safe to run in a worker thread. When it cannot
go on without the user — which analysis, which column, is this the stage order — it returns a `Question`
carrying the choices; the caller asks, then calls `analyse` again with `kind`, `mapping` or `options`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from services.texts import t

from .columns import KINDS, candidates_for, examples, match_columns, role_title
from .detect import detect_kind
from .errors import BadOptions
from .fmt import esc, plain
from .reader import DEFAULT_MAX_UNPACKED, LoadedTable, read_table

if TYPE_CHECKING:
    from .funnel import FunnelOptions
    from .rfm import RfmOptions

# Each analysis imports its own modules when it runs (`python -m bot rfm` loads no funnel code, and the chart
# and Excel libraries only once a report is drawn).


@dataclass(frozen=True)
class Report:
    kind: str
    text_html: str
    text_plain: str
    xlsx: bytes
    png: bytes
    xlsx_name: str
    png_name: str
    png_caption: str
    xlsx_caption: str
    result: object  # RfmResult | FunnelResult | SeasonalityResult, for callers that want the numbers
    others: tuple[str, ...] = ()  # other analyses the file has the columns for (with `offer_others`)


@dataclass(frozen=True)
class Choice:
    value: str  # what to pass back: a kind, a header, or "confirm"
    label: str  # button text (file-provided parts not escaped: buttons are plain text)


@dataclass(frozen=True)
class Question:
    """What to ask. `topic`: "kind" | "column" | "stage_order"."""

    topic: str
    text_html: str
    text_plain: str
    choices: list[Choice]
    kind: str | None = None  # the analysis in question (for "column" and "stage_order")
    role: str | None = None  # the role to pick a column for (topic "column")
    mapping: dict[str, str] = field(default_factory=dict)  # roles settled so far
    proposed_order: list[str] = field(default_factory=list)  # topic "stage_order"


AnalysisOutcome = Report | Question


def analyse(
    data: bytes,
    filename: str,
    kind: str | None = None,
    mapping: dict[str, str] | None = None,
    options: RfmOptions | FunnelOptions | None = None,
    *,
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED,
    offer_others: bool = False,
) -> AnalysisOutcome:
    """Read, detect, match columns, compute and render. Raises `AnalyticsError` on a bad file. With
    `offer_others`, a report also names the other analyses the file supports (the chat offers them)."""
    table = read_table(data, filename, max_unpacked_bytes=max_unpacked_bytes)
    outcome = _analyse_table(table, kind, mapping, options)
    if offer_others and isinstance(outcome, Report):
        outcome = replace(outcome, others=other_kinds(table, outcome.kind))
    return outcome


def other_kinds(table: LoadedTable, kind: str) -> tuple[str, ...]:
    """The analyses besides `kind` whose columns the file has (several candidates for a column still count:
    the chat asks which one)."""
    return tuple(k for k in KINDS if k != kind and _has_columns(table, k))


def _has_columns(table: LoadedTable, kind: str) -> bool:
    if kind == "seasonality":
        from .season_shapes import wide_layout

        if wide_layout(table) is not None:
            return True
    return not match_columns(table, kind).missing


def _analyse_table(table: LoadedTable, kind: str | None, mapping: dict[str, str] | None,
                   options: RfmOptions | FunnelOptions | None) -> AnalysisOutcome:
    if kind is None:
        detection = detect_kind(table)
        if detection.kind is None:
            return _ask_kind(table, detection.alternatives)
        kind = detection.kind
    if kind == "seasonality" and not mapping:
        from .season_shapes import wide_layout

        layout = wide_layout(table)
        if layout is not None:  # months as columns: no column to pick
            return _seasonality_report(table, {}, layout)
    match = match_columns(table, kind, preset=mapping)
    if match.ambiguous or match.missing:
        role = next(iter(match.ambiguous), None) or match.missing[0]
        return _ask_column(table, kind, role, match.mapping, match.ambiguous.get(role))
    if kind == "rfm":
        from . import charts, render, rfm, xlsx

        rfm_options = options if isinstance(options, rfm.RfmOptions) else rfm.RfmOptions()
        result = rfm.compute(table, match.mapping, rfm_options)
        return _report(kind, table, result, render.render_rfm, xlsx.rfm_to_xlsx, charts.rfm_to_png)
    if kind == "funnel":
        from . import funnel
        from .funnel_chart import funnel_to_png
        from .funnel_render import render_funnel
        from .funnel_xlsx import funnel_to_xlsx

        funnel_options = options if isinstance(options, funnel.FunnelOptions) else funnel.FunnelOptions()
        if funnel_options.stage_order is None and funnel.needs_confirmation(table, match.mapping):
            return _ask_stage_order(table, match.mapping)
        result = funnel.compute(table, match.mapping, funnel_options)
        return _report(kind, table, result, render_funnel, funnel_to_xlsx, funnel_to_png)
    if kind == "seasonality":
        return _seasonality_report(table, match.mapping, None)
    raise BadOptions(t("analytics-unknown-kind", kind=kind, kinds=", ".join(KINDS[:-1]), last=KINDS[-1]))


def _seasonality_report(table: LoadedTable, mapping: dict[str, str], layout) -> Report:
    from . import charts, render, seasonality, xlsx

    result = seasonality.compute(table, mapping, layout=layout)
    return _report("seasonality", table, result, render.render_seasonality, xlsx.seasonality_to_xlsx,
                   charts.seasonality_to_png)


def _report(kind, table: LoadedTable, result, to_text, to_xlsx, to_png) -> Report:
    stem = PurePosixPath(table.source_name).stem or "report"
    from .render import file_captions

    png_caption, xlsx_caption = file_captions(kind, result)
    return Report(
        kind=kind,
        text_html=to_text(result, html=True),
        text_plain=to_text(result, html=False),
        xlsx=to_xlsx(result),
        png=to_png(result),
        xlsx_name=f"{stem}_{kind}.xlsx",
        png_name=f"{stem}_{kind}.png",
        png_caption=png_caption,
        xlsx_caption=xlsx_caption,
        result=result,
    )


_KIND_KEYS = {
    "rfm": "analytics-kind-rfm",
    "funnel": "analytics-kind-funnel",
    "seasonality": "analytics-kind-seasonality",
}


def _ask_kind(table: LoadedTable, alternatives: list[str]) -> Question:
    text = t("analytics-ask-kind", file=esc(table.source_name), columns=esc(", ".join(table.headers[:15])))
    kinds = alternatives + [k for k in KINDS if k not in alternatives]
    choices = [Choice(value=k, label=t(_KIND_KEYS[k])) for k in kinds]
    return Question(topic="kind", text_html=text, text_plain=plain(text), choices=choices)


def _ask_column(table: LoadedTable, kind: str, role: str, mapping: dict[str, str], tied: list[str] | None) -> Question:
    title = esc(role_title(role))
    text = t("analytics-ask-column-tied", role=title) if tied else t("analytics-ask-column-missing", role=title)
    used = set(mapping.values())
    headers = tied or [h for h in candidates_for(table, kind, role) if h not in used]
    choices = []
    for header in headers[:12]:
        sample = ", ".join(examples(table, header, 2))
        label = f"{header} ({sample})" if sample else header
        choices.append(Choice(value=header, label=label[:60]))
    return Question(
        topic="column",
        text_html=text,
        text_plain=plain(text),
        choices=choices,
        kind=kind,
        role=role,
        mapping=dict(mapping),
    )


def _ask_stage_order(table: LoadedTable, mapping: dict[str, str]) -> Question:
    from . import funnel

    order = funnel.propose_stage_order(table, mapping)
    lines = [t("analytics-ask-stage-order")]
    lines += [f"{i}. {esc(s)}" for i, s in enumerate(order.stages, start=1)]
    if order.lost:
        lines.append(t("analytics-ask-stage-order-lost", stages=esc(", ".join(order.lost))))
    lines.append(t("analytics-ask-stage-order-hint"))
    text = "\n".join(lines)
    return Question(
        topic="stage_order",
        text_html=text,
        text_plain=plain(text),
        choices=[Choice(value="confirm", label=t("analytics-button-order-confirm"))],
        kind="funnel",
        mapping=dict(mapping),
        proposed_order=list(order.stages),
    )
