"""Attestation in the chat: /learn, /quiz, /exam, /mistakes, /results, /verify and the question buttons."""

from __future__ import annotations

from aiogram import Router

from handlers.attestation import flow


def routers() -> list[Router]:
    return [flow.router]
