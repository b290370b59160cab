"""CustDev summaries, aggregation across interviews and key customer value (ККЦ) candidates."""

from __future__ import annotations

import pytest

from services.interviews.engine.custdev import AnswerRecord, aggregate, key_words, summarize_interview

A = AnswerRecord

OLGA = [
    A("last_hardest", "Поставщик сорвал сроки доставки, стройка стояла неделю", ["pain", "quote"]),
    A("value_choice", "Выбрали, потому что доставка день в день", ["value"]),
    A("value_best_case", "Менеджер сам перезвонил и предупредил о задержке", ["value", "quote"]),
    A("spent_money", "Около 50 тысяч в месяц на простои", ["cost"]),
    A("close_next_step", "Встреча во вторник в 10:00"),
    A("close_referrals", "Прораб Сергей с соседнего объекта"),
]
IGOR = [
    A("last_hardest", "Опять задержали доставку, пришлось ехать самим", ["pain"]),
    A("value_choice", "Главное — быстрая доставка", ["value"]),
    A("value_leaving", "Ушли, потому что цены подняли без предупреждения", ["value", "objection"]),
    A("current_how", "Заказываем через два магазина и Excel", ["current_solution"]),
]
MARIA = [
    A("value_choice", "Честные цены, без скрытых доплат", ["value", "quote"]),
    A("last_story", "Привезли не тот профиль, менеджер не отвечал два дня", ["pain"]),
]
# One talkative respondent repeating the same value three times.
ANTON = [
    A("value_choice", "Гарантия на монтаж", ["value"]),
    A("value_best_case", "Гарантия — это для нас всё", ["value"]),
    A("value_leaving", "Без гарантии не работаем", ["value"]),
]


@pytest.fixture
def summaries(scripts):
    return [
        summarize_interview(answers, scripts.custdev, respondent=name)
        for name, answers in (("Ольга", OLGA), ("Игорь", IGOR), ("Мария", MARIA), ("Антон", ANTON))
    ]


def test_summary_of_one_interview(scripts):
    summary = summarize_interview(OLGA, scripts.custdev, respondent=" Ольга ")
    counts = {t.label: t.count for t in summary.tag_counts}
    assert counts == {
        "боль": 1,
        "текущее решение": 0,
        "затраты": 1,
        "ценность": 2,
        "возражение": 0,
        "цитата": 2,
    }
    assert summary.respondent == "Ольга"
    assert summary.untagged == 2
    assert summary.questions_answered == 6
    assert summary.questions_total == len(scripts.custdev.questions())
    assert summary.missed_sections == ("Контекст", "Как решают сейчас")
    assert summary.next_steps == ("Встреча во вторник в 10:00",)
    assert summary.referrals == ("Прораб Сергей с соседнего объекта",)
    assert [a.text for a in summary.tagged("quote")] == [OLGA[0].text, OLGA[2].text]
    assert summary.answers[0].section_title == "Последний раз, когда это случилось"


def test_summary_uses_the_shipped_script_by_default():
    summary = summarize_interview([A("ctx_about", "", is_voice=True)])
    assert summary.answers[0].is_voice
    assert summary.answers[0].question_text.startswith("Расскажите о себе")


def test_double_tapped_tag_counts_once(scripts):
    summary = summarize_interview([A("ctx_about", "Я закупщик", ["pain", "pain"])], scripts.custdev)
    assert summary.tag_counts[0].count == 1


@pytest.mark.parametrize("answer", [A("no_such_question", "текст"), A("ctx_about", "текст", ["gossip"])])
def test_unknown_question_or_tag_is_rejected(scripts, answer):
    with pytest.raises(ValueError):
        summarize_interview([answer], scripts.custdev)


def test_key_words_merge_word_forms_and_drop_filler():
    assert [s for s, _ in key_words("Доставка, доставки, доставкой!")] == ["доставк"]
    assert key_words("Для нас очень важно, чтобы всё было") == []
    assert key_words("Ёлки зелёные") == [("елк", "ёлки"), ("зелен", "зелёные")]


def test_tag_frequencies_across_interviews(summaries):
    insights = aggregate(summaries)
    stats = {s.tag_id: (s.answers, s.interviews) for s in insights.tag_stats}
    assert insights.interviews == 4
    assert stats == {
        "pain": (3, 3),
        "current_solution": (1, 1),
        "cost": (1, 1),
        "value": (8, 4),
        "objection": (1, 1),
        "quote": (3, 2),
    }


def test_pains_and_values_are_ranked_by_distinct_interviews(summaries):
    insights = aggregate(summaries)
    assert [(t.label, t.interviews, t.mentions) for t in insights.pains[:1]] == [("доставки", 2, 2)]
    values = [(t.label, t.interviews, t.mentions) for t in insights.values]
    # доставка and цены: two clients each; гарантия: one client, three times — ranked after them.
    assert values[:3] == [("доставка", 2, 2), ("цены", 2, 2), ("гарантия", 1, 3)]
    # Every value answer lands in exactly one theme.
    assert sum(t.mentions for t in insights.values) == 8


def test_kcv_candidates_need_two_interviews_and_carry_quotes(summaries):
    insights = aggregate(summaries)
    assert [t.label for t in insights.kcv_candidates] == ["доставка", "цены"]
    delivery, prices = insights.kcv_candidates
    assert [(q.respondent, q.text) for q in delivery.quotes] == [
        ("Ольга", "Выбрали, потому что доставка день в день"),
        ("Игорь", "Главное — быстрая доставка"),
    ]
    # An answer the interviewer marked as a quote comes first.
    assert prices.quotes[0].respondent == "Мария"
    assert prices.quotes[0].interview == 3


def test_at_most_three_kcv_candidates(scripts):
    values_by_interview = [
        ["Доставка", "Цены"],
        ["Доставка", "Цены", "Гарантия"],
        ["Доставка", "Цены", "Гарантия"],
        ["Доставка", "Гарантия", "Монтаж"],
        ["Монтаж"],
    ]
    summaries = [
        summarize_interview([A("value_choice", text, ["value"]) for text in texts], scripts.custdev)
        for texts in values_by_interview
    ]
    insights = aggregate(summaries)
    assert [(t.label, t.interviews) for t in insights.kcv_candidates] == [
        ("доставка", 4),
        ("цены", 3),
        ("гарантия", 3),
    ]
    assert [t.label for t in insights.values] == ["доставка", "цены", "гарантия", "монтаж"]


def test_single_interview_gives_no_kcv_yet(scripts):
    insights = aggregate([summarize_interview(OLGA, scripts.custdev)])
    assert insights.values and insights.kcv_candidates == ()


def test_no_interviews():
    insights = aggregate([])
    assert insights.interviews == 0 and insights.tag_stats == () and insights.kcv_candidates == ()
