"""The assignment wizard: what (exam or topics) → deadline → who, then the assignment and its notifications.

The draft travels in the chat's FSM data as a plain dict (`DraftData`); every step re-checks on the server that
the user owns the team, so a forged or replayed button cannot assign work in someone else's team. A step that
cannot go on (no access, a stale draft, nothing picked) raises `Refusal`; nothing is changed then.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from html import escape
from typing import TypedDict

from db.models import Team
from services.attestation.engine.exam import exam_facts
from services.attestation.simulator.engine.loader import load_library
from services.clock import as_utc
from services.notice import Refusal
from services.teams.engine.deadlines import (
    QUICK_CHOICES,
    DeadlineError,
    example_date,
    format_date,
    parse_deadline,
    quick_deadline,
    quick_label,
)
from services.teams.engine.describe import scenario_title, topic_title, what
from services.teams.engine.notifications import plan_assignment
from services.teams.engine.status import SCENARIO, AssignmentFact
from services.teams.flow.context import TeamContext, fact_of
from services.teams.flow.events import TeamEvents
from services.teams.views import Choice, Done, WizardScreen, WizardStep
from services.texts import t

EXAM, TOPICS = "exam", "topics"
KINDS = (EXAM, TOPICS, SCENARIO)  # SCENARIO: dialogue simulator scenarios, their ids in the draft's `topics`
WHO_ALL, WHO_PICK = "all", "pick"  # the «who» screen's choices


class DraftData(TypedDict):
    """A draft as stored in the FSM data (JSON)."""

    team_id: int
    kind: str
    topics: list[str]
    deadline: str
    members: list[int]


@dataclass(frozen=True)
class Draft:
    team_id: int
    kind: str = ""
    topics: tuple[str, ...] = ()
    deadline: str = ""  # ISO, UTC
    members: tuple[int, ...] = field(default=())

    def to_dict(self) -> DraftData:
        return DraftData(team_id=self.team_id, kind=self.kind, topics=list(self.topics), deadline=self.deadline,
                         members=list(self.members))

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


def kind_label(kind: str) -> str:
    if kind == EXAM:
        return t("team-kind-exam", exam_size=exam_facts()["exam_size"])
    if kind == SCENARIO:
        return t("team-kind-scenarios")
    return t("team-kind-topics")


def _stale() -> Refusal:
    return Refusal(t("team-wizard-stale"))


class AssignmentWizard:
    def __init__(self, ctx: TeamContext, events: TeamEvents) -> None:
        self.ctx = ctx
        self.events = events  # wakes the scheduler once the new notifications are committed

    async def start(self, owner_id: int, team_id: int, topics: tuple[str, ...] = ()) -> Step:
        """A new draft; with topics (the dashboard's weakest) it skips straight to the deadline."""
        team = await self.ctx.owned(owner_id, team_id)
        if not await self.ctx.teams.active_members(team.id):
            raise Refusal(t("team-no-members"))
        known = tuple(topic for topic in topics if self.ctx.bank.has_topic(topic))
        if known:
            draft = Draft(team.id, TOPICS, known)
            return draft, self._deadline_step(draft)
        draft = Draft(team.id)
        choices = tuple(Choice(kind, kind_label(kind)) for kind in KINDS)
        text = t("team-assign-what", team=escape(team.name, quote=False))
        return draft, WizardStep(WizardScreen.WHAT, team.id, text, choices)

    async def choose_kind(self, owner_id: int, draft: Draft | None, team_id: int, kind: str) -> Step:
        draft, _ = await self._checked(owner_id, draft, team_id)
        if kind == EXAM:
            draft = replace(draft, kind=EXAM, topics=())
            return draft, self._deadline_step(draft)
        if kind == SCENARIO:
            draft = replace(draft, kind=SCENARIO, topics=() if draft.kind != SCENARIO else draft.topics)
            return draft, self._scenarios_step(draft)
        draft = replace(draft, kind=TOPICS, topics=() if draft.kind == SCENARIO else draft.topics)
        return draft, self._topics_step(draft)

    async def toggle_topic(self, owner_id: int, draft: Draft | None, team_id: int, topic_id: str) -> Step:
        draft, _ = await self._checked(owner_id, draft, team_id)
        scenarios = draft.kind == SCENARIO  # the same toggle picks scenarios on the scenarios screen
        known = load_library().has(topic_id) if scenarios else self.ctx.bank.has_topic(topic_id)
        if known:
            picked = tuple(topic for topic in draft.topics if topic != topic_id)
            if topic_id not in draft.topics:
                picked = (*draft.topics, topic_id)
            draft = replace(draft, kind=SCENARIO if scenarios else TOPICS, topics=picked)
        return draft, self._scenarios_step(draft) if scenarios else self._topics_step(draft)

    async def topics_done(self, owner_id: int, draft: Draft | None, team_id: int) -> Step:
        draft, _ = await self._checked(owner_id, draft, team_id)
        if not draft.topics:
            raise Refusal(t("team-no-scenarios-picked" if draft.kind == SCENARIO else "team-no-topics-picked"))
        return draft, self._deadline_step(draft)

    async def quick_deadline(self, owner_id: int, draft: Draft | None, team_id: int, choice: str) -> Step:
        draft, team = await self._checked(owner_id, draft, team_id)
        if choice not in QUICK_CHOICES or not draft.kind:
            raise _stale()
        deadline = quick_deadline(choice, self.ctx.now(), self.ctx.tz)
        return await self._who_step(replace(draft, deadline=deadline.isoformat()), team)

    async def typed_deadline(self, owner_id: int, draft: Draft | None, text: str) -> Step:
        draft, team = await self._checked(owner_id, draft, draft.team_id if draft else 0)
        if not draft.kind:
            raise _stale()
        parsed = parse_deadline(text, self.ctx.now(), self.ctx.tz)
        if isinstance(parsed, DeadlineError):
            raise Refusal(parsed.text)
        return await self._who_step(replace(draft, deadline=parsed.isoformat()), team)

    async def pick_members(self, owner_id: int, draft: Draft | None, team_id: int) -> Step:
        draft, _ = await self._checked(owner_id, draft, team_id)
        return draft, await self._members_step(draft)

    async def toggle_member(self, owner_id: int, draft: Draft | None, team_id: int, user_id: int) -> Step:
        draft, _ = await self._checked(owner_id, draft, team_id)
        picked = tuple(m for m in draft.members if m != user_id)
        if user_id not in draft.members:
            picked = (*draft.members, user_id)
        draft = replace(draft, members=picked)
        return draft, await self._members_step(draft)

    async def create(self, owner_id: int, draft: Draft | None, team_id: int, everyone: bool) -> Done:
        """The assignment and its notifications; the scheduler is woken when they are committed."""
        draft, team = await self._checked(owner_id, draft, team_id)
        deadline = draft.deadline_at
        now = self.ctx.now()
        if draft.kind not in KINDS or deadline is None or (draft.kind != EXAM and not draft.topics):
            raise _stale()
        if deadline <= now:
            raise Refusal(t("team-deadline-past"))
        members = await self.ctx.teams.active_members(team.id)
        chosen = [(m, u) for m, u in members if everyone or u.id in draft.members]
        if not chosen:
            raise Refusal(t("team-no-members-picked") if members else t("team-no-members"))
        assignment = await self.ctx.teams.create_assignment(team.id, draft.kind, draft.topics, deadline, now,
                                                            [u.id for _, u in chosen])
        fact = fact_of(assignment, [u.id for _, u in chosen])
        await self.ctx.notifications.enqueue(plan_assignment(fact, team.owner_id, now))
        self.events.wake_after_commit()
        names = ", ".join(escape(u.display_name, quote=False) for _, u in chosen)
        text = t("team-assigned", what=escape(what(fact, self.ctx.bank), quote=False),
                 date=format_date(deadline, self.ctx.tz), count=str(len(chosen)), names=names)
        return Done(text, team.id)

    # ---- internals ----------------------------------------------------------------------------------
    async def _checked(self, owner_id: int, draft: Draft | None, team_id: int) -> tuple[Draft, Team]:
        team = await self.ctx.owned(owner_id, team_id)
        if draft is None or draft.team_id != team.id:
            raise _stale()
        return draft, team

    def _draft_fact(self, draft: Draft) -> AssignmentFact:
        now = self.ctx.now()
        return AssignmentFact(0, draft.team_id, draft.kind, draft.topics, draft.deadline_at or now, now)

    def _topics_step(self, draft: Draft) -> WizardStep:
        bank = self.ctx.bank
        text = t("team-pick-topics")
        if draft.topics:
            picked = ", ".join(escape(topic_title(bank, topic), quote=False) for topic in draft.topics)
            text += "\n\n" + t("team-picked-topics", topics=picked)
        choices = tuple(Choice(topic.id, topic.title, topic.id in draft.topics) for topic in bank.topics)
        return WizardStep(WizardScreen.TOPICS, draft.team_id, text, choices)

    def _scenarios_step(self, draft: Draft) -> WizardStep:
        """The topics screen, listing the simulator's scenarios (their toggles are the topics' ones)."""
        library = load_library()
        text = t("team-pick-scenarios")
        if draft.topics:
            picked = ", ".join(escape(scenario_title(s), quote=False) for s in draft.topics)
            text += "\n\n" + t("team-picked-topics", topics=picked)
        choices = tuple(Choice(s.id, s.title, s.id in draft.topics) for s in library.scenarios)
        return WizardStep(WizardScreen.TOPICS, draft.team_id, text, choices)

    def _deadline_step(self, draft: Draft) -> WizardStep:
        text = t("team-ask-deadline", what=escape(what(self._draft_fact(draft), self.ctx.bank), quote=False),
                 example=example_date(self.ctx.now(), self.ctx.tz))
        choices = tuple(Choice(choice, quick_label(choice)) for choice in QUICK_CHOICES)
        return WizardStep(WizardScreen.DEADLINE, draft.team_id, text, choices)

    async def _who_step(self, draft: Draft, team: Team) -> Step:
        members = await self.ctx.teams.active_members(team.id)
        deadline = draft.deadline_at or self.ctx.now()
        text = t("team-ask-who", what=escape(what(self._draft_fact(draft), self.ctx.bank), quote=False),
                 date=format_date(deadline, self.ctx.tz))
        choices = (Choice(WHO_ALL, t("team-who-all", count=str(len(members)))), Choice(WHO_PICK, t("team-who-pick")))
        return draft, WizardStep(WizardScreen.WHO, draft.team_id, text, choices)

    async def _members_step(self, draft: Draft) -> WizardStep:
        members = await self.ctx.teams.active_members(draft.team_id)
        choices = tuple(Choice(str(u.id), u.display_name, u.id in draft.members) for _, u in members)
        return WizardStep(WizardScreen.MEMBERS, draft.team_id, t("team-pick-members"), choices)
