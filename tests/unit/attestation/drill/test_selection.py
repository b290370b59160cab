"""Which questions a day's drill asks: due first, then new ones from weak and assigned topics, never
yesterday's unless due, reviews ahead only when nothing new is left."""

from __future__ import annotations

import random
from datetime import date, timedelta

from services.attestation.drill.engine.selection import Candidates, CardFact, Reason, choose, focus_topics
from services.attestation.engine.content import QuestionBank
from tests.unit.attestation.drill.conftest import small_bank

TODAY = date(2026, 3, 4)


def card(question_id: str, due_in: int, recall: float = 0.9) -> CardFact:
    return CardFact(question_id, question_id.rsplit("_", 1)[0], TODAY + timedelta(days=due_in), recall)


def pick(bank: QuestionBank, **fields: object) -> list[tuple[str, Reason]]:
    candidates = Candidates(TODAY, **fields)  # type: ignore[arg-type]
    return [(p.question_id, p.reason) for p in choose(bank, candidates, random.Random(1))]


def test_due_reviews_come_first_most_overdue_then_least_recalled(bank: QuestionBank) -> None:
    cards = [card("alpha_01", 0, 0.9), card("alpha_02", -2, 0.95), card("beta_01", 0, 0.5), card("beta_02", 3)]
    assert pick(bank, count=3, cards=cards) == [("alpha_02", Reason.DUE), ("beta_01", Reason.DUE),
                                                ("alpha_01", Reason.DUE)]
    assert pick(bank, count=2, cards=cards) == [("alpha_02", Reason.DUE), ("beta_01", Reason.DUE)]


def test_new_questions_come_from_weak_topics_then_assigned_ones_one_per_topic(bank: QuestionBank) -> None:
    accuracy = {"alpha": 0.9, "beta": 0.5, "gamma": 0.6}
    assert focus_topics(bank, accuracy, ["alpha"]) == ["beta", "gamma", "alpha"]
    picked = pick(bank, count=4, topic_accuracy=accuracy, assigned=["alpha"])
    assert [qid.split("_")[0] for qid, _ in picked] == ["beta", "gamma", "alpha", "beta"]
    assert {reason for _, reason in picked} == {Reason.NEW}


def test_without_history_new_questions_cover_the_topics_in_the_banks_order(bank: QuestionBank) -> None:
    picked = pick(bank, count=3)
    assert [qid.split("_")[0] for qid, _ in picked] == ["alpha", "beta", "gamma"]


def test_never_a_question_seen_yesterday_unless_it_is_due() -> None:
    bank = small_bank("alpha")
    every = [q.id for q in bank.questions_of("alpha")]
    seen = frozenset(every[:5])
    picked = pick(bank, count=6, seen_yesterday=seen)
    assert [qid for qid, _ in picked] == [every[5]]  # the only one not shown yesterday
    due = pick(bank, count=2, cards=[card("alpha_01", 0)], seen_yesterday=seen)
    assert due[0] == ("alpha_01", Reason.DUE) and due[1][0] == every[5]


def test_reviews_ahead_only_when_nothing_new_is_left() -> None:
    bank = small_bank("alpha")
    cards = [card(q.id, due_in=n + 1) for n, q in enumerate(bank.questions_of("alpha"))]
    picked = pick(bank, count=2, cards=cards, seen_yesterday=frozenset({"alpha_01"}))
    assert picked == [("alpha_02", Reason.AHEAD), ("alpha_03", Reason.AHEAD)]
    assert len(pick(bank, count=2, cards=cards[:5])) == 2 and pick(bank, count=2, cards=cards[:5])[0][1] == Reason.NEW


def test_questions_removed_from_the_bank_are_never_asked(bank: QuestionBank) -> None:
    picked = pick(bank, count=1, cards=[card("alpha_99", -1)])
    assert picked[0][1] == Reason.NEW
