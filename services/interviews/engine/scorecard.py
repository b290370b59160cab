"""Head-of-sales scorecard: weighted total, red flags, recommendation and side-by-side comparison.

Recommendation rules (thresholds are the module constants below):
1. Nothing rated -> discuss («Обсудить»): there is nothing to decide on.
2. Weighted total below REJECT_BELOW_PERCENT -> «Не нанимать», provided at least VERDICT_MIN_COVERAGE of
   the weight was rated; with less, a low score is too thin to reject on -> «Обсудить».
3. «Нанимать» needs a total of at least HIRE_MIN_PERCENT and none of these blockers:
   a critical red flag; a rating of 1 on a key competency; less than HIRE_MIN_COVERAGE of the weight
   rated; more than MAX_MINOR_FLAGS_FOR_HIRE non-critical red flags.
4. Everything else -> «Обсудить».
The total on the 1–4 scale is the weight-averaged rating of the rated competencies; the percentage
maps that scale linearly so that 1 is 0 % and 4 is 100 % (a «1» means no competence at all).
Skipped competencies do not pull the total down; they lower the confidence and are named in the reasons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from services.interviews.engine.content import RATING_VALUES, HiringScript
from services.interviews.engine.formatting import fmt_decimal, fmt_percent
from services.texts import t

HIRE_MIN_PERCENT = 75.0  # i.e. 3.25 of 4
REJECT_BELOW_PERCENT = 50.0  # i.e. 2.5 of 4
HIRE_MIN_COVERAGE = 0.8
VERDICT_MIN_COVERAGE = 0.5
MAX_MINOR_FLAGS_FOR_HIRE = 2
STRONG_RATING = 4
WEAK_RATING = 2
MIN_RATING, MAX_RATING = min(RATING_VALUES), max(RATING_VALUES)
BLOCKING_KEY_RATING = MIN_RATING  # this rating on a key competency blocks «Нанимать»


class Recommendation(StrEnum):
    HIRE = "hire"
    DISCUSS = "discuss"
    REJECT = "reject"


RECOMMENDATION_KEYS = {
    Recommendation.HIRE: "interview-recommendation-hire",
    Recommendation.DISCUSS: "interview-recommendation-discuss",
    Recommendation.REJECT: "interview-recommendation-reject",
}


def recommendation_text(recommendation: Recommendation) -> str:
    """«Нанимать» / «Обсудить» / «Не нанимать»."""
    return t(RECOMMENDATION_KEYS[recommendation])


_RECOMMENDATION_ORDER = {Recommendation.HIRE: 0, Recommendation.DISCUSS: 1, Recommendation.REJECT: 2}


@dataclass(frozen=True)
class RaisedFlag:
    competency_id: str
    competency_title: str
    flag_id: str
    text: str
    critical: bool


@dataclass(frozen=True)
class Evidence:
    """What a score rests on: the owner's typed notes and, in a remote interview, the candidate's own answer —
    text, or a voice message that stays in the chat (its length, when known, goes into the exports)."""

    note: str | None = None
    answer: str | None = None
    voice: bool = False
    voice_seconds: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.note or self.answer or self.voice)


NO_EVIDENCE = Evidence()


@dataclass(frozen=True)
class CompetencyScore:
    competency_id: str
    title: str
    weight: int
    key: bool
    rating: int | None  # None = skipped
    rubric_text: str | None  # what the given rating means for this competency
    red_flags: tuple[RaisedFlag, ...]
    evidence: Evidence = NO_EVIDENCE


@dataclass(frozen=True)
class Scorecard:
    script_id: str
    candidate: str
    competencies: tuple[CompetencyScore, ...]
    total: float | None  # weighted mean on the 1–4 scale; None when nothing is rated
    percent: float | None  # the same on 0–100 %
    coverage: float  # share of the total weight that was rated, 0..1
    confidence: str  # «высокая» / «средняя» / «низкая», ready to show
    skipped: tuple[str, ...]  # titles of skipped competencies
    strengths: tuple[str, ...]  # titles rated 4
    weaknesses: tuple[str, ...]  # titles rated 1 or 2
    red_flags: tuple[RaisedFlag, ...]
    recommendation: Recommendation
    reasons: tuple[str, ...]  # plain text for the owner (escape before sending as HTML)
    salary: str | None


@dataclass(frozen=True)
class ComparisonRow:
    competency_id: str
    title: str
    weight: int
    key: bool
    ratings: tuple[int | None, ...]  # one per candidate, in Comparison.candidates order
    best: tuple[int, ...]  # indices of the candidates with the highest rating in this row


@dataclass(frozen=True)
class Comparison:
    candidates: tuple[str, ...]
    scorecards: tuple[Scorecard, ...]
    rows: tuple[ComparisonRow, ...]
    ranking: tuple[int, ...]  # candidate indices, best first


def _confidence(coverage: float) -> str:
    if coverage >= HIRE_MIN_COVERAGE:
        return t("interview-confidence-high")
    if coverage >= VERDICT_MIN_COVERAGE:
        return t("interview-confidence-medium")
    return t("interview-confidence-low")


def _validate(
    script: HiringScript, ratings: Mapping[str, int | None], red_flags: Mapping[str, Sequence[str]]
) -> None:
    known = {c.id for c in script.competencies}
    if unknown := sorted(set(ratings) - known):
        raise ValueError(f"unknown competencies in ratings: {unknown}")
    if unknown := sorted(set(red_flags) - known):
        raise ValueError(f"unknown competencies in red_flags: {unknown}")
    for competency_id, rating in ratings.items():
        if rating is None:
            continue
        if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATING_VALUES:
            raise ValueError(f"rating of '{competency_id}' must be 1–4 or None, got {rating!r}")
    for competency_id, flag_ids in red_flags.items():
        competency = script.competency(competency_id)
        if unknown := [f for f in flag_ids if competency.flag(f) is None]:
            raise ValueError(f"unknown red flags for '{competency_id}': {unknown}")


def _score_competencies(
    script: HiringScript, ratings: Mapping[str, int | None], red_flags: Mapping[str, Sequence[str]],
    evidence: Mapping[str, Evidence],
) -> tuple[CompetencyScore, ...]:
    scores = []
    for competency in script.competencies:
        rating = ratings.get(competency.id)
        flags = []
        for flag_id in dict.fromkeys(red_flags.get(competency.id, ())):  # a double tap counts once
            flag = competency.flag(flag_id)
            assert flag is not None
            flags.append(RaisedFlag(competency.id, competency.title, flag.id, flag.text, flag.critical))
        scores.append(
            CompetencyScore(
                competency_id=competency.id,
                title=competency.title,
                weight=competency.weight,
                key=competency.key,
                rating=rating,
                rubric_text=competency.rubric[rating] if rating is not None else None,
                red_flags=tuple(flags),
                evidence=evidence.get(competency.id, NO_EVIDENCE),
            )
        )
    return tuple(scores)


def _quoted_titles(titles: Sequence[str]) -> str:
    return ", ".join(f"«{title}»" for title in titles)


def _concerns(scores: Sequence[CompetencyScore]) -> list[str]:
    """Critical flags, a 1 on a key competency and too many minor flags: each blocks «Нанимать»."""
    concerns = [
        t("interview-reason-critical-flag", flag=flag.text, competency=score.title)
        for score in scores
        for flag in score.red_flags
        if flag.critical
    ]
    if weak_keys := [s.title for s in scores if s.key and s.rating == BLOCKING_KEY_RATING]:
        concerns.append(t("interview-reason-key-rated-low", rating=BLOCKING_KEY_RATING,
                          titles=_quoted_titles(weak_keys)))
    minor = sum(1 for s in scores for flag in s.red_flags if not flag.critical)
    if minor > MAX_MINOR_FLAGS_FOR_HIRE:
        concerns.append(t("interview-reason-many-flags", count=minor, limit=MAX_MINOR_FLAGS_FOR_HIRE))
    return concerns


def _decide(
    scores: Sequence[CompetencyScore], percent: float | None, total: float | None, coverage: float
) -> tuple[Recommendation, list[str]]:
    if percent is None or total is None:
        return Recommendation.DISCUSS, [t("interview-reason-nothing-rated")]
    shown, share = fmt_decimal(total), fmt_percent(percent)
    concerns = _concerns(scores)
    if percent < REJECT_BELOW_PERCENT:
        if coverage >= VERDICT_MIN_COVERAGE:
            line = t("interview-reason-reject", total=shown, max=MAX_RATING, percent=share,
                     threshold=fmt_percent(REJECT_BELOW_PERCENT))
            return Recommendation.REJECT, [line, *concerns]
        line = t("interview-reason-low-but-thin", total=shown, max=MAX_RATING, percent=share)
        return Recommendation.DISCUSS, [line, *concerns]
    hire_mark = fmt_percent(HIRE_MIN_PERCENT)
    if percent >= HIRE_MIN_PERCENT:
        reasons = [t("interview-reason-hire-mark-reached", total=shown, max=MAX_RATING, percent=share,
                     threshold=hire_mark)]
    else:
        reasons = [t("interview-reason-hire-mark-missed", total=shown, max=MAX_RATING, percent=share,
                     threshold=hire_mark)]
    blockers = list(concerns)
    if coverage < HIRE_MIN_COVERAGE:
        blockers.append(t("interview-reason-coverage", coverage=fmt_percent(coverage * 100),
                          needed=fmt_percent(HIRE_MIN_COVERAGE * 100)))
    reasons.extend(blockers)
    if percent >= HIRE_MIN_PERCENT and not blockers:
        return Recommendation.HIRE, reasons
    return Recommendation.DISCUSS, reasons


def build_scorecard(
    script: HiringScript,
    ratings: Mapping[str, int | None],
    red_flags: Mapping[str, Sequence[str]],
    salary: str | None,
    *,
    candidate: str = "",
    evidence: Mapping[str, Evidence] | None = None,
) -> Scorecard:
    """Turn the owner's ratings (competency id -> 1..4 or None for skipped) and red flags into a scorecard;
    `evidence` (competency id -> notes and the candidate's answer) travels with each score into the exports.

    Raises ValueError on unknown competency or flag ids and on ratings outside 1–4.
    """
    _validate(script, ratings, red_flags)
    scores = _score_competencies(script, ratings, red_flags, evidence or {})
    rated = [s for s in scores if s.rating is not None]
    total_weight = sum(s.weight for s in scores)
    rated_weight = sum(s.weight for s in rated)
    coverage = rated_weight / total_weight if total_weight else 0.0
    total = sum(s.weight * s.rating for s in rated if s.rating) / rated_weight if rated_weight else None
    # Rounded so that a total of exactly 3.25 is not lost to float noise at the 75 % threshold.
    percent = round((total - 1) / 3 * 100, 9) if total is not None else None
    recommendation, reasons = _decide(scores, percent, total, coverage)
    skipped = tuple(s.title for s in scores if s.rating is None)
    confidence = _confidence(coverage)
    if skipped and rated:
        if coverage < HIRE_MIN_COVERAGE:
            reasons.append(t("interview-reason-not-rated-confidence", titles=_quoted_titles(skipped),
                             confidence=confidence))
        else:
            reasons.append(t("interview-reason-not-rated", titles=_quoted_titles(skipped)))
    salary_text = salary.strip() if salary else ""
    return Scorecard(
        script_id=script.id,
        candidate=candidate.strip(),
        competencies=scores,
        total=total,
        percent=percent,
        coverage=coverage,
        confidence=confidence,
        skipped=skipped,
        strengths=tuple(s.title for s in rated if s.rating == STRONG_RATING),
        weaknesses=tuple(s.title for s in rated if s.rating is not None and s.rating <= WEAK_RATING),
        red_flags=tuple(flag for s in scores for flag in s.red_flags),
        recommendation=recommendation,
        reasons=tuple(reasons),
        salary=salary_text or None,
    )


def _rank_key(index: int, card: Scorecard) -> tuple:
    critical = sum(1 for flag in card.red_flags if flag.critical)
    percent = card.percent if card.percent is not None else -1.0
    return (_RECOMMENDATION_ORDER[card.recommendation], -percent, critical, -card.coverage, index)


def compare(scorecards: Sequence[Scorecard]) -> Comparison:
    """Put candidates side by side; ranking: recommendation, then total, then fewer critical flags."""
    if len({card.script_id for card in scorecards}) > 1:
        raise ValueError("cannot compare scorecards of different scripts")
    names = tuple(card.candidate or t("interview-candidate-number", number=i)
                  for i, card in enumerate(scorecards, start=1))
    # Align by competency id, not position: cards may come from different versions of the script.
    by_id = [{score.competency_id: score.rating for score in card.competencies} for card in scorecards]
    rows = []
    if scorecards:
        for first in scorecards[0].competencies:
            ratings = tuple(card_ratings.get(first.competency_id) for card_ratings in by_id)
            given = [r for r in ratings if r is not None]
            top = max(given) if given else None
            rows.append(
                ComparisonRow(
                    competency_id=first.competency_id,
                    title=first.title,
                    weight=first.weight,
                    key=first.key,
                    ratings=ratings,
                    best=tuple(i for i, r in enumerate(ratings) if top is not None and r == top),
                )
            )
    ranking = tuple(sorted(range(len(scorecards)), key=lambda i: _rank_key(i, scorecards[i])))
    return Comparison(candidates=names, scorecards=tuple(scorecards), rows=tuple(rows), ranking=ranking)
