"""The attestation flow: start an attempt, take answers (once each), move on, finish, certify.

Plain Python over the attempt repository and the quiz engine; the chat handlers only render what this
returns. Every answer is stored the moment it is given, so an attempt survives a restart.
"""

from __future__ import annotations

import asyncio
import random
import secrets
from dataclasses import dataclass, field, replace
from datetime import date
from html import escape
from typing import Any

from db.models import Attempt, AttemptQuestion
from db.repositories.attempts import AttemptRepository, CertificateRepository, DrawnQuestion
from db.repositories.users import UserRepository
from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import draw_exam, draw_mistakes, draw_practice, is_passed
from services.attestation.engine.grading import feedback_text, grade
from services.attestation.engine.instance import QuestionInstance, make_instance
from services.attestation.engine.render import button_labels, question_text
from services.attestation.engine.results import AttemptSummary, mastery, render_mastery, render_summary, summarize

KINDS = ("practice", "exam", "mistakes")
KIND_TITLES = {"practice": "Тренировка", "exam": "Экзамен", "mistakes": "Работа над ошибками"}


@dataclass(frozen=True)
class QuestionView:
    attempt_id: int
    position: int
    total: int
    kind: str
    type: str
    text: str  # HTML
    labels: list[str]
    picked: list[int]


@dataclass(frozen=True)
class FeedbackView:
    """Practice: the verdict right after an answer, with a way on."""

    attempt_id: int
    position: int
    text: str  # HTML, starts with the question header, then ✅/❌ and the explanation
    correct: bool
    is_last: bool


@dataclass(frozen=True)
class FinishedView:
    attempt_id: int
    kind: str
    summary: AttemptSummary
    text: str  # HTML with «Результат: X из Y (Z %)»
    weakest: list[tuple[str, str]]  # (topic_id, title)
    certificate_code: str | None = None
    certificate_png: bytes | None = None
    just_finished: bool = False  # closed by this very answer (not a result shown again): teams hook on it


@dataclass(frozen=True)
class Notice:
    """Nothing changed; tell the user why (stale button, foreign attempt, garbage number …)."""

    text: str
    view: QuestionView | None = None  # re-show the current question when useful


Outcome = QuestionView | FeedbackView | FinishedView | Notice

STALE = "Этот вопрос уже позади — ответ сохранён. Продолжайте с текущего вопроса."
FOREIGN = "Это не ваша попытка."
CLOSED = "Эта попытка уже завершена. Начните новую: /quiz или /exam."
NOTHING_ACTIVE = "Сейчас нет начатой попытки. Начните: /quiz — тренировка, /exam — экзамен."
NO_MISTAKES = "Ошибок пока нет — повторять нечего. Пройдите тренировку (/quiz) или экзамен (/exam)."


@dataclass
class AttestationService:
    attempts: AttemptRepository
    certificates: CertificateRepository
    bank: QuestionBank
    rng: random.Random = field(default_factory=lambda: random.Random(secrets.randbits(64)))

    # ---- starting -------------------------------------------------------------------------------
    async def active(self, user_id: int) -> Attempt | None:
        return await self.attempts.active_for(user_id)

    async def start(self, user_id: int, kind: str, topic_id: str | None = None,
                    chat_id: int | None = None) -> QuestionView | Notice:
        if kind not in KINDS:
            raise ValueError(kind)
        if kind == "practice":
            if topic_id is None or not self.bank.has_topic(topic_id):
                return Notice("Такой темы нет. Выберите тему из списка: /quiz")
            ids = draw_practice(self.bank, topic_id, self.rng)
        elif kind == "exam":
            ids = draw_exam(self.bank, await self.attempts.seen_counts(user_id), rng=self.rng)
        else:
            ids = draw_mistakes(await self.attempts.wrong_question_ids(user_id), self.bank, self.rng)
            if not ids:
                return Notice(NO_MISTAKES)
        # One attempt at a time: starting anew closes the unfinished one (the user chose «Начать заново»).
        previous = await self.attempts.active_for(user_id)
        if previous is not None:
            await self.attempts.abandon(previous.id)
        seed = self.rng.randrange(2**31)
        drawn = []
        for question_id in ids:
            question = self.bank.question(question_id)
            instance = make_instance(question, seed)
            drawn.append(DrawnQuestion(question_id, question.topic_id, instance.to_dict()))
        attempt = await self.attempts.create(user_id, kind, drawn, topic_id=topic_id, chat_id=chat_id)
        return await self._view(attempt, 0)

    async def current(self, user_id: int, attempt_id: int | None = None) -> Outcome:
        attempt = await (self.attempts.get(attempt_id) if attempt_id else self.attempts.active_for(user_id))
        if attempt is None:
            return Notice(NOTHING_ACTIVE)
        if attempt.user_id != user_id:
            return Notice(FOREIGN)
        if attempt.status != "active":
            return await self.finished_view(attempt)
        if attempt.current_index >= attempt.total:
            return await self._finish(attempt)
        row = await self.attempts.question(attempt.id, attempt.current_index)
        if row is not None and row.answered_at is not None:
            # Practice waits on «Дальше» after feedback; coming back (or a restart) moves on.
            await self.attempts.advance(attempt.id, attempt.current_index)
            return await self.current(user_id, attempt.id)
        return await self._view(attempt, attempt.current_index)

    async def set_message(self, attempt_id: int, chat_id: int, message_id: int) -> None:
        await self.attempts.set_message(attempt_id, chat_id, message_id)

    # ---- answering ------------------------------------------------------------------------------
    async def tap(self, user_id: int, attempt_id: int, position: int, value: int) -> Outcome:
        """A button under a question: a choice, an item placed in order, or a match picked."""
        checked = await self._checked(user_id, attempt_id, position)
        if isinstance(checked, Notice):
            return checked
        attempt, row, instance = checked
        if not 0 <= value < len(instance.choices):
            return Notice("Такого варианта нет.")
        if instance.type == "single":
            return await self._answer(attempt, row, instance, value)
        picked = list(row.draft or [])
        if instance.type == "multiple":
            picked = sorted(set(picked) ^ {value})
        elif value in picked:
            return Notice("Этот пункт уже выбран. Нажмите «Сбросить», чтобы начать заново.")
        else:
            picked.append(value)
        complete = instance.type in ("ordering", "matching") and len(picked) == len(instance.choices)
        if complete:
            return await self._answer(attempt, row, instance, picked)
        await self.attempts.set_draft(row.id, picked)
        return await self._view(attempt, position, picked)

    async def done(self, user_id: int, attempt_id: int, position: int) -> Outcome:
        """«Готово» under a multiple-choice question."""
        checked = await self._checked(user_id, attempt_id, position)
        if isinstance(checked, Notice):
            return checked
        attempt, row, instance = checked
        picked = list(row.draft or [])
        if not picked:
            return Notice("Отметьте хотя бы один вариант, потом нажмите «Готово».")
        return await self._answer(attempt, row, instance, picked)

    async def reset(self, user_id: int, attempt_id: int, position: int) -> Outcome:
        checked = await self._checked(user_id, attempt_id, position)
        if isinstance(checked, Notice):
            return checked
        attempt, row, _ = checked
        await self.attempts.set_draft(row.id, None)
        return await self._view(attempt, position, [])

    async def typed(self, user_id: int, text: str) -> Outcome:
        """A typed message while an attempt is open: the answer to a numeric question."""
        attempt = await self.attempts.active_for(user_id)
        if attempt is None:
            return Notice(NOTHING_ACTIVE)
        checked = await self._checked(user_id, attempt.id, attempt.current_index)
        if isinstance(checked, Notice):
            return checked
        attempt, row, instance = checked
        if instance.type != "numeric":
            return Notice("Ответьте кнопками под вопросом.", await self._view(attempt, row.position))
        return await self._answer(attempt, row, instance, text)

    async def next(self, user_id: int, attempt_id: int, position: int) -> Outcome:
        """«Дальше» after practice feedback: the next question, or the result after the last."""
        attempt = await self.attempts.get(attempt_id)
        if attempt is None or attempt.user_id != user_id:
            return Notice(FOREIGN)
        if attempt.status == "active":
            await self.attempts.advance(attempt.id, position)  # conditional: a second tap moves nothing
        return await self.current(user_id, attempt_id)

    # ---- results --------------------------------------------------------------------------------
    async def results_text(self, user_id: int) -> str:
        history = await self.attempts.history(user_id)
        lines = ["<b>Ваши попытки</b>"]
        if not history:
            lines.append("Пока ни одной завершённой попытки. Начните с /learn или /quiz.")
        for attempt in history:
            when = attempt.finished_at.strftime("%d.%m.%Y") if attempt.finished_at else ""
            title = KIND_TITLES.get(attempt.kind, attempt.kind)
            if attempt.kind == "practice" and attempt.topic_id and self.bank.has_topic(attempt.topic_id):
                title += f" «{self.bank.topic(attempt.topic_id).title}»"
            verdict = ""
            if attempt.kind == "exam":
                verdict = " — сдан ✔" if attempt.passed else " — не сдан"
            lines.append(f"{when} · {title}: {attempt.correct} из {attempt.total} ({attempt.percent} %){verdict}")
        rows = await self.attempts.answered_rows(user_id)
        lines += ["", render_mastery(mastery(rows, self.bank), self.bank)]
        return "\n".join(lines)

    async def verify(self, text: str) -> str:
        from services.attestation.engine.certificate import normalize_code  # matplotlib is heavy: not at bot start-up

        code = normalize_code(text or "")
        if code is None:
            return "Укажите код сертификата: /verify K7QX-M2PD-9H"
        certificate = await self.certificates.by_code(code)
        if certificate is None:
            return f"Сертификат с кодом {code} не найден. Проверьте код."
        issued = certificate.issued_at.strftime("%d.%m.%Y") if certificate.issued_at else ""
        return (f"✅ Сертификат {code} действителен.\n"
                f"Выдан: {escape(certificate.full_name)}, {issued}, результат {certificate.percent} %.")

    async def finished_view(self, attempt: Attempt, certificate_png: bytes | None = None) -> FinishedView:
        rows = await self.attempts.questions(attempt.id)
        summary = summarize([(r.topic_id, bool(r.correct)) for r in rows if r.answered_at], attempt.kind)
        certificate = await self.certificates.for_attempt(attempt.id) if attempt.kind == "exam" else None
        text = render_summary(summary, self.bank)
        if certificate is not None:
            text += f"\n\nКод сертификата: <code>{certificate.code}</code> (проверка: /verify {certificate.code})"
        weakest = [(t, self.bank.topic(t).title) for t in summary.weakest if self.bank.has_topic(t)]
        return FinishedView(attempt.id, attempt.kind, summary, text, weakest,
                            certificate.code if certificate else None, certificate_png)

    # ---- internals ------------------------------------------------------------------------------
    async def _checked(
        self, user_id: int, attempt_id: int, position: int
    ) -> tuple[Attempt, AttemptQuestion, QuestionInstance] | Notice:
        attempt = await self.attempts.get(attempt_id)
        if attempt is None or attempt.user_id != user_id:
            return Notice(FOREIGN)
        if attempt.status != "active":
            return Notice(CLOSED)
        if position != attempt.current_index:
            return Notice(STALE, await self._view(attempt, attempt.current_index)
                          if attempt.current_index < attempt.total else None)
        row = await self.attempts.question(attempt.id, position)
        if row is None or row.answered_at is not None:
            return Notice(STALE)
        return attempt, row, QuestionInstance.from_dict(row.instance)

    async def _answer(self, attempt: Attempt, row: AttemptQuestion, instance: QuestionInstance,
                      response: Any) -> Outcome:
        result = grade(instance, response)
        if not result.valid:
            return Notice(result.problem or "Ответ не распознан.", await self._view(attempt, row.position))
        stored = {"value": response if not isinstance(response, set) else sorted(response)}
        if not await self.attempts.record_answer(row.id, stored, result.correct):
            return Notice(STALE)  # a double tap or a re-delivered update: counted once already
        is_last = row.position + 1 >= attempt.total
        if attempt.kind == "exam":
            await self.attempts.advance(attempt.id, row.position)
            if is_last:
                return await self._finish(attempt)
            return await self._view(attempt, row.position + 1)
        # Practice stays on this question until «Дальше», so a typed reply cannot answer an unseen one.
        if is_last:
            await self._close(attempt)
        header = self._header(attempt, row.position, instance)
        return FeedbackView(attempt.id, row.position, f"{header}\n\n{feedback_text(instance, result)}",
                            result.correct, is_last)

    async def _close(self, attempt: Attempt) -> AttemptSummary:
        rows = await self.attempts.questions(attempt.id)
        summary = summarize([(r.topic_id, bool(r.correct)) for r in rows if r.answered_at], attempt.kind)
        passed = is_passed(summary.correct, summary.total) if attempt.kind == "exam" else None
        await self.attempts.finish(attempt.id, summary.correct, summary.percent, passed)
        return summary

    async def _finish(self, attempt: Attempt) -> FinishedView:
        summary = await self._close(attempt)
        png = None
        if attempt.kind == "exam" and summary.passed:
            png = await self._certify(attempt, summary)
        fresh = await self.attempts.get(attempt.id)
        assert fresh is not None
        return replace(await self.finished_view(fresh, png), just_finished=True)

    async def _certify(self, attempt: Attempt, summary: AttemptSummary) -> bytes:
        from services.attestation.engine.certificate import new_code, render_certificate_png  # heavy: only when needed

        user = await UserRepository(self.attempts.session).get(attempt.user_id)
        name = user.display_name if user else "Участник"
        existing = await self.certificates.for_attempt(attempt.id)
        certificate = existing or await self.certificates.create(
            new_code(), attempt.user_id, attempt.id, name, summary.percent
        )
        topics = [self.bank.topic(s.topic_id).title for s in summary.per_topic if self.bank.has_topic(s.topic_id)]
        # Rendering takes a few hundred milliseconds of matplotlib: keep it off the event loop.
        return await asyncio.to_thread(render_certificate_png, certificate.full_name, date.today(),
                                       certificate.percent, certificate.code, topics)

    def _header(self, attempt: Attempt, position: int, instance: QuestionInstance) -> str:
        title = self.bank.topic(instance.topic_id).title if self.bank.has_topic(instance.topic_id) else None
        return question_text(instance, position + 1, attempt.total, topic_title=title).split("\n\n")[0]

    async def _view(self, attempt: Attempt, position: int, picked: list[int] | None = None) -> QuestionView:
        row = await self.attempts.question(attempt.id, position)
        assert row is not None
        instance = QuestionInstance.from_dict(row.instance)
        picked = list(row.draft or []) if picked is None else picked
        title = self.bank.topic(instance.topic_id).title if self.bank.has_topic(instance.topic_id) else None
        text = question_text(instance, position + 1, attempt.total, topic_title=title, picked=picked)
        return QuestionView(attempt.id, position, attempt.total, attempt.kind, instance.type, text,
                            button_labels(instance, picked), picked)


def card_text(bank: QuestionBank, topic_id: str) -> str:
    topic = bank.topic(topic_id)
    card = topic.card
    count = len(bank.questions_of(topic_id))
    return "\n".join([
        f"<b>{escape(topic.title)}</b>",
        "",
        f"📌 <b>Что это.</b> {escape(card.definition.strip())}",
        "",
        f"🏪 <b>Пример.</b> {escape(card.example.strip())}",
        "",
        f"⚠️ <b>Типичная ошибка.</b> {escape(card.mistake.strip())}",
        "",
        f"🗓 <b>Что сделать в понедельник.</b> {escape(card.monday.strip())}",
        "",
        f"<i>Вопросов по теме: {count}.</i>",
    ])


def attempt_label(attempt: Attempt, bank: QuestionBank) -> str:
    title = KIND_TITLES.get(attempt.kind, attempt.kind)
    if attempt.kind == "practice" and attempt.topic_id and bank.has_topic(attempt.topic_id):
        title += f" «{escape(bank.topic(attempt.topic_id).title)}»"
    return f"{title}, вопрос {min(attempt.current_index + 1, attempt.total)} из {attempt.total}"
