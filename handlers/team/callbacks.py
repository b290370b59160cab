"""CallbackData of the team screens: ids and short codes only (Telegram allows 64 bytes).

One factory per flow. They all keep the wire layout buttons already sent carry, `tm:<a>:<t>:<x>:<v>`; each
factory's filter only accepts its own actions (another flow's code fails to unpack, so the filter says no).
The server re-checks ownership or membership on each press, whatever `t` says.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

PREFIX = "tm"
DASHBOARD_AS_NEW = "new"


class TeamAction(StrEnum):
    HOME = "home"  # the list of teams
    NEW = "new"  # create a team: ask its name
    OPEN = "open"  # the team card
    INVITE = "inv"  # the link and the QR code
    REGENERATE = "regen"  # ask before replacing the link (the old link and printed QR codes stop working)
    REGENERATE_YES = "regy"  # replace invite `x`, if it is still the live one
    MEMBERS = "mem"
    REMOVE = "rm"  # ask before removing member `x`
    REMOVE_YES = "rmy"
    DELETE = "del"  # ask before deleting the team
    DELETE_YES = "dely"


class TeamCallback(CallbackData, prefix=PREFIX):
    """The teams and their members (the owner's side)."""

    a: TeamAction
    t: int = 0  # team id
    x: int = 0  # a member's user id; for REGENERATE_YES the id of the invite the owner agreed to replace
    v: str = ""  # unused here; keeps the shared layout


class ReportAction(StrEnum):
    DASHBOARD = "db"  # v=DASHBOARD_AS_NEW: as a new message (under a scheduled notice, which stays)
    EXPORT = "xl"
    MY_TEAM = "me"  # a member's own page


class ReportCallback(CallbackData, prefix=PREFIX):
    a: ReportAction
    t: int = 0
    x: int = 0
    v: str = ""


class WizardAction(StrEnum):
    START = "as"
    START_WEAKEST = "asw"  # assign the dashboard's weakest topics
    KIND = "ak"  # v: exam | topics
    TOPIC = "at"  # toggle topic v
    TOPICS_DONE = "atd"
    DEADLINE = "ad"  # a quick deadline v
    WHO = "aw"  # v: all | pick
    MEMBER = "am"  # toggle member x
    ASSIGN_PICKED = "amd"


class WizardCallback(CallbackData, prefix=PREFIX):
    """The assignment wizard; its draft lives in the FSM data."""

    a: WizardAction
    t: int = 0
    x: int = 0
    v: str = ""


class JoinAction(StrEnum):
    YES = "jy"
    NO = "jn"


class JoinCallback(CallbackData, prefix=PREFIX):
    """Confirming an invite; the code waits in the FSM data, so the button carries no secret."""

    a: JoinAction
    t: int = 0
    x: int = 0
    v: str = ""
