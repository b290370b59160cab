"""Teams: owners invite managers, assign the exam or topics with a deadline, get reminders and a dashboard.

Plain Python over db.repositories.teams (no aiogram): engine/ (pure rules), flow/ (use cases, access checks that
raise services.notice.Refusal), views.py; texts in content/texts/teams.ftl. The chat layer is handlers/team; the
sending loop is bot/scheduler.py, which drives services.teams.flow.outbox. build.py makes the per-update services.
"""
