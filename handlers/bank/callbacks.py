"""Buttons of a team's own questions: ids and short codes only (Telegram allows 64 bytes). One factory per flow;
the server re-checks on every press that the user may do it, whatever the ids say."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class BankAction(StrEnum):
    TEAMS = "ts"  # the teams whose bank the user edits
    HOME = "h"  # the bank of team t (page p)
    TOPIC = "tp"  # topic x (page p)
    NEW_TOPIC = "nt"
    RENAME = "rn"  # topic x
    CARD = "cd"  # edit topic x's card
    HIDE_TOPIC = "ht"
    SHOW_TOPIC = "st"
    DELETE_TOPIC = "dt"  # ask first
    DELETE_TOPIC_YES = "dty"
    QUESTION = "q"  # question x
    HIDE_QUESTION = "hq"
    SHOW_QUESTION = "sq"
    DELETE_QUESTION = "dq"  # ask first
    DELETE_QUESTION_YES = "dqy"
    EDITORS = "ed"  # the owner's list of members who may edit
    EDITOR = "et"  # toggle member x


class BankCallback(CallbackData, prefix="bk"):
    a: BankAction
    t: int = 0  # team id
    x: int = 0  # topic, question or member id
    p: int = 0  # page


class FileAction(StrEnum):
    TEMPLATE = "tpl"
    IMPORT = "imp"  # ask for a file (into topic x, or by the file's own topics when 0)
    IMPORT_YES = "y"
    IMPORT_NO = "n"
    EXPORT_XLSX = "xx"
    EXPORT_GIFT = "xg"
    STATS = "st"
    STATS_XLSX = "sx"


class FileCallback(CallbackData, prefix="bf"):
    a: FileAction
    t: int = 0
    x: int = 0


class DraftAction(StrEnum):
    NEW = "new"  # a new question in topic x
    EDIT = "ed"  # edit question x
    TYPE = "ty"  # v: the type
    MARK = "mk"  # option x is right (toggle for several answers)
    MARKED = "md"  # the right ones are marked
    KEEP = "kp"  # «Оставить как есть»
    SKIP = "sk"  # no explanation
    GOTO = "go"  # from the preview to step v
    SAVE = "sv"


class DraftCallback(CallbackData, prefix="bq"):
    """The chat editor of a question; the draft lives in the FSM data."""

    a: DraftAction
    t: int = 0
    x: int = 0
    v: str = ""


class TopicDraftAction(StrEnum):
    SKIP = "sk"  # no card / no link, or keep what there is
    CLEAR = "cl"  # remove the card's document and link


class TopicDraftCallback(CallbackData, prefix="bt"):
    a: TopicDraftAction
    t: int = 0


class ExamAction(StrEnum):
    VIEW = "v"
    SIZE = "sz"
    PASS = "ps"
    MODE = "md"
    SOURCE = "src"  # v: "builtin" or an own topic key
    TITLE = "ti"
    RESET = "rs"


class ExamCallback(CallbackData, prefix="bx"):
    a: ExamAction
    t: int = 0
    v: str = ""


class CardAction(StrEnum):
    FILE = "f"  # the document an own topic's card points to (topic x)


class CardCallback(CallbackData, prefix="bc"):
    a: CardAction
    x: int = 0
