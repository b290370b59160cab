"""Reading an upload whole: format, encoding, size, validation of every question, errors in file order."""

from __future__ import annotations

from services.attestation.own.engine.importing import (
    AIKEN,
    GIFT,
    MAX_FILE_BYTES,
    XLSX,
    check_file,
    decode,
    detect_format,
)
from services.attestation.own.engine.xlsx import write_xlsx

GIFT_TEXT = "$CATEGORY: Прайс\n\nЦена «Бизнеса»?{=1 500 руб. ~1 000 руб.}\n"
AIKEN_TEXT = "Цена?\nA) 1 000\nB) 1 500\nANSWER: B\n"


def test_encodings_utf8_bom_utf16_and_cp1251() -> None:
    for data in (GIFT_TEXT.encode("utf-8"), GIFT_TEXT.encode("utf-8-sig"), GIFT_TEXT.encode("utf-16"),
                 GIFT_TEXT.encode("cp1251")):
        assert decode(data) == GIFT_TEXT
        check = check_file(data, "x.txt", "Общие")
        assert check.ok and check.questions[0].body.options[0].text == "1 500 руб.", check.errors


def test_format_detection() -> None:
    assert detect_format(GIFT_TEXT.encode(), "questions.txt") == GIFT
    assert detect_format(AIKEN_TEXT.encode("cp1251"), "questions.txt") == AIKEN
    assert detect_format(write_xlsx([]), "noname") == XLSX


def test_questions_without_a_topic_go_to_the_default_one() -> None:
    check = check_file(AIKEN_TEXT.encode(), "a.txt", "Прайс")
    assert check.ok and check.questions[0].topic == "Прайс" and check.topic_titles == ["Прайс"]
    assert check.by_type == {"single": 1}


def test_too_big_and_empty_files() -> None:
    too_big = check_file(b"x" * (MAX_FILE_BYTES + 1), "big.txt", "T")
    assert too_big.errors == ["Файл больше 2 МБ — разделите его на части."]
    assert check_file(b"// only a comment\n", "empty.txt", "T").errors == ["в файле не нашлось ни одного вопроса"]


def test_validation_errors_join_parse_errors_in_file_order() -> None:
    source = "\n\n".join(["Один{=а ~а}", "Кто?{=никто}", "Нет верного{~а ~б}", "Хороший{=а ~б}"])
    check = check_file(source.encode(), "q.gift", "T")
    assert not check.ok
    assert check.errors == [
        "вопрос 1, строка 1: вариант «а» повторяется",
        "вопрос 2, строка 3: вопрос с коротким ответом («=ответ» без вариантов «~») не поддерживается: введённое "
        "слово бот надёжно не проверит — добавьте неверные варианты через «~»",
        "вопрос 3, строка 5: не отмечен правильный ответ",
    ]


def test_topic_title_and_card_limits() -> None:
    long_title = "Т" * 61
    check = check_file(f"$CATEGORY: {long_title}\n\nВопрос{{=а ~б}}\n".encode(), "q.gift", "T")
    assert check.errors and "длиннее 60 знаков" in check.errors[0]
