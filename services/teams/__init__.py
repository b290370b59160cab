"""Teams: owners invite managers, assign the exam or topics with a deadline, get reminders and a dashboard.

Plain Python over db.repositories.teams (no aiogram). The chat layer is handlers/team; the sending loop is
bot/scheduler.py, which drives services.teams.flow.outbox.
"""
