"""AttestationService against a real database migrated by alembic (SQLite, or PostgreSQL with TEST_DATABASE_URL):
starting, answering once, moving on, finishing, certificates, /verify, /results, and the teams event."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select, text

from db.models import Attempt, AttemptQuestion, Certificate, User
from db.repositories.attempts import AttemptRepository, CertificateRepository
from db.repositories.users import TelegramProfile, UserRepository
from services.attestation.engine.content import load_bank
from services.attestation.engine.instance import QuestionInstance
from services.attestation.flow import AttestationService
from services.attestation.views import FeedbackView, FinishedView, Kind, QuestionView, ResumeOffer
from services.notice import Notice, Refusal
from services.teams.flow import outbox
from services.teams.flow.events import TeamEvents
from tests.unit.attestation.engine.builders import right_response, wrong_response

ANNA, BORIS = 11, 12
BANK = load_bank()
TOPIC = BANK.topics[0].id


class RecordingEvents:
    def __init__(self) -> None:
        self.finished: list[int] = []

    async def exam_finished(self, attempt_id: int) -> None:
        self.finished.append(attempt_id)


class BrokenEvents:
    async def exam_finished(self, attempt_id: int) -> None:
        raise RuntimeError("the outbox is down")


@pytest.fixture
async def session(session_factory) -> AsyncIterator[Any]:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        for uid, first, last in ((ANNA, "Анна", "Смирнова"), (BORIS, "Борис", None)):
            await UserRepository(session).upsert(TelegramProfile(uid, first, last))
        await session.commit()
        yield session


def service(session, events: Any = None, seed: int = 1) -> AttestationService:  # type: ignore[no-untyped-def]
    return AttestationService(AttemptRepository(session), CertificateRepository(session), UserRepository(session),
                              BANK, events if events is not None else RecordingEvents(), rng=random.Random(seed))


async def instance_of(svc: AttestationService, view: QuestionView) -> QuestionInstance:
    row = await svc.attempts.question(view.attempt_id, view.position)
    assert row is not None
    return QuestionInstance.from_dict(row.instance)


async def answer(svc: AttestationService, user_id: int, view: QuestionView, right: bool) -> Any:
    """Answer the question on screen through the service, the way the buttons and a typed reply do."""
    inst = await instance_of(svc, view)
    response = right_response(inst) if right else wrong_response(inst)
    a, p = view.attempt_id, view.position
    if inst.type == "numeric":
        return await svc.typed(user_id, response)
    if inst.type == "single":
        return await svc.tap(user_id, a, p, response)
    if inst.type == "multiple":
        for k in sorted(response):
            await svc.tap(user_id, a, p, k)
        return await svc.done(user_id, a, p)
    outcome = None
    for k in response:
        outcome = await svc.tap(user_id, a, p, k)
    return outcome


async def play_exam(svc: AttestationService, user_id: int, wrong: set[int] = frozenset()) -> FinishedView:  # type: ignore[assignment]
    view = await svc.start(user_id, Kind.EXAM)
    while isinstance(view, QuestionView):
        view = await answer(svc, user_id, view, view.position not in wrong)
    assert isinstance(view, FinishedView), view
    return view


async def answered(session, attempt_id: int) -> int:  # type: ignore[no-untyped-def]
    return (await session.execute(select(func.count()).select_from(AttemptQuestion).where(
        AttemptQuestion.attempt_id == attempt_id, AttemptQuestion.answered_at.is_not(None)))).scalar_one()


# ---- starting ---------------------------------------------------------------------------------------

async def test_practice_starts_on_the_first_question_of_the_topic(session) -> None:  # type: ignore[no-untyped-def]
    view = await service(session).start(ANNA, Kind.PRACTICE, TOPIC)
    total = len(BANK.questions_of(TOPIC))
    assert (view.position, view.total, view.kind) == (0, total, "practice")
    assert view.text.startswith(f"<b>Вопрос 1/{total}</b>")


async def test_an_unknown_topic_and_no_mistakes_are_refused(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session)
    with pytest.raises(Refusal, match="Такой темы нет"):
        await svc.start(ANNA, Kind.PRACTICE, "no_such_topic")
    with pytest.raises(Refusal, match="Такой темы больше нет"):
        await svc.begin(ANNA, Kind.PRACTICE, "no_such_topic")
    with pytest.raises(Refusal, match="Ошибок пока нет"):
        await svc.start(ANNA, Kind.MISTAKES)
    assert (await session.execute(select(func.count()).select_from(Attempt))).scalar_one() == 0


async def test_an_unfinished_attempt_is_offered_back(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session)
    view = await svc.start(ANNA, Kind.EXAM)
    for _ in range(3):
        view = await answer(svc, ANNA, view, True)
    offer = await svc.begin(ANNA, Kind.PRACTICE, TOPIC)
    assert isinstance(offer, ResumeOffer)
    assert "незавершённая попытка" in offer.text and "Экзамен, вопрос 4 из 20" in offer.text
    assert (offer.kind, offer.topic) == (Kind.PRACTICE, TOPIC)
    current = await svc.current(ANNA)
    assert isinstance(current, QuestionView) and current.position == 3


# ---- answering --------------------------------------------------------------------------------------

async def test_practice_gives_feedback_and_next_moves_on(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session)
    view = await svc.start(ANNA, Kind.PRACTICE, TOPIC)
    feedback = await answer(svc, ANNA, view, True)
    assert isinstance(feedback, FeedbackView) and feedback.correct and not feedback.is_last
    assert feedback.text.split("\n\n", 1)[1].startswith("✅")
    following = await svc.next(ANNA, view.attempt_id, view.position)
    assert isinstance(following, QuestionView) and following.position == 1
    again = await svc.next(ANNA, view.attempt_id, view.position)  # «Дальше» tapped twice moves once
    assert isinstance(again, QuestionView) and again.position == 1


async def test_a_double_answer_is_counted_once(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session, seed=3)
    view = await svc.start(ANNA, Kind.PRACTICE, TOPIC)
    while (await instance_of(svc, view)).type != "single":
        await answer(svc, ANNA, view, True)
        view = await svc.next(ANNA, view.attempt_id, view.position)
    inst = await instance_of(svc, view)
    assert isinstance(await svc.tap(ANNA, view.attempt_id, view.position, inst.correct[0]), FeedbackView)
    with pytest.raises(Refusal, match="Этот вопрос уже позади"):  # a re-delivered update: same question
        await svc.tap(ANNA, view.attempt_id, view.position, inst.correct[0])
    assert await answered(session, view.attempt_id) == view.position + 1

    exam = await svc.start(ANNA, Kind.EXAM)
    inst = await instance_of(svc, exam)
    await answer(svc, ANNA, exam, True)
    stale = await svc.tap(ANNA, exam.attempt_id, 0, 0)  # an old button: the live question comes back
    assert isinstance(stale, Notice) and stale.text.startswith("Этот вопрос уже позади")
    assert isinstance(stale.view, QuestionView) and stale.view.position == 1
    assert await answered(session, exam.attempt_id) == 1


async def test_unusable_answers_change_nothing(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session, seed=5)
    view = await svc.start(ANNA, Kind.EXAM)
    while (inst := await instance_of(svc, view)).type == "numeric":
        view = await answer(svc, ANNA, view, True)
    typed = await svc.typed(ANNA, "42")
    assert isinstance(typed, Notice) and typed.text == "Ответьте кнопками под вопросом."
    with pytest.raises(Refusal, match="Такого варианта нет"):
        await svc.tap(ANNA, view.attempt_id, view.position, len(inst.choices))
    assert await answered(session, view.attempt_id) == view.position


async def test_a_foreign_or_closed_attempt_is_refused(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session)
    view = await svc.start(ANNA, Kind.EXAM)
    with pytest.raises(Refusal, match="Это не ваша попытка"):
        await svc.tap(BORIS, view.attempt_id, 0, 0)
    with pytest.raises(Refusal, match="Это не ваша попытка"):
        await svc.current(BORIS, view.attempt_id)
    with pytest.raises(Refusal, match="Сейчас нет начатой попытки"):
        await svc.typed(BORIS, "12")
    await svc.start(ANNA, Kind.PRACTICE, TOPIC)  # starting anew closes the exam
    with pytest.raises(Refusal, match="уже завершена"):
        await svc.tap(ANNA, view.attempt_id, 0, 0)
    assert await answered(session, view.attempt_id) == 0


# ---- finishing --------------------------------------------------------------------------------------

async def test_a_passed_exam_certifies_tells_the_teams_once_and_verifies(session) -> None:  # type: ignore[no-untyped-def]
    events = RecordingEvents()
    svc = service(session, events)
    finished = await play_exam(svc, ANNA, wrong={3})
    assert finished.text.startswith("Результат: 19 из 20 (95 %)")
    assert finished.summary.passed and "Аттестация пройдена" in finished.text
    assert finished.certificate_code and finished.certificate_png and finished.certificate_png[:4] == b"\x89PNG"
    assert events.finished == [finished.attempt_id]
    shown_again = await svc.current(ANNA, finished.attempt_id)  # the result again: no second event
    assert isinstance(shown_again, FinishedView) and shown_again.certificate_png is None
    assert events.finished == [finished.attempt_id]
    certificate = (await session.execute(select(Certificate))).scalar_one()
    assert certificate.code == finished.certificate_code and certificate.full_name == "Анна Смирнова"
    valid = await svc.verify(certificate.code.lower())
    assert "действителен" in valid and "Анна Смирнова" in valid and "95 %" in valid
    assert "не найден" in await svc.verify("AAAA-BBBB-CC")
    assert (await svc.verify("")).startswith("Укажите код сертификата")


async def test_a_failed_exam_has_no_certificate_and_feeds_mistakes(session) -> None:  # type: ignore[no-untyped-def]
    events = RecordingEvents()
    svc = service(session, events)
    finished = await play_exam(svc, ANNA, wrong=set(range(5)))
    assert finished.text.startswith("Результат: 15 из 20 (75 %)") and "не пройдена" in finished.text
    assert finished.certificate_code is None and finished.certificate_png is None
    assert events.finished == [finished.attempt_id]
    retry = await svc.start(ANNA, Kind.MISTAKES)
    assert retry.kind == "mistakes" and retry.total == 5


async def test_results_list_attempts_and_mastery(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session)
    assert "Пока ни одной завершённой попытки" in await svc.results_text(ANNA)
    await play_exam(svc, ANNA)
    text_ = await svc.results_text(ANNA)
    assert "Экзамен: 20 из 20 (100 %) — сдан ✔" in text_ and "Освоение тем" in text_


async def test_a_failing_event_never_loses_the_exam(session, session_factory) -> None:  # type: ignore[no-untyped-def]
    finished = await play_exam(service(session, BrokenEvents()), ANNA)
    await session.commit()
    async with session_factory() as fresh:
        attempt = await fresh.get(Attempt, finished.attempt_id)
        assert attempt is not None and attempt.status == "finished" and attempt.passed


async def test_team_events_fail_under_a_savepoint(session, session_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A database error while scheduling the owners' notice undoes only that work: the exam is committed."""

    async def broken(teams, notifications, attempt_id):  # type: ignore[no-untyped-def]
        await session.execute(User.__table__.update().where(User.id == ANNA).values(first_name="Испорчено"))
        await session.execute(text("select * from no_such_table"))  # PostgreSQL aborts the transaction here

    monkeypatch.setattr(outbox, "schedule_exam_result", broken)
    finished = await play_exam(service(session, TeamEvents(session)), ANNA)
    await session.commit()
    async with session_factory() as fresh:
        attempt = await fresh.get(Attempt, finished.attempt_id)
        user = await fresh.get(User, ANNA)
        assert attempt is not None and attempt.status == "finished"
        assert user is not None and user.first_name == "Анна"


# ---- an exam answer's writes ------------------------------------------------------------------------

async def test_an_exam_answer_is_stored_and_moves_on_once(session) -> None:  # type: ignore[no-untyped-def]
    # On PostgreSQL the answer and the move are one statement; a repeat (a re-delivered tap) changes nothing.
    svc = service(session, seed=2)
    exam = await svc.start(ANNA, Kind.EXAM)
    row = await svc.attempts.question(exam.attempt_id, 0)
    assert row is not None
    attempts = svc.attempts
    assert await attempts.record_and_advance(row.id, {"value": 0}, True, exam.attempt_id, 0)
    assert not await attempts.record_and_advance(row.id, {"value": 1}, False, exam.attempt_id, 0)
    await session.commit()
    stored = await session.get(AttemptQuestion, row.id, populate_existing=True)
    attempt = await session.get(Attempt, exam.attempt_id, populate_existing=True)
    assert (stored.response, stored.correct, attempt.current_index) == ({"value": 0}, True, 1)


async def test_an_exam_tap_writes_once_on_postgresql(session) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    svc = service(session, seed=4)
    view = await svc.start(ANNA, Kind.EXAM)
    while (inst := await instance_of(svc, view)).type != "single":
        view = await answer(svc, ANNA, view, True)
    await session.commit()
    statements: list[str] = []
    engine = session.get_bind()

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement.split()[0].upper())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        moved = await svc.tap(ANNA, view.attempt_id, view.position, inst.correct[0])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert isinstance(moved, QuestionView) and moved.position == view.position + 1
    # The read of the attempt with its question rows, then the writes: one statement on PostgreSQL (a round trip
    # each), the answer and the move apart on SQLite (run in place there: no round trip to save).
    writes = ["WITH"] if engine.dialect.name == "postgresql" else ["UPDATE", "UPDATE"]
    assert statements == ["SELECT", *writes]
