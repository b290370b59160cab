"""What the team services hand to the chat layer: texts (HTML, already escaped) and ids for the buttons.

"Nothing changed, tell the user why" is services.notice.Notice; a refusal is services.notice.Refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ButtonAction(StrEnum):
    """What a button under a scheduled message (or a member's page) starts."""

    EXAM = "exam"  # the exam
    PRACTICE = "practice"  # practice on the topic in `value`
    DASHBOARD = "dashboard"  # the dashboard of the team in `value`, as a new message
    DRILL_JOIN = "drill"  # turn the daily drill on (the invitation of the team in `value`)
    SCENARIO = "scenario"  # play the simulator scenario in `value`


@dataclass(frozen=True)
class ButtonSpec:
    """A button the chat layer turns into a real one."""

    text: str
    action: ButtonAction
    value: str = ""


@dataclass(frozen=True)
class TeamItem:
    team_id: int
    name: str  # plain text, for a button label
    members: int = 0


@dataclass(frozen=True)
class Overview:
    text: str
    owned: tuple[TeamItem, ...]
    joined: tuple[TeamItem, ...]


@dataclass(frozen=True)
class TeamCard:
    team_id: int
    text: str


@dataclass(frozen=True)
class InviteView:
    team_id: int
    caption: str
    url: str
    png: bytes


@dataclass(frozen=True)
class MemberItem:
    user_id: int
    label: str  # plain text, for a button label


@dataclass(frozen=True)
class MembersView:
    team_id: int
    text: str
    members: tuple[MemberItem, ...]


@dataclass(frozen=True)
class Confirm:
    """A question with «Да»/«Нет»: removing a member (member_id set), replacing the invite (invite_id set: the
    invite the owner is asked about, so a second «Да» finds it replaced already) or deleting the team."""

    team_id: int
    text: str
    member_id: int = 0
    invite_id: int = 0


@dataclass(frozen=True)
class JoinOffer:
    team_id: int
    text: str


@dataclass(frozen=True)
class Done:
    """An action went through; `team_id` leads back to the team when there still is one."""

    text: str
    team_id: int = 0


@dataclass(frozen=True)
class DashboardView:
    team_id: int
    text: str
    weakest: tuple[str, ...]  # topic ids for «assign the weakest topics»


@dataclass(frozen=True)
class ExportFile:
    data: bytes
    file_name: str
    caption: str


@dataclass(frozen=True)
class MyTeamView:
    """A member's own page in a team: his assignments and results, nobody else's."""

    team_id: int
    text: str
    buttons: tuple[ButtonSpec, ...]


@dataclass(frozen=True)
class Choice:
    key: str
    label: str  # plain text
    picked: bool = False


class WizardScreen(StrEnum):
    WHAT = "what"
    TOPICS = "topics"
    DEADLINE = "deadline"
    WHO = "who"
    MEMBERS = "members"


@dataclass(frozen=True)
class WizardStep:
    """One screen of the assignment wizard."""

    step: WizardScreen
    team_id: int
    text: str
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Outgoing:
    """A scheduled message ready to send."""

    notification_id: int
    user_id: int
    text: str
    buttons: tuple[ButtonSpec, ...] = ()
