"""Shared fixtures for the interview engine tests."""

from __future__ import annotations

import html
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from services.interviews.engine.content import DEFAULT_CONTENT_DIR, InterviewScripts, load_scripts

HOSTILE = "<b>x</b> & <script>alert(1)</script>"
TELEGRAM_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "blockquote"}


@pytest.fixture(scope="session")
def scripts() -> InterviewScripts:
    return load_scripts()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped scripts, to break on purpose."""
    target = tmp_path / "interviews"
    shutil.copytree(DEFAULT_CONTENT_DIR, target)
    return target


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"unsupported tag <{tag}>")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible_text(message: str) -> str:
    """What Telegram would show for an HTML message; fails the test if the markup is not valid for it."""
    checker = _TagChecker()
    checker.feed(message)
    checker.close()
    assert not checker.problems, checker.problems
    assert not checker.stack, f"unclosed tags {checker.stack}"
    return html.unescape("".join(checker.text))
