# What `python -m bot …` prints to the person running it: help, setup mistakes, backups.

cli-description = Sales Coach — Telegram-бот для обучения и аналитики отдела продаж.
cli-help-run = применить миграции и запустить бота (по умолчанию)
cli-help-migrate = только применить миграции базы данных
cli-help-backup = резервная копия базы SQLite в файл PATH (можно при работающем боте)
cli-help-backup-path = новый файл для копии, например backups/bot-2025-01-31.db
cli-help-check-content = проверить учебный контент и сценарии, вывести сводку
cli-help-rfm = RFM-анализ по файлу CSV/XLSX (см. python -m bot rfm --help)
cli-help-funnel = конверсия воронки по файлу CSV/XLSX (см. python -m bot funnel --help)
cli-help-seasonality = сезонность по файлу CSV/XLSX (см. python -m bot seasonality --help)
cli-settings-error = Ошибка настроек: { $error }
cli-migrated = Миграции применены.
cli-backup-failed = Копия не сделана: { $error }
cli-backup-done = Резервная копия сохранена: { $path } ({ $size } МБ, ревизия схемы { $revision }).

## Setup mistakes (one line each, no traceback)
settings-database-url = DATABASE_URL должен начинаться с sqlite+aiosqlite:// или postgresql+asyncpg://
settings-token-format = BOT_TOKEN не похож на токен Telegram (ожидается вид 123456789:AAH…)
settings-log-level = LOG_LEVEL: одно из DEBUG, INFO, WARNING, ERROR, CRITICAL
settings-timezone = TIMEZONE: неизвестный часовой пояс { $value }
settings-api-server = TELEGRAM_API_SERVER должен начинаться с http:// или https://
settings-redis-prefix = REDIS_PREFIX: от 1 до 64 символов из A–Z, a–z, 0–9, точки, _ и -
settings-webhook-url = WEBHOOK_URL должен начинаться с https:// (Telegram шлёт обновления только по HTTPS)
settings-webhook-secret = WEBHOOK_SECRET: от 1 до 256 символов из A–Z, a–z, 0–9, _ и -
settings-webhook-path = WEBHOOK_PATH должен начинаться с /
settings-webhook-needs-secret = WEBHOOK_SECRET не задан: он обязателен вместе с WEBHOOK_URL
settings-token-missing = BOT_TOKEN не задан: получите токен у @BotFather и впишите его в .env (см. .env.example)
settings-missing = { $field } не задан

## python -m bot backup
backup-postgres = эта команда копирует базу SQLite; для PostgreSQL используйте pg_dump (см. раздел README «Running at scale»)
backup-no-file = в DATABASE_URL не указан файл базы SQLite
backup-not-found = файл базы { $path } не найден
backup-exists = { $path } уже существует; укажите новый файл, старые копии не перезаписываются
backup-same-file = копия не может лежать на месте самой базы
backup-no-folder = папки { $path } нет
backup-integrity = копия не прошла проверку целостности: { $verdict }

## Start-up problems (one line, exit code 1)
cli-bad-token = Telegram не принял BOT_TOKEN (401 Unauthorized): токен отозван или скопирован с ошибкой. Возьмите действующий у @BotFather (/mybots → API Token) и впишите в .env.
cli-no-network = Не удалось связаться с Telegram: { $error }. Проверьте интернет (или TELEGRAM_API_SERVER) и запустите бота снова.
cli-database-unreachable = Не удалось открыть базу данных { $url }: { $error }. Проверьте DATABASE_URL и что сервер базы запущен.

## python -m bot check-content
check-content-ok = Контент в порядке.
check-content-failed = Контент содержит ошибки.
check-content-error = ОШИБКА: { $message }
check-content-texts = Тексты бота (content/texts/*.ftl): { $keys } ключей в { $files } файлах, ошибок нет.
check-content-texts-error = тексты: { $error }
check-content-analytics-error = аналитика (rfm_segments.yaml, funnels.yaml, analytics/*.yaml): { $error }
check-content-analytics = Аналитика: RFM-сегментов — { $segments }, известных воронок — { $funnels }.
check-content-interviews-error = сценарии интервью: { $error }
check-content-interviews = Сценарии интервью: собеседование РОПа — { $competencies ->
        [one] { $competencies } компетенция
        [few] { $competencies } компетенции
       *[many] { $competencies } компетенций
    }, CustDev — { $questions ->
        [one] { $questions } вопрос
        [few] { $questions } вопроса
       *[many] { $questions } вопросов
    }, аудит — { $items ->
        [one] { $items } пункт
        [few] { $items } пункта
       *[many] { $items } пунктов
    }.
