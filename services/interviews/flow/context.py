"""What every interview flow works with: the repositories, the scripts and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Interview
from db.repositories.interviews import CandidateLinkRepository, InterviewRepository
from services.interviews.engine.content import InterviewScripts, default_scripts
from services.interviews.flow import texts
from services.interviews.views import Notice

SUBJECT_LIMIT = 80


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class FlowContext:
    interviews: InterviewRepository
    links: CandidateLinkRepository
    scripts: InterviewScripts = field(default_factory=default_scripts)
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def for_session(cls, session: AsyncSession, clock: Callable[[], datetime] = utc_now) -> FlowContext:
        return cls(InterviewRepository(session), CandidateLinkRepository(session), clock=clock)

    async def owned(self, user_id: int, interview_id: int) -> Interview | Notice:
        """The interview if this user runs it; a refusal otherwise (a candidate forging the owner's buttons)."""
        interview = await self.interviews.get(interview_id)
        if interview is None:
            return Notice(texts.NOT_FOUND)
        if interview.owner_id != user_id:
            return Notice(texts.NO_ACCESS)
        return interview


def check_subject(text: str | None) -> tuple[str | None, str | None]:
    """(cleaned name, None) or (None, the reason in Russian)."""
    value = " ".join((text or "").split())
    if not any(ch.isalnum() for ch in value):
        return None, texts.SUBJECT_EMPTY
    if len(value) > SUBJECT_LIMIT:
        return None, texts.SUBJECT_TOO_LONG.format(limit=SUBJECT_LIMIT)
    return value, None
