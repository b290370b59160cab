"""What the interview flows return: plain dataclasses the chat handlers render (texts are ready HTML).

"Nothing changed, here is why" is `services.notice.Notice` (its `view` re-shows the current screen);
no access and not found are raised as `services.notice.Refusal`.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.interviews.engine.kinds import Mode, Script
from services.notice import Notice


@dataclass(frozen=True)
class Toggle:
    """A red flag (hiring) or a tag (CustDev) the owner switches on and off."""

    index: int
    label: str  # plain text (a button caption), not HTML
    on: bool


@dataclass(frozen=True)
class StepView:
    """One step of an interview on the owner's screen: a competency, an answer to rate, a question, an item."""

    interview_id: int
    script: Script
    mode: Mode
    kind: str  # competency | review | salary | question | audit_item
    position: int  # the step index the buttons belong to
    text: str  # HTML
    scale: tuple[int, ...] = ()  # rating buttons: 1–4 (hiring) or 0–2 (audit)
    chosen: int | None = None
    toggles: tuple[Toggle, ...] = ()
    can_back: bool = False
    can_skip: bool = False
    can_next: bool = False
    can_finish: bool = False  # CustDev: end the interview before the last question
    has_voice: bool = False  # a voice answer the owner can replay
    is_last: bool = False
    intro: str | None = None  # the script's briefing, shown once before the first step
    # Typed input kept on this step (a note, an answer, a rating): a one-line acknowledgement, and the card is
    # edited where it stands (message `card_id`) — never sent again.
    saved: str | None = None
    card_id: int | None = None


@dataclass(frozen=True)
class PausedView:
    """An interview paused by /cancel or /menu: what its buttons show instead of acting, with «Продолжить»."""

    interview_id: int
    text: str  # HTML


@dataclass(frozen=True)
class ResultView:
    """A finished interview: scorecard, CustDev summary or audit result."""

    interview_id: int
    script: Script
    text: str  # HTML
    exports: tuple[str, ...]  # "xlsx", "pdf"
    programme: tuple[tuple[str, str], ...] = ()  # audit: (attestation topic id, title)
    insights: bool = False  # CustDev: offer the summary across all interviews


@dataclass(frozen=True)
class LinkView:
    """A remote interview seen by its owner before he can rate: the link and what the candidate is doing."""

    interview_id: int
    text: str  # HTML
    can_revoke: bool
    can_renew: bool


@dataclass(frozen=True)
class CandidateQuestionView:
    interview_id: int
    position: int
    text: str  # HTML: the question only, never a hint, rubric or rating


@dataclass(frozen=True)
class OwnLinkView:
    """The owner opened his own candidate link: a reminder to forward it; his current flow goes on."""

    text: str


@dataclass(frozen=True)
class CandidateHint:
    """A line for the candidate while his questions go on: an answer too short, a sticker, a pause."""

    text: str  # HTML
    resume: bool = False  # offer «Продолжить» (after /cancel)


@dataclass(frozen=True)
class CandidateDoneView:
    """The candidate answered everything: thank him and tell the owner."""

    interview_id: int
    text: str  # to the candidate
    owner_id: int
    owner_text: str  # HTML notification to the owner


@dataclass(frozen=True)
class ListEntry:
    interview_id: int
    label: str  # button caption, plain text
    done: bool


@dataclass(frozen=True)
class ListView:
    text: str  # HTML
    entries: tuple[ListEntry, ...]


@dataclass(frozen=True)
class OverviewView:
    """Across interviews: the candidates side by side, or CustDev insights."""

    kind: str  # comparison | insights
    text: str  # HTML
    exportable: bool


@dataclass(frozen=True)
class ExportFile:
    file_name: str
    data: bytes
    caption: str  # HTML


@dataclass(frozen=True)
class VoiceReplay:
    file_id: str
    caption: str  # HTML


# What an owner's action on an interview leads to; a Notice's view is a StepView, a ResultView or a PausedView.
Outcome = StepView | ResultView | LinkView | PausedView | Notice
