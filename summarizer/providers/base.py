"""The provider protocol: messages and a schema name in, the model's reply and usage out.

The pipeline sees nothing else, so OpenAI, any OpenAI-compatible server and the embedded model are
interchangeable. Validation and re-asking happen above this layer, the same for every provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..validation import Messages, Reply, Step


class Provider(Protocol):
    name: str
    model: str
    context_window: int
    concurrency: int
    chunk_tokens: int  # transcript tokens per map call this kind of model handles best

    def identity(self) -> dict[str, Any]:
        """What, besides the request, determines an answer (used to key the answer store)."""
        ...

    async def complete(self, messages: Messages, schema_name: Step, max_tokens: int) -> Reply: ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True)
class BatchInfo:
    """Where a Batch API job stands (OpenAI's `/v1/batches` object, the fields we use)."""

    id: str
    status: str  # validating, in_progress, finalizing, completed, expired, failed, cancelling, cancelled
    total: int = 0
    completed: int = 0
    failed: int = 0
    output_file: str | None = None
    error_file: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("completed", "expired", "failed", "cancelled")


@runtime_checkable
class BatchProvider(Provider, Protocol):
    """A provider that can also run requests through the OpenAI Batch API."""

    base_url: str | None

    def request_body(self, messages: Messages, schema_name: Step, max_tokens: int) -> dict[str, Any]: ...

    async def submit_batch(self, jsonl: bytes, metadata: dict[str, str]) -> BatchInfo: ...

    async def batch_info(self, batch_id: str) -> BatchInfo: ...

    async def batch_file(self, file_id: str) -> str: ...
