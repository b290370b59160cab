"""The owner's hiring screens are never cut: the longest card, with the longest answer and note and every red
flag raised, still fits one Telegram message — so the work sample and the reference check lose no line."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from services.interviews.engine.content import default_scripts
from services.interviews.engine.html_text import ELLIPSIS, MESSAGE_LIMIT, message_length
from services.interviews.flow import hiring_steps
from services.interviews.flow.steps import ANSWER_LIMIT, NOTE_LIMIT

HIRING = default_scripts().hiring


@pytest.mark.parametrize("mode", ["live", "remote"])
@pytest.mark.parametrize("index", range(len(HIRING.competencies)), ids=[c.id for c in HIRING.competencies])
def test_worst_case_competency_screen_is_not_cut(mode: str, index: int) -> None:
    competency = HIRING.competencies[index]
    row = SimpleNamespace(rating=4, note="н" * NOTE_LIMIT, red_flags=[flag.id for flag in competency.red_flags],
                          text="о" * ANSWER_LIMIT, voice_file_id=None, skipped=False)
    interview = SimpleNamespace(id=1, mode=mode, salary=None)
    view = hiring_steps.step_view(HIRING, interview, {competency.id: row}, index)  # type: ignore[arg-type]
    assert message_length(view.text) <= MESSAGE_LIMIT
    assert not view.text.endswith("\n" + ELLIPSIS), "lines were dropped to fit the message"
    assert competency.red_flags[-1].text in view.text
