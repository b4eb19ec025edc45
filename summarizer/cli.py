"""The `summarizer` command: run, batch, render, validate, schema, eval, formats, cache."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from pathlib import Path

from .arguments import build_parser
from .api import open_store, runner
from .batch import jobs
from .config import RunConfig
from .chapters import from_words as chapters_from_words
from .catalogue import load_episodes, run_episodes, total_plan, transcript_paths
from .errors import InputError, SummarizerError
from .evaluate import evaluate
from .formats import FORMATS as TRANSCRIPT_FORMATS
from .metadata import EpisodeMeta, read_sidecar, sidecar_for
from .output import write_files
from .render import render
from .report import ProgressLine, catalogue_table, figures_table
from .transcript import read_transcript
from .validation import check_document, load_schema, validation_errors


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.verbose:
        _log_to_stderr()
    try:
        return int(HANDLERS[args.command](args))
    except SummarizerError as exc:
        print(f"summarizer: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("summarizer: interrupted (answers already received are kept)", file=sys.stderr)
        return 130


def _log_to_stderr() -> None:
    """Our per-call log lines on stderr; other libraries' logs (the HTTP client's) stay off."""
    logger = logging.getLogger("summarizer")
    logger.handlers = [logging.StreamHandler(sys.stderr)]
    logger.handlers[0].setFormatter(logging.Formatter("%(message)s"))
    logger.setLevel(logging.INFO)
    logger.propagate = False


def cmd_chapters(args: argparse.Namespace) -> int:
    transcript = read_transcript(args.file, args.input_format, args.max_bytes)
    if not transcript.timed:
        raise InputError(f"{args.file}: chapters need timestamps, and this transcript has none (plain text)")
    document = chapters_from_words(transcript, EpisodeMeta(url=args.url))
    if args.json or args.format == "json":
        listing = [{"start": c["start"], "title": c["title"]} for c in document["chapters"]]
        print(json.dumps(listing, indent=2, ensure_ascii=False))
    else:
        text = render(document, args.format)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    print("summarizer: chapter titles are keywords from each stretch's words (no model was used)", file=sys.stderr)
    return 0


def cmd_formats(args: argparse.Namespace) -> int:
    width = max(len(name) for name in TRANSCRIPT_FORMATS)
    for spec in TRANSCRIPT_FORMATS.values():
        print(f"{spec.name:<{width}}  {spec.source}")
        print(f"{'':<{width}}  e.g. {spec.example}")
    print("\nEach is detected from content; --format NAME forces one.")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    paths = transcript_paths(args.paths)
    several = len(paths) > 1

    def meta_for(path: Path) -> EpisodeMeta:
        return _episode_meta(args, path, several)

    return _run(_config(args), paths, meta_for, args.output, args.format, args.max_bytes, args.dry_run)


def _run(
    config: RunConfig,
    paths: list[Path],
    meta_for: Callable[[Path], EpisodeMeta],
    output: Path,
    format: str | None,
    max_bytes: int,
    dry_run: bool = False,
) -> int:
    progress = ProgressLine()
    episodes, rejected = load_episodes(paths, meta_for, None if dry_run else output, format, max_bytes, progress.notice)
    progress.expected = len(episodes)
    if not episodes:
        raise InputError("no readable transcript among the paths given")
    run = runner(config, progress.notice, progress)
    pipeline = run.pipeline
    try:
        if dry_run:
            for episode in episodes:
                print(f"{episode.slug}: {pipeline.plan(episode.transcript, episode.meta).describe(run.price)}")
            return 0
        if pipeline.settings.limits.active:
            pipeline.budget.check_plan(total_plan(pipeline, episodes))
        rows = asyncio.run(run_episodes(pipeline, episodes, progress, report=len(paths) == 1))
    finally:
        run.close()
    if len(paths) > 1:
        print(catalogue_table(rows + rejected))
    if rejected:
        return 2
    return 1 if any(r.status != "ok" for r in rows) else 0


def _config(args: argparse.Namespace) -> RunConfig:
    return RunConfig(
        provider=args.provider,
        model=args.model,
        base_url=args.base_url,
        api_key=args.api_key,
        local_model=args.local_model,
        model_path=args.model_path,
        context_window=args.context_window,
        chunk_tokens=args.chunk_tokens,
        concurrency=args.concurrency,
        requests_per_minute=args.rpm,
        tokens_per_minute=args.tpm,
        cache=not args.no_cache,
        max_tokens=args.max_tokens,
        max_cost=args.max_cost,
        pricing=args.pricing,
    )


def _episode_meta(args: argparse.Namespace, path: Path, several: bool) -> EpisodeMeta:
    """Sidecar (named or found beside the transcript), then the flags on top of it; `--language`
    holds for every episode of a catalogue, the other flags describe one."""
    flags = EpisodeMeta(
        title=args.title, url=args.url, date=args.date, guests=tuple(args.guest), hosts=tuple(args.host)
    )
    if several and (args.meta or flags != EpisodeMeta()):
        raise InputError(
            "--meta, --title, --url, --date, --guest and --host describe one episode;"
            " for several, put a <name>.meta.json beside each transcript"
        )
    sidecar = args.meta or sidecar_for(path)
    flags = replace(flags, language=args.language)
    return (read_sidecar(sidecar) if sidecar else EpisodeMeta()).overridden_by(flags)


BATCH_NOT_READY = 3


def cmd_batch_submit(args: argparse.Namespace) -> int:
    config = RunConfig(
        provider="openai",
        model=args.model,
        base_url=args.base_url,
        api_key=args.api_key,
        context_window=args.context_window,
        chunk_tokens=args.chunk_tokens,
    )
    paths = tuple(p.resolve() for p in args.paths)
    job = jobs.Job(config, paths, args.output.resolve(), args.format, args.max_bytes)
    submitted = jobs.submit(job, ProgressLine().notice)
    if submitted.info is None:
        print("nothing to submit: every map answer is already in the store; `summarizer run` finishes the job")
        return 0
    info, job = submitted.info, submitted.job
    print(f"submitted {info.id}: {job.requests} map requests for {job.episodes} episodes ({info.status})")
    print(f"next: summarizer batch status {info.id}; when it has finished: summarizer batch collect {info.id}")
    return 2 if submitted.rejected else 0


def cmd_batch_status(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        known = jobs.known_batches(store, args.batch_id, args.api_key)
        for (_, job), info in zip(known, jobs.status(store, known, print)):
            print(
                f"{info.id}  {info.status:<11}  {info.completed}/{info.total} answered, {info.failed} failed"
                f"  ({job.episodes} episodes)"
            )
    finally:
        store.close()
    return 0


def cmd_batch_collect(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        batch_id, job = jobs.known_batches(store, args.batch_id, args.api_key)[0]
        info, results = jobs.collect(store, batch_id, job, print)
    finally:
        store.close()
    if not info.finished:
        print(f"{batch_id} is {info.status} ({info.completed}/{info.total} answered): collect again later")
        return BATCH_NOT_READY
    left = job.requests - len(results.answers)
    print(
        f"{batch_id} {info.status}: {len(results.answers)} of {job.requests} map answers stored;"
        f" {left} left for online calls"
    )
    for key, reason in list(results.rejected.items())[:5]:
        print(f"  {key[:12]}: {reason}")
    config = replace(job.config, concurrency=args.concurrency or job.config.concurrency)
    paths = transcript_paths(list(job.paths))
    return _run(config, paths, jobs.sidecar_meta, job.output, job.format, job.max_bytes)


def cmd_validate(args: argparse.Namespace) -> int:
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{args.file}: cannot be read ({exc})") from None
    errors = validation_errors(check_document(text), "summary")
    for error in errors:
        print(error)
    if not errors:
        print(f"{args.file}: valid")
    return 1 if errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(load_schema("summary"), indent=2))
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    document = _read_json(args.file, "summary")
    text = render(document, args.format, args.template, args.compact)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        write_files(args.output.parent, {args.output.name: text})
    else:
        sys.stdout.write(text)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    document = _read_json(args.summary, "summary")
    reference = _read_json(args.reference, "reference") if args.reference else None
    figures = evaluate(document, read_transcript(args.transcript, args.format), reference)
    print(json.dumps(figures.as_dict(), indent=2) if args.json else figures_table(figures))
    return 0


def _read_json(path: Path, schema: str) -> dict[str, Any]:
    try:
        document = check_document(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from None
    errors = validation_errors(document, schema)
    if errors:
        raise InputError(f"{path}: not a valid {schema} document: {errors[0]}")
    return document


def cmd_cache(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        if args.action == "prune":
            print(f"removed {store.prune(args.older_than)} answers older than {args.older_than:g} days")
        stats = store.stats()
        print(
            f"{store.path}: {stats.answers} answers, {stats.prompt_tokens:,} prompt + "
            f"{stats.completion_tokens:,} completion tokens paid for, {stats.bytes / 1e6:.1f} MB"
        )
    finally:
        store.close()
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": cmd_run,
    "batch-submit": cmd_batch_submit,
    "batch-status": cmd_batch_status,
    "batch-collect": cmd_batch_collect,
    "validate": cmd_validate,
    "schema": cmd_schema,
    "render": cmd_render,
    "eval": cmd_eval,
    "chapters": cmd_chapters,
    "formats": cmd_formats,
    "cache": cmd_cache,
}


if __name__ == "__main__":
    sys.exit(main())
