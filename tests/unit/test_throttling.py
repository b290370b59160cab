from bot.middlewares.throttling import ThrottlingMiddleware


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_one_warning_then_recovery() -> None:
    clock = FakeClock()
    throttle = ThrottlingMiddleware(rate=2.0, burst=3, clock=clock)
    assert [throttle.allow(1) for _ in range(3)] == [(True, False)] * 3
    assert throttle.allow(1) == (False, True)
    assert throttle.allow(1) == (False, False)  # warned once, then silent
    assert throttle.allow(2) == (True, False)  # another user is not affected
    clock.now += 1.0
    assert throttle.allow(1) == (True, False)


def test_idle_buckets_are_forgotten() -> None:
    from bot.middlewares import throttling

    clock = FakeClock()
    throttle = ThrottlingMiddleware(rate=1.0, burst=2, clock=clock)
    for user_id in range(throttling.MAX_TRACKED_USERS + 1):
        throttle.allow(user_id)
    clock.now += 10
    throttle.allow(-1)
    assert len(throttle.buckets) == 1
