"""Script names as stored: the head-of-sales kit is «hiring»; the old name «rop» is still read."""

from __future__ import annotations

from services.interviews.engine.kinds import Mode, Script, parse_mode, parse_script


def test_current_and_legacy_script_names_are_read():
    assert parse_script("hiring") is Script.HIRING
    assert parse_script("rop") is Script.HIRING  # FSM data of a conversation started before the rename
    assert parse_script("custdev") is Script.CUSTDEV and parse_script("audit") is Script.AUDIT
    assert parse_script("quiz") is None and parse_script(None) is None and parse_script(3) is None


def test_modes():
    assert parse_mode("live") is Mode.LIVE and parse_mode("remote") is Mode.REMOTE
    assert parse_mode("later") is None and parse_mode(None) is None
