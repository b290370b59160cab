"""Settings from the environment and `.env` (pydantic-settings); `.env.example` documents each one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from services.analytics.capacity import DEFAULT_MAX_TABLE_MB, default_concurrency
from services.texts import t

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/bot.db"
SUPPORTED_DATABASE_PREFIXES = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
# Telegram tokens look like 123456789:AAH… — digits, a colon and 35 URL-safe characters.
TOKEN_PATTERN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")
# What Telegram accepts as a webhook secret_token.
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class DatabaseSettings(BaseSettings):
    """What migrations need: nothing but the database address (no token required)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        value = value.strip()
        if not value.startswith(SUPPORTED_DATABASE_PREFIXES):
            raise ValueError(t("settings-database-url"))
        return value


class Settings(DatabaseSettings):
    bot_token: SecretStr
    telegram_api_server: str | None = None
    telegram_api_local: bool = False
    redis_url: str | None = None
    # Keys in Redis start with this, so several bots (or a staging copy) can share one Redis.
    redis_prefix: str = "fsm"
    # Webhook mode: set WEBHOOK_URL (the public https address Telegram posts to) and WEBHOOK_SECRET; the process
    # then listens on WEBHOOK_HOST:WEBHOOK_PORT at WEBHOOK_PATH (by default the URL's own path).
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    webhook_path: str | None = None
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    log_level: str = "INFO"
    timezone: str = "Europe/Moscow"
    # Per-user flood protection: updates a second on average and the burst allowed on top.
    throttle_rate: float = Field(default=3.0, gt=0)
    throttle_burst: int = Field(default=8, ge=1)
    # Seconds between the team scheduler's looks at due reminders (it also wakes at once when work is assigned).
    scheduler_interval: float = Field(default=30.0, gt=0)
    # Test-only: a file holding a clock shift in seconds or an ISO datetime (services/clock.py). Never set in
    # production, where deadlines and reminders follow the system clock.
    clock_offset_file: Path | None = None
    # Analyses running at once; more wait in line (the chat says where). Unset: from the machine's memory
    # (services/analytics/capacity.py) — `analysis_slots` is the value in force.
    analysis_concurrency: int | None = Field(default=None, ge=1)
    # The largest table one analysis takes, in MB unpacked (a ZIP's content): its memory budget (~6× in RAM).
    analysis_max_table_mb: int = Field(default=DEFAULT_MAX_TABLE_MB, ge=1)

    @field_validator("bot_token")
    @classmethod
    def _token_format(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.match(value.get_secret_value().strip()):
            raise ValueError(t("settings-token-format"))
        return SecretStr(value.get_secret_value().strip())

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in re.split(r"[,\s]+", value.strip()) if part]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.strip().upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(t("settings-log-level"))
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(t("settings-timezone", value=repr(value))) from exc
        return value

    @field_validator("telegram_api_server")
    @classmethod
    def _server(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError(t("settings-api-server"))
        return value

    @field_validator("redis_prefix")
    @classmethod
    def _redis_prefix(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", value.strip()):
            raise ValueError(t("settings-redis-prefix"))
        return value.strip()

    @field_validator("redis_url", "webhook_url", "webhook_path", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not value.strip().startswith(("https://", "http://")):
            raise ValueError(t("settings-webhook-url"))
        return value.strip() if value else None

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _webhook_secret(cls, value: object) -> object:
        raw = value.get_secret_value() if isinstance(value, SecretStr) else value
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if not isinstance(raw, str) or not WEBHOOK_SECRET_PATTERN.match(raw.strip()):
            raise ValueError(t("settings-webhook-secret"))
        return raw.strip()

    @field_validator("webhook_path")
    @classmethod
    def _webhook_path(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("/"):
            raise ValueError(t("settings-webhook-path"))
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        # Without the secret anyone who finds the address could post forged updates.
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError(t("settings-webhook-needs-secret"))
        return self

    @field_validator("analysis_concurrency", mode="before")
    @classmethod
    def _blank_concurrency(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("clock_offset_file", mode="before")
    @classmethod
    def _clock_file(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def analysis_slots(self) -> int:
        return self.analysis_concurrency or default_concurrency(self.analysis_max_table_mb)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def webhook_listen_path(self) -> str:
        """Where the webhook server takes posts: WEBHOOK_PATH, else the path of WEBHOOK_URL, else /webhook."""
        if self.webhook_path:
            return self.webhook_path
        path = urlsplit(self.webhook_url or "").path
        return path if path and path != "/" else "/webhook"


class SettingsError(Exception):
    """A one-line, human explanation of what is wrong with the configuration."""


def load_settings() -> Settings:
    try:
        return Settings()  # type: ignore[call-arg]
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None


def describe_validation_error(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        field = str(error["loc"][0]).upper() if error["loc"] else "?"
        if error["type"] == "missing":
            if field == "BOT_TOKEN":
                problems.append(t("settings-token-missing"))
            else:
                problems.append(t("settings-missing", field=field))
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(message if field in message or not error["loc"] else f"{field}: {message}")
    return "; ".join(problems)


def database_url_from_env() -> str:
    try:
        return DatabaseSettings().database_url
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None
