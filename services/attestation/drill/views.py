"""What the drill screens show, as plain dataclasses: texts are ready HTML, buttons are intents (ids, keys)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from services.notice import Notice


class Pick(StrEnum):
    """The settings sub-screens (a list of choices each)."""

    TIME = "time"
    DAYS = "days"
    COUNT = "count"
    ZONE = "zone"


@dataclass(frozen=True)
class TeamLink:
    team_id: int
    name: str  # plain text, for a button label


@dataclass(frozen=True)
class SettingsView:
    """/drill: the user's drill settings and where to go from there."""

    text: str
    enabled: bool
    leaderboard: bool
    owned: tuple[TeamLink, ...] = ()  # the owner's teams: their drill view
    joined: tuple[TeamLink, ...] = ()  # teams he is in: their streak leaderboard


@dataclass(frozen=True)
class Choice:
    key: str
    label: str  # plain text
    picked: bool = False


@dataclass(frozen=True)
class PickView:
    """One settings sub-screen. `then_enable`: the zone is asked before the drill is turned on for the first time."""

    pick: Pick
    text: str
    choices: tuple[Choice, ...]
    then_enable: bool = False


@dataclass(frozen=True)
class QuestionView:
    """A drill question: the live message of the day's drill."""

    run_id: int
    position: int
    total: int
    type: str
    text: str  # HTML
    labels: tuple[str, ...]
    picked: tuple[int, ...] = ()


@dataclass(frozen=True)
class FeedbackView:
    """The verdict and the explanation; the last one ends with the day's summary."""

    run_id: int
    position: int
    text: str  # HTML
    is_last: bool


@dataclass(frozen=True)
class Outgoing:
    """A day's drill ready to send: its first question."""

    run_id: int
    user_id: int
    question: QuestionView


@dataclass(frozen=True)
class TeamDrillView:
    """The owner's view of a team's drill: participation and predicted recall by topic."""

    team_id: int
    text: str
    weakest: str | None  # topic id for «assign the weakest topic»
    weakest_title: str = ""  # plain text


@dataclass(frozen=True)
class BoardView:
    team_id: int
    text: str
    owner: bool  # the owner's view leads back to the team's drill view


# What answering shows. A Notice carries the live question to show again after the toast.
Outcome = QuestionView | FeedbackView | Notice
