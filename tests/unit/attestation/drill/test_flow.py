"""The drill's use cases over a real (migrated) database: settings, planning and claiming once, the rules that
skip a drill, answering and the stored schedule, missed days and old buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from db.models import DrillCard, DrillReview, DrillRun, User
from services.attestation.drill.flow.answers import DrillAnswers
from services.attestation.drill.flow.context import DrillContext
from services.attestation.drill.flow.outbox import DrillOutbox
from services.attestation.drill.flow.settings import DrillSettingsService
from services.attestation.drill.views import FeedbackView, PickView, QuestionView, SettingsView
from services.attestation.engine.content import load_bank
from services.attestation.engine.instance import make_instance
from services.clock import Clock, as_utc
from services.notice import Refusal
from tests.unit.attestation.engine.builders import right_response, wrong_response

MOSCOW = ZoneInfo("Europe/Moscow")
MONDAY_0930 = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)
USER = 501


@dataclass
class MovableClock:
    moment: datetime

    def clock(self) -> Clock:
        return Clock(None, real_now=lambda: self.moment)


@pytest.fixture
def time() -> MovableClock:
    return MovableClock(MONDAY_0930 - timedelta(hours=1))


@pytest.fixture
async def session(session_factory) -> AsyncIterator:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        session.add(User(id=USER, first_name="Анна"))
        await session.commit()
        yield session


def ctx(session, time: MovableClock) -> DrillContext:  # type: ignore[no-untyped-def]
    return DrillContext.for_session(session, load_bank(), time.clock(), MOSCOW)


async def turn_on(session, time: MovableClock) -> None:  # type: ignore[no-untyped-def]
    settings = DrillSettingsService(ctx(session, time))
    first = await settings.turn_on(USER)
    assert isinstance(first, PickView) and first.then_enable  # the zone is asked once, before the first drill
    assert any(c.key == "Europe/Moscow" and c.picked for c in first.choices)
    view = await settings.set_zone(USER, "Europe/Moscow", then_enable=True)
    assert isinstance(view, SettingsView) and view.enabled
    await session.commit()


async def deliver(session, time: MovableClock, owner: str = "p1") -> list:  # type: ignore[no-untyped-def]
    box = DrillOutbox(ctx(session, time))
    await box.plan()
    batch = await box.claim_due(owner)
    for item in batch:
        assert await box.start_sending(item.run_id, owner)
        await box.sent(item.run_id, 77)
    await session.commit()
    return batch


async def answer(session, time: MovableClock, right: bool) -> FeedbackView:  # type: ignore[no-untyped-def]
    answers = DrillAnswers(ctx(session, time))
    run = (await session.execute(select(DrillRun).where(DrillRun.status == "open")
                                 .execution_options(populate_existing=True))).scalar_one()
    bank = load_bank()
    instance = make_instance(bank.question(run.questions[run.position]), run.seed)
    response = right_response(instance) if right else wrong_response(instance)
    if instance.type == "numeric":
        outcome = await answers.typed(USER, response)
    elif instance.type in ("single",):
        outcome = await answers.tap(USER, run.id, run.position, response)
    else:
        outcome = None
        for value in sorted(response) if instance.type == "multiple" else response:
            outcome = await answers.tap(USER, run.id, run.position, value)
        if instance.type == "multiple":
            outcome = await answers.done(USER, run.id, run.position)
    assert isinstance(outcome, FeedbackView), outcome
    await session.commit()
    return outcome


async def test_planned_once_claimed_once_and_the_schedule_moves_on(session, time: MovableClock) -> None:  # type: ignore[no-untyped-def]
    await turn_on(session, time)
    assert await deliver(session, time) == []  # 08:30: not yet
    time.moment = MONDAY_0930 + timedelta(seconds=1)
    batch = await deliver(session, time)
    assert len(batch) == 1 and isinstance(batch[0].question, QuestionView)
    assert "Тренировка на 02.03" in batch[0].question.text and "Вопрос 1/3" in batch[0].question.text
    assert await deliver(session, time, owner="p2") == []  # another process finds nothing; nor a second round
    run = (await session.execute(select(DrillRun))).scalar_one()
    assert (run.status, run.message_id, len(run.questions)) == ("open", 77, 3)
    time.moment = MONDAY_0930 + timedelta(hours=5)
    assert await deliver(session, time) == []  # the same day: no second drill


async def test_answers_move_the_stored_schedule_and_the_day_ends_with_a_summary(session, time: MovableClock) -> None:  # type: ignore[no-untyped-def]
    await turn_on(session, time)
    time.moment = MONDAY_0930 + timedelta(minutes=1)
    await deliver(session, time)
    first = await answer(session, time, True)
    assert "✅ <b>Верно</b>" in first.text and not first.is_last
    answers = DrillAnswers(ctx(session, time))
    with pytest.raises(Refusal):  # the first question was answered: its button is stale now
        await answers.tap(USER, first.run_id, 0, 0)
    shown = await answers.next(USER, first.run_id, 0)
    assert isinstance(shown, QuestionView) and "Вопрос 2/3" in shown.text
    await session.commit()
    await answer(session, time, False)
    await answers.next(USER, first.run_id, 1)
    await session.commit()
    last = await answer(session, time, True)
    assert last.is_last and "Тренировка пройдена: 2 из 3</b>, серия 1 день" in last.text
    cards = {c.question_id: c for c in (await session.execute(select(DrillCard))).scalars()}
    reviews = list((await session.execute(select(DrillReview).order_by(DrillReview.position))).scalars())
    assert [(r.correct, r.rating, r.elapsed_days) for r in reviews] == [(True, 3, None), (False, 1, None),
                                                                        (True, 3, None)]
    assert [cards[r.question_id].interval_days for r in reviews] == [2, 1, 2]
    assert all(as_utc(c.last_review) == MONDAY_0930 for c in cards.values())  # the slot, not the tap
    run = (await session.execute(select(DrillRun).execution_options(populate_existing=True))).scalar_one()
    assert (run.status, run.answered, run.correct) == ("done", 3, 2)

    time.moment = MONDAY_0930 + timedelta(days=7, minutes=1)  # the next Monday: all three are due again
    (monday,) = await deliver(session, time)
    wrong_topic = load_bank().question(reviews[1].question_id).topic_id
    title = load_bank().topic(wrong_topic).title
    assert f"Итоги недели:</b> 2 из 3 верно, слабее всего — {title}." in monday.question.text
    again = (await session.execute(select(DrillRun).where(DrillRun.id == monday.run_id))).scalar_one()
    assert again.questions[0] == reviews[1].question_id  # the most overdue (due the next day) comes first
    assert set(again.questions) == set(cards)


async def test_a_drill_due_while_the_bot_was_down_is_sent_the_same_day_and_skipped_later(session,  # type: ignore[no-untyped-def]
                                                                                       time: MovableClock) -> None:
    await turn_on(session, time)
    time.moment = MONDAY_0930 + timedelta(hours=3)  # 12:30: late but the same day
    assert len(await deliver(session, time)) == 1
    time.moment = MONDAY_0930 + timedelta(days=2, hours=12)  # Wednesday 21:30: Tuesday passed, now quiet hours
    assert await deliver(session, time) == []
    runs = {run.day.isoformat(): run.status for run in (await session.execute(
        select(DrillRun).execution_options(populate_existing=True))).scalars()}
    assert runs == {"2026-03-02": "open", "2026-03-03": "skipped", "2026-03-04": "skipped"}
    time.moment = MONDAY_0930 + timedelta(days=3, minutes=1)  # Thursday 09:31: on time again
    assert len(await deliver(session, time)) == 1
    time.moment = MONDAY_0930 + timedelta(days=7, hours=2)  # down from Friday to Monday 11:30
    (late,) = await deliver(session, time)
    runs = {run.day.isoformat(): run.status for run in (await session.execute(
        select(DrillRun).execution_options(populate_existing=True))).scalars()}
    assert runs == {"2026-03-02": "missed", "2026-03-03": "skipped", "2026-03-04": "skipped",
                    "2026-03-05": "missed", "2026-03-06": "skipped", "2026-03-09": "open"}
    assert "Тренировка на 09.03" in late.question.text


async def test_old_drill_buttons_say_it_is_over_and_blocked_users_are_skipped(session, time: MovableClock) -> None:  # type: ignore[no-untyped-def]
    await turn_on(session, time)
    time.moment = MONDAY_0930 + timedelta(minutes=1)
    (monday,) = await deliver(session, time)
    time.moment += timedelta(days=1)
    await deliver(session, time)
    answers = DrillAnswers(ctx(session, time))
    with pytest.raises(Refusal) as over:
        await answers.tap(USER, monday.run_id, 0, 0)
    assert "уже пришла следующая" in over.value.text
    with pytest.raises(Refusal) as foreign:
        await answers.tap(USER + 1, monday.run_id, 0, 0)
    assert "не ваша" in foreign.value.text
    user = await session.get(User, USER)
    user.blocked_at = time.moment
    await session.commit()
    time.moment += timedelta(days=1)
    assert await deliver(session, time) == []
    statuses = [run.status for run in (await session.execute(
        select(DrillRun).order_by(DrillRun.day).execution_options(populate_existing=True))).scalars()]
    assert statuses == ["missed", "open", "blocked"]


async def test_settings_refuse_quiet_times_and_an_empty_week(session, time: MovableClock) -> None:  # type: ignore[no-untyped-def]
    settings = DrillSettingsService(ctx(session, time))
    with pytest.raises(Refusal):
        await settings.set_time(USER, 21 * 60)
    with pytest.raises(Refusal):
        await settings.typed_time(USER, "завтра")
    view = await settings.typed_time(USER, "8:05")
    assert "Время тренировки: 08:05" in view.text
    for day in range(4):
        await settings.toggle_day(USER, day)
    with pytest.raises(Refusal):
        await settings.toggle_day(USER, 4)  # Friday is the last day left
    off = await settings.home(USER)
    assert "выключена" in off.text and "пт в 08:05" in off.text
