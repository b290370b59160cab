"""What the own-questions screens show, as plain dataclasses: texts are ready HTML (escaped), buttons are intents
(ids, labels as plain text), never Telegram objects."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Item:
    """A button that opens something: a team, a topic, a question, a member, an exam source."""

    id: int
    label: str  # plain text
    key: str = ""  # for exam sources: "builtin" or an own topic key
    marked: bool = False


@dataclass(frozen=True)
class TeamsView:
    text: str
    teams: tuple[Item, ...]


@dataclass(frozen=True)
class HomeView:
    team_id: int
    text: str
    topics: tuple[Item, ...]
    page: int
    pages: int
    owner: bool  # the owner manages editors and the exam
    has_questions: bool


@dataclass(frozen=True)
class TopicView:
    team_id: int
    topic_id: int
    text: str
    questions: tuple[Item, ...]
    page: int
    pages: int
    hidden: bool


@dataclass(frozen=True)
class QuestionView:
    team_id: int
    topic_id: int
    question_id: int
    text: str
    hidden: bool


@dataclass(frozen=True)
class Confirm:
    team_id: int
    text: str
    topic_id: int = 0
    question_id: int = 0


class Step(StrEnum):
    """Steps of the chat editor (of a question) and of a topic's card."""

    TEXT = "text"
    TYPE = "type"
    OPTIONS = "options"
    CORRECT = "correct"
    NUMBER = "number"
    EXPLANATION = "explanation"
    PREVIEW = "preview"
    TOPIC_TITLE = "topic_title"
    TOPIC_CARD = "topic_card"
    TOPIC_LINK = "topic_link"


@dataclass(frozen=True)
class EditorView:
    """One step of the chat editor: what to send or tap."""

    team_id: int
    step: Step
    text: str
    choices: tuple[Item, ...] = ()  # types to pick, options to mark right
    can_keep: bool = False  # editing: «Оставить как есть»
    can_skip: bool = False  # the explanation, the card, its link: «Пропустить»
    can_save: bool = False  # the preview of a valid question
    editing: bool = False
    several: bool = False  # marking right options of a several-answers question: «Готово» ends it


@dataclass(frozen=True)
class Saved:
    team_id: int
    topic_id: int
    text: str


@dataclass(frozen=True)
class ImportPreview:
    team_id: int
    text: str  # HTML: the counts, topics and warnings, or every error
    ok: bool  # nothing wrong: «Импортировать» may be tapped
    errors_file: bytes | None = None  # every error as a text file, when they do not fit the message


@dataclass(frozen=True)
class FileOut:
    data: bytes
    file_name: str
    caption: str


@dataclass(frozen=True)
class ExamView:
    team_id: int
    text: str
    size: int
    pass_mark: int
    mode: str
    sources: tuple[Item, ...]  # key: "builtin" or an own topic key; id: the value
    custom: bool


@dataclass(frozen=True)
class StatsView:
    team_id: int
    text: str


@dataclass(frozen=True)
class EditorsView:
    team_id: int
    text: str
    members: tuple[Item, ...]  # marked: edits the bank


@dataclass(frozen=True)
class OwnCard:
    """An own topic's learning card for a member."""

    topic_key: str
    text: str
    url: str | None = None
    file_id: str | None = None
    file_name: str | None = None
    topic_id: int = 0
