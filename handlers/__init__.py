"""Router assembly: the only module of handlers/ that bot/ imports.

`build_root_router()` builds fresh routers every call (so each Dispatcher, in tests too, gets its own), in the
order they are tried: deep links before /start, commands that work everywhere, features, then the catch-alls.
The root router carries the screen layer's middleware, so every handler below gets its `screen`.
"""

from __future__ import annotations

from aiogram import Router

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

__all__ = ["analysis_markup", "build_root_router", "drill_markup", "get_routers", "outgoing_markup"]


def get_routers() -> list[Router]:
    return [
        errors.get_router(),
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


def build_root_router() -> Router:
    root = Router(name="root")
    screen = ScreenMiddleware()
    root.message.middleware(screen)
    root.callback_query.middleware(screen)
    root.include_routers(*get_routers())
    return root
