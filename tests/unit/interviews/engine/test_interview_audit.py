"""Audit totals, dependencies between items and the recommended training programme."""

from __future__ import annotations

import pytest

from services.interviews.engine.audit import PROGRAMME_LIMIT, next_item, score_audit
from services.interviews.engine.content import AuditScript


def _item(iid: str, department: str, topics: list[str], **extra) -> dict:
    return {
        "id": iid,
        "department": department,
        "title": f"Пункт {iid}",
        "how_to_check": "Посмотрите в CRM",
        "levels": {0: "нет", 1: "частично", 2: "системно"},
        "topics": topics,
        **extra,
    }


SMALL = AuditScript.model_validate(
    {
        "id": "audit",
        "version": 1,
        "title": "Тест",
        "intro": "Тест",
        "departments": [{"id": "marketing", "title": "Маркетинг"}, {"id": "sales", "title": "Продажи"}],
        "programme_topics": [
            {"id": "cjm", "title": "CJM"},
            {"id": "kev", "title": "КЭВ"},
            {"id": "rfm", "title": "RFM"},
        ],
        "items": [
            _item("a", "marketing", ["cjm", "kev"]),
            _item("b", "marketing", ["kev"]),
            _item(
                "crm",
                "sales",
                ["rfm"],
                cap={"item": "phone", "when": 0, "max": 1, "reason": "Нет телефонии."},
            ),
            _item("tasks", "sales", ["rfm"], requires="crm"),
            _item("phone", "sales", ["cjm"]),
        ],
    }
)


def test_totals_per_department_and_overall():
    result = score_audit(SMALL, {"a": 0, "b": 1, "crm": 2, "tasks": 2, "phone": 2})
    marketing, sales = result.departments
    assert (marketing.points, marketing.max_points, marketing.percent) == (1, 4, 25.0)
    assert (sales.points, sales.max_points, sales.percent) == (6, 6, 100.0)
    assert (result.points, result.max_points) == (7, 10)
    assert result.percent == pytest.approx(70.0)
    assert [i.item_id for i in result.weakest] == ["a", "b"]


def test_programme_ranks_topics_by_gap_points():
    result = score_audit(SMALL, {"a": 0, "b": 1, "crm": 2, "tasks": 2, "phone": 2})
    # kev: (2-0) + (2-1) = 3; cjm: 2 (from «a» only); rfm: no gap
    assert [(t.topic_id, t.gap_points) for t in result.programme] == [("kev", 3), ("cjm", 2)]
    kev = result.programme[0]
    assert kev.title == "КЭВ"
    assert "«Пункт a» — 0 из 2" in kev.reason and "«Пункт b» — 1 из 2" in kev.reason


def test_programme_ties_follow_the_order_of_checks():
    result = score_audit(SMALL, {"a": 1, "b": 2, "crm": 2, "tasks": 2, "phone": 2})
    assert [t.topic_id for t in result.programme] == ["cjm", "kev"]


def test_no_crm_means_nothing_to_check_in_it():
    result = score_audit(SMALL, {"a": 2, "b": 2, "crm": 0, "phone": 2})
    tasks = next(i for d in result.departments for i in d.items if i.item_id == "tasks")
    assert tasks.score == 0 and tasks.given is None
    assert "Пункт crm" in tasks.note
    assert result.unchecked == ()
    assert (result.points, result.max_points) == (6, 10)


def test_no_telephony_caps_crm():
    result = score_audit(SMALL, {"a": 2, "b": 2, "crm": 2, "tasks": 2, "phone": 0})
    crm = next(i for d in result.departments for i in d.items if i.item_id == "crm")
    assert (crm.given, crm.score) == (2, 1)
    assert crm.note.startswith("Нет телефонии.")
    assert result.departments[1].points == 3  # crm 1 + tasks 2 + phone 0


def test_unchecked_items_count_neither_way():
    result = score_audit(SMALL, {"a": 2})
    assert (result.points, result.max_points, result.percent) == (2, 2, 100.0)
    assert result.departments[1].percent is None
    assert result.unchecked == ("Пункт b", "Пункт crm", "Пункт tasks", "Пункт phone")


def test_everything_systematic_needs_no_programme():
    result = score_audit(SMALL, dict.fromkeys(("a", "b", "crm", "tasks", "phone"), 2))
    assert result.percent == 100.0 and result.programme == () and result.weakest == ()
    assert "системно" in result.verdict


def test_next_item_skips_what_does_not_apply():
    assert next_item(SMALL, {}).id == "a"
    assert next_item(SMALL, {"a": 1, "b": 1, "crm": 0}).id == "phone"
    assert next_item(SMALL, {"a": 1, "b": 1, "crm": 1}).id == "tasks"
    assert next_item(SMALL, {"a": 1, "b": 1, "crm": 1, "tasks": 1, "phone": 1}) is None


@pytest.mark.parametrize("scores", [{"a": 3}, {"a": -1}, {"a": True}, {"zzz": 1}, {"a": 1.0}])
def test_invalid_scores_are_rejected(scores):
    with pytest.raises(ValueError):
        score_audit(SMALL, scores)


def test_shipped_audit_without_crm_or_telephony(scripts):
    audit = scripts.audit
    scores = dict.fromkeys((item.id for item in audit.items), 2)
    scores |= {"crm": 0, "ip_telephony": 0}
    for hygiene in ("crm_no_tasks", "crm_overdue", "crm_all_deals"):
        del scores[hygiene]
    result = score_audit(audit, scores)
    assert result.max_points == 2 * len(audit.items)
    assert result.points == 2 * (len(audit.items) - 5)  # crm, telephony and three hygiene items at 0
    assert [i.item_id for i in result.weakest] == [
        "crm",
        "crm_no_tasks",
        "crm_overdue",
        "crm_all_deals",
        "ip_telephony",
    ]
    # sales_book closes crm + overdue + telephony (6 points); kev, conversion, warming 4 each, in check order
    assert [t.topic_id for t in result.programme] == [
        "sales_book",
        "kev",
        "conversion",
        "warming",
        "cjm",
        "head_of_sales",
    ][:PROGRAMME_LIMIT]
    assert all(t.title == audit.topic_title(t.topic_id) for t in result.programme)
