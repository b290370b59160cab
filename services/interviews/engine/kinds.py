"""The three interview scripts and the two ways to run one, by the names stored in the database.

The head-of-sales kit is «hiring» everywhere (code, content, database). It used to be stored as «rop»:
alembic 0012 renamed the rows; a conversation in flight may still carry the old name in its FSM data, so
`parse_script` reads both.
"""

from __future__ import annotations

from enum import StrEnum


class Script(StrEnum):
    HIRING = "hiring"  # a head-of-sales candidate, live or by a candidate link
    CUSTDEV = "custdev"  # a CustDev interview with a client
    AUDIT = "audit"  # the business systemic audit


class Mode(StrEnum):
    LIVE = "live"  # the owner asks and rates in the chat
    REMOTE = "remote"  # the candidate answers by link, the owner rates afterwards


LEGACY_SCRIPT_NAMES = {"rop": Script.HIRING}


def parse_script(value: object) -> Script | None:
    """A stored script name (current or legacy) as a `Script`; None for anything else."""
    if not isinstance(value, str):
        return None
    if value in LEGACY_SCRIPT_NAMES:
        return LEGACY_SCRIPT_NAMES[value]
    return Script(value) if value in set(Script) else None


def parse_mode(value: object) -> Mode | None:
    return Mode(value) if isinstance(value, str) and value in set(Mode) else None
