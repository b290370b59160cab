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
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from db.models import DrillRun, DrillSettings
from db.repositories.drill import NewRun
from services.attestation.drill.engine.calendar import (
    in_quiet_hours,
    latest_slot,
    local_day,
    next_slot,
    zone_info,
)
from services.attestation.drill.engine.memory import retrievability
from services.attestation.drill.engine.render import week_note_text
from services.attestation.drill.engine.selection import Candidates, CardFact, choose
from services.attestation.drill.engine.status import RunStatus
from services.attestation.drill.engine.streaks import week_note
from services.attestation.drill.flow.answers import DrillAnswers
from services.attestation.drill.flow.batch import BatchFacts, load_batch
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
        claimed = await self.drills.claim(now, self.claim_limit, owner, now - lease)
        self.claimed = len(claimed)
        runs = await self.drills.runs_by_id(claimed)
        facts = await load_batch(self.drills, runs, now)
        ready: list[Outgoing] = []
        for run in runs:
            try:
                rendered = self._render(run, facts, now)
            except Exception as exc:  # one broken row must not hold up everyone else's drill
                logger.exception("Drill %s could not be rendered", run.id)
                await self.drills.close(run.id, RunStatus.FAILED, repr(exc))
                continue
            if isinstance(rendered, Outgoing):
                ready.append(rendered)
            else:
                await self.drills.close(run.id, rendered)
        # Unfinished drills of earlier days are missed now that the next one goes out.
        await self.drills.miss_open([item.user_id for item in ready])
        return ready

    def _render(self, run: DrillRun, facts: BatchFacts, now: datetime) -> Outgoing | RunStatus:
        user = facts.users.get(run.user_id)
        settings = facts.settings.get(run.user_id)
        if user is None or settings is None or not settings.enabled:
            return RunStatus.SKIPPED
        if user.blocked_at is not None:
            return RunStatus.BLOCKED
        tz = zone_info(self.ctx.zone_of(settings))
        if local_day(now, tz) != run.day or in_quiet_hours(now, tz):
            return RunStatus.SKIPPED  # the bot was down past the day, or into the night
        if not run.questions:  # (a drill retried after a failed send keeps its questions)
            chosen = self._choose(run, settings, facts, tz, now)
            if not chosen:
                return RunStatus.SKIPPED
            note = week_note(facts.last_week(run, tz)) if facts.first_of_week(run) else None
            # Set on the loaded row: the session writes them all at the commit that ends the claim.
            run.questions = chosen
            run.seed = secrets.randbelow(2**31)
            run.note = week_note_text(note, self.ctx.bank) if note else None
            run.position = run.answered = run.correct = 0
            run.draft = None
        return Outgoing(run.id, run.user_id, self.answers.question_view(run, 0))

    def _choose(self, run: DrillRun, settings: DrillSettings, facts: BatchFacts, tz: ZoneInfo,
                now: datetime) -> list[str]:
        cards = [card_state(row) for row in facts.cards.get(run.user_id, ())]
        cards_now = [CardFact(c.question_id, c.topic_id, local_day(c.due, tz), retrievability(c, now)) for c in cards]
        yesterday = facts.yesterday(run)
        tally = facts.tallies.get(run.user_id, {})
        accuracy = {topic: right / total for topic, (right, total) in tally.items() if total}
        candidates = Candidates(run.day, settings.per_day, cards_now,
                                frozenset(shown_questions(yesterday) if yesterday else ()), accuracy,
                                facts.assigned.get(run.user_id, []))
        picks = choose(self.ctx.bank, candidates, random.Random(secrets.randbits(64)))
        return [pick.question_id for pick in picks]

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

