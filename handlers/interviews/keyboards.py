"""Inline keyboards of the interview flows, built from the views the services return."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.attestation.callbacks import LearnCallback
from handlers.interviews.callbacks import EXPORT_FORMATS, InterviewMenuCallback, LinkCallback, StepCallback
from handlers.keyboards import home_button
from services.interviews.views import LinkView, ListView, OverviewView, ResultView, StepView

AUDIT_SCALE_LABELS = {0: "0 · нет", 1: "1 · частично", 2: "2 · системно"}
EXPORT_LABELS = {"xlsx": "📊 Excel", "pdf": "📄 PDF"}
TAGS_PER_ROW = 3


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def _menu(action: str, section: str = "") -> str:
    return InterviewMenuCallback(a=action, s=section).pack()


def _list_button() -> InlineKeyboardButton:
    return _button("🗂 Мои интервью", _menu("list"))


def _home_button() -> InlineKeyboardButton:
    return home_button()


def step(view: StepView) -> InlineKeyboardMarkup:
    def data(action: str, value: int = -1, on: int = -1) -> str:
        return StepCallback(i=view.interview_id, a=action, p=view.position, v=value, on=on).pack()

    rows: list[list[InlineKeyboardButton]] = []
    if view.scale:
        rows.append([
            _button(("✓ " if value == view.chosen else "")
                    + (AUDIT_SCALE_LABELS.get(value, str(value)) if view.script == "audit" else str(value)),
                    data("r", value))
            for value in view.scale
        ])
    toggles = [
        _button(f"{('🔴' if t.on else '⚪') if view.script == 'rop' else ('✅' if t.on else '▫️')} {t.label}",
                data("f", t.index, 0 if t.on else 1))
        for t in view.toggles
    ]
    per_row = 1 if view.script == "rop" else TAGS_PER_ROW
    rows += [toggles[k:k + per_row] for k in range(0, len(toggles), per_row)]
    if view.has_voice:
        rows.append([_button("🎤 Прослушать ответ", data("v"))])
    nav = []
    if view.can_back:
        nav.append(_button("« Назад", data("b")))
    if view.can_skip:
        nav.append(_button("Не проверено" if view.script == "audit" else "Пропустить", data("s")))
    if view.can_next:
        nav.append(_button("Итоги ▶" if view.is_last else "Дальше ▶", data("n")))
    if nav:
        rows.append(nav)
    if view.can_finish:
        rows.append([_button("🏁 Завершить интервью", data("e"))])
    rows.append([_list_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def result(view: ResultView) -> InlineKeyboardMarkup:
    exports = [
        _button(EXPORT_LABELS[fmt], StepCallback(i=view.interview_id, a="x", v=EXPORT_FORMATS.index(fmt)).pack())
        for fmt in view.exports
    ]
    rows = [exports] if exports else []
    rows += [[_button(f"📖 {title}", LearnCallback(action="card", topic=topic_id).pack())]
             for topic_id, title in view.programme]
    if view.insights:
        rows.append([_button("📈 Итоги по всем интервью", _menu("ins"))])
    if view.script == "rop":
        rows.append([_button("⚖️ Сравнить кандидатов", _menu("cmp"))])
    rows.append([_list_button(), _home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def link(view: LinkView) -> InlineKeyboardMarkup:
    rows = []
    if view.can_renew:
        rows.append([_button("🔄 Новая ссылка", LinkCallback(i=view.interview_id, a="new").pack())])
    if view.can_revoke:
        rows.append([_button("⛔ Отозвать ссылку", LinkCallback(i=view.interview_id, a="revoke").pack())])
    rows.append([_list_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def listing(view: ListView) -> InlineKeyboardMarkup:
    rows = [[_button(entry.label, StepCallback(i=entry.interview_id, a="o").pack())] for entry in view.entries]
    rows.append([_home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def overview(view: OverviewView) -> InlineKeyboardMarkup:
    rows = []
    if view.exportable:
        rows.append([_button("📊 Excel", _menu("cmpx" if view.kind == "comparison" else "insx"))])
    rows.append([_list_button(), _home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def rate_answers(interview_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_button("▶ Оценить ответы", StepCallback(i=interview_id,
                                                                                           a="o").pack())]])


def section(name: str) -> InlineKeyboardMarkup:
    entries = {
        "rop": [("🎙 Провести собеседование", "live"), ("🔗 Ссылка для кандидата", "remote"),
                ("⚖️ Сравнить кандидатов", "cmp")],
        "custdev": [("🎙 Новое интервью", "custdev"), ("📈 Итоги по всем интервью", "ins")],
        "audit": [("▶ Начать аудит", "audit")],
    }[name]
    rows = [[_button(text, _menu(action, name))] for text, action in entries]
    rows.append([_list_button(), _home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def cancel_prompt(section_name: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_button("« Отмена", _menu("cancel", section_name))]])
