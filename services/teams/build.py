"""The team services one update gets, by the handler parameter names services/wiring.py hands them out under."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.attestation.engine.content import QuestionBank
from services.clock import Clock
from services.teams.flow.assignments import AssignmentWizard
from services.teams.flow.context import TeamContext
from services.teams.flow.events import TeamEvents
from services.teams.flow.reports import TeamReports
from services.teams.flow.service import TeamService


def team_services(session: AsyncSession, clock: Clock, tz: ZoneInfo, bank: QuestionBank) -> dict[str, object]:
    ctx = TeamContext.for_session(session, clock, tz, bank)
    return {
        "teams": ctx,
        "team_service": TeamService(ctx),
        "team_assignments": AssignmentWizard(ctx, TeamEvents(session)),
        "team_reports": TeamReports(ctx),
    }
