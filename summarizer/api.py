"""The library: what `summarizer run` does, callable from Python.

    import summarizer
    doc = summarizer.summarize("episode.vtt", guests=["Raj Patel"])
    print(summarizer.render(doc, "newsletter-text"))

Options, defaults and environment variables are those of `summarizer run` (OPENAI_API_KEY,
OPENAI_BASE_URL, SUMMARIZER_MODEL, SUMMARIZER_HOME); with none set, the embedded model runs.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from .chapters import from_words
from .budget import Limits, Price
from .config import RunConfig
from .errors import InputError
from .home import summarizer_home
from .metadata import EpisodeMeta
from .pipeline import Pipeline, Progress, Result, Settings
from .providers import make_provider, price_of
from .providers.base import Provider
from .render import RenderFormat
from .render import render as _render
from .store import AnswerStore
from .transcript import DEFAULT_MAX_BYTES, Transcript
from .transcript import parse_transcript as _parse
from .transcript import read_transcript as _read
from .types import Document
from .validation import validation_errors

Notice = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass
class Runner:
    """A configured pipeline, its price and its answer store: what one command or script uses."""

    provider: Provider
    pipeline: Pipeline
    price: Price | None
    store: AnswerStore | None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def open_store(notice: Notice = _stderr) -> AnswerStore:
    return AnswerStore.open(summarizer_home() / "answers.sqlite", notice)


def provider_for(config: RunConfig, notice: Notice = _stderr) -> Provider:
    """The provider `config` names (the embedded model is assembled here if it must be)."""
    return make_provider(config, notice)


def runner(config: RunConfig, notice: Notice = _stderr, progress: Progress | None = None) -> Runner:
    """Provider, store and pipeline for `config`."""
    provider = provider_for(config, notice)
    price = price_of(config, provider)
    store = open_store(notice) if config.cache else None
    settings = Settings(
        chunk_tokens=config.chunk_tokens,
        concurrency=config.concurrency,
        limits=Limits(max_tokens=config.max_tokens, max_cost=config.max_cost, price=price),
        requests_per_minute=config.requests_per_minute,
        tokens_per_minute=config.tokens_per_minute,
    )
    pipeline = Pipeline(provider, store, settings, progress) if progress else Pipeline(provider, store, settings)
    return Runner(provider, pipeline, price, store)


def read_transcript(path: str | Path, format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Transcript:
    """A transcript file (`-` for standard input) parsed into timed, speaker-labelled segments."""
    return _read(Path(path), format, max_bytes)


def parse_transcript(text: str, format: str | None = None) -> Transcript:
    """Transcript text parsed into segments; `format` as `summarizer formats` names them, else detected."""
    return _parse(text, format)


def episode_meta(
    *,
    title: str | None = None,
    guests: list[str] | tuple[str, ...] = (),
    hosts: list[str] | tuple[str, ...] = (),
    url: str | None = None,
    date: str | None = None,
    language: str | None = None,
) -> EpisodeMeta:
    return EpisodeMeta(title=title, url=url, date=date, guests=tuple(guests), hosts=tuple(hosts), language=language)


async def asummarize(
    source: str | Path | Transcript,
    *,
    meta: EpisodeMeta | None = None,
    format: str | None = None,
    config: RunConfig | None = None,
    notice: Notice = _stderr,
    **options: Any,
) -> Document:
    """`summarize` for code already inside an event loop."""
    result = await arun(source, meta=meta, format=format, config=config, notice=notice, **options)
    return cast(Document, result.document)


async def arun(
    source: str | Path | Transcript,
    *,
    meta: EpisodeMeta | None = None,
    format: str | None = None,
    config: RunConfig | None = None,
    notice: Notice = _stderr,
    **options: Any,
) -> Result:
    """The document and the run's figures (calls, tokens, drops)."""
    transcript = source if isinstance(source, Transcript) else read_transcript(source, format)
    config = _config(config, options)
    episode = _meta(meta, options)
    run = runner(config, notice)
    try:
        return await run.pipeline.run(transcript, episode)
    finally:
        run.close()
        await run.pipeline.aclose()


def summarize(
    source: str | Path | Transcript,
    *,
    meta: EpisodeMeta | None = None,
    format: str | None = None,
    config: RunConfig | None = None,
    notice: Notice = _stderr,
    **options: Any,
) -> Document:
    """Summarise one episode: a transcript path (any format `summarizer formats` lists) or a parsed
    `Transcript`. Keyword options are `RunConfig`'s (`model`, `base_url`, `api_key`, `provider`,
    `chunk_tokens`, `cache`, `max_cost` …) and the episode's (`title`, `guests`, `hosts`, `url`, `date`)."""
    return asyncio.run(asummarize(source, meta=meta, format=format, config=config, notice=notice, **options))


_META_KEYS = frozenset({"title", "guests", "hosts", "url", "date", "language"})


def _config(config: RunConfig | None, options: dict[str, Any]) -> RunConfig:
    run_options = {k: v for k, v in options.items() if k not in _META_KEYS}
    unknown = set(run_options) - set(RunConfig.__dataclass_fields__)
    if unknown:
        raise InputError(f"unknown option(s) {', '.join(sorted(unknown))}; see summarizer.RunConfig")
    if config is not None and run_options:
        raise InputError("give either config= or keyword options, not both")
    return config or RunConfig(**run_options)


def _meta(meta: EpisodeMeta | None, options: dict[str, Any]) -> EpisodeMeta:
    given = {k: v for k, v in options.items() if k in _META_KEYS}
    flags = episode_meta(**given)
    return (meta or EpisodeMeta()).overridden_by(flags)


def chapters_from_words(source: str | Path | Transcript, format: str | None = None) -> list[dict[str, Any]]:
    """Chapters with no model: `[{"start", "end", "title"}]`, titles being each stretch's keywords."""
    transcript = source if isinstance(source, Transcript) else read_transcript(source, format)
    return [{k: c[k] for k in ("start", "end", "title")} for c in from_words(transcript)["chapters"]]


def render(document: Document, format: RenderFormat = "markdown") -> str:
    """The document in one of the render formats (`markdown`, `newsletter-html`, `youtube` …)."""
    return _render(cast(dict[str, Any], document), format)


def validate(document: Document | dict[str, Any]) -> list[str]:
    """Every way the document breaks its JSON Schema, as `path: message` lines; empty when valid."""
    return validation_errors(cast(dict[str, Any], document), "summary")
