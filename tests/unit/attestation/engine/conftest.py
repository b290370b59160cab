"""Fixtures for the quiz tests: banks built from small YAML folders, and the real curriculum."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from services.attestation.engine.content import QuestionBank, clear_cache, load_bank
from tests.unit.attestation.engine.builders import topic_dict, write_content


@pytest.fixture
def make_bank(tmp_path: Path) -> Iterator[Callable[..., QuestionBank]]:
    """Write topics to a fresh folder and load them as a bank."""
    counter = iter(range(1000))

    def build(*topics: dict[str, Any]) -> QuestionBank:
        return load_bank(write_content(tmp_path / f"bank{next(counter)}", *topics))

    yield build
    clear_cache()


@pytest.fixture
def topic() -> dict[str, Any]:
    return copy.deepcopy(topic_dict())


@pytest.fixture(scope="session")
def real_bank() -> QuestionBank:
    return load_bank()
