"""Keyboards of the team screens and of the scheduled messages."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.attestation.callbacks import AttestCallback, LearnCallback
from handlers.keyboards import home_button
from handlers.team.callbacks import TeamCallback
from services.teams.views import ButtonSpec, DashboardView, MembersView, MyTeamView, Overview, WizardStep

LABEL_LIMIT = 48  # long names make buttons unreadable on a phone


def _b(text: str, a: str, t: int = 0, x: int = 0, v: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=_short(text), callback_data=TeamCallback(a=a, t=t, x=x, v=v).pack())


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def _markup(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[list(row) for row in rows if row])


def overview(view: Overview) -> InlineKeyboardMarkup:
    rows = [[_b(f"👥 {team.name} ({team.members})", "open", team.team_id)] for team in view.owned]
    rows += [[_b(f"📋 {team.name}: мои задания", "me", team.team_id)] for team in view.joined]
    rows.append([_b("➕ Создать команду", "new")])
    rows.append([home_button()])
    return _markup(rows)


def card(team_id: int) -> InlineKeyboardMarkup:
    return _markup([
        [_b("🔗 Ссылка и QR-код", "inv", team_id), _b("♻️ Новая ссылка", "regen", team_id)],
        [_b("👥 Участники", "mem", team_id), _b("📝 Назначить задание", "as", team_id)],
        [_b("📊 Дашборд", "db", team_id)],
        [_b("🗑 Удалить команду", "del", team_id)],
        [_b("« Мои команды", "home")],
    ])


def back_to_team(team_id: int) -> InlineKeyboardMarkup:
    return _markup([[_b("« Команда", "open", team_id)]])


def members(view: MembersView) -> InlineKeyboardMarkup:
    rows = [[_b(f"✖ {item.label}", "rm", view.team_id, item.user_id)] for item in view.members]
    rows.append([_b("« Команда", "open", view.team_id)])
    return _markup(rows)


def confirm_remove(team_id: int, member_id: int) -> InlineKeyboardMarkup:
    return _markup([[_b("Да, удалить", "rmy", team_id, member_id), _b("Отмена", "mem", team_id)]])


def confirm_delete(team_id: int) -> InlineKeyboardMarkup:
    return _markup([[_b("Да, удалить команду", "dely", team_id), _b("Отмена", "open", team_id)]])


def join() -> InlineKeyboardMarkup:
    return _markup([[_b("✅ Вступить", "jy"), _b("Отмена", "jn")]])


def joined(team_id: int) -> InlineKeyboardMarkup:
    return _markup([[_b("📋 Мои задания", "me", team_id)], [home_button()]])


def dashboard(view: DashboardView) -> InlineKeyboardMarkup:
    rows = []
    if view.weakest:
        rows.append([_b("📝 Назначить три слабые темы", "asw", view.team_id)])
    rows.append([_b("📥 Выгрузить в Excel", "xl", view.team_id)])
    rows.append([_b("« Команда", "open", view.team_id)])
    return _markup(rows)


def my_team(view: MyTeamView) -> InlineKeyboardMarkup:
    rows = [[button] for button in _start_buttons(view.buttons)]
    rows.append([_b("« Мои команды", "home")])
    return _markup(rows)


def wizard(step: WizardStep) -> InlineKeyboardMarkup:
    t = step.team_id
    cancel = [_b("« Отмена", "open", t)]
    if step.step == "what":
        return _markup([[_b(c.label, "ak", t, v=c.key)] for c in step.choices] + [cancel])
    if step.step == "topics":
        rows = [[_b(f"{'✅' if c.picked else '▫️'} {c.label}", "at", t, v=c.key)] for c in step.choices]
        return _markup([*rows, [_b("Готово ▶", "atd", t)], cancel])
    if step.step == "deadline":
        return _markup([[_b(c.label, "ad", t, v=c.key) for c in step.choices], cancel])
    if step.step == "who":
        return _markup([[_b(c.label, "aw", t, v=c.key)] for c in step.choices] + [cancel])
    rows = [[_b(f"{'✅' if c.picked else '▫️'} {c.label}", "am", t, x=int(c.key))] for c in step.choices]
    return _markup([*rows, [_b("Назначить ▶", "amd", t)], cancel])


def _start_buttons(buttons: Sequence[ButtonSpec]) -> list[InlineKeyboardButton]:
    found = []
    for spec in buttons:
        if spec.action == "exam":
            data = AttestCallback(action="exam").pack()
        elif spec.action == "practice":
            data = LearnCallback(action="practice", topic=spec.value).pack()
        elif spec.action == "dashboard":  # under a notice: the dashboard comes as a new message, the notice stays
            data = TeamCallback(a="db", t=int(spec.value), v="new").pack()
        else:
            continue
        found.append(InlineKeyboardButton(text=_short(spec.text), callback_data=data))
    return found


def outgoing_markup(buttons: Sequence[ButtonSpec]) -> InlineKeyboardMarkup | None:
    """The keyboard of a scheduled message (a task, a reminder, a summary): one button a row."""
    found = _start_buttons(buttons)
    return _markup([[button] for button in found]) if found else None
