"""The owner's side of the drill: invite the whole team, see who takes part and what the team remembers
(FSRS's predicted recall by topic, from every member's cards), assign the weakest topic; and the streak
leaderboard that members opt into (members and the owner see it)."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from db.models import Team
from services.attestation.drill.engine.recall import team_recall, weakest_topic
from services.attestation.drill.engine.render import recall_lines, topic_title
from services.attestation.drill.engine.status import DELIVERED, RunStatus
from services.attestation.drill.engine.streaks import DayFact, streak
from services.attestation.drill.flow.context import DrillContext, card_state
from services.attestation.drill.flow.invites import invite_notification
from services.attestation.drill.views import BoardView, TeamDrillView
from services.notice import Refusal
from services.teams.engine.describe import member_name
from services.teams.flow.context import TeamContext
from services.teams.flow.events import TeamEvents
from services.texts import t

WEEK = timedelta(days=7)


def _esc(text: str) -> str:
    return escape(text, quote=False)


class DrillTeam:
    def __init__(self, ctx: DrillContext, team_ctx: TeamContext, events: TeamEvents) -> None:
        self.ctx = ctx
        self.team_ctx = team_ctx
        self.events = events  # wakes the team scheduler once the invitations are committed

    async def view(self, owner_id: int, team_id: int, prefix: str = "") -> TeamDrillView:
        team = await self.team_ctx.owned(owner_id, team_id)
        members = await self.ctx.teams.active_members(team.id)
        if not members:
            return TeamDrillView(team.id, prefix + t("drill-team-empty", team=_esc(team.name)), None)
        ids = [user.id for _, user in members]
        settings = await self.ctx.drills.settings_of(ids)
        days = await self.ctx.drills.run_days(ids)
        since = self.ctx.today(None) - WEEK + timedelta(days=1)
        on = [uid for uid in ids if uid in settings and settings[uid].enabled]
        week = [status for uid in ids for day, status in days[uid] if day >= since and status in DELIVERED]
        lines = [t("drill-team-title", team=_esc(team.name)),
                 t("drill-team-participation", on=len(on), members=len(ids), done=week.count(RunStatus.DONE),
                   delivered=len(week)), ""]
        for _, user in members:
            name = _esc(member_name(user.display_name, user.username))
            if user.id in on:
                run_streak = streak(DayFact(day, status) for day, status in days[user.id])
                lines.append(t("drill-team-member-on", name=name, streak=run_streak))
            else:
                lines.append(t("drill-team-member-off", name=name))
        recalls = team_recall(((c.user_id, card_state(c)) for c in await self.ctx.drills.cards_of(ids)),
                              self.ctx.now())
        lines.append("")
        weakest = weakest_topic(recalls)
        if recalls:
            lines.append(t("drill-team-recall-title"))
            lines.extend(recall_lines(recalls, self.ctx.bank))
            if weakest is not None:
                lines += ["", t("drill-team-weakest", topic=_esc(topic_title(self.ctx.bank, weakest)))]
        else:
            lines.append(t("drill-team-recall-empty"))
        known = weakest if weakest is not None and self.ctx.bank.has_topic(weakest) else None
        return TeamDrillView(team.id, prefix + "\n".join(lines), known,
                             topic_title(self.ctx.bank, known) if known else "")

    async def invite(self, owner_id: int, team_id: int) -> TeamDrillView:
        """An invitation to every member whose drill is off (once a day each); the view, headed by the count."""
        team = await self.team_ctx.owned(owner_id, team_id)
        members = await self.ctx.teams.active_members(team.id)
        if not members:
            raise Refusal(t("drill-team-empty", team=_esc(team.name)))
        settings = await self.ctx.drills.settings_of([user.id for _, user in members])
        now = self.ctx.now()
        day = self.ctx.today(None).isoformat()
        invited = [invite_notification(team.id, user.id, now, day) for _, user in members
                   if not (user.id in settings and settings[user.id].enabled)]
        if not invited:
            return await self.view(owner_id, team.id, prefix=t("drill-team-all-in") + "\n\n")
        added = await self.team_ctx.notifications.enqueue(invited)
        if added:
            self.events.wake_after_commit()
        return await self.view(owner_id, team.id, prefix=t("drill-team-invited", count=len(invited)) + "\n\n")

    async def weakest(self, owner_id: int, team_id: int) -> tuple[str, ...]:
        """The topic the team remembers worst, for the assignment wizard (empty when nothing is known yet)."""
        view = await self.view(owner_id, team_id)
        return (view.weakest,) if view.weakest else ()

    async def board(self, user_id: int, team_id: int) -> BoardView:
        """Streaks of the members who opted in; for the owner and the team's members only."""
        team = await self._visible(user_id, team_id)
        members = await self.ctx.teams.active_members(team.id)
        settings = await self.ctx.drills.settings_of([user.id for _, user in members])
        shown = [user for _, user in members if user.id in settings and settings[user.id].leaderboard]
        days = await self.ctx.drills.run_days([user.id for user in shown])
        rows = sorted(((streak(DayFact(d, s) for d, s in days[user.id]), user.display_name) for user in shown),
                      key=lambda row: (-row[0], row[1]))
        lines = [t("drill-board-title", team=_esc(team.name))]
        lines += [t("drill-board-line", n=n, name=_esc(name), streak=value)
                  for n, (value, name) in enumerate(rows, start=1)]
        if not rows:
            lines.append(t("drill-board-empty"))
        return BoardView(team.id, "\n".join(lines), team.owner_id == user_id)

    async def _visible(self, user_id: int, team_id: int) -> Team:
        team = await self.ctx.teams.get_team(team_id) if team_id > 0 else None
        if team is not None and team.owner_id == user_id:
            return team
        team, _ = await self.team_ctx.joined(user_id, team_id)
        return team
