"""UI texts from content/ui.yaml, validated on load."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"


class Sections(BaseModel):
    model_config = ConfigDict(extra="forbid")
    attest: str
    rop: str
    custdev: str
    audit: str
    analysis: str
    team: str
    help: str


class UiTexts(BaseModel):
    model_config = ConfigDict(extra="forbid")
    greeting: str
    menu: str
    help: str
    coming_soon: str
    cancelled: str
    nothing_to_cancel: str
    fallback_hint: str
    in_flow_hint: str
    stale_button: str
    error: str
    unknown_deep_link: str
    sections: Sections
    commands: dict[str, str]


def load_ui_texts(path: Path | None = None) -> UiTexts:
    path = path or CONTENT_DIR / "ui.yaml"
    with path.open(encoding="utf-8") as fh:
        return UiTexts.model_validate(yaml.safe_load(fh))


@lru_cache(maxsize=1)
def ui() -> UiTexts:
    return load_ui_texts()
