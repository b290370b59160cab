"""Start, menu, help, cancel, fallbacks and the profile flow through the real Dispatcher."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import AnswerCallbackQuery, SendMessage

from db.models import User
from tests.dispatcher.conftest import Chatter


async def test_start_greets_by_name_and_shows_menu(alice: Chatter, session_factory) -> None:
    await alice.send("/start")
    assert "Здравствуйте, Алиса Петрова!" in alice.last_text()
    labels = [b.text for row in alice.last_markup().inline_keyboard for b in row]
    assert labels == ["Аттестация", "Собеседование РОПа", "CustDev-интервью", "Аудит бизнеса",
                      "Анализ файла (RFM / воронка / сезонность)", "Ежедневная тренировка", "🎭 Тренажёр диалогов",
                      "Моя команда", "Помощь"]
    async with session_factory() as session:
        user = await session.get(User, alice.user.id)
    assert user is not None and user.username == "alice" and user.language_code == "ru"


async def test_user_name_is_escaped_in_greeting(dispatcher, bot, recording) -> None:
    from aiogram.types import User as TgUser

    evil = Chatter(dispatcher, bot, recording, TgUser(id=7, is_bot=False, first_name="<b>Bob</b> & Co"))
    await evil.send("/start")
    assert "&lt;b&gt;Bob&lt;/b&gt; &amp; Co" in evil.last_text()


async def test_a_name_of_only_spaces_gets_a_neutral_greeting(dispatcher, bot, recording) -> None:
    from aiogram.types import User as TgUser

    blank = Chatter(dispatcher, bot, recording, TgUser(id=8, is_bot=False, first_name="   "))
    await blank.send("/start")
    assert "Здравствуйте, друг!" in blank.last_text()


async def test_profile_change_in_telegram_reaches_the_users_table(dispatcher, bot, recording, session_factory) -> None:
    from aiogram.types import User as TgUser

    await Chatter(dispatcher, bot, recording, TgUser(id=9, is_bot=False, first_name="Ира")).send("/start")
    renamed = Chatter(dispatcher, bot, recording, TgUser(id=9, is_bot=False, first_name="Ирина", username="ira"))
    await renamed.send("/help")
    async with session_factory() as session:
        user = await session.get(User, 9)
    assert user is not None and (user.first_name, user.username) == ("Ирина", "ira")


async def test_help_lists_sections_with_examples(alice: Chatter) -> None:
    await alice.send("/help")
    text = alice.last_text()
    assert "/exam" in text and "Анализ файла" in text and "Пример" in text


async def test_free_text_and_sticker_outside_flow_get_hint_and_menu(alice: Chatter) -> None:
    await alice.send("привет, что ты умеешь?")
    assert "Я отвечаю на команды и кнопки" in alice.last_text()
    assert alice.last_markup() is not None
    before = len(alice.session.sent(SendMessage))
    from aiogram.types import Sticker

    sticker = Sticker(file_id="s1", file_unique_id="u1", type="regular", width=512, height=512,
                      is_animated=False, is_video=False)
    await alice.send_message(sticker=sticker)
    assert len(alice.session.sent(SendMessage)) == before + 1
    assert "Я отвечаю на команды и кнопки" in alice.last_text()


async def test_unknown_deep_link_and_team_invite_payload(alice: Chatter) -> None:
    await alice.send("/start garbage!!")
    assert "Ссылка не распознана" in alice.last_text()
    await alice.send("/start join_abc123")
    assert "приглашение недействительно" in alice.last_text()


async def test_team_section_opens_from_the_menu(alice: Chatter) -> None:
    await alice.send("/start")
    await alice.press(alice.button_data("Моя команда"))
    assert "Создайте свою или попросите у руководителя ссылку-приглашение" in alice.last_text()
    assert alice.session.sent(AnswerCallbackQuery), "every callback must be answered"


async def test_stale_button_gets_polite_answer(alice: Chatter) -> None:
    await alice.press("zz:unknown:1")
    answers = alice.session.sent(AnswerCallbackQuery)
    assert answers and answers[-1].text == "Эта кнопка устарела. Откройте /menu."


async def test_profile_flow_saves_and_validates(alice: Chatter, session_factory) -> None:
    await alice.send("/profile")
    await alice.send("1")
    assert "Имя должно быть" in alice.last_text()
    await alice.send("Алиса Петрова")
    await alice.press(alice.button_data("Менеджер"))
    assert "Шаг 3 из 3" in alice.last_text()
    await alice.send("ООО «Окна <Север>»")
    assert "Профиль сохранён" in alice.last_text()
    assert "&lt;Север&gt;" in alice.last_text()
    async with session_factory() as session:
        user = await session.get(User, alice.user.id)
    assert (user.full_name, user.role, user.company) == ("Алиса Петрова", "manager", "ООО «Окна <Север>»")


def alice_key(alice: Chatter) -> StorageKey:
    return StorageKey(bot_id=alice.bot.id, chat_id=alice.user.id, user_id=alice.user.id)


async def test_cancel_leaves_flow_and_clears_state(alice: Chatter, session_factory, fsm_factory) -> None:  # type: ignore[no-untyped-def]
    await alice.send("/profile")
    await alice.send("/cancel")
    assert "сценарий прерван" in alice.last_text()
    storage, _ = fsm_factory(session_factory)
    assert await storage.get_state(alice_key(alice)) is None
    await alice.send("/cancel")
    assert "нет активного сценария" in alice.last_text()


async def test_flow_state_lives_outside_the_process(alice: Chatter, session_factory, fsm_factory) -> None:  # type: ignore[no-untyped-def]
    await alice.send("/profile")
    await alice.send("Алиса Петрова")
    # What another bot process (or this one after a restart) reads: the database, or Redis when configured.
    storage, _ = fsm_factory(session_factory)
    assert await storage.get_state(alice_key(alice)) == "ProfileForm:role"
    assert await storage.get_data(alice_key(alice)) == {"full_name": "Алиса Петрова"}


async def test_sticker_inside_flow_gets_flow_hint(alice: Chatter) -> None:
    from aiogram.types import Sticker

    await alice.send("/profile")
    sticker = Sticker(file_id="s1", file_unique_id="u1", type="regular", width=512, height=512,
                      is_animated=False, is_video=False)
    await alice.send_message(sticker=sticker)
    assert "Не понял ответ" in alice.last_text()
