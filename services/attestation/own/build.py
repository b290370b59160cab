"""The own-questions services one update gets, by the handler parameter names services/wiring.py hands out."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.own_questions import OwnQuestionRepository
from services.attestation.engine.content import QuestionBank
from services.attestation.own.flow.banks import OwnContent
from services.attestation.own.flow.context import BankContext
from services.attestation.own.flow.editor import QuestionEditor
from services.attestation.own.flow.exam import ExamSettingsService
from services.attestation.own.flow.files import BankFiles
from services.attestation.own.flow.stats import BankStats
from services.attestation.own.flow.topic_editor import TopicEditor
from services.attestation.own.flow.topics import BankService
from services.clock import Clock

SERVICE_NAMES = frozenset({"bank", "bank_editor", "bank_topics", "bank_files", "bank_exam", "bank_stats"})


def own_content(session: AsyncSession, builtin: QuestionBank) -> OwnContent:
    """What the attestation flow and the teams ask for a user's or a team's bank."""
    return OwnContent(OwnQuestionRepository(session), builtin)


def bank_services(session: AsyncSession, builtin: QuestionBank, clock: Clock) -> dict[str, object]:
    repo = OwnQuestionRepository(session)
    ctx = BankContext(repo, builtin, clock, OwnContent(repo, builtin))
    bank = BankService(ctx)
    return {
        "bank": bank,
        "bank_editor": QuestionEditor(ctx),
        "bank_topics": TopicEditor(ctx, bank),
        "bank_files": BankFiles(ctx),
        "bank_exam": ExamSettingsService(ctx),
        "bank_stats": BankStats(ctx),
    }
