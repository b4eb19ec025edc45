"""The command line's arguments: every command, flag and help text, and nothing that runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import __version__
from .providers import PROVIDERS
from .render import FORMATS as RENDER_FORMATS
from .transcript import DEFAULT_MAX_BYTES, FORMATS

DESCRIPTION = "The `summarizer` command: run, batch, render, validate, schema, eval, chapters, formats, cache."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summarizer", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every model call (tokens, seconds) to stderr")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="summarise transcripts (files or folders) into outputs/<episode>/")
    _input_options(run)
    run.add_argument(
        "--provider",
        choices=("auto", *PROVIDERS),
        default="auto",
        help="; ".join(f"{spec.name}: {spec.help}" for spec in PROVIDERS.values()) + " (default: auto)",
    )
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
    run.set_defaults(command="run")

    batch = commands.add_parser("batch", help="OpenAI Batch API: the map calls of many episodes at half price")
    steps = batch.add_subparsers(required=True, metavar="STEP")
    submit = steps.add_parser("submit", help="upload the map requests of PATHS and start a batch")
    _input_options(submit)
    _endpoint_options(submit)
    _chunk_options(submit)
    submit.set_defaults(command="batch-submit")
    status = steps.add_parser("status", help="where the submitted batches stand")
    status.add_argument("batch_id", nargs="?", help="one batch (default: every batch submitted from here)")
    status.add_argument("--api-key", help="API key (or OPENAI_API_KEY)")
    status.set_defaults(command="batch-status")
    collect = steps.add_parser("collect", help="store a finished batch's answers, then summarise its episodes")
    collect.add_argument("batch_id", nargs="?", help="the batch (default: the newest one submitted)")
    collect.add_argument("--api-key", help="API key (or OPENAI_API_KEY)")
    collect.add_argument("--concurrency", type=int, help="online calls in flight for what the batch did not answer")
    collect.set_defaults(command="batch-collect")

    validate = commands.add_parser("validate", help="check a summary.json against the schema")
    validate.add_argument("file", type=Path)
    validate.set_defaults(command="validate")

    schema = commands.add_parser("schema", help="print the episode document's JSON Schema")
    schema.set_defaults(command="schema")

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
    rend.set_defaults(command="render")

    evaluate = commands.add_parser("eval", help="measure a summary against its transcript (and a reference)")
    evaluate.add_argument("summary", type=Path, metavar="SUMMARY_JSON")
    evaluate.add_argument("transcript", type=Path, metavar="TRANSCRIPT")
    evaluate.add_argument("--reference", type=Path, metavar="REF_JSON", help="the publisher's chapters and description")
    evaluate.add_argument("--format", choices=FORMATS, help="transcript format (default: detected)")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.set_defaults(command="eval")

    instant = commands.add_parser(
        "chapters", help="chapters found from the words alone, in about a second, no model (titles are keywords)"
    )
    instant.add_argument("file", type=Path, metavar="TRANSCRIPT", help="a transcript file, or - for standard input")
    instant.add_argument("--format", choices=("youtube", "podcast-chapters", "webvtt", "json"), default="youtube")
    instant.add_argument("--json", action="store_true", help='the same as --format json: [{"start", "title"}]')
    instant.add_argument("--input-format", choices=FORMATS, help="transcript format (default: detected from content)")
    instant.add_argument("--url", help="episode URL, for timestamp links in Podcasting 2.0 chapters")
    instant.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger transcripts")
    instant.set_defaults(command="chapters")

    listing = commands.add_parser("formats", help="list the transcript formats read, with an example of each")
    listing.set_defaults(command="formats")

    cache = commands.add_parser("cache", help="the store of answers already paid for")
    cache.add_argument("action", choices=("stats", "prune"))
    cache.add_argument("--older-than", type=float, default=30.0, metavar="DAYS", help="prune answers older than this")
    cache.set_defaults(command="cache")
    return parser


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
