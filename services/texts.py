"""The text catalogue: every user-facing text, in Fluent files under content/texts/, one file per feature.

`t("key", name=value, ...)` formats one message. Russian plural forms come from CLDR rules through Fluent's
selectors (`{ $count -> [one] … [few] … *[many] … }`), never from hand-written helpers. A message is looked up by
a literal key wherever possible, so `python -m bot check-content` can prove that every key used exists, every key
in the files is used, and every placeholder a message needs is passed (see `check_texts`).

Numbers: an int or float argument is formatted by the Russian locale (1 589 with a non-breaking space, 66,2);
pass a string when the exact form is the caller's (a percentage already formatted, an id).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser
from fluent.syntax import ast as fast

from services.paths import CONTENT_DIR

TEXTS_DIR = CONTENT_DIR / "texts"
LOCALE = "ru"
CODE_DIRS = ("bot", "handlers", "services", "db")


class TextError(LookupError):
    """A key is missing, or a message could not be formatted with the values given (a developer's mistake)."""


@dataclass
class Catalogue:
    bundle: FluentBundle
    keys: dict[str, str] = field(default_factory=dict)  # key -> file it comes from
    variables: dict[str, frozenset[str]] = field(default_factory=dict)  # key -> $placeholders it needs

    def has(self, key: str) -> bool:
        return key in self.keys

    def format(self, key: str, args: Mapping[str, object] | None = None) -> str:
        message = self.bundle.get_message(key) if key in self.keys else None
        if message is None or message.value is None:
            raise TextError(f"No text with the key {key!r} in {TEXTS_DIR}")
        text, errors = self.bundle.format_pattern(message.value, dict(args or {}))
        if errors:
            raise TextError(f"Text {key!r}: {'; '.join(str(e) for e in errors)}")
        return text


def _variables(node: object) -> set[str]:
    """Every $variable referenced in a message, through selectors, placeables and functions."""
    found: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, fast.VariableReference):
            found.add(item.id.name)
        if isinstance(item, fast.BaseNode):
            for value in vars(item).values():
                if isinstance(value, list):
                    for child in value:
                        walk(child)
                else:
                    walk(value)

    walk(node)
    return found


def load_catalogue(directory: Path = TEXTS_DIR) -> Catalogue:
    bundle = FluentBundle([LOCALE], use_isolating=False)
    catalogue = Catalogue(bundle)
    parser = FluentParser()
    for path in sorted(directory.glob("*.ftl")):
        source = path.read_text(encoding="utf-8")
        resource = parser.parse(source)
        for entry in resource.body:
            if isinstance(entry, fast.Junk):
                annotation = entry.annotations[0].message if entry.annotations else "syntax error"
                line = source[: entry.span.start].count("\n") + 1 if entry.span else 0
                raise TextError(f"{path.name}, line {line}: {annotation}")
            if isinstance(entry, fast.Message):
                key = entry.id.name
                if key in catalogue.keys:
                    raise TextError(f"{path.name}: key {key!r} is also in {catalogue.keys[key]}")
                catalogue.keys[key] = path.name
                catalogue.variables[key] = frozenset(_variables(entry))
        bundle.add_resource(FluentResource(source))
    return catalogue


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return load_catalogue()


def t(key: str, /, **args: object) -> str:
    """The text `key` with its placeholders filled."""
    return catalogue().format(key, args)


# ---- checking -----------------------------------------------------------------------------------------

@dataclass
class TextsReport:
    errors: list[str]
    keys: int
    files: int


_KEY_RE = re.compile(r"^[a-z][a-z0-9-]*$")


def _code_files(root: Path, dirs: Iterable[str]) -> Iterable[Path]:
    for name in dirs:
        yield from sorted((root / name).rglob("*.py"))


def check_texts(root: Path | None = None, directory: Path = TEXTS_DIR) -> TextsReport:
    """Every `t("key", …)` names a key that exists and passes the placeholders it needs; every key is used.

    A key counts as used when it appears as a string literal anywhere in the code (a `t()` call, or a mapping
    that picks the key at run time). Placeholders are checked at the `t()` calls whose key is a literal and whose
    arguments are all named.
    """
    root = root or CONTENT_DIR.parent
    errors: list[str] = []
    try:
        cat = load_catalogue(directory)
    except TextError as exc:
        return TextsReport([str(exc)], 0, 0)
    literals: set[str] = set()
    for path in _code_files(root, CODE_DIRS):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _KEY_RE.match(node.value):
                literals.add(node.value)
            if not (isinstance(node, ast.Call) and _is_t_call(node.func) and node.args):
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            where = f"{path.relative_to(root)}:{node.lineno}"
            key = first.value
            if not cat.has(key):
                errors.append(f"{where}: no text with the key {key!r}")
                continue
            if any(kw.arg is None for kw in node.keywords):
                continue  # **mapping: checked when it runs
            passed = {kw.arg for kw in node.keywords}
            missing = cat.variables[key] - passed
            if missing:
                errors.append(f"{where}: text {key!r} needs {', '.join(sorted(missing))}")
            extra = passed - cat.variables[key]
            if extra:
                errors.append(f"{where}: text {key!r} has no placeholder {', '.join(sorted(extra))}")
    for key, file in sorted(cat.keys.items()):
        if key not in literals:
            errors.append(f"{file}: the key {key!r} is used nowhere in the code")
    files = len(set(cat.keys.values()))
    return TextsReport(errors, len(cat.keys), files)


def _is_t_call(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "t") or (
        isinstance(func, ast.Attribute) and func.attr == "t"
    )
