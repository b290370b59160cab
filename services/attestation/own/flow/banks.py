"""The bank a user or a team sees: the built-in topics plus the own topics of the user's teams (or of one team).

Building the engine's topics from a team's rows validates every question (pydantic), so each process keeps the
built topics per team and bank version (with the moment it changed: a version a rolled-back change had seen is
never taken for a later committed one): one light query per look (the versions of the user's teams) tells
whether the copy is current, so a change made by another process is seen at once. The attestation flow asks
this for a user's bank, the exam a team's settings draw, and the pass mark and name that exam had.
"""

from __future__ import annotations

import asyncio
import random
from collections import OrderedDict, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from db.models import Attempt
from db.repositories.own_questions import OwnQuestionRepository
from services.attestation.engine.content import QuestionBank, Topic
from services.attestation.engine.exam import draw_exam
from services.attestation.own.engine.bank import (
    OwnQuestionData,
    OwnTopicData,
    engine_topic,
    is_own_topic,
    merged_bank,
)
from services.attestation.own.engine.exam_plan import ExamSettings, draw_team_exam
from services.attestation.own.engine.model import QuestionBody

IN_THREAD_FROM = 200  # building this many questions or more runs off the event loop
_MERGED_KEPT = 64


@dataclass(frozen=True)
class ExamPlan:
    """The questions of a new exam and, when a team's settings drew it, that team, its exam's name and pass mark."""

    ids: list[str]
    team_id: int | None = None
    title: str = ""
    pass_mark: int | None = None


class _Cache:
    """Per process: a team's built own topics by bank version, and merged banks by the versions they hold. Keys
    carry the database too (a test process talks to many databases whose team ids repeat)."""

    def __init__(self) -> None:
        self.topics: dict[tuple[str, int], tuple[tuple[int, str], tuple[Topic, ...]]] = {}
        self.merged: OrderedDict[tuple, QuestionBank] = OrderedDict()

    def clear(self) -> None:
        self.topics.clear()
        self.merged.clear()


CACHE = _Cache()


def _build(rows: list, team_ids: list[int]) -> dict[int, tuple[Topic, ...]]:
    grouped: dict[int, list] = defaultdict(list)
    topics_by_id = {}
    for topic, question_id, version, body in rows:
        topics_by_id[topic.id] = topic
        grouped[topic.id].append(OwnQuestionData(question_id, version, QuestionBody.from_json(body)))
    built: dict[int, list[Topic]] = {team_id: [] for team_id in team_ids}
    for topic_id, questions in grouped.items():
        topic = topics_by_id[topic_id]
        data = OwnTopicData(topic.id, topic.team_id, topic.title, topic.card_text, topic.position, tuple(questions))
        made = engine_topic(data)
        if made is not None:
            built[topic.team_id].append(made)
    return {team_id: tuple(topics) for team_id, topics in built.items()}


class OwnContent:
    def __init__(self, repo: OwnQuestionRepository, builtin: QuestionBank) -> None:
        self.repo = repo  # built for every attestation update: nothing here may cost anything until used
        self.builtin = builtin

    @property
    def database(self) -> str:
        """Which database the cached copies belong to."""
        bind = getattr(self.repo.session, "bind", None)
        return str(getattr(bind, "url", "")) if bind is not None else ""

    async def _topics(self, versions: Mapping[int, tuple[int, str]]) -> list[Topic]:
        stale = [team_id for team_id, version in versions.items()
                 if CACHE.topics.get((self.database, team_id), ((-1, ""), ()))[0] != version]
        if stale:
            rows = await self.repo.drawable(stale)
            built = await asyncio.to_thread(_build, rows, stale) if len(rows) >= IN_THREAD_FROM \
                else _build(rows, stale)
            for team_id in stale:
                CACHE.topics[(self.database, team_id)] = (versions[team_id], built.get(team_id, ()))
        return [topic for team_id in sorted(versions) for topic in CACHE.topics[(self.database, team_id)][1]]

    async def _merged(self, versions: Mapping[int, tuple[int, str]]) -> QuestionBank:
        key = (self.database, id(self.builtin), tuple(sorted(versions.items())))
        bank = CACHE.merged.get(key)
        if bank is None:
            bank = merged_bank(self.builtin, await self._topics(versions))
            CACHE.merged[key] = bank
            while len(CACHE.merged) > _MERGED_KEPT:
                CACHE.merged.popitem(last=False)
        CACHE.merged.move_to_end(key)
        return bank

    async def bank_for_user(self, user_id: int) -> QuestionBank:
        """Built-in topics and the own topics of every team the user owns or is an active member of."""
        versions = await self.repo.versions_for_user(user_id)
        return await self._merged(versions) if versions else self.builtin

    async def bank_for_team(self, team_id: int) -> QuestionBank:
        """Built-in topics and this team's own topics (what its owner assigns and its dashboard names)."""
        bank = await self.repo.bank(team_id)
        if bank is None or not bank.version:
            return self.builtin
        return await self._merged({team_id: (bank.version, str(bank.updated_at))})

    # ---- the team's exam --------------------------------------------------------------------------------
    async def exam_settings_for(self, user_id: int) -> tuple[int, ExamSettings] | None:
        """The team whose exam settings this user's exam follows: the team of his latest exam assignment among
        the teams that set their own exam, else the one he joined last; None: the standard exam."""
        teams = await self.repo.exams_for_user(user_id)
        if not teams:
            return None
        by_team = {team_id: ExamSettings.from_json(exam) for team_id, exam, _ in teams}
        chosen = await self.repo.latest_exam_assignment_team(user_id, list(by_team))
        if chosen is None:
            epoch = datetime.min.replace(tzinfo=UTC)
            chosen = max(teams, key=lambda row: (_aware(row[2]) or epoch, row[0]))[0]
        settings = by_team.get(chosen)
        return (chosen, settings) if settings is not None else None

    async def exam_plan(self, user_id: int, seen: Mapping[str, int], rng: random.Random) -> ExamPlan:
        """The questions of the user's next exam: by his team's settings, or the standard draw."""
        found = await self.exam_settings_for(user_id)
        if found is not None:
            team_id, settings = found
            ids = draw_team_exam(settings, self.builtin, await self.bank_for_team(team_id), seen, rng)
            if ids:
                return ExamPlan(ids, team_id, settings.title, settings.pass_mark)
        return ExamPlan(draw_exam(self.builtin, seen, rng=rng))

    async def remember_exam(self, attempt_id: int, plan: ExamPlan) -> None:
        if plan.team_id is not None and plan.pass_mark is not None:
            await self.repo.remember_exam(attempt_id, plan.team_id, plan.title, plan.pass_mark)

    async def pass_mark(self, attempt: Attempt) -> int | None:
        """The pass mark (whole percent) of an exam a team's settings drew; None: the standard one."""
        if attempt.kind != "exam":
            return None
        found = await self.repo.exam_attempt(attempt.id)
        return found.pass_mark if found is not None else None

    async def exam_title(self, attempt_id: int) -> str | None:
        found = await self.repo.exam_attempt(attempt_id)
        return found.title if found is not None and found.title else None


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def needs_own(*topic_ids: str | None) -> bool:
    """Whether any of these topics is an own one (built-in ids need no database look)."""
    return any(is_own_topic(topic_id) for topic_id in topic_ids)
