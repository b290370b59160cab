"""Inline keyboards of the interview flows, built from the views the services return (labels: interviews.ftl)."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.attestation.callbacks import LearnAction, LearnCallback
from handlers.callbacks import Section
from handlers.interviews.callbacks import (
    EXPORT_FORMATS,
    AuditAction,
    AuditMenuCallback,
    CandidateAction,
    CandidateCallback,
    CustdevAction,
    CustdevMenuCallback,
    HiringAction,
    HiringMenuCallback,
    InterviewsAction,
    InterviewsMenuCallback,
    LinkAction,
    LinkCallback,
    StepAction,
    StepCallback,
)
from handlers.keyboards import home_button
from services.interviews.engine.kinds import Script
from services.interviews.views import LinkView, ListView, OverviewView, PausedView, ResultView, StepView
from services.texts import t

AUDIT_SCALE_KEYS = {0: "interview-button-audit-0", 1: "interview-button-audit-1", 2: "interview-button-audit-2"}
EXPORT_KEYS = {"xlsx": "interview-button-excel", "pdf": "interview-button-pdf"}
TAGS_PER_ROW = 3
# The menu section of each script: where «Отмена» goes back to; its wire value is the menu's.
SECTIONS = {Script.HIRING: Section.HIRING, Script.CUSTDEV: Section.CUSTDEV, Script.AUDIT: Section.AUDIT}


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def _list_button() -> InlineKeyboardButton:
    return _button(t("interview-button-list"), InterviewsMenuCallback(a=InterviewsAction.LIST).pack())


def _markup(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for row in rows:
        if row:
            builder.row(*row)
    return builder.as_markup()


def _scale_label(view: StepView, value: int) -> str:
    mark = "✓ " if value == view.chosen else ""
    if view.script == Script.AUDIT and value in AUDIT_SCALE_KEYS:
        return mark + t(AUDIT_SCALE_KEYS[value])
    return mark + str(value)


def _toggle_label(view: StepView, on: bool, label: str) -> str:
    if view.script == Script.HIRING:
        return f"{'🔴' if on else '⚪'} {label}"  # red flags
    return f"{'✅' if on else '▫️'} {label}"  # tags


def _nav_row(view: StepView, data: Callable[[StepAction], str]) -> list[InlineKeyboardButton]:
    nav = []
    if view.can_back:
        nav.append(_button(t("interview-button-back"), data(StepAction.BACK)))
    if view.can_skip:
        skip = t("interview-button-unchecked") if view.script == Script.AUDIT else t("interview-button-skip")
        nav.append(_button(skip, data(StepAction.SKIP)))
    if view.can_next:
        forward = t("interview-button-results") if view.is_last else t("interview-button-next")
        nav.append(_button(forward, data(StepAction.NEXT)))
    return nav


def step(view: StepView) -> InlineKeyboardMarkup:
    def data(action: StepAction, value: int = -1, on: int = -1) -> str:
        return StepCallback(i=view.interview_id, a=action, p=view.position, v=value, on=on).pack()

    rows: list[list[InlineKeyboardButton]] = []
    if view.scale:
        rows.append([_button(_scale_label(view, value), data(StepAction.RATE, value)) for value in view.scale])
    toggles = [_button(_toggle_label(view, toggle.on, toggle.label),
                       data(StepAction.TOGGLE, toggle.index, 0 if toggle.on else 1))
               for toggle in view.toggles]
    per_row = 1 if view.script == Script.HIRING else TAGS_PER_ROW
    rows += [toggles[k:k + per_row] for k in range(0, len(toggles), per_row)]
    if view.has_voice:
        rows.append([_button(t("interview-button-voice"), data(StepAction.VOICE))])
    rows.append(_nav_row(view, data))
    if view.can_finish:
        rows.append([_button(t("interview-button-finish"), data(StepAction.END))])
    rows.append([_list_button()])
    return _markup(*rows)


def paused(view: PausedView) -> InlineKeyboardMarkup:
    """Under a paused interview: «Продолжить» opens it again (the service un-pauses it)."""
    return _markup([_button(t("interview-button-resume"), StepCallback(i=view.interview_id, a=StepAction.OPEN).pack())])


def candidate_resume() -> InlineKeyboardMarkup:
    """Under the candidate's pause: back to his questions."""
    return _markup([_button(t("interview-button-resume"), CandidateCallback(a=CandidateAction.RESUME).pack())])


def result(view: ResultView) -> InlineKeyboardMarkup:
    exports = [
        _button(t(EXPORT_KEYS[fmt]),
                StepCallback(i=view.interview_id, a=StepAction.EXPORT, v=EXPORT_FORMATS.index(fmt)).pack())
        for fmt in view.exports
    ]
    rows = [exports]
    rows += [[_button(f"📖 {title}", LearnCallback(action=LearnAction.CARD, topic=topic_id).pack())]
             for topic_id, title in view.programme]
    if view.insights:
        rows.append([_button(t("interview-button-insights"),
                             CustdevMenuCallback(a=CustdevAction.INSIGHTS).pack())])
    if view.script == Script.HIRING:
        rows.append([_button(t("interview-button-compare"), HiringMenuCallback(a=HiringAction.COMPARE).pack())])
    rows.append([_list_button(), home_button()])
    return _markup(*rows)


def link(view: LinkView) -> InlineKeyboardMarkup:
    rows = []
    if view.can_renew:
        rows.append([_button(t("interview-button-new-link"),
                             LinkCallback(i=view.interview_id, a=LinkAction.NEW).pack())])
    if view.can_revoke:
        rows.append([_button(t("interview-button-revoke-link"),
                             LinkCallback(i=view.interview_id, a=LinkAction.REVOKE).pack())])
    rows.append([_list_button()])
    return _markup(*rows)


def listing(view: ListView) -> InlineKeyboardMarkup:
    rows = [[_button(entry.label, StepCallback(i=entry.interview_id, a=StepAction.OPEN).pack())]
            for entry in view.entries]
    rows.append([home_button()])
    return _markup(*rows)


def overview(view: OverviewView) -> InlineKeyboardMarkup:
    rows = []
    if view.exportable:
        if view.kind == "comparison":
            export = HiringMenuCallback(a=HiringAction.COMPARE_XLSX).pack()
        else:
            export = CustdevMenuCallback(a=CustdevAction.INSIGHTS_XLSX).pack()
        rows.append([_button(t("interview-button-excel"), export)])
    rows.append([_list_button(), home_button()])
    return _markup(*rows)


def rate_answers(interview_id: int) -> InlineKeyboardMarkup:
    """Under the owner's notification: the candidate has answered everything."""
    return _markup([_button(t("interview-button-rate-answers"),
                            StepCallback(i=interview_id, a=StepAction.OPEN).pack())])


def section(script: Script) -> InlineKeyboardMarkup:
    """The buttons under a section's home text."""
    back = SECTIONS[script]
    if script == Script.HIRING:
        entries = [
            (t("interview-button-live"), HiringMenuCallback(a=HiringAction.LIVE, s=back)),
            (t("interview-button-remote"), HiringMenuCallback(a=HiringAction.REMOTE, s=back)),
            (t("interview-button-compare"), HiringMenuCallback(a=HiringAction.COMPARE, s=back)),
        ]
    elif script == Script.CUSTDEV:
        entries = [
            (t("interview-button-custdev"), CustdevMenuCallback(a=CustdevAction.START, s=back)),
            (t("interview-button-insights"), CustdevMenuCallback(a=CustdevAction.INSIGHTS, s=back)),
        ]
    else:
        entries = [(t("interview-button-audit"), AuditMenuCallback(a=AuditAction.START, s=back))]
    rows = [[_button(text, data.pack())] for text, data in entries]
    rows.append([_list_button(), home_button()])
    return _markup(*rows)


def cancel_prompt(script: Script) -> InlineKeyboardMarkup:
    """Under «whom is it about?»: back to the section's home."""
    data = InterviewsMenuCallback(a=InterviewsAction.CANCEL, s=SECTIONS[script]).pack()
    return _markup([_button(t("interview-button-cancel"), data)])
