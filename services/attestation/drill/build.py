"""The drill services one update gets, by the handler parameter names services/wiring.py hands them out under."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.attestation.drill.flow.answers import DrillAnswers
from services.attestation.drill.flow.context import DrillContext
from services.attestation.drill.flow.settings import DrillSettingsService
from services.attestation.drill.flow.team import DrillTeam
from services.attestation.engine.content import QuestionBank
from services.clock import Clock
from services.teams.flow.context import TeamContext
from services.teams.flow.events import TeamEvents


def drill_services(session: AsyncSession, bank: QuestionBank, clock: Clock, tz: ZoneInfo) -> dict[str, object]:
    ctx = DrillContext.for_session(session, bank, clock, tz)
    return {
        "drill": DrillSettingsService(ctx),
        "drill_answers": DrillAnswers(ctx),
        "drill_team": DrillTeam(ctx, TeamContext.for_session(session, clock, tz, bank), TeamEvents(session)),
    }
