"""The stub answers a real aiogram Bot the way Telegram would: results, records and every listed error."""

from __future__ import annotations

import struct
import zlib

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
)

from tests.stubapi import StubBotApi
from tests.stubapi.conftest import make_bot


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=text, callback_data=data)] for text, data in buttons]
    )


def png_bytes(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def anna(stub: StubBotApi):  # type: ignore[no-untyped-def]
    user = stub.user(501, "Анна", username="anna_sales")
    stub.send_text(user, "/start")
    return user


async def test_get_me_describes_the_bot_and_a_wrong_token_is_unauthorized(stub: StubBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (7_000_000_001, "sales_coach_test_bot", True)
    intruder = make_bot(stub, token="7000000001:AAEwrongwrongwrongwrongwrongwrongwro")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await intruder.get_me()
    finally:
        await intruder.session.close()


async def test_sent_html_message_is_shown_as_plain_text_with_entities(stub: StubBotApi, bot: Bot, anna) -> None:
    sent = await bot.send_message(anna.id, "<b>Привет</b>, &lt;друг&gt; 🙂 <i>как дела?</i>")
    assert sent.text == "Привет, <друг> 🙂 как дела?"
    assert [(e.type, e.offset, e.length) for e in sent.entities or []] == [("bold", 0, 6), ("italic", 18, 9)]
    shown = stub.last_bot_message(anna.id)
    assert shown is not None and shown.text == sent.text and shown.message_id == sent.message_id


async def test_text_limit_counts_characters_after_html_parsing(bot: Bot, anna) -> None:
    await bot.send_message(anna.id, "<b>" + "я" * 4096 + "</b>")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(anna.id, "я" * 4097)


async def test_caption_over_1024_characters_is_refused(bot: Bot, anna) -> None:
    document = BufferedInputFile(b"a;b\n", "data.csv")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(anna.id, document, caption="ё" * 1025)
    await bot.send_document(anna.id, document, caption="ё" * 1024)


async def test_callback_data_is_limited_to_64_bytes_of_utf8(bot: Bot, anna) -> None:
    await bot.send_message(anna.id, "ok", reply_markup=keyboard(("Да", "д" * 32)))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(anna.id, "x", reply_markup=keyboard(("Да", "д" * 33)))


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("<b>жирный", 'Can\'t find end tag corresponding to start tag "b"'),
        ("цена < 100", 'Unsupported start tag "" at byte offset 9'),
        ("ООО Рога & Копыта", 'Unescaped "&"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("<a href='x'", "Unclosed start tag at byte offset 0"),
    ],
)
async def test_html_telegram_cannot_parse_is_refused(bot: Bot, anna, html: str, reason: str) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities") as error:
        await bot.send_message(anna.id, html)
    assert reason in error.value.message


async def test_every_tag_telegram_allows_is_accepted(bot: Bot, anna) -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>"
        '<span class="tg-spoiler">p</span><tg-spoiler>t</tg-spoiler><a href="https://example.com">a</a>'
        '<code>c</code><pre><code class="language-python">x = 1</code></pre><blockquote expandable>q</blockquote>'
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &quot;&#1105;&#x451;&amp;'
    )
    sent = await bot.send_message(anna.id, html)
    assert sent.text is not None and sent.text.endswith('"ёё&')
    types = {e.type for e in sent.entities or []}
    assert {"bold", "italic", "underline", "strikethrough", "spoiler", "text_link", "code", "pre",
            "expandable_blockquote", "custom_emoji"} <= types


async def test_empty_or_blank_text_is_refused(bot: Bot, anna) -> None:
    for text in ("", "  \n ", "<b> </b>"):
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(anna.id, text)


async def test_unknown_chat_and_a_user_who_never_wrote(stub: StubBotApi, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(999, "кто здесь?")
    silent = stub.user(502, "Пётр")
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(silent.id, "привет")


async def test_blocked_user_gives_403_and_a_my_chat_member_update(stub: StubBotApi, bot: Bot, anna) -> None:
    stub.block_user(anna)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(anna.id, "вернитесь")
    updates = await bot.get_updates(allowed_updates=["my_chat_member", "message"])
    assert updates[-1].my_chat_member is not None
    assert updates[-1].my_chat_member.new_chat_member.status == "kicked"
    # Writing to the bot again unblocks it.
    stub.send_text(anna, "/start")
    await bot.send_message(anna.id, "С возвращением!")
    statuses = [u.my_chat_member.new_chat_member.status
                for u in await bot.get_updates(offset=updates[-1].update_id + 1) if u.my_chat_member]
    assert statuses == ["member"]


async def test_keyboard_limits(bot: Bot, anna) -> None:
    many = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=str(i), callback_data=str(i)) for i in range(10)]] * 11
    )
    with pytest.raises(TelegramBadRequest, match="reply markup is too long"):
        await bot.send_message(anna.id, "много", reply_markup=many)
    with pytest.raises(TelegramBadRequest, match="BUTTON_TEXT_INVALID"):
        await bot.send_message(anna.id, "x", reply_markup=keyboard(("", "empty")))
    bare = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="только текст")]])
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(anna.id, "x", reply_markup=bare)


async def test_button_without_text_in_raw_json_is_refused(stub: StubBotApi, anna) -> None:
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            f"{stub.base_url}/bot{stub.token}/sendMessage",
            json={"chat_id": anna.id, "text": "x", "reply_markup": {"inline_keyboard": [[{"callback_data": "a"}]]}},
        )
        body = await response.json()
    assert response.status == 400
    assert body == {"ok": False, "error_code": 400,
                    "description": "Bad Request: can't parse inline keyboard button: Field \"text\" must be of "
                                   "type String"}


async def test_edits_change_the_chat_view_and_identical_edit_is_not_modified(stub: StubBotApi, bot: Bot,
                                                                             anna) -> None:
    sent = await bot.send_message(anna.id, "Вопрос 1", reply_markup=keyboard(("А", "a"), ("Б", "b")))
    await bot.edit_message_text("Вопрос 2", chat_id=anna.id, message_id=sent.message_id,
                                reply_markup=keyboard(("В", "c")))
    shown = stub.chat(anna).messages[sent.message_id]
    assert (shown.text, shown.button_labels(), shown.history) == ("Вопрос 2", ["В"], ["Вопрос 1"])
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("Вопрос 2", chat_id=anna.id, message_id=sent.message_id,
                                    reply_markup=keyboard(("В", "c")))
    # An edit without reply_markup removes the keyboard, so it is a real change.
    await bot.edit_message_text("Вопрос 2", chat_id=anna.id, message_id=sent.message_id)
    assert shown.button_labels() == []
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=anna.id, message_id=sent.message_id)


async def test_editing_missing_foreign_or_deleted_messages(stub: StubBotApi, bot: Bot, anna) -> None:
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=anna.id, message_id=777)
    users_message = stub.send_text(anna, "моё сообщение")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=anna.id, message_id=users_message.message_id)
    sent = await bot.send_message(anna.id, "временное")
    assert await bot.delete_message(anna.id, sent.message_id)
    assert stub.chat(anna).messages[sent.message_id].deleted
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=anna.id, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(anna.id, sent.message_id)
    document = await bot.send_document(anna.id, BufferedInputFile(b"1", "a.csv"))
    with pytest.raises(TelegramBadRequest, match="there is no text in the message to edit"):
        await bot.edit_message_text("x", chat_id=anna.id, message_id=document.message_id)


async def test_document_upload_is_recorded_with_bytes_name_and_caption(stub: StubBotApi, bot: Bot, anna) -> None:
    payload = "Клиент;Сумма\nИванов;1000\n".encode()
    sent = await bot.send_document(anna.id, BufferedInputFile(payload, "rfm_отчёт.xlsx"),
                                   caption="<b>RFM</b> готов")
    shown = stub.last_bot_message(anna.id)
    assert shown is not None and shown.document is not None
    assert (shown.document.data, shown.document.file_name, shown.caption) == (payload, "rfm_отчёт.xlsx",
                                                                              "RFM готов")
    assert sent.document is not None and sent.document.file_size == len(payload)
    assert sent.document.mime_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    record = stub.calls("sendDocument")[-1]
    assert list(record.uploads.values()) == ["rfm_отчёт.xlsx"]


async def test_photo_needs_a_real_image(stub: StubBotApi, bot: Bot, anna) -> None:
    sent = await bot.send_photo(anna.id, BufferedInputFile(png_bytes(40, 30), "chart.png"), caption="График")
    assert sent.photo is not None and (sent.photo[-1].width, sent.photo[-1].height) == (40, 30)
    shown = stub.last_bot_message(anna.id)
    assert shown is not None and shown.photo is not None and shown.photo.data == png_bytes(40, 30)
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(anna.id, BufferedInputFile(b"not a picture", "chart.png"))
    with pytest.raises(TelegramBadRequest, match="file must be non-empty"):
        await bot.send_document(anna.id, BufferedInputFile(b"", "empty.csv"))


async def test_edit_message_media_replaces_the_file_and_caption_in_place(stub: StubBotApi, bot: Bot, anna) -> None:
    chart = await bot.send_photo(anna.id, BufferedInputFile(png_bytes(40, 30), "chart.png"), caption="1–3")
    edited = await bot.edit_message_media(
        InputMediaPhoto(media=BufferedInputFile(png_bytes(20, 10), "chart_5.png"), caption="<b>Шкала</b> 1–5"),
        chat_id=anna.id, message_id=chart.message_id)
    assert isinstance(edited, type(chart)) and edited.message_id == chart.message_id
    assert edited.photo is not None and (edited.photo[-1].width, edited.photo[-1].height) == (20, 10)
    shown = stub.chat(anna).messages[chart.message_id]
    assert (shown.photo.data, shown.caption, shown.history) == (png_bytes(20, 10), "Шкала 1–5", ["1–3"])
    assert [(e["type"], e["offset"], e["length"]) for e in shown.caption_entities] == [("bold", 0, 5)]
    assert len(stub.bot_messages(anna.id)) == 1, "replaced, not sent anew"

    table = await bot.send_document(anna.id, BufferedInputFile(b"a;b\n", "rfm.xlsx"), caption="Excel")
    await bot.edit_message_media(InputMediaDocument(media=BufferedInputFile(b"c;d\n", "rfm_5.xlsx")),
                                 chat_id=anna.id, message_id=table.message_id)
    shown = stub.chat(anna).messages[table.message_id]
    assert (shown.document.data, shown.document.file_name, shown.caption) == (b"c;d\n", "rfm_5.xlsx", None)
    # The same file by its id with the same caption changes nothing; a new upload always changes the message.
    same = InputMediaDocument(media=shown.document.file_id)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_media(same, chat_id=anna.id, message_id=table.message_id)
    # A text message may become a document; the keyboard goes unless it is sent again.
    text = await bot.send_message(anna.id, "Отчёт", reply_markup=keyboard(("А", "a")))
    await bot.edit_message_media(same, chat_id=anna.id, message_id=text.message_id)
    shown = stub.chat(anna).messages[text.message_id]
    assert (shown.text, shown.document, shown.button_labels()) == (None, stub.chat(anna).messages[
        table.message_id].document, [])


async def test_edit_message_media_is_checked_like_telegram(stub: StubBotApi, bot: Bot, anna) -> None:
    chart = await bot.send_photo(anna.id, BufferedInputFile(png_bytes(40, 30), "chart.png"))
    picture = BufferedInputFile(png_bytes(20, 10), "chart.png")
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_media(InputMediaPhoto(media=picture), chat_id=anna.id, message_id=777)
    users = stub.send_text(anna, "моё")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_media(InputMediaPhoto(media=picture), chat_id=anna.id, message_id=users.message_id)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.edit_message_media(InputMediaPhoto(media=picture), chat_id=999, message_id=chart.message_id)
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.edit_message_media(InputMediaPhoto(media=BufferedInputFile(b"not a picture", "x.png")),
                                     chat_id=anna.id, message_id=chart.message_id)
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await bot.edit_message_media(InputMediaDocument(media=stub.chat(anna).messages[chart.message_id]
                                                        .photo.file_id), chat_id=anna.id,
                                     message_id=chart.message_id)
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.edit_message_media(InputMediaPhoto(media=picture, caption="<b>открыт"), chat_id=anna.id,
                                     message_id=chart.message_id)
    with pytest.raises(TelegramBadRequest, match="failed to get HTTP URL content"):
        await bot.edit_message_media(InputMediaPhoto(media="https://example.com/a.png"), chat_id=anna.id,
                                     message_id=chart.message_id)
    with pytest.raises(TelegramBadRequest, match="can't find attached file"):
        await bot.edit_message_media(InputMediaPhoto(media="attach://nothing"), chat_id=anna.id,
                                     message_id=chart.message_id)
    voice = await bot.send_voice(anna.id, BufferedInputFile(b"OggS" + bytes(30), "v.ogg"))
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_media(InputMediaPhoto(media=picture), chat_id=anna.id, message_id=voice.message_id)
    assert stub.chat(anna).messages[chart.message_id].photo.data == png_bytes(40, 30), "nothing changed"


async def test_file_sent_by_user_downloads_with_bot_download(stub: StubBotApi, bot: Bot, anna) -> None:
    data = "date;amount\n2024-01-05;1500\n".encode("cp1251")
    stub.send_document(anna, data, "продажи.csv")
    update = (await bot.get_updates())[-1]
    document = update.message.document if update.message else None
    assert document is not None and (document.file_name, document.file_size) == ("продажи.csv", len(data))
    downloaded = await bot.download(document)
    assert downloaded is not None and downloaded.read() == data


async def test_files_over_20_megabytes_cannot_be_fetched(stub: StubBotApi, bot: Bot, anna) -> None:
    big = stub.send_document(anna, b"0" * (20 * 1024 * 1024 + 1), "big.csv")
    assert big.document is not None
    with pytest.raises(TelegramBadRequest, match="file is too big"):
        await bot.get_file(big.document.file_id)
    with pytest.raises(TelegramBadRequest, match="wrong file_id"):
        await bot.get_file("no-such-file")


async def test_voice_replayed_by_file_id_keeps_the_recording(stub: StubBotApi, bot: Bot, anna) -> None:
    recording = b"OggS" + bytes(300)
    voice = stub.send_voice(anna, recording, duration=7).voice
    assert voice is not None
    await bot.send_voice(anna.id, voice.file_id, caption="Ваш ответ")
    replayed = stub.last_bot_message(anna.id)
    assert replayed is not None and replayed.voice is not None and replayed.voice.data == recording
    copied = await bot.copy_message(anna.id, from_chat_id=anna.id, message_id=replayed.message_id)
    assert stub.chat(anna).messages[copied.message_id].voice == replayed.voice
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_voice(anna.id, "AwACAgIAAxkBAAIunknown")


async def test_flood_control_server_errors_and_dropped_connections(stub: StubBotApi, bot: Bot, anna) -> None:
    stub.fail_next("sendMessage", code=429, retry_after=7)
    with pytest.raises(TelegramRetryAfter) as flood:
        await bot.send_message(anna.id, "x")
    assert flood.value.retry_after == 7
    stub.fail_next("sendMessage", code=502)
    with pytest.raises(TelegramServerError):
        await bot.send_message(anna.id, "x")
    stub.disconnect_next("sendMessage")
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(anna.id, "x")
    await bot.send_message(anna.id, "теперь дошло")
    assert [m.text for m in stub.bot_messages(anna.id)] == ["теперь дошло"]
    assert stub.api_errors() == [] and len(stub.api_errors(include_injected=True)) == 3


async def test_random_faults_are_seeded_marked_counted_and_never_executed(stub: StubBotApi, bot: Bot, anna) -> None:
    async def outcomes(seed: int) -> list[str]:
        stub.fail_randomly(0.3, seed=seed, methods={"sendMessage"})
        seen = []
        for i in range(40):
            try:
                await bot.send_message(anna.id, f"n{i}")
                seen.append("ok")
            except TelegramRetryAfter:
                seen.append("429")
            except ClientDecodeError as exc:
                assert "502 Bad Gateway" in str(exc.data)
                seen.append("502page")
        stub.stop_failing_randomly()
        return seen

    first = await outcomes(5)
    assert {"ok", "429", "502page"} <= set(first)
    # A refused call sent nothing: only the answered ones are in the chat.
    assert [m.text for m in stub.bot_messages(anna.id)] == [f"n{i}" for i, o in enumerate(first) if o == "ok"]
    faults = len(first) - first.count("ok")
    assert sum(stub.random_faults.values()) == faults == len(stub.api_errors(include_injected=True))
    assert stub.api_errors() == []
    assert stub.random_fault_summary().startswith(f"sendMessage: {faults} of 40 calls (429 ×")
    await bot.get_me()  # not an eligible method
    assert await outcomes(5) == first, "the same seed fails the same calls"
    assert await outcomes(6) != first


async def test_commands_and_chat_actions_are_recorded(stub: StubBotApi, bot: Bot, anna) -> None:
    await bot.set_my_commands([BotCommand(command="start", description="Начать"),
                               BotCommand(command="help", description="Помощь")])
    assert [c["command"] for c in stub.commands()] == ["start", "help"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start", description="Начать")])
    await bot.send_chat_action(anna.id, "upload_document")
    assert stub.chat(anna).chat_actions == ["upload_document"]


async def test_assert_no_api_errors_lists_refused_calls(stub: StubBotApi, bot: Bot, anna) -> None:
    stub.assert_no_api_errors()
    with pytest.raises(TelegramBadRequest):
        await bot.send_message(anna.id, "<unknown>")
    with pytest.raises(AssertionError, match="can't parse entities"):
        stub.assert_no_api_errors()
