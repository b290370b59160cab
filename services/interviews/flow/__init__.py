"""Guided interviews in the chat, without the chat: persistence-backed flows that return views.

- `steps.InterviewSteps` — the owner's side of every interview (hiring live and remote rating, CustDev, audit);
- `candidates.CandidateLinks` — candidate links and the candidate's answers in a remote hiring interview;
- `overview.InterviewOverview` — the owner's list, candidates side by side, CustDev insights;
- `sections` — each section's home text and the question that starts an interview;
- `hiring_steps`, `custdev_steps`, `audit_steps` — one step of each script on the owner's screen;
- `typed_input` — what the owner types or sends inside an interview, checked for what it is;
- `results` — a finished interview's result and its exports (Excel, the scorecard as PDF).
They return the dataclasses of `services.interviews.views` (texts from content/texts/interviews.ftl).
No aiogram here: handlers render the views.
"""
