import logging

from bot.logging_setup import RedactSecretsFilter

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"


def test_token_is_cut_from_messages_and_tracebacks() -> None:
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "POST https://api/bot%s/sendMessage", (TOKEN,), None
    )
    try:
        raise RuntimeError(f"failed https://api.telegram.org/bot{TOKEN}/getMe")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    RedactSecretsFilter([TOKEN]).filter(record)
    text = record.getMessage()
    assert TOKEN not in text
    assert "<BOT_TOKEN>" in text and "RuntimeError" in text
