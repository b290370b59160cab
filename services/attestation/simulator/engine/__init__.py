"""The dialogue simulator: branching sales conversations from content/scenarios, scored per skill.

models.py (the content format) · loader.py (reading and caching) · validate.py (the graph check) ·
engine.py (state, step, result) · render.py (the messages). Pure Python: no database, no aiogram.
"""
