"""How an attempt and a topic are named on screen: «Экзамен, вопрос 4 из 20», «Тренировка «КЭВ»», a card."""

from __future__ import annotations

from html import escape

from db.models import Attempt
from services.attestation.engine.content import QuestionBank
from services.attestation.views import Kind
from services.texts import t

KIND_KEYS = {
    Kind.PRACTICE: "attest-kind-practice",
    Kind.EXAM: "attest-kind-exam",
    Kind.MISTAKES: "attest-kind-mistakes",
}


def card_text(bank: QuestionBank, topic_id: str) -> str:
    topic = bank.topic(topic_id)
    card = topic.card
    return t("attest-card", title=escape(topic.title), definition=escape(card.definition.strip()),
             example=escape(card.example.strip()), mistake=escape(card.mistake.strip()),
             monday=escape(card.monday.strip()), count=len(bank.questions_of(topic_id)))


def kind_title(attempt: Attempt, bank: QuestionBank, *, escaped: bool = False) -> str:
    """«Экзамен», «Работа над ошибками», «Тренировка «КЭВ»» — what the attempt was."""
    kind = t(KIND_KEYS[Kind(attempt.kind)]) if attempt.kind in set(Kind) else attempt.kind
    if attempt.kind == Kind.PRACTICE and attempt.topic_id and bank.has_topic(attempt.topic_id):
        title = bank.topic(attempt.topic_id).title
        return t("attest-kind-on-topic", kind=kind, topic=escape(title) if escaped else title)
    return kind


def attempt_label(attempt: Attempt, bank: QuestionBank) -> str:
    return t("attest-attempt-label", title=kind_title(attempt, bank, escaped=True),
             number=min(attempt.current_index + 1, attempt.total), total=attempt.total)
