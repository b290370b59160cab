"""Keyboards of the team screens and of the scheduled messages (`outgoing_markup`, which the scheduler gets
from the dispatcher's workflow data)."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.attestation.callbacks import AttestAction, AttestCallback, LearnAction, LearnCallback
from handlers.bank.callbacks import BankAction, BankCallback
from handlers.drill.callbacks import DrillSetCallback, SetAction, TeamDrillAction, TeamDrillCallback
from handlers.keyboards import home_button
from handlers.simulator.callbacks import SimAction, SimCallback
from handlers.team.callbacks import (
    DASHBOARD_AS_NEW,
    JoinAction,
    JoinCallback,
    ReportAction,
    ReportCallback,
    TeamAction,
    TeamCallback,
    WizardAction,
    WizardCallback,
)
from services.teams.views import (
    ButtonAction,
    ButtonSpec,
    DashboardView,
    MembersView,
    MyTeamView,
    Overview,
    WizardScreen,
    WizardStep,
)
from services.texts import t

LABEL_LIMIT = 48  # long names make buttons unreadable on a phone
PICKED, NOT_PICKED = "✅", "▫️"


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def _button(builder: InlineKeyboardBuilder, text: str, data: CallbackData) -> None:
    builder.button(text=_short(text), callback_data=data)


def _team(a: TeamAction, team_id: int = 0, member_id: int = 0) -> TeamCallback:
    return TeamCallback(a=a, t=team_id, x=member_id)


def _wizard(a: WizardAction, team_id: int, member_id: int = 0, value: str = "") -> WizardCallback:
    return WizardCallback(a=a, t=team_id, x=member_id, v=value)


def _check(picked: bool, label: str) -> str:
    return f"{PICKED if picked else NOT_PICKED} {label}"


def overview(view: Overview) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for team in view.owned:
        _button(builder, f"👥 {team.name} ({team.members})", _team(TeamAction.OPEN, team.team_id))
    for team in view.joined:
        _button(builder, t("team-button-my-tasks-in", team=team.name),
                ReportCallback(a=ReportAction.MY_TEAM, t=team.team_id))
    _button(builder, t("team-button-create"), _team(TeamAction.NEW))
    builder.row(home_button())
    builder.adjust(1)
    return builder.as_markup()


def card(team_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("team-button-invite"), _team(TeamAction.INVITE, team_id))
    _button(builder, t("team-button-regenerate"), _team(TeamAction.REGENERATE, team_id))
    _button(builder, t("team-button-members"), _team(TeamAction.MEMBERS, team_id))
    _button(builder, t("team-button-assign"), _wizard(WizardAction.START, team_id))
    _button(builder, t("team-button-dashboard"), ReportCallback(a=ReportAction.DASHBOARD, t=team_id))
    _button(builder, t("drill-button-team-card"), TeamDrillCallback(a=TeamDrillAction.VIEW, t=team_id))
    _button(builder, t("bank-button-team-card"), BankCallback(a=BankAction.HOME, t=team_id))  # own questions
    _button(builder, t("team-button-delete"), _team(TeamAction.DELETE, team_id))
    _button(builder, t("team-button-back-to-teams"), _team(TeamAction.HOME))
    builder.adjust(2, 2, 2, 1, 1, 1)
    return builder.as_markup()


def back_to_team(team_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("team-button-back-to-team"), _team(TeamAction.OPEN, team_id))
    return builder.as_markup()


def members(view: MembersView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for item in view.members:
        _button(builder, f"✖ {item.label}", _team(TeamAction.REMOVE, view.team_id, item.user_id))
    _button(builder, t("team-button-back-to-team"), _team(TeamAction.OPEN, view.team_id))
    builder.adjust(1)
    return builder.as_markup()


def confirm_remove(team_id: int, member_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("team-button-remove-yes"), _team(TeamAction.REMOVE_YES, team_id, member_id))
    _button(builder, t("team-button-cancel"), _team(TeamAction.MEMBERS, team_id))
    return builder.as_markup()


def confirm_regenerate(team_id: int, invite_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("team-button-regenerate-yes"), _team(TeamAction.REGENERATE_YES, team_id, invite_id))
    _button(builder, t("team-button-cancel"), _team(TeamAction.OPEN, team_id))
    return builder.as_markup()


def confirm_delete(team_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("team-button-delete-yes"), _team(TeamAction.DELETE_YES, team_id))
    _button(builder, t("team-button-cancel"), _team(TeamAction.OPEN, team_id))
    return builder.as_markup()


def join() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("team-button-join"), JoinCallback(a=JoinAction.YES))
    _button(builder, t("team-button-cancel"), JoinCallback(a=JoinAction.NO))
    return builder.as_markup()


def joined(team_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("team-button-my-tasks"), ReportCallback(a=ReportAction.MY_TEAM, t=team_id))
    builder.row(home_button())
    return builder.as_markup()


def dashboard(view: DashboardView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if view.weakest:
        _button(builder, t("team-button-assign-weakest"), _wizard(WizardAction.START_WEAKEST, view.team_id))
    _button(builder, t("team-button-export"), ReportCallback(a=ReportAction.EXPORT, t=view.team_id))
    _button(builder, t("team-button-back-to-team"), _team(TeamAction.OPEN, view.team_id))
    builder.adjust(1)
    return builder.as_markup()


def my_team(view: MyTeamView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for button in _start_buttons(view.buttons):
        builder.row(button)
    builder.row(InlineKeyboardButton(text=t("team-button-back-to-teams"), callback_data=_team(TeamAction.HOME).pack()))
    return builder.as_markup()


def wizard(step: WizardStep) -> InlineKeyboardMarkup:
    team_id = step.team_id
    builder = InlineKeyboardBuilder()
    if step.step == WizardScreen.WHAT:
        for c in step.choices:
            _button(builder, c.label, _wizard(WizardAction.KIND, team_id, value=c.key))
    elif step.step == WizardScreen.TOPICS:
        for c in step.choices:
            _button(builder, _check(c.picked, c.label), _wizard(WizardAction.TOPIC, team_id, value=c.key))
        _button(builder, t("team-button-topics-done"), _wizard(WizardAction.TOPICS_DONE, team_id))
    elif step.step == WizardScreen.DEADLINE:
        for c in step.choices:
            _button(builder, c.label, _wizard(WizardAction.DEADLINE, team_id, value=c.key))
    elif step.step == WizardScreen.WHO:
        for c in step.choices:
            _button(builder, c.label, _wizard(WizardAction.WHO, team_id, value=c.key))
    else:
        for c in step.choices:
            _button(builder, _check(c.picked, c.label), _wizard(WizardAction.MEMBER, team_id, member_id=int(c.key)))
        _button(builder, t("team-button-assign-picked"), _wizard(WizardAction.ASSIGN_PICKED, team_id))
    # One button a row, except the quick deadlines, which share one.
    builder.adjust(len(step.choices) if step.step == WizardScreen.DEADLINE else 1)
    builder.row(InlineKeyboardButton(text=t("team-button-wizard-cancel"),
                                     callback_data=_team(TeamAction.OPEN, team_id).pack()))
    return builder.as_markup()


def _start_buttons(buttons: Sequence[ButtonSpec]) -> list[InlineKeyboardButton]:
    found = []
    for spec in buttons:
        if spec.action == ButtonAction.EXAM:
            data = AttestCallback(action=AttestAction.EXAM).pack()
        elif spec.action == ButtonAction.PRACTICE:
            data = LearnCallback(action=LearnAction.PRACTICE, topic=spec.value).pack()
        elif spec.action == ButtonAction.DASHBOARD:  # under a notice: the dashboard comes as a new message
            data = ReportCallback(a=ReportAction.DASHBOARD, t=int(spec.value), v=DASHBOARD_AS_NEW).pack()
        elif spec.action == ButtonAction.SCENARIO:
            data = SimCallback(a=SimAction.START, sc=spec.value).pack()
        elif spec.action == ButtonAction.DRILL_JOIN:  # the daily drill's invitation: one tap turns it on
            data = DrillSetCallback(a=SetAction.ACCEPT, v=spec.value).pack()
        else:
            continue
        found.append(InlineKeyboardButton(text=_short(spec.text), callback_data=data))
    return found


def outgoing_markup(buttons: Sequence[ButtonSpec]) -> InlineKeyboardMarkup | None:
    """The keyboard of a scheduled message (a task, a reminder, a summary): one button a row."""
    found = _start_buttons(buttons)
    if not found:
        return None
    builder = InlineKeyboardBuilder()
    for button in found:
        builder.row(button)
    return builder.as_markup()
