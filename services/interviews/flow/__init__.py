"""Guided interviews in the chat, without the chat: persistence-backed flows that return views.

- `steps.InterviewSteps` — the owner's side of every interview (РОП live and remote rating, CustDev, audit);
- `candidates.CandidateLinks` — candidate links and the candidate's answers in a remote РОП interview;
- `overview.InterviewOverview` — the owner's list, candidates side by side, CustDev insights;
- `views` — the dataclasses they return; `texts` — the Russian wording.
No aiogram here: handlers render the views.
"""
