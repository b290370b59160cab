"""What a team remembers: FSRS's predicted recall, averaged per topic over every member's cards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from services.attestation.drill.engine.memory import CardState, retrievability


@dataclass(frozen=True)
class TopicRecall:
    topic_id: str
    percent: int  # mean predicted recall of the topic's cards, whole percent
    cards: int
    members: int
    stability: float  # mean FSRS stability (days): breaks ties — right after a review every card is at 100 %


def whole_percent(share: float) -> int:
    return int(Decimal(str(share * 100)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def team_recall(cards: Iterable[tuple[int, CardState]], at: datetime) -> list[TopicRecall]:
    """Per topic, strongest first, from (user_id, card) pairs. FSRS counts whole days since the last review."""
    shares: dict[str, list[float]] = {}
    stabilities: dict[str, list[float]] = {}
    people: dict[str, set[int]] = {}
    for user_id, card in cards:
        shares.setdefault(card.topic_id, []).append(retrievability(card, at))
        stabilities.setdefault(card.topic_id, []).append(card.stability)
        people.setdefault(card.topic_id, set()).add(user_id)
    found = [TopicRecall(tid, whole_percent(sum(values) / len(values)), len(values), len(people[tid]),
                         sum(stabilities[tid]) / len(values)) for tid, values in shares.items()]
    return sorted(found, key=lambda r: (-r.percent, -r.stability, r.topic_id))


def weakest_topic(recalls: list[TopicRecall]) -> str | None:
    """The lowest recall; on a tie the least stable memory."""
    return min(recalls, key=lambda r: (r.percent, r.stability, r.topic_id)).topic_id if recalls else None
