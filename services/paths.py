"""Where the content files live: one definition for every feature."""

from __future__ import annotations

from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
