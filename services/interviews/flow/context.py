"""What every interview flow works with: the repositories, the scripts and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Interview
from db.repositories.interviews import CandidateLinkRepository, InterviewRepository
from services.interviews.engine.content import InterviewScripts, default_scripts
from services.notice import Refusal
from services.texts import t

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
    def for_session(cls, session: AsyncSession, clock: Callable[[], datetime] = utc_now,
                    scripts: InterviewScripts | None = None) -> FlowContext:
        return cls(InterviewRepository(session), CandidateLinkRepository(session),
                   scripts if scripts is not None else default_scripts(), clock)

    async def owned(self, user_id: int, interview_id: int) -> Interview:
        """The interview if this user runs it; a refusal otherwise (a candidate forging the owner's buttons)."""
        interview = await self.interviews.get(interview_id)
        if interview is None:
            raise Refusal(t("interview-not-found"))
        if interview.owner_id != user_id:
            raise Refusal(t("interview-no-access"))
        return interview


def check_subject(text: str | None) -> tuple[str | None, str | None]:
    """(cleaned name, None) or (None, the reason to show)."""
    value = " ".join((text or "").split())
    if not any(ch.isalnum() for ch in value):
        return None, t("interview-subject-empty")
    if len(value) > SUBJECT_LIMIT:
        return None, t("interview-subject-too-long", limit=SUBJECT_LIMIT)
    return value, None
