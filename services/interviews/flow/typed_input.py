"""What the owner types or sends inside an interview, checked for what it is (no database here).

A lone valid score («2») on a rating step is the rating; everything else typed is a note (hiring), the
salary answer or the respondent's answer (CustDev). Stickers, photos and — where it is not an answer —
voice get one line saying what the step takes, never the card again.
"""

from __future__ import annotations

import re

from services.interviews.engine.kinds import Script
from services.interviews.engine.script_models import AUDIT_LEVELS, RATING_VALUES
from services.texts import t

_SCORE_RE = re.compile(r"\s*(\d)\s*[.)!]?\s*")

# What a step takes, said when something else arrives (a sticker, a photo, a voice where it is no answer).
HINT_KEYS = {
    Script.HIRING: "interview-input-hiring",
    Script.CUSTDEV: "interview-input-custdev",
    Script.AUDIT: "interview-input-audit",
}
SALARY_HINT_KEY = "interview-input-salary"


def typed_score(text: str) -> int | None:
    """«2», « 3. » -> the digit; None for anything else (a note that merely contains a digit stays a note)."""
    match = _SCORE_RE.fullmatch(text)
    return int(match.group(1)) if match else None


def input_hint(script: Script, *, salary_step: bool = False) -> str:
    if salary_step:
        return t(SALARY_HINT_KEY)
    if script == Script.HIRING:
        return t(HINT_KEYS[script], min=min(RATING_VALUES), max=max(RATING_VALUES))
    if script == Script.AUDIT:
        return t(HINT_KEYS[script], levels=", ".join(str(level) for level in AUDIT_LEVELS))
    return t(HINT_KEYS[script])
