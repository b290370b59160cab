"""A small bank for the drill's engine tests: three topics of six questions (one of each type) each."""

from __future__ import annotations

import pytest

from services.attestation.engine.content import QuestionBank, Topic
from tests.unit.attestation.engine.builders import topic_dict


def small_bank(*topic_ids: str) -> QuestionBank:
    topics = [Topic.model_validate(topic_dict(tid, order=n)) for n, tid in enumerate(topic_ids, start=1)]
    return QuestionBank(tuple(topics))


@pytest.fixture
def bank() -> QuestionBank:
    return small_bank("alpha", "beta", "gamma")
