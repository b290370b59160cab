"""Reading the simulator content: content/simulator.yaml and content/scenarios/*.yaml, validated on load.

`collect()` gathers every problem (schema and graph) for `check-content`; `load_library()` is what the bot uses:
cached per folder, and it raises `ScenarioError` listing the problems when anything is broken, so a bad file
fails a test or the check, never a chat.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from services.attestation.engine.loading import UniqueKeyLoader
from services.attestation.simulator.engine.models import Scenario, Setup
from services.paths import CONTENT_DIR
from services.texts import t

SETUP_FILE = "simulator.yaml"
SCENARIOS_SUBDIR = "scenarios"
TOPICS_SUBDIR = "topics"

# pydantic error types a content writer meets most, in plain words; anything else keeps pydantic's message.
_ERROR_KEYS = {
    "missing": "sim-err-field-missing",
    "extra_forbidden": "sim-err-field-extra",
    "string_too_short": "sim-err-field-empty",
    "string_pattern_mismatch": "sim-err-field-ident",
    "string_too_long": "sim-err-field-long",
    "too_short": "sim-err-field-few",
    "too_long": "sim-err-field-many",
    "enum": "sim-err-field-enum",
}


class ScenarioError(Exception):
    """The simulator content is broken; `errors` lists every problem found."""

    def __init__(self, errors: Iterable[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class Library:
    """Everything the simulator plays: the setup and the scenarios in menu order (by stage, then id)."""

    setup: Setup
    scenarios: tuple[Scenario, ...]
    _by_id: dict[str, Scenario] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {s.id: s for s in self.scenarios})

    def scenario(self, scenario_id: str) -> Scenario:
        return self._by_id[scenario_id]

    def has(self, scenario_id: str) -> bool:
        return scenario_id in self._by_id

    def by_stage(self) -> dict[str, tuple[Scenario, ...]]:
        """Stage id → its scenarios, stages in the setup's order (empty stages left out)."""
        grouped = {stage.id: tuple(s for s in self.scenarios if s.stage == stage.id) for stage in self.setup.stages}
        return {stage: items for stage, items in grouped.items() if items}


def _where(loc: Iterable[Any]) -> str:
    return ".".join(str(part) for part in loc) or "—"


def describe(error: Mapping[str, Any]) -> str:
    """One pydantic error as «path: what is wrong», in Russian where the type is a common one."""
    where = _where(error.get("loc", ()))
    kind = str(error.get("type"))
    key = _ERROR_KEYS.get(kind)
    if key is None:
        return f"{where}: {error.get('msg')}"
    if kind == "string_too_long":
        problem = t("sim-err-field-long", limit=str((error.get("ctx") or {}).get("max_length", "?")))
    else:
        problem = t(key)
    return t("sim-err-field", where=where, problem=problem)


def _read_yaml(path: Path) -> tuple[Any, str | None]:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader), None
    except (OSError, UnicodeDecodeError) as exc:
        return None, t("sim-err-unreadable", file=path.name, error=str(exc))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problem = getattr(exc, "problem", None) or str(exc)
        return None, t("sim-err-yaml", file=path.name, line=line, error=str(problem))


def load_setup(path: Path) -> tuple[Setup | None, list[str]]:
    raw, problem = _read_yaml(path)
    if problem:
        return None, [problem]
    try:
        return Setup.model_validate(raw), []
    except ValidationError as exc:
        return None, [f"{path.name}: {describe(e)}" for e in exc.errors()]


def load_scenario_file(path: Path) -> tuple[Scenario | None, list[str]]:
    raw, problem = _read_yaml(path)
    if problem:
        return None, [problem]
    errors = []
    if isinstance(raw, dict) and raw.get("id") != path.stem:
        errors.append(t("sim-err-id-file", file=path.name, id=str(raw.get("id"))))
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        return None, errors + [f"{path.name}: {describe(e)}" for e in exc.errors()]
    return scenario, errors


def topic_ids(content_dir: Path) -> frozenset[str]:
    """The learning cards a scenario may link to: the file names in content/topics/."""
    return frozenset(p.stem for p in (content_dir / TOPICS_SUBDIR).glob("*.yaml"))


def collect(content_dir: Path | None = None) -> tuple[Library | None, list[str]]:
    """The library of a content folder and every problem found in it (schema and graph)."""
    from services.attestation.simulator.engine.validate import validate_library

    folder = Path(content_dir or CONTENT_DIR)
    setup, errors = load_setup(folder / SETUP_FILE)
    scenarios: list[Scenario] = []
    paths = sorted((folder / SCENARIOS_SUBDIR).glob("*.yaml"))
    if not paths:
        errors.append(t("sim-err-no-scenarios", folder=str(folder / SCENARIOS_SUBDIR)))
    for path in paths:
        scenario, file_errors = load_scenario_file(path)
        errors.extend(file_errors)
        if scenario is not None and not file_errors:
            scenarios.append(scenario)
    if setup is None:
        return None, errors
    stage_order = {stage.id: k for k, stage in enumerate(setup.stages)}
    scenarios.sort(key=lambda s: (stage_order.get(s.stage, len(stage_order)), s.id))
    library = Library(setup, tuple(scenarios))
    errors.extend(validate_library(library, topic_ids(folder)))
    return library, errors


def load_library(content_dir: Path | None = None) -> Library:
    """The simulator library of a content folder (default: <repo>/content), cached per folder."""
    return _load_cached(Path(content_dir or CONTENT_DIR).resolve())


@lru_cache(maxsize=8)
def _load_cached(content_dir: Path) -> Library:
    library, errors = collect(content_dir)
    if errors or library is None:
        raise ScenarioError(errors)
    return library


def clear_cache() -> None:
    """Forget loaded libraries (tests that write folders, a content reload)."""
    _load_cached.cache_clear()
