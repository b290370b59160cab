"""Candidate links for remote interviews: t.me/<bot>?start=cand_<token>.

Only the SHA-256 of a token is stored, so a leaked database does not leak working links.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from services.texts import t

LINK_TTL = timedelta(days=7)
START_PREFIX = "cand_"
TOKEN_BYTES = 24  # 192 random bits -> 32 url-safe characters; «cand_» + 32 = 37 of Telegram's 64
START_PARAM_LIMIT = 64
_START_PARAM_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def new_token() -> str:
    """A fresh unguessable token made of [A-Za-z0-9_-] only."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """What the database stores and looks the link up by (hex SHA-256)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def start_param(token: str) -> str:
    """The deep-link payload for a token: `cand_<token>`."""
    return f"{START_PREFIX}{token}"


def parse_start_param(param: str | None) -> str | None:
    """The token inside a /start payload, or None if the payload is not a candidate link."""
    if not param or not _START_PARAM_RE.match(param) or not param.startswith(START_PREFIX):
        return None
    token = param[len(START_PREFIX) :]
    return token or None


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands datetimes back without a zone; the bot stores UTC, so naive means UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def is_usable(
    created_at: datetime, used_at: datetime | None, revoked_at: datetime | None, now: datetime
) -> tuple[bool, str]:
    """Whether a candidate link may still be opened; the reason (for the candidate) when it may not."""
    if revoked_at is not None:
        return False, t("interview-link-revoked-for-candidate")
    if used_at is not None:
        return False, t("interview-link-used")
    if _as_utc(now) >= _as_utc(created_at) + LINK_TTL:
        return False, t("interview-link-expired-for-candidate")
    return True, ""
