"""Fixtures for the simulator tests: the real library, and folders built from small scenarios."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from services.attestation.simulator.engine.loader import Library, clear_cache, collect, load_library
from tests.unit.attestation.simulator.builders import scenario_dict, write_content


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture
def scenario() -> dict[str, Any]:
    return scenario_dict()


@pytest.fixture
def errors_for(tmp_path: Path) -> Iterator[Callable[..., list[str]]]:
    """Write a folder with these scenarios and return every problem the loader and the validator find."""
    counter = iter(range(1000))

    def check(*scenarios: dict[str, Any], **kwargs: Any) -> list[str]:
        folder = write_content(tmp_path / f"content{next(counter)}", *scenarios, **kwargs)
        return collect(folder)[1]

    yield check
    clear_cache()


@pytest.fixture
def small_library(tmp_path: Path) -> Iterator[Library]:
    folder = write_content(tmp_path / "small", scenario_dict())
    yield load_library(folder)
    clear_cache()
