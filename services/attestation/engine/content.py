"""The quiz content format (content/topics/<topic_id>.yaml): pydantic models, loader and the bank.

Every rule a broken file can break is checked here, at load time, so a bad file fails a test and
`check-content`, never a chat. Errors are collected per file and question, in Russian, for the writer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    model_validator,
)

from services.attestation.engine.generators import GENERATORS
from services.attestation.engine.loading import QUESTION_TYPES as QUESTION_TYPES  # re-exported: part of the format
from services.attestation.engine.loading import UniqueKeyLoader, describe_error
from services.paths import CONTENT_DIR
from services.texts import t

DEFAULT_CONTENT_DIR = CONTENT_DIR
TOPICS_SUBDIR = "topics"
ORDERING_ITEMS = (3, 6)
MATCHING_PAIRS = (3, 5)

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
PERCENT_TOLERANCE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


class ContentError(Exception):
    """The content folder has broken files; `errors` lists every problem found."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__(t("attest-content-errors", errors="\n".join(self.errors)))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Card(_Strict):
    definition: Text
    example: Text
    mistake: Text
    monday: Text


class Option(_Strict):
    text: Text
    correct: bool = False
    why: Text | None = None


class Pair(_Strict):
    left: Text
    right: Text


def _duplicates(texts: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated = []
    for text in texts:
        key = text.casefold()
        if key in seen and text not in repeated:
            repeated.append(text)
        seen.add(key)
    return repeated


class _Question(_Strict):
    id: Ident
    text: Text
    explanation: Text
    _topic_id: str = PrivateAttr(default="")

    @property
    def topic_id(self) -> str:
        return self._topic_id


class _ChoiceQuestion(_Question):
    options: list[Option]

    def _check_options(self) -> None:
        if len(self.options) < 2:
            raise ValueError(t("attest-content-two-options"))
        repeated = _duplicates(o.text for o in self.options)
        if repeated:
            raise ValueError(t("attest-content-repeated-option", text=repeated[0]))

    @property
    def correct_count(self) -> int:
        return sum(o.correct for o in self.options)


class SingleQuestion(_ChoiceQuestion):
    type: Literal["single"]

    @model_validator(mode="after")
    def _one_correct(self) -> SingleQuestion:
        self._check_options()
        if self.correct_count != 1:
            raise ValueError(t("attest-content-single-correct", marked=self.correct_count))
        return self


class MultipleQuestion(_ChoiceQuestion):
    type: Literal["multiple"]

    @model_validator(mode="after")
    def _several_correct(self) -> MultipleQuestion:
        self._check_options()
        if self.correct_count < 1:  # one right option is allowed: the count of right options must not be a cue
            raise ValueError(t("attest-content-multiple-correct", marked=self.correct_count))
        if self.correct_count == len(self.options):
            raise ValueError(t("attest-content-multiple-wrong"))
        return self


def parse_percent_tolerance(tolerance: float | str) -> float | None:
    """«1%» → 1.0; None when the tolerance is absolute."""
    if isinstance(tolerance, str):
        match = PERCENT_TOLERANCE.match(tolerance)
        return float(match.group(1).replace(",", ".")) if match else None
    return None


class NumericQuestion(_Question):
    type: Literal["numeric"]
    generator: Text | None = None
    params: dict[str, Any] | None = None
    answer: float | None = None
    tolerance: float | str  # absolute, or a share of the answer written like "1%"
    unit: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> NumericQuestion:
        if isinstance(self.tolerance, str):
            if parse_percent_tolerance(self.tolerance) is None:
                raise ValueError(t("attest-content-bad-tolerance", tolerance=self.tolerance))
        elif self.tolerance < 0:
            raise ValueError(t("attest-content-negative-tolerance"))
        if self.generator is None:
            if self.answer is None:
                raise ValueError(t("attest-content-no-answer"))
            if self.params is not None:
                raise ValueError(t("attest-content-params-without-generator"))
            provided = {"answer"}
        else:
            if self.answer is not None:
                raise ValueError(t("attest-content-answer-and-generator"))
            provided = self._generator_placeholders()
        for name, template in (("text", self.text), ("explanation", self.explanation)):
            missing = sorted(set(PLACEHOLDER.findall(template)) - provided)
            if missing:
                source = (t("attest-content-source-generator", generator=self.generator) if self.generator
                          else t("attest-content-source-fixed"))
                raise ValueError(t("attest-content-missing-placeholders", field=name, source=source,
                                   placeholders=", ".join("{" + m + "}" for m in missing)))
        return self

    def _generator_placeholders(self) -> set[str]:
        generator = GENERATORS.get(self.generator or "")
        if generator is None:
            raise ValueError(t("attest-content-unknown-generator", generator=str(self.generator),
                               known=", ".join(GENERATORS)))
        problems = generator.check_params(self.params or {})
        if problems:
            raise ValueError("; ".join(problems))
        # One throwaway draw tells which placeholders this generator gives with these params.
        return set(generator.generate(random.Random(0), self.params).values)


class OrderingQuestion(_Question):
    type: Literal["ordering"]
    items: list[Text]

    @model_validator(mode="after")
    def _enough_items(self) -> OrderingQuestion:
        low, high = ORDERING_ITEMS
        if not low <= len(self.items) <= high:
            raise ValueError(t("attest-content-ordering-size", low=low, high=high, count=len(self.items)))
        repeated = _duplicates(self.items)
        if repeated:
            raise ValueError(t("attest-content-repeated-item", text=repeated[0]))
        return self


class MatchingQuestion(_Question):
    type: Literal["matching"]
    pairs: list[Pair]

    @model_validator(mode="after")
    def _distinct_pairs(self) -> MatchingQuestion:
        low, high = MATCHING_PAIRS
        if not low <= len(self.pairs) <= high:
            raise ValueError(t("attest-content-matching-size", low=low, high=high, count=len(self.pairs)))
        for side, key in (("left", "attest-content-repeated-left"), ("right", "attest-content-repeated-right")):
            repeated = _duplicates(getattr(p, side) for p in self.pairs)
            if repeated:
                raise ValueError(t(key, text=repeated[0]))
        return self


Question = Annotated[
    SingleQuestion | MultipleQuestion | NumericQuestion | OrderingQuestion | MatchingQuestion,
    Field(discriminator="type"),
]
AnyQuestion = SingleQuestion | MultipleQuestion | NumericQuestion | OrderingQuestion | MatchingQuestion


class Topic(_Strict):
    id: Ident
    title: Text
    order: int
    card: Card
    questions: list[Question]

    @model_validator(mode="after")
    def _own_questions(self) -> Topic:
        if not self.questions:
            raise ValueError(t("attest-content-no-questions"))
        repeated = _duplicates(q.id for q in self.questions)
        if repeated:
            raise ValueError(t("attest-content-repeated-question-id", id=repeated[0]))
        for question in self.questions:
            question._topic_id = self.id
        return self


@dataclass(frozen=True)
class QuestionBank:
    topics: tuple[Topic, ...]  # ordered by `order`
    _topics: dict[str, Topic] = field(init=False, repr=False)
    _questions: dict[str, AnyQuestion] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_topics", {t.id: t for t in self.topics})
        object.__setattr__(self, "_questions", {q.id: q for t in self.topics for q in t.questions})

    def topic(self, topic_id: str) -> Topic:
        return self._topics[topic_id]

    def question(self, question_id: str) -> AnyQuestion:
        return self._questions[question_id]

    def questions_of(self, topic_id: str) -> tuple[AnyQuestion, ...]:
        return tuple(self._topics[topic_id].questions)

    def has_topic(self, topic_id: str) -> bool:
        return topic_id in self._topics

    def has_question(self, question_id: str) -> bool:
        """Stored attempts may name questions that were removed from the content since."""
        return question_id in self._questions

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(self._questions)


def load_topic_file(path: Path) -> tuple[Topic | None, list[str]]:
    """One topic file → (topic or None, errors prefixed with the file name and question id).

    A topic whose id differs from its file name comes back with the error, so duplicates show too.
    """
    name = path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)
    except (OSError, UnicodeDecodeError) as exc:
        return None, [t("attest-content-unreadable-file", file=name, error=str(exc))]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark:
            return None, [t("attest-content-bad-yaml-at", file=name, line=str(mark.line + 1), problem=problem)]
        return None, [t("attest-content-bad-yaml", file=name, problem=problem)]
    if not isinstance(raw, dict):
        return None, [t("attest-content-not-a-mapping", file=name)]
    errors = []
    if raw.get("id") != path.stem:
        errors.append(t("attest-content-id-not-file-name", file=name, id=str(raw.get("id")), stem=path.stem))
    try:
        topic = Topic.model_validate(raw)
    except ValidationError as exc:
        return None, errors + [f"{name}: {describe_error(e, raw)}" for e in exc.errors()]
    return topic, errors


def collect_topics(content_dir: Path | None = None) -> tuple[list[Topic], list[str]]:
    """All valid topics of a content folder and every error found, across files too."""
    folder = Path(content_dir or DEFAULT_CONTENT_DIR) / TOPICS_SUBDIR
    if not folder.is_dir():
        return [], [t("attest-content-no-folder", folder=str(folder))]
    topics: list[Topic] = []
    errors: list[str] = []
    owner: dict[str, str] = {}
    topic_owner: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        topic, file_errors = load_topic_file(path)
        errors.extend(file_errors)
        if topic is None:
            continue
        if topic.id in topic_owner:
            errors.append(t("attest-content-topic-id-taken", file=path.name, id=topic.id,
                            owner=topic_owner[topic.id]))
        topic_owner.setdefault(topic.id, path.name)
        if file_errors:
            continue
        for question in topic.questions:
            if question.id in owner:
                errors.append(t("attest-content-question-id-taken", file=path.name, id=question.id,
                                owner=owner[question.id]))
            owner.setdefault(question.id, path.name)
        topics.append(topic)
    if not topics and not errors:
        errors.append(t("attest-content-no-topics", folder=str(folder)))
    topics.sort(key=lambda t: (t.order, t.id))
    return topics, errors


def load_bank(content_dir: Path | None = None) -> QuestionBank:
    """The question bank of a content folder (default: <repo>/content), cached per folder.

    Raises ContentError listing every problem when any file is broken.
    """
    return _load_cached(Path(content_dir or DEFAULT_CONTENT_DIR).resolve())


@lru_cache(maxsize=8)
def _load_cached(content_dir: Path) -> QuestionBank:
    topics, errors = collect_topics(content_dir)
    if errors:
        raise ContentError(errors)
    return QuestionBank(tuple(topics))


def clear_cache() -> None:
    """Forget loaded banks (tests that rewrite files, a content reload)."""
    _load_cached.cache_clear()
