"""One validation for every way in: the engine's rules, every problem at once, Telegram's message limit."""

from __future__ import annotations

from services.attestation.engine.instance import make_instance
from services.attestation.engine.render import question_text, uses_numbers
from services.attestation.own.engine.model import MATCHING, MULTIPLE, NUMERIC, ORDERING, SINGLE, Option, Pair
from services.attestation.own.engine.model import QuestionBody as Q
from services.attestation.own.engine.preview import preview_text
from services.attestation.own.engine.validate import MESSAGE_MAX, engine_question, problems


def test_valid_questions_of_every_type_pass_and_build_engine_questions() -> None:
    bodies = [
        Q(SINGLE, "Цена?", options=(Option("1", True), Option("2"))),
        Q(MULTIPLE, "Что?", options=(Option("а", True), Option("б"), Option("в", True))),
        Q(NUMERIC, "Сколько?", answer=1500, tolerance=50),
        Q(ORDERING, "Порядок", items=("а", "б", "в")),
        Q(MATCHING, "Пары", pairs=(Pair("а", "1"), Pair("б", "2"), Pair("в", "3"))),
    ]
    for body in bodies:
        assert problems(body) == [], body
        question = engine_question(body, "oq1_1")
        assert question.id == "oq1_1" and question.explanation == ""


def test_every_problem_at_once() -> None:
    body = Q(SINGLE, "", title="т" * 101, options=(Option("а", True), Option("А", True), Option("")))
    assert problems(body) == [
        "нет текста вопроса",
        "название вопроса длиннее 100 знаков (101)",
        "вариант 3 пустой",
        "вариант «А» повторяется",
        "в вопросе с одним ответом отмечено правильных: 2 — оставьте один или выберите тип «несколько ответов»",
    ]
    assert problems(Q(MULTIPLE, "?", options=(Option("а", True), Option("б", True)))) == [
        "все варианты отмечены правильными — нужен хотя бы один неверный"]
    assert problems(Q(NUMERIC, "?")) == ["нет правильного числа"]
    assert problems(Q(NUMERIC, "Цена {answer}?", answer=1.0)) == [
        "в числовом вопросе нельзя писать «{answer}»: фигурные скобки со словом внутри — служебные; уберите их"]
    assert problems(Q(NUMERIC, "?", answer=1.0, tolerance=float("nan"))) == [
        "допуск должен быть неотрицательным числом"]
    assert problems(Q(ORDERING, "?", items=("а", "б"))) == ["в вопросе на порядок нужно от 3 до 6 шагов, а их 2"]
    assert "нельзя писать «->»" in problems(Q(MATCHING, "?", pairs=(Pair("a->b", "1"), Pair("б", "2"),
                                                                       Pair("в", "3"))))[0]
    assert problems(Q("essay", "?")) == ["неизвестный тип вопроса"]


def test_long_options_fit_and_go_into_the_message_as_a_numbered_list() -> None:
    options = tuple(Option("вариант " * 20 + str(k), k == 0) for k in range(8))
    body = Q(SINGLE, "Вопрос " * 100, options=options)
    assert problems(body) == []
    instance = make_instance(engine_question(body, "x"), 1)
    assert uses_numbers(instance)
    text = question_text(instance, 1, 20)
    assert "\n1. вариант" in text


def test_a_question_too_long_for_one_message_is_refused() -> None:
    # Each part is within its own limit; the feedback after ticking every wrong option (each with its «why»)
    # and the explanation is not.
    options = tuple(Option(f"{k} " + "о" * 195, k == 0, "п" * 290) for k in range(8))
    body = Q(MULTIPLE, "в" * 1000, options=options, explanation="е" * 1500)
    found = problems(body)
    assert len(found) == 1 and "не помещается в сообщение Telegram" in found[0] and str(MESSAGE_MAX)[0] in found[0]


def test_preview_escapes_html_and_shows_the_key() -> None:
    body = Q(SINGLE, "<b>Цена</b> & co?", options=(Option("<1>", True, "почему <i>"), Option("2", False, "<x>")),
             explanation="<script>")
    text = preview_text(body, "🏢 Прайс")
    assert "&lt;b&gt;Цена&lt;/b&gt; &amp; co?" in text and "<script>" not in text and "&lt;script&gt;" in text
    assert "Правильный ответ:</b> &lt;1&gt;" in text and "2 — &lt;x&gt;" in text
