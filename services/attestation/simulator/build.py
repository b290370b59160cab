"""The simulator services one update gets, by the handler parameter names services/wiring.py hands them out under."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.simulator import SimRunRepository
from services.attestation.engine.content import QuestionBank
from services.attestation.simulator.engine.loader import load_library
from services.attestation.simulator.flow import SimulatorFlow
from services.clock import Clock

SERVICE_NAMES = frozenset({"simulator"})


def simulator_services(session: AsyncSession, bank: QuestionBank, clock: Clock) -> dict[str, object]:
    return {"simulator": SimulatorFlow(SimRunRepository(session), load_library(), bank, clock)}
