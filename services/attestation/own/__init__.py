"""A team's own questions: topics with cards, questions of the engine's five types (kept as versions), three ways
in (the chat editor, the XLSX template, GIFT and Aiken files), export, the team's exam and question statistics.

engine/ — pure rules (models, validation, parsers and writers, statistics, the exam draw); flow/ — use cases over
the repositories; views.py — what the screens show.
"""
