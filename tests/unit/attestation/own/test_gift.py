"""GIFT: every construct the issue lists, and broken files (every error at once, with question number and line)."""

from __future__ import annotations

from services.attestation.own.engine.gift import parse_gift
from services.attestation.own.engine.model import MATCHING, MULTIPLE, NUMERIC, ORDERING, SINGLE, Option, Pair


def one(source: str):  # type: ignore[no-untyped-def]
    result = parse_gift(source)
    assert not result.errors, result.errors
    assert len(result.questions) == 1, result.questions
    return result.questions[0].body


def test_single_choice_with_title_feedback_and_general_feedback() -> None:
    body = one("::Цена::Сколько стоит «Бизнес»?{=1 500 ₽#верно ~1 000 ₽#это «Старт» ~1 800 ₽####Так в прайсе.}")
    assert body.type == SINGLE and body.title == "Цена" and body.text == "Сколько стоит «Бизнес»?"
    assert body.options == (Option("1 500 ₽", True, "верно"), Option("1 000 ₽", False, "это «Старт»"),
                            Option("1 800 ₽", False))
    assert body.explanation == "Так в прайсе."


def test_answers_on_their_own_lines_and_comments() -> None:
    body = one("// a comment\nКакой тариф дешевле? {\n    ~Бизнес\n    // in between\n    =Старт\n}")
    assert body.type == SINGLE and [o.text for o in body.options] == ["Бизнес", "Старт"]


def test_missing_word_leaves_a_blank() -> None:
    body = one("Тариф {~Бизнес =Старт ~Про} дешевле остальных.")
    assert body.text == "Тариф _____ дешевле остальных."


def test_multiple_choice_by_weights_positive_right_negative_wrong() -> None:
    body = one("Что входит?{~%50%CRM ~%50%Телефония ~%-100%Аналитика#отдельно}")
    assert body.type == MULTIPLE
    assert [(o.text, o.correct) for o in body.options] == [("CRM", True), ("Телефония", True), ("Аналитика", False)]
    assert body.options[2].why == "отдельно"


def test_single_choice_partial_weight_counts_as_wrong_with_a_warning() -> None:
    result = parse_gift("Вопрос{=А ~%50%Б ~В}")
    assert [o.correct for o in result.questions[0].body.options] == [True, False, False]
    assert result.warnings and "«Б» с весом 50 %" in result.warnings[0] and "вопрос 1, строка 1" in result.warnings[0]


def test_true_false_with_both_feedbacks() -> None:
    body = one("Земля плоская.{FALSE#Нет, круглая.#Верно: круглая.}")
    assert body.type == SINGLE
    assert body.options == (Option("Верно", False, "Нет, круглая."), Option("Неверно", True))
    assert body.explanation == "Верно: круглая."
    assert one("Вода мокрая{T}").options[0].correct is True


def test_numbers_with_tolerance_range_and_several_answers() -> None:
    assert (one("Цена?{#1500:50}").answer, one("Цена?{#1500:50}").tolerance) == (1500.0, 50.0)
    ranged = one("Цена?{#1400..1600}")
    assert (ranged.type, ranged.answer, ranged.tolerance) == (NUMERIC, 1500.0, 100.0)
    weighted = parse_gift("Цена?{#=1500:10 =%50%1500:100}")
    assert weighted.questions[0].body.tolerance == 10.0 and weighted.warnings
    assert one("Скидка?{#-2,5}").answer == -2.5


def test_matching_and_ordering_written_as_matching() -> None:
    body = one("Сопоставьте{=Дорого -> Сравним =Подумаю -> Что обдумать? =Есть поставщик -> Что улучшить?}")
    assert body.type == MATCHING and body.pairs[0] == Pair("Дорого", "Сравним")
    ordering = one("По порядку{=2 -> Потребности =1 -> Приветствие =3 -> Презентация}")
    assert ordering.type == ORDERING and ordering.items == ("Приветствие", "Потребности", "Презентация")


def test_escapes_and_category_as_topic() -> None:
    result = parse_gift("$CATEGORY: $course$/top/Продукт//Цены\n\nСколько\\: 1\\=1 \\{x\\} \\~ \\#?{=да\\#1 ~нет}")
    question = result.questions[0]
    assert question.topic == "Продукт/Цены"
    assert question.body.text == "Сколько: 1=1 {x} ~ #?" and question.body.options[0].text == "да#1"
    nested = parse_gift("$CATEGORY: $course$/top/Продукт/Цены\n\nВопрос{=а ~б}")
    assert nested.questions[0].topic == "Цены"


def test_description_after_a_category_is_the_topic_card() -> None:
    result = parse_gift("$CATEGORY: Прайс\n\nКарточка: цены 2025 года.\n\nВопрос{=а ~б}")
    assert [(t.title, t.card) for t in result.topics] == [("Прайс", "Карточка: цены 2025 года.")]
    assert len(result.questions) == 1


def test_html_format_is_read_as_plain_text() -> None:
    body = one("[html]<p>Сколько <b>стоит</b>?</p>{=1 ~2}")
    assert body.text == "Сколько стоит?"


def test_cp1251_free_unicode_and_windows_line_ends() -> None:
    body = one("Вопрос\r\n{=да\r\n~нет}\r\n")
    assert [o.text for o in body.options] == ["да", "нет"]


def test_short_answer_essay_and_broken_files_report_every_error() -> None:
    source = "\n".join([
        "Кто?{=никто =нечто}",  # 1: short answer
        "",
        "Расскажите о себе{}",  # 3: essay
        "",
        "::Без конца:: текст{=а ~б}",  # 5: fine
        "",
        "::Название без конца текст{=а ~б}",  # 7
        "",
        "Незакрытая {~а =б",  # 9
        "",
        "Лишняя } скобка",  # 11
        "",
        "Просто текст без ответов",  # 13
        "",
        "Два блока {=а ~б} и {=в ~г}",  # 15
        "",
        "Число?{#много}",  # 17
        "",
        "Пары{=а -> 1 =б}",  # 19
    ])
    result = parse_gift(source)
    errors = result.errors
    assert len(result.questions) == 1 and len(errors) == 9, errors
    assert errors[0].startswith("вопрос 1, строка 1: вопрос с коротким ответом")
    assert errors[1].startswith("вопрос 2, строка 3: эссе")
    assert errors[2].startswith("вопрос 4, строка 7: не закрыто название")
    assert errors[3] == "вопрос 5, строка 9: не закрыта «{»"
    assert errors[4].startswith("вопрос 6, строка 11: «}» без открывающей")
    assert errors[5].startswith("вопрос 7, строка 13: нет блока ответов")
    assert errors[6].startswith("вопрос 8, строка 15: в вопросе больше одного блока")
    assert errors[7] == "вопрос 9, строка 17: «много» — не число"
    assert errors[8].startswith("вопрос 10, строка 19: в паре «б» нет «->»")


def test_unclosed_brace_names_the_line_of_the_brace() -> None:
    result = parse_gift("Первый{=а ~б}\n\nВторой вопрос,\nна двух строках {\n~а\n=б")
    assert result.errors == ["вопрос 2, строка 4: не закрыта «{»"]
