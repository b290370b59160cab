"""A team's own question as plain data: what the editor, the importers and the exporters exchange.

`QuestionBody` is what a version of a question stores (JSON in own_question_versions.body). It holds only the
fields of its type; `normalized()` is the one cleaning every way in applies (trimmed texts, one-line options), so
a question typed in the chat, read from XLSX or from GIFT, and read back from an export is the same value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

SINGLE, MULTIPLE, NUMERIC, ORDERING, MATCHING = "single", "multiple", "numeric", "ordering", "matching"
TYPES = (SINGLE, MULTIPLE, NUMERIC, ORDERING, MATCHING)
CHOICE_TYPES = (SINGLE, MULTIPLE)
_CONTROL = {code: None for code in range(32) if code not in (9, 10)} | {127: None}


def one_line(text: str) -> str:
    """Spaces, tabs and line breaks collapsed: an option, an item, a title is one line."""
    return " ".join(str(text).translate(_CONTROL).split())


def multi_line(text: str) -> str:
    """Each line collapsed, blank lines at both ends dropped: a question text or an explanation."""
    lines = [one_line(line) for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    why: str = ""  # shown when this option was picked and is wrong


@dataclass(frozen=True)
class Pair:
    left: str
    right: str


@dataclass(frozen=True)
class QuestionBody:
    type: str
    text: str
    title: str = ""  # GIFT's question name; optional
    explanation: str = ""  # shown after the answer; optional
    options: tuple[Option, ...] = ()  # single, multiple
    answer: float | None = None  # numeric
    tolerance: float = 0.0  # numeric, absolute (± this much is right)
    items: tuple[str, ...] = ()  # ordering, in the right order
    pairs: tuple[Pair, ...] = field(default=())  # matching

    def normalized(self) -> QuestionBody:
        """Texts cleaned the one way every source is cleaned; fields of other types dropped."""
        base = QuestionBody(type=self.type, text=multi_line(self.text), title=one_line(self.title),
                            explanation=multi_line(self.explanation))
        if self.type in CHOICE_TYPES:
            return replace(base, options=tuple(Option(one_line(o.text), bool(o.correct), one_line(o.why))
                                               for o in self.options))
        if self.type == NUMERIC:
            answer = None if self.answer is None else _clean_number(self.answer)
            return replace(base, answer=answer, tolerance=_clean_number(abs(self.tolerance or 0.0)))
        if self.type == ORDERING:
            return replace(base, items=tuple(one_line(item) for item in self.items))
        if self.type == MATCHING:
            return replace(base, pairs=tuple(Pair(one_line(p.left), one_line(p.right)) for p in self.pairs))
        return base

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "text": self.text}
        if self.title:
            data["title"] = self.title
        if self.explanation:
            data["explanation"] = self.explanation
        if self.type in CHOICE_TYPES:
            data["options"] = [{"text": o.text, "correct": o.correct, **({"why": o.why} if o.why else {})}
                               for o in self.options]
        elif self.type == NUMERIC:
            data["answer"] = self.answer
            data["tolerance"] = self.tolerance
        elif self.type == ORDERING:
            data["items"] = list(self.items)
        elif self.type == MATCHING:
            data["pairs"] = [[p.left, p.right] for p in self.pairs]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuestionBody:
        answer = data.get("answer")
        return cls(
            type=str(data.get("type", "")),
            text=str(data.get("text", "")),
            title=str(data.get("title", "")),
            explanation=str(data.get("explanation", "")),
            options=tuple(Option(str(o.get("text", "")), bool(o.get("correct")), str(o.get("why", "")))
                          for o in data.get("options") or ()),
            answer=float(answer) if isinstance(answer, int | float) else None,
            tolerance=float(data.get("tolerance") or 0.0),
            items=tuple(str(item) for item in data.get("items") or ()),
            pairs=tuple(Pair(str(left), str(right)) for left, right in data.get("pairs") or ()),
        )

    @property
    def correct_count(self) -> int:
        return sum(o.correct for o in self.options)

    @property
    def label(self) -> str:
        """What a list shows for the question: its title, else the start of its text (one line)."""
        return self.title or one_line(self.text)


SIGNIFICANT_DIGITS = 12  # what every file format keeps exactly (XLSX stores 16 digits, GIFT writes repr)


def _clean_number(value: float) -> float:
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        return number
    number = float(f"{number:.{SIGNIFICANT_DIGITS}g}")
    return 0.0 if number == 0 else number  # -0.0 reads back as 0


@dataclass(frozen=True)
class ParsedQuestion:
    """A question read from a file, with where it was: the topic it goes to, its line and its number there."""

    topic: str  # the topic title ("" = the topic the import was started for)
    body: QuestionBody
    line: int  # 1-based line (XLSX: row) where the question starts
    number: int  # 1-based among the file's questions


@dataclass(frozen=True)
class ParsedTopic:
    """A topic's card as a file carries it (XLSX «Темы» sheet, a GIFT description after $CATEGORY)."""

    title: str
    card: str = ""
    url: str = ""


@dataclass
class ParseResult:
    questions: list[ParsedQuestion] = field(default_factory=list)
    topics: list[ParsedTopic] = field(default_factory=list)  # only those with a card or a link
    located: list[tuple[int, str]] = field(default_factory=list)  # (line, error naming it: «строка 14: …»)
    warnings: list[str] = field(default_factory=list)  # imported anyway, but the owner should know

    def error(self, line: int, text: str) -> None:
        self.located.append((line, text))

    @property
    def errors(self) -> list[str]:
        """Every error, in file order."""
        return [text for _, text in sorted(self.located, key=lambda item: item[0])]
