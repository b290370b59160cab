"""Moodle's GIFT text format: read (every construct the owner's files use) and write (what reads back the same).

Read: single choice `{=right ~wrong}` and missing-word questions (the answers mid-sentence leave «_____»), multiple
choice with percentage weights `{~%50%a ~%50%b ~%-100%c}`, true/false `{T}` `{FALSE#wrong feedback#right
feedback}`, numbers `{#1500:50}` and ranges `{#1400..1600}`, matching `{=a -> 1 =b -> 2 =c -> 3}`, titles
`::title::`, `$CATEGORY:` as the topic (its last path segment), `//` comment lines, the escapes `\\ \\~ \\= \\# \\{
\\} \\: \\n`, answer feedback after `#` (kept as the option's «why»), general feedback after `####` (the
explanation) and the `[html]` / `[markdown]` / `[plain]` / `[moodle]` text formats.

Scoring is all or nothing, as the quiz engine grades: an option with a positive weight is right, a zero or negative
weight is wrong; in a single-answer question (`=` present) a partial weight (0 < w < 100) counts as wrong and the
preview warns. Short answer and essay questions are refused with a message that names them (a typed phrase cannot
be checked reliably); so is a text with no answer block, except right after `$CATEGORY`, where it is the topic's
learning card (that is how an export carries cards).

Written: one `$CATEGORY` per topic, its card as a description, every question with its title, per-option feedback
and explanation; an ordering question is written as matching with the sides «1», «2», … (GIFT has no ordering
type; a matching question whose left sides are exactly 1…n reads back as ordering).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from services.attestation.own.engine.model import (
    MATCHING,
    MULTIPLE,
    NUMERIC,
    ORDERING,
    SINGLE,
    Option,
    Pair,
    ParsedQuestion,
    ParsedTopic,
    ParseResult,
    QuestionBody,
)
from services.texts import t

CATEGORY = "$CATEGORY:"
MISSING_WORD = "_____"
GENERAL_FEEDBACK = "####"
TRUE_WORDS, FALSE_WORDS = ("T", "TRUE"), ("F", "FALSE")
FORMATS = ("html", "markdown", "plain", "moodle")
_PRIVATE = re.compile("[\ue000-\uf8ff]")
# An escaped character stands for itself: it is swapped for a private-use placeholder before any parsing.
_ESCAPED = {"\\\\": "\ue000", "\\:": "\ue001", "\\#": "\ue002", "\\=": "\ue003", "\\{": "\ue004",
            "\\}": "\ue005", "\\~": "\ue006", "\\n": "\ue007"}
_RESTORED = {"\ue000": "\\", "\ue001": ":", "\ue002": "#", "\ue003": "=", "\ue004": "{", "\ue005": "}",
             "\ue006": "~", "\ue007": "\n"}
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:[.,]\d+)?)%")
_CATEGORY_SPLIT = re.compile(r"(?<!/)/(?!/)")
_HTML_BREAK = re.compile(r"<\s*(br|/p|/div|/li)\s*/?\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^>]+>")
_NUMERIC_TEXT = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$", re.IGNORECASE)


class _Refused(Exception):
    """One question cannot be read: its message (the caller adds where)."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset  # where in the block the problem is, for the line number


def _protect(text: str) -> str:
    text = _PRIVATE.sub("", text)
    for sequence, placeholder in _ESCAPED.items():
        text = text.replace(sequence, placeholder)
    return text


def _restore(text: str) -> str:
    for placeholder, char in _RESTORED.items():
        text = text.replace(placeholder, char)
    return text


def _plain(text: str) -> str:
    """A piece of GIFT text as plain text: its format prefix applied, escapes restored, trimmed."""
    text = text.strip()
    match = re.match(r"^\[(\w+)\]", text)
    if match and match.group(1).lower() in FORMATS:
        text = text[match.end():]
        if match.group(1).lower() == "html":
            text = html.unescape(_HTML_TAG.sub("", _HTML_BREAK.sub("\n", _restore(text))))
            return text.strip()
    return _restore(text).strip()


@dataclass
class _Block:
    line: int  # 1-based line of the block's first line
    text: str  # protected text, comment lines blanked (line numbers kept)

    def line_at(self, offset: int) -> int:
        return self.line + self.text[:offset].count("\n")


def _blocks(source: str) -> list[_Block]:
    """Questions are separated by blank lines; `//` lines are comments (blanked, so lines still count)."""
    blocks: list[_Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(source.split("\n"), start=1):
        if not line.strip():
            if current:
                blocks.append(_Block(start, _protect("\n".join(current))))
                current = []
            continue
        if not current:
            start = number
        current.append("" if line.strip().startswith("//") else line)
    if current:
        blocks.append(_Block(start, _protect("\n".join(current))))
    return [block for block in blocks if block.text.strip()]


def _category_title(line: str) -> str:
    raw = _restore(line[len(CATEGORY):]).strip()
    segments = [part.replace("//", "/").strip() for part in _CATEGORY_SPLIT.split(raw)]
    segments = [part for part in segments if part]
    if len(segments) > 1 and segments[0].startswith("$") and segments[0].endswith("$"):
        segments = segments[1:]
    if len(segments) > 1 and segments[0] == "top":
        segments = segments[1:]
    return segments[-1] if segments else ""


def parse_gift(source: str) -> ParseResult:
    """Every question of a GIFT text, or every error found (each with its question number and line)."""
    result = ParseResult()
    topic = ""
    topic_has_questions = True  # a description before any $CATEGORY is not a card
    number = 0
    for block in _blocks(source.replace("\r\n", "\n").replace("\r", "\n")):
        text = block.text
        lead = len(text) - len(text.lstrip())
        while text[lead:].startswith(CATEGORY):
            end = text.find("\n", lead)
            end = len(text) if end == -1 else end
            topic = _category_title(text[lead:end])
            topic_has_questions = False
            lead = end + len(text[end:]) - len(text[end:].lstrip())
        if lead >= len(text):
            continue
        if "{" not in text[lead:] and "}" not in text[lead:] and not topic_has_questions:
            card = _plain(text[lead:])
            if text[lead:].startswith("::") and "::" in text[lead + 2:]:
                card = _plain(text[text.index("::", lead + 2) + 2:])
            result.topics.append(ParsedTopic(topic, card))
            topic_has_questions = True
            continue
        number += 1
        topic_has_questions = True
        try:
            body, warnings = _question(block, lead)
        except _Refused as refused:
            line = block.line_at(refused.offset if refused.offset is not None else lead)
            result.error(line, t("bank-at-question", number=number, line=line, problem=refused.message))
            continue
        line = block.line_at(lead)
        result.warnings.extend(t("bank-at-question", number=number, line=line, problem=w) for w in warnings)
        result.questions.append(ParsedQuestion(topic, body.normalized(), line, number))
    return result


def _question(block: _Block, lead: int) -> tuple[QuestionBody, list[str]]:
    text = block.text
    position = lead
    title = ""
    if text.startswith("::", position):
        end = text.find("::", position + 2)
        if end == -1:
            raise _Refused(t("bank-gift-title-open"), position)
        title = _restore(text[position + 2:end]).strip()  # a name has no text format
        position = end + 2
    opening, closing = text.find("{", position), text.find("}", position)
    if opening == -1 and closing == -1:
        raise _Refused(t("bank-gift-no-answers"), position)
    if opening == -1 or (closing != -1 and closing < opening):
        raise _Refused(t("bank-gift-stray-close"), closing)
    if closing == -1:
        raise _Refused(t("bank-gift-not-closed"), opening)
    inner = text.find("{", opening + 1)
    if inner != -1 and inner < closing:
        raise _Refused(t("bank-gift-nested-open"), inner)
    rest = text[closing + 1:]
    if "{" in rest or "}" in rest:
        raise _Refused(t("bank-gift-second-block"), closing + 1 + min(i for i in (rest.find("{"), rest.find("}"))
                                                                        if i != -1))
    before = text[position:opening]
    question = before if not rest.strip() else f"{before}{MISSING_WORD}{rest}"
    answers = text[opening + 1:closing].strip()
    explanation = ""
    split = answers.rfind(GENERAL_FEEDBACK)
    if split != -1:
        explanation = _plain(answers[split + len(GENERAL_FEEDBACK):])
        answers = answers[:split].strip()
    base = QuestionBody(type=SINGLE, text=_plain(question), title=title, explanation=explanation)
    try:
        return _answers(base, answers)
    except _Refused as refused:
        raise _Refused(refused.message, opening) from None


def _answers(base: QuestionBody, answers: str) -> tuple[QuestionBody, list[str]]:
    if not answers:
        raise _Refused(t("bank-gift-essay"))
    if answers.startswith("#"):
        return _numeric(base, answers[1:])
    if "~" in answers:
        return _choice(base, answers)
    if "=" in answers and "->" in answers:
        return _matching(base, answers)
    if answers.split("#", 1)[0].strip().upper() in TRUE_WORDS + FALSE_WORDS:
        return _true_false(base, answers), []
    raise _Refused(t("bank-gift-short-answer"))


def _weight(text: str) -> tuple[float | None, str]:
    match = _WEIGHT.match(text)
    if not match:
        return None, text
    return float(match.group(1).replace(",", ".")), text[match.end():]


def _choice(base: QuestionBody, answers: str) -> tuple[QuestionBody, list[str]]:
    single = "=" in answers
    options: list[Option] = []
    warnings: list[str] = []
    for part in re.split(r"(?=[~=])", answers):
        part = part.strip()
        if not part:
            continue
        marker, rest = part[0], part[1:]
        weight: float | None = None
        if marker == "~":
            weight, rest = _weight(rest)
        text, _, why = rest.partition("#")
        option_text = _plain(text)
        if marker == "=":
            correct = True
        elif single:
            correct = weight is not None and weight >= 100
            if weight is not None and 0 < weight < 100:
                warnings.append(t("bank-gift-partial-weight", text=option_text, weight=f"{weight:g}"))
        else:
            correct = weight is not None and weight > 0
        options.append(Option(option_text, correct, _plain(why)))
    kind = SINGLE if single and sum(o.correct for o in options) == 1 else MULTIPLE
    return QuestionBody(kind, base.text, base.title, base.explanation, options=tuple(options)), warnings


def _number(text: str) -> float:
    cleaned = text.strip().replace(",", ".").replace(" ", "").replace("\u00a0", "")
    if not _NUMERIC_TEXT.match(cleaned):
        raise _Refused(t("bank-gift-not-a-number", text=_restore(text.strip())))
    return float(cleaned)


def _numeric(base: QuestionBody, answers: str) -> tuple[QuestionBody, list[str]]:
    answers = answers.split("~", 1)[0]  # feedback for any other number: nothing to keep
    found: list[tuple[float, float, str]] = []
    warnings: list[str] = []
    for part in answers.split("="):
        if not part.strip():
            continue
        weight, rest = _weight(part)
        value, _, feedback = rest.partition("#")
        value = value.strip()
        if ".." in value[1:]:
            low_text, high_text = value.split("..", 1)
            low, high = _number(low_text), _number(high_text)
            answer, tolerance = (low + high) / 2, abs(high - low) / 2
        elif ":" in value[1:]:
            answer_text, tolerance_text = value.split(":", 1)
            answer, tolerance = _number(answer_text), abs(_number(tolerance_text))
        else:
            answer, tolerance = _number(value), 0.0
        if weight is None or weight >= 100:
            found.append((answer, tolerance, _plain(feedback)))
        else:
            warnings.append(t("bank-gift-partial-number", text=_restore(value), weight=f"{weight:g}"))
    if not found:
        raise _Refused(t("bank-gift-no-number"))
    if len({(answer, tolerance) for answer, tolerance, _ in found}) > 1:
        raise _Refused(t("bank-gift-several-numbers"))
    answer, tolerance, feedback = found[0]
    return QuestionBody(NUMERIC, base.text, base.title, base.explanation or feedback, answer=answer,
                        tolerance=tolerance), warnings


def _matching(base: QuestionBody, answers: str) -> tuple[QuestionBody, list[str]]:
    pairs: list[Pair] = []
    warnings: list[str] = []
    for part in answers.split("="):
        if not part.strip():
            continue
        left, arrow, right = part.partition("->")
        if not arrow:
            raise _Refused(t("bank-gift-no-arrow", text=_plain(part)))
        right_text = _restore(right).strip()  # as Moodle reads it: a right side has no text format
        if not _plain(left):
            warnings.append(t("bank-gift-extra-right", text=right_text))
            continue
        pairs.append(Pair(_plain(left), right_text))
    lefts = [p.left for p in pairs]
    if len(pairs) >= 2 and sorted(lefts) == sorted(str(n) for n in range(1, len(pairs) + 1)):
        items = tuple(p.right for p in sorted(pairs, key=lambda p: int(p.left)))
        return QuestionBody(ORDERING, base.text, base.title, base.explanation, items=items), warnings
    return QuestionBody(MATCHING, base.text, base.title, base.explanation, pairs=tuple(pairs)), warnings


def _true_false(base: QuestionBody, answers: str) -> QuestionBody:
    parts = answers.split("#", 2)
    is_true = parts[0].strip().upper() in TRUE_WORDS
    wrong_feedback = _plain(parts[1]) if len(parts) > 1 else ""
    right_feedback = _plain(parts[2]) if len(parts) > 2 else ""
    options = (Option(t("bank-true"), is_true, "" if is_true else wrong_feedback),
               Option(t("bank-false"), not is_true, wrong_feedback if is_true else ""))
    return QuestionBody(SINGLE, base.text, base.title, base.explanation or right_feedback, options=options)


# ---- writing ------------------------------------------------------------------------------------------------

_RESERVED = (("\\", "\\\\"), ("~", "\\~"), ("=", "\\="), ("#", "\\#"), ("{", "\\{"), ("}", "\\}"), (":", "\\:"),
             ("\n", "\\n"))


def escape(text: str) -> str:
    for char, escaped in _RESERVED:
        text = text.replace(char, escaped)
    return text


def _text(text: str) -> str:
    """A text GIFT reads with a format: a leading «[» would read as one (and «//» starting a line as a comment)."""
    escaped = escape(text)
    return f"[moodle]{escaped}" if escaped.startswith(("[", "//")) else escaped


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _share(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class GiftTopic:
    title: str
    card: str
    questions: Sequence[QuestionBody]


def write_gift(topics: Sequence[GiftTopic]) -> str:
    """A GIFT text that `parse_gift` reads back into the same topics, cards and questions."""
    blocks = []
    for topic in topics:
        blocks.append(f"{CATEGORY} {escape(topic.title).replace('/', '//')}")
        if topic.card:
            blocks.append(_text(topic.card))
        blocks.extend(_write_question(body) for body in topic.questions)
    return "\n\n".join(blocks) + "\n"


def _option_lines(body: QuestionBody) -> list[str]:
    lines = []
    right = max(body.correct_count, 1)
    for option in body.options:
        if body.type == SINGLE:
            mark = "=" if option.correct else ("~%0%" if _WEIGHT.match(option.text) else "~")
        else:
            mark = f"~%{_share(100 / right)}%" if option.correct else "~%-100%"
        why = f"#{_text(option.why)}" if option.why else ""
        lines.append(f"\t{mark}{_text(option.text)}{why}")
    return lines


def _write_question(body: QuestionBody) -> str:
    head = f"::{escape(body.title)}::{_text(body.text)}" if body.title else _text(body.text)
    if body.type in (SINGLE, MULTIPLE):
        lines = _option_lines(body)
    elif body.type == NUMERIC:
        answer = float(body.answer or 0.0)
        tolerance = f":{_number_text(body.tolerance)}" if body.tolerance else ""
        lines = [f"\t#{_number_text(answer)}{tolerance}"]
    elif body.type == ORDERING:
        lines = [f"\t={n} -> {escape(item)}" for n, item in enumerate(body.items, start=1)]
    else:
        lines = [f"\t={_text(p.left)} -> {escape(p.right)}" for p in body.pairs]
    if body.explanation:
        lines.append(f"\t{GENERAL_FEEDBACK}{_text(body.explanation)}")
    return "\n".join([f"{head}{{", *lines, "}"])
