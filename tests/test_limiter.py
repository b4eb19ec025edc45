"""Requests and tokens per minute, on a fake clock."""

import asyncio

from summarizer.limiter import RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _limiter(**limits) -> tuple[RateLimiter, FakeTime]:
    fake = FakeTime()
    return RateLimiter(**limits, clock=fake.clock, sleep=fake.sleep), fake


def test_requests_past_the_per_minute_limit_wait_for_the_window():
    limiter, fake = _limiter(requests_per_minute=2)

    async def go():
        for _ in range(5):
            await limiter.acquire(10)

    asyncio.run(go())
    assert fake.sleeps == [60.0, 60.0] and fake.now == 120.0


def test_tokens_per_minute_are_counted_with_the_answer_budget():
    limiter, fake = _limiter(tokens_per_minute=1000)

    async def go():
        await limiter.acquire(600)
        fake.now = 10.0
        await limiter.acquire(300)
        await limiter.acquire(300)  # 1,200 in the window: waits until the first leaves it

    asyncio.run(go())
    assert fake.sleeps == [50.0] and fake.now == 60.0


def test_a_request_larger_than_the_allowance_still_goes_alone():
    limiter, fake = _limiter(tokens_per_minute=100)
    asyncio.run(limiter.acquire(500))
    assert fake.sleeps == []


def test_no_limits_never_wait():
    limiter, fake = _limiter()

    async def go():
        for _ in range(100):
            await limiter.acquire(10_000)

    asyncio.run(go())
    assert fake.sleeps == []
