"""How fast the bot is ready and answers: `python benchmarks/bench_startup.py [runs]`.

Starts the real `python -m bot run` against the stub Bot API several times and prints medians of
(1) process spawn → first getUpdates (imports, migrations, setMyCommands), and
(2) /start sent → greeting received, once the bot polls.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.harness import BotProcess
from tests.stubapi import StubBotApi


async def one_run(index: int) -> tuple[float, float, float]:
    async with StubBotApi() as stub:
        workdir = Path(tempfile.mkdtemp(prefix="bench-startup-"))
        bot = BotProcess(stub, workdir)
        user = stub.user(9000 + index, "Бенч")
        spawned = time.perf_counter()
        await bot.start()
        ready = time.perf_counter() - spawned
        sent = time.perf_counter()
        stub.send_text(user, "/start")
        await stub.wait_message(user.id, "Здравствуйте")
        first_reply = time.perf_counter() - sent
        sent = time.perf_counter()
        stub.send_text(user, "/help")
        await stub.wait_message(user.id, "Как пользоваться")
        second_reply = time.perf_counter() - sent
        await bot.terminate()
        return ready, first_reply, second_reply


async def main(runs: int) -> None:
    results = [await one_run(i) for i in range(runs)]
    ready, first, second = zip(*results, strict=True)
    print(f"runs: {runs}")
    print(f"spawn -> polling (imports, migrations, setMyCommands): median {statistics.median(ready):.2f} s "
          f"(min {min(ready):.2f}, max {max(ready):.2f})")
    print(f"/start -> greeting, first update after start:        median {statistics.median(first) * 1000:.0f} ms")
    print(f"/help -> reply, a warm update:                         median {statistics.median(second) * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
