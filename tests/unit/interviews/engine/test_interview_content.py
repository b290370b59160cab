"""The shipped interview scripts load and say what the issue asks; broken scripts are caught."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

from services.interviews.engine.content import (
    ATTESTATION_TOPIC_IDS,
    ContentError,
    check_scripts,
    load_scripts,
)

SEEDS_DIR = Path(__file__).resolve().parents[5] / "shared" / "seeds"


def _normalise(text: str) -> str:
    text = text.lower().replace("ё", "е")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _edit(directory: Path, file_name: str, change) -> None:
    path = directory / file_name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- the shipped scripts ----------------------------------------------------------------------


def test_shipped_scripts_pass_the_check():
    assert check_scripts() == []


def test_hiring_kit_covers_the_competencies_of_the_issue(scripts):
    ids = [c.id for c in scripts.hiring.competencies]
    assert len(ids) >= 9
    for required in (
        "control",
        "dashboard",
        "missed_metrics",
        "roles",
        "onboarding",
        "training",
        "motivation",
        "conversions",
        "planning",
        "hiring",
        "crm",
    ):
        assert required in ids
    for competency in scripts.hiring.competencies:
        assert sorted(competency.rubric) == [1, 2, 3, 4]
        assert competency.follow_ups and competency.listen_for and competency.red_flags


def test_best_salesman_red_flag_is_critical(scripts):
    flags = [f for c in scripts.hiring.competencies for f in c.red_flags]
    own_sales = [f for f in flags if "своих личных продажах" in f.text]
    assert own_sales and all(f.critical for f in own_sales)


def test_intro_explains_the_head_of_sales_product(scripts):
    assert "руками менеджеров" in scripts.hiring.intro
    assert "лучшего менеджера" in scripts.hiring.intro


def test_salary_question_is_asked_but_not_among_rated_competencies(scripts):
    salary = scripts.hiring.salary
    assert "доход" in salary.text
    assert salary.id not in {c.id for c in scripts.hiring.competencies}
    assert scripts.hiring.remote_questions()[-1] == (None, salary)


@pytest.mark.skipif(not SEEDS_DIR.exists(), reason="shared seeds are not available")
def test_every_seed_interview_question_is_in_the_kit(scripts):
    seed = next(SEEDS_DIR.glob("002_*.txt")).read_text(encoding="utf-8")
    seed_questions = [
        _normalise(part)
        for part in re.split(
            r"—", seed.split("Задавайте больше качественных вопросов:")[1].split("Вторая причина")[0]
        )
        if part.strip() and "так далее" not in part
    ]
    assert len(seed_questions) == 9
    ours = [_normalise(q.text) for c in scripts.hiring.competencies for q in c.questions if q.from_seed]
    for question in seed_questions:
        best = max(difflib.SequenceMatcher(None, question, own).ratio() for own in ours)
        assert best >= 0.8, question


def test_custdev_script_has_the_tags_rules_and_closing(scripts):
    custdev = scripts.custdev
    labels = {t.id: t.label for t in custdev.tags}
    assert sorted(labels.values()) == sorted(
        ["боль", "текущее решение", "затраты", "ценность", "возражение", "цитата"]
    )
    rules = " ".join(r.text for r in custdev.rules).lower()
    assert "о прошлом, а не о будущем" in rules
    assert "об их жизни, а не о нашей идее" in rules
    assert [s.id for s in custdev.sections] == [
        "context",
        "last_time",
        "current_solution",
        "spent",
        "value",
        "closing",
    ]
    closing = custdev.sections[-1].questions
    assert any(q.highlight == "referrals" and "порекомендуете" in q.text for q in closing)
    assert any(q.highlight == "next_step" for q in closing)
    assert "Не продавайте" in custdev.anti_pitch


def test_audit_follows_the_seed_order_and_maps_to_existing_topics(scripts):
    audit = scripts.audit
    assert [d.id for d in audit.departments] == ["marketing", "sales", "service"]
    departments = [item.department for item in audit.items]
    assert departments == sorted(departments, key=["marketing", "sales", "service"].index)
    ids = [item.id for item in audit.items]
    for required in (
        "channels",
        "geography",
        "managers",
        "head_of_sales",
        "structure",
        "client_bases",
        "kpi",
        "crm",
        "crm_no_tasks",
        "crm_overdue",
        "crm_all_deals",
        "ip_telephony",
        "site_leads",
        "back_office",
        "duties",
        "service_time",
        "gaps",
        "quality",
    ):
        assert required in ids
    for item in audit.items:
        assert set(item.topics) <= ATTESTATION_TOPIC_IDS
        assert sorted(item.levels) == [0, 1, 2]
    assert {audit.item(i).requires for i in ("crm_no_tasks", "crm_overdue", "crm_all_deals")} == {"crm"}
    assert audit.item("crm").cap.item == "ip_telephony"


# --- broken scripts are caught ----------------------------------------------------------------


def test_rubric_without_a_level_is_reported(content_copy):
    _edit(content_copy, "hiring.yaml", lambda d: d["competencies"][0]["rubric"].pop(4))
    errors = check_scripts(content_copy)
    assert any(e.startswith("hiring.yaml: competencies.0") and "1, 2, 3, 4" in e for e in errors)


def test_duplicate_question_id_is_reported(content_copy):
    def duplicate(data):
        data["competencies"][1]["questions"][0]["id"] = data["competencies"][0]["questions"][0]["id"]

    _edit(content_copy, "hiring.yaml", duplicate)
    assert any("duplicate question ids" in e for e in check_scripts(content_copy))


def test_too_few_competencies_are_reported(content_copy):
    _edit(content_copy, "hiring.yaml", lambda d: d.__setitem__("competencies", d["competencies"][:8]))
    assert any(e.startswith("hiring.yaml: competencies") for e in check_scripts(content_copy))


def test_string_weight_is_rejected_by_strict_validation(content_copy):
    _edit(content_copy, "hiring.yaml", lambda d: d["competencies"][0].__setitem__("weight", "3"))
    assert any("competencies.0.weight" in e for e in check_scripts(content_copy))


def test_unknown_field_is_rejected(content_copy):
    _edit(content_copy, "custdev.yaml", lambda d: d["sections"][0].__setitem__("colour", "red"))
    assert any("custdev.yaml: sections.0.colour" in e for e in check_scripts(content_copy))


def test_custdev_question_with_unknown_rule_or_tag_is_reported(content_copy):
    def break_refs(data):
        data["sections"][0]["questions"][0]["rule"] = "no_such_rule"
        data["sections"][1]["questions"][0]["suggested_tags"] = ["gossip"]

    _edit(content_copy, "custdev.yaml", break_refs)
    errors = check_scripts(content_copy)
    assert any("unknown rule 'no_such_rule'" in e for e in errors)
    assert any("unknown tags ['gossip']" in e for e in errors)


def test_audit_topic_that_is_not_an_attestation_topic_is_reported(content_copy):
    errors = check_scripts(content_copy, topic_ids=ATTESTATION_TOPIC_IDS - {"rfm"})
    assert errors == ["audit.yaml: programme topic 'rfm' is not an attestation topic"]


def test_audit_item_requiring_a_later_item_is_reported(content_copy):
    _edit(content_copy, "audit.yaml", lambda d: d["items"][0].__setitem__("requires", "quality"))
    assert any("requires 'quality', which is not an earlier item" in e for e in check_scripts(content_copy))


def test_audit_item_with_unknown_department_and_topic_is_reported(content_copy):
    def break_refs(data):
        data["items"][0]["department"] = "finance"
        data["items"][0]["topics"] = ["astrology"]

    _edit(content_copy, "audit.yaml", break_refs)
    errors = check_scripts(content_copy)
    assert any("unknown department 'finance'" in e for e in errors)
    assert any("unknown programme topics ['astrology']" in e for e in errors)


def test_missing_file_and_invalid_yaml_are_reported_together(content_copy):
    (content_copy / "audit.yaml").unlink()
    (content_copy / "custdev.yaml").write_text("sections: [unclosed", encoding="utf-8")
    errors = check_scripts(content_copy)
    assert any(e.startswith("audit.yaml: file not found") for e in errors)
    assert any(e.startswith("custdev.yaml: invalid YAML") for e in errors)


def test_load_scripts_raises_with_every_error(content_copy):
    (content_copy / "audit.yaml").unlink()
    _edit(content_copy, "hiring.yaml", lambda d: d.pop("salary"))
    with pytest.raises(ContentError) as caught:
        load_scripts(content_copy)
    assert len(caught.value.errors) == 2


def test_intact_copy_loads(content_copy):
    assert load_scripts(content_copy).hiring.id == "hiring"


def test_custdev_keywords_are_checked_with_the_scripts(content_copy):
    _edit(content_copy, "custdev_keywords.yaml", lambda d: d.__setitem__("stop_words", "Очень важно"))
    assert any(e.startswith("custdev_keywords.yaml: ") and "lower-case" in e for e in check_scripts(content_copy))
