"""The drill's texts (HTML, from content/texts/drill.ftl) built from plain values; user-given values escaped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from services.attestation.drill.engine.calendar import EVERY_DAY, WEEKDAYS, chosen_weekdays, format_minute, utc_offset
from services.attestation.drill.engine.recall import TopicRecall
from services.attestation.drill.engine.streaks import WeekNote
from services.attestation.engine.content import QuestionBank
from services.clock import as_utc
from services.texts import t

DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the selector of drill-weekday
# Time zones offered (IANA name → its name in drill.ftl); any other zone is shown by its IANA name.
ZONE_KEYS = {
    "Europe/Kaliningrad": "drill-zone-kaliningrad",
    "Europe/Moscow": "drill-zone-moscow",
    "Europe/Samara": "drill-zone-samara",
    "Asia/Yekaterinburg": "drill-zone-yekaterinburg",
    "Asia/Omsk": "drill-zone-omsk",
    "Asia/Novosibirsk": "drill-zone-novosibirsk",
    "Asia/Krasnoyarsk": "drill-zone-krasnoyarsk",
    "Asia/Irkutsk": "drill-zone-irkutsk",
    "Asia/Yakutsk": "drill-zone-yakutsk",
    "Asia/Vladivostok": "drill-zone-vladivostok",
    "Asia/Magadan": "drill-zone-magadan",
    "Asia/Kamchatka": "drill-zone-kamchatka",
}


def _esc(text: str) -> str:
    return escape(text, quote=False)


def topic_title(bank: QuestionBank, topic_id: str) -> str:
    """Plain text (escape before HTML)."""
    return bank.topic(topic_id).title if bank.has_topic(topic_id) else topic_id


def weekday_name(weekday: int) -> str:
    return t("drill-weekday", day=DAY_CODES[weekday])


def days_text(days: int) -> str:
    if days & EVERY_DAY == EVERY_DAY:
        return t("drill-days-every")
    if days & EVERY_DAY == WEEKDAYS:
        return t("drill-days-weekdays")
    return ", ".join(weekday_name(d) for d in chosen_weekdays(days))


def zone_name(zone: str, at: datetime) -> str:
    """«Москва, UTC+3» (plain text)."""
    key = ZONE_KEYS.get(zone)
    name = t(key) if key else zone
    return t("drill-zone-label", name=name, offset=utc_offset(zone, at))


def when_text(moment: datetime, tz: ZoneInfo) -> str:
    """«пн, 02.03 в 09:30» in the user's zone."""
    local = as_utc(moment).astimezone(tz)
    return t("drill-when", day=weekday_name(local.weekday()), date=local.strftime("%d.%m"),
             time=format_minute(local.hour * 60 + local.minute))


def question_head(day: date) -> str:
    return t("drill-question-head", date=day.strftime("%d.%m"))


def week_note_text(note: WeekNote, bank: QuestionBank) -> str:
    if note.weakest is None:
        return t("drill-week-note", correct=note.correct, total=note.total)
    return t("drill-week-note-weakest", correct=note.correct, total=note.total,
             topic=_esc(topic_title(bank, note.weakest)))


def summary_text(correct: int, total: int, streak: int) -> str:
    return t("drill-summary", correct=correct, total=total, streak=streak)


def recall_lines(recalls: Sequence[TopicRecall], bank: QuestionBank) -> list[str]:
    return [t("drill-team-recall-line", topic=_esc(topic_title(bank, r.topic_id)), percent=r.percent)
            for r in recalls]
