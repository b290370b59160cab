"""The owner's side of every interview: start, resume, pause, rate, flag, tag, skip, go back, finish, export.

Each button carries the step it belongs to; an action on any other step is stale and only re-shows the
current one, so a double tap or a re-delivered update changes nothing twice. Everything is written the
moment it is given, so an interview survives a restart. /cancel and /menu pause an interview in progress:
its buttons then offer «Продолжить» instead of acting, until the owner goes on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import ModuleType

from db.models import Interview, InterviewAnswer
from services.interviews.engine.cards import render_intro
from services.interviews.engine.html_text import clip, esc
from services.interviews.engine.kinds import Mode, Script
from services.interviews.engine.script_models import (
    AUDIT_LEVELS,
    RATING_VALUES,
    AuditScript,
    CustdevScript,
    HiringScript,
)
from services.interviews.flow import audit_steps, custdev_steps, hiring_steps
from services.interviews.flow.candidates import ANSWERING, INVITED, REVOKED, CandidateLinks
from services.interviews.flow.context import FlowContext
from services.interviews.flow.overview import script_title
from services.interviews.flow.results import export_file, result_view
from services.interviews.flow.typed_input import input_hint, typed_score
from services.interviews.views import ExportFile, Outcome, PausedView, ResultView, StepView, VoiceReplay
from services.notice import Notice
from services.texts import t

NOTE_LIMIT = 2000
ANSWER_LIMIT = 4000
PAUSED_NAMES_SHOWN = 3
_STEPS: dict[str, ModuleType] = {
    Script.HIRING: hiring_steps,
    Script.CUSTDEV: custdev_steps,
    Script.AUDIT: audit_steps,
}

Answers = Mapping[str, InterviewAnswer]


def _appended(existing: str | None, addition: str, limit: int) -> str:
    """Notes and answers typed in several messages add up: people write the way they listen, in pieces."""
    return (f"{existing}\n{addition}" if existing else addition)[:limit]


def step_status(interview: Interview) -> str:
    """The status in which the owner walks the steps: a remote interview is rated after the candidate answers."""
    return "awaiting_rating" if interview.mode == Mode.REMOTE else "active"


class InterviewSteps:
    def __init__(self, ctx: FlowContext) -> None:
        self.ctx = ctx

    # ---- starting and resuming ------------------------------------------------------------------

    async def start(self, owner_id: int, script: Script, subject: str) -> StepView:
        """A live interview: the briefing, then the first step."""
        script = Script(script)  # ValueError for anything but the three scripts
        interview = await self.ctx.interviews.create(owner_id, script, Mode.LIVE, subject, "active")
        view = self._view(interview, {}, 0)
        return dataclasses.replace(view, intro=render_intro(self._script(interview)))

    async def open(self, user_id: int, interview_id: int) -> Outcome:
        """«Продолжить» / «Открыть»: the current step (a paused interview goes on), the result, or the state of
        the candidate link."""
        interview = await self.ctx.owned(user_id, interview_id)
        if interview.status in (INVITED, ANSWERING, REVOKED):
            return await CandidateLinks(self.ctx).status(interview)
        answers = await self.ctx.interviews.answers(interview.id)
        if interview.status == "done":
            return await self.result(interview, answers)
        if interview.paused_at is not None:
            await self.ctx.interviews.update(interview.id, paused_at=None)
        if interview.current_index >= self._total(interview):
            return await self._finish(interview, answers)
        return self._view(interview, answers, interview.current_index)

    async def set_message(self, interview_id: int, message_id: int) -> int | None:
        """Remember the message that shows the flow; returns the one it replaces (to clear its buttons)."""
        interview = await self.ctx.interviews.get(interview_id)
        previous = interview.message_id if interview is not None else None
        if previous != message_id:
            await self.ctx.interviews.update(interview_id, message_id=message_id)
        return previous

    async def pause(self, user_id: int) -> str:
        """/cancel or /menu: the owner's interviews in progress wait; their buttons offer «Продолжить» instead of
        acting. The line that says so and where to go on; "" when none was in progress."""
        paused = await self.ctx.interviews.pause_open(user_id, ("active", "awaiting_rating"), self.ctx.clock())
        if not paused:
            return ""
        names = [t("interview-paused-item", title=script_title(interview.script), name=esc(clip(interview.subject, 40)))
                 for interview in paused[:PAUSED_NAMES_SHOWN]]
        return t("interview-paused-note", items=", ".join(names), more=len(paused) - len(names))

    # ---- buttons --------------------------------------------------------------------------------

    async def rate(self, user_id: int, interview_id: int, position: int, value: int) -> Outcome:
        checked = await self._at_step(user_id, interview_id, position)
        if isinstance(checked, Notice):
            return checked
        return await self._rate(checked[0], position, value)

    async def _rate(self, interview: Interview, position: int, value: int) -> Outcome:
        item = self._item(interview, position)
        if interview.script == Script.HIRING and not self._is_salary(interview, position):
            if value not in RATING_VALUES:
                return Notice(t("interview-no-such-value"))
            await self.ctx.interviews.save_answer(interview.id, item, rating=value, skipped=False)
            return await self._reload_view(interview, position)
        if interview.script == Script.AUDIT and value in AUDIT_LEVELS:
            await self.ctx.interviews.save_answer(interview.id, item, rating=value, skipped=False)
            return await self._forward(interview, position)
        return Notice(t("interview-no-such-value"))

    async def toggle(self, user_id: int, interview_id: int, position: int, index: int, on: bool) -> Outcome:
        """Set a red flag (hiring) or a tag (CustDev) on or off; the button says which, so a repeat is harmless."""
        checked = await self._at_step(user_id, interview_id, position)
        if isinstance(checked, Notice):
            return checked
        interview, answers = checked
        item = self._item(interview, position)
        row = answers.get(item)
        if interview.script == Script.HIRING and not self._is_salary(interview, position):
            flags = hiring_steps.toggle_flag(self.ctx.scripts.hiring, position, index,
                                             row.red_flags if row else None, on)
            if flags is None:
                return Notice(t("interview-no-such-value"))
            await self.ctx.interviews.save_answer(interview.id, item, red_flags=flags)
            return await self._reload_view(interview, position)
        if interview.script == Script.CUSTDEV:
            if not custdev_steps.has_answer(row):
                return Notice(t("interview-answer-first"), self._view(interview, answers, position))
            tags = custdev_steps.toggle_tag(self.ctx.scripts.custdev, index, row.tags if row else None, on)
            if tags is None:
                return Notice(t("interview-no-such-value"))
            await self.ctx.interviews.save_answer(interview.id, item, tags=tags)
            return await self._reload_view(interview, position)
        return Notice(t("interview-no-such-value"))

    async def skip(self, user_id: int, interview_id: int, position: int) -> Outcome:
        checked = await self._at_step(user_id, interview_id, position)
        if isinstance(checked, Notice):
            return checked
        interview, answers = checked
        item = self._item(interview, position)
        if interview.script in (Script.HIRING, Script.AUDIT) and not self._is_salary(interview, position):
            await self.ctx.interviews.save_answer(interview.id, item, rating=None, skipped=True)
        elif interview.script == Script.CUSTDEV and not custdev_steps.has_answer(answers.get(item)):
            await self.ctx.interviews.save_answer(interview.id, item, skipped=True)
        return await self._forward(interview, position)

    async def next(self, user_id: int, interview_id: int, position: int) -> Outcome:
        checked = await self._at_step(user_id, interview_id, position)
        if isinstance(checked, Notice):
            return checked
        interview, answers = checked
        view = self._view(interview, answers, position)
        if not view.can_next:
            hint = t("interview-answer-first") if interview.script == Script.CUSTDEV else t("interview-rate-first")
            return Notice(hint, view)
        return await self._forward(interview, position)

    async def back(self, user_id: int, interview_id: int, position: int) -> Outcome:
        checked = await self._at_step(user_id, interview_id, position)
        if isinstance(checked, Notice):
            return checked
        interview, answers = checked
        if interview.script == Script.AUDIT:
            target = audit_steps.previous_index(self.ctx.scripts.audit, answers, position)
        else:
            target = position - 1 if position > 0 else None
        if target is None:
            return self._view(interview, answers, position)
        return await self._move(interview, position, target)

    async def finish(self, user_id: int, interview_id: int, position: int) -> Outcome:
        """CustDev: end the interview before the last question (the respondent has no more time)."""
        checked = await self._at_step(user_id, interview_id, position)
        if isinstance(checked, Notice):
            return checked
        interview, answers = checked
        return await self._finish(interview, answers)

    async def replay(self, user_id: int, interview_id: int, position: int) -> VoiceReplay | Notice:
        """Send a recorded voice answer back to the owner."""
        interview = await self.ctx.owned(user_id, interview_id)
        if not 0 <= position < self._total(interview):
            return Notice(t("interview-no-voice"))
        row = await self.ctx.interviews.answer(interview.id, self._item(interview, position))
        if row is None or not row.voice_file_id:
            return Notice(t("interview-no-voice"))
        return VoiceReplay(row.voice_file_id, f"🎤 {esc(self._item_title(interview, position))}")

    # ---- typed input ----------------------------------------------------------------------------

    async def typed(self, user_id: int, interview_id: int | None, text: str) -> Outcome:
        """A message in the middle of an interview, checked for what it is: a lone score is the rating (the
        audit moves on), anything else a note (hiring), the salary, or the respondent's answer (CustDev). What
        is kept on the step is acknowledged in a line and the card is edited in place (StepView.saved)."""
        checked = await self._current(user_id, interview_id)
        if not isinstance(checked, tuple):
            return checked
        interview, answers = checked
        index = interview.current_index
        cleaned = text.strip()
        score = typed_score(cleaned)
        if interview.script == Script.AUDIT:
            if score in AUDIT_LEVELS:
                return await self._rate(interview, index, score)
            return self._hint(interview, answers, index)
        if not cleaned:
            return self._hint(interview, answers, index)
        item = self._item(interview, index)
        row = answers.get(item)
        if interview.script == Script.CUSTDEV:
            if row is not None and len(row.text or "") >= ANSWER_LIMIT:
                return Notice(t("interview-text-full", limit=ANSWER_LIMIT))
            text = _appended(row.text if row else None, cleaned, ANSWER_LIMIT)
            await self.ctx.interviews.save_answer(interview.id, item, text=text, skipped=False)
            return await self._saved(interview, index, t("interview-saved-answer"))
        if self._is_salary(interview, index):
            await self.ctx.interviews.update(interview.id, salary=hiring_steps.clean_salary(cleaned))
            return await self._saved(interview, index, t("interview-saved-salary"))
        if score is not None:  # a lone digit is a rating, never a note
            if score not in RATING_VALUES:
                return self._hint(interview, answers, index)
            await self.ctx.interviews.save_answer(interview.id, item, rating=score, skipped=False)
            return await self._saved(interview, index, t("interview-saved-rating", rating=score))
        if row is not None and len(row.note or "") >= NOTE_LIMIT:
            return Notice(t("interview-text-full", limit=NOTE_LIMIT))
        note = _appended(row.note if row else None, cleaned, NOTE_LIMIT)
        await self.ctx.interviews.save_answer(interview.id, item, note=note)
        return await self._saved(interview, index, t("interview-saved-note"))

    async def voice(self, user_id: int, interview_id: int | None, file_id: str,
                    seconds: int | None = None) -> Outcome:
        """A voice message: the respondent's answer in CustDev; elsewhere a line saying what the step takes."""
        checked = await self._current(user_id, interview_id)
        if not isinstance(checked, tuple):
            return checked
        interview, answers = checked
        index = interview.current_index
        if interview.script != Script.CUSTDEV:
            return self._hint(interview, answers, index)
        await self.ctx.interviews.save_answer(interview.id, self._item(interview, index), voice_file_id=file_id,
                                              voice_seconds=seconds, skipped=False)
        return await self._saved(interview, index, t("interview-saved-voice"))

    async def unreadable(self, user_id: int, interview_id: int | None) -> Outcome:
        """A sticker, a photo, a file in the middle of an interview: a line saying what the step takes."""
        checked = await self._current(user_id, interview_id)
        if not isinstance(checked, tuple):
            return checked
        interview, answers = checked
        return self._hint(interview, answers, interview.current_index)

    # ---- results --------------------------------------------------------------------------------

    async def result(self, interview: Interview, answers: Answers) -> ResultView:
        return result_view(self.ctx.scripts, interview, answers)

    async def export(self, user_id: int, interview_id: int, fmt: str) -> ExportFile | Notice:
        interview = await self.ctx.owned(user_id, interview_id)
        if interview.status != "done":
            return Notice(t("interview-export-not-ready"))
        return await export_file(self.ctx.scripts, interview, await self.ctx.interviews.answers(interview.id), fmt)

    # ---- internals ------------------------------------------------------------------------------

    def _script(self, interview: Interview) -> HiringScript | CustdevScript | AuditScript:
        scripts = self.ctx.scripts
        return {Script.HIRING: scripts.hiring, Script.CUSTDEV: scripts.custdev, Script.AUDIT: scripts.audit}[
            interview.script]

    def _total(self, interview: Interview) -> int:
        return int(_STEPS[interview.script].total_steps(self._script(interview)))

    def _item(self, interview: Interview, index: int) -> str:
        return str(_STEPS[interview.script].item_id(self._script(interview), index))

    def _is_salary(self, interview: Interview, index: int) -> bool:
        return interview.script == Script.HIRING and hiring_steps.is_salary_step(self.ctx.scripts.hiring, index)

    def _item_title(self, interview: Interview, index: int) -> str:
        if interview.script == Script.HIRING:
            script = self.ctx.scripts.hiring
            if hiring_steps.is_salary_step(script, index):
                return t("interview-salary-item")
            return script.competencies[index].title
        if interview.script == Script.CUSTDEV:
            return clip(self.ctx.scripts.custdev.questions()[index].text, 200)
        return self.ctx.scripts.audit.items[index].title

    def _view(self, interview: Interview, answers: Answers, index: int) -> StepView:
        view = _STEPS[interview.script].step_view(self._script(interview), interview, answers, index)
        assert isinstance(view, StepView)
        return view

    async def _reload_view(self, interview: Interview, index: int) -> StepView:
        fresh = await self.ctx.interviews.get(interview.id)
        assert fresh is not None
        return self._view(fresh, await self.ctx.interviews.answers(interview.id), index)

    async def _saved(self, interview: Interview, index: int, acknowledgement: str) -> StepView:
        """The step after typed input was kept: the card to edit where it stands, and the line that says so."""
        view = await self._reload_view(interview, index)
        return dataclasses.replace(view, saved=acknowledgement, card_id=interview.message_id)

    def _hint(self, interview: Interview, answers: Answers, index: int) -> Notice:
        """What this step takes, in a line; the card is shown again only when there is no live copy of it."""
        hint = input_hint(Script(interview.script), salary_step=self._is_salary(interview, index))
        return Notice(hint, None if interview.message_id is not None else self._view(interview, answers, index))

    def _paused(self, interview: Interview) -> PausedView:
        total = self._total(interview)
        return PausedView(interview.id, t("interview-paused", title=script_title(interview.script),
                                          name=esc(clip(interview.subject, 60)),
                                          step=min(interview.current_index + 1, total), total=total))

    async def _current(self, user_id: int, interview_id: int | None) -> tuple[Interview, Answers] | Outcome:
        """The interview at its current step for typed input; a paused one answers with its «Продолжить» card
        (a typed message has no toast to carry «на паузе»)."""
        checked = await self._at_step(user_id, interview_id, None)
        if isinstance(checked, Notice) and isinstance(checked.view, PausedView):
            return checked.view
        return checked

    async def _at_step(self, user_id: int, interview_id: int | None,
                       position: int | None) -> tuple[Interview, Answers] | Notice:
        """The interview and its answers when the owner may act on step `position` (None: the current one);
        otherwise a notice, with the screen to show instead when there is one."""
        if interview_id is None:  # a message typed in the owner's state whose FSM data lost the interview
            return Notice(t("interview-nothing-active"))
        interview = await self.ctx.owned(user_id, interview_id)
        if interview.status == "done":
            answers = await self.ctx.interviews.answers(interview.id)
            return Notice(t("interview-closed"), await self.result(interview, answers))
        if interview.status != step_status(interview):
            return Notice(t("interview-not-rateable-yet"))
        if interview.paused_at is not None:
            return Notice(t("interview-paused-toast"), self._paused(interview))
        answers = await self.ctx.interviews.answers(interview.id)
        if interview.current_index >= self._total(interview):
            return Notice(t("interview-closed"), await self._finish(interview, answers))
        if position is not None and position != interview.current_index:
            return Notice(t("interview-stale"), self._view(interview, answers, interview.current_index))
        return interview, answers

    async def _forward(self, interview: Interview, position: int) -> Outcome:
        answers = await self.ctx.interviews.answers(interview.id)
        if interview.script == Script.AUDIT:
            target = audit_steps.next_index(self.ctx.scripts.audit, answers, position)
        else:
            target = position + 1
        if target >= self._total(interview):
            return await self._finish(interview, answers)
        return await self._move(interview, position, target)

    async def _move(self, interview: Interview, position: int, target: int) -> Outcome:
        if not await self.ctx.interviews.move(interview.id, position, target, status=step_status(interview)):
            return await self.open(interview.owner_id, interview.id)
        return await self._reload_view(interview, target)

    async def _finish(self, interview: Interview, answers: Answers) -> ResultView:
        await self.ctx.interviews.change_status(interview.id, [step_status(interview)], "done",
                                                current_index=self._total(interview), finished_at=self.ctx.clock())
        fresh = await self.ctx.interviews.get(interview.id)
        assert fresh is not None
        return await self.result(fresh, answers)
