"""Simulator keyboards: the scenario list, a step's replies, the end screen, the paused offer."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.attestation.callbacks import LearnAction, LearnCallback
from handlers.keyboards import home_button
from handlers.simulator.callbacks import SimAction, SimCallback
from services.attestation.simulator.views import ListView, PausedView, ResultView, StepView
from services.texts import t

NUMBERS_IN_A_ROW = 4  # numbered replies («1», «2» …) share a row; a reply's own text gets a row of its own


def _button(text: str, data: SimCallback) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _list_button() -> InlineKeyboardButton:
    return _button(t("sim-button-list"), SimCallback(a=SimAction.LIST))


def scenario_list(view: ListView) -> InlineKeyboardMarkup:
    rows = []
    if view.open_run is not None:
        rows.append([_button(t("sim-button-resume", title=view.open_title),
                             SimCallback(a=SimAction.RESUME, r=view.open_run))])
    for item in view.items:
        label = t("sim-button-scenario", title=item.title, done="yes" if item.best_percent is not None else "no")
        rows.append([_button(label, SimCallback(a=SimAction.START, sc=item.scenario_id))])
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def step(view: StepView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for position, label in enumerate(view.labels):
        builder.add(_button(label, SimCallback(a=SimAction.REPLY, r=view.run_id, p=view.step, v=position)))
    numbered = all(label.isdigit() for label in view.labels)
    builder.adjust(NUMBERS_IN_A_ROW if numbered else 1)
    return builder.as_markup()


def result(view: ResultView) -> InlineKeyboardMarkup:
    rows = [[_button(t("sim-button-replay"), SimCallback(a=SimAction.REPLAY, r=view.run_id))]]
    if view.card_topic:
        rows.append([InlineKeyboardButton(
            text=t("sim-button-card", title=view.card_title),
            callback_data=LearnCallback(action=LearnAction.CARD, topic=view.card_topic).pack())])
    rows += [[_list_button()], [home_button()]]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def paused(view: PausedView) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button(t("sim-button-continue"), SimCallback(a=SimAction.RESUME, r=view.run_id))],
        [_list_button()],
    ])
