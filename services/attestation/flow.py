"""The attestation flow: start an attempt, take answers (once each), move on, finish, certify.

Plain Python over the attempt repository and the quiz engine; the chat handlers only render what this
returns (services/attestation/views.py). Every answer is stored the moment it is given, so an attempt survives a
restart. When there is nothing to show but a reason (a foreign attempt, a stale button) it raises `Refusal`;
when the user should see the live question again after the reason, it returns a `Notice` carrying it.

A finished exam is an event for the teams (an owner who assigned it is told the result): this service raises
it through `events`, so no chat handler has to remember.
"""

from __future__ import annotations

import logging
import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from db.models import Attempt, AttemptQuestion
from db.repositories.attempts import (
    AttemptRepository,
    AttemptRow,
    CertificateRepository,
    DrawnQuestion,
    QuestionRow,
)
from db.repositories.users import UserRepository
from services.attestation.certificates import Certificates
from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import draw_exam, draw_mistakes, draw_practice, is_passed
from services.attestation.engine.grading import feedback_text, grade
from services.attestation.engine.instance import QuestionInstance, make_instance
from services.attestation.engine.render import button_labels, question_text
from services.attestation.engine.results import AttemptSummary, mastery, render_mastery, render_summary, summarize
from services.attestation.labels import attempt_label, card_text, kind_title
from services.attestation.own.engine.bank import is_own_topic
from services.attestation.review import review_page
from services.attestation.views import (
    CardView,
    FeedbackView,
    FinishedView,
    Kind,
    OldCopy,
    Outcome,
    PausedView,
    QuestionView,
    ResumeOffer,
    ReviewPage,
)
from services.notice import Notice, Refusal
from services.texts import t

logger = logging.getLogger(__name__)

VERDICTS = {True: "passed", False: "failed", None: "none"}  # the selector of attest-results-line
# Where a paused attempt is continued from (each command offers the open attempt back first).
RESUME_COMMANDS = {Kind.EXAM: "/exam", Kind.MISTAKES: "/mistakes", Kind.PRACTICE: "/quiz"}
# The draws of questions and seeds: one generator per process, seeded from the OS. A service is built for every
# update and most updates draw nothing, so seeding a generator for each one (a system call) is wasted work.
_DRAWS = random.Random(secrets.randbits(64))


class AttemptEvents(Protocol):
    """What other features hear from the attestation (services/teams/flow/events.py: TeamEvents)."""

    async def exam_finished(self, attempt_id: int) -> None: ...


class OwnBanks(Protocol):
    """A team's own questions (services/attestation/own/flow/banks.py: OwnContent): the bank a user sees, the exam
    his team's settings draw, and that exam's pass mark."""

    async def bank_for_user(self, user_id: int) -> QuestionBank: ...

    async def exam_plan(self, user_id: int, seen: Mapping[str, int], rng: random.Random) -> Any: ...

    async def remember_exam(self, attempt_id: int, plan: Any) -> None: ...

    async def pass_mark(self, attempt: Attempt) -> int | None: ...

    async def exam_title(self, attempt_id: int) -> str | None: ...


@dataclass
class AttestationService:
    attempts: AttemptRepository
    certificates: CertificateRepository
    users: UserRepository
    bank: QuestionBank
    events: AttemptEvents
    rng: random.Random = field(default_factory=lambda: _DRAWS)
    # The bot's @name (without @), printed on certificates with a deep link to check them; the wiring passes it
    # (services know nothing of Telegram). Empty: the certificate says «/verify CODE» only.
    bot_username: str = ""
    # Own topics of the user's teams join `bank` when needed (None: the built-in topics only).
    own: OwnBanks | None = None
    # Question rows this update already read (position -> row): a service lives for one update.
    _prefetched: dict[int, QuestionRow] = field(default_factory=dict, init=False, repr=False)
    _own_loaded: bool = field(default=False, init=False, repr=False)

    async def bank_for(self, user_id: int, *topic_ids: str | None) -> QuestionBank:
        """The bank this user sees: the built-in topics and his teams' own ones. Given topic ids, the own ones are
        looked up only when one of these is an own topic, so a built-in question's tap costs no query."""
        if self.own is not None and not self._own_loaded and (not topic_ids or any(map(is_own_topic, topic_ids))):
            self.bank = await self.own.bank_for_user(user_id)
            self._own_loaded = True
        return self.bank

    # ---- learning -------------------------------------------------------------------------------
    def card(self, topic_id: str) -> CardView:
        if not self.bank.has_topic(topic_id):
            raise Refusal(t("attest-topic-gone"))
        return CardView(topic_id, card_text(self.bank, topic_id))

    # ---- starting -------------------------------------------------------------------------------
    async def begin(self, user_id: int, kind: Kind, topic_id: str | None = None,
                    chat_id: int | None = None) -> ResumeOffer | QuestionView:
        """/exam, /mistakes, a topic's «Потренироваться»: the unfinished attempt is offered back first."""
        await self.bank_for(user_id, topic_id)
        if kind == Kind.PRACTICE and (topic_id is None or not self.bank.has_topic(topic_id)):
            raise Refusal(t("attest-topic-gone"))
        active = await self.attempts.active_for(user_id)
        if active is not None:
            return ResumeOffer(t("attest-resume-offer", attempt=attempt_label(active, self.bank)), kind,
                               topic_id or "")
        return await self.start(user_id, kind, topic_id, chat_id=chat_id)

    async def start(self, user_id: int, kind: str, topic_id: str | None = None,
                    chat_id: int | None = None) -> QuestionView:
        """A new attempt; an unfinished one is closed (the user chose «Начать заново»)."""
        kind = Kind(kind)
        plan = None
        if kind == Kind.PRACTICE:
            await self.bank_for(user_id, topic_id)
            if topic_id is None or not self.bank.has_topic(topic_id):
                raise Refusal(t("attest-no-such-topic"))
            ids = draw_practice(self.bank, topic_id, self.rng)
        elif kind == Kind.EXAM and self.own is not None:  # the team's own exam, or the standard draw
            plan = await self.own.exam_plan(user_id, await self.attempts.seen_counts(user_id), self.rng)
            ids = plan.ids
            await self.bank_for(user_id)
        elif kind == Kind.EXAM:
            ids = draw_exam(self.bank, await self.attempts.seen_counts(user_id), rng=self.rng)
        else:
            await self.bank_for(user_id)
            ids = draw_mistakes(await self.attempts.wrong_question_ids(user_id), self.bank, self.rng)
            if not ids:
                raise Refusal(t("attest-no-mistakes"))
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
        if plan is not None and self.own is not None:
            await self.own.remember_exam(attempt.id, plan)
        return await self._view(attempt, 0)

    async def current(self, user_id: int, attempt_id: int | None = None) -> Outcome:
        attempt = await (self.attempts.get(attempt_id) if attempt_id else self.attempts.active_for(user_id))
        if attempt is None:
            raise Refusal(t("attest-nothing-active"))
        if attempt.user_id != user_id:
            raise Refusal(t("attest-foreign"))
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

    async def set_message(self, attempt_id: int, chat_id: int, message_id: int | None) -> None:
        """The message whose buttons answer the attempt now; None when what is shown has no buttons."""
        await self.attempts.set_live_message(attempt_id, chat_id, message_id)

    # ---- pausing (/cancel, /menu) and coming back -----------------------------------------------------
    async def pause(self, user_id: int) -> str:
        """/cancel or /menu: the open attempt waits; its buttons offer «Продолжить» instead of answering.
        The line that says where to continue, "" when no attempt is open."""
        attempt = await self.attempts.active_for(user_id)
        if attempt is None:
            return ""
        await self.bank_for(user_id, attempt.topic_id)
        await self.attempts.pause(attempt.id, datetime.now(UTC))
        return t("attest-paused-note", attempt=attempt_label(attempt, self.bank),
                 command=RESUME_COMMANDS[Kind(attempt.kind)])

    async def resume(self, user_id: int) -> Outcome:
        """«Продолжить» (under a paused question, or in the offer /exam makes): the open attempt goes on."""
        attempt = await self.attempts.active_for(user_id)
        if attempt is not None and attempt.paused_at is not None:
            await self.attempts.unpause(attempt.id)
        return await self.current(user_id)

    def _paused(self, attempt: Attempt) -> PausedView:
        return PausedView(attempt.id, t("attest-paused", attempt=attempt_label(attempt, self.bank)))

    async def review(self, user_id: int, attempt_id: int, index: int) -> ReviewPage:
        """A page of the review of a finished exam: one wrong answer with the right one and why."""
        attempt = await self.attempts.get(attempt_id)
        if attempt is None or attempt.user_id != user_id:
            raise Refusal(t("attest-foreign"))
        if attempt.status != "finished":
            raise Refusal(t("attest-review-not-finished"))
        await self.bank_for(user_id)
        return review_page(attempt.id, await self.attempts.questions(attempt.id), self.bank, index)

    async def summary(self, user_id: int, attempt_id: int) -> FinishedView:
        """«« К итогам» from the review: the exam's result again (no certificate picture, it was sent)."""
        attempt = await self.attempts.get(attempt_id)
        if attempt is None or attempt.user_id != user_id:
            raise Refusal(t("attest-foreign"))
        if attempt.status != "finished":
            raise Refusal(t("attest-review-not-finished"))
        return await self.finished_view(attempt)

    # ---- answering ------------------------------------------------------------------------------
    async def tap(self, user_id: int, attempt_id: int, position: int, value: int,
                  message_id: int | None = None) -> Outcome:
        """A button under a question: a choice, an item placed in order, or a match picked. `message_id`: the
        message the button sits on (only the live copy of the question answers)."""
        checked = await self._checked(user_id, attempt_id, position, message_id)
        if isinstance(checked, Notice):
            return checked
        attempt, row, instance = checked
        if not 0 <= value < len(instance.choices):
            raise Refusal(t("attest-no-such-option"))
        if instance.type == "single":
            return await self._answer(attempt, row, instance, value)
        picked = list(row.draft or [])
        if instance.type == "multiple":
            picked = sorted(set(picked) ^ {value})
        elif value in picked:
            raise Refusal(t("attest-already-picked"))
        else:
            picked.append(value)
        complete = instance.type in ("ordering", "matching") and len(picked) == len(instance.choices)
        if complete:
            return await self._answer(attempt, row, instance, picked)
        await self.attempts.set_draft(row.id, picked)
        return await self._view(attempt, position, picked)

    async def done(self, user_id: int, attempt_id: int, position: int, message_id: int | None = None) -> Outcome:
        """«Готово» under a multiple-choice question."""
        checked = await self._checked(user_id, attempt_id, position, message_id)
        if isinstance(checked, Notice):
            return checked
        attempt, row, instance = checked
        picked = list(row.draft or [])
        if not picked:
            raise Refusal(t("attest-nothing-ticked"))
        return await self._answer(attempt, row, instance, picked)

    async def reset(self, user_id: int, attempt_id: int, position: int, message_id: int | None = None) -> Outcome:
        checked = await self._checked(user_id, attempt_id, position, message_id)
        if isinstance(checked, Notice):
            return checked
        attempt, row, _ = checked
        await self.attempts.set_draft(row.id, None)
        return await self._view(attempt, position, [])

    async def typed(self, user_id: int, text: str) -> Outcome:
        """A typed message while an attempt is open: the answer to a numeric question."""
        attempt = await self.attempts.active_for(user_id)
        if attempt is None:
            raise Refusal(t("attest-nothing-active"))
        if attempt.paused_at is not None:
            return self._paused(attempt)
        checked = await self._checked(user_id, attempt.id, attempt.current_index)
        if isinstance(checked, Notice):
            return checked
        attempt, row, instance = checked
        if instance.type != "numeric":
            return Notice(t("attest-answer-with-buttons"), await self._view(attempt, row.position))
        return await self._answer(attempt, row, instance, text)

    async def next(self, user_id: int, attempt_id: int, position: int) -> Outcome:
        """«Дальше» after practice feedback: the next question, or the result after the last."""
        attempt = await self.attempts.get(attempt_id)
        if attempt is None or attempt.user_id != user_id:
            raise Refusal(t("attest-foreign"))
        if attempt.status == "active" and attempt.paused_at is not None:
            return Notice(t("attest-paused-toast"), self._paused(attempt))
        if attempt.status == "active":
            await self.attempts.advance(attempt.id, position)  # conditional: a second tap moves nothing
        return await self.current(user_id, attempt_id)

    # ---- results --------------------------------------------------------------------------------
    async def results_text(self, user_id: int) -> str:
        await self.bank_for(user_id)
        history = await self.attempts.history(user_id)
        lines = [t("attest-results-title")]
        active = await self.attempts.active_for(user_id)
        if active is not None:  # work in progress: said so, with no verdict and no colour
            lines.append(t("attest-results-open", attempt=attempt_label(active, self.bank),
                           paused="yes" if active.paused_at is not None else "no"))
        if not history:
            lines.append(t("attest-results-empty"))
        for attempt in history:
            when = attempt.finished_at.strftime("%d.%m.%Y") if attempt.finished_at else ""
            verdict = VERDICTS[bool(attempt.passed)] if attempt.kind == Kind.EXAM else VERDICTS[None]
            lines.append(t("attest-results-line", when=when, title=kind_title(attempt, self.bank),
                           correct=attempt.correct, total=attempt.total, percent=attempt.percent, verdict=verdict))
        rows = await self.attempts.answered_rows(user_id)
        lines += ["", render_mastery(mastery(rows, self.bank), self.bank)]
        return "\n".join(lines)

    async def verify(self, text: str) -> str:
        """/verify CODE, or the deep link printed on a certificate."""
        return await self._issuer().verify(text)

    def _issuer(self) -> Certificates:
        return Certificates(self.attempts, self.certificates, self.users, self.bank, self.own)

    async def finished_view(self, attempt: Attempt, certificate_png: bytes | None = None) -> FinishedView:
        rows = await self.attempts.questions(attempt.id)
        await self.bank_for(attempt.user_id, *(r.topic_id for r in rows))
        summary = summarize([(r.topic_id, bool(r.correct)) for r in rows if r.answered_at], attempt.kind,
                            await self._pass_mark(attempt))
        certificate = await self.certificates.for_attempt(attempt.id) if attempt.kind == Kind.EXAM else None
        text = render_summary(summary, self.bank)
        if certificate is not None:
            text += "\n\n" + t("attest-finished-certificate", code=certificate.code)
        weakest = [(topic_id, self.bank.topic(topic_id).title) for topic_id in summary.weakest
                   if self.bank.has_topic(topic_id)]
        return FinishedView(attempt.id, attempt.kind, summary, text, weakest,
                            certificate.code if certificate else None, certificate_png)

    # ---- internals ------------------------------------------------------------------------------
    async def _checked(
        self, user_id: int, attempt_id: int, position: int, message_id: int | None = None
    ) -> tuple[AttemptRow, QuestionRow, QuestionInstance] | Notice:
        """The attempt, the question row and its instance when this button may answer (read-only rows with the
        models' attributes); a Notice with the live question when the button is an old one; a Refusal otherwise."""
        attempt, rows = await self.attempts.answering(attempt_id, position)
        if attempt is None or attempt.user_id != user_id:
            raise Refusal(t("attest-foreign"))
        if attempt.status != "active":
            raise Refusal(t("attest-closed"))
        if attempt.paused_at is not None:
            return Notice(t("attest-paused-toast"), self._paused(attempt))
        if is_old_copy(attempt, position, message_id):
            return Notice(t("attest-old-copy"), OldCopy(attempt.id))
        if position != attempt.current_index:
            if attempt.current_index >= attempt.total:
                raise Refusal(t("attest-stale"))
            return Notice(t("attest-stale"), await self._view(attempt, attempt.current_index))
        self._prefetched = rows  # the next question's row too: shown right after this answer, no second query
        row = rows.get(position)
        if row is None or row.answered_at is not None:
            raise Refusal(t("attest-stale"))
        return attempt, row, QuestionInstance.from_dict(row.instance)

    async def _answer(self, attempt: Attempt, row: AttemptQuestion, instance: QuestionInstance,
                      response: Any) -> Outcome:
        result = grade(instance, response)
        if not result.valid:
            return Notice(result.problem or t("attest-answer-unreadable"), await self._view(attempt, row.position))
        stored = {"value": response if not isinstance(response, set) else sorted(response)}
        exam = attempt.kind == Kind.EXAM
        recorded = (await self.attempts.record_and_advance(row.id, stored, result.correct, attempt.id, row.position)
                    if exam else await self.attempts.record_answer(row.id, stored, result.correct))
        if not recorded:
            raise Refusal(t("attest-stale"))  # a double tap or a re-delivered update: counted once already
        is_last = row.position + 1 >= attempt.total
        if exam:
            if is_last:
                return await self._finish(attempt)
            return await self._view(attempt, row.position + 1)
        # Practice stays on this question until «Дальше», so a typed reply cannot answer an unseen one.
        if is_last:
            await self._close(attempt)
        await self.bank_for(attempt.user_id, instance.topic_id)
        header = self._header(attempt, row.position, instance)
        return FeedbackView(attempt.id, row.position, f"{header}\n\n{feedback_text(instance, result)}",
                            result.correct, is_last, message_id=attempt.message_id)

    async def _pass_mark(self, attempt: Attempt) -> int | None:
        """The pass mark of an exam a team's settings drew; None: the standard one."""
        return await self.own.pass_mark(attempt) if self.own is not None and attempt.kind == Kind.EXAM else None

    async def _close(self, attempt: Attempt) -> AttemptSummary:
        rows = await self.attempts.questions(attempt.id)
        mark = await self._pass_mark(attempt)
        summary = summarize([(r.topic_id, bool(r.correct)) for r in rows if r.answered_at], attempt.kind, mark)
        passed = is_passed(summary.correct, summary.total, mark) if attempt.kind == Kind.EXAM else None
        await self.attempts.finish(attempt.id, summary.correct, summary.percent, passed)
        return summary

    async def _finish(self, attempt: Attempt) -> FinishedView:
        summary = await self._close(attempt)
        png = None
        if attempt.kind == Kind.EXAM:
            if summary.passed:
                png = await self._certify(attempt, summary)
            await self._exam_finished(attempt.id)
        fresh = await self.attempts.get(attempt.id)
        assert fresh is not None
        return await self.finished_view(fresh, png)

    async def _exam_finished(self, attempt_id: int) -> None:
        """Tell the teams (the owners who assigned this exam hear the result). A failure there may lose their
        notice, never the exam: it is logged, and the events write under a savepoint of their own."""
        try:
            await self.events.exam_finished(attempt_id)
        except Exception:
            logger.exception("Could not schedule the owners' notices for attempt %s", attempt_id)

    async def _certify(self, attempt: Attempt, summary: AttemptSummary) -> bytes:
        return await self._issuer().issue(attempt, summary, self.bot_username)

    def _header(self, attempt: Attempt, position: int, instance: QuestionInstance) -> str:
        title = self.bank.topic(instance.topic_id).title if self.bank.has_topic(instance.topic_id) else None
        return question_text(instance, position + 1, attempt.total, topic_title=title).split("\n\n")[0]

    async def _view(self, attempt: Attempt, position: int, picked: list[int] | None = None) -> QuestionView:
        prefetched = self._prefetched.get(position)
        # A prefetched row is as this update read it; a draft changed since comes in as `picked`.
        row = prefetched if prefetched is not None and prefetched.attempt_id == attempt.id else None
        if row is None:
            row = await self.attempts.question(attempt.id, position)
        assert row is not None
        instance = QuestionInstance.from_dict(row.instance)
        await self.bank_for(attempt.user_id, instance.topic_id)
        picked = list(row.draft or []) if picked is None else picked
        title = self.bank.topic(instance.topic_id).title if self.bank.has_topic(instance.topic_id) else None
        text = question_text(instance, position + 1, attempt.total, topic_title=title, picked=picked)
        return QuestionView(attempt.id, position, attempt.total, attempt.kind, instance.type, text,
                            button_labels(instance, picked), picked, message_id=attempt.message_id)


def is_old_copy(attempt: Attempt, position: int, message_id: int | None) -> bool:
    """A button on a copy of the question other than the live one (an older copy left up the chat): it must not
    answer. Unknown message ids (a typed answer, an attempt from before live copies were kept) are not judged,
    except that a button of an earlier question never stands for the current one."""
    if message_id is None or message_id == attempt.message_id:
        return False
    return attempt.message_id is not None or position != attempt.current_index
