"""The loader: encodings, separators, archives, Excel and everything that is not a table."""

from __future__ import annotations

import codecs
import zlib

import pytest

from services.analytics.engine.errors import (
    BadArchive,
    EmptyFile,
    FileTooBig,
    HeaderOnly,
    NotATable,
    UnsupportedFormat,
    ZipBomb,
)
from services.analytics.engine.reader import check_download_size, read_table

from .helpers import csv_bytes, xlsx_bytes, zip_bytes

ROWS = [
    ["Клиент", "Дата", "Сумма"],
    ["ООО «Ромашка»", "01.02.2023", "1 200,50"],
    ["ИП Петров; филиал", "05.03.2023", "250"],
    ["Ёлкин Семён", "10.03.2023", "99,9"],
]


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
@pytest.mark.parametrize("encoding", ["cp1251", "utf-8", "utf-8-sig"])
def test_reads_every_separator_and_encoding_back_to_the_same_cells(sep, encoding):
    table = read_table(csv_bytes(ROWS, sep=sep, encoding=encoding), "клиенты.csv")
    assert table.headers == ["Клиент", "Дата", "Сумма"]
    assert table.df.values.tolist() == [r for r in ROWS[1:]]
    assert table.separator == sep
    assert table.encoding == {"cp1251": "cp1251", "utf-8": "utf-8", "utf-8-sig": "utf-8-sig"}[encoding]
    assert table.rows_total == 3


def test_cp1251_is_detected_not_guessed_from_a_short_file():
    table = read_table("Покупатель;Сумма\nИванов;100\n".encode("cp1251"), "x.csv")
    assert table.encoding == "cp1251"
    assert table.df["Покупатель"].tolist() == ["Иванов"]


def test_a_title_block_above_the_header_is_skipped():
    data = csv_bytes([["Отчёт о продажах за 2023 год"], [""], *ROWS])
    table = read_table(data, "report.csv")
    assert table.headers == ["Клиент", "Дата", "Сумма"]
    assert table.header_row == 2
    assert len(table.df) == 3


def test_amocrm_header_keeps_its_trailing_space():
    data = csv_bytes([["ID", "Бюджет ", "Этап сделки"], ["1", "10 000", "Переговоры"]])
    assert read_table(data, "amocrm.csv").headers == ["ID", "Бюджет ", "Этап сделки"]


def test_row_quoted_as_a_whole_line_is_repaired_in_place():
    text = 'InvoiceNo,Description,Quantity\r\n1,FIRST,2\r\n"2,""AIRLINE LOUNGE,METAL SIGN"",3"\r\n3,LAST,4\r\n'
    table = read_table(text.encode(), "uci.csv")
    assert table.df.values.tolist() == [
        ["1", "FIRST", "2"],
        ["2", "AIRLINE LOUNGE,METAL SIGN", "3"],
        ["3", "LAST", "4"],
    ]
    assert table.malformed_rows == 0


def test_row_with_wrong_number_of_fields_is_counted_as_malformed():
    table = read_table(b"a,b,c\n1,2,3\n4,5\n6,7,8\n", "x.csv")
    assert table.df["a"].tolist() == ["1", "6"]
    assert table.malformed_rows == 1
    assert table.rows_total == 3


def test_xlsx_with_a_title_row_dates_and_numbers():
    from datetime import datetime

    data = xlsx_bytes(
        [
            ["Клиент", "Дата", "Сумма"],
            ["Иванов", datetime(2023, 2, 1), 1200.5],
            ["Петров", datetime(2023, 3, 5, 14, 30), 300.0],
        ],
        title_rows=[["Выгрузка из 1С"]],
    )
    table = read_table(data, "sales.xlsx")
    assert table.file_format == "xlsx"
    assert table.df.values.tolist() == [["Иванов", "2023-02-01", "1200.5"], ["Петров", "2023-03-05 14:30:00", "300"]]


def test_zip_with_one_csv_is_unpacked():
    data = zip_bytes({"export/sales.csv": csv_bytes(ROWS)})
    table = read_table(data, "sales.zip")
    assert table.source_name == "sales.csv"
    assert len(table.df) == 3


def test_zip_ignores_macos_metadata():
    data = zip_bytes({"sales.csv": csv_bytes(ROWS), "__MACOSX/._sales.csv": b"\x00\x01"})
    assert len(read_table(data, "sales.zip").df) == 3


def test_zip_bomb_is_refused_by_the_unpacked_size():
    bomb = zip_bytes({"big.csv": b"a,b\n" + b"1,2\n" * 300_000})
    assert len(bomb) < 50_000
    with pytest.raises(ZipBomb) as error:
        read_table(bomb, "big.zip", max_unpacked_bytes=1_000_000)
    assert "Архив" in error.value.user_message


def test_zip_with_two_tables_or_none_is_refused():
    with pytest.raises(BadArchive, match="несколько"):
        read_table(zip_bytes({"a.csv": b"a,b\n1,2\n", "b.csv": b"a,b\n1,2\n"}), "two.zip")
    with pytest.raises(BadArchive):
        read_table(zip_bytes({"photo.jpg": b"\xff\xd8\xff"}), "photo.zip")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyFile),
        (b"   \r\n\r\n", EmptyFile),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), NotATable),
        (b"%PDF-1.4\n" + zlib.compress(bytes(range(256)) * 10), NotATable),
        (bytes(range(256)) * 40, NotATable),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), UnsupportedFormat),
        ("Клиент;Дата;Сумма\r\n".encode("cp1251"), HeaderOnly),
        (b"just one column\nno separators here\n", NotATable),
    ],
    ids=["empty", "blank", "png", "pdf", "binary", "xls", "header-only", "one-column"],
)
def test_what_is_not_a_usable_table_gets_a_russian_message(data, error):
    with pytest.raises(error) as raised:
        read_table(data, "file.csv")
    message = raised.value.user_message
    assert message and any("а" <= ch <= "я" for ch in message.lower())


def test_utf16_with_bom_is_read():
    data = codecs.BOM_UTF16_LE + "Клиент\tСумма\r\nИванов\t100\r\n".encode("utf-16-le")
    table = read_table(data, "excel-unicode.txt")
    assert table.df.values.tolist() == [["Иванов", "100"]]


def test_file_over_the_telegram_limit_gets_advice():
    check_download_size(20 * 2**20)
    with pytest.raises(FileTooBig) as error:
        check_download_size(20 * 2**20 + 1)
    assert "ZIP" in error.value.user_message and "20 МБ" in error.value.user_message


def test_cp1251_letters_first_appearing_after_the_detectors_sample():
    head = "".join(f"{i};2023-01-01;100\r\n" for i in range(30_000))  # plain ASCII, ~600 KB
    data = ("Client;Date;Amount\r\n" + head + "Иванов;2023-01-02;200\r\n").encode("cp1251")
    table = read_table(data, "late.csv")
    assert table.encoding == "cp1251"
    assert table.df["Client"].iloc[-1] == "Иванов"


def test_short_cp1251_file_is_not_read_as_koi8_or_cp866() -> None:
    # Found by the property test: a two-line cp1251 export was detected as KOI8-R («оНЙСОЮРЕКЭ»).
    from services.analytics.engine.encoding import detect_encoding

    text = "Покупатель;Дата покупки;Сумма, руб.\nООО ООО;01.01.2015;0,01\n"
    for codec in ("cp1251", "koi8_r", "cp866"):
        assert detect_encoding(text.encode(codec)) == (codec, False)
