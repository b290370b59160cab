"""Attestation in the chat: /learn, /quiz, /exam, /mistakes, /results, /verify and the question buttons.

learn.py — the section's home, cards, topic lists, results, verify; attempts.py — starting, resuming and
answering; show.py — views on the screen; keyboards.py and callbacks.py beside them.
"""

from __future__ import annotations

from aiogram import Router

from handlers.attestation import attempts, learn


def routers() -> list[Router]:
    """Fresh routers each call (every Dispatcher, in tests too, gets its own)."""
    return [learn.router(), attempts.router()]
