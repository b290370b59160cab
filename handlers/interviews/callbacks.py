"""CallbackData factories of the interview flows: ids and short codes only (Telegram allows 64 bytes).

The wire values are those of buttons already sent, so they keep working: prefixes iv / il / im and the
short action codes. The «im» menu buttons are split by flow (hiring, CustDev, audit, the list); each factory
accepts only its own actions — aiogram's filter unpacks the data, and an action of another flow fails
validation — so one flow's filter never takes another flow's button.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from handlers.callbacks import Section

EXPORT_FORMATS = ("xlsx", "pdf")  # StepCallback.v of an export button is the index here


class StepAction(StrEnum):
    RATE = "r"
    TOGGLE = "f"  # a red flag (hiring) or a tag (CustDev)
    SKIP = "s"
    BACK = "b"
    NEXT = "n"
    END = "e"  # end a CustDev interview early
    OPEN = "o"  # continue, open the result or the link's state
    VOICE = "v"  # replay a voice answer
    EXPORT = "x"


STEP_MOVES = frozenset({StepAction.RATE, StepAction.TOGGLE, StepAction.SKIP, StepAction.BACK, StepAction.NEXT,
                        StepAction.END})


class StepCallback(CallbackData, prefix="iv"):
    """A button of one interview. `p` is the step it was drawn for, so a stale or repeated tap is harmless."""

    i: int  # interview id
    a: StepAction
    p: int = -1
    v: int = -1  # rating, toggle index, or export format index (EXPORT_FORMATS)
    on: int = -1  # toggles: the state to set, 1 or 0 — setting, not flipping, makes a double tap harmless


class LinkAction(StrEnum):
    NEW = "new"
    REVOKE = "revoke"


class LinkCallback(CallbackData, prefix="il"):
    """The owner's buttons under a candidate link."""

    i: int  # interview id
    a: LinkAction


class HiringAction(StrEnum):
    LIVE = "live"  # ask the candidate's name, then the first competency
    REMOTE = "remote"  # ask the candidate's name, then the link
    COMPARE = "cmp"
    COMPARE_XLSX = "cmpx"


class HiringMenuCallback(CallbackData, prefix="im"):
    a: HiringAction
    s: Section | None = None  # the section to go back to


class CustdevAction(StrEnum):
    START = "custdev"
    INSIGHTS = "ins"
    INSIGHTS_XLSX = "insx"


class CustdevMenuCallback(CallbackData, prefix="im"):
    a: CustdevAction
    s: Section | None = None


class AuditAction(StrEnum):
    START = "audit"


class AuditMenuCallback(CallbackData, prefix="im"):
    a: AuditAction
    s: Section | None = None


class CandidateAction(StrEnum):
    RESUME = "go"  # back to the questions after /cancel


class CandidateCallback(CallbackData, prefix="ic"):
    """The candidate's own button: no interview id (he must never hold one); the service finds his interview."""

    a: CandidateAction


class InterviewsAction(StrEnum):
    LIST = "list"  # the owner's interviews
    CANCEL = "cancel"  # leave the «whom is it about?» prompt, back to section `s`


class InterviewsMenuCallback(CallbackData, prefix="im"):
    a: InterviewsAction
    s: Section | None = None
