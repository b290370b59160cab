"""What every own-questions service works with, the limits, and the access checks: every action re-reads from the
database who owns the team and who edits its bank, whatever the button says, and refuses («нет доступа») when the
user may not — a forged or stale button changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.models import OwnTopic, Team
from db.repositories.own_questions import DELETED, OwnQuestionRepository, QuestionRow
from services.attestation.engine.content import QuestionBank
from services.attestation.own.flow.banks import OwnContent
from services.clock import Clock
from services.notice import Refusal
from services.texts import t

QUESTIONS_PER_TEAM = 2000
TOPICS_PER_TEAM = 200


@dataclass
class BankContext:
    repo: OwnQuestionRepository
    builtin: QuestionBank
    clock: Clock
    content: OwnContent

    def now(self) -> datetime:
        return self.clock.now()

    async def editable(self, user_id: int, team_id: int) -> Team:
        """The team if this user owns it or edits its bank (as an active member); a refusal otherwise."""
        team = await self.repo.team(team_id) if team_id > 0 else None
        if team is None or (team.owner_id != user_id and not await self.repo.is_editor(team.id, user_id)):
            raise Refusal(t("bank-no-access"))
        return team

    async def owned(self, user_id: int, team_id: int) -> Team:
        team = await self.repo.team(team_id) if team_id > 0 else None
        if team is None or team.owner_id != user_id:
            raise Refusal(t("bank-owner-only"))
        return team

    async def topic_to_edit(self, user_id: int, topic_id: int) -> tuple[Team, OwnTopic]:
        topic = await self.repo.topic(topic_id) if topic_id > 0 else None
        if topic is None or topic.status == DELETED:
            raise Refusal(t("bank-topic-gone"))
        return await self.editable(user_id, topic.team_id), topic

    async def question_to_edit(self, user_id: int, question_id: int) -> tuple[Team, OwnTopic, QuestionRow]:
        row = await self.repo.question(question_id) if question_id > 0 else None
        if row is None or row.question.status == DELETED:
            raise Refusal(t("bank-question-gone"))
        team, topic = await self.topic_to_edit(user_id, row.question.topic_id)
        return team, topic, row

    async def can_see(self, user_id: int, team_id: int) -> bool:
        """Members see a team's own topics; so do its owner and editors."""
        team = await self.repo.team(team_id)
        if team is None:
            return False
        return team.owner_id == user_id or await self.repo.is_active_member(team_id, user_id)

    async def changed(self, team_id: int) -> None:
        """Every change of topics or questions: the bank's version moves, cached copies are dropped."""
        await self.repo.touch(team_id, self.now())

    async def check_room(self, team_id: int, questions: int = 0, topics: int = 0) -> None:
        """Refuse before the team's bank would pass its limits."""
        if topics and await self.repo.count_topics(team_id) + topics > TOPICS_PER_TEAM:
            raise Refusal(t("bank-limit-topics", limit=TOPICS_PER_TEAM))
        if questions and await self.repo.count_questions(team_id) + questions > QUESTIONS_PER_TEAM:
            raise Refusal(t("bank-limit-questions", limit=QUESTIONS_PER_TEAM))
