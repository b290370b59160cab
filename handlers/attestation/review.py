"""The review of a finished exam: a page per wrong answer, ◀ ▶ edited in place, back to the result."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery

from handlers.attestation import keyboards as kb
from handlers.attestation.callbacks import ReviewAction, ReviewCallback
from handlers.screen import Screen
from services.attestation.flow import AttestationService


def router() -> Router:
    router = Router(name="attestation-review")
    router.callback_query.register(page, ReviewCallback.filter(F.act == ReviewAction.PAGE))
    router.callback_query.register(summary, ReviewCallback.filter(F.act == ReviewAction.SUMMARY))
    return router


async def page(query: CallbackQuery, callback_data: ReviewCallback, screen: Screen,
               attestation: AttestationService) -> None:
    view = await attestation.review(query.from_user.id, callback_data.a, callback_data.i)
    await screen.show(view.text, kb.review(view))


async def summary(query: CallbackQuery, callback_data: ReviewCallback, screen: Screen,
                  attestation: AttestationService) -> None:
    view = await attestation.summary(query.from_user.id, callback_data.a)
    await screen.show(view.text, kb.finished(view))
