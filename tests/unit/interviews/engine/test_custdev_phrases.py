"""CustDev themes are named by the respondents' own words (issue 13, item 11), never by a lone vague word."""

from __future__ import annotations

import pytest

from services.interviews.engine.custdev import (
    AnswerRecord,
    Theme,
    aggregate,
    key_words,
    phrase_around,
    summarize_interview,
)


@pytest.mark.parametrize(("stem", "text", "phrase"), [
    ("доставк", "Поставщик сорвал сроки доставки, стройка стояла неделю", "Поставщик сорвал сроки доставки"),
    ("доставк", "Ценим быструю доставку — привозят за день", "быструю доставку"),
    ("доставк", "Главное для нас — доставка в срок", "доставка в срок"),
    # The key word alone in its clause: the sentence around it, filler trimmed.
    ("доставк", "Выбрали, потому что доставка день в день", "доставка день в день"),
    ("заявк", "Заявки теряются, клиент ждёт по три дня", "Заявки теряются"),
    ("заявк", "Теряем заявки из CRM", "Теряем заявки из CRM"),  # «CRM» is no filler
    ("доставк", "Доставка <b>x</b> & <script>", "Доставка"),
])
def test_phrase_around_the_key_word(stem, text, phrase):
    assert phrase_around(stem, text) == phrase


def test_vague_words_are_never_key_words():
    assert key_words("Быстро искали, ответ пришёл") == [("пришел", "пришёл")]
    assert [stem for stem, _ in key_words("Ответ быстрый, отвечают сразу")] == []


def test_theme_title_quotes_a_phrase_and_keeps_a_lone_word_plain():
    assert Theme("доставк", "доставка", 2, 2, (), phrase="быстрая доставка").title == "«Быстрая доставка»"
    assert Theme("доставк", "доставка", 2, 2, (), phrase="Доставка").title == "Доставка"


def test_themes_of_the_issue_read_as_phrases(scripts):
    questions = [q.id for q in scripts.custdev.questions()]
    answers = {
        "Анна": [AnswerRecord(questions[0], "Заявки теряются, клиент ждёт ответ по три дня", ("pain",)),
                 AnswerRecord(questions[1], "Быстро отвечают на заявки — за это и выбрали", ("value",))],
        "Борис": [AnswerRecord(questions[0], "Долго искали, кто ответит на заявку с сайта", ("pain",)),
                  AnswerRecord(questions[1], "Ответ пришёл быстро, в тот же день", ("value",))],
    }
    insights = aggregate([summarize_interview(a, scripts.custdev, respondent=n) for n, a in answers.items()])
    titles = [theme.title for theme in (*insights.pains, *insights.values)]
    assert titles[0] == "«Заявки теряются»" and insights.pains[0].interviews == 2
    assert all(title.startswith("«") for title in titles), titles
    assert not {"Заявки", "Быстро", "Искали", "Ответ"} & {title.strip("«»") for title in titles}


def test_a_phrase_from_an_answer_marked_as_a_quote_wins(scripts):
    question = scripts.custdev.questions()[1].id
    summaries = [
        summarize_interview([AnswerRecord(question, "Быстрая доставка", ("value",))], scripts.custdev),
        summarize_interview([AnswerRecord(question, "Нам важна доставка без опозданий на объект",
                                          ("value", "quote"))], scripts.custdev),
    ]
    assert aggregate(summaries).values[0].phrase == "доставка без опозданий"
