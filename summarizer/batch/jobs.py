"""The Batch API workflow: submit the map calls of many episodes, see where batches stand, collect
the answers into the store. A job keeps its run configuration as JSON (never the API key), so the
online run that finishes it summarises exactly as the submission planned.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..api import Runner, provider_for, runner
from ..catalogue import Episode, load_episodes, transcript_paths
from ..config import RunConfig
from ..errors import InputError
from ..metadata import EpisodeMeta, read_sidecar, sidecar_for
from ..providers.base import BatchInfo, BatchProvider, Provider
from ..report import EpisodeRow
from ..store import AnswerStore
from ..transcript import DEFAULT_MAX_BYTES
from . import BatchResults, read_results, request_lines

Notice = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    """What a batch was submitted for: the run it stands for and how many requests it holds."""

    config: RunConfig
    paths: tuple[Path, ...]
    output: Path
    format: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    requests: int = 0
    episodes: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "config": self.config.to_json(),
            "paths": [str(p) for p in self.paths],
            "output": str(self.output),
            "format": self.format,
            "max_bytes": self.max_bytes,
            "requests": self.requests,
            "episodes": self.episodes,
        }

    @classmethod
    def from_json(cls, values: dict[str, Any], api_key: str | None = None) -> Job:
        if "argv" in values:  # submitted by an earlier version, which kept the `run` arguments
            return _from_argv(values, api_key)
        return cls(
            config=RunConfig.from_json(values["config"], api_key),
            paths=tuple(Path(p) for p in values["paths"]),
            output=Path(values["output"]),
            format=values.get("format"),
            max_bytes=values.get("max_bytes", DEFAULT_MAX_BYTES),
            requests=values["requests"],
            episodes=values["episodes"],
        )


def _from_argv(values: dict[str, Any], api_key: str | None) -> Job:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("command")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("-o", dest="output", type=Path)
    for flag in ("--provider", "--format", "--model", "--base-url"):
        parser.add_argument(flag)
    for flag in ("--max-bytes", "--context-window", "--chunk-tokens"):
        parser.add_argument(flag, type=int)
    old = parser.parse_args(values["argv"])
    config = RunConfig(
        provider="openai",
        model=old.model,
        base_url=old.base_url,
        api_key=api_key,
        context_window=old.context_window,
        chunk_tokens=old.chunk_tokens,
    )
    max_bytes = old.max_bytes or DEFAULT_MAX_BYTES
    return Job(config, tuple(old.paths), old.output, old.format, max_bytes, values["requests"], values["episodes"])


def sidecar_meta(path: Path) -> EpisodeMeta:
    """A catalogue episode's metadata: its `.meta.json` sidecar, if it has one."""
    found = sidecar_for(path)
    return read_sidecar(found) if found else EpisodeMeta()


@dataclass(frozen=True)
class Submitted:
    info: BatchInfo | None  # None: every map answer was in the store already, nothing was sent
    job: Job
    rejected: list[EpisodeRow]


def submit(job: Job, notice: Notice) -> Submitted:
    """Upload the map requests of the job's episodes not answered yet, and start a batch."""
    config = replace(job.config, provider="openai", cache=True)
    episodes, rejected = load_episodes(
        transcript_paths(list(job.paths)), sidecar_meta, None, job.format, job.max_bytes, notice
    )
    run = runner(config, notice)
    provider = _batch_provider(run)
    try:
        requests = _requests(run, provider, episodes)
        config = replace(config, model=provider.model, base_url=provider.base_url)
        job = replace(job, config=config, requests=len(requests), episodes=len(episodes))
        if not requests:
            return Submitted(None, job, rejected)
        metadata = {"tool": "summarizer", "step": "map", "episodes": str(len(episodes))}
        info = asyncio.run(_submit(provider, request_lines(requests), metadata))
        assert run.store is not None
        run.store.add_batch(info.id, job.to_json(), info.status)
    finally:
        run.close()
    return Submitted(info, job, rejected)


def _batch_provider(run: Runner) -> BatchProvider:
    if run.store is None:
        raise InputError("the Batch API keeps its answers in the answer store: it cannot run with --no-cache")
    return _as_batch(run.provider)


def _requests(run: Runner, provider: BatchProvider, episodes: list[Episode]) -> dict[str, dict[str, Any]]:
    tokens = run.pipeline.settings.map_answer_tokens
    return {
        key: provider.request_body(messages, "map", tokens)
        for episode in episodes
        for key, messages in run.pipeline.pending_maps(episode.transcript, episode.meta).items()
    }


async def _submit(provider: BatchProvider, lines: bytes, metadata: dict[str, str]) -> BatchInfo:
    try:
        return await provider.submit_batch(lines, metadata)
    finally:
        await provider.aclose()


def known_batches(store: AnswerStore, batch_id: str | None, api_key: str | None) -> list[tuple[str, Job]]:
    """Batches submitted from here, newest first (one, when `batch_id` is given)."""
    known = [(b, Job.from_json(job, api_key)) for b, job, _ in store.batches() if batch_id in (None, b)]
    if not known:
        raise InputError(f"no batch {batch_id} was submitted from here" if batch_id else "no batches yet")
    return known


def _provider(job: Job, notice: Notice) -> BatchProvider:
    return _as_batch(provider_for(job.config, notice))


def _as_batch(provider: Provider) -> BatchProvider:
    if not isinstance(provider, BatchProvider):
        raise InputError("the Batch API needs an OpenAI endpoint: set OPENAI_API_KEY or --base-url")
    return provider


def status(store: AnswerStore, known: list[tuple[str, Job]], notice: Notice) -> list[BatchInfo]:
    """Where each batch stands, as the endpoint says (and remembered in the store)."""

    async def look() -> list[BatchInfo]:
        found = []
        for batch_id, job in known:
            provider = _provider(job, notice)
            try:
                found.append(await provider.batch_info(batch_id))
            finally:
                await provider.aclose()
        return found

    infos = asyncio.run(look())
    for info in infos:
        store.set_batch_status(info.id, info.status)
    return infos


def collect(store: AnswerStore, batch_id: str, job: Job, notice: Notice) -> tuple[BatchInfo, BatchResults]:
    """A finished batch's valid answers, put in the store; the rejected are left for online calls."""
    provider = _provider(job, notice)
    info, results = asyncio.run(_collect(provider, batch_id))
    store.set_batch_status(batch_id, info.status)
    for key, answer in results.answers.items():
        store.put(key, "map", provider.model, answer)
    return info, results


async def _collect(provider: BatchProvider, batch_id: str) -> tuple[BatchInfo, BatchResults]:
    try:
        info = await provider.batch_info(batch_id)
        results = BatchResults()
        if info.finished:
            for file_id in (info.output_file, info.error_file):
                if file_id:
                    read_results(await provider.batch_file(file_id), "map", results)
        return info, results
    finally:
        await provider.aclose()
