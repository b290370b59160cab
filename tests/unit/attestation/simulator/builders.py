"""Small simulator content folders for the loader, validator and engine tests.

`scenario_dict()` is a valid scenario with six decisions on every path and three endings: a spine `s1 … s6`, where
the worse reply of `s2` takes a detour through `s2b`. Tests break one thing in a copy and write the folder.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

SETUP: dict[str, Any] = {
    "skills": [{"id": "contact", "name": "Контакт"}, {"id": "closing", "name": "Следующий шаг"}],
    "stages": [{"id": "contact", "name": "Установление контакта"}, {"id": "decision", "name": "Ждём решение"}],
    "roles": [{"id": "closer", "name": "Closer"}],
}
TOPICS = ("warming", "kev")


def reply(text: str, score: dict[str, int], next_node: str) -> dict[str, Any]:
    return {"text": text, "score": score, "why": f"Потому что {text.lower()}.", "reaction": f"Ответ на «{text}».",
            "next": next_node}


def scenario_dict(scenario_id: str = "alpha", stage: str = "contact") -> dict[str, Any]:
    steps: dict[str, Any] = {}
    for k in range(1, 6):
        nxt = f"s{k + 1}"
        steps[f"s{k}"] = {
            "client": f"Реплика клиента {k}.",
            "topic": "warming",
            "replies": [reply(f"Хороший ответ {k}", {"contact": 2}, nxt),
                        reply(f"Слабый ответ {k}", {"contact": 0}, "s2b" if k == 1 else nxt)],
        }
    steps["s2b"] = {"client": "Клиент насторожился.", "topic": "warming",
                    "replies": [reply("Исправиться", {"contact": 2}, "s3"), reply("Настаивать", {"contact": 0}, "s3")]}
    steps["s6"] = {
        "client": "Ну и что дальше?",
        "topic": "kev",
        "replies": [reply("Назначить встречу", {"closing": 2}, "won"),
                    reply("Созвониться потом", {"closing": 1}, "later"),
                    reply("Ждать звонка", {"closing": 0}, "gone")],
    }
    return {
        "id": scenario_id,
        "title": f"Сценарий {scenario_id}",
        "stage": stage,
        "role": "closer",
        "business": "Оконная компания, Екатеринбург",
        "client": "Ирина",
        "brief": "Ирина оставила заявку. Цель — записать на замер.",
        "topics": ["kev"],
        "start": "s1",
        "steps": steps,
        "endings": {
            "won": {"kind": "advanced", "title": "Замер назначен", "text": "Суббота, 10:00."},
            "later": {"kind": "postponed", "title": "Созвонимся", "text": "Дата звонка есть."},
            "gone": {"kind": "lost", "title": "Клиент ушёл", "text": "Заказал у конкурентов."},
        },
    }


def write_content(folder: Path, *scenarios: dict[str, Any], setup: dict[str, Any] | None = None,
                  raw_files: dict[str, str] | None = None) -> Path:
    """A content folder: simulator.yaml, scenarios/<id>.yaml, and empty topic files for the card ids."""
    (folder / "scenarios").mkdir(parents=True)
    (folder / "topics").mkdir()
    for topic in TOPICS:
        (folder / "topics" / f"{topic}.yaml").write_text("id: " + topic + "\n", encoding="utf-8")
    (folder / "simulator.yaml").write_text(yaml.safe_dump(setup or SETUP, allow_unicode=True), encoding="utf-8")
    for scenario in scenarios:
        path = folder / "scenarios" / f"{scenario['id']}.yaml"
        path.write_text(yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, text in (raw_files or {}).items():
        (folder / "scenarios" / name).write_text(text, encoding="utf-8")
    return folder


def copy_of(scenario: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(scenario)
