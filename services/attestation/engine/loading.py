"""Reading topic YAML strictly and turning pydantic errors into messages a content writer understands."""

from __future__ import annotations

from typing import Any

import yaml

QUESTION_TYPES = ("single", "multiple", "numeric", "ordering", "matching")


class UniqueKeyLoader(yaml.SafeLoader):
    """Plain YAML silently keeps the last of two equal keys; a writer's duplicate must be an error."""


def _construct_mapping(loader: UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise yaml.constructor.ConstructorError(
                None, None, f"ключ «{key}» повторяется", key_node.start_mark)
        keys.add(key)
    return loader.construct_mapping(node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

_PYDANTIC_MESSAGES = {
    "missing": "нет обязательного поля «{field}»",
    "extra_forbidden": "лишнее поле «{field}»",
    "string_too_short": "поле «{field}» пустое",
    "string_pattern_mismatch": "поле «{field}»: только латиница в нижнем регистре, цифры и _",
    "string_too_long": "поле «{field}» длиннее 40 символов",
    "union_tag_not_found": "не указан тип вопроса (type)",
    "union_tag_invalid": "неизвестный тип вопроса «{tag}» (допустимы: " + ", ".join(QUESTION_TYPES) + ")",
}


def describe_error(error: dict[str, Any], raw: Any) -> str:
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        index = loc[1]
        question = raw["questions"][index] if isinstance(raw.get("questions"), list) else None
        qid = question.get("id") if isinstance(question, dict) else None
        where = f"{qid}: " if isinstance(qid, str) else f"вопрос №{index + 1}: "
        loc = loc[2:]
        if loc and loc[0] in QUESTION_TYPES:  # the discriminator tag pydantic puts in the path
            loc = loc[1:]
    path = ".".join(str(part) for part in loc)
    template = _PYDANTIC_MESSAGES.get(error["type"])
    if template:
        tag = error.get("ctx", {}).get("tag", "")
        message = template.format(field=path, tag=tag)
    elif error["type"] == "value_error":
        message = str(error["ctx"]["error"])
    else:
        message = f"поле «{path}»: {error['msg']}" if path else error["msg"]
    return where + message
