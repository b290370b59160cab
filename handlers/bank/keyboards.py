"""Keyboards of a team's own questions, from the views the services return."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.attestation.callbacks import LearnAction, LearnCallback
from handlers.bank.callbacks import (
    BankAction,
    BankCallback,
    CardAction,
    CardCallback,
    DraftAction,
    DraftCallback,
    ExamAction,
    ExamCallback,
    FileAction,
    FileCallback,
    TopicDraftAction,
    TopicDraftCallback,
)
from handlers.keyboards import home_button
from handlers.team.callbacks import TeamAction, TeamCallback
from services.attestation.own.views import (
    Confirm,
    EditorsView,
    EditorView,
    ExamView,
    HomeView,
    OwnCard,
    QuestionView,
    Saved,
    Step,
    TeamsView,
    TopicView,
)
from services.texts import t

LABEL_LIMIT = 48
PICKED, NOT_PICKED = "✅", "▫️"


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def _button(builder: InlineKeyboardBuilder, text: str, data: CallbackData) -> None:
    builder.button(text=_short(text), callback_data=data)


def _bank(a: BankAction, team_id: int, x: int = 0, page: int = 0) -> BankCallback:
    return BankCallback(a=a, t=team_id, x=x, p=page)


def _pages(builder: InlineKeyboardBuilder, action: BankAction, team_id: int, x: int, page: int, pages: int) -> int:
    """◀ ▶ between pages; returns how many arrows were added (for the layout)."""
    arrows = 0
    if page > 0:
        _button(builder, t("bank-button-back-page"), _bank(action, team_id, x, page - 1))
        arrows += 1
    if page + 1 < pages:
        _button(builder, t("bank-button-next-page"), _bank(action, team_id, x, page + 1))
        arrows += 1
    return arrows


def teams(view: TeamsView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for item in view.teams:
        _button(builder, f"📚 {item.label}", _bank(BankAction.HOME, item.id))
    builder.row(home_button())
    builder.adjust(1)
    return builder.as_markup()


def home(view: HomeView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    team = view.team_id
    for item in view.topics:
        _button(builder, item.label, _bank(BankAction.TOPIC, team, item.id))
    arrows = _pages(builder, BankAction.HOME, team, 0, view.page, view.pages)
    _button(builder, t("bank-button-new-topic"), _bank(BankAction.NEW_TOPIC, team))
    _button(builder, t("bank-button-import"), FileCallback(a=FileAction.IMPORT, t=team))
    _button(builder, t("bank-button-template"), FileCallback(a=FileAction.TEMPLATE, t=team))
    extra = 0
    if view.has_questions:
        _button(builder, t("bank-button-export-xlsx"), FileCallback(a=FileAction.EXPORT_XLSX, t=team))
        _button(builder, t("bank-button-export-gift"), FileCallback(a=FileAction.EXPORT_GIFT, t=team))
        extra = 1
    _button(builder, t("bank-button-stats"), FileCallback(a=FileAction.STATS, t=team))
    if view.owner:
        _button(builder, t("bank-button-exam"), ExamCallback(a=ExamAction.VIEW, t=team))
        _button(builder, t("bank-button-editors"), _bank(BankAction.EDITORS, team))
        _button(builder, t("bank-button-to-team"), TeamCallback(a=TeamAction.OPEN, t=team))
    else:
        builder.add(home_button())
    layout = [1] * len(view.topics) + ([arrows] if arrows else []) + [1, 2] + ([2] * extra)
    layout += [1, 2, 1] if view.owner else [1, 1]
    builder.adjust(*layout)
    return builder.as_markup()


def topic(view: TopicView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    team, topic_id = view.team_id, view.topic_id
    _button(builder, t("bank-button-new-question"), DraftCallback(a=DraftAction.NEW, t=team, x=topic_id))
    for item in view.questions:
        _button(builder, item.label, _bank(BankAction.QUESTION, team, item.id))
    arrows = _pages(builder, BankAction.TOPIC, team, topic_id, view.page, view.pages)
    _button(builder, t("bank-button-import-topic"), FileCallback(a=FileAction.IMPORT, t=team, x=topic_id))
    _button(builder, t("bank-button-card"), _bank(BankAction.CARD, team, topic_id))
    _button(builder, t("bank-button-rename"), _bank(BankAction.RENAME, team, topic_id))
    if view.hidden:
        _button(builder, t("bank-button-show-topic"), _bank(BankAction.SHOW_TOPIC, team, topic_id))
    else:
        _button(builder, t("bank-button-hide-topic"), _bank(BankAction.HIDE_TOPIC, team, topic_id))
    _button(builder, t("bank-button-delete-topic"), _bank(BankAction.DELETE_TOPIC, team, topic_id))
    _button(builder, t("bank-button-to-bank"), _bank(BankAction.HOME, team))
    builder.adjust(1, *([1] * len(view.questions)), *([arrows] if arrows else []), 1, 2, 2, 1)
    return builder.as_markup()


def question(view: QuestionView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    team, qid = view.team_id, view.question_id
    _button(builder, t("bank-button-edit-question"), DraftCallback(a=DraftAction.EDIT, t=team, x=qid))
    if view.hidden:
        _button(builder, t("bank-button-show-question"), _bank(BankAction.SHOW_QUESTION, team, qid))
    else:
        _button(builder, t("bank-button-hide-question"), _bank(BankAction.HIDE_QUESTION, team, qid))
    _button(builder, t("bank-button-delete-question"), _bank(BankAction.DELETE_QUESTION, team, qid))
    _button(builder, t("bank-button-to-topic"), _bank(BankAction.TOPIC, team, view.topic_id))
    builder.adjust(1, 2, 1)
    return builder.as_markup()


def confirm_topic(view: Confirm) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("bank-button-delete-yes"), _bank(BankAction.DELETE_TOPIC_YES, view.team_id, view.topic_id))
    _button(builder, t("bank-button-cancel"), _bank(BankAction.TOPIC, view.team_id, view.topic_id))
    return builder.as_markup()


def confirm_question(view: Confirm) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("bank-button-delete-yes"),
            _bank(BankAction.DELETE_QUESTION_YES, view.team_id, view.question_id))
    _button(builder, t("bank-button-cancel"), _bank(BankAction.QUESTION, view.team_id, view.question_id))
    return builder.as_markup()


def editor(view: EditorView, topic_id: int) -> InlineKeyboardMarkup:
    """A step of the question editor; «Отмена» leads back to the topic."""
    builder = InlineKeyboardBuilder()
    team = view.team_id
    rows: list[int] = []
    if view.step == Step.TYPE:
        for item in view.choices:
            mark = f"{PICKED} " if item.marked and view.editing else ""
            _button(builder, f"{mark}{item.label}", DraftCallback(a=DraftAction.TYPE, t=team, v=item.key))
        rows += [1] * len(view.choices)
    elif view.step == Step.CORRECT:
        for item in view.choices:
            _button(builder, f"{PICKED if item.marked else NOT_PICKED} {item.label}",
                    DraftCallback(a=DraftAction.MARK, t=team, x=item.id))
        short = all(len(item.label) <= 4 for item in view.choices)
        rows += [len(view.choices)] if short else [1] * len(view.choices)
        if view.several:
            _button(builder, t("bank-button-marked"), DraftCallback(a=DraftAction.MARKED, t=team))
            rows.append(1)
    elif view.step == Step.PREVIEW:
        if view.can_save:
            _button(builder, t("bank-button-save"), DraftCallback(a=DraftAction.SAVE, t=team))
            rows.append(1)
        _button(builder, t("bank-button-goto-text"), DraftCallback(a=DraftAction.GOTO, t=team, v=Step.TEXT))
        _button(builder, t("bank-button-goto-type"), DraftCallback(a=DraftAction.GOTO, t=team, v=Step.TYPE))
        _button(builder, t("bank-button-goto-explanation"),
                DraftCallback(a=DraftAction.GOTO, t=team, v=Step.EXPLANATION))
        rows += [2, 1]
    if view.can_keep:
        _button(builder, t("bank-button-keep"), DraftCallback(a=DraftAction.KEEP, t=team))
        rows.append(1)
    if view.can_skip:
        _button(builder, t("bank-button-no-explanation"), DraftCallback(a=DraftAction.SKIP, t=team))
        rows.append(1)
    _button(builder, t("bank-button-cancel"), _bank(BankAction.TOPIC, team, topic_id))
    rows.append(1)
    builder.adjust(*rows)
    return builder.as_markup()


def topic_step(view: EditorView, topic_id: int) -> InlineKeyboardMarkup:
    """A step of a topic's title, card or link; «Отмена» leads to the topic (or the bank for a new one)."""
    builder = InlineKeyboardBuilder()
    team = view.team_id
    if view.can_keep and view.step == Step.TOPIC_TITLE:
        _button(builder, t("bank-button-keep"), _bank(BankAction.TOPIC, team, topic_id))
    if view.can_skip:
        _button(builder, t("bank-button-skip"), TopicDraftCallback(a=TopicDraftAction.SKIP, t=team))
    if view.step == Step.TOPIC_LINK and view.editing:
        _button(builder, t("bank-button-clear-link"), TopicDraftCallback(a=TopicDraftAction.CLEAR, t=team))
    cancel = _bank(BankAction.TOPIC, team, topic_id) if topic_id else _bank(BankAction.HOME, team)
    _button(builder, t("bank-button-cancel"), cancel)
    builder.adjust(1)
    return builder.as_markup()


def saved(view: Saved) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("bank-button-another"), DraftCallback(a=DraftAction.NEW, t=view.team_id, x=view.topic_id))
    _button(builder, t("bank-button-to-topic"), _bank(BankAction.TOPIC, view.team_id, view.topic_id))
    builder.adjust(1)
    return builder.as_markup()


def to_bank(team_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("bank-button-to-bank"), _bank(BankAction.HOME, team_id))
    return builder.as_markup()


def import_wait(team_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("bank-button-template"), FileCallback(a=FileAction.TEMPLATE, t=team_id))
    _button(builder, t("bank-button-cancel"), _bank(BankAction.HOME, team_id))
    builder.adjust(1)
    return builder.as_markup()


def import_preview(team_id: int, ok: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if ok:
        _button(builder, t("bank-button-import-yes"), FileCallback(a=FileAction.IMPORT_YES, t=team_id))
        _button(builder, t("bank-button-cancel"), FileCallback(a=FileAction.IMPORT_NO, t=team_id))
    else:
        _button(builder, t("bank-button-to-bank"), FileCallback(a=FileAction.IMPORT_NO, t=team_id))
    builder.adjust(1)
    return builder.as_markup()


def stats(team_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _button(builder, t("bank-button-stats-xlsx"), FileCallback(a=FileAction.STATS_XLSX, t=team_id))
    _button(builder, t("bank-button-to-bank"), _bank(BankAction.HOME, team_id))
    builder.adjust(1)
    return builder.as_markup()


def editors(view: EditorsView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for item in view.members:
        _button(builder, f"{PICKED if item.marked else NOT_PICKED} {item.label}",
                _bank(BankAction.EDITOR, view.team_id, item.id))
    _button(builder, t("bank-button-to-bank"), _bank(BankAction.HOME, view.team_id))
    builder.adjust(1)
    return builder.as_markup()


def exam(view: ExamView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    team = view.team_id
    if view.mode != "count":
        _button(builder, t("bank-button-exam-size", size=view.size), ExamCallback(a=ExamAction.SIZE, t=team))
    _button(builder, t("bank-button-exam-pass", pass_mark=view.pass_mark), ExamCallback(a=ExamAction.PASS, t=team))
    _button(builder, t("bank-button-exam-mode", mode=view.mode), ExamCallback(a=ExamAction.MODE, t=team))
    for item in view.sources:
        _button(builder, f"{item.label}: {item.id}", ExamCallback(a=ExamAction.SOURCE, t=team, v=item.key))
    _button(builder, t("bank-button-exam-title"), ExamCallback(a=ExamAction.TITLE, t=team))
    if view.custom:
        _button(builder, t("bank-button-exam-reset"), ExamCallback(a=ExamAction.RESET, t=team))
    _button(builder, t("bank-button-to-bank"), _bank(BankAction.HOME, team))
    builder.adjust(2 if view.mode != "count" else 1, 1, *([1] * len(view.sources)), 1, *([1] if view.custom else []),
                   1)
    return builder.as_markup()


def own_card(card: OwnCard) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("bank-button-train"), callback_data=LearnCallback(action=LearnAction.PRACTICE,
                                                                            topic=card.topic_key))
    if card.file_id:
        _button(builder, f"📎 {card.file_name or ''}", CardCallback(a=CardAction.FILE, x=card.topic_id))
    if card.url:
        builder.row(InlineKeyboardButton(text=t("bank-button-open-link"), url=card.url))
    builder.row(InlineKeyboardButton(text=t("bank-button-to-topics"),
                                     callback_data=LearnCallback(action=LearnAction.TOPICS).pack()))
    builder.adjust(1)
    return builder.as_markup()
