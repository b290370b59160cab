"""The interview flow services over the real repositories and a migrated SQLite database (no Telegram)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.users import TelegramProfile, UserRepository
from services.interviews.engine.content import default_scripts
from services.interviews.engine.kinds import Script
from services.interviews.engine.tokens import LINK_TTL
from services.interviews.flow.candidates import CandidateLinks
from services.interviews.flow.context import FlowContext, check_subject
from services.interviews.flow.overview import InterviewOverview
from services.interviews.flow.steps import InterviewSteps
from services.interviews.views import (
    CandidateDoneView,
    CandidateQuestionView,
    LinkView,
    ResultView,
    StepView,
)
from services.notice import Notice, Refusal

OWNER, CANDIDATE, OTHER = 1, 2, 3
TOKEN_RE = re.compile(r"start=cand_([A-Za-z0-9_-]+)")
SCRIPTS = default_scripts()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def session(session_factory) -> AsyncIterator[AsyncSession]:  # type: ignore[no-untyped-def]
    async with session_factory() as session, session.begin():
        users = UserRepository(session)
        for user_id in (OWNER, CANDIDATE, OTHER):
            await users.upsert(TelegramProfile(user_id, f"user{user_id}"))
        yield session


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ctx(session: AsyncSession, clock: Clock) -> FlowContext:
    return FlowContext.for_session(session, clock=clock)


def _token(view: LinkView) -> str:
    match = TOKEN_RE.search(view.text)
    assert match, view.text
    return match.group(1)


async def _answer_all(links: CandidateLinks, interview_id: int, voice_at: set[int] = frozenset()) -> object:
    outcome: object = None
    for index in range(len(SCRIPTS.hiring.remote_questions())):
        if index in voice_at:
            outcome = await links.answer(CANDIDATE, interview_id, voice_file_id=f"voice-{index}")
        else:
            # Long enough to be taken at once (a bare «ответ» gets one request for more: see candidates.py).
            outcome = await links.answer(CANDIDATE, interview_id, text=f"ответ {index}: план выполняли всем отделом")
    return outcome


def test_subject_is_trimmed_and_checked() -> None:
    assert check_subject("  Иван   Петров ") == ("Иван Петров", None)
    assert check_subject("!!!")[0] is None and check_subject("")[0] is None
    assert check_subject("я" * 81)[1] == "Слишком длинно: уложитесь в 80 символов."


async def test_link_works_until_seven_days_and_not_a_second_later(ctx: FlowContext, clock: Clock) -> None:
    links = CandidateLinks(ctx)
    token = _token(await links.create(OWNER, "Кандидат", "bot"))
    clock.now += LINK_TTL
    expired = await links.open_link(CANDIDATE, token)
    assert isinstance(expired, Notice) and "Срок действия ссылки истёк" in expired.text
    clock.now -= timedelta(seconds=1)
    assert isinstance(await links.open_link(CANDIDATE, token), CandidateQuestionView)


async def test_only_the_first_opener_gets_the_link(ctx: FlowContext) -> None:
    links = CandidateLinks(ctx)
    token = _token(await links.create(OWNER, "Кандидат", "bot"))
    opened = await links.open_link(CANDIDATE, token)
    assert isinstance(opened, CandidateQuestionView) and opened.position == 0
    second = await links.open_link(OTHER, token)
    assert isinstance(second, Notice) and "уже использована" in second.text
    again = await links.open_link(CANDIDATE, token)  # the candidate himself comes back: he continues
    assert isinstance(again, CandidateQuestionView) and again.position == 0
    stranger = await links.answer(OTHER, opened.interview_id, text="я тоже отвечу")
    assert isinstance(stranger, Notice)
    assert await ctx.interviews.answers(opened.interview_id) == {}


async def test_revoking_stops_a_candidate_in_the_middle(ctx: FlowContext) -> None:
    links = CandidateLinks(ctx)
    view = await links.create(OWNER, "Кандидат", "bot")
    opened = await links.open_link(CANDIDATE, _token(view))
    assert isinstance(opened, CandidateQuestionView)
    await links.answer(CANDIDATE, opened.interview_id, text="первый ответ")
    status = await links.revoke(OWNER, opened.interview_id)
    assert isinstance(status, LinkView) and "ссылка отозвана" in status.text and status.can_renew
    closed = await links.answer(CANDIDATE, opened.interview_id, text="второй ответ")
    assert isinstance(closed, Notice) and "закрыто" in closed.text
    assert list(await ctx.interviews.answers(opened.interview_id)) == ["control"]
    renewed = await links.renew(OWNER, opened.interview_id, "bot")
    assert isinstance(renewed, LinkView)
    refused = await links.open_link(CANDIDATE, _token(view))
    assert isinstance(refused, Notice) and "отозвана" in refused.text


async def test_remote_salary_by_voice_is_kept_and_the_owner_can_type_it(ctx: FlowContext) -> None:
    links, steps = CandidateLinks(ctx), InterviewSteps(ctx)
    opened = await links.open_link(CANDIDATE, _token(await links.create(OWNER, "Голос", "bot")))
    assert isinstance(opened, CandidateQuestionView)
    salary_index = len(SCRIPTS.hiring.remote_questions()) - 1
    done = await _answer_all(links, opened.interview_id, voice_at={salary_index})
    assert isinstance(done, CandidateDoneView) and done.owner_id == OWNER
    competencies = len(SCRIPTS.hiring.competencies)
    for position in range(competencies):
        await steps.rate(OWNER, opened.interview_id, position, 3)
        await steps.next(OWNER, opened.interview_id, position)
    salary = await steps.open(OWNER, opened.interview_id)
    assert isinstance(salary, StepView) and salary.kind == "salary" and salary.has_voice
    assert "ответил голосом" in salary.text
    replay = await steps.replay(OWNER, opened.interview_id, competencies)
    assert getattr(replay, "file_id", None) == f"voice-{salary_index}"
    await steps.typed(OWNER, opened.interview_id, "180 тысяч на руки")
    result = await steps.next(OWNER, opened.interview_id, competencies)
    assert isinstance(result, ResultView) and "Ожидания по доходу: 180 тысяч на руки" in result.text


async def test_owner_cannot_rate_before_the_candidate_finishes_and_nobody_else_ever(ctx: FlowContext) -> None:
    links, steps = CandidateLinks(ctx), InterviewSteps(ctx)
    view = await links.create(OWNER, "Рано", "bot")
    early = await steps.rate(OWNER, view.interview_id, 0, 4)
    assert isinstance(early, Notice) and "ещё не ответил" in early.text
    # No access is a refusal the chat layer answers (services.notice.Refusal), not a screen to show.
    with pytest.raises(Refusal) as foreign:
        await steps.open(OTHER, view.interview_id)
    assert foreign.value.text.startswith("Нет доступа")
    with pytest.raises(Refusal):
        await links.revoke(OTHER, view.interview_id)
    with pytest.raises(Refusal):
        await steps.export(OTHER, view.interview_id, "xlsx")


async def test_audit_walks_past_items_that_do_not_apply_both_ways(ctx: FlowContext) -> None:
    steps = InterviewSteps(ctx)
    view = await steps.start(OWNER, Script.AUDIT, "Компания")
    items = [item.id for item in SCRIPTS.audit.items]
    crm, ip = items.index("crm"), items.index("ip_telephony")
    for position in range(crm):
        view = await steps.rate(OWNER, view.interview_id, position, 2)
    assert isinstance(view, StepView) and view.position == crm
    view = await steps.rate(OWNER, view.interview_id, crm, 0)
    assert isinstance(view, StepView) and view.position == ip
    back = await steps.back(OWNER, view.interview_id, ip)
    assert isinstance(back, StepView) and back.position == crm and back.chosen == 0
    forward = await steps.next(OWNER, view.interview_id, crm)
    assert isinstance(forward, StepView) and forward.position == ip
    skipped = await steps.skip(OWNER, view.interview_id, ip)
    assert isinstance(skipped, StepView) and skipped.position == ip + 1
    for position in range(ip + 1, len(items)):
        outcome = await steps.rate(OWNER, view.interview_id, position, 2)
    assert isinstance(outcome, ResultView)
    assert "Не проверено: IP-телефония" in outcome.text
    assert "Сделки без задач — 0 из 2" in outcome.text and "Нет пункта «CRM»" in outcome.text  # not asked, but a gap


async def test_custdev_summary_keeps_the_script_order_and_ignores_empty_steps(ctx: FlowContext) -> None:
    steps = InterviewSteps(ctx)
    view = await steps.start(OWNER, Script.CUSTDEV, "Респондент")
    await steps.skip(OWNER, view.interview_id, 0)
    await steps.typed(OWNER, view.interview_id, "второй ответ")
    await steps.toggle(OWNER, view.interview_id, 1, 3, True)  # ценность
    back = await steps.back(OWNER, view.interview_id, 1)
    assert isinstance(back, StepView) and back.position == 0 and back.can_skip and not back.toggles
    await steps.typed(OWNER, view.interview_id, "первый ответ, записан позже")
    await steps.toggle(OWNER, view.interview_id, 0, 0, True)  # боль
    result = await steps.finish(OWNER, view.interview_id, 0)
    assert isinstance(result, ResultView) and result.insights
    assert result.text.index("первый ответ") < result.text.index("второй ответ")
    repeat = await steps.next(OWNER, view.interview_id, 0)
    assert isinstance(repeat, Notice) and isinstance(repeat.view, ResultView)


async def test_list_shows_every_state_of_an_interview(ctx: FlowContext) -> None:
    steps, links = InterviewSteps(ctx), CandidateLinks(ctx)
    live = await steps.start(OWNER, Script.HIRING, "Живой")
    await steps.rate(OWNER, live.interview_id, 0, 3)
    await steps.next(OWNER, live.interview_id, 0)
    await links.create(OWNER, "По ссылке", "bot")
    done = await steps.start(OWNER, Script.CUSTDEV, "Готовый")
    await steps.finish(OWNER, done.interview_id, 0)
    listing = await InterviewOverview(ctx).list_for(OWNER)
    assert "Живой</b> · Собеседование РОПа — в процессе: шаг 2 из 15" in listing.text
    assert "По ссылке</b> · Собеседование РОПа, заочно — ссылка ждёт кандидата" in listing.text
    assert "Готовый</b> · CustDev-интервью — завершено" in listing.text
    assert [entry.label for entry in listing.entries] == [
        "1. 📄 Открыть: Готовый", "2. 🔗 Ссылка: По ссылке", "3. ▶ Продолжить: Живой"]
    assert (await InterviewOverview(ctx).list_for(OTHER)).entries == ()


async def test_notes_typed_in_pieces_add_up_and_a_salary_is_replaced(ctx: FlowContext) -> None:
    steps = InterviewSteps(ctx)
    view = await steps.start(OWNER, Script.HIRING, "Кандидат")
    await steps.typed(OWNER, view.interview_id, "Говорит «я продал»")
    shown = await steps.typed(OWNER, view.interview_id, "Про команду — ни слова")
    assert isinstance(shown, StepView) and "📝 Говорит «я продал» Про команду — ни слова" in shown.text
    assert (await ctx.interviews.answers(view.interview_id))["control"].note == (
        "Говорит «я продал»\nПро команду — ни слова")
    for position in range(len(SCRIPTS.hiring.competencies)):
        await steps.skip(OWNER, view.interview_id, position)
    await steps.typed(OWNER, view.interview_id, "150 000")
    await steps.typed(OWNER, view.interview_id, "150 000 + 10 % от плана")
    result = await steps.next(OWNER, view.interview_id, len(SCRIPTS.hiring.competencies))
    assert isinstance(result, ResultView) and "Ожидания по доходу: 150 000 + 10 % от плана" in result.text
    assert "Ни одна компетенция не оценена" in result.text
