"""The drill's pure rules: no database, no Telegram (texts come from the catalogue in render.py)."""
