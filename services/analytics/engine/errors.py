"""Exceptions of the analytics services.

Every exception carries a Russian message that can be shown to the user as it is (plain text, no HTML),
so a handler or the CLI never has to invent wording of its own.
"""

from __future__ import annotations


class AnalyticsError(Exception):
    """Base class: `user_message` is the Russian text for the user."""

    default_message = "Не получилось разобрать файл."

    def __init__(self, user_message: str | None = None) -> None:
        self.user_message = user_message or self.default_message
        super().__init__(self.user_message)


class NotATable(AnalyticsError):
    default_message = (
        "Это не похоже на таблицу. Пришлите файл CSV или XLSX — например, выгрузку из 1С, amoCRM, Битрикс24 или Excel."
    )


class UnsupportedFormat(AnalyticsError):
    default_message = (
        "Этот формат я не читаю. Сохраните таблицу как XLSX или CSV (в Excel: «Файл → Сохранить как») и пришлите снова."
    )


class EmptyFile(AnalyticsError):
    default_message = "Файл пустой — в нём нет ни строки. Проверьте выгрузку и пришлите снова."


class HeaderOnly(AnalyticsError):
    default_message = (
        "В файле есть только заголовки столбцов, а строк с данными нет. Проверьте фильтры выгрузки "
        "и пришлите файл с данными."
    )


class FileTooBig(AnalyticsError):
    default_message = (
        "Файл слишком большой: Telegram разрешает боту скачивать файлы до 20 МБ. Что можно сделать: "
        "упакуйте файл в ZIP (таблицы сжимаются в 5–10 раз), пришлите часть строк (например, за последний "
        "год) или подключите бота к локальному серверу Bot API — там ограничение намного больше."
    )


class ZipBomb(AnalyticsError):
    default_message = (
        "Архив распаковывается в слишком большой объём — такой файл я не открываю. Пришлите таблицу "
        "поменьше или только нужные строки."
    )


class BadArchive(AnalyticsError):
    default_message = "Архив не открывается или в нём нет таблицы. В ZIP должен лежать ровно один файл CSV или XLSX."


class EncodingError(AnalyticsError):
    default_message = (
        "Не удалось определить кодировку текста. Сохраните файл в UTF-8 или Windows-1251 "
        "(в Excel: «CSV UTF-8») и пришлите снова."
    )


class NotEnoughData(AnalyticsError):
    default_message = "В файле слишком мало данных для анализа."


class ColumnsNotFound(AnalyticsError):
    default_message = "Не нашёл в файле нужных столбцов."


class BadOptions(AnalyticsError):
    default_message = "Не понял настройки анализа."
