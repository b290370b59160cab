"""Answering a day's drill: each answer is graded by the quiz engine, rated (engine.memory.rating_for), logged,
and moves the question's FSRS card; the verdict and the explanation come right after it, then the next question,
and the last one ends with the day's summary («3 из 3, серия 12 дней»).

Everything is stored as it happens (the position, the picks of a multi-tap question, the review), so a restart
in the middle of a drill loses nothing. A drill that is over (done, or missed because the next one came) answers
its old buttons with a short notice.
"""

from __future__ import annotations

from typing import Any

from db.models import DrillRun
from db.repositories.drill import NewReview
from services.attestation.drill.engine.memory import rating_for, review
from services.attestation.drill.engine.render import question_head, summary_text, topic_title
from services.attestation.drill.engine.status import ANSWERABLE, RunStatus
from services.attestation.drill.flow.context import DrillContext, card_state, card_values
from services.attestation.drill.views import FeedbackView, Outcome, QuestionView
from services.attestation.engine.grading import feedback_text, grade
from services.attestation.engine.instance import QuestionInstance, make_instance
from services.attestation.engine.render import button_labels, question_text
from services.clock import as_utc
from services.notice import Notice, Refusal
from services.texts import t

OVER_KEYS = {RunStatus.DONE: "drill-over-done", RunStatus.MISSED: "drill-over-missed"}


class DrillAnswers:
    def __init__(self, ctx: DrillContext) -> None:
        self.ctx = ctx
        self.drills = ctx.drills

    # ---- showing ----------------------------------------------------------------------------------
    def question_view(self, run: DrillRun, position: int, picked: list[int] | None = None) -> QuestionView:
        instance = self._instance(run, position)
        picked = list(run.draft or []) if picked is None else picked
        total = len(run.questions)
        body = question_text(instance, position + 1, total, topic_title=self._title(instance), picked=picked)
        head = question_head(run.day)
        if position == 0 and run.note:
            head = f"{run.note}\n\n{head}"
        return QuestionView(run.id, position, total, instance.type, f"{head}\n{body}",
                            tuple(button_labels(instance, picked)), tuple(picked))

    async def set_message(self, run_id: int, message_id: int) -> None:
        """The message that shows the drill now (a new one after a typed answer)."""
        await self.drills.set_run(run_id, {"message_id": message_id})

    # ---- answering --------------------------------------------------------------------------------
    async def tap(self, user_id: int, run_id: int, position: int, value: int) -> Outcome:
        """A button under a question: a choice, an item placed in order, or a match picked."""
        checked = await self._checked(user_id, run_id, position)
        if isinstance(checked, Notice):
            return checked
        run, instance = checked
        if not 0 <= value < len(instance.choices):
            raise Refusal(t("drill-no-option"))
        if instance.type == "single":
            return await self._answer(run, instance, value)
        picked = list(run.draft or [])
        if instance.type == "multiple":
            picked = sorted(set(picked) ^ {value})
        elif value in picked:
            raise Refusal(t("drill-already-picked"))
        else:
            picked.append(value)
        if instance.type in ("ordering", "matching") and len(picked) == len(instance.choices):
            return await self._answer(run, instance, picked)
        await self.drills.set_run(run.id, {"draft": picked})
        return self.question_view(run, position, picked)

    async def done(self, user_id: int, run_id: int, position: int) -> Outcome:
        """«Готово» under a multiple-choice question."""
        checked = await self._checked(user_id, run_id, position)
        if isinstance(checked, Notice):
            return checked
        run, instance = checked
        if not run.draft:
            raise Refusal(t("drill-nothing-ticked"))
        return await self._answer(run, instance, list(run.draft))

    async def reset(self, user_id: int, run_id: int, position: int) -> Outcome:
        checked = await self._checked(user_id, run_id, position)
        if isinstance(checked, Notice):
            return checked
        run, _ = checked
        await self.drills.set_run(run.id, {"draft": None})
        return self.question_view(run, position, [])

    async def typed(self, user_id: int, text: str) -> Outcome | None:
        """A typed message outside any flow: the answer to the drill's open numeric question; None when there is
        no such question (the message is not the drill's)."""
        run = await self.drills.latest_answerable(user_id)
        if run is None or run.answered != run.position or run.position >= len(run.questions):
            return None
        instance = self._instance(run, run.position)
        if instance.type != "numeric":
            return None
        return await self._answer(run, instance, text)

    async def next(self, user_id: int, run_id: int, position: int) -> QuestionView | FeedbackView:
        """«Дальше» after the verdict: the next question (a second tap shows it again)."""
        run = await self._own(user_id, run_id)
        if run.status in ANSWERABLE:
            await self.drills.advance(run.id, position, self.ctx.now())
            run = await self._own(user_id, run_id)
        if run.status not in ANSWERABLE or run.position >= len(run.questions):
            raise Refusal(t(OVER_KEYS.get(RunStatus(run.status), "drill-stale")))
        if run.answered > run.position:
            raise Refusal(t("drill-stale"))
        return self.question_view(run, run.position)

    # ---- internals --------------------------------------------------------------------------------
    async def _own(self, user_id: int, run_id: int) -> DrillRun:
        run = await self.drills.run(run_id)
        if run is None or run.user_id != user_id:
            raise Refusal(t("drill-foreign"))
        return run

    async def _checked(self, user_id: int, run_id: int, position: int) -> tuple[DrillRun, QuestionInstance] | Notice:
        """The drill and the question's instance when this button may answer it; a Notice with the live question
        for an older button of a live drill; a Refusal otherwise."""
        run = await self._own(user_id, run_id)
        if run.status not in ANSWERABLE:
            raise Refusal(t(OVER_KEYS.get(RunStatus(run.status), "drill-stale")))
        if position != run.position or run.answered > run.position:
            if run.answered > run.position or run.position >= len(run.questions):
                raise Refusal(t("drill-stale"))
            return Notice(t("drill-stale"), self.question_view(run, run.position))
        return run, self._instance(run, position)

    async def _answer(self, run: DrillRun, instance: QuestionInstance, response: Any) -> Outcome:
        position = run.position
        result = grade(instance, response)
        if not result.valid:
            return Notice(result.problem or t("drill-stale"), self.question_view(run, position))
        now = self.ctx.now()
        stored = await self.drills.card(run.user_id, instance.question_id)
        card = card_state(stored) if stored is not None else None
        seconds = (now - as_utc(run.shown_at)).total_seconds() if run.shown_at else None
        rating = rating_for(result.correct, card, seconds, instance.type)
        reviewed = review(card, instance.question_id, instance.topic_id, rating, as_utc(run.due_at))
        last = position + 1 >= len(run.questions)
        logged = await self.drills.add_review(NewReview(
            run.user_id, run.id, position, instance.question_id, instance.topic_id, result.correct, int(rating),
            reviewed.elapsed_days, reviewed.card.interval_days, _millis(seconds), reviewed.card.last_review, now))
        if not logged or not await self.drills.record_answer(run.id, position, result.correct, now, last):
            raise Refusal(t("drill-stale"))  # a double tap or a re-delivered update: counted once already
        await self.drills.save_card(run.user_id, card_values(reviewed.card))
        header = question_text(instance, position + 1, len(run.questions),
                               topic_title=self._title(instance)).split("\n\n")[0]
        text = f"{question_head(run.day)}\n{header}\n\n{feedback_text(instance, result)}"
        if last:
            done = await self.drills.run(run.id)
            assert done is not None
            text += "\n\n" + summary_text(done.correct, len(done.questions), await self.ctx.streak(run.user_id))
        return FeedbackView(run.id, position, text, last)

    def _instance(self, run: DrillRun, position: int) -> QuestionInstance:
        question_id = run.questions[position]
        if not self.ctx.bank.has_question(question_id):
            raise Refusal(t("drill-question-gone"))
        return make_instance(self.ctx.bank.question(question_id), run.seed)

    def _title(self, instance: QuestionInstance) -> str | None:
        return topic_title(self.ctx.bank, instance.topic_id) if self.ctx.bank.has_topic(instance.topic_id) else None


def _millis(seconds: float | None) -> int | None:
    return None if seconds is None else max(0, min(int(seconds * 1000), 2**31 - 1))

