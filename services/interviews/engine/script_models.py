"""Pydantic models of the interview scripts (strict: a string where a number belongs is an error).

Cross-references inside a script — question ids, tags, rules, topics, item dependencies — are validated
here, so a loaded script is always consistent. Loading and the content check live in content.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

MIN_COMPETENCIES = 9
RATING_VALUES = (1, 2, 3, 4)
# An exhibit is shown above a question inside one Telegram message, next to the rubric on the owner's card.
EXHIBIT_MAX_LINES = 12
EXHIBIT_MAX_CHARS = 1200
AUDIT_LEVELS = (0, 1, 2)

# Ids travel in callback data (64 bytes in total), so they are short ASCII.
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,23}$")]
# Texts are shown inside one Telegram message together with other texts, hence the upper bounds.
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1500)]


class ScriptModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


_ModelT = TypeVar("_ModelT", bound=ScriptModel)


def _by_id(items: Iterable[_ModelT], item_id: str) -> _ModelT:
    for item in items:
        if getattr(item, "id", None) == item_id:
            return item
    raise KeyError(item_id)


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


# --- hiring a head of sales -------------------------------------------------------------------


class Question(ScriptModel):
    id: Ident
    text: Text
    from_seed: bool = False  # the question is taken from the source posts (traceability)


class RedFlag(ScriptModel):
    id: Ident
    text: Text
    # A critical flag alone blocks «Нанимать» (see scorecard.py).
    critical: bool = False


class Exhibit(ScriptModel):
    """Material for a work sample (a funnel with figures, say): the owner shows it to the candidate, and a
    candidate answering by link sees it above the competency's main question. Its lines are the task's facts,
    so they must be consistent with what the competency's listen_for and rubric expect the candidate to find.
    """

    title: ShortText
    lines: list[Text] = Field(min_length=1, max_length=EXHIBIT_MAX_LINES)

    @model_validator(mode="after")
    def _fits_a_message(self) -> Exhibit:
        size = len(self.title) + sum(len(line) for line in self.lines)
        if size > EXHIBIT_MAX_CHARS:
            raise ValueError(f"exhibit '{self.title}' has {size} characters, at most {EXHIBIT_MAX_CHARS} fit a card")
        return self


class Competency(ScriptModel):
    id: Ident
    title: ShortText
    weight: int = Field(ge=1, le=5)
    key: bool = False  # a rating of 1 on a key competency blocks «Нанимать»
    questions: list[Question] = Field(min_length=1)
    exhibit: Exhibit | None = None  # a work sample: what the candidate is shown
    # A reference check: what the owner asks the candidate's former manager or colleague (never the candidate).
    referee_questions: list[Text] = Field(default_factory=list)
    follow_ups: list[Text] = Field(min_length=1)
    listen_for: list[Text] = Field(min_length=1)
    rubric: dict[int, Text]
    red_flags: list[RedFlag] = Field(min_length=1)

    @model_validator(mode="after")
    def _rubric_covers_scale(self) -> Competency:
        if sorted(self.rubric) != list(RATING_VALUES):
            raise ValueError(f"rubric of '{self.id}' must describe exactly the ratings 1, 2, 3, 4")
        if repeated := _duplicates(self.referee_questions):
            raise ValueError(f"referee questions of '{self.id}' repeat: {repeated}")
        return self

    def flag(self, flag_id: str) -> RedFlag | None:
        return next((flag for flag in self.red_flags if flag.id == flag_id), None)


class SalaryQuestion(ScriptModel):
    id: Ident
    text: Text
    hint: Text  # shown to the interviewer only


class HiringScript(ScriptModel):
    id: Ident
    version: int = Field(ge=1)
    title: ShortText
    intro: LongText
    rating_scale: dict[int, ShortText]
    competencies: list[Competency] = Field(min_length=MIN_COMPETENCIES)
    salary: SalaryQuestion

    @model_validator(mode="after")
    def _check_references(self) -> HiringScript:
        if sorted(self.rating_scale) != list(RATING_VALUES):
            raise ValueError("rating_scale must name exactly the ratings 1, 2, 3, 4")
        problems = []
        if repeated := _duplicates(c.id for c in self.competencies):
            problems.append(f"duplicate competency ids: {repeated}")
        question_ids = [q.id for c in self.competencies for q in c.questions] + [self.salary.id]
        if repeated := _duplicates(question_ids):
            problems.append(f"duplicate question ids: {repeated}")
        if repeated := _duplicates(f.id for c in self.competencies for f in c.red_flags):
            problems.append(f"duplicate red flag ids: {repeated}")
        if not any(c.key for c in self.competencies):
            problems.append("at least one competency must be key")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def competency(self, competency_id: str) -> Competency:
        return _by_id(self.competencies, competency_id)

    def remote_questions(self) -> list[tuple[str | None, Question | SalaryQuestion]]:
        """What a candidate answers by link: the first (main) question of each competency, then salary.

        Returns (competency_id, question); competency_id is None for the salary question.
        """
        main: list[tuple[str | None, Question | SalaryQuestion]] = [
            (c.id, c.questions[0]) for c in self.competencies
        ]
        return [*main, (None, self.salary)]


# --- CustDev interview ------------------------------------------------------------------------


class Tag(ScriptModel):
    id: Ident
    label: ShortText


class Rule(ScriptModel):
    id: Ident
    text: Text


class CustdevQuestion(ScriptModel):
    id: Ident
    text: Text
    rule: Ident
    avoid: Text | None = None  # the tempting wrong way to ask, shown as a warning
    follow_ups: list[Text] = Field(default_factory=list)
    suggested_tags: list[Ident] = Field(default_factory=list)
    # The summary shows these answers as the interview's outcome.
    highlight: Literal["next_step", "referrals"] | None = None


class CustdevSection(ScriptModel):
    id: Ident
    title: ShortText
    questions: list[CustdevQuestion] = Field(min_length=1)


class CustdevScript(ScriptModel):
    id: Ident
    version: int = Field(ge=1)
    title: ShortText
    intro: LongText
    anti_pitch: Text
    rules: list[Rule] = Field(min_length=1)
    tags: list[Tag] = Field(min_length=1)
    sections: list[CustdevSection] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_references(self) -> CustdevScript:
        problems = []
        for kind, ids in (
            ("rule", [r.id for r in self.rules]),
            ("tag", [t.id for t in self.tags]),
            ("section", [s.id for s in self.sections]),
            ("question", [q.id for q in self.questions()]),
        ):
            if repeated := _duplicates(ids):
                problems.append(f"duplicate {kind} ids: {repeated}")
        rule_ids = {r.id for r in self.rules}
        tag_ids = {t.id for t in self.tags}
        for question in self.questions():
            if question.rule not in rule_ids:
                problems.append(f"question '{question.id}' refers to unknown rule '{question.rule}'")
            unknown = [t for t in question.suggested_tags if t not in tag_ids]
            if unknown:
                problems.append(f"question '{question.id}' suggests unknown tags {unknown}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def questions(self) -> list[CustdevQuestion]:
        return [q for section in self.sections for q in section.questions]

    def question(self, question_id: str) -> CustdevQuestion:
        return _by_id(self.questions(), question_id)

    def section_of(self, question_id: str) -> CustdevSection:
        for section in self.sections:
            if any(q.id == question_id for q in section.questions):
                return section
        raise KeyError(question_id)

    def rule(self, rule_id: str) -> Rule:
        return _by_id(self.rules, rule_id)

    def tag_label(self, tag_id: str) -> str:
        return _by_id(self.tags, tag_id).label


class CustdevKeywords(ScriptModel):
    """custdev_keywords.yaml: how answers are cut into key words for the insights (see custdev.py)."""

    endings: str  # space-separated inflection endings
    stop_words: str  # space-separated filler words: never a theme, trimmed from the ends of a theme's name
    weak_words: str  # space-separated vague words: never a theme's key word, kept inside its name

    @model_validator(mode="after")
    def _lower_case_words(self) -> CustdevKeywords:
        for name, words in (("endings", self.endings), ("stop_words", self.stop_words),
                            ("weak_words", self.weak_words)):
            if not words.split():
                raise ValueError(f"{name} must list at least one word")
            if words != words.lower() or any(not word.isalpha() for word in words.split()):
                raise ValueError(f"{name} must be lower-case words separated by spaces")
        return self

    def ending_list(self) -> tuple[str, ...]:
        """Longest first, so «иями» is cut before «и»."""
        return tuple(sorted(self.endings.split(), key=len, reverse=True))

    def stop_word_set(self) -> frozenset[str]:
        return frozenset(self.stop_words.split())

    def weak_word_set(self) -> frozenset[str]:
        return frozenset(self.weak_words.split())


# --- business systemic audit ------------------------------------------------------------------


class Department(ScriptModel):
    id: Ident
    title: ShortText


class ProgrammeTopic(ScriptModel):
    id: Ident
    title: ShortText


class AuditCap(ScriptModel):
    """The item cannot score above `max` while `item` scored `when`.

    Encodes the seed's «если нет IP-телефонии, то нет CRM».
    """

    item: Ident
    when: int = Field(ge=0, le=1)
    max: int = Field(ge=0, le=1)
    reason: Text


class AuditItem(ScriptModel):
    id: Ident
    department: Ident
    title: ShortText
    how_to_check: Text
    levels: dict[int, Text]
    topics: list[Ident] = Field(min_length=1)
    # Asked only when the required (earlier) item scored above 0, otherwise scored 0 automatically.
    requires: Ident | None = None
    cap: AuditCap | None = None

    @model_validator(mode="after")
    def _levels_cover_scale(self) -> AuditItem:
        if sorted(self.levels) != list(AUDIT_LEVELS):
            raise ValueError(f"levels of '{self.id}' must describe exactly the scores 0, 1, 2")
        return self


class AuditScript(ScriptModel):
    id: Ident
    version: int = Field(ge=1)
    title: ShortText
    intro: LongText
    departments: list[Department] = Field(min_length=1)
    programme_topics: list[ProgrammeTopic] = Field(min_length=1)
    items: list[AuditItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_references(self) -> AuditScript:
        problems = []
        for kind, ids in (
            ("department", [d.id for d in self.departments]),
            ("programme topic", [t.id for t in self.programme_topics]),
            ("item", [i.id for i in self.items]),
        ):
            if repeated := _duplicates(ids):
                problems.append(f"duplicate {kind} ids: {repeated}")
        department_ids = {d.id for d in self.departments}
        topic_ids = {t.id for t in self.programme_topics}
        items = {i.id: i for i in self.items}
        earlier: set[str] = set()
        for item in self.items:
            if item.department not in department_ids:
                problems.append(f"item '{item.id}' refers to unknown department '{item.department}'")
            if unknown := [t for t in item.topics if t not in topic_ids]:
                problems.append(f"item '{item.id}' refers to unknown programme topics {unknown}")
            if item.requires is not None and item.requires not in earlier:
                problems.append(f"item '{item.id}' requires '{item.requires}', which is not an earlier item")
            if item.cap is not None:
                source = items.get(item.cap.item)
                if source is None or source.id == item.id:
                    problems.append(f"item '{item.id}' is capped by unknown item '{item.cap.item}'")
                elif source.cap is not None or source.requires is not None:
                    # Keeps the evaluation order trivial: caps first, then requirements.
                    problems.append(f"cap source '{source.id}' of '{item.id}' must have no cap or requires")
            earlier.add(item.id)
        if empty := [d.id for d in self.departments if not any(i.department == d.id for i in self.items)]:
            problems.append(f"departments without items: {empty}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def item(self, item_id: str) -> AuditItem:
        return _by_id(self.items, item_id)

    def topic_title(self, topic_id: str) -> str:
        return _by_id(self.programme_topics, topic_id).title

    def department_title(self, department_id: str) -> str:
        return _by_id(self.departments, department_id).title
