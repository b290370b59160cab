"""What every team service works with (repositories, the question bank, the clock, the time zone), and the
access checks: every action re-reads ownership or membership from the database, whatever the button says, and
raises `Refusal` («нет доступа») when the user may not — so no caller has a branch for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Assignment, Team, TeamMember
from db.repositories.teams import ACTIVE, NotificationRepository, TeamRepository
from services.attestation.engine.content import QuestionBank, load_bank
from services.attestation.own.build import own_content
from services.clock import Clock, as_utc
from services.notice import Refusal
from services.teams.engine.status import AssignmentFact, AttemptFact, attempt_facts, sim_facts
from services.texts import t


class TeamBanks(Protocol):
    """A team's own topics (services/attestation/own/flow/banks.py: OwnContent)."""

    async def bank_for_team(self, team_id: int) -> QuestionBank: ...


@dataclass
class TeamContext:
    teams: TeamRepository
    notifications: NotificationRepository
    bank: QuestionBank  # the built-in topics, and the team's own ones once `use_team_bank` ran
    clock: Clock
    tz: ZoneInfo
    own: TeamBanks | None = None

    @classmethod
    def for_session(cls, session: AsyncSession, clock: Clock, tz: ZoneInfo,
                    bank: QuestionBank | None = None) -> TeamContext:
        bank = bank or load_bank()
        return cls(TeamRepository(session), NotificationRepository(session), bank, clock, tz,
                   own_content(session, bank))

    def now(self) -> datetime:
        return self.clock.now()

    async def use_team_bank(self, team_id: int) -> None:
        """The bank this team's screens and messages name topics from: the built-in and its own topics."""
        if self.own is not None:
            self.bank = await self.own.bank_for_team(team_id)

    async def owned(self, user_id: int, team_id: int) -> Team:
        """The team if this user owns it; a refusal otherwise (also for a deleted or made-up id)."""
        team = await self.teams.get_team(team_id) if team_id > 0 else None
        if team is None or team.owner_id != user_id:
            raise Refusal(t("team-no-access-owner"))
        await self.use_team_bank(team.id)
        return team

    async def joined(self, user_id: int, team_id: int) -> tuple[Team, TeamMember]:
        """The team and the membership if this user is an active member of it; a refusal otherwise."""
        team = await self.teams.get_team(team_id) if team_id > 0 else None
        member = await self.teams.membership(team_id, user_id) if team is not None else None
        if team is None or member is None or member.status != ACTIVE:
            raise Refusal(t("team-no-access-member"))
        await self.use_team_bank(team.id)
        return team, member

    async def work_facts(self, user_ids: Sequence[int]) -> dict[int, list[AttemptFact]]:
        """user id → his finished work: attempts and dialogue simulator runs (what assignment statuses read)."""
        found: dict[int, list[AttemptFact]] = {uid: [] for uid in user_ids}
        attempts = await self.teams.finished_attempts(list(user_ids))
        runs = await self.teams.finished_sim_runs(list(user_ids))
        for uid in found:
            found[uid] = (attempt_facts(a for a in attempts if a.user_id == uid)
                          + sim_facts(r for r in runs if r.user_id == uid))
        return found

    async def assignment_facts(self, team_id: int) -> list[AssignmentFact]:
        assignments = await self.teams.assignments(team_id)
        targets = await self.teams.targets([a.id for a in assignments])
        return [fact_of(a, targets.get(a.id, ())) for a in assignments]


def fact_of(assignment: Assignment, user_ids: tuple[int, ...] | list[int]) -> AssignmentFact:
    return AssignmentFact(assignment.id, assignment.team_id, assignment.kind, tuple(assignment.topics or ()),
                          as_utc(assignment.deadline), as_utc(assignment.created_at), tuple(user_ids))
