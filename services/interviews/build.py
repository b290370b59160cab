"""The interview services one update gets (services/wiring.py spreads them into the handlers' parameters)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.engine.content import InterviewScripts
from services.interviews.flow.candidates import CandidateLinks
from services.interviews.flow.context import FlowContext
from services.interviews.flow.overview import InterviewOverview
from services.interviews.flow.steps import InterviewSteps


def interview_services(session: AsyncSession, scripts: InterviewScripts) -> dict[str, Any]:
    """By the parameter name a handler asks for: the owner's steps, candidate links, lists and overviews."""
    ctx = FlowContext.for_session(session, scripts=scripts)
    return {
        "interview_steps": InterviewSteps(ctx),
        "candidate_links": CandidateLinks(ctx),
        "interview_overview": InterviewOverview(ctx),
    }
