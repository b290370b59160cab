"""Scoring a finished attempt, the result message, and per-topic mastery for /results."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import is_passed, pass_percent, percent_of
from services.texts import t

Kind = Literal["practice", "exam"]
WEAKEST_MAX = 3


@dataclass(frozen=True)
class TopicScore:
    topic_id: str
    correct: int
    total: int
    percent: int


@dataclass(frozen=True)
class AttemptSummary:
    kind: Kind
    correct: int
    total: int
    percent: int  # whole percent, rounded half up
    passed: bool | None  # exam only; None for practice
    per_topic: tuple[TopicScore, ...]  # in the order topics first appeared in the attempt
    weakest: tuple[str, ...]  # up to 3 topics below 100 %, worst first
    pass_mark: int | None = None  # a team's own exam's mark (whole percent); None: the standard one

    @property
    def result_line(self) -> str:
        return t("attest-result-line", correct=self.correct, total=self.total, percent=self.percent)


def summarize(items: Sequence[tuple[str, bool]], kind: Kind, pass_mark: int | None = None) -> AttemptSummary:
    """Score an attempt from (topic_id, correct) per answered question; `pass_mark`: a team exam's own mark."""
    counts: dict[str, list[int]] = {}
    for topic_id, right in items:
        tally = counts.setdefault(topic_id, [0, 0])
        tally[0] += int(bool(right))
        tally[1] += 1
    per_topic = tuple(TopicScore(topic, c, n, percent_of(c, n)) for topic, (c, n) in counts.items())
    correct = sum(s.correct for s in per_topic)
    total = sum(s.total for s in per_topic)
    position = {s.topic_id: i for i, s in enumerate(per_topic)}
    # Worst share first; on a tie the topic with more misses, then the one asked first.
    weak = sorted((s for s in per_topic if s.correct < s.total),
                  key=lambda s: (s.correct / s.total, -(s.total - s.correct), position[s.topic_id]))
    return AttemptSummary(
        kind=kind,
        correct=correct,
        total=total,
        percent=percent_of(correct, total),
        passed=is_passed(correct, total, pass_mark) if kind == "exam" else None,
        per_topic=per_topic,
        weakest=tuple(s.topic_id for s in weak[:WEAKEST_MAX]),
        pass_mark=pass_mark,
    )


def _title(bank: QuestionBank, topic_id: str) -> str:
    return bank.topic(topic_id).title if bank.has_topic(topic_id) else topic_id


def _light(percent: int) -> str:
    if percent >= pass_percent():
        return "🟢"
    return "🟡" if percent >= 50 else "🔴"


def _bank_order(bank: QuestionBank, topic_ids: Iterable[str]) -> list[str]:
    order = {topic.id: i for i, topic in enumerate(bank.topics)}
    return sorted(topic_ids, key=lambda topic_id: order.get(topic_id, len(order)))


def render_summary(summary: AttemptSummary, bank: QuestionBank) -> str:
    """HTML: the line «Результат: X из Y (Z %)» first, the verdict for an exam, the per-topic breakdown
    and the topics to repeat."""
    lines = [summary.result_line]
    if summary.passed is True:
        lines.append(t("attest-summary-passed", pass_mark=summary.pass_mark or pass_percent()))
    elif summary.passed is False:
        lines.append(t("attest-summary-failed", pass_mark=summary.pass_mark or pass_percent()))
    by_topic = {s.topic_id: s for s in summary.per_topic}
    if by_topic:
        lines += ["", t("attest-summary-by-topic")]
        for topic_id in _bank_order(bank, by_topic):
            s = by_topic[topic_id]
            title = html.escape(_title(bank, topic_id), quote=False)
            lines.append(t("attest-summary-topic", light=_light(s.percent), title=title, correct=s.correct,
                           total=s.total, percent=s.percent))
    if summary.weakest:
        lines += ["", t("attest-summary-repeat")]
        lines.extend(f"• {html.escape(_title(bank, topic_id), quote=False)}" for topic_id in summary.weakest)
    return "\n".join(lines)


class Level(StrEnum):
    NOT_STARTED = "not_started"
    WEAK = "weak"
    IN_PROGRESS = "in_progress"
    MASTERED = "mastered"


LEVEL_KEYS = {
    Level.NOT_STARTED: "attest-level-not-started",
    Level.WEAK: "attest-level-weak",
    Level.IN_PROGRESS: "attest-level-in-progress",
    Level.MASTERED: "attest-level-mastered",
}


@dataclass(frozen=True)
class TopicMastery:
    topic_id: str
    answered: int  # distinct questions of the topic the user has answered
    total: int  # questions in the topic (0 when unknown)
    correct: int  # of the answered, how many were right the last time
    percent: int  # correct ÷ answered
    state: Level

    @property
    def level(self) -> str:
        """The level as the user reads it: «не начато», «слабое место», «в процессе», «освоено»."""
        return t(LEVEL_KEYS[self.state])


def _level(answered: int, total: int, percent: int) -> Level:
    if answered == 0:
        return Level.NOT_STARTED
    covered_enough = total == 0 or answered * 2 >= total
    if percent >= pass_percent() and covered_enough:
        return Level.MASTERED
    return Level.IN_PROGRESS if percent >= 50 else Level.WEAK


def mastery(rows: Iterable[tuple[str, str, bool]], bank: QuestionBank | None = None) -> list[TopicMastery]:
    """Per-topic mastery from answer history rows (topic_id, question_id, correct), oldest first.

    The last answer to a question is what counts: a mistake fixed later is no longer held against
    the user. With a bank every topic is listed in menu order, the untouched ones as «не начато».
    """
    latest: dict[str, dict[str, bool]] = {}
    for topic_id, question_id, right in rows:
        latest.setdefault(topic_id, {})[question_id] = bool(right)
    topic_ids = [topic.id for topic in bank.topics] if bank else list(latest)
    result = []
    for topic_id in topic_ids:
        answers = latest.get(topic_id, {})
        total = len(bank.questions_of(topic_id)) if bank and bank.has_topic(topic_id) else 0
        correct = sum(answers.values())
        percent = percent_of(correct, len(answers))
        result.append(TopicMastery(topic_id, len(answers), total, correct, percent,
                                   _level(len(answers), total, percent)))
    return result


# The mark follows the level, never the share alone: a topic «в процессе» carries no verdict colour (one right
# answer out of twelve is 100 %, yet nothing is mastered).
LEVEL_MARKS = {Level.NOT_STARTED: "⚪", Level.WEAK: "🔴", Level.IN_PROGRESS: "🔄", Level.MASTERED: "🟢"}


def render_mastery(items: Sequence[TopicMastery], bank: QuestionBank) -> str:
    """HTML block for /results: one line per topic with its level."""
    lines = [t("attest-mastery-title")]
    for item in items:
        title = html.escape(_title(bank, item.topic_id), quote=False)
        mark = LEVEL_MARKS[item.state]
        if item.answered == 0:
            lines.append(f"{mark} {title} — {item.level}")
        elif item.total:
            lines.append(t("attest-mastery-line-scope", light=mark, title=title, level=item.level,
                           percent=item.percent, answered=item.answered, total=item.total))
        else:
            lines.append(t("attest-mastery-line", light=mark, title=title, level=item.level,
                           percent=item.percent))
    return "\n".join(lines)
