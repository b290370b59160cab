"""Files in and out of the bank: the XLSX template, import (a preview, then all or nothing), export to XLSX and
GIFT, and the question statistics (a message with the urgent problems, and every question in XLSX)."""

from __future__ import annotations

import io

from aiogram import F, Router
from aiogram.enums import ChatAction
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Document, Message

from handlers.bank import keyboards as kb
from handlers.bank.callbacks import FileAction, FileCallback
from handlers.bank.states import BankData, BankStates, ImportData, bank_data, leave_bank_input
from handlers.filters import DOCUMENT, NOT_A_FILE
from handlers.screen import Screen
from services.attestation.own.flow.files import BankFiles, require_small
from services.attestation.own.flow.stats import BankStats
from services.attestation.own.flow.topics import BankService
from services.attestation.own.views import FileOut
from services.notice import Refusal
from services.texts import t

ERRORS_FILE = "errors.txt"


def get_router() -> Router:
    router = Router(name="bank-files")
    cb = router.callback_query
    cb.register(send_template, FileCallback.filter(F.a == FileAction.TEMPLATE))
    cb.register(ask_file, FileCallback.filter(F.a == FileAction.IMPORT))
    router.message.register(got_file, StateFilter(BankStates.import_file), DOCUMENT)
    router.message.register(got_file, StateFilter(BankStates.import_confirm), DOCUMENT)  # another file instead
    router.message.register(not_a_file, StateFilter(BankStates.import_file), NOT_A_FILE)
    cb.register(import_yes, FileCallback.filter(F.a == FileAction.IMPORT_YES))
    cb.register(import_no, FileCallback.filter(F.a == FileAction.IMPORT_NO))
    cb.register(export, FileCallback.filter(F.a.in_({FileAction.EXPORT_XLSX, FileAction.EXPORT_GIFT})))
    cb.register(stats, FileCallback.filter(F.a == FileAction.STATS))
    cb.register(stats_xlsx, FileCallback.filter(F.a == FileAction.STATS_XLSX))
    return router


async def _send(screen: Screen, file: FileOut) -> None:
    await screen.send_document(file.data, file.file_name, caption=file.caption)


async def send_template(query: CallbackQuery, callback_data: FileCallback, screen: Screen,
                        bank_files: BankFiles) -> None:
    await bank_files.check_editor(query.from_user.id, callback_data.t)
    await screen.typing(ChatAction.UPLOAD_DOCUMENT)
    await _send(screen, await bank_files.template_file(query.from_user.id, callback_data.t))


# ---- import ---------------------------------------------------------------------------------------------

async def ask_file(query: CallbackQuery, callback_data: FileCallback, state: FSMContext, screen: Screen,
                   bank_files: BankFiles) -> None:
    text = await bank_files.ask_file(query.from_user.id, callback_data.t, callback_data.x)
    await leave_bank_input(state)
    await state.set_state(BankStates.import_file)
    await state.update_data(BankData(bank_import=ImportData(team_id=callback_data.t, topic_id=callback_data.x)))
    await screen.show(text, kb.import_wait(callback_data.t))


async def _download(screen: Screen, file: Document | str) -> bytes:
    buffer = io.BytesIO()
    await screen.bot.download(file, destination=buffer)
    return buffer.getvalue()


async def got_file(message: Message, state: FSMContext, screen: Screen, bank_files: BankFiles) -> None:
    assert message.from_user is not None and message.document is not None
    waiting = (await bank_data(state)).get("bank_import")
    if not waiting:
        raise Refusal(t("bank-ed-stale"))
    document = message.document
    require_small(document.file_size)
    await bank_files.check_editor(message.from_user.id, waiting["team_id"])
    await screen.typing()
    data = await _download(screen, document)
    name = document.file_name or "questions.txt"
    preview = await bank_files.preview(message.from_user.id, waiting["team_id"], waiting["topic_id"], data, name)
    await state.update_data(BankData(bank_import=ImportData(team_id=waiting["team_id"], topic_id=waiting["topic_id"],
                                                            file_id=document.file_id, file_name=name)))
    await state.set_state(BankStates.import_confirm if preview.ok else BankStates.import_file)
    await screen.send(preview.text, kb.import_preview(preview.team_id, preview.ok))
    if preview.errors_file:
        await screen.send_document(preview.errors_file, ERRORS_FILE, caption=t("bank-import-errors-file"))


async def not_a_file(message: Message, screen: Screen) -> None:
    await screen.send(t("bank-import-not-a-file"))


async def import_yes(query: CallbackQuery, callback_data: FileCallback, state: FSMContext, screen: Screen,
                     bank_files: BankFiles, bank: BankService) -> None:
    waiting = (await bank_data(state)).get("bank_import")
    if not waiting or "file_id" not in waiting or waiting["team_id"] != callback_data.t:
        raise Refusal(t("bank-ed-stale"))
    await bank_files.check_editor(query.from_user.id, callback_data.t)
    await screen.typing()
    data = await _download(screen, waiting["file_id"])
    done = await bank_files.commit(query.from_user.id, waiting["team_id"], waiting["topic_id"], data,
                                   waiting["file_name"])
    await leave_bank_input(state)  # the import is spent: a second tap finds nothing to import
    view = await bank.home(query.from_user.id, callback_data.t, prefix=done + "\n\n")
    await screen.show(view.text, kb.home(view))


async def import_no(query: CallbackQuery, callback_data: FileCallback, state: FSMContext, screen: Screen,
                    bank: BankService) -> None:
    view = await bank.home(query.from_user.id, callback_data.t)
    await leave_bank_input(state)
    await screen.show(view.text, kb.home(view))


# ---- export and statistics ------------------------------------------------------------------------------

async def export(query: CallbackQuery, callback_data: FileCallback, screen: Screen, bank_files: BankFiles) -> None:
    await bank_files.check_editor(query.from_user.id, callback_data.t)
    await screen.typing(ChatAction.UPLOAD_DOCUMENT)
    if callback_data.a == FileAction.EXPORT_XLSX:
        file = await bank_files.export_xlsx(query.from_user.id, callback_data.t)
    else:
        file = await bank_files.export_gift(query.from_user.id, callback_data.t)
    await _send(screen, file)


async def stats(query: CallbackQuery, callback_data: FileCallback, screen: Screen, bank_stats: BankStats) -> None:
    view = await bank_stats.view(query.from_user.id, callback_data.t)
    await screen.send(view.text, kb.stats(view.team_id))


async def stats_xlsx(query: CallbackQuery, callback_data: FileCallback, screen: Screen,
                     bank_stats: BankStats) -> None:
    file = await bank_stats.xlsx(query.from_user.id, callback_data.t)
    await _send(screen, file)
