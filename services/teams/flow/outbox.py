"""The scheduler's side of the database: claim what is due, render it, record how sending went.

Claim, then mark, then send. A round claims what is due for one bot process (a lease: several processes may
share the database, and each row goes to one of them); right before handing a message to Telegram the
scheduler switches it to «sending» and commits, so nothing is ever sent twice (a crash in the instant between
the two loses that one message instead — a missed reminder is better than a duplicated one). Claimed rows a
dead process never got to are taken over by another process once the lease runs out. Not yet due ones simply
wait in the table.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from db.models import ScheduledNotification, Team
from db.repositories.teams import ACTIVE, NotificationRepository, TeamRepository
from services.attestation.drill.flow.invites import DRILL_INVITE, drill_invite
from services.clock import as_utc
from services.teams.engine.notifications import (
    RESULT,
    SUMMARY,
    member_message,
    result_message,
    result_notification,
    summary_message,
)
from services.teams.engine.status import AssignmentFact, attempt_facts, target_status
from services.teams.flow.context import TeamContext, fact_of
from services.teams.views import Outgoing

logger = logging.getLogger(__name__)
SKIPPED, BLOCKED, SENT, FAILED = "skipped", "blocked", "sent", "failed"
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1),
                timedelta(hours=3))
CLAIM_LIMIT = 200
# Longer than any round takes to send its batch (≤ 30 messages a second overall, ≤ 1 a second per chat).
CLAIM_LEASE = timedelta(minutes=10)

# Wake-up signal: a commit that scheduled something calls wake() (TeamEvents.wake_after_commit); the running
# scheduler listens.
_listeners: set[Callable[[], None]] = set()


def subscribe(listener: Callable[[], None]) -> None:
    _listeners.add(listener)


def unsubscribe(listener: Callable[[], None]) -> None:
    _listeners.discard(listener)


def wake() -> None:
    """Ask the scheduler to look at the table now instead of at its next tick (no-op without one)."""
    for listener in list(_listeners):
        listener()


class TeamOutbox:
    def __init__(self, ctx: TeamContext) -> None:
        self.ctx = ctx
        self.teams = ctx.teams
        self.notifications = ctx.notifications

    # ---- claiming --------------------------------------------------------------------------------
    async def claim_due(self, owner: str = "local", limit: int = CLAIM_LIMIT,
                        lease: timedelta = CLAIM_LEASE) -> list[Outgoing]:
        """Claim every due notification for `owner` (one bot process); return those still worth sending
        (the rest are closed here). Call start_sending() for each right before sending it."""
        now = self.ctx.now()
        ready = []
        for notification_id in await self.notifications.claim_batch(now, limit, owner, now - lease):
            row = await self.notifications.get(notification_id)
            if row is None:
                continue
            try:
                rendered = await self._render(row, now)
            except Exception as exc:  # one broken row must not hold up everyone else's messages
                logger.exception("Notification %s could not be rendered", row.id)
                await self.notifications.finish(row.id, FAILED, now, repr(exc))
                continue
            if isinstance(rendered, Outgoing):
                ready.append(rendered)
            else:
                await self.notifications.finish(row.id, rendered, now)
        return ready

    async def _render(self, row: ScheduledNotification, now: datetime) -> Outgoing | str:
        if row.kind == DRILL_INVITE:  # the daily drill's invitation, rendered by its feature
            found = await drill_invite(self.teams, row.team_id, row.user_id, self.ctx.tz, now)
            return found if isinstance(found, str) else Outgoing(row.id, row.user_id, *found)
        team = await self.teams.get_team(row.team_id)
        recipient = await self.teams.user(row.user_id)
        assignment = await self.teams.assignment(row.assignment_id) if row.assignment_id else None
        if team is None or recipient is None or assignment is None:
            return SKIPPED
        await self.ctx.use_team_bank(team.id)  # an assignment may name the team's own topics
        if recipient.blocked_at is not None:
            return BLOCKED
        fact = fact_of(assignment, (await self.teams.targets([assignment.id]))[assignment.id])
        if row.kind == SUMMARY:
            return await self._summary(row, team, fact, now)
        if row.kind == RESULT:
            return await self._result(row, team, fact)
        member = await self.teams.membership(team.id, row.user_id)
        if member is None or member.status != ACTIVE or row.user_id not in fact.user_ids:
            return SKIPPED
        status = target_status(fact, (await self.ctx.work_facts([row.user_id]))[row.user_id], now)
        owner = await self.teams.user(team.owner_id)
        message = member_message(row.kind, fact, team.name, owner.display_name if owner else "", status,
                                 self.ctx.bank, self.ctx.tz, now)
        if message is None:
            return SKIPPED
        return Outgoing(row.id, row.user_id, *message)

    async def _summary(self, row: ScheduledNotification, team: Team, fact: AssignmentFact,
                       now: datetime) -> Outgoing | str:
        if team.owner_id != row.user_id:
            return SKIPPED
        members = {user.id: user for _, user in await self.teams.active_members(team.id)}
        targets = [uid for uid in fact.user_ids if uid in members]
        if not targets:
            return SKIPPED
        work = await self.ctx.work_facts(targets)
        rows = [(members[uid].display_name, target_status(fact, work[uid], now)) for uid in targets]
        return Outgoing(row.id, row.user_id, *summary_message(fact, team.name, rows, self.ctx.bank, self.ctx.tz))

    async def _result(self, row: ScheduledNotification, team: Team, fact: AssignmentFact) -> Outgoing | str:
        attempt_id = (row.payload or {}).get("attempt_id")
        attempt = await self.teams.attempt(int(attempt_id)) if isinstance(attempt_id, int) else None
        if attempt is None or team.owner_id != row.user_id:
            return SKIPPED
        member = await self.teams.membership(team.id, attempt.user_id)
        user = await self.teams.user(attempt.user_id)
        if member is None or member.status != ACTIVE or user is None:
            return SKIPPED
        text, buttons = result_message(fact, team.name, user.display_name, int(attempt.percent or 0),
                                       bool(attempt.passed), self.ctx.tz)
        return Outgoing(row.id, row.user_id, text, buttons)

    async def start_sending(self, notification_id: int, owner: str) -> bool:
        """Commit this before the Telegram call. False: the lease ran out and another process took the row."""
        return await self.notifications.start_sending(notification_id, owner)

    # ---- outcomes --------------------------------------------------------------------------------
    async def sent(self, notification_id: int) -> None:
        await self.notifications.finish(notification_id, SENT, self.ctx.now())

    async def blocked(self, notification_id: int, user_id: int) -> None:
        """403: the user blocked the bot (or never started it). Mark him so later messages skip him."""
        now = self.ctx.now()
        await self.notifications.finish(notification_id, BLOCKED, now, "403")
        await self.teams.mark_blocked(user_id, now)

    async def failed(self, notification_id: int, error: str) -> None:
        await self.notifications.finish(notification_id, FAILED, self.ctx.now(), error)

    async def retry(self, notification_id: int, error: str) -> None:
        """A transient failure: try again later, backing off; give up after the last delay."""
        row = await self.notifications.get(notification_id)
        if row is None:
            return
        if row.tries > len(RETRY_DELAYS):
            await self.failed(notification_id, error)
            return
        delay = RETRY_DELAYS[max(row.tries, 1) - 1]
        await self.notifications.retry_later(notification_id, self.ctx.now() + delay, error)

    async def release(self, notification_id: int) -> None:
        await self.notifications.release(notification_id)


async def schedule_exam_result(teams: TeamRepository, notifications: NotificationRepository, attempt_id: int) -> int:
    """Schedule «passed / failed» to the owners whose open exam assignment this finished attempt answers.

    Due the moment the exam finished. Idempotent (one notification per assignment and attempt), so showing
    the same result again schedules nothing new. Returns how many notifications were added.
    """
    attempt = await teams.attempt(attempt_id)
    if attempt is None or attempt.kind != "exam" or attempt.status != "finished" or attempt.finished_at is None:
        return 0
    finished = as_utc(attempt.finished_at)
    earlier = attempt_facts(a for a in await teams.finished_attempts([attempt.user_id])
                            if a.finished_at is not None and (as_utc(a.finished_at), a.id) < (finished, attempt.id))
    items = []
    for assignment, team in await teams.assignments_of(attempt.user_id, kind="exam"):
        fact = fact_of(assignment, [attempt.user_id])
        if finished < fact.created_at or target_status(fact, earlier, finished).complete:
            continue  # given after this attempt, or already done: later attempts are his own business
        items.append(result_notification(fact, team.owner_id, attempt.id, finished))
    return await notifications.enqueue(items)
