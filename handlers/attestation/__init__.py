"""Attestation in the chat: /learn, /quiz, /exam, /mistakes, /results, /verify and the question buttons.

learn.py — the section's home, cards, topic lists, results, verify (and its deep link); attempts.py — starting,
resuming and answering; review.py — the review of a finished exam; show.py — views on the screen; keyboards.py and
callbacks.py beside them.
"""

from __future__ import annotations

from aiogram import Router

from handlers.attestation import attempts, learn, review


def routers() -> list[Router]:
    """Fresh routers each call (every Dispatcher, in tests too, gets its own)."""
    return [learn.router(), attempts.router(), review.router()]


def answer_routers() -> list[Router]:
    """Answering an open attempt: tried before every other router (the hot path)."""
    return [attempts.answer_router()]


def start_routers() -> list[Router]:
    """/start verify_<CODE>: before the common router, which takes every other /start payload."""
    return [learn.start_router()]
