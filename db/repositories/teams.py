"""Persistence of teams, members, invites, assignments and the notifications the scheduler sends.

No rules here: who may do what is decided in services/teams; this module only reads and writes rows.
Every timestamp passed in is UTC (services.clock.Clock), so SQLite's zone-less storage compares correctly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Assignment,
    AssignmentTarget,
    Attempt,
    AttemptQuestion,
    ScheduledNotification,
    Team,
    TeamInvite,
    TeamMember,
    User,
)
from db.models.simulator import FINISHED as SIM_FINISHED
from db.models.simulator import SimRun
from db.repositories.users import users_changed
from db.upsert import insert_for

ACTIVE, REMOVED = "active", "removed"
PENDING, CLAIMED, SENDING = "pending", "claimed", "sending"


@dataclass(frozen=True)
class NewNotification:
    key: str
    kind: str
    team_id: int
    user_id: int
    due_at: datetime
    assignment_id: int | None = None
    payload: dict[str, Any] | None = None


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # ---- teams --------------------------------------------------------------------------------------
    async def create_team(self, owner_id: int, name: str) -> Team:
        team = Team(owner_id=owner_id, name=name)
        self.session.add(team)
        await self.session.flush()
        return team

    async def get_team(self, team_id: int) -> Team | None:
        return await self.session.get(Team, team_id, populate_existing=True)

    async def delete_team(self, team_id: int) -> None:
        # Members, invites, assignments and pending notifications go with it (ON DELETE CASCADE).
        await self.session.execute(delete(Team).where(Team.id == team_id))

    async def owned_teams(self, owner_id: int) -> list[tuple[Team, int]]:
        """(team, active member count), oldest team first."""
        members = (select(TeamMember.team_id, func.count().label("n")).where(TeamMember.status == ACTIVE)
                   .group_by(TeamMember.team_id).subquery())
        stmt = (select(Team, func.coalesce(members.c.n, 0)).outerjoin(members, members.c.team_id == Team.id)
                .where(Team.owner_id == owner_id).order_by(Team.id))
        return [(team, int(count)) for team, count in (await self.session.execute(stmt)).all()]

    async def joined_teams(self, user_id: int) -> list[tuple[Team, User]]:
        """Teams the user is an active member of, with their owners."""
        stmt = (select(Team, User).join(TeamMember, TeamMember.team_id == Team.id)
                .join(User, User.id == Team.owner_id)
                .where(TeamMember.user_id == user_id, TeamMember.status == ACTIVE).order_by(Team.id))
        return [(team, owner) for team, owner in (await self.session.execute(stmt)).all()]

    async def user(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def mark_blocked(self, user_id: int, now: datetime) -> None:
        """The user blocked the bot (403); writing to the bot again clears this (UserMiddleware)."""
        await self.session.execute(update(User).where(User.id == user_id).values(blocked_at=now))
        users_changed(user_id)

    # ---- invites ------------------------------------------------------------------------------------
    async def current_invite(self, team_id: int) -> TeamInvite | None:
        stmt = (select(TeamInvite).where(TeamInvite.team_id == team_id, TeamInvite.revoked_at.is_(None))
                .order_by(TeamInvite.id.desc()).limit(1))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def replace_invite(self, team_id: int, code: str, now: datetime) -> TeamInvite:
        """Revoke every live code of the team and issue `code` instead."""
        await self.session.execute(
            update(TeamInvite).where(TeamInvite.team_id == team_id, TeamInvite.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        invite = TeamInvite(team_id=team_id, code=code, created_at=now)
        self.session.add(invite)
        await self.session.flush()
        return invite

    async def replace_invite_if_live(self, team_id: int, invite_id: int, code: str,
                                     now: datetime) -> TeamInvite | None:
        """Like `replace_invite`, but only while invite `invite_id` is still live; None (and nothing changed)
        once it was revoked. The revoking UPDATE is the check, so of two taps at once only one replaces."""
        revoked = await self.session.execute(
            update(TeamInvite).where(TeamInvite.id == invite_id, TeamInvite.team_id == team_id,
                                     TeamInvite.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        if (revoked.rowcount or 0) != 1:
            return None
        return await self.replace_invite(team_id, code, now)

    async def invite_by_code(self, code: str) -> TeamInvite | None:
        stmt = select(TeamInvite).where(TeamInvite.code == code)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    # ---- members ------------------------------------------------------------------------------------
    async def membership(self, team_id: int, user_id: int) -> TeamMember | None:
        stmt = (select(TeamMember).where(TeamMember.team_id == team_id, TeamMember.user_id == user_id)
                .execution_options(populate_existing=True))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def add_member(self, team_id: int, user_id: int, now: datetime) -> bool:
        """True when the user became an active member now; False when he already was one."""
        stmt = insert_for(self.session, TeamMember.__table__).values(
            team_id=team_id, user_id=user_id, status=ACTIVE, joined_at=now
        ).on_conflict_do_nothing(index_elements=["team_id", "user_id"])
        inserted = await self.session.execute(stmt)
        if (inserted.rowcount or 0) == 1:
            return True
        back = await self.session.execute(
            update(TeamMember).where(TeamMember.team_id == team_id, TeamMember.user_id == user_id,
                                     TeamMember.status == REMOVED)
            .values(status=ACTIVE, joined_at=now, removed_at=None)
        )
        return (back.rowcount or 0) == 1

    async def remove_member(self, team_id: int, user_id: int, now: datetime) -> bool:
        result = await self.session.execute(
            update(TeamMember).where(TeamMember.team_id == team_id, TeamMember.user_id == user_id,
                                     TeamMember.status == ACTIVE)
            .values(status=REMOVED, removed_at=now)
        )
        return (result.rowcount or 0) == 1

    async def active_members(self, team_id: int) -> list[tuple[TeamMember, User]]:
        stmt = (select(TeamMember, User).join(User, User.id == TeamMember.user_id)
                .where(TeamMember.team_id == team_id, TeamMember.status == ACTIVE)
                .order_by(TeamMember.joined_at, TeamMember.id))
        return [(member, user) for member, user in (await self.session.execute(stmt)).all()]

    # ---- assignments --------------------------------------------------------------------------------
    async def create_assignment(self, team_id: int, kind: str, topics: Sequence[str], deadline: datetime,
                                now: datetime, user_ids: Iterable[int]) -> Assignment:
        assignment = Assignment(team_id=team_id, kind=kind, topics=list(topics), deadline=deadline, created_at=now)
        self.session.add(assignment)
        await self.session.flush()
        self.session.add_all(AssignmentTarget(assignment_id=assignment.id, user_id=uid) for uid in user_ids)
        await self.session.flush()
        return assignment

    async def assignment(self, assignment_id: int) -> Assignment | None:
        return await self.session.get(Assignment, assignment_id)

    async def assignments(self, team_id: int) -> list[Assignment]:
        stmt = select(Assignment).where(Assignment.team_id == team_id).order_by(Assignment.id)
        return list((await self.session.execute(stmt)).scalars())

    async def targets(self, assignment_ids: Sequence[int]) -> dict[int, list[int]]:
        """assignment id → user ids it is for."""
        found: dict[int, list[int]] = {aid: [] for aid in assignment_ids}
        if not assignment_ids:
            return found
        stmt = (select(AssignmentTarget.assignment_id, AssignmentTarget.user_id)
                .where(AssignmentTarget.assignment_id.in_(assignment_ids)).order_by(AssignmentTarget.id))
        for assignment_id, user_id in (await self.session.execute(stmt)).all():
            found[assignment_id].append(user_id)
        return found

    async def assignments_of(self, user_id: int, team_id: int | None = None,
                             kind: str | None = None) -> list[tuple[Assignment, Team]]:
        """Assignments given to the user in teams where he is still an active member."""
        stmt = (select(Assignment, Team).join(AssignmentTarget, AssignmentTarget.assignment_id == Assignment.id)
                .join(Team, Team.id == Assignment.team_id)
                .join(TeamMember, (TeamMember.team_id == Team.id) & (TeamMember.user_id == user_id))
                .where(AssignmentTarget.user_id == user_id, TeamMember.status == ACTIVE)
                .order_by(Assignment.id))
        if team_id is not None:
            stmt = stmt.where(Assignment.team_id == team_id)
        if kind is not None:
            stmt = stmt.where(Assignment.kind == kind)
        return [(assignment, team) for assignment, team in (await self.session.execute(stmt)).all()]

    # ---- what members did (read from the attestation tables) ----------------------------------------
    async def finished_attempts(self, user_ids: Sequence[int]) -> list[Attempt]:
        if not user_ids:
            return []
        stmt = (select(Attempt).where(Attempt.user_id.in_(user_ids), Attempt.status == "finished")
                .order_by(Attempt.finished_at, Attempt.id))
        return list((await self.session.execute(stmt)).scalars())

    async def finished_sim_runs(self, user_ids: Sequence[int]) -> list[SimRun]:
        """Finished dialogue simulator runs of these users, oldest first."""
        if not user_ids:
            return []
        stmt = (select(SimRun).where(SimRun.user_id.in_(user_ids), SimRun.status == SIM_FINISHED)
                .order_by(SimRun.finished_at, SimRun.id))
        return list((await self.session.execute(stmt)).scalars())

    async def open_attempts(self, user_ids: Sequence[int], kind: str) -> list[Attempt]:
        """Attempts of `kind` still open (neither finished nor abandoned: being taken, or paused), oldest first."""
        if not user_ids:
            return []
        stmt = (select(Attempt).where(Attempt.user_id.in_(user_ids), Attempt.kind == kind,
                                      Attempt.status.not_in(("finished", "abandoned")))
                .order_by(Attempt.id).execution_options(populate_existing=True))
        return list((await self.session.execute(stmt)).scalars())

    async def attempt(self, attempt_id: int) -> Attempt | None:
        return await self.session.get(Attempt, attempt_id, populate_existing=True)

    async def answered_rows(self, user_ids: Sequence[int]) -> dict[int, list[tuple[str, str, bool]]]:
        """user id → (topic_id, question_id, correct) of every answer in a finished attempt, oldest first.

        The answers of an attempt still being taken (or given up) are left out: the first five questions of an
        exam say little about a member's weak topics."""
        found: dict[int, list[tuple[str, str, bool]]] = {uid: [] for uid in user_ids}
        if not user_ids:
            return found
        stmt = (select(Attempt.user_id, AttemptQuestion.topic_id, AttemptQuestion.question_id,
                       AttemptQuestion.correct)
                .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
                .where(Attempt.user_id.in_(user_ids), Attempt.status == "finished",
                       AttemptQuestion.answered_at.is_not(None))
                .order_by(AttemptQuestion.answered_at, AttemptQuestion.id))
        for user_id, topic_id, question_id, correct in (await self.session.execute(stmt)).all():
            found[user_id].append((topic_id, question_id, bool(correct)))
        return found


class NotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(self, items: Sequence[NewNotification]) -> int:
        """Schedule messages; one whose key is already scheduled is left as it is. Returns how many are new."""
        added = 0
        for item in items:
            stmt = insert_for(self.session, ScheduledNotification.__table__).values(
                key=item.key, kind=item.kind, team_id=item.team_id, assignment_id=item.assignment_id,
                user_id=item.user_id, due_at=item.due_at, status="pending", tries=0, payload=item.payload,
            ).on_conflict_do_nothing(index_elements=["key"])
            added += (await self.session.execute(stmt)).rowcount or 0
        return added

    async def claim_batch(self, now: datetime, limit: int, owner: str, stale_before: datetime) -> list[int]:
        """Claim what is due (and claims whose lease ran out before `stale_before`) for `owner`, atomically.

        One statement: on PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so processes claiming at the
        same moment take disjoint batches without waiting for each other; SQLite has one writer at a time.
        """
        SN = ScheduledNotification
        claimable = or_(and_(SN.status == PENDING, SN.due_at <= now),
                        and_(SN.status == CLAIMED, SN.claimed_at < stale_before))
        picked = (select(SN.id).where(claimable).order_by(SN.due_at, SN.id).limit(limit)
                  .with_for_update(skip_locked=True))
        result = await self.session.execute(
            update(SN).where(SN.id.in_(picked.scalar_subquery()))
            .values(status=CLAIMED, claimed_at=now, claimed_by=owner, tries=SN.tries + 1)
            .returning(SN.id, SN.due_at)
            .execution_options(synchronize_session=False)
        )
        return [row_id for row_id, _ in sorted(result.all(), key=lambda row: (row[1], row[0]))]

    async def start_sending(self, notification_id: int, owner: str) -> bool:
        """claimed → sending, right before the Telegram call; False when the claim is no longer ours."""
        result = await self.session.execute(
            update(ScheduledNotification)
            .where(ScheduledNotification.id == notification_id, ScheduledNotification.status == CLAIMED,
                   ScheduledNotification.claimed_by == owner)
            .values(status=SENDING)
        )
        return (result.rowcount or 0) == 1

    async def finish(self, notification_id: int, status: str, now: datetime, error: str | None = None) -> None:
        values: dict[str, Any] = {"status": status, "last_error": error[:256] if error else None}
        if status == "sent":
            values["sent_at"] = now
        await self.session.execute(
            update(ScheduledNotification).where(ScheduledNotification.id == notification_id).values(**values)
        )

    async def retry_later(self, notification_id: int, due_at: datetime, error: str | None) -> None:
        await self.session.execute(
            update(ScheduledNotification).where(ScheduledNotification.id == notification_id)
            .values(status="pending", due_at=due_at, last_error=error[:256] if error else None)
        )

    async def release(self, notification_id: int) -> None:
        """Put back a claimed notification that was never handed to Telegram (shutdown came first)."""
        await self.session.execute(
            update(ScheduledNotification)
            .where(ScheduledNotification.id == notification_id,
                   ScheduledNotification.status.in_((CLAIMED, SENDING)))
            .values(status=PENDING, claimed_at=None, claimed_by=None, tries=ScheduledNotification.tries - 1)
        )

    async def get(self, notification_id: int) -> ScheduledNotification | None:
        return await self.session.get(ScheduledNotification, notification_id, populate_existing=True)

    async def for_team(self, team_id: int) -> list[ScheduledNotification]:
        stmt = (select(ScheduledNotification).where(ScheduledNotification.team_id == team_id)
                .order_by(ScheduledNotification.id))
        return list((await self.session.execute(stmt)).scalars())
