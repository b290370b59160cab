"""Keyboards of the drill screens and of the day's drill (`drill_markup`, which the scheduler gets from the
dispatcher's workflow data to put under the first question)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.drill.callbacks import (
    AnswerAction,
    DrillCallback,
    DrillSetCallback,
    SetAction,
    TeamDrillAction,
    TeamDrillCallback,
)
from handlers.keyboards import home_button
from handlers.team.callbacks import TeamAction, TeamCallback
from services.attestation.drill.flow.settings import EVERY_DAY_KEY, WEEKDAYS_KEY
from services.attestation.drill.views import (
    BoardView,
    FeedbackView,
    Pick,
    PickView,
    QuestionView,
    SettingsView,
    TeamDrillView,
)
from services.texts import t

LABEL_LIMIT = 48
PICKED, NOT_PICKED = "✅", "▫️"
SHORT_LABEL = 4  # labels this short («1», «Да») sit five to a row
ROW_OF_SHORT = 5
ROW_WIDTH = {Pick.TIME: 4, Pick.COUNT: 5, Pick.ZONE: 2, Pick.DAYS: 4}


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def _set(action: SetAction, value: str = "") -> DrillSetCallback:
    return DrillSetCallback(a=action, v=value)


def _rows(count: int, width: int) -> list[int]:
    """Row sizes for `count` buttons, `width` to a row (the last row takes the rest)."""
    return [min(width, count - start) for start in range(0, count, width)]


def settings(view: SettingsView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if view.enabled:
        builder.button(text=t("drill-button-off"), callback_data=_set(SetAction.OFF))
    else:
        builder.button(text=t("drill-button-on"), callback_data=_set(SetAction.ON))
    builder.button(text=t("drill-button-time"), callback_data=_set(SetAction.PICK, Pick.TIME))
    builder.button(text=t("drill-button-days"), callback_data=_set(SetAction.PICK, Pick.DAYS))
    builder.button(text=t("drill-button-count"), callback_data=_set(SetAction.PICK, Pick.COUNT))
    builder.button(text=t("drill-button-zone"), callback_data=_set(SetAction.PICK, Pick.ZONE))
    sizes = [1, 2, 2]
    if view.joined:
        builder.button(text=t("drill-button-board-leave") if view.leaderboard else t("drill-button-board-join"),
                       callback_data=_set(SetAction.BOARD))
        sizes.append(1)
        for team in view.joined:
            builder.button(text=_short(t("drill-button-board", team=team.name)),
                           callback_data=TeamDrillCallback(a=TeamDrillAction.BOARD, t=team.team_id))
            sizes.append(1)
    for team in view.owned:
        builder.button(text=_short(t("drill-button-team", team=team.name)),
                       callback_data=TeamDrillCallback(a=TeamDrillAction.VIEW, t=team.team_id))
        sizes.append(1)
    builder.add(home_button())
    builder.adjust(*sizes, 1)
    return builder.as_markup()


def pick(view: PickView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for choice in view.choices:
        if view.pick == Pick.DAYS:
            label = f"{PICKED if choice.picked else NOT_PICKED} {choice.label}"
            data = _set(SetAction.DAY, choice.key)
        else:
            label = f"{PICKED} {choice.label}" if choice.picked else choice.label
            action = {Pick.TIME: SetAction.TIME, Pick.COUNT: SetAction.COUNT}.get(
                view.pick, SetAction.ZONE_ON if view.then_enable else SetAction.ZONE)
            data = _set(action, choice.key)
        builder.button(text=_short(label), callback_data=data)
    sizes = _rows(len(view.choices), ROW_WIDTH[view.pick])
    if view.pick == Pick.DAYS:
        builder.button(text=t("drill-button-weekdays"), callback_data=_set(SetAction.DAYS, WEEKDAYS_KEY))
        builder.button(text=t("drill-button-every-day"), callback_data=_set(SetAction.DAYS, EVERY_DAY_KEY))
        sizes.append(2)
    builder.button(text=t("drill-button-back"), callback_data=_set(SetAction.HOME))
    builder.adjust(*sizes, 1)
    return builder.as_markup()


def question(view: QuestionView) -> InlineKeyboardMarkup | None:
    """The answer buttons (none for a numeric question: the number is typed)."""
    if view.type == "numeric":
        return None

    def data(action: AnswerAction, value: int = -1) -> DrillCallback:
        return DrillCallback(r=view.run_id, p=view.position, a=action, v=value)

    builder = InlineKeyboardBuilder()
    for k, label in enumerate(view.labels):
        builder.button(text=label, callback_data=data(AnswerAction.OPTION, k))
    short = all(len(label) <= SHORT_LABEL for label in view.labels)
    sizes = _rows(len(view.labels), ROW_OF_SHORT if short else 1)
    if view.type == "multiple":
        builder.button(text=t("drill-button-done"), callback_data=data(AnswerAction.DONE))
        sizes.append(1)
    if view.type in ("ordering", "matching") and view.picked:
        builder.button(text=t("drill-button-reset"), callback_data=data(AnswerAction.RESET))
        sizes.append(1)
    builder.adjust(*sizes)
    return builder.as_markup()


def drill_markup(view: QuestionView) -> InlineKeyboardMarkup | None:
    """The keyboard of a day's drill as the scheduler sends it (its first question)."""
    return question(view)


def feedback(view: FeedbackView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if view.is_last:
        builder.button(text=t("drill-button-settings"), callback_data=_set(SetAction.HOME))
    else:
        builder.button(text=t("drill-button-next"),
                       callback_data=DrillCallback(r=view.run_id, p=view.position, a=AnswerAction.NEXT))
    return builder.as_markup()


def team(view: TeamDrillView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("drill-button-invite"), callback_data=TeamDrillCallback(a=TeamDrillAction.INVITE,
                                                                                  t=view.team_id))
    if view.weakest:
        builder.button(text=_short(t("drill-button-assign-weakest", topic=view.weakest_title)),
                       callback_data=TeamDrillCallback(a=TeamDrillAction.ASSIGN, t=view.team_id))
    builder.button(text=t("drill-button-team-board"),
                   callback_data=TeamDrillCallback(a=TeamDrillAction.BOARD, t=view.team_id))
    builder.button(text=t("drill-button-back-to-team"), callback_data=TeamCallback(a=TeamAction.OPEN, t=view.team_id))
    builder.adjust(1)
    return builder.as_markup()


def board(view: BoardView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if view.owner:
        builder.button(text=t("drill-button-back"), callback_data=TeamDrillCallback(a=TeamDrillAction.VIEW,
                                                                                    t=view.team_id))
    else:
        builder.button(text=t("drill-button-back"), callback_data=_set(SetAction.HOME))
    return builder.as_markup()
