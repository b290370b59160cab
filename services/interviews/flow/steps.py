"""The owner's side of every interview: start, resume, rate, flag, tag, skip, go back, finish, export.

Each button carries the step it belongs to; an action on any other step is stale and only re-shows the
current one, so a double tap or a re-delivered update changes nothing twice. Everything is written the
moment it is given, so an interview survives a restart.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Mapping
from types import ModuleType

from db.models import Interview, InterviewAnswer
from services.interviews.engine.cards import render_intro
from services.interviews.engine.custdev import aggregate
from services.interviews.engine.export import audit_xlsx, custdev_xlsx, scorecard_xlsx
from services.interviews.engine.export_pdf import scorecard_pdf
from services.interviews.engine.html_text import clip, esc
from services.interviews.engine.kinds import Mode, Script
from services.interviews.engine.render import render_audit, render_interview_summary, render_scorecard
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
from services.interviews.views import ExportFile, Outcome, ResultView, StepView, VoiceReplay
from services.notice import Notice
from services.texts import t

NOTE_LIMIT = 2000
ANSWER_LIMIT = 4000
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
        """«Продолжить» / «Открыть»: the current step, the result, or the state of the candidate link."""
        interview = await self.ctx.owned(user_id, interview_id)
        if interview.status in (INVITED, ANSWERING, REVOKED):
            return await CandidateLinks(self.ctx).status(interview)
        answers = await self.ctx.interviews.answers(interview.id)
        if interview.status == "done":
            return await self.result(interview, answers)
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

    # ---- buttons --------------------------------------------------------------------------------

    async def rate(self, user_id: int, interview_id: int, position: int, value: int) -> Outcome:
        checked = await self._at_step(user_id, interview_id, position)
        if isinstance(checked, Notice):
            return checked
        interview, _ = checked
        item = self._item(interview, position)
        if interview.script == Script.HIRING and not hiring_steps.is_salary_step(self.ctx.scripts.hiring, position):
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
        if interview.script == Script.HIRING and not hiring_steps.is_salary_step(self.ctx.scripts.hiring, position):
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
        is_salary = interview.script == Script.HIRING and hiring_steps.is_salary_step(self.ctx.scripts.hiring, position)
        if interview.script in (Script.HIRING, Script.AUDIT) and not is_salary:
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
        """A message in the middle of an interview: a note (hiring), the salary, or the respondent's answer."""
        checked = await self._at_step(user_id, interview_id, None)
        if isinstance(checked, Notice):
            return checked
        interview, answers = checked
        index = interview.current_index
        item = self._item(interview, index)
        cleaned = text.strip()
        if not cleaned:
            return self._view(interview, answers, index)
        if interview.script == Script.AUDIT:
            return Notice(t("interview-audit-use-buttons"), self._view(interview, answers, index))
        row = answers.get(item)
        if interview.script == Script.CUSTDEV:
            text = _appended(row.text if row else None, cleaned, ANSWER_LIMIT)
            await self.ctx.interviews.save_answer(interview.id, item, text=text, skipped=False)
        elif hiring_steps.is_salary_step(self.ctx.scripts.hiring, index):
            await self.ctx.interviews.update(interview.id, salary=hiring_steps.clean_salary(cleaned))
        else:
            await self.ctx.interviews.save_answer(interview.id, item, note=_appended(row.note if row else None,
                                                                                     cleaned, NOTE_LIMIT))
        return await self._reload_view(interview, index)

    async def voice(self, user_id: int, interview_id: int | None, file_id: str) -> Outcome:
        """A voice message: the respondent's answer in CustDev; elsewhere the owner is asked to type."""
        checked = await self._at_step(user_id, interview_id, None)
        if isinstance(checked, Notice):
            return checked
        interview, answers = checked
        index = interview.current_index
        if interview.script != Script.CUSTDEV:
            if interview.script == Script.AUDIT:
                hint = t("interview-audit-use-buttons")
            else:
                hint = t("interview-voice-not-here")
            return Notice(hint, self._view(interview, answers, index))
        await self.ctx.interviews.save_answer(interview.id, self._item(interview, index), voice_file_id=file_id,
                                              skipped=False)
        return await self._reload_view(interview, index)

    # ---- results --------------------------------------------------------------------------------

    async def result(self, interview: Interview, answers: Answers) -> ResultView:
        if interview.script == Script.HIRING:
            card = hiring_steps.scorecard(self.ctx.scripts.hiring, interview, answers)
            return ResultView(interview.id, Script.HIRING, render_scorecard(card), ("xlsx", "pdf"))
        if interview.script == Script.CUSTDEV:
            summary = custdev_steps.summary(self.ctx.scripts.custdev, interview, answers)
            return ResultView(interview.id, Script.CUSTDEV, render_interview_summary(summary), ("xlsx",),
                              insights=True)
        outcome = audit_steps.result(self.ctx.scripts.audit, answers)
        programme = tuple((topic.topic_id, topic.title) for topic in outcome.programme)
        return ResultView(interview.id, Script.AUDIT, render_audit(outcome), ("xlsx",), programme=programme)

    async def export(self, user_id: int, interview_id: int, fmt: str) -> ExportFile | Notice:
        interview = await self.ctx.owned(user_id, interview_id)
        if interview.status != "done":
            return Notice(t("interview-export-not-ready"))
        answers = await self.ctx.interviews.answers(interview.id)
        name = esc(clip(interview.subject, 60))
        if interview.script == Script.HIRING and fmt in ("xlsx", "pdf"):
            card = hiring_steps.scorecard(self.ctx.scripts.hiring, interview, answers)
            render = scorecard_xlsx if fmt == "xlsx" else scorecard_pdf
            # PDF drawing takes matplotlib a second; neither blocks the event loop.
            data = await asyncio.to_thread(render, card)
            return ExportFile(f"scorecard-{interview.id}.{fmt}", data, t("interview-export-scorecard", name=name))
        if interview.script == Script.CUSTDEV and fmt == "xlsx":
            summary = custdev_steps.summary(self.ctx.scripts.custdev, interview, answers)
            data = await asyncio.to_thread(custdev_xlsx, [summary], aggregate([summary]))
            return ExportFile(f"custdev-{interview.id}.xlsx", data, t("interview-export-custdev", name=name))
        if interview.script == Script.AUDIT and fmt == "xlsx":
            outcome = audit_steps.result(self.ctx.scripts.audit, answers)
            data = await asyncio.to_thread(audit_xlsx, outcome)
            return ExportFile(f"audit-{interview.id}.xlsx", data, t("interview-export-audit", name=name))
        return Notice(t("interview-no-such-value"))

    # ---- internals ------------------------------------------------------------------------------

    def _script(self, interview: Interview) -> HiringScript | CustdevScript | AuditScript:
        scripts = self.ctx.scripts
        return {Script.HIRING: scripts.hiring, Script.CUSTDEV: scripts.custdev, Script.AUDIT: scripts.audit}[
            interview.script]

    def _total(self, interview: Interview) -> int:
        return int(_STEPS[interview.script].total_steps(self._script(interview)))

    def _item(self, interview: Interview, index: int) -> str:
        return str(_STEPS[interview.script].item_id(self._script(interview), index))

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
