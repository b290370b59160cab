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

from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser
from fluent.syntax import ast as fast

from services.paths import CONTENT_DIR

TEXTS_DIR = CONTENT_DIR / "texts"
LOCALE = "ru"
CODE_DIRS = ("bot", "handlers", "services", "db")
FORMATTED_LIMIT = 20_000  # formatted texts remembered (see Catalogue.format); all forgotten when it is reached


class TextError(LookupError):
    """A key is missing, or a message could not be formatted with the values given (a developer's mistake)."""


@dataclass
class Catalogue:
    """The messages of every .ftl file. Keys are indexed up front by a cheap scan; a file is parsed the first time
    one of its keys is used (Fluent's parser is pure Python: parsing every file costs a command that needs a few
    texts a few hundred milliseconds)."""

    bundle: FluentBundle
    keys: dict[str, Path] = field(default_factory=dict)  # key -> file it comes from
    _variables: dict[str, frozenset[str]] = field(default_factory=dict)  # key -> $placeholders it needs
    _parsed: set[Path] = field(default_factory=set)
    _formatted: dict[tuple[object, ...], str] = field(default_factory=dict)  # (key, *args) -> text

    def has(self, key: str) -> bool:
        return key in self.keys

    @property
    def variables(self) -> dict[str, frozenset[str]]:
        for path in set(self.keys.values()):
            self._parse(path)
        return self._variables

    def format(self, key: str, args: Mapping[str, object] | None = None) -> str:
        # The same text with the same values comes out the same: a button label or a question header is formatted
        # once, not on every tap (Fluent's resolver is pure Python). The type is part of the key: 1 and 1.0 differ.
        try:
            memo_key = (key, *((name, type(value), value) for name, value in (args or {}).items()))
            return self._formatted[memo_key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key (a list): formatted every time
            memo_key = None
        text = self._format(key, args)
        if memo_key is not None:
            if len(self._formatted) >= FORMATTED_LIMIT:
                self._formatted.clear()
            self._formatted[memo_key] = text
        return text

    def _format(self, key: str, args: Mapping[str, object] | None) -> str:
        path = self.keys.get(key)
        if path is None:
            raise TextError(f"No text with the key {key!r} in {TEXTS_DIR}")
        self._parse(path)
        message = self.bundle.get_message(key)
        if message.value is None:
            raise TextError(f"Text {key!r} has no value")
        text, errors = self.bundle.format_pattern(message.value, dict(args or {}))
        if errors:
            raise TextError(f"Text {key!r}: {'; '.join(str(e) for e in errors)}")
        return text

    def parse_all(self) -> None:
        for path in sorted(set(self.keys.values())):
            self._parse(path)

    def _parse(self, path: Path) -> None:
        if path in self._parsed:
            return
        source = path.read_text(encoding="utf-8")
        resource = FluentParser(with_spans=False).parse(source)  # spans: only to name the line of an error
        for entry in resource.body:
            if isinstance(entry, fast.Junk):
                raise TextError(_junk_message(path.name, source))
            if isinstance(entry, fast.Message):
                self._variables[entry.id.name] = frozenset(_variables(entry))
        self.bundle.add_resource(resource)
        self._parsed.add(path)


_KEY_LINE = re.compile(r"^([a-zA-Z][a-zA-Z0-9_-]*)[ \t]*=", re.MULTILINE)


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


def load_catalogue(directory: Path = TEXTS_DIR, *, lazy: bool = False) -> Catalogue:
    """Index every key of the .ftl files in `directory`; parse them all now unless `lazy`."""
    catalogue = Catalogue(FluentBundle([LOCALE], use_isolating=False))
    for path in sorted(directory.glob("*.ftl")):
        # A message starts at the beginning of a line; its continuation lines are indented.
        for key in _KEY_LINE.findall(path.read_text(encoding="utf-8")):
            if key in catalogue.keys:
                raise TextError(f"{path.name}: key {key!r} is also in {catalogue.keys[key].name}")
            catalogue.keys[key] = path
    if not lazy:
        catalogue.parse_all()
    return catalogue


def _junk_message(name: str, source: str) -> str:
    for entry in FluentParser(with_spans=True).parse(source).body:
        if isinstance(entry, fast.Junk):
            annotation = entry.annotations[0].message if entry.annotations else "syntax error"
            line = source[: entry.span.start].count("\n") + 1 if entry.span else 0
            return f"{name}, line {line}: {annotation}"
    return f"{name}: syntax error"


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return load_catalogue(lazy=True)


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
            errors.append(f"{file.name}: the key {key!r} is used nowhere in the code")
    files = len(set(cat.keys.values()))
    return TextsReport(errors, len(cat.keys), files)


def _is_t_call(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "t") or (
        isinstance(func, ast.Attribute) and func.attr == "t"
    )
