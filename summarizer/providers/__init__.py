"""The providers, in one table: `--provider`, the automatic choice, construction and price all read it.

Adding a provider is one row: its name, the settings and environment variables that choose it
under `auto`, a factory and its price. The automatic rule: an explicit `--provider` wins, then the
first row whose settings are given, else the embedded model.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from ..budget import FREE, Price, load_pricing, price_for
from ..config import RunConfig
from ..errors import InputError
from ..home import summarizer_home
from .base import Provider

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
Notice = Callable[[str], None]


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    help: str
    chosen_by: tuple[str, ...]  # RunConfig fields that choose it under `auto`
    environment: tuple[str, ...]  # environment variables that do the same
    factory: Callable[[RunConfig, Notice], Provider]
    price: Callable[[RunConfig, str], Price | None]  # config, model name -> USD per million tokens

    def chosen(self, config: RunConfig) -> bool:
        return any(getattr(config, f) for f in self.chosen_by) or any(os.environ.get(v) for v in self.environment)


def _openai(config: RunConfig, notice: Notice) -> Provider:
    from .openai_provider import OpenAIProvider

    base_url = config.base_url or os.environ.get("OPENAI_BASE_URL")
    api_key = config.api_key or os.environ.get("OPENAI_API_KEY")
    model = config.model or os.environ.get("SUMMARIZER_MODEL")
    if not model:
        if base_url:
            raise InputError("--model is required with --base-url (the name the server knows the model by)")
        model = DEFAULT_OPENAI_MODEL
    if not api_key and not base_url:
        raise InputError("the OpenAI API needs a key: set OPENAI_API_KEY or pass --api-key")
    return OpenAIProvider(
        model=model, api_key=api_key, base_url=base_url, context_window=config.context_window or 16384
    )


def _local(config: RunConfig, notice: Notice) -> Provider:
    from .local import DEFAULT_CONTEXT, LocalProvider
    from .model_files import MODELS, ensure_model

    if config.model_path:
        path = config.model_path
    else:
        name = config.local_model or "default"
        if name not in MODELS:
            raise InputError(f"unknown --local-model {name!r}; choose one of {', '.join(MODELS)}")
        if config.provider == "auto" and not config.local_model:
            notice(
                f"no OPENAI_API_KEY or --base-url: summarising with the embedded {MODELS[name].description} on this CPU"
                " (minutes per episode; set OPENAI_API_KEY or --base-url for a stronger model)"
            )
        path = ensure_model(MODELS[name], summarizer_home(), notice)
    return LocalProvider(path, context_window=config.context_window or DEFAULT_CONTEXT)


PROVIDERS: dict[str, ProviderSpec] = {
    spec.name: spec
    for spec in (
        ProviderSpec(
            "local",
            "the embedded llama.cpp model (no key, no server)",
            ("model_path", "local_model"),
            (),
            _local,
            lambda config, model: FREE,
        ),
        ProviderSpec(
            "openai",
            "OpenAI or any OpenAI-compatible server",
            ("base_url", "api_key"),
            ("OPENAI_BASE_URL", "OPENAI_API_KEY"),
            _openai,
            lambda config, model: price_for(model, load_pricing(config.pricing)),
        ),
    )
}
FALLBACK = "local"


def choose(config: RunConfig) -> str:
    """The provider's name, by the rule the README states."""
    if config.provider != "auto":
        return config.provider
    return next((spec.name for spec in PROVIDERS.values() if spec.chosen(config)), FALLBACK)


def make_provider(config: RunConfig, notice: Notice) -> Provider:
    return PROVIDERS[choose(config)].factory(config, notice)


def price_of(config: RunConfig, provider: Provider) -> Price | None:
    """USD per million tokens, or None where the price is unknown (a provider outside the table)."""
    spec = PROVIDERS.get(provider.name)
    return spec.price(config, provider.model) if spec else None
