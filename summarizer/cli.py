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

from . import __version__
from .batch import BatchResults, read_results, request_lines
from .api import RunConfig, open_store, provider_for, runner
from .budget import Price
from .chapters import from_words as chapters_from_words
from .catalogue import Episode, run_episodes, total_plan, transcript_paths
from .errors import InputError, OutputError, SummarizerError
from .evaluate import evaluate
from .formats import FORMATS as TRANSCRIPT_FORMATS
from .metadata import EpisodeMeta, read_sidecar, sidecar_for
from .output import episode_dir, write_files
from .pipeline import Pipeline
from .providers.base import BatchInfo, BatchProvider
from .render import FORMATS as RENDER_FORMATS
from .render import render
from .report import EpisodeRow, ProgressLine, catalogue_table, figures_table
from .store import AnswerStore
from .transcript import DEFAULT_MAX_BYTES, FORMATS, read_transcript
from .validation import check_document, load_schema, validation_errors


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verbose:
        _log_to_stderr()
    try:
        return int(args.handler(args))
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summarizer", description=__doc__)
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every model call (tokens, seconds) to stderr")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="summarise transcripts (files or folders) into outputs/<episode>/")
    _input_options(run)
    run.add_argument("--provider", choices=("auto", "openai", "local"), default="auto")
    _endpoint_options(run)
    run.add_argument(
        "--local-model",
        choices=("default", "small"),
        help="embedded model: default (1.5B) or small (0.5B, faster, weaker)",
    )
    run.add_argument("--model-path", type=Path, help="run any GGUF file with the embedded runtime")
    _chunk_options(run)
    run.add_argument("--concurrency", type=int, help="model calls in flight (default: 8 remote, 1 embedded)")
    run.add_argument("--rpm", type=int, metavar="N", help="send at most N requests a minute")
    run.add_argument("--tpm", type=int, metavar="N", help="send at most N tokens a minute (prompt + answer budget)")
    run.add_argument("--no-cache", action="store_true", help="neither reuse nor keep model answers")
    run.add_argument("--max-tokens", type=int, metavar="N", help="refuse or stop a run that could pass N tokens")
    run.add_argument("--max-cost", type=float, metavar="USD", help="refuse or stop a run that could cost more")
    run.add_argument("--pricing", type=Path, metavar="FILE", help="model prices (USD per million tokens) to add")
    run.add_argument("--dry-run", action="store_true", help="print what each run could cost, call no model")
    run.add_argument(
        "--meta", type=Path, metavar="FILE", help="episode metadata JSON (default: <name>.meta.json beside)"
    )
    run.add_argument("--title", help="episode title")
    run.add_argument("--guest", action="append", default=[], help="guest name (repeatable)")
    run.add_argument("--host", action="append", default=[], help="host name (repeatable)")
    run.add_argument("--url", help="episode video/audio URL, for timestamp links")
    run.add_argument("--date", help="publication date")
    run.add_argument(
        "--language", help="write the notes in this language (BCP 47: es, de, pt-BR …; default: as spoken)"
    )
    run.set_defaults(handler=cmd_run)

    batch = commands.add_parser("batch", help="OpenAI Batch API: the map calls of many episodes at half price")
    steps = batch.add_subparsers(required=True, metavar="STEP")
    submit = steps.add_parser("submit", help="upload the map requests of PATHS and start a batch")
    _input_options(submit)
    _endpoint_options(submit)
    _chunk_options(submit)
    submit.set_defaults(handler=cmd_batch_submit)
    status = steps.add_parser("status", help="where the submitted batches stand")
    status.add_argument("batch_id", nargs="?", help="one batch (default: every batch submitted from here)")
    status.add_argument("--api-key", help="API key (or OPENAI_API_KEY)")
    status.set_defaults(handler=cmd_batch_status)
    collect = steps.add_parser("collect", help="store a finished batch's answers, then summarise its episodes")
    collect.add_argument("batch_id", nargs="?", help="the batch (default: the newest one submitted)")
    collect.add_argument("--api-key", help="API key (or OPENAI_API_KEY)")
    collect.add_argument("--concurrency", type=int, help="online calls in flight for what the batch did not answer")
    collect.set_defaults(handler=cmd_batch_collect)

    validate = commands.add_parser("validate", help="check a summary.json against the schema")
    validate.add_argument("file", type=Path)
    validate.set_defaults(handler=cmd_validate)

    schema = commands.add_parser("schema", help="print the episode document's JSON Schema")
    schema.set_defaults(handler=cmd_schema)

    rend = commands.add_parser("render", help="render a summary.json again, without a model")
    rend.add_argument("file", type=Path)
    rend.add_argument(
        "--format",
        choices=RENDER_FORMATS,
        default="markdown",
        help="; ".join(f"{f.name}: {f.help}" for f in RENDER_FORMATS.values()),
    )
    rend.add_argument("--compact", action="store_true", help="JSON formats on one line")
    rend.add_argument("--template", type=Path, help="a Jinja2 template file to use instead")
    rend.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    rend.set_defaults(handler=cmd_render)

    evaluate = commands.add_parser("eval", help="measure a summary against its transcript (and a reference)")
    evaluate.add_argument("summary", type=Path, metavar="SUMMARY_JSON")
    evaluate.add_argument("transcript", type=Path, metavar="TRANSCRIPT")
    evaluate.add_argument("--reference", type=Path, metavar="REF_JSON", help="the publisher's chapters and description")
    evaluate.add_argument("--format", choices=FORMATS, help="transcript format (default: detected)")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.set_defaults(handler=cmd_eval)

    instant = commands.add_parser(
        "chapters", help="chapters found from the words alone, in about a second, no model (titles are keywords)"
    )
    instant.add_argument("file", type=Path, metavar="TRANSCRIPT", help="a transcript file, or - for standard input")
    instant.add_argument("--format", choices=("youtube", "podcast-chapters", "webvtt", "json"), default="youtube")
    instant.add_argument("--json", action="store_true", help='the same as --format json: [{"start", "title"}]')
    instant.add_argument("--input-format", choices=FORMATS, help="transcript format (default: detected from content)")
    instant.add_argument("--url", help="episode URL, for timestamp links in Podcasting 2.0 chapters")
    instant.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger transcripts")
    instant.set_defaults(handler=cmd_chapters)

    listing = commands.add_parser("formats", help="list the transcript formats read, with an example of each")
    listing.set_defaults(handler=cmd_formats)

    cache = commands.add_parser("cache", help="the store of answers already paid for")
    cache.add_argument("action", choices=("stats", "prune"))
    cache.add_argument("--older-than", type=float, default=30.0, metavar="DAYS", help="prune answers older than this")
    cache.set_defaults(handler=cmd_cache)
    return parser


def _episodes(
    args: argparse.Namespace, paths: list[Path], notice: Callable[[str], None]
) -> tuple[list[Episode], list[EpisodeRow]]:
    """Every readable episode; with several, an unreadable one is reported and the others go on."""
    episodes: list[Episode] = []
    rejected: list[EpisodeRow] = []
    slugs: set[str] = set()
    for path in paths:
        try:
            transcript = read_transcript(path, args.format, args.max_bytes)
            meta = _episode_meta(args, path, several=len(paths) > 1)
            slug = meta.slug_for(transcript.source)
            if slug in slugs:
                raise InputError(f"{path}: another transcript already writes to {args.output / slug}; set a slug")
            slugs.add(slug)
            folder = None if args.dry_run else episode_dir(args.output, slug)
            episodes.append(Episode(transcript, meta, folder))
        except (InputError, OutputError) as exc:
            if len(paths) == 1:
                raise
            notice(f"summarizer: error: {exc}")
            rejected.append(EpisodeRow(path.stem, str(exc)))
    return episodes, rejected


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="transcript file, a folder of them, or - for standard input"
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("outputs"), help="folder for episode folders (default: outputs)"
    )
    parser.add_argument("--format", choices=FORMATS, help="transcript format (default: detected from content)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger transcripts")


def _endpoint_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="model name for an OpenAI-compatible endpoint (or SUMMARIZER_MODEL)")
    parser.add_argument(
        "--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 (or OPENAI_BASE_URL)"
    )
    parser.add_argument("--api-key", help="API key (or OPENAI_API_KEY)")


def _chunk_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--context-window", type=int, help="the model's context size in tokens")
    parser.add_argument(
        "--chunk-tokens", type=int, help="transcript tokens per map call (default: from the context size)"
    )


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
    progress = ProgressLine()
    episodes, rejected = _episodes(args, paths, progress.notice)
    progress.expected = len(episodes)
    if not episodes:
        raise InputError("no readable transcript among the paths given")
    pipeline, price, store = _pipeline(args, progress)
    try:
        if args.dry_run:
            for episode in episodes:
                print(f"{episode.slug}: {pipeline.plan(episode.transcript, episode.meta).describe(price)}")
            return 0
        if pipeline.settings.limits.active:
            pipeline.budget.check_plan(total_plan(pipeline, episodes))
        rows = asyncio.run(run_episodes(pipeline, episodes, progress, report=len(paths) == 1))
    finally:
        if store is not None:
            store.close()
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


def _pipeline(args: argparse.Namespace, progress: ProgressLine) -> tuple[Pipeline, Price | None, AnswerStore | None]:
    run = runner(_config(args), progress.notice, progress)
    return run.pipeline, run.price, run.store


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


def _replay(argv: list[str], api_key: str | None, *extra: str) -> argparse.Namespace:
    """The `run` arguments a batch was submitted with (the key is never stored: it comes again)."""
    return build_parser().parse_args([*argv, *extra, *(["--api-key", api_key] if api_key else [])])


def cmd_batch_submit(args: argparse.Namespace) -> int:
    argv = ["run", *(str(p.resolve()) for p in args.paths), "--provider", "openai", "-o", str(args.output.resolve())]
    for flag, value in (
        ("--format", args.format),
        ("--max-bytes", args.max_bytes),
        ("--context-window", args.context_window),
        ("--chunk-tokens", args.chunk_tokens),
    ):
        if value is not None:
            argv += [flag, str(value)]
    progress = ProgressLine()
    run_args = _replay([*argv, *(["--model", args.model] if args.model else [])], args.api_key)
    if args.base_url:
        run_args.base_url = args.base_url
    run_args.dry_run = True  # nothing is written at submit time
    episodes, rejected = _episodes(run_args, transcript_paths(run_args.paths), progress.notice)
    pipeline, _, store = _pipeline(run_args, progress)
    if store is None:
        raise InputError("the Batch API keeps its answers in the answer store: it cannot run with --no-cache")
    provider = pipeline.provider
    if not isinstance(provider, BatchProvider):
        raise InputError("the Batch API needs an OpenAI endpoint: set OPENAI_API_KEY or --base-url")
    try:
        requests = {
            key: provider.request_body(messages, "map", pipeline.settings.map_answer_tokens)
            for episode in episodes
            for key, messages in pipeline.pending_maps(episode.transcript, episode.meta).items()
        }
        if not requests:
            print("nothing to submit: every map answer is already in the store; `summarizer run` finishes the job")
            return 0
        argv += ["--model", provider.model] + (["--base-url", provider.base_url] if provider.base_url else [])
        metadata = {"tool": "summarizer", "step": "map", "episodes": str(len(episodes))}
        info = asyncio.run(_submit(provider, request_lines(requests), metadata))
        store.add_batch(info.id, {"argv": argv, "requests": len(requests), "episodes": len(episodes)}, info.status)
    finally:
        store.close()
    print(f"submitted {info.id}: {len(requests)} map requests for {len(episodes)} episodes ({info.status})")
    print(f"next: summarizer batch status {info.id}; when it has finished: summarizer batch collect {info.id}")
    return 2 if rejected else 0


async def _submit(provider: BatchProvider, lines: bytes, metadata: dict[str, str]) -> BatchInfo:
    try:
        return await provider.submit_batch(lines, metadata)
    finally:
        await provider.aclose()


def _batch_provider(job: dict[str, Any], api_key: str | None) -> BatchProvider:
    provider = provider_for(_config(_replay(job["argv"], api_key)), print)
    assert isinstance(provider, BatchProvider)
    return provider


def _known_batches(store: AnswerStore, batch_id: str | None) -> list[tuple[str, dict[str, Any], str]]:
    known = [b for b in store.batches() if batch_id in (None, b[0])]
    if not known:
        raise InputError(f"no batch {batch_id} was submitted from here" if batch_id else "no batches yet")
    return known


def cmd_batch_status(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        known = _known_batches(store, args.batch_id)

        async def look() -> list[BatchInfo]:
            found = []
            for batch_id, job, _ in known:
                provider = _batch_provider(job, args.api_key)
                try:
                    found.append(await provider.batch_info(batch_id))
                finally:
                    await provider.aclose()
            return found

        for (_, job, _), info in zip(known, asyncio.run(look())):
            store.set_batch_status(info.id, info.status)
            print(
                f"{info.id}  {info.status:<11}  {info.completed}/{info.total} answered, {info.failed} failed"
                f"  ({job['episodes']} episodes)"
            )
    finally:
        store.close()
    return 0


def cmd_batch_collect(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        known = _known_batches(store, args.batch_id)
        batch_id, job, _ = known[0]
        provider = _batch_provider(job, args.api_key)
        info, results = asyncio.run(_collect(provider, batch_id))
        store.set_batch_status(batch_id, info.status)
        if not info.finished:
            print(f"{batch_id} is {info.status} ({info.completed}/{info.total} answered): collect again later")
            return BATCH_NOT_READY
        for key, answer in results.answers.items():
            store.put(key, "map", provider.model, answer)
    finally:
        store.close()
    left = job["requests"] - len(results.answers)
    print(
        f"{batch_id} {info.status}: {len(results.answers)} of {job['requests']} map answers stored;"
        f" {left} left for online calls"
    )
    for key, reason in list(results.rejected.items())[:5]:
        print(f"  {key[:12]}: {reason}")
    extra = ["--concurrency", str(args.concurrency)] if args.concurrency else []
    return cmd_run(_replay(job["argv"], args.api_key, *extra))


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


if __name__ == "__main__":
    sys.exit(main())
