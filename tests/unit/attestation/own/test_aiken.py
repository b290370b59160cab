"""Aiken: single-choice questions; several-line texts, Cyrillic letters, broken files."""

from __future__ import annotations

from services.attestation.own.engine.aiken import parse_aiken
from services.attestation.own.engine.model import SINGLE


def test_questions_with_dot_and_bracket_options_and_cyrillic_letters() -> None:
    source = ("Какой тариф дешевле?\nA. Бизнес\nB) Старт\nC. Про\nANSWER: B\n\n"
              "Кого звонить первым?\nэто вторая строка вопроса\nА) Лучших\nБ) Уходящих ценных\nОТВЕТ: Б\n")
    result = parse_aiken(source)
    assert not result.errors
    first, second = (q.body for q in result.questions)
    assert first.type == SINGLE and [o.correct for o in first.options] == [False, True, False]
    assert second.text == "Кого звонить первым?\nэто вторая строка вопроса"
    assert [o.correct for o in second.options] == [False, True]
    assert [q.line for q in result.questions] == [1, 7]


def test_latin_answer_for_cyrillic_look_alike_letters() -> None:
    result = parse_aiken("Вопрос\nА) да\nВ) нет\nANSWER: A\n")  # Cyrillic А, Latin A
    assert result.questions[0].body.options[0].correct


def test_broken_questions_each_reported() -> None:
    source = "Без ответа\nA) да\nB) нет\n\nСледующий\nA) а\nANSWER: C\n\nANSWER: A\n\nБез вариантов\nANSWER: A\n"
    result = parse_aiken(source)
    assert not result.questions
    assert result.errors == [
        "вопрос 1, строка 1: нет строки «ANSWER: буква»",
        "вопрос 2, строка 7: в «ANSWER: C» нет такого варианта — есть A",
        "вопрос 3, строка 9: вариант или ANSWER без текста вопроса перед ними",
        "вопрос 4, строка 11: нет вариантов ответа (строки вида «A) вариант»)",
    ]
