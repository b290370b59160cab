"""Drill buttons: ids and short codes only (Telegram allows 64 bytes). One factory per flow."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class SetAction(StrEnum):
    HOME = "home"  # the /drill screen
    ON = "on"
    OFF = "off"
    PICK = "pick"  # open a choices screen: v = services.attestation.drill.views.Pick
    TIME = "t"  # v = minutes after midnight
    DAY = "d"  # toggle weekday v (0 = Monday)
    DAYS = "ds"  # a preset of days: v = wd | all
    COUNT = "n"  # v = questions a day
    ZONE = "z"  # v = IANA zone
    ZONE_ON = "zo"  # v = IANA zone, then turn the drill on (the first time)
    BOARD = "b"  # show / hide my streak in my teams' leaderboard
    ACCEPT = "acc"  # a team owner's invitation: turn the drill on (v = team id)


class DrillSetCallback(CallbackData, prefix="ds"):
    """The user's own drill settings."""

    a: SetAction
    v: str = ""


class AnswerAction(StrEnum):
    OPTION = "o"  # an option, an item placed in order, a match
    DONE = "d"  # «Готово» under a multiple-choice question
    RESET = "r"
    NEXT = "n"  # on after the verdict


class DrillCallback(CallbackData, prefix="dq"):
    """A button under a drill question: drill (run) id, question position, value index."""

    r: int
    p: int
    a: AnswerAction
    v: int = -1


class TeamDrillAction(StrEnum):
    VIEW = "v"  # the team's drill view (owner)
    INVITE = "i"  # invite every member whose drill is off
    ASSIGN = "as"  # assign the topic the team remembers worst (the team's assignment wizard)
    BOARD = "b"  # the streak leaderboard (owner and members)


class TeamDrillCallback(CallbackData, prefix="dt"):
    """The team's side of the drill; the server re-checks ownership or membership on each press."""

    a: TeamDrillAction
    t: int = 0
