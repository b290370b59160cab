"""The home screen of each interview section and the question that starts an interview.

The facts in these texts (how many competencies, items, questions; the rating scale; the CustDev tags) come
from the scripts, so editing content/interviews/*.yaml keeps the texts true.
"""

from __future__ import annotations

from services.interviews.engine.content import InterviewScripts
from services.interviews.engine.kinds import Mode, Script
from services.interviews.engine.scorecard import MAX_RATING, MIN_RATING
from services.texts import t

SUBJECT_PROMPT_KEYS = {
    (Script.HIRING, Mode.LIVE): "interview-subject-hiring-live",
    (Script.HIRING, Mode.REMOTE): "interview-subject-hiring-remote",
    (Script.CUSTDEV, Mode.LIVE): "interview-subject-custdev",
    (Script.AUDIT, Mode.LIVE): "interview-subject-audit",
}


def home_text(script: Script, scripts: InterviewScripts) -> str:
    """What a section (/interview, /custdev, /audit) is about, above its buttons."""
    if script == Script.HIRING:
        return t("interview-home-hiring", count=len(scripts.hiring.competencies), min=MIN_RATING, max=MAX_RATING)
    if script == Script.CUSTDEV:
        return t("interview-home-custdev", tags=", ".join(tag.label for tag in scripts.custdev.tags))
    return t("interview-home-audit", count=len(scripts.audit.items))


def subject_prompt(script: Script, mode: Mode) -> str:
    """Whom the interview is about: the candidate, the respondent or the company."""
    return t(SUBJECT_PROMPT_KEYS[(script, mode)])


def can_start(script: Script, mode: Mode) -> bool:
    return (script, mode) in SUBJECT_PROMPT_KEYS
