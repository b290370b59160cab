"""The owner's pause (/cancel, /menu), typed input checked for what it is, and the candidate's short answers
(issue 13, items 1, 2 and 4) — the flow services over a migrated database, no Telegram."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from db.repositories.users import TelegramProfile, UserRepository
from services.interviews.engine.content import default_scripts
from services.interviews.engine.kinds import Script
from services.interviews.flow.candidates import CandidateLinks
from services.interviews.flow.context import FlowContext
from services.interviews.flow.overview import InterviewOverview
from services.interviews.flow.steps import NOTE_LIMIT, InterviewSteps
from services.interviews.flow.typed_input import typed_score
from services.interviews.views import CandidateHint, CandidateQuestionView, PausedView, StepView
from services.notice import Notice

OWNER, CANDIDATE = 1, 2
SCRIPTS = default_scripts()
TOKEN_RE = re.compile(r"start=cand_([A-Za-z0-9_-]+)")


@pytest.fixture
async def ctx(session_factory) -> AsyncIterator[FlowContext]:  # type: ignore[no-untyped-def]
    async with session_factory() as session, session.begin():
        for user_id in (OWNER, CANDIDATE):
            await UserRepository(session).upsert(TelegramProfile(user_id, f"user{user_id}"))
        yield FlowContext.for_session(session)


async def _shown(steps: InterviewSteps, view: StepView, message_id: int = 100) -> StepView:
    await steps.set_message(view.interview_id, message_id)  # the chat showed the card
    return view


@pytest.mark.parametrize(("text", "score"), [("2", 2), (" 3. ", 3), ("4)", 4), ("2 балла", None), ("12", None),
                                             ("оценка 2", None), ("", None)])
def test_a_lone_digit_is_a_score(text: str, score: int | None) -> None:
    assert typed_score(text) == score


async def test_pause_holds_the_buttons_until_the_owner_goes_on(ctx: FlowContext) -> None:
    steps = InterviewSteps(ctx)
    view = await _shown(steps, await steps.start(OWNER, Script.AUDIT, "ООО «Окна»"))
    assert await InterviewSteps(ctx).pause(CANDIDATE) == ""  # nothing of his own in progress
    note = await steps.pause(OWNER)
    assert note == "⏸ Аудит бизнеса «ООО «Окна»» — на паузе. Всё сохранено, продолжить: /interviews"
    assert await steps.pause(OWNER) == ""  # already paused: said once
    refused = await steps.rate(OWNER, view.interview_id, 0, 2)
    assert isinstance(refused, Notice) and refused.text == "Это интервью на паузе — продолжить?"
    assert isinstance(refused.view, PausedView) and "шаг 1 из" in refused.view.text
    assert await ctx.interviews.answers(view.interview_id) == {}
    typed = await steps.typed(OWNER, view.interview_id, "2")
    assert isinstance(typed, PausedView)  # typed input on a paused interview: its «Продолжить» card, nothing saved
    listing = await InterviewOverview(ctx).list_for(OWNER)
    assert "⏸ на паузе: шаг 1 из" in listing.text
    resumed = await steps.open(OWNER, view.interview_id)
    assert isinstance(resumed, StepView) and resumed.position == 0
    moved = await steps.rate(OWNER, view.interview_id, 0, 2)
    assert isinstance(moved, StepView) and moved.position == 1


async def test_several_interviews_pause_together_and_a_card_never_shown_is_not_in_progress(ctx: FlowContext) -> None:
    steps = InterviewSteps(ctx)
    for name in ("Анна", "Борис", "Вера", "Глеб"):
        await _shown(steps, await steps.start(OWNER, Script.HIRING, name))
    await steps.start(OWNER, Script.CUSTDEV, "Не показано")  # no card on screen yet (a crash before it)
    note = await steps.pause(OWNER)
    assert note.startswith("⏸ Собеседование РОПа «Глеб», Собеседование РОПа «Вера», Собеседование РОПа «Борис» и ещё 1")
    assert "Не показано" not in note


async def test_typed_input_is_checked_for_what_it_is(ctx: FlowContext) -> None:
    steps = InterviewSteps(ctx)
    hiring = await _shown(steps, await steps.start(OWNER, Script.HIRING, "Кандидат"))
    rated = await steps.typed(OWNER, hiring.interview_id, "3")
    assert isinstance(rated, StepView) and rated.chosen == 3 and rated.saved == "✅ Оценка 3 — в карточке выше ↑"
    assert rated.card_id == 100 and (await ctx.interviews.answers(hiring.interview_id))["control"].note is None
    out_of_scale = await steps.typed(OWNER, hiring.interview_id, "7")
    assert isinstance(out_of_scale, Notice) and out_of_scale.view is None  # a line; the live card stays
    assert "кнопками 1–4" in out_of_scale.text
    noted = await steps.typed(OWNER, hiring.interview_id, "Говорит про планёрки")
    assert isinstance(noted, StepView) and noted.saved == "📝 Заметка добавлена в карточку выше ↑"
    voice = await steps.voice(OWNER, hiring.interview_id, "VOICE", 5)
    sticker = await steps.unreadable(OWNER, hiring.interview_id)
    assert isinstance(voice, Notice) and isinstance(sticker, Notice) and voice.text == sticker.text
    await ctx.interviews.save_answer(hiring.interview_id, "control", note="x" * NOTE_LIMIT)
    full = await steps.typed(OWNER, hiring.interview_id, "ещё одна заметка")
    assert isinstance(full, Notice) and "больше в карточку не помещается" in full.text

    custdev = await _shown(steps, await steps.start(OWNER, Script.CUSTDEV, "Респондент"), 200)
    spoken = await steps.voice(OWNER, custdev.interview_id, "VOICE-1", 42)
    assert isinstance(spoken, StepView) and spoken.saved and spoken.card_id == 200
    row = (await ctx.interviews.answers(custdev.interview_id))[SCRIPTS.custdev.questions()[0].id]
    assert (row.voice_file_id, row.voice_seconds) == ("VOICE-1", 42)


async def test_a_short_answer_is_asked_for_more_once_and_a_salary_is_never(ctx: FlowContext) -> None:
    links = CandidateLinks(ctx)
    link = await links.create(OWNER, "Кандидат", "bot")
    opened = await links.open_link(CANDIDATE, TOKEN_RE.search(link.text).group(1))
    assert isinstance(opened, CandidateQuestionView)
    interview_id = opened.interview_id
    more = await links.answer(CANDIDATE, interview_id, text="ок")
    assert isinstance(more, CandidateHint) and "Это весь ответ?" in more.text and not more.resume
    voice = await links.answer(CANDIDATE, interview_id, voice_file_id="V", voice_seconds=33)
    assert isinstance(voice, CandidateQuestionView) and voice.position == 1
    row = (await ctx.interviews.answers(interview_id))["control"]
    assert (row.text, row.voice_file_id, row.voice_seconds) == ("ок", "V", 33)
    paused = await links.pause(CANDIDATE, interview_id)
    assert isinstance(paused, CandidateHint) and paused.resume and "Ответы сохранены: 1 из" in paused.text
    resumed = await links.resume(CANDIDATE)
    assert isinstance(resumed, CandidateQuestionView) and resumed.position == 1
    questions = len(SCRIPTS.hiring.remote_questions())
    for _ in range(1, questions - 1):
        await links.answer(CANDIDATE, interview_id, text="Разбирали каждую сделку на планёрке с цифрами")
    done = await links.answer(CANDIDATE, interview_id, text="150 000")  # the salary: a bare figure is fine
    assert not isinstance(done, CandidateHint)
    assert (await ctx.interviews.get(interview_id)).salary == "150 000"
    assert isinstance(await links.resume(CANDIDATE), Notice)  # nothing left to answer
