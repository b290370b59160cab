"""The owner's dashboard and its XLSX, and a member's own page — each behind its access check (a refusal)."""

from __future__ import annotations

import asyncio
from html import escape

from db.models import Team
from services.clock import as_utc
from services.teams.engine.dashboard import (
    Dashboard,
    MemberFact,
    assignment_lines,
    build_dashboard,
    member_view,
    render_dashboard,
    result_lines,
)
from services.teams.engine.export import dashboard_xlsx
from services.teams.engine.notifications import start_buttons
from services.teams.engine.status import open_exams
from services.teams.flow.context import TeamContext
from services.teams.views import ButtonSpec, DashboardView, ExportFile, MyTeamView
from services.texts import t


class TeamReports:
    def __init__(self, ctx: TeamContext) -> None:
        self.ctx = ctx
        self.teams = ctx.teams

    async def dashboard(self, owner_id: int, team_id: int) -> DashboardView:
        team = await self.ctx.owned(owner_id, team_id)
        board = await self._build(team)
        text = render_dashboard(board, self.ctx.bank, self.ctx.tz)
        return DashboardView(team.id, text, tuple(topic.topic_id for topic in board.weakest))

    async def weakest(self, owner_id: int, team_id: int) -> tuple[str, ...]:
        """The team's weakest topics (ids), for «assign the weakest topics»."""
        return (await self.dashboard(owner_id, team_id)).weakest

    async def check_owner(self, owner_id: int, team_id: int) -> None:
        """Refuse before any work (the chat shows «uploading» while the export is built)."""
        await self.ctx.owned(owner_id, team_id)

    async def export(self, owner_id: int, team_id: int) -> ExportFile:
        team = await self.ctx.owned(owner_id, team_id)
        board = await self._build(team)
        data = await asyncio.to_thread(dashboard_xlsx, board, self.ctx.bank, self.ctx.tz)
        stamp = self.ctx.now().astimezone(self.ctx.tz).strftime("%Y-%m-%d")
        return ExportFile(data, f"team-{team.id}-{stamp}.xlsx",
                          t("team-export-caption", team=escape(team.name, quote=False)))

    async def my_team(self, user_id: int, team_id: int) -> MyTeamView:
        """What a member sees about himself in a team: his assignments and results only."""
        team, membership = await self.ctx.joined(user_id, team_id)
        user = await self.teams.user(user_id)
        owner = await self.teams.user(team.owner_id)
        assert user is not None
        now = self.ctx.now()
        facts = [a for a in await self.ctx.assignment_facts(team.id) if user_id in a.user_ids]
        attempts = (await self.ctx.work_facts([user_id]))[user_id]
        answers = (await self.teams.answered_rows([user_id]))[user_id]
        taking = open_exams(await self.teams.open_attempts([user_id], "exam")).get(user_id)
        me = MemberFact(user_id, user.display_name, user.username, as_utc(membership.joined_at))
        row = member_view(me, facts, attempts, answers, self.ctx.bank, now, taking)
        lines = [t("team-my-header", team=escape(team.name, quote=False),
                   owner=escape(owner.display_name if owner else "", quote=False))]
        lines.extend(assignment_lines(row, self.ctx.bank, self.ctx.tz, limit=None) or [t("team-my-no-assignments")])
        lines += ["", t("team-my-results-header"), *result_lines(row, self.ctx.bank)]
        buttons: list[ButtonSpec] = []
        for item in row.assignments:
            if not item.status.complete:
                buttons.extend(b for b in start_buttons(item.assignment, item.status, self.ctx.bank)
                               if b not in buttons)
        return MyTeamView(team.id, "\n".join(lines), tuple(buttons))

    async def _build(self, team: Team) -> Dashboard:
        members = await self.teams.active_members(team.id)
        facts = [MemberFact(u.id, u.display_name, u.username, as_utc(m.joined_at)) for m, u in members]
        ids = [f.user_id for f in facts]
        return build_dashboard(team.id, team.name, facts, await self.ctx.assignment_facts(team.id),
                               await self.ctx.work_facts(ids),
                               await self.teams.answered_rows(ids), self.ctx.bank, self.ctx.now(),
                               open_exams(await self.teams.open_attempts(ids, "exam")))
