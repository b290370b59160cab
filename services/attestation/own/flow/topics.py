"""The team's bank on the screen: the teams one may edit, the bank's home, a topic with its card and questions, a
question's page; hiding, showing and deleting; the editors; an own topic's card for a member.

Deleting is a mark, not a row removed: attempts, reviews and statistics keep naming what was shown.
"""

from __future__ import annotations

import html
import math

from db.models import OwnTopic, Team
from db.repositories.own_questions import ACTIVE, DELETED, HIDDEN, QuestionRow
from services.attestation.own.engine.bank import OWN_MARK, topic_id_of, topic_key
from services.attestation.own.engine.exam_plan import ExamSettings
from services.attestation.own.engine.model import QuestionBody
from services.attestation.own.engine.preview import preview_text
from services.attestation.own.engine.stats_render import snippet
from services.attestation.own.flow.context import QUESTIONS_PER_TEAM, TOPICS_PER_TEAM, BankContext
from services.attestation.own.views import (
    Confirm,
    EditorsView,
    HomeView,
    Item,
    OwnCard,
    QuestionView,
    TeamsView,
    TopicView,
)
from services.notice import Refusal
from services.texts import t

PAGE = 10
CARD_SHOWN = 400  # the start of a card on the topic's page


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _page(items: list, page: int) -> tuple[list, int, int]:
    pages = max(1, math.ceil(len(items) / PAGE))
    page = min(max(page, 0), pages - 1)
    return items[page * PAGE:(page + 1) * PAGE], page, pages


def exam_line(exam: ExamSettings | None) -> str:
    if exam is None:
        return t("bank-exam-standard-line")
    return t("bank-exam-custom-line", title=_esc(exam.title) or "—", size=exam.size, pass_mark=exam.pass_mark,
             mode=exam.mode)


class BankService:
    def __init__(self, ctx: BankContext) -> None:
        self.ctx = ctx
        self.repo = ctx.repo

    # ---- where to start -------------------------------------------------------------------------------
    async def teams(self, user_id: int) -> TeamsView:
        teams = await self.repo.editable_teams(user_id)
        if not teams:
            return TeamsView(t("bank-no-teams"), ())
        return TeamsView(t("bank-pick-team"), tuple(Item(team.id, team.name) for team in teams))

    async def home(self, user_id: int, team_id: int, page: int = 0, prefix: str = "") -> HomeView:
        team = await self.ctx.editable(user_id, team_id)
        topics = await self.repo.topics(team.id)
        rows = await self.repo.team_questions(team.id)
        per_topic: dict[int, int] = {}
        for row in rows:
            if row.question.status == ACTIVE:
                per_topic[row.question.topic_id] = per_topic.get(row.question.topic_id, 0) + 1
        bank = await self.repo.bank(team.id)
        exam = ExamSettings.from_json(bank.exam if bank else None)
        lines = [t("bank-home", team=_esc(team.name), topics=len(topics), questions=len(rows),
                   topic_limit=TOPICS_PER_TEAM, question_limit=QUESTIONS_PER_TEAM), exam_line(exam)]
        if not topics:
            lines += ["", t("bank-home-empty")]
        items = [Item(topic.id, f"{'🙈 ' if topic.status == HIDDEN else ''}{topic.title} "
                                f"({per_topic.get(topic.id, 0)})") for topic in topics]
        shown, page, pages = _page(items, page)
        return HomeView(team.id, prefix + "\n".join(lines), tuple(shown), page, pages, team.owner_id == user_id,
                        bool(rows))

    # ---- a topic --------------------------------------------------------------------------------------
    async def topic(self, user_id: int, topic_id: int, page: int = 0, prefix: str = "") -> TopicView:
        team, topic = await self.ctx.topic_to_edit(user_id, topic_id)
        rows = await self.repo.questions(topic.id)
        lines = [t("bank-topic", title=_esc(topic.title), hidden="yes" if topic.status == HIDDEN else "no")]
        card = topic.card_text.strip()
        lines.append(t("bank-topic-card", card=_esc(snippet(card, CARD_SHOWN))) if card else t("bank-topic-no-card"))
        if topic.card_file_name:
            lines.append(t("bank-topic-file", name=_esc(topic.card_file_name)))
        if topic.card_url:
            lines.append(t("bank-topic-link", url=_esc(topic.card_url)))
        hidden = sum(1 for row in rows if row.question.status == HIDDEN)
        lines += ["", t("bank-topic-count", count=len(rows), hidden=hidden)]
        items = [Item(row.question.id, f"{'🙈 ' if row.question.status == HIDDEN else ''}{number}. "
                                       f"{snippet(QuestionBody.from_json(row.body).label, 40)}")
                 for number, row in enumerate(rows, start=1)]
        shown, page, pages = _page(items, page)
        return TopicView(team.id, topic.id, prefix + "\n".join(lines), tuple(shown), page, pages,
                         topic.status == HIDDEN)

    async def set_topic_hidden(self, user_id: int, topic_id: int, hidden: bool) -> TopicView:
        team, topic = await self.ctx.topic_to_edit(user_id, topic_id)
        await self.repo.update_topic(topic.id, status=HIDDEN if hidden else ACTIVE)
        await self.ctx.changed(team.id)
        return await self.topic(user_id, topic.id, prefix=t("bank-topic-hidden" if hidden else "bank-topic-shown")
                                + "\n\n")

    async def confirm_delete_topic(self, user_id: int, topic_id: int) -> Confirm:
        team, topic = await self.ctx.topic_to_edit(user_id, topic_id)
        count = len(await self.repo.questions(topic.id))
        return Confirm(team.id, t("bank-topic-delete-confirm", title=_esc(topic.title), count=count), topic.id)

    async def delete_topic(self, user_id: int, topic_id: int) -> HomeView:
        team, topic = await self.ctx.topic_to_edit(user_id, topic_id)
        await self.repo.update_topic(topic.id, status=DELETED)
        await self.ctx.changed(team.id)
        return await self.home(user_id, team.id, prefix=t("bank-topic-deleted", title=_esc(topic.title)) + "\n\n")

    # ---- a question -----------------------------------------------------------------------------------
    async def question(self, user_id: int, question_id: int, prefix: str = "") -> QuestionView:
        team, topic, row = await self.ctx.question_to_edit(user_id, question_id)
        return self._question_view(team, topic, row, prefix)

    def _question_view(self, team: Team, topic: OwnTopic, row: QuestionRow, prefix: str = "") -> QuestionView:
        body = QuestionBody.from_json(row.body)
        hidden = row.question.status == HIDDEN
        head = t("bank-question-head", version=row.question.version, hidden="yes" if hidden else "no")
        text = "\n".join([prefix + head, "", preview_text(body, f"{OWN_MARK}{topic.title}")])
        return QuestionView(team.id, topic.id, row.question.id, text, hidden)

    async def set_question_hidden(self, user_id: int, question_id: int, hidden: bool) -> QuestionView:
        team, topic, row = await self.ctx.question_to_edit(user_id, question_id)
        await self.repo.set_question_status(row.question.id, HIDDEN if hidden else ACTIVE, self.ctx.now())
        await self.ctx.changed(team.id)
        fresh = await self.repo.question(row.question.id)
        assert fresh is not None
        note = t("bank-question-hidden" if hidden else "bank-question-shown")
        return self._question_view(team, topic, fresh, note + "\n\n")

    async def confirm_delete_question(self, user_id: int, question_id: int) -> Confirm:
        team, topic, row = await self.ctx.question_to_edit(user_id, question_id)
        label = snippet(QuestionBody.from_json(row.body).label, 80)
        return Confirm(team.id, t("bank-question-delete-confirm", label=_esc(label)), topic.id, row.question.id)

    async def delete_question(self, user_id: int, question_id: int) -> TopicView:
        team, topic, row = await self.ctx.question_to_edit(user_id, question_id)
        await self.repo.set_question_status(row.question.id, DELETED, self.ctx.now())
        await self.ctx.changed(team.id)
        return await self.topic(user_id, topic.id, prefix=t("bank-question-deleted") + "\n\n")

    # ---- editors (the owner only) -------------------------------------------------------------------
    async def editors(self, user_id: int, team_id: int, prefix: str = "") -> EditorsView:
        team = await self.ctx.owned(user_id, team_id)
        members = await self.repo.members(team.id)
        text = t("bank-editors", team=_esc(team.name)) if members else t("bank-editors-none")
        items = tuple(Item(user.id, user.display_name or str(user.id), marked=editor) for user, editor in members)
        return EditorsView(team.id, prefix + text, items)

    async def toggle_editor(self, user_id: int, team_id: int, member_id: int) -> EditorsView:
        team = await self.ctx.owned(user_id, team_id)
        members = {user.id: editor for user, editor in await self.repo.members(team.id)}
        if member_id not in members:
            raise Refusal(t("bank-not-a-member"))
        await self.repo.set_editor(team.id, member_id, not members[member_id], self.ctx.now())
        return await self.editors(user_id, team.id)

    # ---- a member reads an own topic's card ---------------------------------------------------------
    async def card(self, user_id: int, key: str) -> OwnCard:
        topic_id = topic_id_of(key)
        topic = await self.repo.topic(topic_id) if topic_id else None
        if topic is None or topic.status != ACTIVE or not await self.ctx.can_see(user_id, topic.team_id):
            raise Refusal(t("bank-topic-gone"))
        count = sum(1 for row in await self.repo.questions(topic.id) if row.question.status == ACTIVE)
        text = t("bank-card", title=_esc(topic.title), card=_esc(topic.card_text.strip()) or t("bank-card-empty"),
                 count=count)
        return OwnCard(topic_key(topic.id), text, topic.card_url, topic.card_file_id, topic.card_file_name, topic.id)
