"""`check-content` reports the simulator's figures and fails on a broken scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import content_check
from services.attestation.simulator.engine.validate import check_scenarios
from tests.unit.attestation.simulator.builders import scenario_dict, write_content


def test_real_content_figures() -> None:
    report = check_scenarios()
    assert report.ok, report.errors
    assert report.scenarios >= 10 and report.decisions >= 6 * report.scenarios
    assert report.endings >= 2 * report.scenarios


def test_check_content_prints_the_simulator_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    result = content_check.ContentCheck()
    content_check._check_scenarios(result)
    report = check_scenarios()
    line = (f"Тренажёр диалогов: {report.scenarios} сценариев, {report.decisions} точки выбора, "
            f"{report.endings} концовки.")
    assert result.ok and result.lines == [line]

    broken = scenario_dict()
    broken["steps"]["s2"]["replies"][0]["next"] = "nowhere"
    monkeypatch.setattr(content_check, "CONTENT_DIR", write_content(tmp_path / "c", broken))
    result = content_check.ContentCheck()
    content_check._check_scenarios(result)
    assert not result.ok and "тупик" in result.lines[0]
