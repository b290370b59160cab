"""The business audit on the auditor's screen: items in the seed's order, each scored 0 / 1 / 2.

The step index is the item's position in the script. Items that depend on an earlier one scored 0
(no CRM -> no CRM hygiene to check) are passed over both ways; the scoring counts them as 0.
"""

from __future__ import annotations

from collections.abc import Mapping

from db.models import Interview, InterviewAnswer
from services.interviews.engine.audit import AuditResult, is_skipped, score_audit
from services.interviews.engine.cards import render_audit_item
from services.interviews.engine.kinds import Mode, Script
from services.interviews.engine.script_models import AUDIT_LEVELS, AuditScript
from services.interviews.views import StepView
from services.texts import t


def total_steps(script: AuditScript) -> int:
    return len(script.items)


def item_id(script: AuditScript, index: int) -> str:
    return script.items[index].id


def scores(answers: Mapping[str, InterviewAnswer]) -> dict[str, int | None]:
    """Item id -> score as given; a skipped item is not checked (None)."""
    return {item: (row.rating if row.rating in AUDIT_LEVELS else None) for item, row in answers.items()}


def _applies(script: AuditScript, index: int, given: Mapping[str, int | None]) -> bool:
    return not is_skipped(script, script.items[index].id, given)


def next_index(script: AuditScript, answers: Mapping[str, InterviewAnswer], after: int) -> int:
    """The next item to show after `after`; len(items) when the audit is complete."""
    given = scores(answers)
    for index in range(after + 1, len(script.items)):
        if _applies(script, index, given):
            return index
    return len(script.items)


def previous_index(script: AuditScript, answers: Mapping[str, InterviewAnswer], before: int) -> int | None:
    given = scores(answers)
    for index in range(before - 1, -1, -1):
        if _applies(script, index, given):
            return index
    return None


def step_view(script: AuditScript, interview: Interview, answers: Mapping[str, InterviewAnswer],
              index: int) -> StepView:
    item = script.items[index]
    row = answers.get(item.id)
    lines = render_audit_item(script, item.id, position=index + 1, total=len(script.items)).split("\n")
    rating = row.rating if row is not None and row.rating in AUDIT_LEVELS else None
    if rating is not None:
        lines += ["", t("interview-audit-your-rating", rating=rating)]
    elif row is not None and row.skipped:
        lines += ["", t("interview-audit-item-unchecked")]
    return StepView(
        interview_id=interview.id, script=Script.AUDIT, mode=Mode(interview.mode), kind="audit_item", position=index,
        text="\n".join(lines), scale=AUDIT_LEVELS, chosen=rating,
        can_back=previous_index(script, answers, index) is not None, can_skip=True, can_next=rating is not None,
        is_last=next_index(script, answers, index) == len(script.items),
    )


def result(script: AuditScript, answers: Mapping[str, InterviewAnswer]) -> AuditResult:
    known = {item.id for item in script.items}
    return score_audit(script, {item: score for item, score in scores(answers).items() if item in known})
