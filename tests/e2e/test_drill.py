"""The daily drill through the real bot process and the stub Bot API (issue 18, «Done when»).

Thirty days for two members of a team, moved through by rewriting the file CLOCK_OFFSET_FILE points at (the
scheduler looks every 0.1 s): the owner invites the team, both accept with one tap, Boris moves his drill to
19:00 in Yekaterinburg on Mon/Wed/Fri/Sun with two questions; Anna keeps weekdays at 09:30 in Moscow with three.
Before every drill time nothing comes; at it, exactly one drill; none at night or on other days. The bot is
killed before Anna's drill time and back the same day: the drill comes late; and killed in the middle of her
drill on a Wednesday, back at 20:30 Moscow time: her drill goes on with nothing lost, while Boris's 19:00 drill
of that day, now in his quiet hours (22:30 in Yekaterinburg), is skipped rather than sent. At the end the
stored schedule shows intervals growing after right answers and shrinking after wrong ones, and the owner's
view matches the stored FSRS state.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from fsrs import Card, Scheduler, State

from services.attestation.engine.content import load_bank
from services.attestation.engine.instance import make_instance
from services.attestation.engine.render import button_labels
from services.clock import as_utc
from tests.e2e.actions import db_rows, tap
from tests.e2e.conftest import BotEnv
from tests.e2e.harness import BotProcess
from tests.stubapi import ChatMessage, SimUser, StubBotApi

FIRST_DAY = date(2026, 3, 1)  # a Sunday
DAYS = 30
ANNA_SLOT = (6, 30)  # UTC: 09:30 in Moscow
BORIS_SLOT = (14, 0)  # UTC: 19:00 in Yekaterinburg
NIGHT = (20, 0)  # UTC: 23:00 in Moscow, 01:00 in Yekaterinburg
BORIS_DAYS = {0, 2, 4, 6}  # Mon, Wed, Fri, Sun
LATE_SAME_DAY = date(2026, 3, 12)  # the bot is down over Anna's 09:30 and back at 11:30: sent late
# A Wednesday: the bot is killed in the middle of Anna's drill and back at 20:30 in Moscow — 22:30 in
# Yekaterinburg, the quiet hours, so Boris's 19:00 drill of that day is skipped; Anna's drill goes on.
KILLED_MID_DRILL = date(2026, 3, 18)
BACK_AFTER_KILL = (17, 30)
SETTLE = 0.3  # seconds: three scheduler rounds
HEAD_RE = re.compile(r"Тренировка на (\d\d)\.(\d\d)")
VERDICT_RE = re.compile(r"^(✅ Верно|❌ Неверно)", re.M)
RECALL_RE = re.compile(r"^• (.+) — (\d+) %$", re.M)
DONE = "Готово ✔"


def settings_for(bot_env: BotEnv) -> dict[str, str]:
    return {"THROTTLE_RATE": "1000", "THROTTLE_BURST": "1000", "SCHEDULER_INTERVAL": "0.1",
            "CLOCK_OFFSET_FILE": str(clock_path(bot_env))}


def clock_path(bot_env: BotEnv) -> Path:
    return bot_env.workdir / "clock.txt"


def set_clock(bot_env: BotEnv, moment: datetime) -> None:
    """Atomically: the bot reads the file every few milliseconds, and a half-written (empty) file reads as
    the real date, which would plan drills months ahead."""
    temporary = clock_path(bot_env).with_suffix(".tmp")
    temporary.write_text(moment.astimezone(UTC).isoformat())
    os.replace(temporary, clock_path(bot_env))


def at(day: date, hm: tuple[int, int], seconds: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, *hm, tzinfo=UTC) + timedelta(seconds=seconds)


def anna_days() -> set[date]:
    every = {FIRST_DAY + timedelta(days=n) for n in range(DAYS)}
    return {d for d in every if d.weekday() < 5}


def boris_days() -> set[date]:
    every = {FIRST_DAY + timedelta(days=n) for n in range(DAYS)}
    return {d for d in every if d.weekday() in BORIS_DAYS} - {KILLED_MID_DRILL}


def drills_received(stub: StubBotApi, user: SimUser) -> list[date]:
    """The day of every drill sent to the user: messages that came as «Вопрос 1/…» of a day's drill."""
    days = []
    for message in stub.bot_messages(user.id):
        first = (message.history[0] if message.history else message.shown_text) or ""
        match = HEAD_RE.search(first)
        if match and "Вопрос 1/" in first and not VERDICT_RE.search(first):  # not a typed answer's verdict
            days.append(date(FIRST_DAY.year, int(match.group(2)), int(match.group(1))))
    return days


def run_status(bot: BotProcess, user: SimUser, day: date) -> str | None:
    rows = db_rows(bot, "select status from drill_runs where user_id = :u and day = :d", u=user.id, d=day)
    return rows[0][0] if rows else None


def loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def as_moment(value: Any) -> datetime:
    return as_utc(value if isinstance(value, datetime) else datetime.fromisoformat(str(value)))


class Drills:
    """Plays the two members' drills; the right answers are read from the bot's database, as a manager who
    knows the method would know them."""

    def __init__(self, stub: StubBotApi, bot: BotProcess) -> None:
        self.stub = stub
        self.bot = bot
        self.bank = load_bank()

    def run(self, user: SimUser) -> dict[str, Any]:
        row = db_rows(self.bot, "select id, questions, seed, position, answered, status, day from drill_runs "
                                "where user_id = :u order by day desc limit 1", u=user.id)[0]
        return dict(zip(("id", "questions", "seed", "position", "answered", "status", "day"), row, strict=True))

    def right_now(self, user: SimUser, question_id: str, day: date) -> bool:
        """Anna misses a review every third day; Boris misses every question the second time he sees it."""
        seen = db_rows(self.bot, "select count(*) from drill_reviews where user_id = :u and question_id = :q",
                       u=user.id, q=question_id)[0][0]
        if user.first_name == "Анна":
            return not (seen and day.toordinal() % 3 == 0)
        return seen != 1

    async def play(self, user: SimUser, message: ChatMessage, stop_after: int | None = None) -> ChatMessage:
        """Answer the open drill from its current question on; stop after question `stop_after` if given."""
        run = self.run(user)
        questions = loads(run["questions"])
        for position in range(run["position"], len(questions)):
            message = await self.answer(user, message, questions[position], int(run["seed"]), as_date(run["day"]))
            if position + 1 == len(questions):
                assert "Тренировка пройдена" in message.shown_text, message.shown_text
                break
            if stop_after is not None and position >= stop_after:
                return message
            message = await self.next(user, message, position)
        return message

    async def next(self, user: SimUser, message: ChatMessage, position: int) -> ChatMessage:
        return await tap(self.stub, user, message, "Дальше ▶", f"Вопрос {position + 2}/")

    async def answer(self, user: SimUser, message: ChatMessage, question_id: str, seed: int,
                     day: date) -> ChatMessage:
        instance = make_instance(self.bank.question(question_id), seed)
        right = self.right_now(user, question_id, day)
        verdict = "Верно" if right else "Неверно"
        if instance.type == "numeric":
            value = instance.answer if right else (instance.answer or 0) * 3 + 17
            self.stub.send_text(user, f"{value:.2f}".replace(".", ","))
            return await self.stub.wait_message(user.id, verdict)
        labels = button_labels(instance)
        correct = list(instance.correct)
        wrong = [k for k in range(len(instance.choices)) if k not in correct]
        if instance.type == "single":
            taps = [labels[correct[0] if right else wrong[0]]]
        elif instance.type == "multiple":
            taps = [labels[k] for k in (correct if right else wrong[:1])] + [DONE]
        else:
            if not right:
                correct[0], correct[1] = correct[1], correct[0]
            taps = [labels[k] for k in correct]
        for label in taps:
            pressed = self.stub.press(user, message, label)
            await self.stub.wait_callback_answer(pressed)
            message = next(m for m in self.stub.bot_messages(user.id) if m.message_id == message.message_id)
        assert verdict in message.shown_text.split("\n\n")[1], message.shown_text
        return message


async def nothing_new(stub: StubBotApi, users: list[SimUser], before: dict[int, int]) -> None:
    await asyncio.sleep(SETTLE)
    for user in users:
        assert len(drills_received(stub, user)) == before[user.id], (user.first_name, drills_received(stub, user))


async def setup_team(stub: StubBotApi, olga: SimUser, anna: SimUser, boris: SimUser) -> ChatMessage:
    stub.send_text(olga, "/team")
    overview = await stub.wait_message(olga.id, "Моя команда")
    stub.press(olga, overview, "➕ Создать команду")
    await stub.wait_message(olga.id, "Как назовём команду")
    stub.send_text(olga, "Продажи")
    card = await stub.wait_message(olga.id, "Команда «Продажи»")
    code = re.search(r"start=join_([A-Za-z0-9_-]+)", card.shown_text).group(1)
    for member in (anna, boris):
        stub.send_text(member, f"/start join_{code}")
        offer = await stub.wait_message(member.id, "Вас приглашают в команду")
        await tap(stub, member, offer, "✅ Вступить", "вы в команде")
    stub.send_text(olga, "/drill")
    home = await stub.wait_message(olga.id, "Ежедневная тренировка")
    view = await tap(stub, olga, home, "👥 Тренировка команды: Продажи", "Участвуют: 0 из 2")
    return await tap(stub, olga, view, "📨 Пригласить команду в тренировку", "Отправлено 2 приглашения")


async def accept(stub: StubBotApi, member: SimUser) -> ChatMessage:
    invite = await stub.wait_message(member.id, "Ольга приглашает команду «Продажи» в ежедневную тренировку")
    assert invite.button_labels() == ["✅ Участвовать"]
    return await tap(stub, member, invite, "✅ Участвовать", "Тренировка включена")


async def boris_settings(stub: StubBotApi, boris: SimUser, screen: ChatMessage) -> None:
    screen = await tap(stub, boris, screen, "🌍 Часовой пояс", "Ваш часовой пояс")
    screen = await tap(stub, boris, screen, "Екатеринбург, UTC+5", "Время: 09:30 (Екатеринбург, UTC+5)")
    screen = await tap(stub, boris, screen, "🕘 Время", "Во сколько присылать")
    screen = await tap(stub, boris, screen, "19:00", "Время тренировки: 19:00")
    screen = await tap(stub, boris, screen, "📅 Дни", "В какие дни")
    for day in ("✅ вт", "✅ чт", "▫️ вс"):
        screen = await tap(stub, boris, screen, day, "В какие дни")
    screen = await tap(stub, boris, screen, "« Назад", "Дни: пн, ср, пт, вс")
    screen = await tap(stub, boris, screen, "🔢 Вопросов в день", "Сколько вопросов")
    await tap(stub, boris, screen, "2", "Вопросов в день: 2 вопроса")


async def test_thirty_days_of_drills_for_two_users(stub: StubBotApi, bot_factory, bot_env: BotEnv) -> None:  # type: ignore[no-untyped-def]
    set_clock(bot_env, at(FIRST_DAY, (7, 0)))  # Sunday 10:00 in Moscow
    bot: BotProcess = bot_factory(extra_env=settings_for(bot_env))
    await bot.start()
    olga, anna, boris = stub.user(9001, "Ольга"), stub.user(9002, "Анна"), stub.user(9003, "Борис")
    await setup_team(stub, olga, anna, boris)
    await accept(stub, anna)
    await boris_settings(stub, boris, await accept(stub, boris))
    drills = Drills(stub, bot)
    users = [anna, boris]

    for n in range(DAYS):
        day = FIRST_DAY + timedelta(days=n)
        for user, slot, chosen in ((anna, ANNA_SLOT, anna_days()), (boris, BORIS_SLOT, boris_days())):
            if user is boris and day == KILLED_MID_DRILL:
                continue  # it is 20:30 already: checked below
            before = {u.id: len(drills_received(stub, u)) for u in users}
            set_clock(bot_env, at(day, slot, -60))
            if day in chosen:  # a minute before the drill: nothing yet (on other days the check comes after)
                await nothing_new(stub, users, before)
            if user is anna and day == LATE_SAME_DAY:  # the bot is down over the drill time, back at 11:30
                await bot.kill9()
                set_clock(bot_env, at(day, (8, 30)))
                await bot.start()
            else:
                set_clock(bot_env, at(day, slot, 1))
            if day not in chosen:
                await nothing_new(stub, users, before)
                continue
            message = await stub.wait_message(user.id, f"Тренировка на {day:%d.%m}")
            assert "Вопрос 1/" in message.shown_text
            if user is anna and day == KILLED_MID_DRILL:
                message = await drills.play(user, message, stop_after=0)
                await bot.kill9()
                before = {u.id: len(drills_received(stub, u)) for u in users}
                set_clock(bot_env, at(day, BACK_AFTER_KILL))
                await bot.start()
                await nothing_new(stub, users, before)  # Boris's 19:00 passed while the bot was down: quiet hours
                await stub.wait_for(lambda d=day: run_status(bot, boris, d) == "skipped")
                message = await drills.next(user, message, 0)
            await drills.play(user, message)
        before = {u.id: len(drills_received(stub, u)) for u in users}
        set_clock(bot_env, at(day, NIGHT))
        await nothing_new(stub, users, before)

    # Exactly one drill on each chosen day, none on others, none twice.
    for user, expected in ((anna, anna_days()), (boris, boris_days())):
        received = drills_received(stub, user)
        assert Counter(received) == Counter(expected), (user.first_name, sorted(received))
        rows = db_rows(bot, "select day, status, answered from drill_runs where user_id = :u", u=user.id)
        done = {as_date(d) for d, status, _ in rows if status == "done"}
        assert done == expected and all(a in (2, 3) for _, s, a in rows if s == "done")
    killed = db_rows(bot, "select r.position from drill_reviews r join drill_runs d on d.id = r.run_id "
                          "where d.user_id = :u and d.day = :d order by r.position", u=anna.id, d=KILLED_MID_DRILL)
    assert [p for (p,) in killed] == [0, 1, 2]  # nothing lost, nothing counted twice across the kill
    monday = next(m for m in stub.bot_messages(anna.id) if "Тренировка на 09.03" in (m.history or [m.text])[0])
    assert "Итоги недели:" in monday.history[0]

    check_schedule(bot)
    await check_owner_view(stub, bot, bot_env, olga, users)
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()


def check_schedule(bot: BotProcess) -> None:
    """Per question, from the review log: after a right answer the interval grows (or stays at its 1-day
    floor), after a wrong one it shrinks; each card holds its last review's schedule."""
    reviews = db_rows(bot, "select user_id, question_id, correct, interval_days from drill_reviews order by id")
    by_card: dict[tuple[int, str], list[tuple[bool, int]]] = {}
    for user_id, question_id, correct, interval in reviews:
        by_card.setdefault((user_id, question_id), []).append((bool(correct), int(interval)))
    grew = shrank = 0
    for history in by_card.values():
        for (was_right, before), (right, after) in pairwise(history):
            if right:
                assert after >= before, history
                if was_right:
                    assert after > before, history
                    grew += 1
            else:
                assert after <= before and (after < before or before == 1), history
                shrank += before > 1
    assert grew >= 5 and shrank >= 5, (grew, shrank)
    cards = db_rows(bot, "select user_id, question_id, interval_days, due, last_review from drill_cards")
    assert len(cards) == len(by_card)
    for user_id, question_id, interval, due, last in cards:
        assert by_card[(user_id, question_id)][-1][1] == interval
        assert as_moment(due) - as_moment(last) == timedelta(days=interval)


async def check_owner_view(stub: StubBotApi, bot: BotProcess, bot_env: BotEnv, olga: SimUser,
                           users: list[SimUser]) -> None:
    """The owner's view: participation, and per topic the mean FSRS recall of the members' stored cards."""
    now = at(FIRST_DAY + timedelta(days=DAYS), (9, 0))  # the next day, 12:00 in Moscow
    set_clock(bot_env, now)
    stub.send_text(olga, "/drill")
    home = await stub.wait_message(olga.id, "Ежедневная тренировка")
    view = await tap(stub, olga, home, "👥 Тренировка команды: Продажи", "Команда помнит")
    assert "Участвуют: 2 из 2." in view.shown_text
    scheduler = Scheduler()
    shares: dict[str, list[float]] = {}
    bank = load_bank()
    for topic_id, stability, difficulty, last in db_rows(
            bot, "select topic_id, stability, difficulty, last_review from drill_cards"):
        card = Card(card_id=1, state=State.Review, stability=stability, difficulty=difficulty,
                    due=as_moment(last), last_review=as_moment(last))
        shares.setdefault(bank.topic(topic_id).title, []).append(scheduler.get_card_retrievability(card, now))
    expected = {title: round(sum(v) / len(v) * 100) for title, v in shares.items()}
    shown = {title: int(percent) for title, percent in RECALL_RE.findall(view.shown_text)}
    assert shown == expected
    for user in users:
        streak_line = next(line for line in view.shown_text.splitlines() if line.startswith(f"• {user.first_name}"))
        assert "✅ серия" in streak_line
