"""Business systemic audit: item scores 0/1/2 -> per department and total, weakest items, programme.

Scoring rules beyond the plain sum:
- `requires`: an item that depends on an earlier one (CRM hygiene depends on having a CRM) scores 0
  when that item scored 0 — there is nothing to check, and the gap is real.
- `cap`: an item cannot score above `cap.max` while `cap.item` scored `cap.when`
  (the seed: «если нет IP-телефонии, то нет CRM»).
- Items without a score are «не проверено» and count neither for nor against the totals.
The programme ranks attestation topics by the gap points they would close (2 minus the score of every
weak item mapped to the topic), ties broken by the order of checks in the script, and keeps the first
PROGRAMME_LIMIT of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from services.interviews.engine.content import AUDIT_LEVELS, AuditItem, AuditScript
from services.texts import t

MAX_ITEM_POINTS = max(AUDIT_LEVELS)
WEAKEST_LIMIT = 5
# A programme is a focus list: the topics that close most of the gap come first, the rest can wait.
PROGRAMME_LIMIT = 6
REASON_ITEMS_LIMIT = 3
# Overall verdict thresholds on the total percentage.
SYSTEMIC_MIN_PERCENT = 75.0
PARTIAL_MIN_PERCENT = 40.0


@dataclass(frozen=True)
class AuditItemResult:
    item_id: str
    department_id: str
    title: str
    score: int | None  # the score that counts; None = not checked
    given: int | None  # what the auditor entered
    level_text: str | None  # what the counted score means for this item
    note: str | None  # why `score` differs from `given`, for the owner


@dataclass(frozen=True)
class DepartmentResult:
    department_id: str
    title: str
    points: int
    max_points: int
    percent: float | None  # None when nothing in the department was checked
    items: tuple[AuditItemResult, ...]


@dataclass(frozen=True)
class RecommendedTopic:
    topic_id: str
    title: str
    gap_points: int
    reason: str  # plain text for the owner


@dataclass(frozen=True)
class AuditResult:
    script_id: str
    departments: tuple[DepartmentResult, ...]
    points: int
    max_points: int
    percent: float | None
    verdict: str  # a one-liner on how systemic the business is, ready to show
    weakest: tuple[AuditItemResult, ...]
    programme: tuple[RecommendedTopic, ...]
    unchecked: tuple[str, ...]  # titles of items without a score


def _validate(script: AuditScript, scores: Mapping[str, int | None]) -> None:
    known = {item.id for item in script.items}
    if unknown := sorted(set(scores) - known):
        raise ValueError(f"unknown audit items: {unknown}")
    for item_id, score in scores.items():
        if score is None:
            continue
        if isinstance(score, bool) or not isinstance(score, int) or score not in AUDIT_LEVELS:
            raise ValueError(f"score of '{item_id}' must be 0, 1, 2 or None, got {score!r}")


def is_skipped(script: AuditScript, item_id: str, scores: Mapping[str, int | None]) -> bool:
    """True when the item need not be asked: the item it requires scored 0."""
    item = script.item(item_id)
    return item.requires is not None and scores.get(item.requires) == 0


def next_item(script: AuditScript, scores: Mapping[str, int | None]) -> AuditItem | None:
    """The next item to ask in the seed's order, skipping answered and not-applicable ones."""
    for item in script.items:
        if item.id not in scores and not is_skipped(script, item.id, scores):
            return item
    return None


def _effective_scores(
    script: AuditScript, scores: Mapping[str, int | None]
) -> dict[str, tuple[int | None, str | None]]:
    result: dict[str, tuple[int | None, str | None]] = {}
    # Caps first: a cap source has no cap or requirement of its own (validated in content.py).
    for item in script.items:
        given = scores.get(item.id)
        if item.cap is not None and given is not None and scores.get(item.cap.item) == item.cap.when:
            if given > item.cap.max:
                result[item.id] = (
                    item.cap.max,
                    t("interview-audit-capped", reason=item.cap.reason, given=given, capped=item.cap.max),
                )
                continue
        result[item.id] = (given, None)
    # Requirements point to earlier items, so one pass in script order sees final scores.
    for item in script.items:
        if item.requires is not None and result[item.requires][0] == 0:
            required = script.item(item.requires)
            result[item.id] = (0, t("interview-audit-requirement-missing", title=required.title))
    return result


def _percent(points: int, max_points: int) -> float | None:
    return points / max_points * 100 if max_points else None


def _verdict(percent: float | None) -> str:
    if percent is None:
        return t("interview-audit-verdict-nothing")
    if percent >= SYSTEMIC_MIN_PERCENT:
        return t("interview-audit-verdict-systemic")
    if percent >= PARTIAL_MIN_PERCENT:
        return t("interview-audit-verdict-partial")
    return t("interview-audit-verdict-none")


def _programme(script: AuditScript, results: list[AuditItemResult]) -> tuple[RecommendedTopic, ...]:
    weak = [r for r in results if r.score is not None and r.score < MAX_ITEM_POINTS]
    gaps: dict[str, int] = {}
    contributors: dict[str, list[AuditItemResult]] = {}
    for result in weak:  # script order, so dict insertion order breaks ties by the order of checks
        for topic_id in script.item(result.item_id).topics:
            gaps[topic_id] = gaps.get(topic_id, 0) + MAX_ITEM_POINTS - (result.score or 0)
            contributors.setdefault(topic_id, []).append(result)
    ordered = sorted(gaps, key=lambda topic_id: -gaps[topic_id])  # stable sort keeps the tie order
    programme = []
    for topic_id in ordered:
        items = sorted(contributors[topic_id], key=lambda r: r.score or 0)
        listed = "; ".join(
            t("interview-audit-gap", title=r.title, score=r.score or 0, max=MAX_ITEM_POINTS)
            for r in items[:REASON_ITEMS_LIMIT]
        )
        more = len(items) - REASON_ITEMS_LIMIT
        if more > 0:
            reason = t("interview-audit-programme-reason-more", items=listed, more=more)
        else:
            reason = t("interview-audit-programme-reason", items=listed)
        programme.append(
            RecommendedTopic(
                topic_id=topic_id,
                title=script.topic_title(topic_id),
                gap_points=gaps[topic_id],
                reason=reason,
            )
        )
    return tuple(programme[:PROGRAMME_LIMIT])


def score_audit(script: AuditScript, scores: Mapping[str, int | None]) -> AuditResult:
    """Score an audit (item id -> 0 / 1 / 2, or None / absent for not checked).

    Raises ValueError on unknown item ids or scores outside 0–2.
    """
    _validate(script, scores)
    effective = _effective_scores(script, scores)
    results = []
    for item in script.items:
        score, note = effective[item.id]
        results.append(
            AuditItemResult(
                item_id=item.id,
                department_id=item.department,
                title=item.title,
                score=score,
                given=scores.get(item.id),
                level_text=item.levels[score] if score is not None else None,
                note=note,
            )
        )
    departments = []
    for department in script.departments:
        items = tuple(r for r in results if r.department_id == department.id)
        checked = [r for r in items if r.score is not None]
        points = sum(r.score or 0 for r in checked)
        max_points = MAX_ITEM_POINTS * len(checked)
        departments.append(
            DepartmentResult(
                department.id, department.title, points, max_points, _percent(points, max_points), items
            )
        )
    points = sum(d.points for d in departments)
    max_points = sum(d.max_points for d in departments)
    percent = _percent(points, max_points)
    order = {r.item_id: i for i, r in enumerate(results)}
    weak = [r for r in results if r.score is not None and r.score < MAX_ITEM_POINTS]
    weakest = sorted(weak, key=lambda r: (r.score, order[r.item_id]))[:WEAKEST_LIMIT]
    return AuditResult(
        script_id=script.id,
        departments=tuple(departments),
        points=points,
        max_points=max_points,
        percent=percent,
        verdict=_verdict(percent),
        weakest=tuple(weakest),
        programme=_programme(script, results),
        unchecked=tuple(r.title for r in results if r.score is None),
    )
