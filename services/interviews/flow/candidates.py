"""Remote hiring interviews: the candidate link (single-use, LINK_TTL, revocable) and the candidate's answers.

The candidate sees the questions only. He never gets an interview id he could use on the owner's
buttons: the owner's actions check ownership (FlowContext.owned), the candidate's check respondent_id.
"""

from __future__ import annotations

from datetime import UTC, datetime

from db.models import CandidateLink, Interview, InterviewAnswer
from services.interviews.engine.cards import render_candidate_question
from services.interviews.engine.html_text import esc
from services.interviews.engine.kinds import Mode, Script
from services.interviews.engine.tokens import LINK_TTL, hash_token, is_usable, new_token, start_param
from services.interviews.flow.context import FlowContext
from services.interviews.flow.hiring_steps import clean_salary
from services.interviews.views import CandidateDoneView, CandidateHint, CandidateQuestionView, LinkView, OwnLinkView
from services.notice import Notice
from services.texts import t

ANSWER_LIMIT = 4000
# An answer to a competency question with fewer letters and digits than this («ок», «да, было») gets one request
# for more; whatever comes next is added to it and accepted. The salary question takes a bare figure.
MIN_ANSWER_LETTERS = 20
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


def _too_short(text: str) -> bool:
    return sum(ch.isalnum() for ch in text) < MIN_ANSWER_LETTERS


def candidate_closed() -> str:
    """For a candidate whose interview is over or was called off."""
    return t("interview-candidate-closed")


class CandidateLinks:
    def __init__(self, ctx: FlowContext) -> None:
        self.ctx = ctx
        self.script = ctx.scripts.hiring

    @property
    def question_count(self) -> int:
        return len(self.script.remote_questions())

    # ---- the owner's side -----------------------------------------------------------------------

    async def create(self, owner_id: int, subject: str, bot_username: str) -> LinkView:
        interview = await self.ctx.interviews.create(owner_id, Script.HIRING, Mode.REMOTE, subject, INVITED)
        return await self._issue(interview, bot_username)

    async def renew(self, user_id: int, interview_id: int, bot_username: str) -> LinkView | Notice:
        interview = await self.ctx.owned(user_id, interview_id)
        if interview.status not in (INVITED, REVOKED):
            return Notice(t("interview-link-cant-renew"))
        await self.ctx.links.revoke_all(interview.id, self.ctx.clock())
        await self.ctx.interviews.change_status(interview.id, [INVITED, REVOKED], INVITED)
        return await self._issue(interview, bot_username)

    async def revoke(self, user_id: int, interview_id: int) -> LinkView | Notice:
        interview = await self.ctx.owned(user_id, interview_id)
        if interview.status not in (INVITED, ANSWERING, REVOKED):
            return Notice(t("interview-link-cant-revoke"))
        await self.ctx.links.revoke_all(interview.id, self.ctx.clock())
        await self.ctx.interviews.change_status(interview.id, [INVITED, ANSWERING], REVOKED)
        fresh = await self.ctx.interviews.get(interview.id)
        assert fresh is not None
        return await self.status(fresh)

    async def status(self, interview: Interview) -> LinkView:
        """What the owner sees when he opens a remote interview the candidate has not finished."""
        link = await self.ctx.links.latest_for(interview.id)
        if interview.status == REVOKED:
            status = t("interview-link-status-revoked")
        elif interview.status == ANSWERING:
            status = t("interview-link-status-answering", done=interview.current_index, count=self.question_count)
        elif link is None or not self._usable(link)[0]:
            status = t("interview-link-status-expired")
        else:
            status = t("interview-link-status-waiting", expires=fmt_date(link.expires_at))
        text = t("interview-link-status", name=esc(interview.subject), status=status)
        return LinkView(interview.id, text, can_revoke=interview.status in (INVITED, ANSWERING),
                        can_renew=interview.status in (INVITED, REVOKED))

    async def _issue(self, interview: Interview, bot_username: str) -> LinkView:
        token = new_token()
        now = self.ctx.clock()
        expires = now + LINK_TTL
        await self.ctx.links.create(interview.id, hash_token(token), now, expires)
        text = t("interview-link-created", name=esc(interview.subject), url=esc(link_url(bot_username, token)),
                 days=LINK_TTL.days, expires=fmt_date(expires), count=self.question_count)
        return LinkView(interview.id, text, can_revoke=True, can_renew=True)

    def _usable(self, link: CandidateLink) -> tuple[bool, str]:
        return is_usable(link.created_at, link.used_at, link.revoked_at, self.ctx.clock())

    # ---- the candidate's side -------------------------------------------------------------------

    async def open_link(self, user_id: int, token: str | None) -> CandidateQuestionView | OwnLinkView | Notice:
        """The candidate opens t.me/<bot>?start=cand_<token>: his first question, or why not (a Notice ends
        whatever flow he was in). The owner opening his own link keeps his flow."""
        link = await self.ctx.links.by_hash(hash_token(token)) if token else None
        interview = await self.ctx.interviews.get(link.interview_id) if link is not None else None
        if link is None or interview is None:
            return Notice(t("interview-link-unknown"))
        if interview.owner_id == user_id:
            return OwnLinkView(t("interview-own-link"))
        if link.used_by == user_id and link.revoked_at is None:
            # The candidate himself coming back: continue where he stopped, or thank him again.
            if interview.status == ANSWERING and interview.respondent_id == user_id:
                return self._question(interview, interview.current_index, self._welcome())
            if interview.status in (AWAITING, "done"):
                return Notice(t("interview-candidate-already-answered"))
        usable, reason = self._usable(link)
        if not usable:
            return Notice(reason)
        if interview.status != INVITED:
            return Notice(candidate_closed())
        if not await self.ctx.links.mark_used(link.id, user_id, self.ctx.clock()):
            # Someone else opened it a moment earlier: say why, from the row as it is now.
            fresh = await self.ctx.links.by_hash(link.token_hash)
            return Notice((self._usable(fresh)[1] if fresh else "") or candidate_closed())
        await self.ctx.interviews.change_status(interview.id, [INVITED], ANSWERING, respondent_id=user_id,
                                                current_index=0)
        return self._question(interview, 0, self._welcome())

    async def current_question(self, user_id: int, interview_id: int) -> CandidateQuestionView | Notice:
        interview = await self._answering(user_id, interview_id)
        if isinstance(interview, Notice):
            return interview
        return self._question(interview, interview.current_index, None)

    async def answer(self, user_id: int, interview_id: int | None, *, text: str | None = None,
                     voice_file_id: str | None = None, voice_seconds: int | None = None,
                     ) -> CandidateQuestionView | CandidateDoneView | CandidateHint | Notice:
        """Store the answer to the current question and show the next one (or thank and notify). A bare «ок»
        gets one request for more: the next message is added to it (see MIN_ANSWER_LETTERS)."""
        interview = await self._answering(user_id, interview_id)
        if isinstance(interview, Notice):
            return interview
        questions = self.script.remote_questions()
        index = interview.current_index
        competency_id, question = questions[index]
        item = competency_id or question.id
        cleaned = (text or "").strip()[:ANSWER_LIMIT] or None
        asked_more = await self.ctx.interviews.answer(interview.id, item)  # the short answer given before, if any
        if asked_more is not None and (asked_more.text or asked_more.voice_file_id):
            await self._add_to(asked_more, cleaned, voice_file_id, voice_seconds)
        else:
            await self.ctx.interviews.save_answer(interview.id, item, text=cleaned,
                                                  voice_file_id=voice_file_id if cleaned is None else None,
                                                  voice_seconds=voice_seconds if cleaned is None else None)
            if competency_id is not None and cleaned is not None and _too_short(cleaned):
                return CandidateHint(t("interview-candidate-more"))
        if competency_id is None:  # the salary question: shown next to the result
            await self.ctx.interviews.update(interview.id, salary=clean_salary(cleaned) if cleaned else None)
        if not await self.ctx.interviews.move(interview.id, index, index + 1, status=ANSWERING):
            return await self.current_question(user_id, interview.id)
        if index + 1 < len(questions):
            return self._question(interview, index + 1, t("interview-candidate-saved"))
        await self.ctx.interviews.change_status(interview.id, [ANSWERING], AWAITING, current_index=0)
        return CandidateDoneView(interview.id, t("interview-candidate-done"), interview.owner_id,
                                 t("interview-owner-notified", name=esc(interview.subject)))

    async def _add_to(self, row: InterviewAnswer, text: str | None, voice_file_id: str | None,
                      voice_seconds: int | None) -> None:
        """The candidate's second message after «это весь ответ?»: added to the first, then accepted."""
        if text is not None:
            joined = f"{row.text}\n{text}" if row.text else text
            await self.ctx.interviews.save_answer(row.interview_id, row.item_id, text=joined[:ANSWER_LIMIT])
        elif voice_file_id is not None:
            await self.ctx.interviews.save_answer(row.interview_id, row.item_id, voice_file_id=voice_file_id,
                                                  voice_seconds=voice_seconds)

    async def pause(self, user_id: int, interview_id: int | None) -> CandidateHint | Notice:
        """/cancel from the candidate: his answers wait; he is told how to come back to the questions."""
        interview = await self._answering(user_id, interview_id)
        if isinstance(interview, Notice):
            return interview
        count = self.question_count
        return CandidateHint(t("interview-candidate-paused", done=interview.current_index, count=count,
                               next=min(interview.current_index + 1, count)), resume=True)

    async def resume(self, user_id: int) -> CandidateQuestionView | Notice:
        """«Продолжить» after a pause: the question he stopped at."""
        interview = await self.ctx.interviews.latest_of_respondent(user_id, ANSWERING)
        if interview is None:
            return Notice(candidate_closed())
        return self._question(interview, interview.current_index, None)

    async def _answering(self, user_id: int, interview_id: int | None) -> Interview | Notice:
        """The interview this candidate is answering now; why not (a Notice) when he is not."""
        interview = await self.ctx.interviews.get(interview_id) if interview_id is not None else None
        if interview is None or interview.respondent_id != user_id:
            return Notice(candidate_closed())
        if interview.status in (AWAITING, "done"):
            return Notice(t("interview-candidate-already-answered"))
        if interview.status != ANSWERING:
            return Notice(candidate_closed())
        return interview

    def _welcome(self) -> str:
        return t("interview-candidate-welcome", count=self.question_count)

    def _question(self, interview: Interview, index: int, prefix: str | None) -> CandidateQuestionView:
        questions = self.script.remote_questions()
        _, question = questions[index]
        body = render_candidate_question(self.script, question.id, position=index + 1, total=len(questions))
        return CandidateQuestionView(interview.id, index, f"{prefix}\n\n{body}" if prefix else body)
