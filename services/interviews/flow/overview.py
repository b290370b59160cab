"""Across interviews: the owner's list, candidates side by side (/candidates), CustDev insights."""

from __future__ import annotations

import asyncio

from db.models import Interview
from services.interviews.engine.custdev import InterviewSummary, aggregate
from services.interviews.engine.export import comparison_xlsx, custdev_xlsx
from services.interviews.engine.html_text import clip, esc, fit_lines
from services.interviews.engine.kinds import Mode, Script
from services.interviews.engine.render import render_comparison, render_insights
from services.interviews.engine.scorecard import Scorecard, compare
from services.interviews.flow import audit_steps, custdev_steps, hiring_steps
from services.interviews.flow.candidates import fmt_date
from services.interviews.flow.context import FlowContext
from services.interviews.views import ExportFile, ListEntry, ListView, OverviewView
from services.notice import Notice
from services.texts import t

LIST_LIMIT = 20
LABEL_NAME_LIMIT = 40
SCRIPT_TITLE_KEYS = {
    Script.HIRING: "interview-title-hiring",
    Script.CUSTDEV: "interview-title-custdev",
    Script.AUDIT: "interview-title-audit",
}
SCRIPT_ICONS = {Script.HIRING: "👔", Script.CUSTDEV: "🎙", Script.AUDIT: "🔍"}
STATUS_KEYS = {
    "invited": "interview-status-invited",
    "answering": "interview-status-answering",
    "awaiting_rating": "interview-status-awaiting",
    "revoked": "interview-status-revoked",
    "done": "interview-status-done",
}


def script_title(script: str) -> str:
    """«Собеседование РОПа», «CustDev-интервью», «Аудит бизнеса»; an unknown name as stored."""
    key = SCRIPT_TITLE_KEYS.get(script)
    return t(key) if key is not None else script


class InterviewOverview:
    def __init__(self, ctx: FlowContext) -> None:
        self.ctx = ctx

    async def list_for(self, owner_id: int) -> ListView:
        interviews = await self.ctx.interviews.for_owner(owner_id, limit=LIST_LIMIT + 1)
        if not interviews:
            return ListView(t("interview-list-empty"), ())
        shown = interviews[:LIST_LIMIT]
        lines = [t("interview-list-title"), ""]
        entries = []
        for number, interview in enumerate(shown, start=1):
            lines.append(f"{number}. {self._line(interview)}")
            done = interview.status == "done"
            name = clip(interview.subject, LABEL_NAME_LIMIT)
            if done:
                label = t("interview-list-open", number=number, name=name)
            elif interview.status in ("invited", "answering", "revoked"):
                label = t("interview-list-link", number=number, name=name)
            else:
                label = t("interview-list-continue", number=number, name=name)
            entries.append(ListEntry(interview.id, label, done))
        if len(interviews) > LIST_LIMIT:
            lines += ["", t("interview-list-more", shown=LIST_LIMIT)]
        return ListView(fit_lines(lines), tuple(entries))

    def _line(self, interview: Interview) -> str:
        title = script_title(interview.script)
        if interview.mode == Mode.REMOTE:
            title = t("interview-list-remote", title=title)
        when = fmt_date(interview.created_at) if interview.created_at else ""
        icon = SCRIPT_ICONS.get(interview.script, "•")
        return f"{icon} <b>{esc(clip(interview.subject, 60))}</b> · {title} — {self._status(interview)} · {when}"

    def _status(self, interview: Interview) -> str:
        if interview.paused_at is not None and interview.status in ("active", "awaiting_rating"):
            total = self._total(interview)
            return t("interview-status-paused", step=min(interview.current_index + 1, total), total=total)
        if interview.status == "active":
            total = self._total(interview)
            return t("interview-status-active", step=min(interview.current_index + 1, total), total=total)
        key = STATUS_KEYS.get(interview.status)
        return t(key) if key is not None else interview.status

    def _total(self, interview: Interview) -> int:
        scripts = self.ctx.scripts
        if interview.script == Script.HIRING:
            return hiring_steps.total_steps(scripts.hiring)
        if interview.script == Script.CUSTDEV:
            return custdev_steps.total_steps(scripts.custdev)
        return audit_steps.total_steps(scripts.audit)

    # ---- candidates side by side ----------------------------------------------------------------

    async def _scorecards(self, owner_id: int) -> list[Scorecard]:
        finished = await self.ctx.interviews.for_owner(owner_id, script=Script.HIRING, statuses=["done"])
        finished.reverse()  # oldest first: «Кандидат 1» is the first one interviewed
        answers = await self.ctx.interviews.answers_of([i.id for i in finished])
        return [hiring_steps.scorecard(self.ctx.scripts.hiring, i, answers[i.id]) for i in finished]

    async def comparison(self, owner_id: int) -> OverviewView:
        cards = await self._scorecards(owner_id)
        return OverviewView("comparison", render_comparison(compare(cards)), exportable=bool(cards))

    async def comparison_xlsx(self, owner_id: int) -> ExportFile | Notice:
        cards = await self._scorecards(owner_id)
        if not cards:
            return Notice(render_comparison(compare([])))
        data = await asyncio.to_thread(comparison_xlsx, compare(cards))
        return ExportFile("candidates.xlsx", data, t("interview-export-comparison", count=len(cards)))

    # ---- CustDev across interviews --------------------------------------------------------------

    async def _summaries(self, owner_id: int) -> list[InterviewSummary]:
        finished = await self.ctx.interviews.for_owner(owner_id, script=Script.CUSTDEV, statuses=["done"])
        finished.reverse()
        answers = await self.ctx.interviews.answers_of([i.id for i in finished])
        return [custdev_steps.summary(self.ctx.scripts.custdev, i, answers[i.id]) for i in finished]

    async def insights(self, owner_id: int) -> OverviewView:
        summaries = await self._summaries(owner_id)
        return OverviewView("insights", render_insights(aggregate(summaries)), exportable=bool(summaries))

    async def insights_xlsx(self, owner_id: int) -> ExportFile | Notice:
        summaries = await self._summaries(owner_id)
        if not summaries:
            return Notice(render_insights(aggregate([])))
        data = await asyncio.to_thread(custdev_xlsx, summaries, aggregate(summaries))
        return ExportFile("custdev-insights.xlsx", data, t("interview-export-insights", count=len(summaries)))
