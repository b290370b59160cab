"""The analytics content, validated with pydantic: RFM segments (`content/rfm_segments.yaml`), known funnels
(`content/funnels.yaml`), column-header synonyms (`content/analytics/columns.yaml`) and the words the analyses
recognise in files and typed criteria (`content/analytics/words.yaml`).

An invalid file fails on load — in a test or `check-content` — never in the middle of a chat. Each file has
one loader (`load_*`, for a path) and one cached accessor for the bot's own copy.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, field_validator, model_validator

from services.paths import CONTENT_DIR

SCALES = (3, 5)
ANALYTICS_DIR = CONTENT_DIR / "analytics"
KINDS = ("rfm", "funnel", "seasonality")
ROLES = ("client", "date", "amount", "quantity", "price", "order", "status", "count", "stage", "manager",
         "lost_reason", "lost_stage", "deal", "created", "closed", "year", "month")


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
    return compact(re.sub(r"^c\d+:", "", value.strip().lower()))


def compact(header: str) -> str:
    """A header as compared with the synonyms: lower case, ё → е, no spaces or punctuation."""
    text = header.lower().replace("ё", "е")
    return re.sub(r"[\W_]+", "", text)


Synonyms = dict[str, int]  # compact synonym -> score of an exact match


class ColumnSynonyms(BaseModel):
    roles: dict[str, Synonyms]
    kinds: dict[str, dict[str, Synonyms]]

    @model_validator(mode="after")
    def _known_and_compact(self) -> ColumnSynonyms:
        unknown_kinds = set(self.kinds) - set(KINDS)
        if unknown_kinds:
            raise ValueError(f"unknown analysis kinds: {sorted(unknown_kinds)}")
        tables = [("roles", self.roles), *((f"kinds.{kind}", roles) for kind, roles in self.kinds.items())]
        for where, roles in tables:
            unknown = set(roles) - set(ROLES)
            if unknown:
                raise ValueError(f"{where}: unknown roles {sorted(unknown)}; known: {', '.join(ROLES)}")
            for role, synonyms in roles.items():
                for synonym, score in synonyms.items():
                    if compact(synonym) != synonym or not synonym:
                        raise ValueError(f"{where}.{role}: write {synonym!r} compact: {compact(synonym)!r}")
                    if not 1 <= score <= 100:
                        raise ValueError(f"{where}.{role}.{synonym}: a score is 1–100, not {score}")
        return self

    def for_role(self, kind: str, role: str) -> Synonyms:
        """The synonyms of `role` in an analysis of `kind`: the common ones, overridden by the kind's own."""
        return {**self.roles.get(role, {}), **self.kinds.get(kind, {}).get(role, {})}


class AnalysisWords(BaseModel):
    cancelled_status: list[str] = Field(min_length=1)
    criteria_names: dict[str, list[str]]
    money_suffixes: dict[str, float]

    @model_validator(mode="after")
    def _names_unique(self) -> AnalysisWords:
        if set(self.criteria_names) != {"recency", "frequency", "monetary"}:
            raise ValueError("criteria_names: give the names of recency, frequency and monetary")
        names = [name for group in self.criteria_names.values() for name in group]
        if len(set(names)) != len(names) or any(name != name.lower() or not name for name in names):
            raise ValueError("criteria_names: each name once, in lower case")
        if any(suffix != suffix.lower() or value <= 0 for suffix, value in self.money_suffixes.items()):
            raise ValueError("money_suffixes: lower-case suffixes, positive multipliers")
        return self

    def cancelled_pattern(self) -> str:
        """A regular expression (case-insensitive) that finds a cancelled status."""
        return "(?i)" + "|".join(re.escape(word) for word in self.cancelled_status)

    def measure_of(self) -> dict[str, str]:
        """A criteria name as typed (lower case) -> the measure it names."""
        return {name: measure for measure, names in self.criteria_names.items() for name in names}


class SeasonWords(BaseModel):
    """content/analytics/seasonality.yaml: month names of headers and cells, and the words of total rows."""

    month_names: dict[int, list[str]]
    totals: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _compact_and_complete(self) -> SeasonWords:
        if set(self.month_names) != set(range(1, 13)):
            raise ValueError("month_names: give the names of every month 1–12")
        words = [w for names in self.month_names.values() for w in names] + self.totals
        for word in words:
            if compact(word) != word or not word:
                raise ValueError(f"write {word!r} compact: {compact(word)!r}")
        names = [w for names in self.month_names.values() for w in names]
        if len(set(names)) != len(names):
            raise ValueError("month_names: each name once")
        return self

    def month_of(self) -> dict[str, int]:
        """A compact month name -> its number."""
        return {name: month for month, names in self.month_names.items() for name in names}


@lru_cache(maxsize=1)
def segment_book() -> SegmentBook:
    return load_segments(CONTENT_DIR / "rfm_segments.yaml")


@lru_cache(maxsize=1)
def funnel_book() -> FunnelBook:
    return load_funnels(CONTENT_DIR / "funnels.yaml")


@lru_cache(maxsize=1)
def column_synonyms() -> ColumnSynonyms:
    return load_columns(ANALYTICS_DIR / "columns.yaml")


@lru_cache(maxsize=1)
def analysis_words() -> AnalysisWords:
    return load_words(ANALYTICS_DIR / "words.yaml")


@lru_cache(maxsize=1)
def season_words() -> SeasonWords:
    return load_season_words(ANALYTICS_DIR / "seasonality.yaml")


def load_season_words(path: Path) -> SeasonWords:
    return SeasonWords.model_validate(read_yaml(path))


def read_yaml(path: Path) -> object:
    """A YAML file through libyaml's C loader where PyYAML has it: the same safe loading at ten times the speed of the
    pure-Python loader (40 ms of a command line report went into reading columns.yaml)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_segments(path: Path) -> SegmentBook:
    return SegmentBook.model_validate(read_yaml(path))


def load_funnels(path: Path) -> FunnelBook:
    return FunnelBook.model_validate(read_yaml(path))


def load_columns(path: Path) -> ColumnSynonyms:
    return ColumnSynonyms.model_validate(read_yaml(path))


def load_words(path: Path) -> AnalysisWords:
    return AnalysisWords.model_validate(read_yaml(path))
