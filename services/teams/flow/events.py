"""Events other features raise for the teams: the attestation flow calls `exam_finished` when an exam ends.

The owners' notices are written in the same transaction as the result; the scheduler is woken only after that
transaction commits (before then it could not see the rows), through SQLAlchemy's `after_commit` hook.
"""

from __future__ import annotations

import logging

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.teams import NotificationRepository, TeamRepository
from services.teams.flow import outbox

logger = logging.getLogger(__name__)


class TeamEvents:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def exam_finished(self, attempt_id: int) -> None:
        """Schedule «passed / failed» for the owners who assigned this exam (if any).

        Under a SAVEPOINT: when this fails, only its own rows are undone and the caller's transaction (the
        finished exam) stays usable and is committed; the caller logs the failure."""
        async with self.session.begin_nested():
            added = await outbox.schedule_exam_result(TeamRepository(self.session),
                                                      NotificationRepository(self.session), attempt_id)
        if added:  # registered after the savepoint is released, so only the real commit wakes the scheduler
            self.wake_after_commit()

    def wake_after_commit(self) -> None:
        if not self.session.info.get("wakes_scheduler"):
            self.session.info["wakes_scheduler"] = True
            event.listen(self.session.sync_session, "after_commit", _wake)


def _wake(_session: object) -> None:
    outbox.wake()
