"""The loader against the exports that used to be misread or refused for the wrong reason (issue 15, items 5, 8, 9):
every row of a sheet whatever its <dimension> says, HTML and Excel 2003 XML saved as .xls, a real XLS, a table on
the second sheet, password protection named, and text files with a few bad bytes, a stray quote or no header."""

from __future__ import annotations

import codecs

import pytest

from services.analytics.engine import skips
from services.analytics.engine.errors import NoHeaderRow, NotATable, PasswordProtected, UnsupportedFormat
from services.analytics.engine.reader import read_table

from .helpers import csv_bytes, xlsx_bytes
from .office_files import (
    biff8_workbook,
    cfb_bytes,
    encrypted_xlsx,
    html_table_xls,
    spreadsheet_ml,
    with_dimension,
    word_document,
    xlsx_sheets,
)

HEADER = ["Клиент", "Дата", "Сумма"]
ROWS = [[f"Клиент {i}", f"{1 + i % 28:02d}.{1 + i % 12:02d}.2023", f"{100 + i},50"] for i in range(300)]
TEXT = "\r\n".join(";".join(row) for row in [HEADER, *ROWS]) + "\r\n"


def assert_all_rows(table, rows=ROWS) -> None:
    assert table.headers == HEADER
    assert table.rows_total == len(rows) and len(table.df) == len(rows)
    assert table.df.values.tolist() == rows


# ---- item 5: a sheet's <dimension> tag lies ------------------------------------------------------------------


@pytest.mark.parametrize("declared", ["A1:C50", "A1:C1", "A1:A1"])
def test_every_row_of_a_sheet_is_read_whatever_its_dimension_says(declared):
    data = with_dimension(xlsx_bytes([HEADER, *ROWS]), declared)
    table = read_table(data, "export.xlsx")
    assert_all_rows(table)
    assert table.file_format == "xlsx"


# ---- item 8: real exports with an Excel name --------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["utf-8", "windows-1251"])
def test_an_html_table_saved_as_xls_is_read(charset):
    table = read_table(html_table_xls([HEADER, *ROWS], charset=charset), "Отчет 1С.xls")
    assert_all_rows(table)
    assert table.file_format == "html"


def test_html_cells_are_unescaped_and_spans_keep_columns_aligned():
    page = ("<html><body><p>Продажи</p><table><tr><th colspan=2>Клиент и дата</th><th>Сумма</th></tr>"
            "<tr><td>ООО «Ромашка» &amp; Ко</td><td>01.02.2023</td><td>1&nbsp;200</td></tr>"
            "<tr><td>ИП &lt;Петров&gt;</td><td>02.02.2023</td><td>300</td></tr></table></body></html>")
    table = read_table(page.encode(), "crm.xls")
    assert table.headers == ["Клиент и дата", "Столбец 2", "Сумма"]
    assert table.df.values.tolist() == [["ООО «Ромашка» & Ко", "01.02.2023", "1 200"],
                                        ["ИП <Петров>", "02.02.2023", "300"]]


def test_a_page_without_a_table_is_named_as_such():
    with pytest.raises(NotATable, match="HTML"):
        read_table(b"<!DOCTYPE html><html><body><p>404 Not Found</p></body></html>", "x.xls")


def test_the_table_on_the_second_sheet_is_found_past_a_notes_sheet():
    notes = [["Выгрузка продаж за 2023 год"], ["Суммы в рублях, с НДС"], ["Подготовил: отдел продаж"]]
    table = read_table(xlsx_sheets({"Пояснения": notes, "Данные": [HEADER, *ROWS]}), "two-sheets.xlsx")
    assert_all_rows(table)
    assert table.sheet == "Данные"


def test_a_password_protected_xlsx_is_named_as_such():
    with pytest.raises(PasswordProtected) as error:
        read_table(encrypted_xlsx(), "clients.xlsx")
    assert "паролем" in error.value.user_message


def test_a_password_protected_xls_is_named_as_such():
    with pytest.raises(PasswordProtected):
        read_table(biff8_workbook([HEADER, *ROWS[:5]], password=True), "old.xls")


def test_a_real_xls_is_read():
    rows = [[name, day, float(amount.replace(",", "."))] for name, day, amount in ROWS[:50]]
    table = read_table(biff8_workbook([HEADER, *rows]), "старый.xls")
    assert table.file_format == "xls" and table.sheet == "Лист1"
    assert table.headers == HEADER
    assert table.df.values.tolist()[:2] == [["Клиент 0", "01.01.2023", "100.5"], ["Клиент 1", "02.02.2023", "101.5"]]
    assert table.rows_total == 50


def test_an_xls_that_cannot_be_read_says_how_to_resave_it():
    with pytest.raises(UnsupportedFormat) as error:
        read_table(cfb_bytes({"Workbook": b"\x09\x08\x10\x00" + bytes(300)}), "broken.xls")
    message = error.value.user_message
    assert "XLS" in message and "Сохранить как" in message and "xlsx" in message


def test_a_word_document_is_named_as_such():
    with pytest.raises(NotATable, match="Word"):
        read_table(word_document(), "table.doc")


@pytest.mark.parametrize("notes_first", [False, True])
def test_excel_2003_xml_is_read(notes_first):
    rows = [[name, day, float(amount.replace(",", "."))] for name, day, amount in ROWS]
    table = read_table(spreadsheet_ml([HEADER, *rows], notes_first=notes_first), "выгрузка.xls")
    assert table.file_format == "xml" and table.sheet == "Данные"
    assert table.rows_total == 300
    assert table.df.values.tolist()[0] == ["Клиент 0", "01.01.2023", "100.5"]


def test_xml_with_entity_declarations_is_refused_not_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
            b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data>'
            b"&lol2;</Data></Cell></Row></Table></Worksheet></Workbook>")
    with pytest.raises(NotATable):
        read_table(bomb, "x.xls")


# ---- item 9: text that is mostly fine --------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(codec):
    table = read_table(TEXT.encode(codec), "unicode.txt")
    assert_all_rows(table)
    assert table.encoding == codec


def test_a_few_lines_in_another_encoding_are_left_out_and_counted():
    data = (TEXT.encode("utf-8")
            .replace("Клиент 7;".encode(), "Клиент 7;".encode("cp1251"))
            .replace("Клиент 150;".encode(), "Ёлкин;".encode("cp1251")))
    table = read_table(data, "mixed.csv")
    assert table.encoding == "utf-8"
    assert table.dropped == {"bad_bytes": 2}
    assert table.rows_total == 300 and len(table.df) == 298
    assert "Клиент 8" in table.df["Клиент"].tolist()
    skipped: dict[str, int] = {}
    skips.add_read(skipped, table)
    assert skipped == {"bad_bytes": 2}
    assert "кодировка" in skips.explain("bad_bytes")


def test_a_few_bad_lines_past_the_detectors_sample_are_left_out():
    head = "".join(f"Клиент {i};01.02.2023;{i}\r\n" for i in range(20_000))  # ~600 KB of clean UTF-8
    data = ("Клиент;Дата;Сумма\r\n" + head).encode() + "Ёлкин;01.02.2023;5\r\n".encode("cp1251") + b"X;01.02.2023;6\r\n"
    table = read_table(data, "late.csv")
    assert table.dropped == {"bad_bytes": 1} and len(table.df) == 20_001
    assert table.df["Клиент"].iloc[-1] == "X"


def test_a_nul_early_in_the_file_costs_its_line_only():
    data = TEXT.encode("utf-8").replace("Клиент 3;".encode(), "Клие\x00нт 3;".encode())
    table = read_table(data, "nul.csv")
    assert table.dropped == {"bad_bytes": 1} and len(table.df) == 299


def test_a_last_line_cut_inside_a_letter_is_left_out_as_cut():
    data = TEXT.encode("utf-8") + "Клиент 300;01.01.2024;1".encode() + "Я".encode()[:1]
    table = read_table(data, "cut.csv")
    assert table.dropped == {"cut_line": 1}
    assert table.df.values.tolist() == ROWS
    assert skips.explain("cut_line") == "последняя строка файла обрезана"


def test_one_unclosed_quote_costs_nothing():
    data = TEXT.encode("utf-8").replace("Клиент 5;".encode(), '"Клиент 5;'.encode())
    table = read_table(data, "quote.csv")
    assert table.rows_total == 300 and table.malformed_rows == 0
    assert table.df["Клиент"].tolist()[4:7] == ["Клиент 4", '"Клиент 5', "Клиент 6"]
    assert table.df["Клиент"].iloc[-1] == "Клиент 299"


def test_a_real_multi_line_cell_still_spans_its_lines():
    text = 'Клиент;Адрес;Сумма\r\nАнна;"Москва,\r\nул. Ленина, 1";100\r\nБорис;Тверь;200\r\nВера;"Сочи";300\r\n'
    table = read_table(text.encode(), "addresses.csv")
    assert table.df["Адрес"].tolist() == ["Москва,\r\nул. Ленина, 1", "Тверь", "Сочи"]


def test_a_table_without_a_header_row_is_said_to_be_one():
    data = csv_bytes(ROWS)  # cp1251, ";" — the first line is already a client
    with pytest.raises(NoHeaderRow) as error:
        read_table(data, "no-header.csv")
    assert "нет строки с названиями столбцов" in error.value.user_message
    with pytest.raises(NoHeaderRow):
        read_table(xlsx_bytes(ROWS), "no-header.xlsx")


@pytest.mark.parametrize(
    "rows",
    [
        [["Месяц", "2022", "2023"], ["Январь", "100", "120"], ["Февраль", "90", "95"], ["Март", "80", "81"]],
        [["ID", "Сумма"], ["1", "100"], ["2", "200"], ["3", "300"]],
        [["Клиент", "01.2023", "02.2023"], ["Анна", "100", "120"], ["Борис", "90", "95"]],
        [["Клиент", "Дата", "Сумма"], ["Анна", "01.02.2023", "100"], ["Борис", "", "нет"], ["Вера", "x", "y"]],
    ],
    ids=["years-as-headers", "id-and-sum", "months-as-headers", "mostly-text"],
)
def test_real_headers_are_not_taken_for_data(rows):
    assert read_table(csv_bytes(rows), "ok.csv").headers == rows[0]


def test_utf16_with_bom_and_an_odd_last_byte_still_reads():
    data = codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"\x41"
    table = read_table(data, "odd.txt")
    assert table.df.values.tolist() == ROWS
    assert table.dropped == {"cut_line": 1}
