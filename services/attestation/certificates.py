"""Certificates of passed exams: issuing one (the code, the picture) and checking a code (/verify, the deep link).

The picture names the person as the profile has it (capitalised sensibly), says how to check it (the bot by
@name, a t.me deep link and its QR code) and, for an exam a team assigned, the team and its company.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape
from typing import Protocol

from db.models import Attempt
from db.repositories.attempts import AttemptRepository, CertificateRepository
from db.repositories.users import UserRepository
from services.attestation.engine.content import QuestionBank
from services.attestation.engine.results import AttemptSummary
from services.attestation.own.engine.bank import unmarked
from services.profile import printable_name
from services.texts import t


class ExamTitles(Protocol):
    """The name a team gave its own exam (services/attestation/own/flow/banks.py: OwnContent)."""

    async def exam_title(self, attempt_id: int) -> str | None: ...


@dataclass
class Certificates:
    attempts: AttemptRepository
    certificates: CertificateRepository
    users: UserRepository
    bank: QuestionBank
    exams: ExamTitles | None = None  # a team's own exam: the certificate names it

    async def issue(self, attempt: Attempt, summary: AttemptSummary, bot_username: str) -> bytes:
        """The certificate of a passed exam (made once per attempt), as a PNG picture."""
        from services.attestation.engine.certificate import new_code, render_certificate_png  # heavy: only when needed

        user = await self.users.get(attempt.user_id)
        name = printable_name(user.display_name) if user else ""
        existing = await self.certificates.for_attempt(attempt.id)
        certificate = existing or await self.certificates.create(
            new_code(), attempt.user_id, attempt.id, name or t("attest-cert-fallback-name"), summary.percent
        )
        topics = [unmarked(self.bank.topic(s.topic_id).title) for s in summary.per_topic
                  if self.bank.has_topic(s.topic_id)]
        sponsor = await self._with_exam(attempt.id, await self.sponsor(attempt.user_id, datetime.now(UTC)))
        # Rendering takes a few hundred milliseconds of matplotlib: keep it off the event loop.
        return await asyncio.to_thread(render_certificate_png, certificate.full_name, date.today(),
                                       certificate.percent, certificate.code, topics, bot_username=bot_username,
                                       sponsor=sponsor)

    async def verify(self, text: str) -> str:
        """The answer to /verify CODE (or the deep link): valid, unknown, or how a code looks."""
        from services.attestation.engine.certificate import normalize_code  # matplotlib is heavy: not at bot start-up

        code = normalize_code(text or "")
        if code is None:
            return t("attest-verify-usage")
        certificate = await self.certificates.by_code(code)
        if certificate is None:
            return t("attest-verify-unknown", code=code)
        issued = certificate.issued_at.strftime("%d.%m.%Y") if certificate.issued_at else ""
        lines = [t("attest-verify-valid", code=code, name=escape(certificate.full_name), issued=issued,
                   percent=certificate.percent)]
        attempt = await self.attempts.get(certificate.attempt_id)
        finished = (attempt.finished_at if attempt is not None else None) or certificate.issued_at
        sponsor = await self.sponsor(certificate.user_id, finished) if finished is not None else None
        sponsor = await self._with_exam(certificate.attempt_id, sponsor)
        if sponsor:
            lines.append(t("attest-verify-sponsor", sponsor=escape(sponsor)))
        return "\n".join(lines)

    async def _with_exam(self, attempt_id: int, sponsor: str | None) -> str | None:
        """«Аттестация «Ромашка» — ООО «Ромашка», команда «Юг»» when a team's own exam was taken."""
        title = await self.exams.exam_title(attempt_id) if self.exams is not None else None
        if not title:
            return sponsor
        return t("bank-cert-exam", exam=title, sponsor=sponsor or "", has_sponsor="yes" if sponsor else "no")

    async def sponsor(self, user_id: int, before: datetime) -> str | None:
        """Who assigned the exam (plain text): «ООО «Ромашка», команда «Юг»», or None for one's own exam."""
        found = await self.attempts.assigning_team(user_id, before)
        if found is None:
            return None
        team, company = found
        if company and company.strip():
            return t("attest-sponsor-company", company=company.strip(), team=team)
        return t("attest-sponsor-team", team=team)
