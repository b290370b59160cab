"""Persistence of interviews, their answers and candidate links.

Every answer, rating, note and tag is written when given; writes are upserts on (interview_id, item_id) and
moves between steps are conditional on the expected position, so a double tap or a re-delivered update
changes nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CandidateLink, Interview, InterviewAnswer
from db.upsert import insert_for

# Columns of an answer that a flow may set; anything else is a programming error.
ANSWER_FIELDS = frozenset({"text", "voice_file_id", "voice_seconds", "rating", "note", "tags", "red_flags",
                           "skipped"})


class InterviewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, owner_id: int, script: str, mode: str, subject: str, status: str) -> Interview:
        interview = Interview(owner_id=owner_id, script=script, mode=mode, subject=subject, status=status,
                              current_index=0)
        self.session.add(interview)
        await self.session.flush()
        return interview

    async def get(self, interview_id: int) -> Interview | None:
        return await self.session.get(Interview, interview_id, populate_existing=True)

    async def for_owner(self, owner_id: int, *, script: str | None = None,
                        statuses: Sequence[str] | None = None, limit: int | None = None) -> list[Interview]:
        stmt = select(Interview).where(Interview.owner_id == owner_id)
        if script is not None:
            stmt = stmt.where(Interview.script == script)
        if statuses:
            stmt = stmt.where(Interview.status.in_(statuses))
        stmt = stmt.order_by(Interview.id.desc()).execution_options(populate_existing=True)
        if limit is not None:
            stmt = stmt.limit(limit)
        return list((await self.session.execute(stmt)).scalars())

    async def update(self, interview_id: int, **values: Any) -> None:
        await self.session.execute(update(Interview).where(Interview.id == interview_id).values(**values))

    async def move(self, interview_id: int, from_index: int, to_index: int, *, status: str) -> bool:
        """Change the current step only from the expected one, so a re-delivered tap moves once."""
        result = await self.session.execute(
            update(Interview)
            .where(Interview.id == interview_id, Interview.current_index == from_index,
                   Interview.status == status)
            .values(current_index=to_index)
        )
        return (result.rowcount or 0) == 1

    async def change_status(self, interview_id: int, from_statuses: Sequence[str], to_status: str,
                            **values: Any) -> bool:
        """Conditional status change; False when another update got there first."""
        result = await self.session.execute(
            update(Interview)
            .where(Interview.id == interview_id, Interview.status.in_(from_statuses))
            .values(status=to_status, **values)
        )
        return (result.rowcount or 0) == 1

    async def pause_open(self, owner_id: int, statuses: Sequence[str], moment: datetime) -> list[Interview]:
        """Pause the owner's interviews in progress (in one of `statuses`, a card shown, not paused yet); returns
        the ones paused now, newest first."""
        stmt = (select(Interview)
                .where(Interview.owner_id == owner_id, Interview.status.in_(statuses),
                       Interview.paused_at.is_(None), Interview.message_id.is_not(None))
                .order_by(Interview.id.desc()).execution_options(populate_existing=True))
        found = list((await self.session.execute(stmt)).scalars())
        if found:
            await self.session.execute(update(Interview).where(Interview.id.in_([i.id for i in found]))
                                       .values(paused_at=moment))
        return found

    async def latest_of_respondent(self, respondent_id: int, status: str) -> Interview | None:
        """The newest remote interview of this candidate in `status` (the one he is answering now)."""
        stmt = (select(Interview).where(Interview.respondent_id == respondent_id, Interview.status == status)
                .order_by(Interview.id.desc()).limit(1).execution_options(populate_existing=True))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    # ---- answers ----------------------------------------------------------------------------------

    async def answers(self, interview_id: int) -> dict[str, InterviewAnswer]:
        stmt = (select(InterviewAnswer).where(InterviewAnswer.interview_id == interview_id)
                .order_by(InterviewAnswer.id).execution_options(populate_existing=True))
        return {row.item_id: row for row in (await self.session.execute(stmt)).scalars()}

    async def answers_of(self, interview_ids: Sequence[int]) -> dict[int, dict[str, InterviewAnswer]]:
        result: dict[int, dict[str, InterviewAnswer]] = {interview_id: {} for interview_id in interview_ids}
        if not interview_ids:
            return result
        stmt = (select(InterviewAnswer).where(InterviewAnswer.interview_id.in_(interview_ids))
                .order_by(InterviewAnswer.id).execution_options(populate_existing=True))
        for row in (await self.session.execute(stmt)).scalars():
            result[row.interview_id][row.item_id] = row
        return result

    async def answer(self, interview_id: int, item_id: str) -> InterviewAnswer | None:
        stmt = (select(InterviewAnswer)
                .where(InterviewAnswer.interview_id == interview_id, InterviewAnswer.item_id == item_id)
                .execution_options(populate_existing=True))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def save_answer(self, interview_id: int, item_id: str, **values: Any) -> None:
        """Insert the answer row or update only the given columns of the existing one."""
        if not values or not set(values) <= ANSWER_FIELDS:
            raise ValueError(f"unexpected answer fields: {sorted(set(values) - ANSWER_FIELDS)}")
        table = InterviewAnswer.__table__
        stmt = insert_for(self.session, table).values(interview_id=interview_id, item_id=item_id, **values)
        stmt = stmt.on_conflict_do_update(index_elements=[table.c.interview_id, table.c.item_id], set_=values)
        await self.session.execute(stmt)


class CandidateLinkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, interview_id: int, token_hash: str, created_at: datetime,
                     expires_at: datetime) -> CandidateLink:
        link = CandidateLink(interview_id=interview_id, token_hash=token_hash, created_at=created_at,
                             expires_at=expires_at)
        self.session.add(link)
        await self.session.flush()
        return link

    async def by_hash(self, token_hash: str) -> CandidateLink | None:
        stmt = (select(CandidateLink).where(CandidateLink.token_hash == token_hash)
                .execution_options(populate_existing=True))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def latest_for(self, interview_id: int) -> CandidateLink | None:
        stmt = (select(CandidateLink).where(CandidateLink.interview_id == interview_id)
                .order_by(CandidateLink.id.desc()).limit(1).execution_options(populate_existing=True))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def mark_used(self, link_id: int, user_id: int, moment: datetime) -> bool:
        """Single use: only the first opener of a live link gets it."""
        result = await self.session.execute(
            update(CandidateLink)
            .where(CandidateLink.id == link_id, CandidateLink.used_at.is_(None),
                   CandidateLink.revoked_at.is_(None))
            .values(used_at=moment, used_by=user_id)
        )
        return (result.rowcount or 0) == 1

    async def revoke_all(self, interview_id: int, moment: datetime) -> int:
        result = await self.session.execute(
            update(CandidateLink)
            .where(CandidateLink.interview_id == interview_id, CandidateLink.revoked_at.is_(None))
            .values(revoked_at=moment)
        )
        return result.rowcount or 0
