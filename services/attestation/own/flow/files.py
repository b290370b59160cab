"""Files in and out of a team's bank: the XLSX template, importing XLSX / GIFT / Aiken (a preview first, then all
or nothing), exporting to XLSX and GIFT.

The chat keeps only the file's Telegram id between the preview and «Импортировать»: the file is read and checked
again on the second tap, so what is saved is exactly what was checked, and nothing big sits in the FSM data.
"""

from __future__ import annotations

import asyncio
import html
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath

from db.models import OwnTopic, Team
from services.attestation.own.engine.gift import GiftTopic, write_gift
from services.attestation.own.engine.importing import MAX_FILE_BYTES, ImportCheck, check_file
from services.attestation.own.engine.model import QuestionBody, one_line
from services.attestation.own.engine.template import template
from services.attestation.own.engine.validate import TOPIC_TITLE_MAX
from services.attestation.own.engine.xlsx import XlsxTopic, write_xlsx
from services.attestation.own.flow.context import QUESTIONS_PER_TEAM, TOPICS_PER_TEAM, BankContext
from services.attestation.own.views import FileOut, ImportPreview
from services.notice import Refusal
from services.texts import t

MB = 1024 * 1024
ERRORS_SHOWN_CHARS = 3000  # the rest of a long error list comes as a text file
TYPE_SHORT_KEYS = {"single": "bank-type-short-single", "multiple": "bank-type-short-multiple",
                   "numeric": "bank-type-short-numeric", "ordering": "bank-type-short-ordering",
                   "matching": "bank-type-short-matching"}
FORMAT_NAMES = {"xlsx": "XLSX", "gift": "GIFT", "aiken": "Aiken"}


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def require_small(size: int | None) -> None:
    """Refuse a file over the import limit before it is downloaded."""
    if size is not None and size > MAX_FILE_BYTES:
        raise Refusal(t("bank-file-too-big", limit=MAX_FILE_BYTES // MB))


@dataclass(frozen=True)
class _Plan:
    """What an import would do: the check, the team's topics by title, the questions to add per topic title."""

    check: ImportCheck
    existing: dict[str, OwnTopic]  # casefolded title → topic
    to_add: dict[str, list[QuestionBody]]  # topic title (as in the file) → new questions
    duplicates: int
    new_topics: list[str]


class BankFiles:
    def __init__(self, ctx: BankContext) -> None:
        self.ctx = ctx
        self.repo = ctx.repo

    # ---- the template and exports ---------------------------------------------------------------------
    async def template_file(self, user_id: int, team_id: int) -> FileOut:
        await self.ctx.editable(user_id, team_id)
        data = await asyncio.to_thread(write_xlsx, [])
        return FileOut(data, template().file_name, t("bank-template-caption"))

    async def check_editor(self, user_id: int, team_id: int) -> Team:
        return await self.ctx.editable(user_id, team_id)

    async def _contents(self, team_id: int) -> list[tuple[OwnTopic, list[QuestionBody]]]:
        topics = await self.repo.topics(team_id)
        by_topic: dict[int, list[QuestionBody]] = defaultdict(list)
        for row in await self.repo.team_questions(team_id):
            by_topic[row.question.topic_id].append(QuestionBody.from_json(row.body))
        return [(topic, by_topic.get(topic.id, [])) for topic in topics]

    async def export_xlsx(self, user_id: int, team_id: int) -> FileOut:
        team = await self.ctx.editable(user_id, team_id)
        contents = await self._contents(team.id)
        topics = [XlsxTopic(topic.title, topic.card_text, topic.card_url or "", questions)
                  for topic, questions in contents]
        data = await asyncio.to_thread(write_xlsx, topics)
        return FileOut(data, f"questions-{team.id}-{self._stamp()}.xlsx", self._caption(team, contents))

    async def export_gift(self, user_id: int, team_id: int) -> FileOut:
        team = await self.ctx.editable(user_id, team_id)
        contents = await self._contents(team.id)
        text = write_gift([GiftTopic(topic.title, topic.card_text, questions) for topic, questions in contents])
        return FileOut(text.encode("utf-8"), f"questions-{team.id}-{self._stamp()}.gift.txt",
                       self._caption(team, contents))

    def _stamp(self) -> str:
        return self.ctx.now().strftime("%Y-%m-%d")

    def _caption(self, team: Team, contents: list[tuple[OwnTopic, list[QuestionBody]]]) -> str:
        return t("bank-export-caption", team=_esc(team.name), topics=len(contents),
                 questions=sum(len(questions) for _, questions in contents))

    # ---- importing ------------------------------------------------------------------------------------
    async def ask_file(self, user_id: int, team_id: int, topic_id: int = 0) -> str:
        team = await self.ctx.editable(user_id, team_id)
        topic = await self._target_topic(user_id, team, topic_id)
        where = t("bank-import-into-topic", title=_esc(topic.title)) if topic else t("bank-import-into-file")
        return t("bank-import-ask", limit=MAX_FILE_BYTES // MB, where=where)

    async def _target_topic(self, user_id: int, team: Team, topic_id: int) -> OwnTopic | None:
        if not topic_id:
            return None
        found_team, topic = await self.ctx.topic_to_edit(user_id, topic_id)
        if found_team.id != team.id:
            raise Refusal(t("bank-ed-stale"))
        return topic

    async def _plan(self, user_id: int, team_id: int, topic_id: int, data: bytes, file_name: str) -> _Plan:
        team = await self.ctx.editable(user_id, team_id)
        topic = await self._target_topic(user_id, team, topic_id)
        default = topic.title if topic else (one_line(PurePath(file_name).stem.split(".")[0])[:TOPIC_TITLE_MAX]
                                             or t("bank-default-topic"))
        check = await asyncio.to_thread(check_file, data, file_name, default)
        existing = {item.title.casefold(): item for item in await self.repo.topics(team.id)}
        known: dict[int, set[str]] = defaultdict(set)
        for row in await self.repo.team_questions(team.id):
            known[row.question.topic_id].add(_fingerprint(QuestionBody.from_json(row.body)))
        to_add: dict[str, list[QuestionBody]] = defaultdict(list)
        titles: dict[str, str] = {}
        duplicates = 0
        for question in check.questions:
            title = titles.setdefault(question.topic.casefold(), question.topic)
            target = existing.get(title.casefold())
            if target is not None and _fingerprint(question.body) in known[target.id]:
                duplicates += 1
                continue
            to_add[title].append(question.body)
        for item in check.topics:
            titles.setdefault(item.title.casefold(), item.title)
        new_topics = [title for key, title in titles.items() if key not in existing]
        if check.ok:
            if await self.repo.count_topics(team.id) + len(new_topics) > TOPICS_PER_TEAM:
                check.errors.append(t("bank-limit-topics", limit=TOPICS_PER_TEAM))
            adding = sum(len(items) for items in to_add.values())
            if await self.repo.count_questions(team.id) + adding > QUESTIONS_PER_TEAM:
                check.errors.append(t("bank-limit-questions", limit=QUESTIONS_PER_TEAM))
        return _Plan(check, existing, dict(to_add), duplicates, new_topics)

    async def preview(self, user_id: int, team_id: int, topic_id: int, data: bytes, file_name: str) -> ImportPreview:
        plan = await self._plan(user_id, team_id, topic_id, data, file_name)
        check = plan.check
        head = t("bank-import-file", name=_esc(file_name), format=FORMAT_NAMES[check.format])
        if not check.ok:
            return self._errors(team_id, head, check.errors)
        total = len(check.questions)
        counts = ", ".join(t("bank-import-type-count", count=count, kind=t(TYPE_SHORT_KEYS[kind]))
                           for kind, count in check.by_type.items())
        lines = [head, t("bank-import-found", count=total, topics=len(check.topic_titles), types=counts or "—")]
        for title in check.topic_titles:
            adding = len(plan.to_add.get(title, []))
            status = "new" if title.casefold() not in plan.existing else "old"
            lines.append(t("bank-import-topic", title=_esc(title), count=adding, status=status))
        if plan.duplicates:
            lines.append(t("bank-import-duplicates", count=plan.duplicates))
        if check.warnings:
            lines += ["", t("bank-import-warnings"), *(f"• {_esc(w)}" for w in check.warnings[:10])]
        lines += ["", t("bank-import-confirm")]
        return ImportPreview(team_id, "\n".join(lines), True)

    def _errors(self, team_id: int, head: str, errors: list[str]) -> ImportPreview:
        lines = [head, t("bank-import-errors", count=len(errors))]
        shown = 0
        size = sum(len(line) for line in lines)
        for error in errors:
            line = f"• {_esc(error)}"
            if size + len(line) > ERRORS_SHOWN_CHARS:
                break
            lines.append(line)
            size += len(line) + 1
            shown += 1
        attachment = None
        if shown < len(errors):
            lines.append(t("bank-import-errors-more", count=len(errors) - shown))
            attachment = "\n".join(errors).encode("utf-8")
        return ImportPreview(team_id, "\n".join(lines), False, attachment)

    async def commit(self, user_id: int, team_id: int, topic_id: int, data: bytes, file_name: str) -> str:
        """Save everything the file holds, or nothing (a refusal names why). The text of what was done."""
        plan = await self._plan(user_id, team_id, topic_id, data, file_name)
        if not plan.check.ok:
            raise Refusal(t("bank-import-failed"))
        now = self.ctx.now()
        topics = dict(plan.existing)
        cards = {item.title.casefold(): item for item in plan.check.topics}
        for title in plan.check.topic_titles:
            card = cards.get(title.casefold())
            target = topics.get(title.casefold())
            if target is None:
                target = await self.repo.create_topic(team_id, title, now, card.card if card else "",
                                                      card.url if card else None)
                topics[title.casefold()] = target
            elif card is not None and not target.card_text.strip():
                await self.repo.update_topic(target.id, card_text=card.card, card_url=card.url or target.card_url)
        added = 0
        for title, bodies in plan.to_add.items():
            target = topics[title.casefold()]
            for body in bodies:
                await self.repo.add_question(team_id, target.id, body.to_json(), user_id, now)
                added += 1
        await self.ctx.changed(team_id)
        return t("bank-import-done", count=added, topics=len(plan.check.topic_titles), new=len(plan.new_topics))


def _fingerprint(body: QuestionBody) -> str:
    return repr(sorted(body.normalized().to_json().items()))
