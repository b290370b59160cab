from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.attestation.callbacks import AttemptCallback, AttestCallback, LearnCallback
from handlers.keyboards import home_button
from services.attestation.engine.content import QuestionBank
from services.attestation.flow import FeedbackView, FinishedView, QuestionView


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def home() -> InlineKeyboardMarkup:
    rows = [
        [_button("📚 Учебные карточки", LearnCallback(action="topics").pack())],
        [_button("🏋️ Тренировка по теме", LearnCallback(action="pick").pack())],
        [_button("🎓 Экзамен (20 вопросов)", AttestCallback(action="exam").pack())],
        [_button("🔁 Работа над ошибками", AttestCallback(action="mistakes").pack())],
        [_button("📊 Мои результаты", AttestCallback(action="results").pack())],
        [home_button()],
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def topics(bank: QuestionBank, action: str) -> InlineKeyboardMarkup:
    rows = [[_button(t.title, LearnCallback(action=action, topic=t.id).pack())] for t in bank.topics]
    rows.append([_button("« Аттестация", AttestCallback(action="home").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def card(topic_id: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button("🏋️ Потренироваться", LearnCallback(action="practice", topic=topic_id).pack())],
        [_button("« К темам", LearnCallback(action="topics").pack())],
    ])


def question(view: QuestionView) -> InlineKeyboardMarkup | None:
    if view.type == "numeric":
        return None
    buttons = [
        _button(label, AttemptCallback(a=view.attempt_id, p=view.position, act="o", v=k).pack())
        for k, label in enumerate(view.labels)
    ]
    short = all(len(label) <= 4 for label in view.labels)
    rows = [buttons[i:i + 5] for i in range(0, len(buttons), 5)] if short else [[b] for b in buttons]
    if view.type == "multiple":
        rows.append([_button("Готово ✔", AttemptCallback(a=view.attempt_id, p=view.position, act="d").pack())])
    if view.type in ("ordering", "matching") and view.picked:
        rows.append([_button("Сбросить ↺", AttemptCallback(a=view.attempt_id, p=view.position, act="r").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def feedback(view: FeedbackView) -> InlineKeyboardMarkup:
    text = "Итоги ▶" if view.is_last else "Дальше ▶"
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button(text, AttemptCallback(a=view.attempt_id, p=view.position, act="n").pack())]
    ])


def finished(view: FinishedView) -> InlineKeyboardMarkup:
    rows = [[_button(f"📖 {title}", LearnCallback(action="card", topic=topic_id).pack())]
            for topic_id, title in view.weakest]
    rows.append([_button("🎓 Экзамен", AttestCallback(action="exam").pack()),
                 _button("🔁 Ошибки", AttestCallback(action="mistakes").pack())])
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def resume(kind: str, topic: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button("▶ Продолжить", AttestCallback(action="resume").pack())],
        [_button("↺ Начать заново", AttestCallback(action="restart", kind=kind, topic=topic).pack())],
    ])
