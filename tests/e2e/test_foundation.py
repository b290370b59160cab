"""The real bot process against the stub Bot API: start → menu → help → cancel, kill -9 mid-flow, SIGTERM."""

from __future__ import annotations

from tests.databases import query
from tests.e2e.harness import BotProcess
from tests.stubapi import StubBotApi


async def test_start_menu_help_cancel(stub: StubBotApi, bot_process: BotProcess) -> None:
    anna = stub.user(1001, "Анна", username="anna")
    stub.send_text(anna, "/start")
    greeting = await stub.wait_message(anna.id, "Здравствуйте, Анна!")
    assert greeting.button_labels()[:2] == ["Аттестация", "Собеседование РОПа"]
    commands = [c["command"] for c in stub.commands()]
    assert {"start", "menu", "help", "cancel", "exam"} <= set(commands)

    stub.press(anna, greeting, "Помощь")
    await stub.wait_shown(anna.id, "Как пользоваться Sales Coach")
    stub.send_text(anna, "/menu")
    await stub.wait_message(anna.id, "Главное меню")
    stub.send_text(anna, "/profile")
    await stub.wait_message(anna.id, "Шаг 1 из 3")
    stub.send_text(anna, "/cancel")
    await stub.wait_message(anna.id, "сценарий прерван")
    stub.send_text(anna, "просто текст")
    await stub.wait_message(anna.id, "Я отвечаю на команды и кнопки")
    stub.send_sticker(anna)
    await stub.wait_message(anna.id, "Я отвечаю на команды и кнопки")
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()


async def test_kill9_mid_flow_then_restart_continues(stub: StubBotApi, bot_process: BotProcess) -> None:
    boris = stub.user(1002, "Борис")
    stub.send_text(boris, "/profile")
    await stub.wait_message(boris.id, "Шаг 1 из 3")
    stub.send_text(boris, "Борис Иванов")
    roles = await stub.wait_message(boris.id, "Шаг 2 из 3")

    assert await bot_process.kill9() == -9
    await bot_process.start()

    stub.press(boris, roles, "Руководитель отдела продаж")
    await stub.wait_edit(boris.id, roles.message_id, contains="Шаг 3 из 3")
    stub.send_text(boris, "ООО «Вектор»")
    await stub.wait_message(boris.id, "Профиль сохранён")
    (row,) = query(bot_process.database_url, "select full_name, role, company from users where id = 1002")
    assert tuple(row) == ("Борис Иванов", "head", "ООО «Вектор»")
    stub.assert_no_api_errors()


async def test_flood_control_does_not_lose_replies(stub: StubBotApi, bot_process: BotProcess) -> None:
    vera = stub.user(1003, "Вера")
    stub.fail_next("sendMessage", code=429, retry_after=1, times=2)
    stub.send_text(vera, "/help")
    await stub.wait_message(vera.id, "Как пользоваться Sales Coach", timeout=15)
    stub.fail_next("sendMessage", code=502, times=1)
    stub.send_text(vera, "/menu")
    await stub.wait_message(vera.id, "Главное меню", timeout=15)


async def test_sigterm_exits_cleanly_and_token_stays_out_of_logs(stub: StubBotApi, bot_process: BotProcess) -> None:
    gleb = stub.user(1004, "Глеб")
    stub.send_text(gleb, "/start")
    await stub.wait_message(gleb.id, "Здравствуйте")
    assert await bot_process.terminate() == 0
    log = bot_process.log_text()
    assert "Bot stopped" in log
    assert stub.token not in log
    assert stub.token.split(":")[1] not in log


async def test_missing_token_is_one_clear_line(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    process = bot_factory(extra_env={"BOT_TOKEN": None})
    await process.start(wait_ready=False)
    assert await process.wait_exit() == 2
    log = process.log_text()
    assert "BOT_TOKEN не задан" in log and "Traceback" not in log
