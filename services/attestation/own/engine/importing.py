"""An import file read whole and checked whole: every question through the same validation as the chat editor,
every problem reported at once with where it is, nothing to save unless nothing is wrong.

Formats: XLSX (the template), GIFT and Aiken text in UTF-8 (with or without BOM), UTF-16 with BOM or cp1251.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from services.attestation.own.engine.aiken import answer_words, parse_aiken
from services.attestation.own.engine.gift import parse_gift
from services.attestation.own.engine.model import TYPES, ParsedQuestion, ParsedTopic, ParseResult, one_line
from services.attestation.own.engine.validate import CARD_MAX, TOPIC_TITLE_MAX, problems
from services.attestation.own.engine.xlsx import looks_like_xlsx, parse_xlsx
from services.texts import t

MAX_FILE_BYTES = 2 * 1024 * 1024
GIFT, AIKEN, XLSX = "gift", "aiken", "xlsx"
TOPICS_LAST = 10**9  # a topic's problem (a card too long) comes after the questions' ones
_URL = re.compile(r"^https?://[^\s<>\"]+$")


def decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1251 (Windows Cyrillic)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def detect_format(data: bytes, file_name: str) -> str:
    name = file_name.casefold()
    if name.endswith((".xlsx", ".xlsm")) or looks_like_xlsx(data):
        return XLSX
    if name.endswith(".aiken"):
        return AIKEN
    text = decode(data)
    if "{" not in text and re.search(rf"^\s*(?:{answer_words()})\s*:", text, re.IGNORECASE | re.MULTILINE):
        return AIKEN
    return GIFT


@dataclass
class ImportCheck:
    """A file read and checked: the questions by topic title, or every error (nothing may be saved then)."""

    format: str
    questions: list[ParsedQuestion] = field(default_factory=list)
    topics: list[ParsedTopic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.questions or self.topics)

    @property
    def topic_titles(self) -> list[str]:
        """Every topic the file fills, in the order it first appears."""
        seen: dict[str, str] = {}
        for title in [q.topic for q in self.questions] + [p.title for p in self.topics]:
            seen.setdefault(title.casefold(), title)
        return list(seen.values())

    @property
    def by_type(self) -> dict[str, int]:
        counts = Counter(q.body.type for q in self.questions)
        return {kind: counts[kind] for kind in TYPES if counts[kind]}


def read_file(data: bytes, file_name: str) -> ParseResult:
    kind = detect_format(data, file_name)
    if kind == XLSX:
        return parse_xlsx(data)
    text = decode(data)
    return parse_aiken(text) if kind == AIKEN else parse_gift(text)


def check_file(data: bytes, file_name: str, default_topic: str) -> ImportCheck:
    """Read a file and check every question and topic; questions without a topic go to `default_topic`. Every
    error is listed, in file order."""
    kind = detect_format(data, file_name)
    if len(data) > MAX_FILE_BYTES:
        return ImportCheck(kind, errors=[t("bank-file-too-big", limit=MAX_FILE_BYTES // (1024 * 1024))])
    parsed = read_file(data, file_name)
    check = ImportCheck(kind, warnings=list(parsed.warnings))
    where_key = "bank-at-line" if kind == XLSX else "bank-at-question"
    for question in parsed.questions:
        title = one_line(question.topic) or default_topic
        found = problems(question.body)
        if len(title) > TOPIC_TITLE_MAX:
            found.insert(0, t("bank-err-topic-too-long", title=title[:TOPIC_TITLE_MAX], limit=TOPIC_TITLE_MAX))
        for problem in found:
            parsed.error(question.line, t(where_key, number=question.number, line=question.line, problem=problem))
        check.questions.append(ParsedQuestion(title, question.body, question.line, question.number))
    for topic in parsed.topics:
        title = one_line(topic.title) or default_topic
        check.topics.append(ParsedTopic(title, topic.card.strip(), topic.url.strip()))
        for problem in topic_problems(title, topic.card, topic.url):
            parsed.error(TOPICS_LAST, problem)
    if not parsed.located and not parsed.questions and not parsed.topics:
        parsed.error(0, t("bank-file-empty"))
    check.errors = parsed.errors
    return check


def topic_problems(title: str, card: str, url: str) -> list[str]:
    found = []
    if not title:
        found.append(t("bank-err-topic-empty"))
    elif len(title) > TOPIC_TITLE_MAX:
        found.append(t("bank-err-topic-too-long", title=title[:TOPIC_TITLE_MAX], limit=TOPIC_TITLE_MAX))
    if len(card) > CARD_MAX:
        found.append(t("bank-err-card-too-long", title=title, limit=CARD_MAX, length=len(card)))
    if url and not _URL.match(url):
        found.append(t("bank-err-bad-url", url=url))
    return found
