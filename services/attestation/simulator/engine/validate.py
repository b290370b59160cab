"""The scenario graph check: what `check-content` proves about every dialogue before anyone plays it.

Per scenario: stage, role, skills and cards exist; every score is 0–2; each step has one best reply, at least as
good as any other on every skill (so the best play scores 100 %); every `next` leads somewhere (no dead ends); the
graph has no cycles; every step and every ending is reachable; the endings differ in kind; every path to an ending
passes at least MIN_DECISIONS decisions; and every message the simulator can show fits Telegram (the step with its
replies, the final screen, the button labels).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from services.attestation.simulator.engine.engine import WORST_MOMENTS, Moment, Result, SkillScore
from services.attestation.simulator.engine.models import MAX_SCORE, MIN_SCORE, Reply, Scenario, Setup
from services.attestation.simulator.engine.render import (
    LABEL_MAX,
    MESSAGE_LIMIT,
    Exchange,
    compose_step,
    labels,
    result_text,
)
from services.texts import t

if TYPE_CHECKING:
    from services.attestation.simulator.engine.loader import Library

MIN_DECISIONS = 6
MIN_ENDING_KINDS = 2
WHY_MAX = 200  # «one line»: the reason under a reply
STEP_NUMBER_WIDTH = 99  # the widest «шаг N» the header may show


@dataclass
class SimulatorReport:
    errors: list[str] = field(default_factory=list)
    scenarios: int = 0
    decisions: int = 0
    endings: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def check_scenarios(content_dir: Path | None = None) -> SimulatorReport:
    """Load and validate the simulator content; the figures count the valid scenarios."""
    from services.attestation.simulator.engine.loader import collect

    library, errors = collect(content_dir)
    report = SimulatorReport(errors=errors)
    if library is not None:
        report.scenarios = len(library.scenarios)
        report.decisions = sum(len(s.steps) for s in library.scenarios)
        report.endings = sum(len(s.endings) for s in library.scenarios)
    return report


def validate_library(library: Library, topic_ids: Collection[str]) -> list[str]:
    """Every problem of every scenario of a library (see the module docstring)."""
    errors = []
    for scenario in library.scenarios:
        errors.extend(f"{scenario.id}.yaml: {problem}"
                      for problem in validate_scenario(scenario, library.setup, topic_ids))
    return errors


def validate_scenario(scenario: Scenario, setup: Setup, topic_ids: Collection[str]) -> list[str]:
    problems = list(_references(scenario, setup, topic_ids))
    problems.extend(_replies(scenario))
    graph_problems = list(_graph(scenario))
    problems.extend(graph_problems)
    if not graph_problems:  # paths and messages are measured on a sound graph only
        problems.extend(_paths(scenario))
    if not problems:
        problems.extend(_telegram(scenario, setup))
    return problems


# ---- references and scores --------------------------------------------------------------------------------

def _references(scenario: Scenario, setup: Setup, topic_ids: Collection[str]) -> Iterator[str]:
    if scenario.stage not in {s.id for s in setup.stages}:
        yield t("sim-err-unknown-stage", stage=scenario.stage)
    if scenario.role not in {r.id for r in setup.roles}:
        yield t("sim-err-unknown-role", role=scenario.role)
    for topic in scenario.topics:
        if topic not in topic_ids:
            yield t("sim-err-unknown-card", where=scenario.id, topic=topic)
    skills = {s.id for s in setup.skills}
    for step_id, step in scenario.steps.items():
        if step.topic not in topic_ids:
            yield t("sim-err-unknown-card", where=step_id, topic=step.topic)
        for number, reply in enumerate(step.replies, start=1):
            where = f"{step_id}.{number}"
            for skill, value in reply.score.items():
                if skill not in skills:
                    yield t("sim-err-unknown-skill", where=where, skill=skill)
                if not MIN_SCORE <= value <= MAX_SCORE:
                    yield t("sim-err-score", where=where, skill=skill, value=str(value), low=str(MIN_SCORE),
                            high=str(MAX_SCORE))


def _replies(scenario: Scenario) -> Iterator[str]:
    for step_id, step in scenario.steps.items():
        totals = [reply.total for reply in step.replies]
        if totals.count(max(totals)) > 1:
            yield t("sim-err-no-single-best", where=step_id)
        else:
            # The best reply is best on every skill the step measures, so always picking it scores 100 %.
            best = step.replies[step.best()]
            for number, reply in enumerate(step.replies, start=1):
                for skill, value in reply.score.items():
                    if value > best.score.get(skill, 0):
                        yield t("sim-err-best-not-top", where=f"{step_id}.{number}", skill=skill)
        texts = [reply.text.casefold() for reply in step.replies]
        if len(set(texts)) != len(texts):
            yield t("sim-err-reply-repeats", where=step_id)
        for number, reply in enumerate(step.replies, start=1):
            if "\n" in reply.why or len(reply.why) > WHY_MAX:
                yield t("sim-err-why-long", where=f"{step_id}.{number}", limit=str(WHY_MAX))


# ---- the graph ---------------------------------------------------------------------------------------------

def _graph(scenario: Scenario) -> Iterator[str]:
    if scenario.start not in scenario.steps:
        yield t("sim-err-no-start", start=scenario.start)
        return
    broken = False
    for step_id, step in scenario.steps.items():
        for number, reply in enumerate(step.replies, start=1):
            if reply.next not in scenario.steps and reply.next not in scenario.endings:
                broken = True
                yield t("sim-err-dead-end", where=f"{step_id}.{number}", target=reply.next)
    if broken:
        return
    reached = _reachable(scenario)
    for step_id in scenario.steps:
        if step_id not in reached:
            yield t("sim-err-unreachable-step", step=step_id)
    for ending_id in scenario.endings:
        if ending_id not in reached:
            yield t("sim-err-unreachable-ending", ending=ending_id)
    cycle = _cycle(scenario)
    if cycle:
        yield t("sim-err-cycle", path=" → ".join(cycle))
    kinds = {scenario.endings[e].kind for e in scenario.endings if e in reached}
    if len(kinds) < MIN_ENDING_KINDS:
        yield t("sim-err-ending-kinds", count=str(MIN_ENDING_KINDS))


def _reachable(scenario: Scenario) -> set[str]:
    seen = {scenario.start}
    todo = [scenario.start]
    while todo:
        node = todo.pop()
        for reply in scenario.steps[node].replies if node in scenario.steps else ():
            if reply.next not in seen:
                seen.add(reply.next)
                todo.append(reply.next)
    return seen


def _cycle(scenario: Scenario) -> list[str]:
    """A loop in the dialogue, as the nodes along it (empty when there is none)."""
    colour: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        colour[node] = 1
        stack.append(node)
        for reply in scenario.steps[node].replies if node in scenario.steps else ():
            if colour.get(reply.next) == 1:
                return [*stack[stack.index(reply.next):], reply.next]
            if reply.next not in colour:
                found = visit(reply.next)
                if found:
                    return found
        stack.pop()
        colour[node] = 2
        return []

    for node in scenario.steps:
        if node not in colour:
            found = visit(node)
            if found:
                return found
    return []


def shortest_decisions(scenario: Scenario) -> dict[str, int]:
    """For every step of an acyclic scenario: the fewest decisions from it to any ending (itself included)."""
    memo: dict[str, int] = {}

    def fewest(node: str) -> int:
        if scenario.is_ending(node):
            return 0
        if node not in memo:
            memo[node] = 1 + min(fewest(reply.next) for reply in scenario.steps[node].replies)
        return memo[node]

    for node in scenario.steps:
        fewest(node)
    return memo


def count_paths(scenario: Scenario) -> int:
    """How many distinct reply sequences lead from the start to an ending (acyclic scenarios)."""
    memo: dict[str, int] = {}

    def paths(node: str) -> int:
        if scenario.is_ending(node):
            return 1
        if node not in memo:
            memo[node] = sum(paths(reply.next) for reply in scenario.steps[node].replies)
        return memo[node]

    return paths(scenario.start)


def _paths(scenario: Scenario) -> Iterator[str]:
    fewest = shortest_decisions(scenario)[scenario.start]
    if fewest < MIN_DECISIONS:
        yield t("sim-err-short-path", count=fewest, minimum=MIN_DECISIONS)


# ---- Telegram limits ---------------------------------------------------------------------------------------

def _incoming(scenario: Scenario) -> dict[str, list[tuple[str, Reply]]]:
    edges: dict[str, list[tuple[str, Reply]]] = {node: [] for node in [*scenario.steps, *scenario.endings]}
    for step_id, step in scenario.steps.items():
        for reply in step.replies:
            edges[reply.next].append((step_id, reply))
    return edges


def _longest(replies: list[tuple[str, Reply]]) -> tuple[str, Reply] | None:
    return max(replies, key=lambda item: len(item[1].text) + len(item[1].reaction), default=None)


def _telegram(scenario: Scenario, setup: Setup) -> Iterator[str]:
    if len(scenario.title) > LABEL_MAX:
        yield t("sim-err-title-long", limit=str(LABEL_MAX))
    incoming = _incoming(scenario)
    for step_id, step in scenario.steps.items():
        # The tightest message: the longest reply that can lead here and its reaction, nothing older.
        before = _longest(incoming[step_id])
        history = [Exchange(scenario.steps[before[0]], before[1])] if before else []
        text = compose_step(scenario, history, step, step.replies, STEP_NUMBER_WIDTH, limit=0)
        if len(text) > MESSAGE_LIMIT:
            yield t("sim-err-message-long", where=step_id, length=len(text), limit=str(MESSAGE_LIMIT))
        if any(len(label) > LABEL_MAX for label in labels(step.replies)):
            yield t("sim-err-label-long", where=step_id, limit=str(LABEL_MAX))
    final = _worst_final(scenario, setup, incoming)
    if len(final) > MESSAGE_LIMIT:
        yield t("sim-err-final-long", length=len(final), limit=str(MESSAGE_LIMIT))


def _worst_final(scenario: Scenario, setup: Setup, incoming: dict[str, list[tuple[str, Reply]]]) -> str:
    """The longest final screen this scenario could produce (an upper bound: the longest pieces together)."""
    ending_id = max(scenario.endings, key=lambda e: len(scenario.endings[e].title) + len(scenario.endings[e].text)
                    + max(len(r.text) + len(r.reaction) for _, r in incoming[e]))
    _, last = _longest(incoming[ending_id]) or ("", None)
    moments = []
    for step_id, step in scenario.steps.items():
        better = step.replies[step.best()]
        for reply in step.replies:
            if reply is not better:
                moments.append(Moment(step_id, step.client, reply, better, 1, step.topic))
    moments.sort(key=lambda m: len(m.client) + len(m.chosen.text) + len(m.better.text) + len(m.better.why),
                 reverse=True)
    skills = tuple(dict.fromkeys(skill for step in scenario.steps.values() for skill in step.skills))
    wide = 10 * len(scenario.steps)
    result = Result(scenario.id, ending_id, scenario.endings[ending_id],
                    tuple(SkillScore(skill, wide, wide) for skill in skills), wide * len(skills),
                    wide * len(skills), len(scenario.steps), tuple(moments[:WORST_MOMENTS]))
    return result_text(setup, scenario, result, last)
