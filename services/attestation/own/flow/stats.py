"""Question statistics of a team: own questions and built-in ones, as the team's members answered them."""

from __future__ import annotations

import asyncio
import html

from db.models import Team
from services.attestation.own.engine.bank import OWN_MARK, is_own_topic, topic_id_of, topic_key
from services.attestation.own.engine.stats import AnswerRow, QuestionStat, question_stats
from services.attestation.own.engine.stats_render import render_stats, stats_xlsx
from services.attestation.own.flow.context import BankContext
from services.attestation.own.views import FileOut, StatsView
from services.texts import t


class BankStats:
    def __init__(self, ctx: BankContext) -> None:
        self.ctx = ctx
        self.repo = ctx.repo

    async def _stats(self, team: Team) -> tuple[list[QuestionStat], dict[str, str], int]:
        members = await self.repo.member_ids(team.id)
        own_titles = await self.repo.all_topic_titles(team.id)
        titles = {topic.id: topic.title for topic in self.ctx.builtin.topics}
        titles.update({topic_key(topic_id): f"{OWN_MARK}{title}" for topic_id, title in own_titles.items()})
        rows = [AnswerRow(r.attempt_id, r.question_id, r.topic_id, r.instance, r.response, r.correct)
                for r in await self.repo.answers(members)
                if not is_own_topic(r.topic_id) or topic_id_of(r.topic_id) in own_titles]
        stats = await asyncio.to_thread(question_stats, rows)
        return stats, titles, len(members)

    async def view(self, user_id: int, team_id: int) -> StatsView:
        team = await self.ctx.editable(user_id, team_id)
        stats, titles, members = await self._stats(team)
        return StatsView(team.id, render_stats(team.name, stats, titles, members))

    async def xlsx(self, user_id: int, team_id: int) -> FileOut:
        team = await self.ctx.editable(user_id, team_id)
        stats, titles, _ = await self._stats(team)
        data = await asyncio.to_thread(stats_xlsx, stats, titles)
        stamp = self.ctx.now().strftime("%Y-%m-%d")
        return FileOut(data, f"question-stats-{team.id}-{stamp}.xlsx",
                       t("bank-stats-caption", team=html.escape(team.name, quote=False)))
