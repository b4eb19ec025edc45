"""Client-side rate limits: requests and tokens per minute, so a back catalogue stays under an
account's limits instead of bouncing off 429s.

A sliding one-minute window of what was sent. Clock and sleep are injectable for tests.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

WINDOW_SECONDS = 60.0


class RateLimiter:
    def __init__(
        self,
        requests_per_minute: int | None = None,
        tokens_per_minute: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rpm = requests_per_minute
        self.tpm = tokens_per_minute
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[tuple[float, int]] = deque()
        self.waited = 0.0

    def _admits(self, tokens: int) -> bool:
        if self.rpm is not None and len(self._sent) >= self.rpm:
            return False
        used = sum(n for _, n in self._sent)
        # A request larger than the whole allowance goes alone rather than never.
        return self.tpm is None or used + tokens <= self.tpm or not self._sent

    async def acquire(self, tokens: int) -> None:
        """Wait until a request of `tokens` (prompt plus answer budget) fits the last minute's window."""
        if self.rpm is None and self.tpm is None:
            return
        while True:
            now = self._clock()
            while self._sent and self._sent[0][0] <= now - WINDOW_SECONDS:
                self._sent.popleft()
            if self._admits(tokens):
                self._sent.append((now, tokens))
                return
            wait = max(self._sent[0][0] + WINDOW_SECONDS - now, 0.01)
            self.waited += wait
            await self._sleep(wait)
