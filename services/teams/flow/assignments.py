"""The assignment wizard: what (exam or topics) → deadline → who, then the assignment and its notifications.

The draft travels in the chat's FSM data as a plain dict; every step re-checks on the server that the user
owns the team, so a forged or replayed button cannot assign work in someone else's team.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from html import escape
from typing import Any

from db.models import Team
from services.clock import as_utc
from services.teams import texts
from services.teams.engine.deadlines import (
    QUICK_CHOICES,
    DeadlineError,
    example_date,
    format_date,
    parse_deadline,
    quick_deadline,
)
from services.teams.engine.describe import topic_title, what
from services.teams.engine.notifications import plan_assignment
from services.teams.engine.status import AssignmentFact
from services.teams.flow.context import TeamContext, fact_of
from services.teams.views import Choice, Done, Notice, WizardStep

KINDS = {"exam": "🎓 Экзамен (20 вопросов)", "topics": "📚 Тренировки по темам"}


@dataclass(frozen=True)
class Draft:
    team_id: int
    kind: str = ""
    topics: tuple[str, ...] = ()
    deadline: str = ""  # ISO, UTC
    members: tuple[int, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "topics": list(self.topics), "members": list(self.members)}

    @classmethod
    def from_dict(cls, data: object) -> Draft | None:
        """None for anything that is not a draft this code wrote (an old or foreign FSM payload)."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["team_id"]), str(data.get("kind", "")), tuple(str(t) for t in data.get("topics", ())),
                       str(data.get("deadline", "")), tuple(int(m) for m in data.get("members", ())))
        except (KeyError, TypeError, ValueError):
            return None

    @property
    def deadline_at(self) -> datetime | None:
        try:
            return as_utc(datetime.fromisoformat(self.deadline)) if self.deadline else None
        except ValueError:
            return None


Step = tuple[Draft, WizardStep]


class AssignmentWizard:
    def __init__(self, ctx: TeamContext) -> None:
        self.ctx = ctx

    async def start(self, owner_id: int, team_id: int, topics: tuple[str, ...] = ()) -> Step | Notice:
        """A new draft; with topics (the dashboard's weakest) it skips straight to the deadline."""
        team = await self.ctx.owned(owner_id, team_id)
        if isinstance(team, Notice):
            return team
        if not await self.ctx.teams.active_members(team.id):
            return Notice(texts.NO_MEMBERS)
        known = tuple(t for t in topics if self.ctx.bank.has_topic(t))
        if known:
            draft = Draft(team.id, "topics", known)
            return draft, self._deadline_step(draft)
        draft = Draft(team.id)
        choices = tuple(Choice(key, label) for key, label in KINDS.items())
        return draft, WizardStep("what", team.id, texts.ASSIGN_WHAT.format(team=escape(team.name, quote=False)),
                                 choices)

    async def choose_kind(self, owner_id: int, draft: Draft | None, team_id: int, kind: str) -> Step | Notice:
        checked = await self._checked(owner_id, draft, team_id)
        if isinstance(checked, Notice):
            return checked
        draft, _ = checked
        if kind == "exam":
            draft = replace(draft, kind="exam", topics=())
            return draft, self._deadline_step(draft)
        draft = replace(draft, kind="topics")
        return draft, self._topics_step(draft)

    async def toggle_topic(self, owner_id: int, draft: Draft | None, team_id: int, topic_id: str) -> Step | Notice:
        checked = await self._checked(owner_id, draft, team_id)
        if isinstance(checked, Notice):
            return checked
        draft, _ = checked
        if self.ctx.bank.has_topic(topic_id):
            picked = tuple(t for t in draft.topics if t != topic_id)
            if topic_id not in draft.topics:
                picked = (*draft.topics, topic_id)
            draft = replace(draft, kind="topics", topics=picked)
        return draft, self._topics_step(draft)

    async def topics_done(self, owner_id: int, draft: Draft | None, team_id: int) -> Step | Notice:
        checked = await self._checked(owner_id, draft, team_id)
        if isinstance(checked, Notice):
            return checked
        draft, _ = checked
        if not draft.topics:
            return Notice(texts.NO_TOPICS_PICKED)
        return draft, self._deadline_step(draft)

    async def quick_deadline(self, owner_id: int, draft: Draft | None, team_id: int, choice: str) -> Step | Notice:
        checked = await self._checked(owner_id, draft, team_id)
        if isinstance(checked, Notice):
            return checked
        draft, team = checked
        if choice not in QUICK_CHOICES or not draft.kind:
            return Notice(texts.WIZARD_STALE)
        return await self._who_step(replace(draft, deadline=quick_deadline(choice, self.ctx.now(), self.ctx.tz)
                                            .isoformat()), team)

    async def typed_deadline(self, owner_id: int, draft: Draft | None, text: str) -> Step | Notice:
        checked = await self._checked(owner_id, draft, draft.team_id if draft else 0)
        if isinstance(checked, Notice):
            return checked
        draft, team = checked
        if not draft.kind:
            return Notice(texts.WIZARD_STALE)
        parsed = parse_deadline(text, self.ctx.now(), self.ctx.tz)
        if isinstance(parsed, DeadlineError):
            return Notice(parsed.text)
        return await self._who_step(replace(draft, deadline=parsed.isoformat()), team)

    async def pick_members(self, owner_id: int, draft: Draft | None, team_id: int) -> Step | Notice:
        checked = await self._checked(owner_id, draft, team_id)
        if isinstance(checked, Notice):
            return checked
        draft, _ = checked
        return draft, await self._members_step(draft)

    async def toggle_member(self, owner_id: int, draft: Draft | None, team_id: int, user_id: int) -> Step | Notice:
        checked = await self._checked(owner_id, draft, team_id)
        if isinstance(checked, Notice):
            return checked
        draft, _ = checked
        picked = tuple(m for m in draft.members if m != user_id)
        if user_id not in draft.members:
            picked = (*draft.members, user_id)
        draft = replace(draft, members=picked)
        return draft, await self._members_step(draft)

    async def create(self, owner_id: int, draft: Draft | None, team_id: int, everyone: bool) -> Done | Notice:
        checked = await self._checked(owner_id, draft, team_id)
        if isinstance(checked, Notice):
            return checked
        draft, team = checked
        deadline = draft.deadline_at
        now = self.ctx.now()
        if draft.kind not in KINDS or deadline is None or (draft.kind == "topics" and not draft.topics):
            return Notice(texts.WIZARD_STALE)
        if deadline <= now:
            return Notice(texts.DEADLINE_PAST)
        members = await self.ctx.teams.active_members(team.id)
        chosen = [(m, u) for m, u in members if everyone or u.id in draft.members]
        if not chosen:
            return Notice(texts.NO_MEMBERS_PICKED if members else texts.NO_MEMBERS)
        assignment = await self.ctx.teams.create_assignment(team.id, draft.kind, draft.topics, deadline, now,
                                                            [u.id for _, u in chosen])
        fact = fact_of(assignment, [u.id for _, u in chosen])
        await self.ctx.notifications.enqueue(plan_assignment(fact, team.owner_id, now))
        names = ", ".join(escape(u.display_name, quote=False) for _, u in chosen)
        return Done(texts.ASSIGNED.format(what=escape(what(fact, self.ctx.bank), quote=False),
                                          date=format_date(deadline, self.ctx.tz), count=len(chosen), names=names),
                    team.id)

    # ---- internals ----------------------------------------------------------------------------------
    async def _checked(self, owner_id: int, draft: Draft | None, team_id: int) -> tuple[Draft, Team] | Notice:
        team = await self.ctx.owned(owner_id, team_id)
        if isinstance(team, Notice):
            return team
        if draft is None or draft.team_id != team.id:
            return Notice(texts.WIZARD_STALE)
        return draft, team

    def _draft_fact(self, draft: Draft) -> AssignmentFact:
        now = self.ctx.now()
        return AssignmentFact(0, draft.team_id, draft.kind, draft.topics, draft.deadline_at or now, now)

    def _topics_step(self, draft: Draft) -> WizardStep:
        bank = self.ctx.bank
        text = texts.PICK_TOPICS
        if draft.topics:
            picked = ", ".join(escape(topic_title(bank, t), quote=False) for t in draft.topics)
            text += texts.PICKED_TOPICS.format(topics=picked)
        choices = tuple(Choice(t.id, t.title, t.id in draft.topics) for t in bank.topics)
        return WizardStep("topics", draft.team_id, text, choices)

    def _deadline_step(self, draft: Draft) -> WizardStep:
        text = texts.ASK_DEADLINE.format(what=escape(what(self._draft_fact(draft), self.ctx.bank), quote=False),
                                         example=example_date(self.ctx.now(), self.ctx.tz))
        choices = tuple(Choice(key, label) for key, (_, label) in QUICK_CHOICES.items())
        return WizardStep("deadline", draft.team_id, text, choices)

    async def _who_step(self, draft: Draft, team: Team) -> Step:
        members = await self.ctx.teams.active_members(team.id)
        deadline = draft.deadline_at or self.ctx.now()
        text = texts.ASK_WHO.format(what=escape(what(self._draft_fact(draft), self.ctx.bank), quote=False),
                                    date=format_date(deadline, self.ctx.tz))
        choices = (Choice("all", f"Всем участникам ({len(members)})"), Choice("pick", "Выбрать участников"))
        return draft, WizardStep("who", draft.team_id, text, choices)

    async def _members_step(self, draft: Draft) -> WizardStep:
        members = await self.ctx.teams.active_members(draft.team_id)
        choices = tuple(Choice(str(u.id), u.display_name, u.id in draft.members) for _, u in members)
        return WizardStep("members", draft.team_id, texts.PICK_MEMBERS, choices)
