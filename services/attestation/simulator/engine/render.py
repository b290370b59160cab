"""The simulator's messages (HTML): one step of the dialogue, and the final screen.

A step is one message edited in place, so it carries the dialogue so far: the newest exchanges are kept and the
oldest dropped when the message would pass Telegram's limit. The current client line and the replies are never
dropped — the validator proves they fit. Replies longer than a button go into the text as a numbered list and
the buttons carry only the numbers.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from services.attestation.simulator.engine.engine import Result, State, shown_replies, transcript
from services.attestation.simulator.engine.models import EndingKind, Reply, Scenario, Setup, Step
from services.texts import t

MESSAGE_LIMIT = 4096  # Telegram: characters in one message
LABEL_MAX = 40  # a reply this short can be its own button
QUOTE_MAX = 160  # the client's line and the learner's reply, quoted on the final screen

KIND_KEYS = {
    EndingKind.ADVANCED: "sim-kind-advanced",
    EndingKind.POSTPONED: "sim-kind-postponed",
    EndingKind.LOST: "sim-kind-lost",
}


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _quote(text: str, limit: int | None = QUOTE_MAX) -> str:
    """A line to put in «…»: cut to `limit`, and without the full stop (it goes outside the quotes)."""
    if limit is not None and len(text) > limit:
        return text[: limit - 1].rstrip() + "…"
    return text.removesuffix(".")


def uses_numbers(replies: Sequence[Reply]) -> bool:
    """True when the replies are printed in the text and the buttons carry only their numbers."""
    return any(len(reply.text) > LABEL_MAX for reply in replies)


def labels(replies: Sequence[Reply]) -> list[str]:
    """One button label per reply, in display order."""
    if uses_numbers(replies):
        return [str(k) for k in range(1, len(replies) + 1)]
    return [reply.text for reply in replies]


@dataclass(frozen=True)
class Exchange:
    """A finished turn as the message shows it: the step's lines, the learner's reply, the client's reaction."""

    step: Step
    reply: Reply


def _client_block(scenario: Scenario, step: Step, reaction: str | None) -> str:
    """The client's words before a decision: the reaction to the last reply and, with a scene between them or
    not, the step's own line."""
    lines = []
    if reaction and step.scene:
        lines.append(t("sim-client", name=_esc(scenario.client), text=_esc(reaction)))
        lines.append("")
    if step.scene:
        lines.append(t("sim-scene", text=_esc(step.scene)))
    if reaction and not step.scene:
        lines.append(t("sim-client", name=_esc(scenario.client), text=_esc(reaction)))
        lines.append(_esc(step.client))
    else:
        lines.append(t("sim-client", name=_esc(scenario.client), text=_esc(step.client)))
    return "\n".join(lines)


def _replies_block(replies: Sequence[Reply]) -> str:
    if uses_numbers(replies):
        listed = "\n\n".join(f"{k}. {_esc(reply.text)}" for k, reply in enumerate(replies, start=1))
        return listed + "\n\n" + t("sim-hint-numbers")
    return t("sim-hint-buttons")


def compose_step(scenario: Scenario, history: Sequence[Exchange], current: Step, replies: Sequence[Reply],
                 number: int, limit: int = MESSAGE_LIMIT) -> str:
    """The step message from its parts; older exchanges are dropped first when the message is too long."""
    header = t("sim-step-header", title=_esc(scenario.title), business=_esc(scenario.business), number=str(number))
    # Each earlier decision shows as: the client's block, then «Вы: …».
    blocks: list[str] = []
    reaction: str | None = None
    for exchange in history:
        blocks.append(_client_block(scenario, exchange.step, reaction))
        blocks.append(t("sim-you", text=_esc(exchange.reply.text)))
        reaction = exchange.reply.reaction
    tail = [_client_block(scenario, current, reaction), _replies_block(replies)]
    head = [header] if history else [header, _esc(scenario.brief)]
    # The last «Вы: …» stays with the reaction it caused; older blocks are kept, newest first, while they fit
    # (counting the «beginning cut» line, which is dropped again when nothing was cut).
    must_keep, optional = blocks[-1:], blocks[:-1]
    cut = t("sim-history-cut")
    kept: list[str] = []
    for block in reversed(optional):
        if len("\n\n".join([*head, cut, block, *kept, *must_keep, *tail])) > limit:
            break
        kept.insert(0, block)
    if len(kept) < len(optional):
        head = [*head, cut]
    return "\n\n".join([*head, *kept, *must_keep, *tail])


def step_text(scenario: Scenario, state: State, limit: int = MESSAGE_LIMIT) -> str:
    """The message for the current step of `state` (the dialogue must not be over)."""
    history = [Exchange(turn.step, turn.reply) for turn in transcript(scenario, state)]
    current = scenario.steps[state.node]
    return compose_step(scenario, history, current, shown_replies(scenario, state), state.decisions + 1, limit)


def step_labels(scenario: Scenario, state: State) -> list[str]:
    return labels(shown_replies(scenario, state))


def _skill_lines(setup: Setup, result: Result) -> list[str]:
    rank = {skill.id: k for k, skill in enumerate(setup.skills)}
    lines = [t("sim-result-skills")]
    for score in sorted(result.skills, key=lambda s: rank.get(s.skill, len(rank))):
        lines.append(t("sim-result-skill", name=_esc(setup.skill_name(score.skill)), earned=str(score.earned),
                       possible=str(score.possible)))
    lines.append(t("sim-result-total", earned=str(result.earned), possible=str(result.possible),
                   percent=str(result.percent)))
    return lines


def _moment_lines(scenario: Scenario, result: Result) -> list[str]:
    if not result.moments:
        return [t("sim-result-perfect")]
    lines = [t("sim-result-worst")]
    for k, moment in enumerate(result.moments, start=1):
        lines.append(t("sim-result-moment", number=str(k), name=_esc(scenario.client),
                       client=_esc(_quote(moment.client)), chosen=_esc(_quote(moment.chosen.text)),
                       better=_esc(_quote(moment.better.text, None)), why=_esc(moment.better.why)))
    return lines


def result_text(setup: Setup, scenario: Scenario, result: Result, last: Reply | None = None) -> str:
    """The final screen: the last exchange, how it ended, the score per skill, the worst moments."""
    parts = []
    if last is not None:
        parts.append(t("sim-you", text=_esc(last.text)) + "\n"
                     + t("sim-client", name=_esc(scenario.client), text=_esc(last.reaction)))
    parts.append(t("sim-result-ending", title=_esc(result.ending.title), kind=t(KIND_KEYS[result.kind]))
                 + "\n" + _esc(result.ending.text))
    parts.append("\n".join(_skill_lines(setup, result)))
    parts.append("\n\n".join(_moment_lines(scenario, result)))
    return "\n\n".join(parts)
