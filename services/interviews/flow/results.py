"""A finished interview: its result on the screen and its exports (Excel, and the scorecard as PDF)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from db.models import Interview, InterviewAnswer
from services.interviews.engine.content import InterviewScripts
from services.interviews.engine.custdev import aggregate
from services.interviews.engine.export import audit_xlsx, custdev_xlsx, scorecard_xlsx
from services.interviews.engine.export_pdf import scorecard_pdf
from services.interviews.engine.html_text import clip, esc
from services.interviews.engine.kinds import Script
from services.interviews.engine.render import render_audit, render_interview_summary, render_scorecard
from services.interviews.flow import audit_steps, custdev_steps, hiring_steps
from services.interviews.views import ExportFile, ResultView
from services.notice import Notice
from services.texts import t

Answers = Mapping[str, InterviewAnswer]


def result_view(scripts: InterviewScripts, interview: Interview, answers: Answers) -> ResultView:
    if interview.script == Script.HIRING:
        card = hiring_steps.scorecard(scripts.hiring, interview, answers)
        return ResultView(interview.id, Script.HIRING, render_scorecard(card), ("xlsx", "pdf"))
    if interview.script == Script.CUSTDEV:
        summary = custdev_steps.summary(scripts.custdev, interview, answers)
        return ResultView(interview.id, Script.CUSTDEV, render_interview_summary(summary), ("xlsx",), insights=True)
    outcome = audit_steps.result(scripts.audit, answers)
    programme = tuple((topic.topic_id, topic.title) for topic in outcome.programme)
    return ResultView(interview.id, Script.AUDIT, render_audit(outcome), ("xlsx",), programme=programme)


async def export_file(scripts: InterviewScripts, interview: Interview, answers: Answers,
                      fmt: str) -> ExportFile | Notice:
    """The finished interview as a file; the drawing runs in a worker thread (matplotlib takes a second)."""
    name = esc(clip(interview.subject, 60))
    if interview.script == Script.HIRING and fmt in ("xlsx", "pdf"):
        card = hiring_steps.scorecard(scripts.hiring, interview, answers)
        render = scorecard_xlsx if fmt == "xlsx" else scorecard_pdf
        data = await asyncio.to_thread(render, card)
        return ExportFile(f"scorecard-{interview.id}.{fmt}", data, t("interview-export-scorecard", name=name))
    if interview.script == Script.CUSTDEV and fmt == "xlsx":
        summary = custdev_steps.summary(scripts.custdev, interview, answers)
        data = await asyncio.to_thread(custdev_xlsx, [summary], aggregate([summary]))
        return ExportFile(f"custdev-{interview.id}.xlsx", data, t("interview-export-custdev", name=name))
    if interview.script == Script.AUDIT and fmt == "xlsx":
        outcome = audit_steps.result(scripts.audit, answers)
        data = await asyncio.to_thread(audit_xlsx, outcome)
        return ExportFile(f"audit-{interview.id}.xlsx", data, t("interview-export-audit", name=name))
    return Notice(t("interview-no-such-value"))
