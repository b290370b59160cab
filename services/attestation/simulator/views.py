"""What the simulator's screens show, as plain dataclasses: texts are ready HTML, buttons are intents (ids)."""

from __future__ import annotations

from dataclasses import dataclass

from services.notice import Notice


@dataclass(frozen=True)
class ScenarioItem:
    """One scenario in the list: its button, and the user's best finished run of it (None: never finished)."""

    scenario_id: str
    title: str  # plain text, for the button label
    best_percent: int | None = None


@dataclass(frozen=True)
class ListView:
    """/sim: the scenarios by stage, the user's marks, and the unfinished dialogue offered back first."""

    text: str  # HTML
    items: tuple[ScenarioItem, ...]  # in the list's order (grouped by stage)
    open_run: int | None = None
    open_title: str = ""  # plain text


@dataclass(frozen=True)
class StepView:
    """One step of a dialogue: the live message. `step` is the number of replies given so far, carried by the
    buttons so a reply is taken once; `previous_message` is the run's live message before this one (its buttons
    go when the step is shown elsewhere)."""

    run_id: int
    step: int
    text: str  # HTML
    labels: tuple[str, ...]
    previous_message: int | None = None


@dataclass(frozen=True)
class ResultView:
    """The end screen: how it ended, the score per skill, the worst moments; the card of the worst moment."""

    run_id: int
    text: str  # HTML
    card_topic: str | None = None
    card_title: str = ""  # plain text


@dataclass(frozen=True)
class PausedView:
    """A paused dialogue's button was pressed: «… на паузе — продолжить?»."""

    run_id: int
    text: str  # HTML


# What a reply shows. A Notice carries a screen to show after the toast (the paused offer).
Outcome = StepView | ResultView | Notice
