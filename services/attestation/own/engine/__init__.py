"""Pure rules of own questions: no database, no Telegram."""
