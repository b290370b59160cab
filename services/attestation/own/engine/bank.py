"""Own topics as the quiz engine's topics, and a bank that holds the built-in topics and a user's own ones.

Ids the engine and the attempt rows carry: an own topic is `ot<id>`, a version of an own question `oq<id>_<version>`
— so an attempt names the version it showed, and an edited question is a new question to every draw and to the
statistics. Own topics come after the built-in ones (`order`), their titles marked as the company's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from services.attestation.engine.content import Card, QuestionBank, Topic
from services.attestation.own.engine.model import QuestionBody
from services.attestation.own.engine.validate import engine_question

logger = logging.getLogger(__name__)

TOPIC_PREFIX, QUESTION_PREFIX = "ot", "oq"
OWN_MARK = "🏢 "  # marks a company's own topic wherever its title is shown
ORDER_BASE = 100_000  # after every built-in topic
_TOPIC_KEY = re.compile(r"^ot(\d+)$")
_QUESTION_KEY = re.compile(r"^oq(\d+)_(\d+)$")


def topic_key(topic_id: int) -> str:
    return f"{TOPIC_PREFIX}{topic_id}"


def question_key(question_id: int, version: int) -> str:
    return f"{QUESTION_PREFIX}{question_id}_{version}"


def topic_id_of(key: str) -> int | None:
    match = _TOPIC_KEY.match(key or "")
    return int(match.group(1)) if match else None


def question_of(key: str) -> tuple[int, int] | None:
    """(question id, version) of an own question's key; None for a built-in question."""
    match = _QUESTION_KEY.match(key or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def is_own_topic(key: str | None) -> bool:
    return bool(key) and _TOPIC_KEY.match(key or "") is not None


def unmarked(title: str) -> str:
    """A topic title without the company mark (a certificate prints plain titles)."""
    return title[len(OWN_MARK):] if title.startswith(OWN_MARK) else title


@dataclass(frozen=True)
class OwnQuestionData:
    question_id: int
    version: int
    body: QuestionBody


@dataclass(frozen=True)
class OwnTopicData:
    topic_id: int
    team_id: int
    title: str
    card: str
    position: int
    questions: tuple[OwnQuestionData, ...]  # the drawable ones: active, at their current version


def engine_topic(data: OwnTopicData) -> Topic | None:
    """The engine's topic, or None when no question of it can be drawn (an empty topic is not a topic)."""
    questions = []
    for item in data.questions:
        try:
            questions.append(engine_question(item.body, question_key(item.question_id, item.version)))
        except (ValidationError, ValueError, TypeError):  # stored under older rules: skipped, never a crash
            logger.warning("Own question %s v%s is not valid any more", item.question_id, item.version)
    if not questions:
        return None
    card = Card.model_construct(definition=data.card or data.title, example="", mistake="", monday="")
    return Topic.model_validate({"id": topic_key(data.topic_id), "title": f"{OWN_MARK}{data.title}",
                                 "order": ORDER_BASE + data.position, "card": card, "questions": questions})


def merged_bank(builtin: QuestionBank, own: Iterable[Topic]) -> QuestionBank:
    """The built-in topics, then the own ones (by order)."""
    extra = sorted(own, key=lambda topic: (topic.order, topic.id))
    return QuestionBank(tuple(builtin.topics) + tuple(extra)) if extra else builtin


def own_topics_of(bank: QuestionBank) -> Sequence[Topic]:
    return [topic for topic in bank.topics if is_own_topic(topic.id)]
