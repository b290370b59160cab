"""The XLSX template, reading a filled one (every error names its row), formula-like cells kept as text."""

from __future__ import annotations

import io

import xlsxwriter
from openpyxl import load_workbook

from services.attestation.own.engine.model import MATCHING, MULTIPLE, NUMERIC, ORDERING, SINGLE, Option, QuestionBody
from services.attestation.own.engine.template import load_template, template
from services.attestation.own.engine.xlsx import (
    XlsxTopic,
    option_cell,
    parse_xlsx,
    split_option_cell,
    write_xlsx,
)


def filled(rows: list[list[object]], header: list[str] | None = None) -> bytes:
    tpl = template()
    header = header or [c.header for c in tpl.columns] + [tpl.option_title(n) for n in range(1, 9)]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(tpl.sheets.questions)
    for col, value in enumerate(header):
        sheet.write(0, col, value)
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value is not None:
                sheet.write(row, col, value)
    book.close()
    return buffer.getvalue()


def test_template_has_the_three_sheets_an_example_of_each_type_and_a_type_dropdown() -> None:
    tpl = load_template()
    assert tpl.file_name == "Шаблон вопросов.xlsx"
    book = load_workbook(io.BytesIO(write_xlsx([])))
    assert book.sheetnames == ["Вопросы", "Темы", "Как заполнять"]
    questions = book["Вопросы"]
    assert [c.value for c in questions[1]][:7] == ["Тема", "Тип", "Вопрос", "Правильный ответ", "Допуск",
                                                   "Пояснение", "Название"]
    validation = questions.data_validations.dataValidation[0]
    assert validation.type == "list" and "B2:B5001" in str(validation.sqref)
    assert "один ответ" in validation.formula1 and "соответствие" in validation.formula1
    help_rows = [[c.value for c in row] for row in book["Как заполнять"].iter_rows()]
    explained = {row[0] for row in help_rows if row[0]}
    assert {c.header for c in tpl.columns} <= explained
    examples = [row for row in help_rows if row[1] in {tpl.types[k].label for k in tpl.types}]
    assert {row[1] for row in examples} == {names.label for names in tpl.types.values()}


def test_the_template_examples_parse_as_valid_questions() -> None:
    tpl = template()
    rows = [[e.topic, tpl.types[e.type].label, e.text, e.answer, e.tolerance, e.explanation, "", *e.options]
            for e in tpl.examples]
    result = parse_xlsx(filled(rows))
    assert not result.errors
    from services.attestation.own.engine.validate import problems

    assert [q.body.type for q in result.questions] == [SINGLE, MULTIPLE, NUMERIC, ORDERING, MATCHING]
    assert all(not problems(q.body) for q in result.questions)
    assert result.questions[0].body.options[0].why == "это тариф «Старт»"


def test_rows_of_every_type_and_number_cells() -> None:
    result = parse_xlsx(filled([
        ["Прайс", "один ответ", "Цена?", 2, None, "", "", "1 000", "1 500"],
        ["Прайс", "несколько ответов", "Что входит?", "1, 3", None, "", "", "CRM", "BI", "Телефония"],
        ["Прайс", "число", "Скидка?", 15, "5%", "", "", None],
        ["Прайс", "Число", "Цена?", "1 500 ₽", 50, "", "", None],
        ["Звонок", "порядок", "По порядку", None, None, "", "", "а", "б", "в"],
        ["Звонок", "соответствие", "Пары", None, None, "", "", "а -> 1", "б → 2", "в -> 3"],
    ]))
    assert not result.errors
    single, multiple, percent, rubles, ordering, matching = (q.body for q in result.questions)
    assert [o.correct for o in single.options] == [False, True]
    assert [o.correct for o in multiple.options] == [True, False, True]
    assert (percent.answer, percent.tolerance) == (15.0, 0.75)
    assert (rubles.answer, rubles.tolerance) == (1500.0, 50.0)
    assert ordering.items == ("а", "б", "в") and matching.pairs[1].right == "2"
    assert [q.line for q in result.questions] == [2, 3, 4, 5, 6, 7]


def test_a_decimal_comma_typed_into_a_number_cell_reads_as_two_numbers() -> None:
    result = parse_xlsx(filled([["Т", "несколько ответов", "?", 1.3, None, "", "", "а", "б", "в"]]))
    assert [o.correct for o in result.questions[0].body.options] == [True, False, True]


def test_every_bad_row_is_reported_with_its_row_number() -> None:
    result = parse_xlsx(filled([
        ["Т", "", "Без типа", 1, None, "", "", "а", "б"],
        ["Т", "эссе", "Неизвестный тип", 1, None, "", "", "а", "б"],
        [None] * 9,  # an empty row is skipped
        ["Т", "один ответ", "Нет такого варианта", 5, None, "", "", "а", "б"],
        ["Т", "число", "Не число", "много", None, "", "", None],
        ["Т", "соответствие", "Без стрелки", None, None, "", "", "а 1", "б -> 2", "в -> 3"],
    ]))
    assert result.errors == [
        "строка 2: не указан тип вопроса",
        "строка 3: неизвестный тип «эссе» — можно: «один ответ», «несколько ответов», «число», «порядок», "
        "«соответствие»",
        "строка 5: правильный ответ 5 — такого варианта нет (пустая ячейка)",
        "строка 6: правильный ответ «много» — не число",
        "строка 7: в паре «а 1» нет «->»",
    ]


def test_missing_columns_and_not_a_workbook() -> None:
    assert parse_xlsx(filled([], header=["Тема", "Вопрос"])).errors == [
        "на листе вопросов нет столбцов «Тип», «Вариант 1» — возьмите шаблон из бота"]
    assert parse_xlsx(b"PK\x03\x04 broken").errors[0].startswith("файл не читается как таблица Excel")


def test_formula_like_text_is_written_and_read_back_as_text() -> None:
    body = QuestionBody(SINGLE, "=1+1", options=(Option("=SUM(A1:A3)", True), Option("@cmd", False),
                                                  Option("+7 (999)", False)), explanation="=HYPERLINK(\"x\")")
    data = write_xlsx([XlsxTopic("=Тема", "", "", [body])])
    book = load_workbook(io.BytesIO(data))
    cells = [c for row in book["Вопросы"].iter_rows(min_row=2) for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str)), [(c.value, c.data_type) for c in cells]
    back = parse_xlsx(data).questions[0]
    assert back.topic == "=Тема" and back.body == body


def test_option_cell_escapes() -> None:
    option = Option("C# \\ 50 %", False, "см. #2")
    assert split_option_cell(option_cell(option)) == (option.text, option.why)
    assert split_option_cell("текст # почему") == ("текст", "почему")
