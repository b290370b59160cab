"""Every path of every real scenario ends with a score, and every screen on the way fits Telegram."""

from __future__ import annotations

import pytest

from services.attestation.simulator.engine import engine, render
from services.attestation.simulator.engine.loader import load_library
from services.attestation.simulator.engine.models import EndingKind
from services.attestation.simulator.engine.validate import MIN_DECISIONS, count_paths
from tests.unit.attestation.simulator.play import PATH_LIMIT, RANDOM_WALKS, all_paths, play, press, random_paths

SCENARIO_IDS = [s.id for s in load_library().scenarios]


def test_the_library_covers_the_issue(library) -> None:
    assert len(library.scenarios) >= 10
    stages = {s.stage for s in library.scenarios}
    assert {"contact", "needs", "presentation", "objections", "kev", "decision", "qualification", "base",
            "research", "hiring"} <= stages
    assert {s.role for s in library.scenarios} >= {"hunter", "closer", "farmer", "researcher", "owner"}


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_every_path_ends_with_a_score(library, scenario_id) -> None:
    scenario = library.scenario(scenario_id)
    paths = count_paths(scenario)
    walks = all_paths(scenario) if paths <= PATH_LIMIT else random_paths(scenario, RANDOM_WALKS)
    kinds = set()
    played = 0
    for number, choices in enumerate(walks):
        state = play(scenario, choices, seed=number)
        assert engine.is_over(scenario, state), choices
        result = engine.result(scenario, state)
        assert len(choices) >= MIN_DECISIONS and result.decisions == len(choices)
        assert result.possible > 0 and 0 <= result.earned <= result.possible
        assert sum(s.possible for s in result.skills) == result.possible
        kinds.add(result.kind)
        played += 1
    assert played == min(paths, PATH_LIMIT) if paths <= PATH_LIMIT else played == RANDOM_WALKS
    assert len(kinds) >= 2


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_best_and_worst_play(library, scenario_id) -> None:
    """Always the best reply: a perfect score and the best ending; always the worst: no perfect score."""
    scenario = library.scenario(scenario_id)
    state = engine.start(scenario, 11)
    while not engine.is_over(scenario, state):
        state = press(scenario, state, scenario.steps[state.node].best()).state
    best = engine.result(scenario, state)
    assert best.percent == 100 and best.moments == () and best.kind is EndingKind.ADVANCED

    state = engine.start(scenario, 12)
    while not engine.is_over(scenario, state):
        replies = scenario.steps[state.node].replies
        state = press(scenario, state, min(range(len(replies)), key=lambda k: replies[k].total)).state
    worst = engine.result(scenario, state)
    assert worst.percent < 50 and worst.kind is not EndingKind.ADVANCED and worst.moments


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_screens_fit_telegram_on_random_walks(library, scenario_id) -> None:
    scenario = library.scenario(scenario_id)
    for number, choices in enumerate(random_paths(scenario, 40, seed=5)):
        state = engine.start(scenario, number)
        last = None
        for choice in choices:
            text = render.step_text(scenario, state)
            assert len(text) <= render.MESSAGE_LIMIT
            assert scenario.steps[state.node].client.removesuffix(".") in text
            assert all(len(label) <= render.LABEL_MAX for label in render.step_labels(scenario, state))
            outcome = press(scenario, state, choice)
            state, last = outcome.state, outcome.turn.reply
        final = render.result_text(library.setup, scenario, engine.result(scenario, state), last)
        assert len(final) <= render.MESSAGE_LIMIT
