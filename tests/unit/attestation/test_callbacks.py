"""The answer buttons' data is packed by hand on the hot path; it must be what aiogram's CallbackData packs."""

from __future__ import annotations

import pytest

from handlers.attestation.callbacks import AttemptAction, AttemptCallback


@pytest.mark.parametrize("action", list(AttemptAction))
@pytest.mark.parametrize(("a", "p", "v"), [(1, 0, 0), (123456789, 19, 4), (7, 2, -1)])
def test_attempt_data_is_what_pack_gives(action: AttemptAction, a: int, p: int, v: int) -> None:
    data = AttemptCallback.data(a, p, action, v)
    assert data == AttemptCallback(a=a, p=p, act=action, v=v).pack()
    assert AttemptCallback.unpack(data) == AttemptCallback(a=a, p=p, act=action, v=v)
