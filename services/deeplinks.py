"""Parsing of /start payloads (t.me/<bot>?start=<payload>)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Telegram allows A-Z, a-z, 0-9, _ and - in a start parameter, up to 64 characters.
PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
KINDS = {"join": "team_invite", "cand": "candidate"}


@dataclass(frozen=True)
class DeepLink:
    kind: str  # "team_invite" | "candidate" | "unknown"
    code: str


def parse_start_payload(payload: str | None) -> DeepLink | None:
    """None when there is no payload; kind "unknown" when it is malformed or of a kind we do not know."""
    if payload is None or not payload.strip():
        return None
    payload = payload.strip()
    if not PAYLOAD_RE.match(payload):
        return DeepLink("unknown", "")
    prefix, sep, code = payload.partition("_")
    if not sep or not code or prefix not in KINDS:
        return DeepLink("unknown", "")
    return DeepLink(KINDS[prefix], code)
