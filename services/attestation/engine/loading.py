"""Reading topic YAML strictly and turning pydantic errors into messages a content writer understands."""

from __future__ import annotations

from typing import Any

import yaml

from services.texts import t

QUESTION_TYPES = ("single", "multiple", "numeric", "ordering", "matching")


class UniqueKeyLoader(yaml.SafeLoader):
    """Plain YAML silently keeps the last of two equal keys; a writer's duplicate must be an error."""


def _construct_mapping(loader: UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise yaml.constructor.ConstructorError(
                None, None, t("attest-content-repeated-key", key=str(key)), key_node.start_mark)
        keys.add(key)
    return loader.construct_mapping(node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# pydantic's error type → the text for a content writer; every text gets field, tag and types.
_PYDANTIC_KEYS = {
    "missing": "attest-content-missing-field",
    "extra_forbidden": "attest-content-extra-field",
    "string_too_short": "attest-content-empty-field",
    "string_pattern_mismatch": "attest-content-bad-id",
    "string_too_long": "attest-content-long-id",
    "union_tag_not_found": "attest-content-no-type",
    "union_tag_invalid": "attest-content-unknown-type",
}


def describe_error(error: dict[str, Any], raw: Any) -> str:
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        index = loc[1]
        question = raw["questions"][index] if isinstance(raw.get("questions"), list) else None
        qid = question.get("id") if isinstance(question, dict) else None
        number = t("attest-content-question-number", number=str(index + 1))
        where = f"{qid}: " if isinstance(qid, str) else f"{number}: "
        loc = loc[2:]
        if loc and loc[0] in QUESTION_TYPES:  # the discriminator tag pydantic puts in the path
            loc = loc[1:]
    path = ".".join(str(part) for part in loc)
    key = _PYDANTIC_KEYS.get(error["type"])
    if key:
        tag = str(error.get("ctx", {}).get("tag", ""))
        message = t(key, field=path, tag=tag, types=", ".join(QUESTION_TYPES))
    elif error["type"] == "value_error":
        message = str(error["ctx"]["error"])
    else:
        message = t("attest-content-field-problem", field=path, problem=error["msg"]) if path else error["msg"]
    return where + message
