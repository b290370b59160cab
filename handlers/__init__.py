"""Router assembly: the only module of handlers/ that bot/ imports.

`install(dispatcher)` gives a Dispatcher the screen layer's middleware (every handler gets its `screen`), the
error handler, and fresh routers (so each Dispatcher, in tests too, gets its own) in the order they are tried:
deep links before /start, commands that work everywhere, features, then the catch-alls. The routers hang off the
Dispatcher itself, not off a root router: each level an update passes costs aiogram a middleware chain and a copy
of the update's data, on every update.
"""

from __future__ import annotations

from aiogram import Dispatcher, Router

from handlers import common, errors, fallback, profile
from handlers.analytics import routers as analytics_routers
from handlers.analytics.keyboards import rerun_markup as analysis_markup
from handlers.attestation import answer_routers as attestation_answer_routers
from handlers.attestation import routers as attestation_routers
from handlers.attestation import start_routers as attestation_start_routers
from handlers.bank import routers as bank_routers
from handlers.drill import routers as drill_routers
from handlers.drill.keyboards import drill_markup
from handlers.interviews import routers as interview_routers
from handlers.interviews import start_routers as interview_start_routers
from handlers.screen import ScreenMiddleware
from handlers.simulator import routers as simulator_routers
from handlers.team import routers as team_routers
from handlers.team import start_routers as team_start_routers
from handlers.team.keyboards import outgoing_markup

__all__ = ["analysis_markup", "drill_markup", "get_routers", "install", "outgoing_markup"]


def get_routers() -> list[Router]:
    return [
        *attestation_answer_routers(),  # a tap under a question is most of the traffic: matched first
        *interview_start_routers(),  # /start cand_<token>, before common's /start
        *team_start_routers(),  # /start join_<code>, before common's /start
        *attestation_start_routers(),  # /start verify_<CODE>, before common's /start
        common.get_router(),
        profile.get_router(),
        *bank_routers(),  # a team's own questions; its own topics' cards before the attestation's cards
        *attestation_routers(),
        *analytics_routers(),
        *interview_routers(),
        *team_routers(),
        *simulator_routers(),
        *drill_routers(),  # its typed answer takes only text no feature above took
        fallback.get_router(),
    ]


def install(dispatcher: Dispatcher) -> None:
    """The screen layer, the error handler and the routers, on `dispatcher` (after its own inner middlewares)."""
    screen = ScreenMiddleware()
    dispatcher.message.middleware(screen)
    dispatcher.callback_query.middleware(screen)
    dispatcher.errors.register(errors.on_error)
    dispatcher.include_routers(*get_routers())
