"""The e2e harness drives a real aiogram polling process (a tiny echo bot) through the stub."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import BotProcess
from tests.stubapi import StubBotApi

ECHO_BOT = [sys.executable, str(Path(__file__).with_name("echo_bot.py"))]


@pytest.fixture
async def spawn(stub: StubBotApi, tmp_path: Path) -> AsyncIterator[Callable[..., BotProcess]]:
    processes: list[BotProcess] = []

    def make(argv: list[str] = ECHO_BOT, **kwargs: Any) -> BotProcess:
        process = BotProcess(stub, tmp_path / f"bot{len(processes)}", argv=argv, **kwargs)
        processes.append(process)
        return process

    yield make
    for process in processes:
        await process.terminate()


async def test_polling_process_talks_to_the_stub_and_stops_on_sigterm(stub: StubBotApi, spawn) -> None:
    bot = spawn()
    await bot.start()
    user = stub.user(701, "Алёна")
    stub.send_text(user, "привет <всем>")
    reply = await stub.wait_message(user.id, "Эхо: привет <всем>")
    query = stub.press(user, reply, "Ещё")
    assert (await stub.wait_callback_answer(query)).answer_text == "Готово"
    edited = await stub.wait_edit(user.id, reply.message_id)
    assert edited.text == "Эхо: привет <всем> (нажато)"
    assert await bot.terminate() == 0
    stub.assert_no_api_errors()
    assert "Start polling" in bot.log_text()


async def test_messages_sent_while_the_bot_is_down_arrive_after_a_restart(stub: StubBotApi, spawn) -> None:
    bot = spawn()
    await bot.start()
    user = stub.user(702, "Семён")
    assert await bot.kill9() == -9
    stub.send_text(user, "вы тут?")
    await bot.start()
    assert (await stub.wait_message(user.id, "Эхо: вы тут?")).text == "Эхо: вы тут?"
    assert bot.log_text().count("===== start #") == 2


async def test_a_process_that_dies_before_polling_fails_with_its_output(spawn) -> None:
    broken = spawn(argv=[sys.executable, "-c", "import sys; print('BOT_TOKEN сломан'); sys.exit(3)"])
    with pytest.raises(AssertionError, match=r"(?s)exited with code 3.*BOT_TOKEN сломан"):
        await broken.start()


async def test_process_gets_only_the_test_settings_and_its_own_directory(stub: StubBotApi, spawn,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://developer-machine:6379/0")
    script = ("import os; print('cwd', os.getcwd()); print('redis', os.environ.get('REDIS_URL'));"
              "print('token', os.environ['BOT_TOKEN']); print('api', os.environ['TELEGRAM_API_SERVER']);"
              "print('extra', os.environ.get('TIMEZONE'))")
    probe = spawn(argv=[sys.executable, "-c", script], extra_env={"TIMEZONE": "Asia/Yekaterinburg"})
    await probe.start(wait_ready=False)
    assert await probe.wait_exit() == 0
    log = probe.log_text()
    assert f"cwd {probe.workdir}" in log and "redis None" in log
    assert f"token {stub.token}" in log and f"api {stub.base_url}" in log
    assert "extra Asia/Yekaterinburg" in log
