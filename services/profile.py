"""The user profile: the name printed on certificates, the role and the company; greeting names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from html import escape

from db.repositories.users import UserRepository
from services.person_names import name_words, printable_name
from services.texts import t

NAME_RE = re.compile(r"^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё .'’ʼ-]*$")


class Role(StrEnum):
    OWNER = "owner"
    HEAD = "head"
    MANAGER = "manager"


ROLE_KEYS = {Role.OWNER: "role-owner", Role.HEAD: "role-head", Role.MANAGER: "role-manager"}


def role_title(role: str | None) -> str:
    return t(ROLE_KEYS[Role(role)]) if role in set(Role) else "—"


@dataclass(frozen=True)
class Checked:
    value: str | None
    error: str | None = None


def check_full_name(text: str | None) -> Checked:
    """A name that can be printed: letters (with spaces, hyphens, apostrophes), capitalised sensibly."""
    name = " ".join((text or "").split())
    if not 2 <= len(name) <= 64:
        return Checked(None, t("profile-name-length"))
    if not NAME_RE.match(name):
        return Checked(None, t("profile-name-letters"))
    return Checked(printable_name(name))


def check_first_and_last_name(text: str | None) -> Checked:
    """The profile's «имя и фамилия»: a printable name of at least two words (particles such as «ван» aside)."""
    checked = check_full_name(text)
    if checked.value is not None and len(name_words(checked.value)) < 2:
        return Checked(None, t("profile-name-two-words", name=escape(checked.value)))
    return checked


def check_company(text: str | None) -> Checked:
    company = " ".join((text or "").split())
    if not 1 <= len(company) <= 128:
        return Checked(None, t("profile-company-length"))
    return Checked(company)


def greeting_name(display_name: str | None) -> str:
    """The name to greet by, HTML-escaped; a neutral word when Telegram's name is blank."""
    name = " ".join((display_name or "").split())
    return escape(name) if name else t("greeting-fallback-name")


class ProfileService:
    def __init__(self, users: UserRepository) -> None:
        self.users = users

    async def display_name(self, user_id: int) -> str:
        user = await self.users.get(user_id)
        return user.display_name if user is not None else ""

    async def save(self, user_id: int, *, full_name: str | None, role: str | None, company: str | None) -> str:
        """Store the profile; the confirmation to show."""
        await self.users.update_profile(user_id, full_name=full_name, role=role, company=company)
        return t("profile-saved", name=escape(full_name or ""), role=role_title(role),
                 company=escape(company) if company else "—")
