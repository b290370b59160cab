"""The engine on the small hand-checked scenario: state, steps, refusals, the result's figures."""

from __future__ import annotations

import json

import pytest

from services.attestation.simulator.engine import engine
from services.attestation.simulator.engine.models import EndingKind
from tests.unit.attestation.simulator.play import play, press

BEST = (0, 0, 0, 0, 0, 0)  # s1 … s6, the best reply each time
WORST = (1, 1, 1, 1, 1, 2)  # s1 → s2b → s3 … s6, the worst reply each time


def test_state_round_trips_through_json(small_library) -> None:
    scenario = small_library.scenario("alpha")
    state = play(scenario, (1, 0, 1), seed=7)
    assert state.node == "s4" and state.path == (("s1", 1), ("s2b", 0), ("s3", 1))
    text = state.to_json()
    assert json.loads(text) == {"scenario": "alpha", "node": "s4", "seed": 7,
                                "path": [["s1", 1], ["s2b", 0], ["s3", 1]]}
    assert engine.State.from_json(text) == state


def test_step_reports_the_reply_and_the_ending(small_library) -> None:
    scenario = small_library.scenario("alpha")
    state = play(scenario, BEST[:5])
    outcome = press(scenario, state, 1)
    assert outcome.turn.reply.text == "Созвониться потом" and not outcome.turn.best
    assert outcome.ending is not None and outcome.ending.kind is EndingKind.POSTPONED
    assert engine.is_over(scenario, outcome.state)
    with pytest.raises(engine.StateError):
        engine.step(scenario, outcome.state, 0)  # the dialogue is over


def test_refuses_states_that_do_not_fit(small_library) -> None:
    scenario = small_library.scenario("alpha")
    state = engine.start(scenario, 1)
    with pytest.raises(engine.StateError):
        engine.step(scenario, state, 2)  # only two replies at s1
    forged = engine.State("alpha", "s3", 1, (("s1", 0),))  # s1's best leads to s2, not s3
    with pytest.raises(engine.StateError):
        engine.current_step(scenario, forged)
    with pytest.raises(engine.StateError):
        engine.current_step(scenario, engine.State("beta", "s1", 1))
    with pytest.raises(engine.StateError):
        engine.State.from_dict({"scenario": "alpha", "node": "s1"})
    with pytest.raises(engine.StateError):
        engine.result(scenario, state)  # not over yet


def test_best_run_scores_everything(small_library) -> None:
    scenario = small_library.scenario("alpha")
    result = engine.result(scenario, play(scenario, BEST))
    assert result.ending.kind is EndingKind.ADVANCED and result.ending_id == "won"
    assert {s.skill: (s.earned, s.possible) for s in result.skills} == {"contact": (10, 10), "closing": (2, 2)}
    assert (result.earned, result.possible, result.percent, result.decisions) == (12, 12, 100, 6)
    assert result.moments == () and result.topics == ("kev",)


def test_worst_run_names_the_worst_moments_first(small_library) -> None:
    scenario = small_library.scenario("alpha")
    result = engine.result(scenario, play(scenario, WORST))
    assert result.ending.kind is EndingKind.LOST
    assert {s.skill: (s.earned, s.possible) for s in result.skills} == {"contact": (0, 10), "closing": (0, 2)}
    assert result.percent == 0
    # Every step lost 2 points; ties go in dialogue order, three at most.
    assert [m.step_id for m in result.moments] == ["s1", "s2b", "s3"]
    assert result.moments[1].better.text == "Исправиться"
    assert result.topics == ("warming", "kev")


def test_a_mixed_run(small_library) -> None:
    scenario = small_library.scenario("alpha")
    result = engine.result(scenario, play(scenario, (0, 0, 1, 0, 0, 1)))
    assert (result.earned, result.possible, result.percent) == (9, 12, 75)
    assert [(m.step_id, m.lost) for m in result.moments] == [("s3", 2), ("s6", 1)]
    assert result.ending.kind is EndingKind.POSTPONED


def test_transcript_and_replay(small_library) -> None:
    scenario = small_library.scenario("alpha")
    state = play(scenario, WORST[:3], seed=3)
    turns = engine.transcript(scenario, state)
    assert [t.step_id for t in turns] == ["s1", "s2b", "s3"] and not any(t.best for t in turns)
    again = engine.replay(scenario, state)
    assert (again.scenario, again.node, again.path) == ("alpha", "s1", ()) and again.seed >= 4
    count = len(scenario.steps["s1"].replies)
    assert engine.order(again, "s1", count) != engine.order(state, "s1", count)
