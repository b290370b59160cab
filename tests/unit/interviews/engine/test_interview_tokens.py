"""Candidate links: unguessable tokens that fit Telegram's start parameter, single use, 7 days, revocable."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from services.interviews.engine.tokens import (
    LINK_TTL,
    hash_token,
    is_usable,
    new_token,
    parse_start_param,
    start_param,
)

CREATED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_token_fits_the_start_parameter_and_is_unguessable():
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        param = start_param(token)
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", param)
        assert param.startswith("cand_")
        assert len(token) >= 32  # at least 192 random bits in base64


def test_start_parameter_round_trip_and_rejections():
    token = new_token()
    assert parse_start_param(start_param(token)) == token
    for bad in (None, "", "cand_", "hello", "cand_abc def", "cand_абв", "x" * 65, "cand_" + "a" * 60):
        assert parse_start_param(bad) is None


def test_only_the_hash_is_stored():
    token = new_token()
    assert hash_token(token) == hash_token(token)
    assert hash_token(token) != hash_token(new_token())
    assert token not in hash_token(token)
    assert len(hash_token(token)) == 64


def test_fresh_link_is_usable():
    assert is_usable(CREATED, None, None, CREATED + timedelta(days=6, hours=23)) == (True, "")


def test_used_link_is_not():
    ok, reason = is_usable(CREATED, CREATED + timedelta(hours=1), None, CREATED + timedelta(hours=2))
    assert not ok and "уже использована" in reason


def test_revoked_link_is_not_even_if_fresh_and_unused():
    ok, reason = is_usable(CREATED, None, CREATED + timedelta(minutes=5), CREATED + timedelta(minutes=6))
    assert not ok and "отозвана" in reason


@pytest.mark.parametrize("age", [LINK_TTL, LINK_TTL + timedelta(seconds=1), timedelta(days=30)])
def test_expired_link_is_not(age):
    ok, reason = is_usable(CREATED, None, None, CREATED + age)
    assert not ok and "истёк" in reason


def test_naive_database_datetimes_are_taken_as_utc():
    naive_created = CREATED.replace(tzinfo=None)
    assert is_usable(naive_created, None, None, CREATED + timedelta(days=1))[0]
    assert not is_usable(naive_created, None, None, CREATED + timedelta(days=8))[0]
