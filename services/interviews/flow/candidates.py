"""Remote РОП interviews: the candidate link (single-use, 7 days, revocable) and the candidate's answers.

The candidate sees the questions only. He never gets an interview id he could use on the owner's
buttons: the owner's actions check ownership (FlowContext.owned), the candidate's check respondent_id.
"""

from __future__ import annotations

from datetime import UTC, datetime

from db.models import CandidateLink, Interview
from services.interviews.engine.cards import render_candidate_question
from services.interviews.engine.formatting import plural_ru
from services.interviews.engine.html_text import esc
from services.interviews.engine.tokens import LINK_TTL, hash_token, is_usable, new_token, start_param
from services.interviews.flow import texts
from services.interviews.flow.context import FlowContext
from services.interviews.flow.hiring_steps import clean_salary
from services.interviews.views import CandidateDoneView, CandidateQuestionView, LinkView, Notice

ANSWER_LIMIT = 4000
# Statuses of a remote interview before the owner rates: the link waits, the candidate answers, or it was
# called off. After that it is awaiting_rating, then done, like any interview.
INVITED, ANSWERING, REVOKED, AWAITING = "invited", "answering", "revoked", "awaiting_rating"


def as_utc(moment: datetime) -> datetime:
    # SQLite hands datetimes back without a zone; we store UTC, so naive means UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def fmt_date(moment: datetime) -> str:
    return as_utc(moment).strftime("%d.%m.%Y")


def link_url(bot_username: str, token: str) -> str:
    return f"https://t.me/{bot_username}?start={start_param(token)}"


class CandidateLinks:
    def __init__(self, ctx: FlowContext) -> None:
        self.ctx = ctx
        self.script = ctx.scripts.hiring

    @property
    def question_count(self) -> int:
        return len(self.script.remote_questions())

    # ---- the owner's side -----------------------------------------------------------------------

    async def create(self, owner_id: int, subject: str, bot_username: str) -> LinkView:
        interview = await self.ctx.interviews.create(owner_id, "rop", "remote", subject, INVITED)
        return await self._issue(interview, bot_username)

    async def renew(self, user_id: int, interview_id: int, bot_username: str) -> LinkView | Notice:
        interview = await self.ctx.owned(user_id, interview_id)
        if isinstance(interview, Notice):
            return interview
        if interview.status not in (INVITED, REVOKED):
            return Notice(texts.LINK_CANT_RENEW)
        await self.ctx.links.revoke_all(interview.id, self.ctx.clock())
        await self.ctx.interviews.change_status(interview.id, [INVITED, REVOKED], INVITED)
        return await self._issue(interview, bot_username)

    async def revoke(self, user_id: int, interview_id: int) -> LinkView | Notice:
        interview = await self.ctx.owned(user_id, interview_id)
        if isinstance(interview, Notice):
            return interview
        if interview.status not in (INVITED, ANSWERING, REVOKED):
            return Notice(texts.LINK_CANT_REVOKE)
        await self.ctx.links.revoke_all(interview.id, self.ctx.clock())
        await self.ctx.interviews.change_status(interview.id, [INVITED, ANSWERING], REVOKED)
        fresh = await self.ctx.interviews.get(interview.id)
        assert fresh is not None
        return await self.status(fresh)

    async def status(self, interview: Interview) -> LinkView:
        """What the owner sees when he opens a remote interview the candidate has not finished."""
        link = await self.ctx.links.latest_for(interview.id)
        if interview.status == REVOKED:
            status = texts.LINK_REVOKED
        elif interview.status == ANSWERING:
            status = texts.LINK_ANSWERING.format(done=interview.current_index, count=self.question_count)
        elif link is None or not self._usable(link)[0]:
            status = texts.LINK_EXPIRED
        else:
            status = texts.LINK_WAITING.format(expires=fmt_date(link.expires_at))
        text = texts.LINK_STATUS.format(name=esc(interview.subject), status=status)
        return LinkView(interview.id, text, can_revoke=interview.status in (INVITED, ANSWERING),
                        can_renew=interview.status in (INVITED, REVOKED))

    async def _issue(self, interview: Interview, bot_username: str) -> LinkView:
        token = new_token()
        now = self.ctx.clock()
        expires = now + LINK_TTL
        await self.ctx.links.create(interview.id, hash_token(token), now, expires)
        text = texts.LINK_CREATED.format(name=esc(interview.subject), url=esc(link_url(bot_username, token)),
                                         expires=fmt_date(expires), questions=self._questions_text())
        return LinkView(interview.id, text, can_revoke=True, can_renew=True)

    def _questions_text(self) -> str:
        count = self.question_count
        return f"{count} {plural_ru(count, 'вопрос', 'вопроса', 'вопросов')}"

    def _usable(self, link: CandidateLink) -> tuple[bool, str]:
        return is_usable(link.created_at, link.used_at, link.revoked_at, self.ctx.clock())

    # ---- the candidate's side -------------------------------------------------------------------

    async def open_link(self, user_id: int, token: str) -> CandidateQuestionView | Notice:
        link = await self.ctx.links.by_hash(hash_token(token))
        interview = await self.ctx.interviews.get(link.interview_id) if link is not None else None
        if link is None or interview is None:
            return Notice(texts.LINK_UNKNOWN)
        if interview.owner_id == user_id:
            return Notice(texts.OWN_LINK)
        if link.used_by == user_id and link.revoked_at is None:
            # The candidate himself coming back: continue where he stopped, or thank him again.
            if interview.status == ANSWERING and interview.respondent_id == user_id:
                return self._question(interview, interview.current_index, texts.CANDIDATE_WELCOME)
            if interview.status in (AWAITING, "done"):
                return Notice(texts.CANDIDATE_ALREADY_ANSWERED)
        usable, reason = self._usable(link)
        if not usable:
            return Notice(reason)
        if interview.status != INVITED:
            return Notice(texts.CANDIDATE_CLOSED)
        if not await self.ctx.links.mark_used(link.id, user_id, self.ctx.clock()):
            # Someone else opened it a moment earlier: say why, from the row as it is now.
            fresh = await self.ctx.links.by_hash(link.token_hash)
            return Notice((self._usable(fresh)[1] if fresh else "") or texts.CANDIDATE_CLOSED)
        await self.ctx.interviews.change_status(interview.id, [INVITED], ANSWERING, respondent_id=user_id,
                                                current_index=0)
        return self._question(interview, 0, texts.CANDIDATE_WELCOME)

    async def current_question(self, user_id: int, interview_id: int) -> CandidateQuestionView | Notice:
        interview = await self._answering(user_id, interview_id)
        if isinstance(interview, Notice):
            return interview
        return self._question(interview, interview.current_index, None)

    async def answer(self, user_id: int, interview_id: int, *, text: str | None = None,
                     voice_file_id: str | None = None) -> CandidateQuestionView | CandidateDoneView | Notice:
        """Store the answer to the current question and show the next one (or thank and notify)."""
        interview = await self._answering(user_id, interview_id)
        if isinstance(interview, Notice):
            return interview
        questions = self.script.remote_questions()
        index = interview.current_index
        competency_id, question = questions[index]
        cleaned = (text or "").strip()[:ANSWER_LIMIT] or None
        await self.ctx.interviews.save_answer(interview.id, competency_id or question.id, text=cleaned,
                                              voice_file_id=voice_file_id if cleaned is None else None)
        if competency_id is None:  # the salary question: shown next to the result
            await self.ctx.interviews.update(interview.id, salary=clean_salary(cleaned) if cleaned else None)
        if not await self.ctx.interviews.move(interview.id, index, index + 1, status=ANSWERING):
            return await self.current_question(user_id, interview_id)
        if index + 1 < len(questions):
            return self._question(interview, index + 1, texts.CANDIDATE_SAVED)
        await self.ctx.interviews.change_status(interview.id, [ANSWERING], AWAITING, current_index=0)
        return CandidateDoneView(interview.id, texts.CANDIDATE_DONE, interview.owner_id,
                                 texts.OWNER_NOTIFIED.format(name=esc(interview.subject)))

    async def _answering(self, user_id: int, interview_id: int) -> Interview | Notice:
        interview = await self.ctx.interviews.get(interview_id)
        if interview is None or interview.respondent_id != user_id:
            return Notice(texts.CANDIDATE_CLOSED)
        if interview.status in (AWAITING, "done"):
            return Notice(texts.CANDIDATE_ALREADY_ANSWERED)
        if interview.status != ANSWERING:
            return Notice(texts.CANDIDATE_CLOSED)
        return interview

    def _question(self, interview: Interview, index: int, prefix: str | None) -> CandidateQuestionView:
        questions = self.script.remote_questions()
        _, question = questions[index]
        body = render_candidate_question(self.script, question.id, position=index + 1, total=len(questions))
        if prefix == texts.CANDIDATE_WELCOME:
            prefix = prefix.format(questions=self._questions_text())
        return CandidateQuestionView(interview.id, index, f"{prefix}\n\n{body}" if prefix else body)
