"""The analytics content (`content/rfm_segments.yaml`, `content/funnels.yaml`), validated with pydantic.

An invalid file fails on load — in a test or `check-content` — never in the middle of a chat.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, field_validator, model_validator

from services.paths import CONTENT_DIR

SCALES = (3, 5)


class ScoreRule(BaseModel):
    r: tuple[int, int]
    fm: tuple[float, float]

    @model_validator(mode="after")
    def _ordered(self) -> ScoreRule:
        if self.r[0] > self.r[1] or self.fm[0] > self.fm[1]:
            raise ValueError("a rule's range must go from low to high")
        return self

    def covers(self, r: int, fm: float) -> bool:
        return self.r[0] <= r <= self.r[1] and self.fm[0] <= fm <= self.fm[1]


class Segment(BaseModel):
    id: str = Field(pattern=r"^[a-z_]+$")
    name: str = Field(min_length=2)
    description: str = Field(min_length=5)
    action: str = Field(min_length=20)
    weight: float = Field(gt=0)
    rules: dict[int, list[ScoreRule]]


class SegmentBook(BaseModel):
    segments: list[Segment]

    @model_validator(mode="after")
    def _grid_covered_once(self) -> SegmentBook:
        ids = [s.id for s in self.segments]
        names = [s.name for s in self.segments]
        if len(set(ids)) != len(ids) or len(set(names)) != len(names):
            raise ValueError("segment ids and names must be unique")
        for scale in SCALES:
            for r in range(1, scale + 1):
                for fm in _fm_values(scale):
                    owners = [s.id for s in self.segments if any(rule.covers(r, fm) for rule in s.rules.get(scale, []))]
                    if len(owners) != 1:
                        raise ValueError(f"scale {scale}: cell R={r}, FM={fm} belongs to {owners or 'no segment'}")
        return self

    def lookup_table(self, scale: int) -> dict[tuple[int, float], Segment]:
        return {
            (r, fm): next(s for s in self.segments if any(rule.covers(r, fm) for rule in s.rules[scale]))
            for r in range(1, scale + 1)
            for fm in _fm_values(scale)
        }


def _fm_values(scale: int) -> list[float]:
    return [1 + i / 2 for i in range(2 * scale - 1)]


class PipelineStage(BaseModel):
    name: str
    aliases: list[str] = []


class Pipeline(BaseModel):
    id: str
    name: str
    fixed: bool = False
    stages: list[PipelineStage] = Field(min_length=2)
    lost: list[str] = []

    def index_of(self, value: str) -> int | None:
        key = stage_key(value)
        for i, stage in enumerate(self.stages):
            if key in {stage_key(stage.name), *(stage_key(a) for a in stage.aliases)}:
                return i
        return None

    def is_lost(self, value: str) -> bool:
        return stage_key(value) in {stage_key(name) for name in self.lost}


class FunnelBook(BaseModel):
    key_stage_advice: str = Field(min_length=20)
    bottleneck_advice: str = Field(min_length=20)
    pipelines: list[Pipeline]

    @field_validator("pipelines")
    @classmethod
    def _unique_ids(cls, pipelines: list[Pipeline]) -> list[Pipeline]:
        if len({p.id for p in pipelines}) != len(pipelines):
            raise ValueError("pipeline ids must be unique")
        return pipelines


def stage_key(value: str) -> str:
    """Stage names compared without case, ё, punctuation or Bitrix24's `C3:` pipeline prefix."""
    text = re.sub(r"^c\d+:", "", value.strip().lower()).replace("ё", "е")
    return re.sub(r"[\W_]+", "", text)


@lru_cache(maxsize=1)
def segment_book() -> SegmentBook:
    return load_segments(CONTENT_DIR / "rfm_segments.yaml")


@lru_cache(maxsize=1)
def funnel_book() -> FunnelBook:
    return load_funnels(CONTENT_DIR / "funnels.yaml")


def load_segments(path: Path) -> SegmentBook:
    return SegmentBook.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def load_funnels(path: Path) -> FunnelBook:
    return FunnelBook.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
