"""What every update's services are made of: things built once at start-up (`AppDeps`) and the update's
database session. `bot/middlewares/services.py` calls `build_services` for each update and hands each service to
the handlers by name (aiogram passes a handler only the parameters it declares)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.analyses import AnalysisRepository
from db.repositories.attempts import AttemptRepository, CertificateRepository
from db.repositories.users import UserRepository
from services.analytics.flow import Analyses
from services.analytics.runtime import AnalysisRuntime
from services.attestation.drill.build import drill_services
from services.attestation.engine.content import QuestionBank, load_bank
from services.attestation.flow import AttestationService
from services.attestation.own.build import SERVICE_NAMES as BANK_SERVICES
from services.attestation.own.build import bank_services, own_content
from services.attestation.simulator.build import SERVICE_NAMES as SIMULATOR_SERVICES
from services.attestation.simulator.build import simulator_services
from services.clock import Clock
from services.interviews.build import interview_services
from services.interviews.engine.content import InterviewScripts, default_scripts
from services.profile import ProfileService
from services.teams.build import team_services
from services.teams.flow.events import TeamEvents


@dataclass(frozen=True)
class AppDeps:
    """Built once per process: content, the clock, settings values the services need."""

    bank: QuestionBank
    scripts: InterviewScripts
    clock: Clock
    tz: ZoneInfo
    local_bot_api: bool = False  # a local Bot API server lifts the 20 MB download limit
    # The analyses' line, per-file budget and running set (bot/analyses.py builds it from the settings).
    analysis: AnalysisRuntime = field(default_factory=AnalysisRuntime.create)
    # The bot's @name (without @), printed on certificates with a link to check them; learned from Telegram on
    # the first update (bot/middlewares/services.py). Empty until then: a certificate says «/verify CODE» only.
    bot_username: str = ""

    @classmethod
    def load(cls, *, clock: Clock, tz: ZoneInfo, local_bot_api: bool = False,
             analysis: AnalysisRuntime | None = None) -> AppDeps:
        return cls(load_bank(), default_scripts(), clock, tz, local_bot_api, analysis or AnalysisRuntime.create())


def _attestation(session: AsyncSession, deps: AppDeps) -> dict[str, Any]:
    return {"attestation": AttestationService(AttemptRepository(session), CertificateRepository(session),
                                              UserRepository(session), deps.bank, TeamEvents(session),
                                              bot_username=deps.bot_username, own=own_content(session, deps.bank))}


def _interviews(session: AsyncSession, deps: AppDeps) -> dict[str, Any]:
    return interview_services(session, deps.scripts)


def _teams(session: AsyncSession, deps: AppDeps) -> dict[str, Any]:
    return team_services(session, deps.clock, deps.tz, deps.bank)


def _profile(session: AsyncSession, deps: AppDeps) -> dict[str, Any]:
    return {"profile": ProfileService(UserRepository(session))}


def _drill(session: AsyncSession, deps: AppDeps) -> dict[str, Any]:
    return drill_services(session, deps.bank, deps.clock, deps.tz)


def _analytics(session: AsyncSession, deps: AppDeps) -> dict[str, Any]:
    return {"analyses": Analyses(AnalysisRepository(session), deps.analysis, deps.clock)}


def _bank(session: AsyncSession, deps: AppDeps) -> dict[str, Any]:
    return bank_services(session, deps.bank, deps.clock)


def _simulator(session: AsyncSession, deps: AppDeps) -> dict[str, Any]:
    return simulator_services(session, deps.bank, deps.clock)


# Each feature's services: the parameter names a handler may ask for, and how to build them for one update.
FEATURES: tuple[tuple[frozenset[str], Callable[[AsyncSession, AppDeps], dict[str, Any]]], ...] = (
    (frozenset({"attestation"}), _attestation),
    (frozenset({"interview_steps", "candidate_links", "interview_overview"}), _interviews),
    (frozenset({"teams", "team_service", "team_assignments", "team_reports"}), _teams),
    (frozenset({"profile"}), _profile),
    (frozenset({"drill", "drill_answers", "drill_team"}), _drill),
    (frozenset({"analyses"}), _analytics),
    (BANK_SERVICES, _bank),  # a team's own questions
    (SIMULATOR_SERVICES, _simulator),  # the dialogue simulator
)


def build_services(session: AsyncSession, deps: AppDeps, wanted: Collection[str] | None = None) -> dict[str, Any]:
    """The per-update services by the parameter name a handler uses to ask for them; only the features whose
    names are in `wanted` (the handler's parameters) are built, all of them when it is None."""
    services: dict[str, Any] = {"deps": deps}
    for names, build in FEATURES:
        if wanted is None or not names.isdisjoint(wanted):
            services.update(build(session, deps))
    return services
