"""OpenAI and OpenAI-compatible servers through the official `openai` client.

One retry policy, here and only here: the client's own retries are off (`max_retries=0`) and
tenacity retries transient faults (429 honouring Retry-After, 408, 409, 5xx, dropped connections,
timeouts) with jittered exponential backoff and a bounded total time. Client errors (400, 401,
403, 404) fail at once with a message saying what to fix.
"""

from __future__ import annotations

import asyncio
import json
from functools import partial
from typing import Any
from collections.abc import Awaitable, Callable

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_random_exponential,
)

from ..errors import AccessError, ProviderError
from ..prompts import load_prompt
from ..tokens import count_message_tokens, count_tokens
from ..validation import Messages, Reply, Step, model_schema
from .base import BatchInfo

RETRY_STATUS = {408, 409, 429}
MAX_ATTEMPTS = 6
MAX_RETRY_SECONDS = 300.0
MAX_RETRY_AFTER = 120.0
_backoff = wait_random_exponential(multiplier=1, max=30)

Sleep = Callable[[float], Awaitable[None]]


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, (openai.APIConnectionError, openai.APITimeoutError)):
        return True
    return (
        isinstance(exc, openai.APIStatusError)
        and (exc.status_code in RETRY_STATUS or exc.status_code >= 500)
        and not _about_response_format(exc)
    )


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms` or `retry-after`), if it said."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    headers = response.headers
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is not None:
            try:
                return min(max(float(value) * scale, 0.0), MAX_RETRY_AFTER)
            except ValueError:
                continue
    return None


def _wait(retry_state: RetryCallState) -> float:
    asked = retry_after(retry_state.outcome.exception()) if retry_state.outcome is not None else None
    return asked if asked is not None else _backoff(retry_state)


class OpenAIProvider:
    name = "openai"
    chunk_tokens = 3000

    def __init__(
        self,
        model: str,
        api_key: str | None,
        base_url: str | None,
        context_window: int = 16384,
        concurrency: int = 8,
        timeout: float = 120.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.model = model
        self.base_url = base_url
        self.context_window = context_window
        self.concurrency = concurrency
        self._api_key = api_key or ""
        self._sleep = sleep
        self._mode = "json_schema"
        self._client = openai.AsyncOpenAI(
            api_key=api_key or "no-key", base_url=base_url, max_retries=0, timeout=timeout
        )

    def identity(self) -> dict[str, Any]:
        return {"provider": self.name, "model": self.model, "base_url": str(self._client.base_url)}

    async def complete(self, messages: Messages, schema_name: Step, max_tokens: int) -> Reply:
        while True:
            mode = self._mode
            try:
                reply: Reply = await self._with_retries(partial(self._call, messages, schema_name, max_tokens, mode))
                return reply
            except openai.APIStatusError as exc:
                if mode != "json_schema" or not _about_response_format(exc):
                    raise self._fatal(exc) from None
                self._mode = "json_object"
            except (openai.APIConnectionError, openai.APITimeoutError) as exc:
                raise ProviderError(self._redact(f"cannot reach {self._client.base_url}: {exc}")) from None

    async def _with_retries(self, call: Callable[[], Awaitable[Any]]) -> Any:
        """The one retry policy, for completions and Batch API requests alike."""
        async for attempt in AsyncRetrying(
            retry=retry_if_exception(_transient),
            wait=_wait,
            stop=stop_after_attempt(MAX_ATTEMPTS) | stop_after_delay(MAX_RETRY_SECONDS),
            sleep=self._sleep,
            reraise=True,
        ):
            with attempt:
                return await call()
        raise AssertionError("unreachable")

    def request_body(
        self, messages: Messages, schema_name: Step, max_tokens: int, mode: str = "json_schema"
    ) -> dict[str, Any]:
        """The chat-completions request for one call, as sent online or written into a batch file."""
        schema = model_schema(schema_name)
        if mode == "json_schema":
            response_format: dict[str, Any] = {
                "type": "json_schema",
                "json_schema": {"name": schema_name, "strict": True, "schema": schema},
            }
        else:
            # JSON mode: the schema goes in the prompt, and along in `response_format` for servers
            # (llama.cpp's) that constrain decoding with it there.
            instructions = load_prompt("json_mode").render_system(schema=json.dumps(schema))
            messages = [{"role": "system", "content": instructions}, *messages]
            response_format = {"type": "json_object", "schema": schema}
        return {
            "model": self.model,
            "messages": messages,
            "response_format": response_format,
            "max_tokens": max_tokens,
            "temperature": 0,
        }

    async def _call(self, messages: Messages, schema_name: Step, max_tokens: int, mode: str) -> Reply:
        response = await self._client.chat.completions.create(
            **self.request_body(messages, schema_name, max_tokens, mode)
        )
        choice = response.choices[0]
        text = choice.message.content or ""
        if not text.strip():
            refusal = getattr(choice.message, "refusal", None)
            text = ""
            if refusal:
                raise ProviderError(f"the model refused: {refusal[:200]}")
        usage = response.usage
        return Reply(
            text=text,
            prompt_tokens=usage.prompt_tokens if usage else count_message_tokens(messages),
            completion_tokens=usage.completion_tokens if usage else count_tokens(text),
            finish_reason=choice.finish_reason or "stop",
        )

    async def _retrying(self, call: Callable[[], Awaitable[Any]]) -> Any:
        """One Batch API request, its failures turned into errors that say what to fix."""
        try:
            return await self._with_retries(call)
        except openai.APIStatusError as exc:
            raise self._fatal(exc) from None
        except (openai.APIConnectionError, openai.APITimeoutError) as exc:
            raise ProviderError(self._redact(f"cannot reach {self._client.base_url}: {exc}")) from None

    async def submit_batch(self, jsonl: bytes, metadata: dict[str, str]) -> BatchInfo:
        """Upload the requests (`/v1/files`) and start a batch over them (`/v1/batches`)."""
        uploaded = await self._retrying(
            lambda: self._client.files.create(file=("summarizer-map.jsonl", jsonl), purpose="batch")
        )
        batch = await self._retrying(
            lambda: self._client.batches.create(
                input_file_id=uploaded.id,
                endpoint="/v1/chat/completions",
                completion_window="24h",
                metadata=metadata,
            )
        )
        return _batch_info(batch)

    async def batch_info(self, batch_id: str) -> BatchInfo:
        return _batch_info(await self._retrying(lambda: self._client.batches.retrieve(batch_id)))

    async def batch_file(self, file_id: str) -> str:
        """A batch's output or error file: JSON lines, one per request."""
        content = await self._retrying(lambda: self._client.files.content(file_id))
        return str(content.text)

    def _fatal(self, exc: openai.APIStatusError) -> ProviderError:
        hints = {
            400: "the server rejected the request",
            401: "the API key was refused: check OPENAI_API_KEY or --api-key",
            403: "the API key may not use this model or endpoint",
            404: f"model {self.model!r} or the endpoint was not found: check --model and --base-url",
            429: "rate limited after every retry: lower --concurrency or try later",
        }
        hint = hints.get(exc.status_code, "the server kept failing")
        detail = getattr(exc, "message", "") or ""
        kind = AccessError if exc.status_code in (401, 403, 404) else ProviderError
        return kind(self._redact(f"{hint} (HTTP {exc.status_code}: {detail[:200]})"), status=exc.status_code)

    def _redact(self, text: str) -> str:
        return text.replace(self._api_key, "***") if self._api_key else text

    async def aclose(self) -> None:
        await self._client.close()


def _batch_info(batch: Any) -> BatchInfo:
    counts = batch.request_counts
    return BatchInfo(
        id=batch.id,
        status=batch.status,
        total=counts.total if counts else 0,
        completed=counts.completed if counts else 0,
        failed=counts.failed if counts else 0,
        output_file=batch.output_file_id,
        error_file=batch.error_file_id,
    )


def _about_response_format(exc: openai.APIStatusError) -> bool:
    """A server saying it does not support structured outputs (400 from most, 500 from some)."""
    text = str(exc).lower()
    return "response_format" in text or "json_schema" in text
