"""The pass mark is stated once (services/attestation/engine/exam.py): every text that states it follows it,
and so does the verdict."""

from __future__ import annotations

import pytest

from handlers.attestation.learn import home_text
from handlers.common import help_text
from services.attestation.engine import exam
from services.attestation.engine.content import load_bank
from services.attestation.engine.exam import exam_facts, is_passed
from services.attestation.engine.results import Level, mastery, render_summary, summarize

BANK = load_bank()
TOPIC = BANK.topics[0].id


@pytest.fixture
def pass_mark_70(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exam, "PASS_MARK", 0.7)


def exam_of(right: int, total: int = 20) -> list[tuple[str, bool]]:
    return [(TOPIC, True)] * right + [(TOPIC, False)] * (total - right)


def test_texts_state_the_pass_mark_from_the_constant(pass_mark_70: None) -> None:
    assert exam_facts()["pass_mark"] == 70
    texts = {
        "help": help_text(),
        "section home": home_text(),
        "passed": render_summary(summarize(exam_of(14), "exam"), BANK),
        "failed": render_summary(summarize(exam_of(13), "exam"), BANK),
    }
    for where, text in texts.items():
        assert "70 %" in text, where
        assert "80 %" not in text, where
    assert "порог 70 %" in texts["help"] and "порог 70 %" in texts["section home"]
    assert "Аттестация пройдена</b> — порог 70 %" in texts["passed"]
    assert "нужно не меньше 70 %" in texts["failed"]


def test_the_verdict_follows_the_pass_mark(pass_mark_70: None) -> None:
    assert is_passed(14, 20) and not is_passed(13, 20)
    assert summarize(exam_of(14), "exam").passed is True
    assert summarize(exam_of(13), "exam").passed is False
    rows = [(TOPIC, f"q{k}", k < 7) for k in range(10)]  # 70 % right, most of the topic covered
    assert mastery(rows)[0].state == Level.MASTERED


def test_the_shipped_pass_mark_is_80() -> None:
    assert exam_facts() == {"exam_size": exam.EXAM_SIZE, "pass_mark": 80}
    assert "порог 80 %" in home_text() and "порог 80 %" in help_text()
