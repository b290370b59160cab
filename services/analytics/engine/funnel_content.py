"""How the funnel reads a file: the `reading:` part of `content/funnels.yaml`, validated with pydantic.

Outcome words (lost / won), where an unknown stage usually sits, and the header words that mark a trace of
how far a lost deal got (a loss-stage column, a stage's date column). The pipelines and the advice in the same
file are read by `content.funnel_book()`; each model ignores the other's keys.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, field_validator

from services.paths import CONTENT_DIR

from .content import compact


class StageHint(BaseModel):
    pattern: str
    place: float


class FunnelReading(BaseModel):
    lost_words: list[str] = Field(min_length=1)
    won_words: list[str] = Field(min_length=1)
    stage_hints: list[StageHint]
    loss_stage_headers: list[str]
    stage_date_words: list[str] = Field(min_length=1)

    @field_validator("lost_words", "won_words")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            _compiles(pattern)
        return patterns

    @field_validator("stage_hints")
    @classmethod
    def _hints_compile(cls, hints: list[StageHint]) -> list[StageHint]:
        for hint in hints:
            _compiles(hint.pattern)
        return hints

    def lost_pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(self.lost_words), re.IGNORECASE)

    def won_pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(self.won_words), re.IGNORECASE)

    def loss_stage_keys(self) -> frozenset[str]:
        return frozenset(compact(h) for h in self.loss_stage_headers)

    def date_words(self) -> frozenset[str]:
        return frozenset(compact(w) for w in self.stage_date_words)


def _compiles(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:  # pydantic reports ValueError, not re.error, as a validation error
        raise ValueError(f"{pattern!r} is not a regular expression: {exc}") from exc


def load_reading(path: Path) -> FunnelReading:
    return FunnelReading.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))["reading"])


@lru_cache(maxsize=1)
def funnel_reading() -> FunnelReading:
    return load_reading(CONTENT_DIR / "funnels.yaml")


@lru_cache(maxsize=1)
def lost_pattern() -> re.Pattern[str]:
    return funnel_reading().lost_pattern()


@lru_cache(maxsize=1)
def won_pattern() -> re.Pattern[str]:
    return funnel_reading().won_pattern()
