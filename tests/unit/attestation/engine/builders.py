"""Builders for small content folders and canned answers, shared by the quiz tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from services.attestation.engine.instance import QuestionInstance


def question_set(prefix: str) -> list[dict[str, Any]]:
    """One question of every type (two numeric: generated and fixed), all valid."""
    return [
        {"id": f"{prefix}_01", "type": "single", "text": "Что такое КЭВ?",
         "options": [{"text": "Этап, после которого клиент решает", "correct": True},
                     {"text": "Этап с наибольшим числом лидов", "why": "Число лидов не говорит о решении."},
                     {"text": "Последний этап воронки"}],
         "explanation": "КЭВ — этап, после которого клиент принимает решение."},
        {"id": f"{prefix}_02", "type": "multiple", "text": "Что относится к cross-sell?",
         "options": [{"text": "Сумка к ноутбуку", "correct": True},
                     {"text": "Химчистка ковров к уборке", "correct": True},
                     {"text": "Переход на старший тариф", "why": "Это up-sell."}],
         "explanation": "Cross-sell — продажа сопутствующего продукта."},
        {"id": f"{prefix}_03", "type": "numeric", "generator": "stage_conversion",
         "text": "На этапе {in_stage}, перешли {moved}. Конверсия, %?", "tolerance": 0.1, "unit": "%",
         "explanation": "{moved} ÷ {in_stage} × 100 % = {answer} %."},
        {"id": f"{prefix}_04", "type": "numeric", "text": "Сколько будет 30 ÷ 0,4?", "answer": 75,
         "tolerance": 0, "explanation": "30 ÷ 0,4 = {answer}."},
        {"id": f"{prefix}_05", "type": "ordering", "text": "Шаги HADI по порядку",
         "items": ["Гипотеза", "Действие", "Данные", "Выводы"], "explanation": "H → A → D → I."},
        {"id": f"{prefix}_06", "type": "matching", "text": "Роль и задача",
         "pairs": [{"left": "Hunter", "right": "Ищет лидов"}, {"left": "Closer", "right": "Закрывает сделку"},
                   {"left": "Farmer", "right": "Развивает базу"}],
         "explanation": "У каждой роли своя задача."},
    ]


def topic_dict(topic_id: str = "alpha", order: int = 10, questions: list[dict] | None = None) -> dict[str, Any]:
    return {
        "id": topic_id,
        "title": f"Тема {topic_id}",
        "order": order,
        "card": {"definition": "Определение.", "example": "Пример.", "mistake": "Ошибка.",
                 "monday": "Что сделать."},
        "questions": question_set(topic_id) if questions is None else questions,
    }


def write_content(root: Path, *topics: dict[str, Any], raw_files: dict[str, str] | None = None) -> Path:
    """A content folder under root with the topics as content/topics/<id>.yaml (plus raw text files)."""
    folder = root / "content" / "topics"
    folder.mkdir(parents=True, exist_ok=True)
    for topic in topics:
        (folder / f"{topic['id']}.yaml").write_text(yaml.safe_dump(topic, allow_unicode=True, sort_keys=False),
                                                    encoding="utf-8")
    for name, text in (raw_files or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return root / "content"


def right_response(instance: QuestionInstance) -> Any:
    """What a user who knows the answer sends, in the response form grade() takes."""
    if instance.type == "single":
        return instance.correct[0]
    if instance.type == "multiple":
        return set(instance.correct)
    if instance.type == "numeric":
        unit = f" {instance.unit}" if instance.unit else ""
        return instance.values["answer"] + unit
    return list(instance.correct)


def wrong_response(instance: QuestionInstance) -> Any:
    """A plausible wrong answer of the right shape."""
    if instance.type == "single":
        return next(k for k in range(len(instance.choices)) if k not in instance.correct)
    if instance.type == "multiple":
        return {k for k in range(len(instance.choices)) if k not in instance.correct}
    if instance.type == "numeric":
        return str((instance.answer or 0) + (instance.tolerance or 0) + 1000)
    right = list(instance.correct)
    return right[1:] + right[:1]
