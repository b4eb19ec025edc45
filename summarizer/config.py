"""How episodes are summarised, as one frozen value: the CLI builds it from flags, the library from
keyword options, a Batch API job keeps it as JSON until its answers are collected."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

ProviderName = Literal["auto", "local", "openai"]  # "auto" and the rows of providers.PROVIDERS
LocalModel = Literal["default", "small"]
PROVIDER_NAMES: tuple[ProviderName, ...] = get_args(ProviderName)
_PATHS = ("model_path", "pricing")
_SECRET = "api_key"


@dataclass(frozen=True)
class RunConfig:
    """Provider, model, chunking, limits and cache: everything but the episode itself."""

    provider: ProviderName = "auto"
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    local_model: str | None = None
    model_path: Path | None = None
    context_window: int | None = None
    chunk_tokens: int | None = None
    concurrency: int | None = None
    requests_per_minute: int | None = None
    tokens_per_minute: int | None = None
    cache: bool = True
    max_tokens: int | None = None
    max_cost: float | None = None
    pricing: Path | None = None

    def to_json(self) -> dict[str, Any]:
        """Every setting but the API key (which is never stored: it is given again when needed)."""
        values = dataclasses.asdict(self)
        del values[_SECRET]
        return {k: str(v) if k in _PATHS and v is not None else v for k, v in values.items()}

    @classmethod
    def from_json(cls, values: dict[str, Any], api_key: str | None = None) -> RunConfig:
        known = {f.name for f in dataclasses.fields(cls)} - {_SECRET}
        kept: dict[str, Any] = {
            k: Path(v) if k in _PATHS and v is not None else v for k, v in values.items() if k in known
        }
        return cls(**kept, api_key=api_key)
