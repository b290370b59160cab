"""Setup mistakes a newcomer makes — a revoked token, no way to Telegram, a database that can't be opened, a typo in
the token — end in one line that says what is wrong and what to do, a non-zero exit, and no traceback; and every
subcommand of `python -m bot` has its own --help."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

import pytest

from tests.e2e.harness import BOT_SETTINGS, REPO_ROOT
from tests.stubapi import StubBotApi

GOOD_LOOKING_TOKEN = "123456789:AAH" + "x" * 32


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def run_bot(workdir: Path, *args: str, **settings: str) -> tuple[int, str]:
    env = {key: value for key, value in os.environ.items() if key not in BOT_SETTINGS}
    env.update(PYTHONPATH=str(REPO_ROOT), DATABASE_URL=f"sqlite+aiosqlite:///{workdir / 'bot.db'}")
    env.update(settings)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=workdir, env=env, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return process.returncode, stdout.decode() + stderr.decode()


def assert_one_clear_line(output: str, *expected: str) -> None:
    assert "Traceback" not in output and "Unclosed client session" not in output, output
    problems = [line for line in output.splitlines() if all(word in line for word in expected)]
    assert len(problems) == 1, output


async def test_a_revoked_token_says_so_in_one_line(tmp_path: Path) -> None:
    async with StubBotApi() as stub:  # the stub knows only its own token: any other gets 401 Unauthorized
        code, output = await run_bot(tmp_path, "run", BOT_TOKEN=GOOD_LOOKING_TOKEN,
                                     TELEGRAM_API_SERVER=stub.base_url)
    assert code != 0
    assert_one_clear_line(output, "Telegram не принял BOT_TOKEN", "@BotFather")


async def test_no_way_to_telegram_says_so_in_one_line(tmp_path: Path) -> None:
    code, output = await run_bot(tmp_path, "run", BOT_TOKEN=GOOD_LOOKING_TOKEN,
                                 TELEGRAM_API_SERVER=f"http://127.0.0.1:{free_port()}")
    assert code != 0
    assert_one_clear_line(output, "Не удалось связаться с Telegram", "Проверьте интернет")


async def test_a_database_that_cannot_be_opened_says_so_in_one_line(tmp_path: Path) -> None:
    code, output = await run_bot(tmp_path, "migrate", BOT_TOKEN=GOOD_LOOKING_TOKEN,
                                 DATABASE_URL=f"postgresql+asyncpg://bot:secret@127.0.0.1:{free_port()}/bot")
    assert code != 0
    assert_one_clear_line(output, "Не удалось открыть базу данных", "DATABASE_URL")
    assert "secret" not in output, "the password is not printed"


async def test_a_mistyped_token_is_caught_before_any_call(tmp_path: Path) -> None:
    code, output = await run_bot(tmp_path, "run", BOT_TOKEN="my-token")
    assert code != 0
    assert_one_clear_line(output, "BOT_TOKEN", "123456789:AAH")


@pytest.mark.parametrize("command", ["run", "migrate", "backup", "check-content", "rfm", "funnel", "seasonality"])
async def test_every_subcommand_has_its_own_help(tmp_path: Path, command: str) -> None:
    code, output = await run_bot(tmp_path, command, "--help")
    assert code == 0, output
    assert output.startswith("usage: python -m bot") or f"usage: python -m bot {command}" in output, output
    assert "unrecognized arguments" not in output
