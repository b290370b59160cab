"""`python -m bot check-content` as a user runs it: a summary and exit code 0 on the shipped content."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_check_content_command_passes_and_prints_summary() -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "check-content"], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "17 тем, 17 карточек" in done.stdout
    assert "Контент в порядке." in done.stdout
