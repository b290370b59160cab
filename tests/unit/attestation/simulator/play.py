"""Playing scenarios by content choices (the reply's index in the YAML), whatever order the buttons show."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from services.attestation.simulator.engine import engine
from services.attestation.simulator.engine.models import Scenario

PATH_LIMIT = 5000  # beyond this many paths a scenario is covered by random walks instead
RANDOM_WALKS = 2000


def press(scenario: Scenario, state: engine.State, content_index: int) -> engine.StepOutcome:
    """Tap the button that shows the reply `content_index` of the current step."""
    shown = engine.order(state, state.node, len(scenario.steps[state.node].replies))
    return engine.step(scenario, state, shown.index(content_index))


def play(scenario: Scenario, choices: Sequence[int], seed: int = 0) -> engine.State:
    state = engine.start(scenario, seed)
    for choice in choices:
        state = press(scenario, state, choice).state
    return state


def all_paths(scenario: Scenario) -> Iterator[tuple[int, ...]]:
    """Every sequence of content choices from the start to an ending (depth first)."""

    def walk(node: str, prefix: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
        if scenario.is_ending(node):
            yield prefix
            return
        for index, reply in enumerate(scenario.steps[node].replies):
            yield from walk(reply.next, (*prefix, index))

    yield from walk(scenario.start, ())


def random_paths(scenario: Scenario, count: int, seed: int = 0) -> Iterator[tuple[int, ...]]:
    rng = random.Random(seed)
    for _ in range(count):
        node, path = scenario.start, []
        while not scenario.is_ending(node):
            index = rng.randrange(len(scenario.steps[node].replies))
            path.append(index)
            node = scenario.steps[node].replies[index].next
        yield tuple(path)
