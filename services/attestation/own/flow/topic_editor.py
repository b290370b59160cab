"""A topic in the chat: its title (new or renamed), its learning card, and what the card points to — a document
sent in the chat or a link. Each step re-checks the user may edit the team's bank; the draft is in the FSM data."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import TypedDict

from db.models import OwnTopic
from services.attestation.own.engine.importing import topic_problems
from services.attestation.own.engine.model import multi_line, one_line
from services.attestation.own.engine.validate import CARD_MAX, TOPIC_TITLE_MAX
from services.attestation.own.flow.context import BankContext
from services.attestation.own.flow.topics import BankService
from services.attestation.own.views import EditorView, Step, TopicView
from services.notice import Refusal
from services.texts import t

FILE_NAME_MAX = 128


class TopicDraftData(TypedDict):
    team_id: int
    topic_id: int
    step: str
    only: bool


@dataclass(frozen=True)
class TopicDraft:
    team_id: int
    topic_id: int = 0  # 0: a new topic (its title is asked)
    step: Step = Step.TOPIC_TITLE
    only: bool = False  # change this one thing and stop (rename; the card without the link)

    def to_dict(self) -> TopicDraftData:
        return TopicDraftData(team_id=self.team_id, topic_id=self.topic_id, step=str(self.step), only=self.only)

    @classmethod
    def from_dict(cls, data: object) -> TopicDraft | None:
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["team_id"]), int(data.get("topic_id", 0)), Step(data["step"]),
                       bool(data.get("only")))
        except (KeyError, TypeError, ValueError):
            return None


Outcome = tuple[TopicDraft | None, EditorView | TopicView]


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _stale() -> Refusal:
    return Refusal(t("bank-ed-stale"))


class TopicEditor:
    def __init__(self, ctx: BankContext, bank: BankService) -> None:
        self.ctx = ctx
        self.bank = bank

    async def new(self, user_id: int, team_id: int) -> Outcome:
        team = await self.ctx.editable(user_id, team_id)
        await self.ctx.check_room(team.id, topics=1)
        draft = TopicDraft(team.id)
        return draft, EditorView(team.id, Step.TOPIC_TITLE, t("bank-topic-ask-title", limit=TOPIC_TITLE_MAX))

    async def rename(self, user_id: int, topic_id: int) -> Outcome:
        team, topic = await self.ctx.topic_to_edit(user_id, topic_id)
        draft = TopicDraft(team.id, topic.id, Step.TOPIC_TITLE, only=True)
        text = t("bank-topic-ask-rename", title=_esc(topic.title), limit=TOPIC_TITLE_MAX)
        return draft, EditorView(team.id, Step.TOPIC_TITLE, text, can_keep=True, editing=True)

    async def edit_card(self, user_id: int, topic_id: int) -> Outcome:
        team, topic = await self.ctx.topic_to_edit(user_id, topic_id)
        return self._card_step(TopicDraft(team.id, topic.id, Step.TOPIC_CARD), topic)

    async def typed(self, user_id: int, draft: TopicDraft | None, text: str) -> Outcome:
        draft, topic = await self._checked(user_id, draft)
        if draft.step == Step.TOPIC_TITLE:
            return await self._title(user_id, draft, topic, one_line(text))
        assert topic is not None
        if draft.step == Step.TOPIC_CARD:
            card = multi_line(text)
            if len(card) > CARD_MAX:
                raise Refusal(t("bank-err-card-too-long", title=_esc(topic.title), limit=CARD_MAX, length=len(card)))
            await self.ctx.repo.update_topic(topic.id, card_text=card)
            await self.ctx.changed(draft.team_id)
            return self._link_step(replace(draft, step=Step.TOPIC_LINK), topic)
        url = text.strip()
        found = topic_problems(topic.title, "", url)
        if found:
            raise Refusal(_esc(found[0]))
        await self.ctx.repo.update_topic(topic.id, card_url=url)
        await self.ctx.changed(draft.team_id)
        return None, await self.bank.topic(user_id, topic.id, prefix=t("bank-topic-link-saved") + "\n\n")

    async def document(self, user_id: int, draft: TopicDraft | None, file_id: str, file_name: str) -> Outcome:
        draft, topic = await self._checked(user_id, draft)
        if draft.step != Step.TOPIC_LINK or topic is None:
            raise Refusal(t("bank-topic-no-document-here"))
        name = one_line(file_name)[:FILE_NAME_MAX] or "document"
        await self.ctx.repo.update_topic(topic.id, card_file_id=file_id[:256], card_file_name=name)
        await self.ctx.changed(draft.team_id)
        return None, await self.bank.topic(user_id, topic.id, prefix=t("bank-topic-file-saved") + "\n\n")

    async def skip(self, user_id: int, draft: TopicDraft | None) -> Outcome:
        """«Пропустить» / «Оставить как есть»: the step's value stays; the next step, or the topic's page."""
        draft, topic = await self._checked(user_id, draft)
        if topic is None:
            raise _stale()
        if draft.step == Step.TOPIC_CARD and not draft.only:
            return self._link_step(replace(draft, step=Step.TOPIC_LINK), topic)
        return None, await self.bank.topic(user_id, topic.id)

    async def clear_link(self, user_id: int, draft: TopicDraft | None) -> Outcome:
        draft, topic = await self._checked(user_id, draft)
        if draft.step != Step.TOPIC_LINK or topic is None:
            raise _stale()
        await self.ctx.repo.update_topic(topic.id, card_url=None, card_file_id=None, card_file_name=None)
        await self.ctx.changed(draft.team_id)
        return None, await self.bank.topic(user_id, topic.id, prefix=t("bank-topic-link-cleared") + "\n\n")

    # ---- internals --------------------------------------------------------------------------------------
    async def _checked(self, user_id: int, draft: TopicDraft | None) -> tuple[TopicDraft, OwnTopic | None]:
        if draft is None:
            raise _stale()
        if draft.topic_id:
            team, topic = await self.ctx.topic_to_edit(user_id, draft.topic_id)
            if team.id != draft.team_id:
                raise _stale()
            return draft, topic
        await self.ctx.editable(user_id, draft.team_id)
        return draft, None

    async def _title(self, user_id: int, draft: TopicDraft, topic: OwnTopic | None, title: str) -> Outcome:
        found = topic_problems(title, "", "")
        if found:
            raise Refusal(_esc(found[0]))
        taken = {other.title.casefold() for other in await self.ctx.repo.topics(draft.team_id)
                 if topic is None or other.id != topic.id}
        if title.casefold() in taken:
            raise Refusal(t("bank-topic-title-taken", title=_esc(title)))
        if topic is not None:
            await self.ctx.repo.update_topic(topic.id, title=title)
            await self.ctx.changed(draft.team_id)
            return None, await self.bank.topic(user_id, topic.id, prefix=t("bank-topic-renamed") + "\n\n")
        await self.ctx.check_room(draft.team_id, topics=1)
        created = await self.ctx.repo.create_topic(draft.team_id, title, self.ctx.now())
        await self.ctx.changed(draft.team_id)
        return self._card_step(TopicDraft(draft.team_id, created.id, Step.TOPIC_CARD), created, new=True)

    def _card_step(self, draft: TopicDraft, topic: OwnTopic, new: bool = False) -> Outcome:
        current = topic.card_text.strip()
        text = t("bank-topic-ask-card", title=_esc(topic.title), limit=CARD_MAX, new="yes" if new else "no")
        if current:
            text += "\n\n" + t("bank-ed-current", current=_esc(current))
        return draft, EditorView(draft.team_id, Step.TOPIC_CARD, text, can_skip=True, editing=not new)

    def _link_step(self, draft: TopicDraft, topic: OwnTopic) -> Outcome:
        has = bool(topic.card_url or topic.card_file_id)
        text = t("bank-topic-ask-link", title=_esc(topic.title))
        return draft, EditorView(draft.team_id, Step.TOPIC_LINK, text, can_skip=True, can_keep=has,
                                 editing=has)
