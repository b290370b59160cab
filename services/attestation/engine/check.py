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
from pathlib import Path
from statistics import fmean

from services.attestation.engine.content import PLACEHOLDER, QUESTION_TYPES, NumericQuestion, Topic, collect_topics
from services.attestation.engine.formatting import plural
from services.attestation.engine.instance import QuestionInstance, make_instance
from services.attestation.engine.parsing import parse_number

SAMPLED_SEEDS = 200
TYPE_NAMES = {
    "single": "один ответ",
    "multiple": "несколько ответов",
    "numeric": "число",
    "ordering": "порядок",
    "matching": "сопоставление",
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
        verdict = "ошибок нет" if self.ok else f"ошибок: {len(self.errors)}"
        lines = [
            f"Учебный контент (темы и вопросы): {verdict}.",
            f"{self.topics} {plural(self.topics, 'тема', 'темы', 'тем')}, "
            f"{self.cards} {plural(self.cards, 'карточка', 'карточки', 'карточек')}, "
            f"{self.questions} {plural(self.questions, 'вопрос', 'вопроса', 'вопросов')}.",
            "По типам: " + ", ".join(f"{TYPE_NAMES[t]} — {self.questions_by_type.get(t, 0)}"
                                     for t in QUESTION_TYPES) + ".",
        ]
        if self.questions_by_topic:
            lines.append("По темам: " + ", ".join(f"{t} — {n}" for t, n in self.questions_by_topic.items()) + ".")
        lines.extend(f"ОШИБКА: {error}" for error in self.errors)
        return "\n".join(lines)


class _Unreadable(ValueError):
    """A rendered value the independent check cannot read back."""


def _num(values: Mapping[str, str], key: str) -> float:
    value = parse_number(values.get(key, ""))
    if value is None:
        raise _Unreadable(f"значение {{{key}}} = «{values.get(key)}» не читается как число")
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
_RULES: tuple[tuple[re.Pattern[str], Callable[[float, list[float]], bool]], ...] = (
    (re.compile(rf"^до {_NUMBER}\D*$"), lambda x, n: x <= n[0]),
    (re.compile(rf"^{_NUMBER}\D*–{_NUMBER}\D*$"), lambda x, n: n[0] <= x <= n[1]),
    (re.compile(rf"^больше {_NUMBER}\D*$"), lambda x, n: x > n[0]),
    (re.compile(rf"^{_NUMBER} и больше$"), lambda x, n: x >= n[0]),
    (re.compile(rf"^{_NUMBER} [^\d]+$"), lambda x, n: x == n[0]),
)


def _score_by_text(thresholds: str, value: float) -> float:
    """Apply threshold text like «до 30 дней — 3, 31–90 — 2, больше 90 — 1» to a value."""
    scores = []
    for part in thresholds.split(", "):
        condition, _, score = part.rpartition(" — ")
        for pattern, holds in _RULES:
            match = pattern.match(condition.strip())
            if match:
                numbers = [parse_number(g) or 0.0 for g in match.groups()]
                if holds(value, numbers):
                    scores.append(float(score))
                break
        else:
            raise _Unreadable(f"порог «{part}» не читается")
    if len(scores) != 1:
        raise _Unreadable(f"значение {value:g} попадает в {len(scores)} порога(ов) из «{thresholds}»")
    return scores[0]


def _rfm_score(v: Mapping[str, str]) -> float:
    for value_key, text_key in (("days", "r_thresholds"), ("orders", "f_thresholds"), ("amount", "m_thresholds")):
        if value_key in v:
            return _score_by_text(v[text_key], _num(v, value_key))
    raise _Unreadable("нет ни days, ни orders, ни amount")


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
        return (f"ответ генератора {answer:g} расходится с пересчётом по показанным числам {recomputed:g} "
                f"больше допуска {tolerance:g}")
    shown = _num(instance.values, "answer")
    if abs(shown - answer) > slack:
        return f"показанный ответ «{instance.values['answer']}» не укладывается в допуск {tolerance:g}"
    leftover = PLACEHOLDER.search(instance.text + instance.explanation)
    if leftover:
        return f"подстановка {leftover.group(0)} осталась незаполненной"
    return None


def _check_generated(topic: Topic, question: NumericQuestion) -> str | None:
    where = f"{topic.id}.yaml: {question.id}: генератор {question.generator}"
    recompute = RECOMPUTE.get(question.generator or "")
    if recompute is None:
        return f"{where}: нет независимой проверки ответа (добавьте её в RECOMPUTE)"
    for seed in range(SAMPLED_SEEDS):
        instance = make_instance(question, seed)
        try:
            problem = _sample_problem(instance, recompute)
        except (_Unreadable, ZeroDivisionError) as exc:
            problem = str(exc) or "деление на ноль"
        if problem:
            return f"{where}: seed {seed}: {problem}"
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
    return ContentReport(
        ok=not errors,
        errors=errors,
        topics=len(topics),
        cards=len(topics),  # a card is required by the schema, so every valid topic has one
        questions_by_type={t: by_type.get(t, 0) for t in QUESTION_TYPES},
        questions_by_topic=by_topic,
    )


if __name__ == "__main__":
    import sys

    report = check_content(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(report.render())
    raise SystemExit(0 if report.ok else 1)
