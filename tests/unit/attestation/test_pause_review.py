"""The flow's side of issue 13: pausing (/cancel, /menu) and coming back, the one live copy of a question, the
review of a finished exam (services/attestation/flow.py, review.py)."""

from __future__ import annotations

import pytest

from db.models import Attempt
from services.attestation.flow import is_old_copy
from services.attestation.views import FinishedView, OldCopy, PausedView, QuestionView
from services.notice import Notice, Refusal
from tests.unit.attestation.test_flow import ANNA, BORIS, answer, play_exam, service
from tests.unit.attestation.test_flow import session as session  # the fixture, re-exported


async def test_a_paused_attempt_answers_nothing_until_resumed(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session)
    assert await svc.pause(ANNA) == ""  # nothing open: nothing to say
    view = await svc.start(ANNA, "exam")
    note = await svc.pause(ANNA)
    assert note == "⏸ Экзамен, вопрос 1 из 20 — на паузе. Попытка сохранена, продолжить: /exam"
    tapped = await svc.tap(ANNA, view.attempt_id, 0, 0)
    assert isinstance(tapped, Notice) and tapped.text == "Эта попытка на паузе — продолжить?"
    assert isinstance(tapped.view, PausedView) and "на паузе" in tapped.view.text
    assert isinstance(await svc.typed(ANNA, "12"), PausedView)
    resumed = await svc.resume(ANNA)
    assert isinstance(resumed, QuestionView) and resumed.position == 0
    assert not isinstance(await answer(svc, ANNA, resumed, True), Notice)


def test_only_the_live_copy_of_a_question_answers() -> None:
    attempt = Attempt(current_index=3, message_id=500)
    assert not is_old_copy(attempt, 3, 500)
    assert not is_old_copy(attempt, 3, None)  # a typed answer
    assert is_old_copy(attempt, 3, 400)  # the same question, an older copy up the chat
    unknown = Attempt(current_index=3, message_id=None)  # a numeric question shown: no live buttons
    assert not is_old_copy(unknown, 3, 400) and is_old_copy(unknown, 2, 400)


async def test_an_old_copy_is_refused_by_message(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session)
    view = await svc.start(ANNA, "exam")
    await svc.set_message(view.attempt_id, ANNA, 777)
    outcome = await svc.tap(ANNA, view.attempt_id, 0, 0, message_id=776)
    assert isinstance(outcome, Notice) and isinstance(outcome.view, OldCopy)
    assert outcome.text.startswith("Этот вопрос ниже")


async def test_the_review_pages_each_wrong_answer(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session)
    finished = await play_exam(svc, ANNA, wrong={0, 5, 19})
    assert isinstance(finished, FinishedView) and finished.wrong == 3
    pages = [await svc.review(ANNA, finished.attempt_id, i) for i in range(3)]
    assert [p.index for p in pages] == [0, 1, 2] and {p.count for p in pages} == {3}
    assert "Вопрос 1 из 20" in pages[0].text and "Вопрос 20 из 20" in pages[2].text
    assert all("❌ Ваш ответ" in p.text and "✅ Правильный ответ" in p.text for p in pages)
    assert (await svc.review(ANNA, finished.attempt_id, 99)).index == 2  # past the end: the last page
    with pytest.raises(Refusal, match="Это не ваша попытка"):
        await svc.review(BORIS, finished.attempt_id, 0)
    assert (await svc.summary(ANNA, finished.attempt_id)).text == finished.text


async def test_a_flawless_exam_has_nothing_to_review_and_an_open_one_no_review_yet(session) -> None:  # type: ignore[no-untyped-def]
    svc = service(session)
    finished = await play_exam(svc, ANNA)
    assert finished.wrong == 0
    with pytest.raises(Refusal, match="ошибок нет"):
        await svc.review(ANNA, finished.attempt_id, 0)
    view = await svc.start(ANNA, "exam")
    with pytest.raises(Refusal, match="когда экзамен будет завершён"):
        await svc.review(ANNA, view.attempt_id, 0)
