"""Interview scripts (content/interviews/*.yaml): loading and the content check (models: script_models.py).

An invalid script must fail a test and `python -m bot check-content`, never a chat, so every
cross-reference (question ids, tags, rules, topics, item dependencies) is validated here on load.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from services.interviews.engine.script_models import (
    AUDIT_LEVELS,
    MIN_COMPETENCIES,
    RATING_VALUES,
    AuditCap,
    AuditItem,
    AuditScript,
    Competency,
    CustdevKeywords,
    CustdevQuestion,
    CustdevScript,
    CustdevSection,
    Department,
    Exhibit,
    HiringScript,
    ProgrammeTopic,
    Question,
    RedFlag,
    Rule,
    SalaryQuestion,
    ScriptModel,
    Tag,
)
from services.paths import CONTENT_DIR

DEFAULT_CONTENT_DIR = CONTENT_DIR / "interviews"
HIRING_FILE = "hiring.yaml"
CUSTDEV_FILE = "custdev.yaml"
AUDIT_FILE = "audit.yaml"
KEYWORDS_FILE = "custdev_keywords.yaml"

# Attestation topics that exist in the quiz content; the audit programme may only point at these.
# `check_scripts` accepts the real list from the quiz loader to stay in sync with it.
ATTESTATION_TOPIC_IDS: frozenset[str] = frozenset(
    """
    kev conversion warming system_check cjm touch_points client_bases custdev seasonality sales_book
    product_textbook sales_roles agile hadi rfm kcv head_of_sales
    """.split()
)


class ContentError(ValueError):
    """Raised by `load_scripts` when the scripts are invalid; `errors` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


# --- loading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewScripts:
    hiring: HiringScript
    custdev: CustdevScript
    audit: AuditScript


_FILES: dict[str, tuple[str, type[ScriptModel]]] = {
    "hiring": (HIRING_FILE, HiringScript),
    "custdev": (CUSTDEV_FILE, CustdevScript),
    "audit": (AUDIT_FILE, AuditScript),
}


def _format_validation_error(file_name: str, error: ValidationError) -> list[str]:
    lines = []
    for detail in error.errors():
        location = ".".join(str(part) for part in detail["loc"]) or "<root>"
        lines.append(f"{file_name}: {location}: {detail['msg']}")
    return lines


def _load_file(path: Path, model: type[ScriptModel]) -> tuple[ScriptModel | None, list[str]]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [f"{path.name}: file not found in {path.parent}"]
    except yaml.YAMLError as exc:
        return None, [f"{path.name}: invalid YAML: {exc}"]
    if not isinstance(raw, dict):
        return None, [f"{path.name}: the top level must be a mapping"]
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        return None, _format_validation_error(path.name, exc)


def _check_topics(audit: AuditScript, topic_ids: Collection[str]) -> list[str]:
    return [
        f"{AUDIT_FILE}: programme topic '{topic.id}' is not an attestation topic"
        for topic in audit.programme_topics
        if topic.id not in topic_ids
    ]


def _load(content_dir: Path | str | None, topic_ids: Collection[str] | None) -> tuple[dict, list[str]]:
    directory = Path(content_dir) if content_dir is not None else DEFAULT_CONTENT_DIR
    loaded: dict[str, ScriptModel] = {}
    errors: list[str] = []
    for name, (file_name, model) in _FILES.items():
        script, file_errors = _load_file(directory / file_name, model)
        errors.extend(file_errors)
        if script is not None:
            loaded[name] = script
    if "audit" in loaded:
        audit = loaded["audit"]
        assert isinstance(audit, AuditScript)
        errors.extend(_check_topics(audit, topic_ids if topic_ids is not None else ATTESTATION_TOPIC_IDS))
    errors.extend(_load_file(directory / KEYWORDS_FILE, CustdevKeywords)[1])
    return loaded, errors


def check_scripts(
    content_dir: Path | str | None = None, topic_ids: Collection[str] | None = None
) -> list[str]:
    """Validate the three scripts and the CustDev key-word rules; returns human-readable errors (empty when
    all is well).

    `topic_ids` are the attestation topics that exist (defaults to ATTESTATION_TOPIC_IDS).
    """
    return _load(content_dir, topic_ids)[1]


def load_scripts(
    content_dir: Path | str | None = None, topic_ids: Collection[str] | None = None
) -> InterviewScripts:
    """Load and validate hiring.yaml, custdev.yaml and audit.yaml (and check custdev_keywords.yaml);
    raises ContentError listing every problem."""
    loaded, errors = _load(content_dir, topic_ids)
    if errors:
        raise ContentError(errors)
    return InterviewScripts(**loaded)


@lru_cache(maxsize=1)
def default_scripts() -> InterviewScripts:
    """The scripts shipped with the bot, loaded once per process."""
    return load_scripts()


def load_keywords(content_dir: Path | str | None = None) -> CustdevKeywords:
    directory = Path(content_dir) if content_dir is not None else DEFAULT_CONTENT_DIR
    keywords, errors = _load_file(directory / KEYWORDS_FILE, CustdevKeywords)
    if errors or not isinstance(keywords, CustdevKeywords):
        raise ContentError(errors)
    return keywords


@lru_cache(maxsize=1)
def default_keywords() -> CustdevKeywords:
    """The CustDev key-word rules shipped with the bot, loaded once per process."""
    return load_keywords()


__all__ = [
    "ATTESTATION_TOPIC_IDS",
    "AUDIT_LEVELS",
    "DEFAULT_CONTENT_DIR",
    "MIN_COMPETENCIES",
    "RATING_VALUES",
    "AuditCap",
    "AuditItem",
    "AuditScript",
    "Competency",
    "ContentError",
    "CustdevKeywords",
    "CustdevQuestion",
    "CustdevScript",
    "CustdevSection",
    "Department",
    "Exhibit",
    "HiringScript",
    "InterviewScripts",
    "ProgrammeTopic",
    "Question",
    "RedFlag",
    "Rule",
    "SalaryQuestion",
    "Tag",
    "check_scripts",
    "default_keywords",
    "default_scripts",
    "load_keywords",
    "load_scripts",
]
