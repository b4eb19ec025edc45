"""Renderings of an episode document: show notes, newsletter, chapter lists, the JSON itself.

Pure logic. The document is the contract: every rendering can be remade from it at any time without
a model. Text formats are Jinja2 templates shipped with the package (overridable by path); the
chapter formats are checked against their platform's rules here, before any template sees them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jinja2 import Environment, FileSystemLoader, PackageLoader, StrictUndefined, TemplateError, select_autoescape

from .errors import InputError
from .i18n import translations
from .timefmt import format_clock

YOUTUBE_MIN_CHAPTERS = 3
YOUTUBE_MIN_SECONDS = 10
PODCAST_CHAPTERS_VERSION = "1.2.0"


class RenderError(InputError):
    """This document cannot be rendered in this format (say, too few chapters for YouTube)."""


# The names of FORMATS below, for type checkers (a test keeps the two equal).
RenderFormat = Literal[
    "json", "markdown", "newsletter-html", "newsletter-text", "youtube", "podcast-chapters", "webvtt"
]


@dataclass(frozen=True)
class Format:
    name: RenderFormat
    filename: str
    help: str
    template: str | None = None
    context: Callable[[dict[str, Any]], dict[str, Any]] = lambda doc: {}


def time_url(url: str, seconds: float) -> str:
    """The episode URL opened at `seconds` (YouTube's `t=`; other players read it too)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "t"] + [("t", str(int(seconds)))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def web_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address, else None: a `javascript:` URL never becomes a link."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _timelink(seconds: float | None, url: str | None) -> str:
    clock = format_clock(seconds)
    link = web_url(url)
    return f"[{clock}]({time_url(link, seconds)})" if link and seconds is not None else clock


def _at(seconds: float | None, url: str | None) -> str | None:
    link = web_url(url)
    return time_url(link, seconds) if link and seconds is not None else None


def vtt_stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _vtt_text(text: str) -> str:
    """Cue text on one line with WebVTT's three reserved characters escaped."""
    return " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _one_line(text: str) -> str:
    return " ".join(text.split())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<])")


def _markdown(text: str | None) -> str:
    """Model-written text on one line, its Markdown syntax characters shown rather than obeyed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _one_line(text or ""))


def _require_times(doc: dict[str, Any], what: str) -> None:
    if any(c["start"] is None for c in doc["chapters"]):
        raise RenderError(f"{what} need timestamps, and this episode's transcript has none (plain text)")


def youtube_chapters(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Chapters as YouTube accepts them: the first at 0:00, ascending whole seconds, each at least
    ten seconds long, at least three; shorter chapters are folded into the one before."""
    _require_times(doc, "YouTube chapters")
    kept: list[dict[str, Any]] = []
    for chapter in doc["chapters"]:
        start = 0 if not kept else int(chapter["start"])
        if kept and start - kept[-1]["start"] < YOUTUBE_MIN_SECONDS:
            continue
        kept.append({"start": start, "clock": format_clock(start), "title": _one_line(chapter["title"])})
    duration = doc["episode"]["duration"]
    if len(kept) > 1 and duration is not None and duration - kept[-1]["start"] < YOUTUBE_MIN_SECONDS:
        kept.pop()
    if len(kept) < YOUTUBE_MIN_CHAPTERS:
        raise RenderError(
            f"YouTube needs at least {YOUTUBE_MIN_CHAPTERS} chapters of {YOUTUBE_MIN_SECONDS} seconds or more;"
            f" this episode has {len(kept)}"
        )
    return kept


def podcast_chapters(doc: dict[str, Any]) -> dict[str, Any]:
    """The Podcasting 2.0 JSON chapters object (`podcast:chapters`, version 1.2.0)."""
    _require_times(doc, "Podcasting 2.0 chapters")
    chapters = []
    for chapter in doc["chapters"]:
        item: dict[str, Any] = {"startTime": chapter["start"], "title": _one_line(chapter["title"])}
        if chapter["end"] is not None and chapter["end"] > chapter["start"]:
            item["endTime"] = chapter["end"]
        if link := _at(chapter["start"], doc["episode"]["url"]):
            item["url"] = link
        chapters.append(item)
    result: dict[str, Any] = {"version": PODCAST_CHAPTERS_VERSION, "title": doc["episode"]["title"] or doc["title"]}
    if doc["episode"]["hosts"]:
        result["author"] = ", ".join(doc["episode"]["hosts"])
    result["description"] = doc["tagline"]
    result["chapters"] = chapters
    return result


def vtt_cues(doc: dict[str, Any]) -> list[dict[str, str]]:
    """One cue per chapter; a cue must end after it starts, so the last ends at the episode's end."""
    _require_times(doc, "WebVTT chapters")
    cues = []
    for chapter in doc["chapters"]:
        end = chapter["end"] if chapter["end"] is not None else doc["episode"]["duration"]
        if end is None or end <= chapter["start"]:
            end = chapter["start"] + 1
        cues.append({"start": vtt_stamp(chapter["start"]), "end": vtt_stamp(end), "title": _vtt_text(chapter["title"])})
    return cues


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "summary.json", "the episode document itself"),
        Format("markdown", "show-notes.md", "Markdown show notes", "show-notes.md.j2"),
        Format("newsletter-html", "newsletter.html", "email-safe HTML newsletter block", "newsletter.html.j2"),
        Format("newsletter-text", "newsletter.txt", "plain-text newsletter alternative", "newsletter.txt.j2"),
        Format(
            "youtube",
            "youtube-chapters.txt",
            "YouTube chapter list for the video description",
            "youtube-chapters.txt.j2",
            context=lambda doc: {"chapters": youtube_chapters(doc)},
        ),
        Format(
            "podcast-chapters",
            "chapters.json",
            "Podcasting 2.0 JSON chapters (podcast:chapters 1.2.0)",
            context=lambda doc: {"chapters": podcast_chapters(doc)},
        ),
        Format(
            "webvtt",
            "chapters.vtt",
            "WebVTT chapter track",
            "chapters.vtt.j2",
            context=lambda doc: {"cues": vtt_cues(doc)},
        ),
    )
}
DEFAULT_SET = tuple(FORMATS)  # `run` writes every format: a new one is one row above


@cache
def _shipped(language: str) -> Environment:
    """The package's templates, compiled once per process and language."""
    return environment(language=language)


def environment(template_dir: Path | None = None, language: str = "en") -> Environment:
    loader = FileSystemLoader(template_dir) if template_dir else PackageLoader("summarizer", "templates")
    env = Environment(
        loader=loader,
        extensions=["jinja2.ext.i18n"],
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2"), default_for_string=False
        ),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clock"] = format_clock
    env.filters["timelink"] = _timelink
    env.filters["at"] = _at
    env.filters["web_url"] = web_url
    env.filters["one_line"] = _one_line
    env.filters["md"] = _markdown
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def render(document: dict[str, Any], fmt: str = "markdown", template: Path | None = None, compact: bool = False) -> str:
    """`document` in format `fmt`, or through `template` (given the same context) when one is named;
    fixed strings in the language the notes are written in."""
    spec = FORMATS[fmt]
    context = {"doc": document, **spec.context(document)}
    language = document.get("episode", {}).get("notes_language") or "en"
    if template is not None:
        try:
            return environment(template.parent, language).get_template(template.name).render(context)
        except TemplateError as exc:
            raise InputError(f"{template}: template error: {exc}") from None
    if spec.template is not None:
        return _shipped(language).get_template(spec.template).render(context)
    payload = context.get("chapters", document)
    if compact:
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def render_set(document: dict[str, Any], formats: tuple[str, ...] = DEFAULT_SET) -> tuple[dict[str, str], list[str]]:
    """Files for an episode folder, by name, and why any format was left out (untimed, too few chapters)."""
    files: dict[str, str] = {}
    skipped: list[str] = []
    for name in formats:
        try:
            files[FORMATS[name].filename] = render(document, name)
        except RenderError as exc:
            skipped.append(f"{FORMATS[name].filename}: {exc}")
    return files, skipped
