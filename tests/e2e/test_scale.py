"""Two bot processes in webhook mode behind a round-robin balancer, one PostgreSQL, one Redis (issue 8).

The updates of one exam go alternately to the two processes; every answer is stored once and the exam ends
with the right score. Then one process is killed with SIGKILL mid-exam and the other finishes it.
"""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator

import pytest

from tests.databases import TEST_DATABASE_URL, TEST_REDIS_URL, query
from tests.e2e.balancer import RoundRobinBalancer
from tests.e2e.conftest import BotEnv
from tests.e2e.harness import BotProcess, free_port, webhook_env
from tests.e2e.quiz_player import answer, current_question
from tests.stubapi import StubBotApi

pytestmark = pytest.mark.skipif(
    not (TEST_DATABASE_URL and TEST_REDIS_URL),
    reason="several bot processes need PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL)",
)

RESULT_RE = re.compile(r"Результат: (\d+) из (\d+) \((\d+) %\)")
FAST = {"THROTTLE_RATE": "1000", "THROTTLE_BURST": "1000"}
SECRET = "scale-test-secret"
HOOK_PATH = "/tg/hook"


@pytest.fixture
async def balancer() -> AsyncIterator[RoundRobinBalancer]:
    ports = [free_port(), free_port()]
    proxy = RoundRobinBalancer([f"http://127.0.0.1:{port}" for port in ports])
    await proxy.start()
    yield proxy
    await proxy.stop()


async def start_pair(bot_factory, balancer: RoundRobinBalancer, bot_env: BotEnv) -> list[BotProcess]:  # type: ignore[no-untyped-def]
    public_url = balancer.base_url + HOOK_PATH
    bots: list[BotProcess] = []
    for index, backend in enumerate(balancer.backends):
        port = int(backend.rsplit(":", 1)[1])
        bot = bot_factory(workdir=bot_env.workdir / f"bot{index}",
                          extra_env={**FAST, **webhook_env(public_url, port, SECRET)})
        await bot.start()
        bots.append(bot)
    return bots


def answered_count(database_url: str, attempt_id: int) -> int:
    ((count,),) = query(database_url, "select count(*) from attempt_questions "
                        "where attempt_id = :attempt and answered_at is not null", attempt=attempt_id)
    return int(count)


async def test_two_processes_share_one_exam_and_survive_a_kill9(stub: StubBotApi, bot_factory,  # type: ignore[no-untyped-def]
                                                                 balancer: RoundRobinBalancer,
                                                                 bot_env: BotEnv) -> None:
    first, second = await start_pair(bot_factory, balancer, bot_env)
    url = bot_env.database_url
    rng = random.Random(8)
    vera = stub.user(8001, "Вера", last_name="Соколова")
    stub.send_text(vera, "/exam")
    await stub.wait_message(vera.id, "Вопрос 1/20")
    wrong_at = {4, 15}

    for _ in range(10):
        q = current_question(url, vera.id)
        await answer(stub, vera, q, q.position not in wrong_at, rng)
        assert answered_count(url, q.attempt_id) == q.position + 1  # stored at once, and once
    assert balancer.handled_by(0) and balancer.handled_by(1), balancer.routed
    assert abs(len(balancer.handled_by(0)) - len(balancer.handled_by(1))) <= 1  # strictly alternating

    await stub.wait_for(lambda: not stub.pending_updates, description="every update so far acknowledged")
    killed_at = len(balancer.routed)
    assert await first.kill9() == -9
    while True:
        q = current_question(url, vera.id)
        await answer(stub, vera, q, q.position not in wrong_at, rng)
        if q.position == 19:
            break

    result = await stub.wait_for(lambda: next((m for m in reversed(stub.bot_messages(vera.id))
                                               if RESULT_RE.search(m.shown_text)), None))
    assert RESULT_RE.search(result.shown_text).groups() == ("18", "20", "90")
    await stub.wait_message(vera.id, where=lambda m: m.photo is not None, after=0)
    assert answered_count(url, q.attempt_id) == 20
    assert query(url, "select count(*) from certificates") == [(1,)]
    after_kill = balancer.routed[killed_at:]
    assert after_kill and all(r.backend == 1 for r in after_kill if 200 <= r.status < 300)
    assert second.running
    await stub.wait_for(lambda: not stub.pending_updates, description="the last update acknowledged")
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()
