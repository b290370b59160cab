"""A person's name as it is printed (on a certificate, to a team owner): capitalised sensibly, never mangled.

A word typed all in lower case (or all in capitals) is capitalised — «ирина петрова» → «Ирина Петрова»,
«мамин-сибиряк» → «Мамин-Сибиряк», «д'артаньян» → «Д'Артаньян»; a word typed with its own capitals is kept
(«Д'Артаньян-Ёлкин», «McDonald»); particles stay in lower case («Анна ван дер Берг»). The particles are data:
content/person_names.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints

from services.paths import CONTENT_DIR

NAMES_FILE = CONTENT_DIR / "person_names.yaml"
APOSTROPHES = "'’ʼ"
_PIECES = re.compile(rf"([{APOSTROPHES}-])")  # a word's parts, keeping the hyphens and apostrophes between them

Particle = Annotated[str, StringConstraints(min_length=1, max_length=10, pattern=r"^\S+$", to_lower=True)]


class PersonNames(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    particles: frozenset[Particle]


def load_person_names(path: Path = NAMES_FILE) -> PersonNames:
    return PersonNames.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def person_names() -> PersonNames:
    return load_person_names()


def is_particle(word: str) -> bool:
    """A particle as a person writes one: in lower case («ван»); «Ван» is a name (Ван Ли)."""
    return word.islower() and word in person_names().particles


def _capitalised(word: str) -> str:
    """Every part after a hyphen or an apostrophe gets its capital: «д'артаньян-ёлкин» → «Д'Артаньян-Ёлкин»."""
    return "".join(piece[:1].upper() + piece[1:] for piece in _PIECES.split(word.lower()))


def _word(word: str) -> str:
    if not (word.islower() or word.isupper()):
        return word  # the person's own capitals: «Д'Артаньян-Ёлкин», «DiCaprio»
    if is_particle(word):
        return word
    return _capitalised(word)


def printable_name(text: str) -> str:
    """The name with single spaces and sensible capitals (see the module docstring)."""
    return " ".join(_word(word) for word in text.split())


def name_words(text: str) -> list[str]:
    """The words that are names proper (particles left out): a full name has at least two."""
    return [word for word in text.split() if not is_particle(word)]
