"""The dialogue simulator: branching sales conversations from content/scenarios, scored per skill.

engine/ — pure rules: the content format (models.py), reading and caching (loader.py), the graph check
(validate.py), state, step and result (engine.py), the messages (render.py).
flow.py — use cases over db.repositories.simulator: the list, start, a reply (once), replay, pause and resume,
results; build.py makes it per update. views.py — what the screens show. The chat layer is handlers/simulator.
"""
