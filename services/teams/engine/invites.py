"""Invite links t.me/<bot>?start=join_<code> and their QR pictures."""

from __future__ import annotations

import io
import re
import secrets

START_PREFIX = "join_"
CODE_BYTES = 16  # 128 random bits → 22 url-safe characters; «join_» + 22 fits Telegram's 64
_CODE_RE = re.compile(r"^[A-Za-z0-9_-]{16,59}$")


def new_code() -> str:
    """An unguessable code of [A-Za-z0-9_-] (what a /start parameter may hold)."""
    return secrets.token_urlsafe(CODE_BYTES)


def invite_url(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={START_PREFIX}{code}"


def looks_like_code(code: str | None) -> bool:
    return bool(code) and bool(_CODE_RE.match(code or ""))


def qr_png(url: str) -> bytes:
    """A PNG QR code of the link, big enough to scan from a printed page or another screen."""
    import qrcode  # Pillow-backed; imported on first use, not at bot start-up

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    qr.add_data(url)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()
