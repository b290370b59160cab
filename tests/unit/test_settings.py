from __future__ import annotations

import pytest

from bot.__main__ import main
from bot.settings import SettingsError, load_settings

GOOD_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in ("BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS", "TIMEZONE", "LOG_LEVEL", "TELEGRAM_API_SERVER",
                 "REDIS_URL", "TELEGRAM_API_LOCAL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", GOOD_TOKEN)
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///data/bot.db"
    assert settings.timezone == "Europe/Moscow"
    assert settings.telegram_api_server is None and settings.telegram_api_local is False
    assert settings.admin_ids == []


def test_reads_dotenv_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".env").write_text(f"BOT_TOKEN={GOOD_TOKEN}\nADMIN_IDS=1, 2 3\nTELEGRAM_API_LOCAL=true\n")
    settings = load_settings()
    assert settings.admin_ids == [1, 2, 3]
    assert settings.telegram_api_local is True


def test_postgres_url_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://bot:pw@127.0.0.1/bot")
    assert load_settings().database_url.startswith("postgresql+asyncpg://")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "BOT_TOKEN не задан"),
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN не похож на токен"),
        ({"BOT_TOKEN": GOOD_TOKEN, "DATABASE_URL": "mysql://x"}, "DATABASE_URL должен начинаться"),
        ({"BOT_TOKEN": GOOD_TOKEN, "TIMEZONE": "Mars/Olympus"}, "TIMEZONE"),
    ],
)
def test_bad_settings_give_one_clear_line(monkeypatch: pytest.MonkeyPatch, env, expected) -> None:  # type: ignore[no-untyped-def]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_run_without_token_exits_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Ошибка настроек: BOT_TOKEN не задан")
    assert "Traceback" not in err


def test_malformed_token_is_never_echoed(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BOT_TOKEN", "123:secret-but-short")
    assert main(["run"]) == 2
    assert "secret-but-short" not in capsys.readouterr().err
