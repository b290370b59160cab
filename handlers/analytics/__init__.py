"""«Анализ файла» in the chat: a CSV/XLSX/ZIP in, a short report, a chart and an Excel file out."""

from __future__ import annotations

from aiogram import Router

from handlers.analytics import chat


def routers() -> list[Router]:
    return [chat.router]
