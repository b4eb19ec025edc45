"""Running many episodes at once: the paths a user gives, and one event loop for all of them.

The episodes share the pipeline's pool (calls in flight, rate limits, budget); one episode's failure
is reported in its row and does not stop the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .budget import Plan
from .errors import InputError, OutputError, SummarizerError
from .metadata import SIDECAR_SUFFIX, EpisodeMeta
from .output import episode_dir, write_files
from .pipeline import Pipeline
from .render import render_set
from .report import EpisodeRow, ProgressLine, run_report
from .transcript import DEFAULT_MAX_BYTES, STDIN, Transcript, read_transcript

TRANSCRIPT_SUFFIXES = (".txt", ".srt", ".vtt", ".json", ".tsv", ".ttml", ".xml", ".html", ".htm")


@dataclass(frozen=True)
class Episode:
    transcript: Transcript
    meta: EpisodeMeta
    folder: Path | None  # None on a dry run: nothing is written

    @property
    def slug(self) -> str:
        return self.meta.slug_for(self.transcript.source)


def transcript_paths(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the transcripts in it (not their .meta.json sidecars)."""
    found: list[Path] = []
    for path in paths:
        if path == STDIN:
            if len(paths) > 1:
                raise InputError("'-' (standard input) stands for one transcript; give it alone")
            found.append(path)
        elif path.is_dir():
            inside = sorted(
                p
                for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in TRANSCRIPT_SUFFIXES and not p.name.endswith(SIDECAR_SUFFIX)
            )
            if not inside:
                raise InputError(f"{path}: folder holds no transcripts ({', '.join(TRANSCRIPT_SUFFIXES)})")
            found += inside
        else:
            found.append(path)
    return found


def load_episodes(
    paths: list[Path],
    meta_for: Callable[[Path], EpisodeMeta],
    output: Path | None,
    format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    notice: Callable[[str], None] = print,
) -> tuple[list[Episode], list[EpisodeRow]]:
    """Every readable episode (`output` None: a dry run, no folders); with several, an unreadable
    one is reported and the others go on."""
    episodes: list[Episode] = []
    rejected: list[EpisodeRow] = []
    slugs: set[str] = set()
    for path in paths:
        try:
            transcript = read_transcript(path, format, max_bytes)
            meta = meta_for(path)
            slug = meta.slug_for(transcript.source)
            if slug in slugs:
                raise InputError(f"{path}: another transcript already writes to {slug}/; set a slug")
            slugs.add(slug)
            folder = None if output is None else episode_dir(output, slug)
            episodes.append(Episode(transcript, meta, folder))
        except (InputError, OutputError) as exc:
            if len(paths) == 1:
                raise
            notice(f"summarizer: error: {exc}")
            rejected.append(EpisodeRow(path.stem, str(exc)))
    return episodes, rejected


def total_plan(pipeline: Pipeline, episodes: list[Episode]) -> Plan:
    plans = [pipeline.plan(e.transcript, e.meta) for e in episodes]
    return Plan(*(sum(values) for values in zip(*((p.calls, p.prompt_tokens, p.completion_tokens) for p in plans))))


async def run_episodes(
    pipeline: Pipeline, episodes: list[Episode], progress: ProgressLine, report: bool
) -> list[EpisodeRow]:
    """All episodes at once in one event loop, sharing its pool of calls in flight. One episode's
    failure does not stop the others; a lone episode's failure is the command's error."""

    async def one(episode: Episode) -> EpisodeRow:
        folder = episode.folder
        if folder is None:  # a dry run plans episodes without a folder to write to
            raise SummarizerError(f"{episode.slug}: no output folder to write to")
        try:
            result = await pipeline.run(episode.transcript, episode.meta)
            files, skipped = render_set(result.document)
            written = [p.name for p in write_files(folder, files)]
        except SummarizerError as exc:
            if len(episodes) == 1:
                raise
            progress.notice(f"summarizer: {episode.slug}: {exc}")
            return EpisodeRow(episode.slug, str(exc))
        finally:
            progress.done(episode.slug)
        stats = result.stats
        if report:
            model = " · ".join(pipeline.caller.generator.values())
            print(run_report(folder, stats, model, written, skipped, episode.transcript.duration))
        else:
            progress.notice(f"{episode.slug}: wrote {folder}/ ({stats.calls} calls, {stats.seconds:.0f} s)")
        tokens = stats.prompt_tokens + stats.completion_tokens
        return EpisodeRow(episode.slug, "ok", stats.calls, stats.cached_answers, tokens, stats.seconds)

    try:
        return list(await asyncio.gather(*(one(e) for e in episodes)))
    finally:
        await pipeline.aclose()
