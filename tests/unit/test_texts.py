"""The text catalogue: every key used exists and is filled, every key is used, Russian plurals follow CLDR,
and user-facing Russian lives in content/, not in the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from services.texts import CODE_DIRS, TextError, catalogue, check_texts, load_catalogue, t
from tests.conftest import REPO_ROOT

CYRILLIC = re.compile("[А-Яа-яЁё]")
LITERAL_BUDGET = 60  # what may stay in Python: log lines and exception messages meant for developers


def cyrillic_literals(root: Path = REPO_ROOT) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in CODE_DIRS:
        for path in sorted((root / name).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
            }
            found = sum(
                1 for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and CYRILLIC.search(node.value)
            )
            if found:
                counts[str(path.relative_to(root))] = found
    return counts


def test_every_key_used_exists_is_filled_and_every_key_is_used() -> None:
    report = check_texts()
    assert report.errors == [], "\n".join(report.errors)
    assert report.keys > 100


def test_user_facing_russian_lives_in_content_not_in_code() -> None:
    counts = cyrillic_literals()
    total = sum(counts.values())
    assert total < LITERAL_BUDGET, f"{total} Cyrillic literals in code: {sorted(counts.items(), key=lambda i: -i[1])}"


def test_every_text_formats_with_its_placeholders() -> None:
    cat = catalogue()
    for key, variables in cat.variables.items():
        text = cat.format(key, {name: 3 for name in variables})
        assert text.strip(), key


@pytest.mark.parametrize(("count", "expected"), [(1, "1 вопроса"), (2, "2 вопросов"), (5, "5 вопросов"),
                                                  (21, "21 вопроса"), (11, "11 вопросов")])
def test_russian_plural_forms_come_from_cldr(count: int, expected: str) -> None:
    assert f"экзамен из {expected}" in t("help", exam_size=count, pass_mark=80)


def test_a_missing_key_or_placeholder_is_a_developer_error(tmp_path: Path) -> None:
    (tmp_path / "a.ftl").write_text("hello = Привет, { $name }!\n", encoding="utf-8")
    cat = load_catalogue(tmp_path)
    assert cat.format("hello", {"name": "Ира"}) == "Привет, Ира!"
    with pytest.raises(TextError):
        cat.format("hello", {})
    with pytest.raises(TextError):
        cat.format("nope", {})


def test_a_broken_file_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "b.ftl").write_text("ok = да\nbroken = { $x\n", encoding="utf-8")
    with pytest.raises(TextError, match=r"b\.ftl, line 2"):
        load_catalogue(tmp_path)
