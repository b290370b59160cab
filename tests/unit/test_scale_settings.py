"""Settings for running at scale: webhook mode, its secret and path, the Redis key prefix, .env.example."""

from __future__ import annotations

import shutil

import pytest

from bot.__main__ import main
from bot.settings import SettingsError, load_settings
from tests.conftest import REPO_ROOT

GOOD_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
SCALE_SETTINGS = ("BOT_TOKEN", "DATABASE_URL", "REDIS_URL", "REDIS_PREFIX", "WEBHOOK_URL", "WEBHOOK_SECRET",
                  "WEBHOOK_HOST", "WEBHOOK_PORT", "WEBHOOK_PATH")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in SCALE_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout
    monkeypatch.setenv("BOT_TOKEN", GOOD_TOKEN)


def test_polling_is_the_default() -> None:
    settings = load_settings()
    assert settings.webhook_url is None and settings.webhook_secret is None
    assert settings.redis_prefix == "fsm"


def test_webhook_settings_and_the_path_taken_from_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram/webhook")
    monkeypatch.setenv("WEBHOOK_SECRET", "Abc_123-xyz")
    monkeypatch.setenv("WEBHOOK_HOST", "0.0.0.0")
    monkeypatch.setenv("WEBHOOK_PORT", "8443")
    settings = load_settings()
    assert settings.webhook_secret is not None and settings.webhook_secret.get_secret_value() == "Abc_123-xyz"
    assert (settings.webhook_host, settings.webhook_port) == ("0.0.0.0", 8443)
    assert settings.webhook_listen_path == "/telegram/webhook"
    monkeypatch.setenv("WEBHOOK_PATH", "/hook")  # a proxy that rewrites the path
    assert load_settings().webhook_listen_path == "/hook"
    monkeypatch.setenv("WEBHOOK_PATH", "")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com")
    assert load_settings().webhook_listen_path == "/webhook"


def test_webhook_without_a_secret_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/tg")
    with pytest.raises(SettingsError, match="WEBHOOK_SECRET не задан"):
        load_settings()
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "WEBHOOK_SECRET" in err


@pytest.mark.parametrize(("name", "value", "complaint"), [
    ("WEBHOOK_SECRET", "пароль с пробелами", "WEBHOOK_SECRET: от 1 до 256 символов"),
    ("WEBHOOK_URL", "bot.example.com/tg", "WEBHOOK_URL должен начинаться с https://"),
    ("WEBHOOK_PATH", "tg", "WEBHOOK_PATH должен начинаться с /"),
    ("WEBHOOK_PORT", "70000", "WEBHOOK_PORT"),
    ("REDIS_PREFIX", "мой префикс", "REDIS_PREFIX: от 1 до 64 символов"),
])
def test_malformed_values_are_explained_without_echoing_them(monkeypatch: pytest.MonkeyPatch, name: str,
                                                              value: str, complaint: str) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/tg")
    monkeypatch.setenv("WEBHOOK_SECRET", "fine-secret")
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert complaint in str(error.value)
    if name == "WEBHOOK_SECRET":
        assert value not in str(error.value)


def test_env_example_documents_settings_that_load(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(REPO_ROOT / ".env.example", tmp_path / ".env")
    monkeypatch.delenv("BOT_TOKEN")
    text = (tmp_path / ".env").read_text(encoding="utf-8")
    for name in SCALE_SETTINGS:
        assert f"\n{name}=" in text, f"{name} is not in .env.example"
    with (tmp_path / ".env").open("a", encoding="utf-8") as env:
        env.write(f"\nBOT_TOKEN={GOOD_TOKEN}\n")
    settings = load_settings()  # the example as shipped, plus a token: polling on SQLite
    assert settings.webhook_url is None and settings.redis_url is None
