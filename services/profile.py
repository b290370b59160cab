"""Rules of the user profile: the name printed on certificates, the role and the company."""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLES = {"owner": "Собственник", "head": "Руководитель отдела продаж", "manager": "Менеджер по продажам"}
NAME_RE = re.compile(r"^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё .'-]*$")


@dataclass(frozen=True)
class Checked:
    value: str | None
    error: str | None = None


def check_full_name(text: str | None) -> Checked:
    name = " ".join((text or "").split())
    if not 2 <= len(name) <= 64:
        return Checked(None, "Имя должно быть от 2 до 64 символов. Например: Анна Смирнова.")
    if not NAME_RE.match(name):
        return Checked(
            None, "В имени могут быть только буквы, пробел, дефис и апостроф. Например: Анна Смирнова."
        )
    return Checked(name)


def check_company(text: str | None) -> Checked:
    company = " ".join((text or "").split())
    if not 1 <= len(company) <= 128:
        return Checked(None, "Название компании — от 1 до 128 символов.")
    return Checked(company)
