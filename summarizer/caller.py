"""Asking the model: the answer store, calls in flight, rate limits, the budget, the re-ask of an
invalid answer, and the stop on a bad key. It knows steps and messages, nothing of episodes, so
the pipeline can be given an in-process fake (`Caller`) as well as a real provider.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Protocol

from .budget import Budget, Limits
from .errors import AccessError
from .limiter import RateLimiter
from .providers.base import Provider
from .store import AnswerStore, answer_key
from .tokens import count_message_tokens
from .validation import Answer, Messages, Reply, Step, ask_valid, model_schema


@dataclass
class Usage:
    """What the calls of one run cost; answers found in the store count as cached, not as calls."""

    calls: int = 0
    cached_answers: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    request_tokens: int = 0  # prompt tokens of every request, cached or not
    cut_off: int = 0  # answers that ran out of tokens and kept their complete items


class Caller(Protocol):
    """What the pipeline needs of whoever answers its steps."""

    @property
    def context_window(self) -> int: ...

    @property
    def chunk_tokens(self) -> int: ...

    @property
    def concurrency(self) -> int:
        """Calls that may be in flight at once: above one, the parts of an episode run side by side."""
        ...

    @property
    def generator(self) -> dict[str, str]: ...

    @property
    def budget(self) -> Budget: ...

    def pending(self, step: Step, messages: Messages, max_tokens: int) -> str | None:
        """The answer-store key of a call not answered yet; None when its answer is kept."""
        ...

    async def ask(self, step: Step, messages: Messages, max_tokens: int, usage: Usage) -> Answer: ...

    def refusal(self) -> AccessError | None:
        """The bad key or model that stopped every call, if one did."""
        ...

    async def aclose(self) -> None: ...


@dataclass
class _Pool:
    """What every run in one event loop shares: calls in flight, rate limits, and a refusal (bad
    key or model) that stops them all. asyncio primitives belong to their loop."""

    loop: asyncio.AbstractEventLoop
    semaphore: asyncio.Semaphore
    limiter: RateLimiter
    refused: AccessError | None = None


class ModelCaller:
    """A provider behind the store, the pool, the budget and the re-ask."""

    def __init__(
        self,
        provider: Provider,
        store: AnswerStore | None = None,
        *,
        concurrency: int | None = None,
        attempts: int = 3,
        limits: Limits = Limits(),
        requests_per_minute: int | None = None,
        tokens_per_minute: int | None = None,
    ) -> None:
        self.provider = provider
        self.store = store
        self.concurrency = concurrency or provider.concurrency
        self.attempts = attempts
        self.requests_per_minute = requests_per_minute
        self.tokens_per_minute = tokens_per_minute
        self._budget = Budget(limits)
        self._shared: _Pool | None = None

    @property
    def context_window(self) -> int:
        return self.provider.context_window

    @property
    def chunk_tokens(self) -> int:
        return self.provider.chunk_tokens

    @property
    def generator(self) -> dict[str, str]:
        return {"provider": self.provider.name, "model": self.provider.model}

    @property
    def budget(self) -> Budget:
        """Tokens and money spent by every call so far, checked against the limits."""
        return self._budget

    def key(self, step: Step, messages: Messages, max_tokens: int) -> str:
        return answer_key(self.provider.identity(), step, messages, model_schema(step), max_tokens)

    def pending(self, step: Step, messages: Messages, max_tokens: int) -> str | None:
        key = self.key(step, messages, max_tokens)
        return key if self.store is None or self.store.get(key) is None else None

    async def ask(self, step: Step, messages: Messages, max_tokens: int, usage: Usage) -> Answer:
        """The kept answer, else a valid one from the model (kept at once: it is paid for)."""
        usage.request_tokens += count_message_tokens(messages)
        key = self.key(step, messages, max_tokens)
        if self.store is not None and (stored := self.store.get(key)) is not None:
            usage.cached_answers += 1
            return stored
        pool = self._pool()
        async with pool.semaphore:
            if pool.refused is not None:  # a bad key or model fails every call: make no more
                raise pool.refused
            try:
                answer = await ask_valid(self._complete, messages, step, max_tokens, self.attempts)
            except AccessError as exc:
                pool.refused = exc
                raise
        if self.store is not None:
            self.store.put(key, step, self.provider.model, answer)
        usage.calls += answer.calls
        usage.cut_off += answer.cut_off
        usage.prompt_tokens += answer.prompt_tokens
        usage.completion_tokens += answer.completion_tokens
        return answer

    def refusal(self) -> AccessError | None:
        """The bad key or model that stopped the calls of this event loop, if any did."""
        return self._shared.refused if self._shared else None

    async def aclose(self) -> None:
        """Close the provider's connections, in the event loop that used them."""
        await self.provider.aclose()

    def _pool(self) -> _Pool:
        loop = asyncio.get_running_loop()
        if self._shared is None or self._shared.loop is not loop:
            self._shared = _Pool(
                loop=loop,
                semaphore=asyncio.Semaphore(self.concurrency),
                limiter=RateLimiter(self.requests_per_minute, self.tokens_per_minute),
            )
        return self._shared

    async def _complete(self, messages: Messages, step: Step, max_tokens: int) -> Reply:
        """One provider call, every attempt of it checked against the budget first."""
        prompt_tokens = count_message_tokens(messages)
        self._budget.before_call(prompt_tokens, max_tokens)
        await self._pool().limiter.acquire(prompt_tokens + max_tokens)
        reply = await self.provider.complete(messages, step, max_tokens)
        self._budget.add(reply.prompt_tokens, reply.completion_tokens)
        return reply
