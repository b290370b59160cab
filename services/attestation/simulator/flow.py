"""The simulator's use cases over the runs repository: the list, start, a reply, replay, pause and resume, results.

The engine (engine/) is pure; this module keeps each run in the database (db.repositories.simulator), so a
dialogue survives a restart and a reply counts once: a button carries the run and the step it was shown at, and
the step is recorded by a conditional update. A finished run's result is written (and committed) before the end
screen is returned. Nothing here knows Telegram: the chat layer is handlers/simulator.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from db.models.simulator import ABANDONED, FINISHED, SimRun
from db.repositories.simulator import SimRunRepository
from services.attestation.engine.content import QuestionBank
from services.attestation.simulator.engine import engine, render
from services.attestation.simulator.engine.engine import State, StateError
from services.attestation.simulator.engine.loader import Library
from services.attestation.simulator.engine.models import Scenario
from services.attestation.simulator.views import ListView, Outcome, PausedView, ResultView, ScenarioItem, StepView
from services.clock import Clock
from services.notice import Notice, Refusal
from services.texts import t

SEED_RANGE = 2**31


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class Best:
    """A user's record on one scenario: the best finished run and how many were finished."""

    scenario_id: str
    percent: int
    earned: int
    possible: int
    plays: int


def best_runs(runs: Iterable[SimRun]) -> dict[str, Best]:
    """Scenario id → the best finished run among `runs` (one user's), with the count of finished ones."""
    best: dict[str, Best] = {}
    for run in runs:
        if run.status != FINISHED or not run.possible:
            continue
        percent = round(100 * (run.earned or 0) / run.possible)
        old = best.get(run.scenario_id)
        plays = (old.plays if old else 0) + 1
        if old is None or percent > old.percent:
            best[run.scenario_id] = Best(run.scenario_id, percent, run.earned or 0, run.possible, plays)
        else:
            best[run.scenario_id] = Best(old.scenario_id, old.percent, old.earned, old.possible, plays)
    return best


@dataclass
class SimulatorFlow:
    runs: SimRunRepository
    library: Library
    bank: QuestionBank  # the learning cards' titles, for the end screen's card button
    clock: Clock

    # ---- the list -------------------------------------------------------------------------------------------
    async def scenarios(self, user_id: int) -> ListView:
        best = best_runs(await self.runs.finished([user_id]))
        lines = [t("sim-list-title", done=len(best), total=len(self.library.scenarios))]
        items = []
        for stage_id, scenarios in self.library.by_stage().items():
            lines.append("")
            lines.append(t("sim-list-stage", stage=_esc(self.library.setup.stage_name(stage_id))))
            for scenario in scenarios:
                record = best.get(scenario.id)
                lines.append(t("sim-list-item", number=len(items) + 1, title=_esc(scenario.title),
                               role=_esc(self.library.setup.role_name(scenario.role)),
                               done="yes" if record else "no", percent=record.percent if record else 0))
                items.append(ScenarioItem(scenario.id, scenario.title, record.percent if record else None))
        open_run = await self.runs.open_run(user_id)
        if open_run is not None and self.library.has(open_run.scenario_id):
            title = self.library.scenario(open_run.scenario_id).title
            lines += ["", t("sim-list-open", title=_esc(title))]
            return ListView("\n".join(lines), tuple(items), open_run.id, title)
        return ListView("\n".join(lines), tuple(items))

    # ---- playing --------------------------------------------------------------------------------------------
    async def start(self, user_id: int, scenario_id: str, chat_id: int | None = None) -> StepView:
        """A scenario from the list: a new run (an unfinished one is closed: the user chose another dialogue)."""
        scenario = self._scenario(scenario_id)
        return await self._new_run(user_id, engine.start(scenario, secrets.randbelow(SEED_RANGE)), chat_id)

    async def replay(self, user_id: int, run_id: int, chat_id: int | None = None) -> StepView:
        """«Пройти ещё раз» under an end screen: the same scenario anew, its options in another order."""
        run = self._own(await self.runs.get(run_id), user_id)
        scenario = self._scenario(run.scenario_id)
        return await self._new_run(user_id, engine.replay(scenario, State(scenario.id, scenario.start, run.seed)),
                                   chat_id)

    async def choose(self, user_id: int, run_id: int, step: int, shown_index: int) -> Outcome:
        """A reply button: the reply at position `shown_index` of step number `step` (both from the button)."""
        run = self._own(await self.runs.get(run_id), user_id)
        if run.status == FINISHED:
            raise Refusal(t("sim-finished-toast"))
        if run.status == ABANDONED:
            raise Refusal(t("sim-abandoned-toast"))
        if run.paused:
            return Notice(t("sim-paused-toast"), self._paused(run))
        if step != run.decisions:
            raise Refusal(t("sim-stale-toast"))  # a double tap, or a step already answered: nothing changes
        scenario = self._scenario(run.scenario_id)
        state = self._state(run, scenario)
        try:
            outcome = engine.step(scenario, state, shown_index)
        except StateError as exc:
            raise Refusal(t("sim-no-such-reply")) from exc
        if not await self.runs.advance(run.id, step, outcome.state.to_dict()):
            raise Refusal(t("sim-stale-toast"))  # another delivery of the same tap was first
        if outcome.ending is None:
            return self._step_view(run, scenario, outcome.state)
        result = engine.result(scenario, outcome.state)
        await self.runs.finish(run.id, now=self.clock.now(), ending_id=result.ending_id, ending_kind=result.kind.value,
                               earned=result.earned, possible=result.possible,
                               skills={s.skill: [s.earned, s.possible] for s in result.skills})
        await self.runs.commit()  # the result is stored before it is shown
        return self._result_view(run.id, scenario, result, outcome.turn.reply)

    async def set_message(self, run_id: int, chat_id: int, message_id: int | None) -> None:
        """The message whose buttons answer the run now."""
        await self.runs.set_message(run_id, chat_id, message_id)

    # ---- pausing (/menu, /cancel) and coming back -----------------------------------------------------------
    async def pause(self, user_id: int) -> str:
        """/menu or /cancel: the open dialogue waits. The line that says where to continue, "" when none."""
        run = await self.runs.open_run(user_id)
        if run is None or not self.library.has(run.scenario_id):
            return ""
        await self.runs.set_paused(run.id, True)
        return t("sim-paused-note", title=_esc(self.library.scenario(run.scenario_id).title))

    async def resume(self, user_id: int, run_id: int | None = None) -> StepView:
        """«Продолжить»: the open dialogue goes on from its current step."""
        run = await (self.runs.get(run_id) if run_id else self.runs.open_run(user_id))
        run = self._own(run, user_id)
        if run.status == FINISHED:
            raise Refusal(t("sim-finished-toast"))
        if run.status == ABANDONED:
            raise Refusal(t("sim-abandoned-toast"))
        await self.runs.set_paused(run.id, False)
        scenario = self._scenario(run.scenario_id)
        return self._step_view(run, scenario, self._state(run, scenario))

    # ---- results --------------------------------------------------------------------------------------------
    async def results_text(self, user_id: int) -> str:
        """The simulator's part of /results: the best result per scenario played and how often it was finished."""
        best = best_runs(await self.runs.finished([user_id]))
        lines = [t("sim-results-title")]
        if not best:
            lines.append(t("sim-results-empty"))
        for scenario in self.library.scenarios:
            record = best.get(scenario.id)
            if record is not None:
                lines.append(t("sim-results-line", title=_esc(scenario.title), percent=record.percent,
                               earned=record.earned, possible=record.possible, plays=record.plays))
        return "\n".join(lines)

    def title(self, scenario_id: str) -> str:
        return self.library.scenario(scenario_id).title if self.library.has(scenario_id) else scenario_id

    # ---- internals ------------------------------------------------------------------------------------------
    async def _new_run(self, user_id: int, state: State, chat_id: int | None) -> StepView:
        previous = await self.runs.open_run(user_id)
        await self.runs.abandon_open(user_id)
        run = await self.runs.create(user_id=user_id, scenario_id=state.scenario, seed=state.seed,
                                     state=state.to_dict(), now=self.clock.now(), chat_id=chat_id)
        view = self._step_view(run, self._scenario(state.scenario), state)
        if previous is not None and previous.message_id is not None:
            view = StepView(view.run_id, view.step, view.text, view.labels, previous.message_id)
        return view

    def _scenario(self, scenario_id: str) -> Scenario:
        if not self.library.has(scenario_id):
            raise Refusal(t("sim-scenario-gone"))
        return self.library.scenario(scenario_id)

    @staticmethod
    def _own(run: SimRun | None, user_id: int) -> SimRun:
        if run is None or run.user_id != user_id:
            raise Refusal(t("sim-foreign"))
        return run

    @staticmethod
    def _state(run: SimRun, scenario: Scenario) -> State:
        try:
            state = State.from_dict(run.state)
            engine.current_step(scenario, state)
        except StateError as exc:
            raise Refusal(t("sim-content-changed")) from exc
        return state

    def _step_view(self, run: SimRun, scenario: Scenario, state: State) -> StepView:
        return StepView(run.id, state.decisions, render.step_text(scenario, state),
                        tuple(render.step_labels(scenario, state)), run.message_id)

    def _paused(self, run: SimRun) -> PausedView:
        return PausedView(run.id, t("sim-paused", title=_esc(self.title(run.scenario_id))))

    def _result_view(self, run_id: int, scenario: Scenario, result: engine.Result,
                     last: engine.Reply | None) -> ResultView:
        text = render.result_text(self.library.setup, scenario, result, last)
        card = next((topic for topic in self._card_topics(result.topics)), None)
        return ResultView(run_id, text, card, self.bank.topic(card).title if card else "")

    def _card_topics(self, topics: Sequence[str]) -> Iterable[str]:
        return (topic for topic in topics if self.bank.has_topic(topic))
