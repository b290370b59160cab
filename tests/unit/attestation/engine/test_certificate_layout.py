"""Issue 13, item 8: what the certificate prints and where. The seal and the QR code never cover the topics or the
lines that say how to check the code; the wording is neutral; the bot is named with a deep link; a team exam
names the team and its company."""

from __future__ import annotations

import datetime as dt

from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from services.attestation.engine.certificate import certificate_figure
from services.attestation.engine.content import load_bank

CODE = "K7QX-M2PD-9H"
LONGEST_BOT = "a" * 32  # Telegram allows up to 32 characters
SPONSOR = "ООО «Торговый дом Северо-Западного региона», команда «Отдел продаж корпоративным клиентам»"


def _figure(bot: str = LONGEST_BOT, sponsor: str | None = SPONSOR) -> Figure:
    titles = [topic.title for topic in load_bank().topics]  # every topic: the longest list an exam can print
    return certificate_figure("Ирина Д'Артаньян-Ёлкина", dt.date(2025, 11, 22), 90, CODE, titles * 2,
                              bot_username=bot, sponsor=sponsor)


def _boxes(fig: Figure, gid: str) -> list[Bbox]:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    found = [artist.get_window_extent(renderer) for artist in fig.texts if artist.get_gid() == gid]
    found += [ax.get_window_extent(renderer) for ax in fig.axes if ax.get_gid() == gid]
    assert found, f"nothing drawn as {gid!r}"
    return found


def _apart(first: list[Bbox], second: list[Bbox]) -> bool:
    return not any(a.overlaps(b) for a in first for b in second)


def test_the_seal_and_the_qr_code_cover_nothing() -> None:
    for fig in (_figure(), _figure(bot="", sponsor=None)):
        text = _boxes(fig, "topics") + _boxes(fig, "verify")
        marks = _boxes(fig, "seal") + ([] if not [a for a in fig.axes if a.get_gid() == "qr"] else _boxes(fig, "qr"))
        assert _apart(text, marks)
        assert _apart(_boxes(fig, "topics"), _boxes(fig, "verify"))


def test_the_wording_is_neutral_and_names_the_bot_and_the_team() -> None:
    printed = "\n".join(artist.get_text() for artist in _figure().texts)
    assert "прошёл" not in printed and "(-ла)" not in printed
    assert "Настоящий сертификат выдан" in printed and "за успешное прохождение аттестации" in printed
    assert f"@{LONGEST_BOT}" in printed and f"t.me/{LONGEST_BOT}?start=verify_{CODE}" in printed
    assert f"По заданию: {SPONSOR}" in printed
    assert [ax for ax in _figure().axes if ax.get_gid() == "qr"]
    own = "\n".join(artist.get_text() for artist in _figure(bot="", sponsor=None).texts)
    assert f"/verify {CODE}" in own and "По заданию" not in own and "t.me" not in own
