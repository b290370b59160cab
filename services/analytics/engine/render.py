"""Russian summaries of the analyses: Telegram HTML (every file-provided string escaped) or plain text (CLI).

A Telegram message stays under 4096 characters: long optional parts are dropped and the Excel file has
the full tables.
"""

from __future__ import annotations

from . import fmt
from .content import funnel_book
from .fmt import Markup
from .funnel import FunnelResult
from .rfm import RfmResult
from .seasonality import MONTH_NAMES, SeasonalityResult
from .skips import explain

_FULL_TABLE_NOTE = "Полные таблицы — в файле Excel."
_SHOWN_MANAGERS = 8
_SHOWN_REASONS = 5


def render_rfm(result: RfmResult, html: bool = True) -> str:
    mk = Markup(html)
    head = [
        mk.bold("RFM-анализ клиентов") + f" · {mk.esc(result.source_name)}",
        f"Клиентов: {fmt.integer(result.total_clients)} · период: {fmt.day(result.period_start)} — "
        f"{fmt.day(result.period_end)}",
        f"Выручка: {fmt.money(result.revenue)} · дата отсчёта давности: {fmt.day(result.reference_date)}",
        _rfm_method(result, mk),
    ]
    sections = ["\n".join(head), _skipped_text(result.skipped, result.rows_total, result.rows_used, mk)]
    lines = [mk.bold("Сегменты") + " (клиенты · доля выручки):"]
    for s in sorted(result.segments, key=lambda s: -s.revenue_share):
        if s.clients:
            lines.append(
                f"• {mk.esc(s.name)} — {fmt.integer(s.clients)} ({_share(s.client_share)}) · "
                f"{fmt.percent(s.revenue_share)}"
            )
    sections.append("\n".join(lines))
    actions = [mk.bold("Что сделать в первую очередь")]
    for i, s in enumerate(result.top_actions, start=1):
        actions.append(
            f"{i}. {mk.bold(mk.esc(s.name))} — {fmt.integer(s.clients)} "
            f"{fmt.plural(s.clients, 'клиент', 'клиента', 'клиентов')}, {fmt.percent(s.revenue_share)} выручки: "
            f"{mk.esc(s.action)}"
        )
    sections.append("\n".join(actions))
    return fmt.fit(sections, optional_from=3, note=_FULL_TABLE_NOTE)


def _share(value: float) -> str:
    """Whole percent, but a small non-zero share is "менее 1 %", not a misleading "0 %".

    Words, not "<1 %": the same text goes into Telegram HTML, where a bare "<" breaks the message."""
    return f"менее 1{fmt.NBSP}%" if 0 < value < 0.5 else fmt.percent(value, 0)


def _rfm_method(result: RfmResult, mk: Markup) -> str:
    if result.thresholds:
        scale = f"баллы 1–{result.scale} по вашим критериям ({mk.esc(result.thresholds.describe())})"
    else:
        scale = f"баллы 1–{result.scale}, клиенты поделены на равные группы"
    basis = {
        "orders": f"частота — число разных заказов («{mk.esc(result.mapping.get('order', ''))}»)",
        "rows": "частота — число покупок (строк)",
        "count": "частота — число покупок из файла",
    }[result.frequency_basis]
    return f"Как считал: {scale}; {basis}; 3 — лучший балл."


def _skipped_text(skipped: dict[str, int], rows_total: int, rows_used: int, mk: Markup) -> str:
    if not skipped:
        return f"В анализе все {fmt.integer(rows_total)} строк файла."
    total = sum(skipped.values())
    lines = [f"Пропущено строк: {fmt.integer(total)} из {fmt.integer(rows_total)}:"]
    for code, count in sorted(skipped.items(), key=lambda kv: -kv[1]):
        lines.append(f"• {mk.esc(explain(code))} — {fmt.integer(count)}")
    return "\n".join(lines)


def render_funnel(result: FunnelResult, html: bool = True) -> str:
    mk = Markup(html)
    book = funnel_book()
    head = [mk.bold("Воронка продаж") + f" · {mk.esc(result.source_name)}"]
    if result.pipeline_name:
        head.append(f"Узнал воронку: {mk.esc(result.pipeline_name)}.")
    first, last = result.stages[0], result.stages[-1]
    unit = "лидов" if result.mode == "counts" else "сделок"
    head.append(
        f"Вошло в воронку: {fmt.integer(first.reached)} {unit} · дошли до «{mk.esc(last.name)}»: "
        f"{fmt.integer(last.reached)} · проиграно: {fmt.integer(result.lost_total)}"
    )
    head.append(f"Общая конверсия: {mk.bold(fmt.percent(result.overall_conversion))}")
    if result.won_revenue is not None:
        head.append(f"Сумма выигранных сделок: {fmt.money(result.won_revenue)}")
    stages = [mk.bold("Этапы") + " (дошли → перешли дальше, конверсия, отвал):"]
    for i, s in enumerate(result.stages, start=1):
        line = f"{i}. {mk.esc(s.name)} — {fmt.integer(s.reached)}"
        if s.moved_on is not None:
            line += f" → {fmt.integer(s.moved_on)}, {fmt.percent(s.conversion)}, отвал {fmt.integer(s.drop or 0)}"
        if s.median_days is not None:
            line += f"; на этапе в среднем (медиана) {fmt.decimal(s.median_days, 1)} дн."
        stages.append(line)
    sections = [
        "\n".join(head),
        _skipped_text(result.skipped, result.rows_total, result.rows_used, mk),
        "\n".join(stages),
    ]
    focus = []
    nxt = result.next_stage_of
    if result.bottleneck:
        b = result.bottleneck
        focus.append(
            f"{mk.bold('Узкое место')}: «{mk.esc(b.name)}» → «{mk.esc(nxt[b.name])}» — {fmt.percent(b.conversion)}. "
            f"{mk.esc(book.bottleneck_advice)}"
        )
    if result.key_stage:
        k = result.key_stage
        focus.append(
            f"{mk.bold('КЭВ')}: «{mk.esc(k.name)}» → «{mk.esc(nxt.get(k.name, ''))}» — {fmt.percent(k.conversion)}. "
            f"{mk.esc(book.key_stage_advice)}"
        )
    sections.append("\n".join(focus))
    sections.extend(result.warnings)
    optional_from = len(sections)
    if result.managers:
        lines = [mk.bold("Менеджеры") + " (сделок → выиграно, конверсия):"]
        for m in result.managers[:_SHOWN_MANAGERS]:
            lines.append(
                f"• {mk.esc(m.name)} — {fmt.integer(m.deals)} → {fmt.integer(m.won)}, {fmt.percent(m.conversion)}"
            )
        if len(result.managers) > _SHOWN_MANAGERS:
            lines.append(f"…и ещё {len(result.managers) - _SHOWN_MANAGERS} — в файле Excel.")
        sections.append("\n".join(lines))
    if result.lost_reasons:
        lines = [mk.bold("Причины отказа") + ":"]
        for reason, count in result.lost_reasons[:_SHOWN_REASONS]:
            lines.append(f"• {mk.esc(reason)} — {fmt.integer(count)}")
        sections.append("\n".join(lines))
    return fmt.fit(sections, optional_from=optional_from, note=_FULL_TABLE_NOTE)


def render_seasonality(result: SeasonalityResult, html: bool = True) -> str:
    mk = Markup(html)
    first, last = result.months[0].month, result.months[-1].month
    head = [
        mk.bold("Сезонность продаж") + f" · {mk.esc(result.source_name)}",
        f"Период: {fmt.month_year(first, MONTH_NAMES)} — {fmt.month_year(last, MONTH_NAMES)} "
        f"({len(result.months)} {fmt.plural(len(result.months), 'месяц', 'месяца', 'месяцев')})",
        f"Средний месяц: {fmt.money(result.average_month)}",
    ]
    if result.dropped_months:
        dropped = ", ".join(fmt.month_year(m, MONTH_NAMES) for m in result.dropped_months)
        head.append(f"Неполные месяцы на краях файла не учитывал: {dropped}.")
    coefficients = [mk.bold("Коэффициенты сезонности") + " (среднее месяца за годы ÷ средний месяц):"]
    row = []
    for c in result.coefficients:
        row.append(f"{fmt.MONTHS_GENITIVE_SHORT[c.month - 1]} {fmt.decimal(c.coefficient)}")
        if len(row) == 4:
            coefficients.append(" · ".join(row))
            row = []
    coefficients.append(
        f"Пик — {result.peak.name} ({fmt.decimal(result.peak.coefficient)}), "
        f"спад — {result.low.name} ({fmt.decimal(result.low.coefficient)})."
    )
    plan = [
        mk.bold("План на три месяца")
        + " — факт последних трёх месяцев с учётом сезонности: "
        + f"{fmt.money(sum(m.total for m in result.last_three))} ÷ "
        + f"{fmt.decimal(sum(_coef(result, m.month.month) for m in result.last_three))} = "
        + f"{fmt.money(result.level)} в средний месяц, дальше × коэффициент месяца:"
    ]
    for p in result.plan:
        plan.append(
            f"• {fmt.month_year(p.month, MONTH_NAMES)} — {fmt.money(p.plan)} (коэф. {fmt.decimal(p.coefficient)})"
        )
    sections = [
        "\n".join(head),
        _skipped_text(result.skipped, result.rows_total, result.rows_used, mk),
        "\n".join(coefficients),
        "\n".join(plan),
    ]
    return fmt.fit(sections, optional_from=4, note=_FULL_TABLE_NOTE)


def _coef(result: SeasonalityResult, month: int) -> float:
    return result.coefficients[month - 1].coefficient
