"""Choosing a provider: an explicit flag wins, then an OpenAI endpoint or key, else the embedded model."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from ..errors import InputError
from ..home import summarizer_home
from .base import Provider

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class ProviderOptions:
    provider: str = "auto"  # auto | openai | local
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    local_model: str | None = None
    model_path: Path | None = None
    context_window: int | None = None


def choose(options: ProviderOptions) -> str:
    """`openai` or `local`, by the rule the README states."""
    if options.provider != "auto":
        return options.provider
    if options.model_path or options.local_model:
        return "local"
    if options.base_url or os.environ.get("OPENAI_BASE_URL") or options.api_key or os.environ.get("OPENAI_API_KEY"):
        return "openai"
    return "local"


def make_provider(options: ProviderOptions, notice: Callable[[str], None]) -> Provider:
    kind = choose(options)
    if kind == "openai":
        from .openai_provider import OpenAIProvider

        base_url = options.base_url or os.environ.get("OPENAI_BASE_URL")
        api_key = options.api_key or os.environ.get("OPENAI_API_KEY")
        model = options.model or os.environ.get("SUMMARIZER_MODEL")
        if not model:
            if base_url:
                raise InputError("--model is required with --base-url (the name the server knows the model by)")
            model = DEFAULT_OPENAI_MODEL
        if not api_key and not base_url:
            raise InputError("the OpenAI API needs a key: set OPENAI_API_KEY or pass --api-key")
        return OpenAIProvider(
            model=model, api_key=api_key, base_url=base_url, context_window=options.context_window or 16384
        )

    from .local import DEFAULT_CONTEXT, LocalProvider
    from .model_files import MODELS, ensure_model

    if options.model_path:
        path = options.model_path
    else:
        name = options.local_model or "default"
        if name not in MODELS:
            raise InputError(f"unknown --local-model {name!r}; choose one of {', '.join(MODELS)}")
        if options.provider == "auto" and not options.local_model:
            notice(
                f"no OPENAI_API_KEY or --base-url: summarising with the embedded {MODELS[name].description} on this CPU"
                " (minutes per episode; set OPENAI_API_KEY or --base-url for a stronger model)"
            )
        path = ensure_model(MODELS[name], summarizer_home(), notice)
    return LocalProvider(path, context_window=options.context_window or DEFAULT_CONTEXT)
