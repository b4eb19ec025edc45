"""The `summarizer` command: run, validate, schema, render, cache, model."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

from . import __version__
from .budget import FREE, Limits, load_pricing, price_for
from .errors import InputError, SummarizerError
from .evaluate import evaluate
from .home import summarizer_home
from .metadata import EpisodeMeta, read_sidecar, sidecar_for
from .output import episode_dir, write_files
from .pipeline import Pipeline, Settings
from .providers import ProviderOptions, make_provider
from .render import FORMATS as RENDER_FORMATS
from .render import render, render_set
from .report import ProgressLine, figures_table, run_report
from .store import AnswerStore
from .transcript import DEFAULT_MAX_BYTES, FORMATS, Transcript, read_transcript
from .validation import check_document, load_schema, validation_errors


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verbose:
        _log_to_stderr()
    try:
        return args.handler(args)
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

    run = commands.add_parser("run", help="summarise transcripts into outputs/<episode>/")
    run.add_argument("paths", nargs="+", type=Path, metavar="TRANSCRIPT")
    run.add_argument(
        "-o", "--output", type=Path, default=Path("outputs"), help="folder for episode folders (default: outputs)"
    )
    run.add_argument("--format", choices=FORMATS, help="transcript format (default: detected from content)")
    run.add_argument("--provider", choices=("auto", "openai", "local"), default="auto")
    run.add_argument("--model", help="model name for an OpenAI-compatible endpoint (or SUMMARIZER_MODEL)")
    run.add_argument(
        "--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 (or OPENAI_BASE_URL)"
    )
    run.add_argument("--api-key", help="API key (or OPENAI_API_KEY)")
    run.add_argument(
        "--local-model",
        choices=("default", "small"),
        help="embedded model: default (1.5B) or small (0.5B, faster, weaker)",
    )
    run.add_argument("--model-path", type=Path, help="run any GGUF file with the embedded runtime")
    run.add_argument("--context-window", type=int, help="the model's context size in tokens")
    run.add_argument("--chunk-tokens", type=int, help="transcript tokens per map call (default: from the context size)")
    run.add_argument("--concurrency", type=int, help="model calls in flight (default: 8 remote, 1 embedded)")
    run.add_argument("--no-cache", action="store_true", help="neither reuse nor keep model answers")
    run.add_argument("--max-tokens", type=int, metavar="N", help="refuse or stop a run that could pass N tokens")
    run.add_argument("--max-cost", type=float, metavar="USD", help="refuse or stop a run that could cost more")
    run.add_argument("--pricing", type=Path, metavar="FILE", help="model prices (USD per million tokens) to add")
    run.add_argument("--dry-run", action="store_true", help="print what each run could cost, call no model")
    run.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger transcripts")
    run.add_argument(
        "--meta", type=Path, metavar="FILE", help="episode metadata JSON (default: <name>.meta.json beside)"
    )
    run.add_argument("--title", help="episode title")
    run.add_argument("--guest", action="append", default=[], help="guest name (repeatable)")
    run.add_argument("--host", action="append", default=[], help="host name (repeatable)")
    run.add_argument("--url", help="episode video/audio URL, for timestamp links")
    run.add_argument("--date", help="publication date")
    run.set_defaults(handler=cmd_run)

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

    cache = commands.add_parser("cache", help="the store of answers already paid for")
    cache.add_argument("action", choices=("stats", "prune"))
    cache.add_argument("--older-than", type=float, default=30.0, metavar="DAYS", help="prune answers older than this")
    cache.set_defaults(handler=cmd_cache)
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    progress = ProgressLine()
    transcripts = [read_transcript(path, args.format, args.max_bytes) for path in args.paths]
    metas = [_episode_meta(args, path) for path in args.paths]
    folders = (
        [] if args.dry_run else [episode_dir(args.output, m.slug_for(t.source)) for t, m in zip(transcripts, metas)]
    )
    options = ProviderOptions(
        provider=args.provider,
        model=args.model,
        base_url=args.base_url,
        api_key=args.api_key,
        local_model=args.local_model,
        model_path=args.model_path,
        context_window=args.context_window,
    )
    provider = make_provider(options, progress.notice)
    price = FREE if provider.name == "local" else price_for(provider.model, load_pricing(args.pricing))
    limits = Limits(max_tokens=args.max_tokens, max_cost=args.max_cost, price=price)
    store = None if args.no_cache else AnswerStore(summarizer_home() / "answers.sqlite")
    settings = Settings(chunk_tokens=args.chunk_tokens, concurrency=args.concurrency, limits=limits)
    pipeline = Pipeline(provider, store, settings, progress)
    try:
        if args.dry_run:
            for transcript, meta in zip(transcripts, metas):
                print(f"{meta.slug_for(transcript.source)}: {pipeline.plan(transcript, meta).describe(price)}")
            return 0
        failures = asyncio.run(_run_episodes(pipeline, list(zip(transcripts, metas, folders)), progress))
    finally:
        if store is not None:
            store.close()
    return 1 if failures else 0


def _episode_meta(args: argparse.Namespace, path: Path) -> EpisodeMeta:
    """Sidecar (named or found beside the transcript), then the flags on top of it."""
    flags = EpisodeMeta(
        title=args.title, url=args.url, date=args.date, guests=tuple(args.guest), hosts=tuple(args.host)
    )
    if len(args.paths) > 1 and (args.meta or flags != EpisodeMeta()):
        raise InputError(
            "--meta, --title, --url, --date, --guest and --host describe one episode;"
            " for several, put a <name>.meta.json beside each transcript"
        )
    sidecar = args.meta or sidecar_for(path)
    return (read_sidecar(sidecar) if sidecar else EpisodeMeta()).overridden_by(flags)


async def _run_episodes(
    pipeline: Pipeline, episodes: list[tuple[Transcript, EpisodeMeta, Path]], progress: ProgressLine
) -> int:
    """Every episode in one event loop (the provider's client lives in it); returns how many failed.
    One episode's failure does not stop the others, unless it is the only one."""
    failures = 0
    try:
        for transcript, meta, folder in episodes:
            try:
                result = await pipeline.run(transcript, meta)
            except SummarizerError as exc:
                if len(episodes) == 1:
                    raise
                failures += 1
                progress.notice(f"summarizer: {transcript.source}: {exc}")
                continue
            files, skipped = render_set(result.document)
            written = [p.name for p in write_files(folder, files)]
            model = f"{pipeline.provider.name} · {pipeline.provider.model}"
            print(run_report(folder, result.stats, model, written, skipped, transcript.duration))
    finally:
        await pipeline.provider.aclose()
    return failures


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


def _read_json(path: Path, schema: str) -> dict:
    try:
        document = check_document(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from None
    errors = validation_errors(document, schema)
    if errors:
        raise InputError(f"{path}: not a valid {schema} document: {errors[0]}")
    return document


def cmd_cache(args: argparse.Namespace) -> int:
    store = AnswerStore(summarizer_home() / "answers.sqlite")
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
