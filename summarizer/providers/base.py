"""The provider protocol: messages and a schema name in, the model's reply and usage out.

The pipeline sees nothing else, so OpenAI, any OpenAI-compatible server and the embedded model are
interchangeable. Validation and re-asking happen above this layer, the same for every provider.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..validation import Reply


class Provider(Protocol):
    name: str
    model: str
    context_window: int
    concurrency: int
    chunk_tokens: int  # transcript tokens per map call this kind of model handles best

    def identity(self) -> dict[str, Any]:
        """What, besides the request, determines an answer (used to key the answer store)."""
        ...

    async def complete(self, messages: list[dict[str, str]], schema_name: str, max_tokens: int) -> Reply: ...

    async def aclose(self) -> None: ...
