"""`check-content` for the quiz: every file valid, every generator honest, and a short summary.

A generated question is checked by recomputing its answer for many seeds from the numbers the user
actually sees — with formulas written here independently of the generators — so a rounding slip or a
formula bug in a generator fails the check instead of failing a manager who computed correctly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from statistics import fmean

import yaml
from pydantic import ValidationError

from services.attestation.engine.content import (
    DEFAULT_CONTENT_DIR,
    PLACEHOLDER,
    QUESTION_TYPES,
    NumericQuestion,
    Topic,
    collect_topics,
)
from services.attestation.engine.instance import QuestionInstance, make_instance
from services.attestation.engine.parsing import parse_number
from services.attestation.engine.typed_input import TYPED_INPUT_FILE, load_typed_input
from services.texts import t

SAMPLED_SEEDS = 200
TYPE_KEYS = {
    "single": "attest-check-type-single",
    "multiple": "attest-check-type-multiple",
    "numeric": "attest-check-type-numeric",
    "ordering": "attest-check-type-ordering",
    "matching": "attest-check-type-matching",
}


@dataclass
class ContentReport:
    ok: bool
    errors: list[str]
    topics: int
    cards: int
    questions_by_type: dict[str, int]
    questions_by_topic: dict[str, int] = field(default_factory=dict)

    @property
    def questions(self) -> int:
        return sum(self.questions_by_type.values())

    def render(self) -> str:
        by_type = ", ".join(f"{t(TYPE_KEYS[kind])} — {self.questions_by_type.get(kind, 0)}"
                            for kind in QUESTION_TYPES)
        lines = [
            t("attest-check-verdict", errors=0 if self.ok else len(self.errors)),
            t("attest-check-totals", topics=self.topics, cards=self.cards, questions=self.questions),
            t("attest-check-by-type", counts=by_type),
        ]
        if self.questions_by_topic:
            by_topic = ", ".join(f"{topic} — {n}" for topic, n in self.questions_by_topic.items())
            lines.append(t("attest-check-by-topic", counts=by_topic))
        lines.extend(t("attest-check-error", error=error) for error in self.errors)
        return "\n".join(lines)


class _Unreadable(ValueError):
    """A rendered value the independent check cannot read back."""


def _num(values: Mapping[str, str], key: str) -> float:
    value = parse_number(values.get(key, ""))
    if value is None:
        raise _Unreadable(t("attest-check-unreadable-value", key=key, value=str(values.get(key))))
    return value


def _stage_conversion(v: Mapping[str, str]) -> float:
    return _num(v, "moved") / _num(v, "in_stage") * 100


def _funnel_conversion(v: Mapping[str, str]) -> float:
    return _num(v, "deals") / _num(v, "leads") * 100


def _seasonality_coefficient(v: Mapping[str, str]) -> float:
    months = [_num(v, f"m_y{i}") for i in (1, 2, 3)]
    averages = [_num(v, f"avg_y{i}") for i in (1, 2, 3)]
    return fmean(months) / fmean(averages)


def _seasonal_plan(v: Mapping[str, str]) -> float:
    deseasonalised = [_num(v, f"f{i}") / _num(v, f"k{i}") for i in (1, 2, 3)]
    return fmean(deseasonalised) * _num(v, "k_next")


_NUMBER = r"(\d[\d\s\u202f\u00a0]*)"
Rule = tuple[re.Pattern[str], Callable[[float, list[float]], bool]]


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    """How a threshold reads: «до N», «N–M», «больше N», «N и больше», «N заказ». The words come from the texts
    the generators print, so a reworded text is read back the same way."""
    up_to, over, and_more = (re.escape(t(key)) for key in (
        "attest-check-word-up-to", "attest-check-word-over", "attest-check-word-and-more"))
    return (
        (re.compile(rf"^{up_to} {_NUMBER}\D*$"), lambda x, n: x <= n[0]),
        (re.compile(rf"^{_NUMBER}\D*–{_NUMBER}\D*$"), lambda x, n: n[0] <= x <= n[1]),
        (re.compile(rf"^{over} {_NUMBER}\D*$"), lambda x, n: x > n[0]),
        (re.compile(rf"^{_NUMBER} {and_more}$"), lambda x, n: x >= n[0]),
        (re.compile(rf"^{_NUMBER} [^\d]+$"), lambda x, n: x == n[0]),
    )


def _score_by_text(thresholds: str, value: float) -> float:
    """Apply threshold text like «до 30 дней — 3, 31–90 — 2, больше 90 — 1» to a value."""
    scores = []
    for part in thresholds.split(", "):
        condition, _, score = part.rpartition(" — ")
        for pattern, holds in _rules():
            match = pattern.match(condition.strip())
            if match:
                numbers = [parse_number(g) or 0.0 for g in match.groups()]
                if holds(value, numbers):
                    scores.append(float(score))
                break
        else:
            raise _Unreadable(t("attest-check-unreadable-threshold", part=part))
    if len(scores) != 1:
        raise _Unreadable(t("attest-check-thresholds-overlap", value=f"{value:g}", count=len(scores),
                            thresholds=thresholds))
    return scores[0]


def _rfm_score(v: Mapping[str, str]) -> float:
    for value_key, text_key in (("days", "r_thresholds"), ("orders", "f_thresholds"), ("amount", "m_thresholds")):
        if value_key in v:
            return _score_by_text(v[text_key], _num(v, value_key))
    raise _Unreadable(t("attest-check-no-rfm-value"))


RECOMPUTE: dict[str, Callable[[Mapping[str, str]], float]] = {
    "stage_conversion": _stage_conversion,
    "funnel_conversion": _funnel_conversion,
    "seasonality_coefficient": _seasonality_coefficient,
    "seasonal_plan": _seasonal_plan,
    "rfm_score": _rfm_score,
}


def _sample_problem(instance: QuestionInstance, recompute: Callable[[Mapping[str, str]], float]) -> str | None:
    answer, tolerance = instance.answer or 0.0, instance.tolerance or 0.0
    slack = tolerance + 1e-9
    recomputed = recompute(instance.values)
    if abs(recomputed - answer) > slack:
        return t("attest-check-answer-differs", answer=f"{answer:g}", recomputed=f"{recomputed:g}",
                 tolerance=f"{tolerance:g}")
    shown = _num(instance.values, "answer")
    if abs(shown - answer) > slack:
        return t("attest-check-shown-answer-off", shown=instance.values["answer"], tolerance=f"{tolerance:g}")
    leftover = PLACEHOLDER.search(instance.text + instance.explanation)
    if leftover:
        return t("attest-check-placeholder-left", placeholder=leftover.group(0))
    return None


def _check_generated(topic: Topic, question: NumericQuestion) -> str | None:
    where = t("attest-check-generator-where", file=f"{topic.id}.yaml", question=question.id,
              generator=str(question.generator))
    recompute = RECOMPUTE.get(question.generator or "")
    if recompute is None:
        return t("attest-check-no-recompute", where=where)
    for seed in range(SAMPLED_SEEDS):
        instance = make_instance(question, seed)
        try:
            problem = _sample_problem(instance, recompute)
        except (_Unreadable, ZeroDivisionError) as exc:
            problem = str(exc) or t("attest-check-division-by-zero")
        if problem:
            return f"{where}: seed {seed}: {problem}"
    return None


def _check_typed_input(content_dir: Path | None) -> str | None:
    """The words numeric answers are read with (content/typed_input.yaml): required in the bot's own folder,
    checked when present in another."""
    path = Path(content_dir or DEFAULT_CONTENT_DIR) / TYPED_INPUT_FILE.name
    if content_dir is not None and not path.exists():
        return None
    try:
        load_typed_input(path)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        return t("attest-check-typed-input", file=path.name, error=str(exc))
    return None


def check_content(content_dir: Path | None = None) -> ContentReport:
    """Validate the quiz content folder (default: <repo>/content) and summarise it."""
    topics, errors = collect_topics(content_dir)
    by_type: Counter[str] = Counter()
    by_topic: dict[str, int] = {}
    for topic in topics:
        by_topic[topic.id] = len(topic.questions)
        for question in topic.questions:
            by_type[question.type] += 1
            if isinstance(question, NumericQuestion) and question.generator:
                problem = _check_generated(topic, question)
                if problem:
                    errors.append(problem)
    problem = _check_typed_input(content_dir)
    if problem:
        errors.append(problem)
    return ContentReport(
        ok=not errors,
        errors=errors,
        topics=len(topics),
        cards=len(topics),  # a card is required by the schema, so every valid topic has one
        questions_by_type={kind: by_type.get(kind, 0) for kind in QUESTION_TYPES},
        questions_by_topic=by_topic,
    )


if __name__ == "__main__":
    import sys

    report = check_content(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(report.render())
    raise SystemExit(0 if report.ok else 1)
