"""The words and letters people type that the quiz reads back: number units and multipliers, look-alike letters
in a certificate code. Data, so it lives in content/typed_input.yaml; validated here on load."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.paths import CONTENT_DIR

TYPED_INPUT_FILE = CONTENT_DIR / "typed_input.yaml"

Word = Annotated[str, StringConstraints(min_length=1, max_length=20)]
Letter = Annotated[str, StringConstraints(min_length=1, max_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NumberWords(_Strict):
    units: tuple[Word, ...]
    multipliers: dict[Word, Annotated[int, Field(gt=1)]]  # tried in the order written


class TypedInput(_Strict):
    numbers: NumberWords
    code_lookalikes: dict[Letter, Letter]


def load_typed_input(path: Path = TYPED_INPUT_FILE) -> TypedInput:
    return TypedInput.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def typed_input() -> TypedInput:
    return load_typed_input()
