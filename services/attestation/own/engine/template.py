"""The XLSX template's words (content/bank/template.yaml): sheets, columns, type names, examples. Data, so it lives
in content; validated here on load, so a broken file fails a test, never an import."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from services.attestation.own.engine.model import TYPES
from services.paths import CONTENT_DIR

TEMPLATE_FILE = CONTENT_DIR / "bank" / "template.yaml"
COLUMN_KEYS = ("topic", "type", "text", "answer", "tolerance", "explanation", "title")
TOPIC_KEYS = ("title", "card", "url")

Text = Annotated[str, StringConstraints(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(_Strict):
    key: str
    header: Text
    width: int = Field(gt=0, le=100)
    help: str = ""
    example: str = ""


class TypeName(_Strict):
    label: Text
    also: tuple[str, ...] = ()


class Example(_Strict):
    topic: Text
    type: str
    text: Text
    answer: str = ""
    tolerance: str = ""
    explanation: str = ""
    options: tuple[str, ...] = ()


class Sheets(_Strict):
    questions: Text
    topics: Text
    help: Text


class Template(_Strict):
    file_name: Text
    sheets: Sheets
    columns: tuple[Column, ...]
    option_header: Text
    option_columns: int = Field(ge=2, le=20)
    option_help: Text
    option_example: Text
    topic_columns: tuple[Column, ...]
    types: dict[str, TypeName]
    aiken_answer_words: tuple[Text, ...]
    help_title: Text
    help_intro: tuple[Text, ...]
    help_columns_header: tuple[Text, Text, Text]
    help_examples_title: Text
    examples: tuple[Example, ...]

    @model_validator(mode="after")
    def _complete(self) -> Template:
        if tuple(c.key for c in self.columns) != COLUMN_KEYS:
            raise ValueError(f"columns must be {COLUMN_KEYS} in this order")
        if tuple(c.key for c in self.topic_columns) != TOPIC_KEYS:
            raise ValueError(f"topic_columns must be {TOPIC_KEYS} in this order")
        if tuple(self.types) != TYPES:
            raise ValueError(f"types must be {TYPES} in this order")
        if {e.type for e in self.examples} != set(TYPES):
            raise ValueError("one example of each question type is needed")
        return self

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def type_of(self, name: str) -> str | None:
        """The type code of a name written in the type column (its label, a synonym or the code), or None."""
        wanted = " ".join(name.split()).casefold()
        for code, names in self.types.items():
            if wanted in {code, names.label.casefold(), *(a.casefold() for a in names.also)}:
                return code
        return None

    def option_title(self, number: int) -> str:
        return f"{self.option_header} {number}"


def load_template(path: Path = TEMPLATE_FILE) -> Template:
    return Template.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def template() -> Template:
    return load_template()
