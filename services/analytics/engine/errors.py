"""Exceptions of the analytics services.

Every exception carries a Russian message that can be shown to the user as it is (plain text, no HTML, no text
taken from the file), so a handler or the CLI never has to invent wording of its own. The default messages live
in content/texts/analytics_files.ftl; a raiser may pass its own (already translated) message instead.
"""

from __future__ import annotations

from services.texts import t

TELEGRAM_DOWNLOAD_LIMIT = 20 * 2**20  # bytes a bot may download through the public Bot API


class AnalyticsError(Exception):
    """Base class: `user_message` is the Russian text for the user."""

    default_key = "analytics-read-failed"

    def __init__(self, user_message: str | None = None) -> None:
        self.user_message = user_message or t(self.default_key)
        super().__init__(self.user_message)


class NotATable(AnalyticsError):
    default_key = "analytics-read-not-a-table"


class UnsupportedFormat(AnalyticsError):
    default_key = "analytics-read-unsupported"


class PasswordProtected(UnsupportedFormat):
    default_key = "analytics-read-password"


class NoHeaderRow(NotATable):
    """The first row already holds data: taking it for headers would lose a row and name columns by values."""

    default_key = "analytics-read-no-header"


class EmptyFile(AnalyticsError):
    default_key = "analytics-read-empty"


class HeaderOnly(AnalyticsError):
    default_key = "analytics-read-header-only"


class FileTooBig(AnalyticsError):
    def __init__(self, user_message: str | None = None) -> None:
        super().__init__(user_message or t("analytics-read-too-big", limit=str(TELEGRAM_DOWNLOAD_LIMIT // 2**20)))


class ZipBomb(AnalyticsError):
    default_key = "analytics-read-zip-bomb"


class BadArchive(AnalyticsError):
    default_key = "analytics-read-bad-archive"


class EncodingError(AnalyticsError):
    default_key = "analytics-read-encoding"


class NotEnoughData(AnalyticsError):
    default_key = "analytics-read-not-enough-data"


class ColumnsNotFound(AnalyticsError):
    default_key = "analytics-read-columns-not-found"


class BadOptions(AnalyticsError):
    default_key = "analytics-read-bad-options"
