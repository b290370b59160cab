"""Option order: a permutation fixed by the seed; the same choices score the same whatever the order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from services.attestation.simulator.engine import engine
from services.attestation.simulator.engine.loader import load_library
from tests.unit.attestation.simulator.play import play, press

LIBRARY = load_library()
SCENARIOS = st.sampled_from(LIBRARY.scenarios)
SEEDS = st.integers(min_value=0, max_value=2**31)


@st.composite
def walks(draw: st.DrawFn) -> tuple[engine.Scenario, tuple[int, ...]]:
    scenario = draw(SCENARIOS)
    node, path = scenario.start, []
    while not scenario.is_ending(node):
        index = draw(st.integers(min_value=0, max_value=len(scenario.steps[node].replies) - 1))
        path.append(index)
        node = scenario.steps[node].replies[index].next
    return scenario, tuple(path)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=12), st.integers(min_value=2, max_value=4), SEEDS)
def test_order_is_a_permutation_fixed_by_the_seed(step_id, count, seed) -> None:
    state = engine.State("any", step_id, seed)
    shown = engine.order(state, step_id, count)
    assert sorted(shown) == list(range(count))
    assert engine.order(engine.State("any", step_id, seed), step_id, count) == shown


@settings(max_examples=150, deadline=None)
@given(walks(), SEEDS, SEEDS)
def test_same_choices_same_result_under_any_order(walk, seed_a, seed_b) -> None:
    scenario, choices = walk
    first = engine.result(scenario, play(scenario, choices, seed_a))
    second = engine.result(scenario, play(scenario, choices, seed_b))
    assert first.earned == second.earned and first.ending_id == second.ending_id
    assert first.skills == second.skills and first.moments == second.moments


@settings(max_examples=150, deadline=None)
@given(walks(), SEEDS, st.data())
def test_state_survives_json_mid_dialogue(walk, seed, data) -> None:
    scenario, choices = walk
    cut = data.draw(st.integers(min_value=0, max_value=len(choices)))
    state = play(scenario, choices[:cut], seed)
    restored = engine.State.from_json(state.to_json())
    assert restored == state
    for choice in choices[cut:]:
        restored = press(scenario, restored, choice).state
        restored = engine.State.from_json(restored.to_json())
    assert restored == play(scenario, choices, seed)


@settings(max_examples=100, deadline=None)
@given(SCENARIOS, SEEDS)
def test_replay_starts_over_with_the_first_step_reshuffled(scenario, seed) -> None:
    finished = engine.start(scenario, seed)
    while not engine.is_over(scenario, finished):
        finished = engine.step(scenario, finished, 0).state
    again = engine.replay(scenario, finished)
    assert again.scenario == scenario.id and again.node == scenario.start and again.path == ()
    assert again.seed > seed
    # «Пройти ещё раз» shows the first step's options in another order (a bare seed + 1 may repeat it).
    count = len(scenario.steps[scenario.start].replies)
    assert engine.order(again, scenario.start, count) != engine.order(finished, scenario.start, count)
    # ... and it is the nearest such seed: replaying is deterministic.
    assert engine.replay(scenario, finished) == again
    assert all(engine.order(engine.start(scenario, s), scenario.start, count)
               == engine.order(finished, scenario.start, count) for s in range(seed + 1, again.seed))
