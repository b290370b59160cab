"""The team's exam settings, set by the owner: size, pass mark, by weight or by count, the sources (the built-in
programme and each own topic) and the exam's name (the certificate names it). «Стандартный экзамен» drops the
settings: the members take the standard exam again."""

from __future__ import annotations

import html
from dataclasses import replace

from db.models import Team
from db.repositories.own_questions import ACTIVE
from services.attestation.engine.exam import EXAM_SIZE, pass_percent
from services.attestation.own.engine.bank import topic_key
from services.attestation.own.engine.exam_plan import (
    BUILTIN,
    COUNT,
    COUNTS,
    PASS_MARKS,
    SIZES,
    TITLE_MAX,
    WEIGHT,
    WEIGHTS,
    ExamSettings,
    next_in,
)
from services.attestation.own.engine.model import one_line
from services.attestation.own.flow.context import BankContext
from services.attestation.own.views import ExamView, Item
from services.notice import Refusal
from services.texts import t

SOURCES_SHOWN = 30  # own topics listed as buttons (a keyboard holds 100 buttons at most)
MODE_KEYS = {WEIGHT: "bank-exam-mode-weight", COUNT: "bank-exam-mode-count"}


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


class ExamSettingsService:
    def __init__(self, ctx: BankContext) -> None:
        self.ctx = ctx
        self.repo = ctx.repo

    async def _settings(self, team: Team) -> ExamSettings | None:
        bank = await self.repo.bank(team.id)
        return ExamSettings.from_json(bank.exam if bank else None)

    async def view(self, user_id: int, team_id: int, prefix: str = "") -> ExamView:
        team = await self.ctx.owned(user_id, team_id)
        return await self._view(team, await self._settings(team), prefix)

    async def _view(self, team: Team, settings: ExamSettings | None, prefix: str = "") -> ExamView:
        shown = settings or ExamSettings()
        counts: dict[int, int] = {}
        for row in await self.repo.team_questions(team.id):
            if row.question.status == ACTIVE:
                counts[row.question.topic_id] = counts.get(row.question.topic_id, 0) + 1
        topics = [topic for topic in await self.repo.topics(team.id) if topic.status == ACTIVE and counts.get(topic.id)]
        sources = [Item(shown.value(BUILTIN), t("bank-exam-builtin"), BUILTIN)]
        sources += [Item(shown.value(topic_key(topic.id)), topic.title, topic_key(topic.id))
                    for topic in topics[:SOURCES_SHOWN]]
        lines = [t("bank-exam-title", team=_esc(team.name))]
        if settings is None:
            lines.append(t("bank-exam-standard", exam_size=EXAM_SIZE, pass_mark=pass_percent()))
        else:
            size = sum(min(shown.value(s.key), self._available(s.key, counts)) for s in sources) \
                if shown.mode == COUNT else shown.size
            lines.append(t("bank-exam-custom", title=_esc(settings.title) or "—", size=size,
                           pass_mark=settings.pass_mark, mode=t(MODE_KEYS[shown.mode])))
        lines += ["", t("bank-exam-sources", mode=shown.mode)]
        for source in sources:
            available = self._available(source.key, counts)
            lines.append(t("bank-exam-source", title=_esc(source.label), value=source.id, mode=shown.mode,
                           available=available))
        if len(topics) > SOURCES_SHOWN:
            lines.append(t("bank-exam-more-topics", count=len(topics) - SOURCES_SHOWN))
        lines += ["", t("bank-exam-hint", mode=shown.mode)]
        return ExamView(team.id, prefix + "\n".join(lines), shown.size, shown.pass_mark, shown.mode,
                        tuple(sources), settings is not None)

    def _available(self, key: str, counts: dict[int, int]) -> int:
        if key == BUILTIN:
            return len(self.ctx.builtin.question_ids)
        return counts.get(int(key[2:]), 0)

    async def _change(self, user_id: int, team_id: int, how: str, value: str = "") -> ExamView:
        team = await self.ctx.owned(user_id, team_id)
        settings = await self._settings(team) or ExamSettings()
        if how == "size":
            settings = replace(settings, size=next_in(SIZES, settings.size))
        elif how == "pass":
            settings = replace(settings, pass_mark=next_in(PASS_MARKS, settings.pass_mark))
        elif how == "mode":
            settings = replace(settings, mode=COUNT if settings.mode == WEIGHT else WEIGHT)
        elif how == "source":
            if value != BUILTIN and not await self._own_source(team, value):
                raise Refusal(t("bank-topic-gone"))
            steps = COUNTS if settings.mode == COUNT else WEIGHTS
            settings = settings.with_value(value, next_in(steps, settings.value(value)))
        await self.repo.set_exam(team.id, settings.to_json(), self.ctx.now())
        return await self._view(team, settings)

    async def _own_source(self, team: Team, key: str) -> bool:
        return any(topic_key(topic.id) == key and topic.status == ACTIVE for topic in await self.repo.topics(team.id))

    async def cycle_size(self, user_id: int, team_id: int) -> ExamView:
        return await self._change(user_id, team_id, "size")

    async def cycle_pass_mark(self, user_id: int, team_id: int) -> ExamView:
        return await self._change(user_id, team_id, "pass")

    async def toggle_mode(self, user_id: int, team_id: int) -> ExamView:
        return await self._change(user_id, team_id, "mode")

    async def cycle_source(self, user_id: int, team_id: int, key: str) -> ExamView:
        return await self._change(user_id, team_id, "source", key)

    async def reset(self, user_id: int, team_id: int) -> ExamView:
        team = await self.ctx.owned(user_id, team_id)
        await self.repo.set_exam(team.id, None, self.ctx.now())
        return await self._view(team, None, prefix=t("bank-exam-reset-done") + "\n\n")

    async def ask_title(self, user_id: int, team_id: int) -> str:
        await self.ctx.owned(user_id, team_id)
        return t("bank-exam-ask-title", limit=TITLE_MAX)

    async def set_title(self, user_id: int, team_id: int, text: str) -> ExamView:
        team = await self.ctx.owned(user_id, team_id)
        title = one_line(text)
        if not title or len(title) > TITLE_MAX:
            raise Refusal(t("bank-exam-bad-title", limit=TITLE_MAX))
        settings = replace(await self._settings(team) or ExamSettings(), title=title)
        await self.repo.set_exam(team.id, settings.to_json(), self.ctx.now())
        return await self._view(team, settings, prefix=t("bank-exam-title-saved") + "\n\n")
