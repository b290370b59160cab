"""The chat editor of a question: text → type → options → which are right → explanation → preview → save.

The draft travels in the chat's FSM data (`DraftData`); every step re-checks on the server that the user may edit
the topic's team, so a forged or replayed button changes nothing. Editing a question walks the same steps with
«Оставить как есть» at each; saving makes a new version (the old one stays for the history). The body is checked
by the same validation as every import (engine/validate.py).

Shortcuts that save taps: in the options message a line starting with «+» is a right one (no marking step), and
in a one-answer question the tap on the right option moves on.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from typing import TypedDict

from services.attestation.engine.content import MATCHING_PAIRS, ORDERING_ITEMS
from services.attestation.engine.formatting import format_number
from services.attestation.engine.parsing import parse_number
from services.attestation.engine.render import LABEL_MAX
from services.attestation.own.engine.bank import OWN_MARK
from services.attestation.own.engine.model import (
    CHOICE_TYPES,
    MATCHING,
    MULTIPLE,
    NUMERIC,
    ORDERING,
    SINGLE,
    TYPES,
    Option,
    Pair,
    QuestionBody,
    multi_line,
)
from services.attestation.own.engine.preview import preview_text
from services.attestation.own.engine.validate import OPTIONS, problems
from services.attestation.own.flow.context import BankContext
from services.attestation.own.views import EditorView, Item, Saved, Step
from services.notice import Refusal
from services.texts import t

TYPE_KEYS = {SINGLE: "bank-type-single", MULTIPLE: "bank-type-multiple", NUMERIC: "bank-type-numeric",
             ORDERING: "bank-type-ordering", MATCHING: "bank-type-matching"}
RIGHT_MARKS = ("+", "*")
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•–])\s+")
_PAIR_SEPARATORS = ("->", "→", " — ", " – ", " = ", " - ")
_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+-|:)\s*")


EMPTY = QuestionBody(type="", text="")


class DraftData(TypedDict):
    team_id: int
    topic_id: int
    question_id: int
    version: int
    step: str
    body: dict
    back: bool


@dataclass(frozen=True)
class Draft:
    team_id: int
    topic_id: int
    question_id: int = 0  # 0: a new question
    version: int = 0  # the version being edited
    step: Step = Step.TEXT
    body: QuestionBody = EMPTY
    back: bool = False  # after this step, back to the preview

    def to_dict(self) -> DraftData:
        return DraftData(team_id=self.team_id, topic_id=self.topic_id, question_id=self.question_id,
                         version=self.version, step=str(self.step), body=self.body.to_json(), back=self.back)

    @classmethod
    def from_dict(cls, data: object) -> Draft | None:
        """None for anything that is not a draft this code wrote."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["team_id"]), int(data["topic_id"]), int(data.get("question_id", 0)),
                       int(data.get("version", 0)), Step(data["step"]), QuestionBody.from_json(data["body"]),
                       bool(data.get("back")))
        except (KeyError, TypeError, ValueError):
            return None


Outcome = tuple[Draft, EditorView]


def _stale() -> Refusal:
    return Refusal(t("bank-ed-stale"))


def _lines(text: str) -> list[str]:
    return [_LIST_MARK.sub("", line).strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def parse_options(text: str) -> tuple[list[Option], bool]:
    """Options, one a line; a leading «+» marks a right one. (options, whether any was marked)."""
    options = []
    for line in _lines(text):
        right = line.startswith(RIGHT_MARKS)
        options.append(Option(line[1:].strip() if right else line, right))
    return options, any(o.correct for o in options)


def parse_pair(line: str) -> Pair | None:
    for separator in _PAIR_SEPARATORS:
        if separator in line:
            left, _, right = line.partition(separator)
            return Pair(left.strip(), right.strip())
    return None


def parse_answer(text: str) -> tuple[float, float] | None:
    """«1500», «1 500 ± 50», «1500:50», «1400..1600» → (answer, tolerance); None when it is not a number."""
    text = text.strip()
    if ".." in text:
        low, _, high = text.partition("..")
        low_value, high_value = parse_number(low), parse_number(high)
        if low_value is None or high_value is None:
            return None
        return (low_value + high_value) / 2, abs(high_value - low_value) / 2
    parts = _PLUS_MINUS.split(text, maxsplit=1)
    answer = parse_number(parts[0])
    tolerance = parse_number(parts[1]) if len(parts) > 1 else 0.0
    if answer is None or tolerance is None:
        return None
    return answer, abs(tolerance)


class QuestionEditor:
    def __init__(self, ctx: BankContext) -> None:
        self.ctx = ctx
        self._topic_title = ""  # of the draft's topic, for the preview (a service lives for one update)

    # ---- starting ---------------------------------------------------------------------------------------
    async def new(self, user_id: int, topic_id: int) -> Outcome:
        team, topic = await self.ctx.topic_to_edit(user_id, topic_id)
        await self.ctx.check_room(team.id, questions=1)
        self._topic_title = topic.title
        return self._at(Draft(team.id, topic.id), Step.TEXT)

    async def edit(self, user_id: int, question_id: int) -> Outcome:
        team, topic, row = await self.ctx.question_to_edit(user_id, question_id)
        self._topic_title = topic.title
        draft = Draft(team.id, topic.id, row.question.id, row.question.version, Step.TEXT,
                      QuestionBody.from_json(row.body))
        return self._at(draft, Step.TEXT)

    # ---- the steps ----------------------------------------------------------------------------------------
    async def typed(self, user_id: int, draft: Draft | None, text: str) -> Outcome:
        draft = await self._checked(user_id, draft)
        body = draft.body
        if draft.step == Step.TEXT:
            return self._next(replace(draft, body=replace(body, text=multi_line(text))), Step.TYPE)
        if draft.step == Step.OPTIONS:
            return self._options(draft, text)
        if draft.step == Step.NUMBER:
            parsed = parse_answer(text)
            if parsed is None:
                raise Refusal(t("bank-ed-not-a-number"))
            return self._content_done(replace(draft, body=replace(body, answer=parsed[0], tolerance=parsed[1])))
        if draft.step == Step.EXPLANATION:
            return self._next(replace(draft, body=replace(body, explanation=multi_line(text))), Step.PREVIEW)
        raise Refusal(t("bank-ed-use-buttons"))

    async def pick_type(self, user_id: int, draft: Draft | None, kind: str) -> Outcome:
        draft = await self._checked(user_id, draft, Step.TYPE)
        if kind not in TYPES:
            raise _stale()
        body = draft.body if kind == draft.body.type else QuestionBody(kind, draft.body.text, draft.body.title,
                                                                      draft.body.explanation)
        if kind != draft.body.type and kind in CHOICE_TYPES and draft.body.type in CHOICE_TYPES:
            body = replace(draft.body, type=kind, options=tuple(replace(o, correct=False)
                                                               for o in draft.body.options))
        return self._at(replace(draft, body=body.normalized(), back=False),
                        Step.NUMBER if kind == NUMERIC else Step.OPTIONS)

    async def mark(self, user_id: int, draft: Draft | None, index: int) -> Outcome:
        draft = await self._checked(user_id, draft, Step.CORRECT)
        options = list(draft.body.options)
        if not 0 <= index < len(options):
            raise _stale()
        if draft.body.type == SINGLE:
            options = [replace(o, correct=k == index) for k, o in enumerate(options)]
            return self._content_done(replace(draft, body=replace(draft.body, options=tuple(options))))
        options[index] = replace(options[index], correct=not options[index].correct)
        return self._at(replace(draft, body=replace(draft.body, options=tuple(options))), Step.CORRECT)

    async def marked(self, user_id: int, draft: Draft | None) -> Outcome:
        draft = await self._checked(user_id, draft, Step.CORRECT)
        if draft.body.correct_count == 0:
            raise Refusal(t("bank-err-no-correct"))
        return self._content_done(draft)

    async def keep(self, user_id: int, draft: Draft | None) -> Outcome:
        """«Оставить как есть» (editing): the step's current value stays."""
        draft = await self._checked(user_id, draft)
        if not draft.question_id and not draft.back:
            raise _stale()
        if draft.step == Step.TEXT:
            return self._next(draft, Step.TYPE)
        if draft.step == Step.OPTIONS and draft.body.type in CHOICE_TYPES:
            return self._at(draft, Step.CORRECT)
        if draft.step in (Step.OPTIONS, Step.NUMBER):
            return self._content_done(draft)
        if draft.step == Step.EXPLANATION:
            return self._at(draft, Step.PREVIEW)
        raise _stale()

    async def skip_explanation(self, user_id: int, draft: Draft | None) -> Outcome:
        draft = await self._checked(user_id, draft, Step.EXPLANATION)
        return self._at(replace(draft, body=replace(draft.body, explanation="")), Step.PREVIEW)

    async def goto(self, user_id: int, draft: Draft | None, step: str) -> Outcome:
        """From the preview: change the text, the type and options, or the explanation; then back to it."""
        draft = await self._checked(user_id, draft, Step.PREVIEW)
        if step not in (Step.TEXT, Step.TYPE, Step.EXPLANATION):
            raise _stale()
        return self._at(replace(draft, back=step != Step.TYPE), Step(step))

    async def save(self, user_id: int, draft: Draft | None) -> Saved:
        draft = await self._checked(user_id, draft, Step.PREVIEW)
        body = draft.body.normalized()
        if problems(body):
            raise Refusal(t("bank-ed-invalid"))
        repo = self.ctx.repo
        if draft.question_id:
            row = await repo.question(draft.question_id)
            if row is None or row.question.topic_id != draft.topic_id:
                raise _stale()
            if QuestionBody.from_json(row.body).normalized() == body:
                return Saved(draft.team_id, draft.topic_id, t("bank-ed-unchanged"))
            version = await repo.add_version(row.question.id, draft.version, body.to_json(), user_id, self.ctx.now())
            if version is None:
                raise Refusal(t("bank-ed-stale-version"))
            await self.ctx.changed(draft.team_id)
            return Saved(draft.team_id, draft.topic_id, t("bank-ed-saved-version", version=version))
        await self.ctx.check_room(draft.team_id, questions=1)
        await repo.add_question(draft.team_id, draft.topic_id, body.to_json(), user_id, self.ctx.now())
        await self.ctx.changed(draft.team_id)
        count = sum(1 for row in await repo.questions(draft.topic_id) if row.question.status != "deleted")
        return Saved(draft.team_id, draft.topic_id, t("bank-ed-saved", count=count))

    # ---- internals --------------------------------------------------------------------------------------
    async def _checked(self, user_id: int, draft: Draft | None, step: Step | None = None) -> Draft:
        if draft is None or (step is not None and draft.step != step):
            raise _stale()
        team, topic = await self.ctx.topic_to_edit(user_id, draft.topic_id)
        if team.id != draft.team_id:
            raise _stale()
        self._topic_title = topic.title
        return draft

    def _options(self, draft: Draft, text: str) -> Outcome:
        body = draft.body
        if body.type in CHOICE_TYPES:
            options, marked = parse_options(text)
            low, high = OPTIONS
            if not low <= len(options) <= high:
                raise Refusal(t("bank-ed-options-count", low=low, high=high, count=len(options)))
            body = replace(body, options=tuple(options))
            found = problems(replace(body, options=_with_a_right_one(body)))
            if found:
                raise Refusal(_esc("\n".join(found)))  # a problem may quote the owner's text
            draft = replace(draft, body=body)
            return self._content_done(draft) if marked else self._at(draft, Step.CORRECT)
        if body.type == ORDERING:
            body = replace(body, items=tuple(_lines(text)))
        else:
            pairs = []
            for line in _lines(text):
                pair = parse_pair(line)
                if pair is None:
                    raise Refusal(t("bank-ed-no-separator", line=_esc(line)))
                pairs.append(pair)
            body = replace(body, pairs=tuple(pairs))
        found = problems(replace(body, explanation=""))
        if found:
            raise Refusal(_esc("\n".join(found)))  # a problem may quote the owner's text
        return self._content_done(replace(draft, body=body))

    def _content_done(self, draft: Draft) -> Outcome:
        return self._next(draft, Step.EXPLANATION)

    def _next(self, draft: Draft, step: Step) -> Outcome:
        """The step after a finished one: the preview when the owner came from it, else `step`."""
        return self._at(draft, Step.PREVIEW if draft.back else step)

    def _at(self, draft: Draft, step: Step) -> Outcome:
        draft = replace(draft, step=step, back=draft.back and step != Step.PREVIEW)
        return draft, self._view(draft)

    def _view(self, draft: Draft) -> EditorView:
        body, step = draft.body, draft.step
        editing = bool(draft.question_id)
        keep = editing or draft.back
        if step == Step.TEXT:
            text = t("bank-ed-text-edit", text=_esc(body.text)) if body.text else t("bank-ed-text")
            return EditorView(draft.team_id, step, text, can_keep=bool(body.text) and keep, editing=editing)
        if step == Step.TYPE:
            choices = tuple(Item(k, t(TYPE_KEYS[kind]), kind, kind == body.type) for k, kind in enumerate(TYPES))
            return EditorView(draft.team_id, step, t("bank-ed-type"), choices, editing=editing)
        if step == Step.OPTIONS:
            return EditorView(draft.team_id, step, _options_prompt(body), can_keep=keep and _has_content(body),
                              editing=editing)
        if step == Step.NUMBER:
            current = _current_number(body)
            text = t("bank-ed-number") + ("\n\n" + t("bank-ed-current", current=_esc(current)) if current else "")
            return EditorView(draft.team_id, step, text, can_keep=keep and body.answer is not None, editing=editing)
        if step == Step.CORRECT:
            return self._correct_view(draft)
        if step == Step.EXPLANATION:
            text = t("bank-ed-explanation-edit", explanation=_esc(body.explanation)) if body.explanation \
                else t("bank-ed-explanation")
            return EditorView(draft.team_id, step, text, can_keep=keep and bool(body.explanation), can_skip=True,
                              editing=editing)
        return self._preview(draft)

    def _correct_view(self, draft: Draft) -> EditorView:
        body = draft.body
        numbers = any(len(o.text) > LABEL_MAX for o in body.options)
        lines = [t("bank-ed-correct-single" if body.type == SINGLE else "bank-ed-correct-multiple")]
        if numbers:
            lines += ["", *(f"{k}. {_esc(o.text)}" for k, o in enumerate(body.options, start=1))]
        choices = tuple(Item(k, str(k + 1) if numbers else o.text, marked=o.correct)
                        for k, o in enumerate(body.options))
        return EditorView(draft.team_id, Step.CORRECT, "\n".join(lines), choices, editing=bool(draft.question_id),
                          several=body.type == MULTIPLE)

    def _preview(self, draft: Draft) -> EditorView:
        body = draft.body.normalized()
        found = problems(body)
        head = t("bank-ed-preview-edit", version=draft.version) if draft.question_id else t("bank-ed-preview")
        text = "\n".join([head, "", preview_text(body, f"{OWN_MARK}{self._topic_title}")])
        return EditorView(draft.team_id, Step.PREVIEW, text, can_save=not found, editing=bool(draft.question_id))


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _with_a_right_one(body: QuestionBody) -> tuple[Option, ...]:
    """The options with only the first marked right: everything but the marks is checked before they are made."""
    return tuple(replace(o, correct=k == 0) for k, o in enumerate(body.options))


def _has_content(body: QuestionBody) -> bool:
    return bool(body.options or body.items or body.pairs)


def _current_number(body: QuestionBody) -> str:
    if body.answer is None:
        return ""
    answer = format_number(body.answer)
    return f"{answer} ± {format_number(body.tolerance)}" if body.tolerance else answer


def _options_prompt(body: QuestionBody) -> str:
    low, high = OPTIONS
    if body.type in CHOICE_TYPES:
        prompt = t("bank-ed-options-choice", low=low, high=high,
                   single="yes" if body.type == SINGLE else "no")
        current = [f"{'+' if o.correct else ''}{o.text}" for o in body.options]
    elif body.type == ORDERING:
        prompt = t("bank-ed-options-ordering", low=ORDERING_ITEMS[0], high=ORDERING_ITEMS[1])
        current = list(body.items)
    else:
        prompt = t("bank-ed-options-matching", low=MATCHING_PAIRS[0], high=MATCHING_PAIRS[1])
        current = [f"{p.left} -> {p.right}" for p in body.pairs]
    if current:
        prompt += "\n\n" + t("bank-ed-current", current=_esc("\n".join(current)))
    return prompt
