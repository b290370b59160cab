"""The step message and the final screen on the small scenario."""

from __future__ import annotations

from services.attestation.simulator.engine import engine, render
from services.attestation.simulator.engine.models import Reply
from tests.unit.attestation.simulator.play import play, press


def test_first_step_shows_the_brief_and_the_replies(small_library) -> None:
    scenario = small_library.scenario("alpha")
    state = engine.start(scenario, 0)
    text = render.step_text(scenario, state)
    assert text.startswith("🎭 <b>Сценарий alpha</b>\n<i>Оконная компания, Екатеринбург · шаг 1</i>")
    assert "Ирина оставила заявку" in text and "<b>Ирина:</b> Реплика клиента 1." in text
    # Short replies are the buttons themselves, in the shown order.
    assert render.step_labels(scenario, state) == [r.text for r in engine.shown_replies(scenario, state)]
    assert "Выберите ответ кнопкой" in text


def test_later_steps_keep_the_dialogue(small_library) -> None:
    scenario = small_library.scenario("alpha")
    state = play(scenario, (1, 0))
    text = render.step_text(scenario, state)
    assert "Ирина оставила заявку" not in text and "шаг 3" in text
    assert "<b>Вы:</b> Слабый ответ 1" in text and "<b>Вы:</b> Исправиться" in text
    assert "<b>Ирина:</b> Ответ на «Исправиться».\nРеплика клиента 3." in text
    short = render.step_text(scenario, state, limit=300)
    assert "начало разговора не поместилось" in short and "<b>Вы:</b> Слабый ответ 1" not in short
    assert "Реплика клиента 3." in short


def test_long_replies_are_numbered() -> None:
    long = [Reply(text="Очень длинный ответ менеджера, который не влезет на кнопку", score={"contact": 1},
                  why="Потому что.", reaction="Ага.", next="x"),
            Reply(text="Коротко", score={"contact": 0}, why="Потому что.", reaction="Ага.", next="x")]
    assert render.labels(long) == ["1", "2"]
    assert render.uses_numbers(long)


def test_final_screen(small_library) -> None:
    scenario = small_library.scenario("alpha")
    state = play(scenario, (0, 0, 1, 0, 0))
    outcome = press(scenario, state, 1)
    result = engine.result(scenario, outcome.state)
    text = render.result_text(small_library.setup, scenario, result, outcome.turn.reply)
    assert text.startswith("<b>Вы:</b> Созвониться потом\n<b>Ирина:</b> Ответ на «Созвониться потом».")
    assert "🏁 <b>Созвонимся</b> · пауза" in text
    assert "Контакт: 8 из 10\nСледующий шаг: 1 из 2\n<b>Итог: 9 из 12 (75\u00a0%)</b>" in text
    assert "1. <b>Ирина:</b> «Реплика клиента 3»\n<b>Вы:</b> «Слабый ответ 3»\n<b>Лучше:</b> «Хороший ответ 3»" in text


def test_perfect_final_screen(small_library) -> None:
    scenario = small_library.scenario("alpha")
    result = engine.result(scenario, play(scenario, (0,) * 6))
    assert "Каждый ваш ответ был лучшим" in render.result_text(small_library.setup, scenario, result)
