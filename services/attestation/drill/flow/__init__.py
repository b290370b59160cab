"""Drill use cases over db.repositories.drill: settings.py (/drill), answers.py (a day's drill), outbox.py (the
scheduler's side, with batch.py: a claimed batch's facts in a few queries), team.py and invites.py (the owner's
side)."""
