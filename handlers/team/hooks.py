"""Called by the attestation flow when an exam has just finished: tell the owners who assigned it."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.teams import NotificationRepository, TeamRepository
from handlers.team.common import commit_and_wake
from services.teams.flow.outbox import schedule_exam_result

logger = logging.getLogger(__name__)


async def exam_finished(session: AsyncSession, attempt_id: int) -> None:
    """Schedule «passed / failed» for the owners. Called after the result is on the member's screen, so the
    attempt is committed already and a failure here can only lose the owners' notice, never the exam."""
    try:
        added = await schedule_exam_result(TeamRepository(session), NotificationRepository(session), attempt_id)
    except Exception:
        logger.exception("Could not schedule the owners' notices for attempt %s", attempt_id)
        await session.rollback()
        return
    if added:
        await commit_and_wake(session)
