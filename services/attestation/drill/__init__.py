"""The daily drill: a few questions a day, spaced per user and question by FSRS, so the method stays in memory.

engine/ — pure rules: the FSRS schedule and the rating rule (memory.py), which questions a day gets
(selection.py), drill times, days, zones and quiet hours (calendar.py), streaks and the weekly note
(streaks.py), the team's predicted recall (recall.py), the texts (render.py).
flow/ — use cases over db.repositories.drill: settings.py (/drill), answers.py (a day's drill), outbox.py and
batch.py (the scheduler's side), team.py and invites.py (the owner's side); build.py makes them per update.
views.py — what the screens show. The chat layer is handlers/drill; the sending loop is bot/scheduler.py.
"""
