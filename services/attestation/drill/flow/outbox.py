"""The scheduler's side of the drill: plan each user's drill for the day, claim what is due, render it, record
how sending went — the same claim → «sending» → send discipline as the team notifications
(services/teams/flow/outbox.py), so several bot processes never send one drill twice.

Planning turns a user whose `next_at` has come into a pending drill for that local day (a unique key: one a
day, however many processes plan) and moves `next_at` to the next slot after now; after a long stop the latest
slot before now is planned too (today's drill may still be sendable). A drill is rendered when it is
claimed: if the bot was down past that day, or it is now inside the quiet hours (21:00–08:00 in the user's zone),
it is skipped rather than sent late; a user who blocked the bot is skipped and marked. Rendering also closes the
user's earlier drill if it is still open (missed), chooses the day's questions (engine.selection) and, on the
first drill of a week, writes the weekly note.
"""

from __future__ import annotations

import logging
import random
import secrets
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from db.models import DrillRun, DrillSettings
from db.repositories.drill import NewRun
from services.attestation.drill.engine.calendar import (
    in_quiet_hours,
    latest_slot,
    local_day,
    next_slot,
    week_start,
    zone_info,
)
from services.attestation.drill.engine.memory import retrievability
from services.attestation.drill.engine.render import week_note_text
from services.attestation.drill.engine.selection import Candidates, CardFact, choose
from services.attestation.drill.engine.status import RunStatus
from services.attestation.drill.engine.streaks import week_note
from services.attestation.drill.flow.answers import DrillAnswers
from services.attestation.drill.flow.context import DrillContext, card_state, shown_questions
from services.attestation.drill.views import Outgoing
from services.clock import as_utc

logger = logging.getLogger(__name__)
PLAN_LIMIT = 2000  # users planned per round
CLAIM_LIMIT = 300  # drills claimed per round: about 10 s of sending at 30 messages a second
CLAIM_LEASE = timedelta(minutes=10)
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15))


class DrillOutbox:
    def __init__(self, ctx: DrillContext) -> None:
        self.ctx = ctx
        self.drills = ctx.drills
        self.answers = DrillAnswers(ctx)
        self.plan_limit = PLAN_LIMIT
        self.claim_limit = CLAIM_LIMIT
        self.claimed = 0  # drills the last claim_due() took (a full batch means more are waiting)

    # ---- planning and claiming --------------------------------------------------------------------
    async def plan(self) -> int:
        """Pending drills for every user whose drill moment has come; returns how many users were looked at."""
        now = self.ctx.now()
        due = await self.drills.due_settings(now, self.plan_limit)
        runs, moves = [], []
        for settings in due:
            when = self.ctx.time_of(settings)
            slot = as_utc(settings.next_at) if settings.next_at else now
            runs.append(NewRun(settings.user_id, local_day(slot, when.tz), slot))
            # Back after a long stop: today's slot may have passed too (sent late the same day, or skipped).
            latest = latest_slot(now, when)
            if latest is not None and local_day(latest, when.tz) != local_day(slot, when.tz) and latest > slot:
                runs.append(NewRun(settings.user_id, local_day(latest, when.tz), latest))
            moves.append((settings.user_id, next_slot(max(slot, now), when)))
        await self.drills.add_runs(runs)
        await self.drills.set_next(moves)
        return len(due)

    async def claim_due(self, owner: str = "local", lease: timedelta = CLAIM_LEASE) -> list[Outgoing]:
        """Claim every due drill for `owner` (one bot process); return those to send (the rest are closed here).
        Call start_sending() for each right before sending it."""
        now = self.ctx.now()
        ready = []
        claimed = await self.drills.claim(now, self.claim_limit, owner, now - lease)
        self.claimed = len(claimed)
        for run_id in claimed:
            run = await self.drills.run(run_id)
            if run is None:
                continue
            try:
                rendered = await self._render(run, now)
            except Exception as exc:  # one broken row must not hold up everyone else's drill
                logger.exception("Drill %s could not be rendered", run_id)
                await self.drills.close(run_id, RunStatus.FAILED, repr(exc))
                continue
            if isinstance(rendered, Outgoing):
                ready.append(rendered)
            else:
                await self.drills.close(run_id, rendered)
        return ready

    async def _render(self, run: DrillRun, now: datetime) -> Outgoing | RunStatus:
        user = await self.ctx.teams.user(run.user_id)
        settings = await self.drills.settings(run.user_id)
        if user is None or settings is None or not settings.enabled:
            return RunStatus.SKIPPED
        if user.blocked_at is not None:
            return RunStatus.BLOCKED
        tz = zone_info(self.ctx.zone_of(settings))
        if local_day(now, tz) != run.day or in_quiet_hours(now, tz):
            return RunStatus.SKIPPED  # the bot was down past the day, or into the night
        await self.drills.miss_open_before(run.user_id, run.day)
        if not run.questions:
            chosen = await self._choose(run, settings, now)
            if not chosen:
                return RunStatus.SKIPPED
            note = await self._week_note(run, tz)
            await self.drills.set_run(run.id, {"questions": chosen, "seed": secrets.randbelow(2**31), "note": note,
                                               "position": 0, "answered": 0, "correct": 0, "draft": None})
            fresh = await self.drills.run(run.id)
            assert fresh is not None
            run = fresh
        return Outgoing(run.id, run.user_id, self.answers.question_view(run, 0))

    async def _choose(self, run: DrillRun, settings: DrillSettings, now: datetime) -> list[str]:
        tz = zone_info(self.ctx.zone_of(settings))
        cards = [card_state(row) for row in await self.drills.cards(run.user_id)]
        facts = [CardFact(c.question_id, c.topic_id, local_day(c.due, tz), retrievability(c, now)) for c in cards]
        yesterday = await self.drills.run_on(run.user_id, run.day - timedelta(days=1))
        tally = await self.drills.topic_tally(run.user_id)
        accuracy = {topic: right / total for topic, (right, total) in tally.items() if total}
        candidates = Candidates(run.day, settings.per_day, facts,
                                frozenset(shown_questions(yesterday) if yesterday else ()), accuracy,
                                await self._assigned_topics(run.user_id, now))
        picks = choose(self.ctx.bank, candidates, random.Random(secrets.randbits(64)))
        return [pick.question_id for pick in picks]

    async def _assigned_topics(self, user_id: int, now: datetime) -> list[str]:
        topics: list[str] = []
        for assignment, _ in await self.ctx.teams.assignments_of(user_id, kind="topics"):
            if as_utc(assignment.deadline) > now:
                topics += [topic for topic in assignment.topics or () if topic not in topics]
        return topics

    async def _week_note(self, run: DrillRun, tz: ZoneInfo) -> str | None:
        """On the first drill of a week: how the previous week went."""
        start = week_start(run.day)
        if await self.drills.delivered_in(run.user_id, start, run.day):
            return None
        answers = await self.drills.reviews_between(run.user_id, _midnight(start - timedelta(days=7), tz),
                                                    _midnight(start, tz))
        note = week_note(answers)
        return week_note_text(note, self.ctx.bank) if note else None

    # ---- sending and its outcome ------------------------------------------------------------------
    async def start_sending(self, run_id: int, owner: str) -> bool:
        """Commit this before the Telegram call. False: the lease ran out and another process took the drill."""
        return await self.drills.start_sending(run_id, owner)

    async def sent(self, run_id: int, message_id: int | None) -> None:
        await self.drills.delivered(run_id, self.ctx.now(), message_id)

    async def blocked(self, run_id: int, user_id: int) -> None:
        """403: the user blocked the bot. Mark him so later messages skip him (as the team scheduler does)."""
        await self.drills.close(run_id, RunStatus.BLOCKED, "403")
        await self.ctx.teams.mark_blocked(user_id, self.ctx.now())

    async def failed(self, run_id: int, error: str) -> None:
        await self.drills.close(run_id, RunStatus.FAILED, error)

    async def retry(self, run_id: int, error: str) -> None:
        """A transient failure: try again a little later (still only the same day, outside the quiet hours)."""
        run = await self.drills.run(run_id)
        if run is None:
            return
        if run.tries > len(RETRY_DELAYS):
            await self.failed(run_id, error)
            return
        delay = RETRY_DELAYS[max(run.tries, 1) - 1]
        await self.drills.retry_later(run_id, self.ctx.now() + delay, error)

    async def release(self, run_id: int) -> None:
        await self.drills.release(run_id)


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)
