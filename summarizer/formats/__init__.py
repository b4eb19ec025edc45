"""Every transcript format, in one table: its name, where it comes from, an example line, its reader.

`detect` tells them apart from content, the way a person glances at a file; `read` turns text in a
named format into rows. A new format is one reader and one `Format` row here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError
from . import text as text_layouts
from .common import Row, clean_text
from .cues import parse_srt, parse_vtt
from .json_formats import JSON_PARSERS, detect_json, parse_json_family
from .markup import parse_html, parse_ttml

__all__ = ["FORMATS", "Format", "Row", "clean_text", "detect", "read"]


@dataclass(frozen=True)
class Format:
    """A transcript format: where files in it come from, what a line looks like, what is read from it."""

    name: str
    source: str
    example: str
    reads: str


_TEXT_READERS: dict[str, Callable[[str], list[Row]]] = {
    "vtt": parse_vtt,
    "srt": parse_srt,
    "ttml": parse_ttml,
    "html": parse_html,
    **text_layouts.PARSERS,
}

_ALL = (
    Format(
        "vtt",
        "WebVTT: YouTube (yt-dlp, auto and manual), Zoom, Teams, Podcasting 2.0, Apple ingest",
        "00:00:01.000 --> 00:00:04.000 / <v Emma>Welcome.",
        "times; <v> or 'Name:' speakers, carried forward; rolling captions once",
    ),
    Format(
        "srt",
        "SubRip: caption tools, Descript, Buzzsprout (Podcasting 2.0)",
        "1 / 00:00:01,000 --> 00:00:04,000 / EMMA: Welcome.",
        "times; 'NAME:', '[NAME]', '>> NAME:' speakers, carried forward",
    ),
    Format(
        "captions",
        "one caption a line: YouTube copies, publishers' edited transcripts",
        "0:01 Emma: Welcome to the show.",
        "start times, 'Name:' speakers; heading lines dropped",
    ),
    Format(
        "otter",
        "Otter.ai text export, Microsoft Teams transcript text",
        "Emma Li  0:03 / Welcome to the show.",
        "header names and times; the Otter footer dropped",
    ),
    Format("rev", "Rev.com text export", "Speaker 1 (00:03): / Welcome to the show.", "header names and times"),
    Format(
        "descript",
        "Descript and other bracketed-time exports",
        "[00:00:03] Emma: Welcome to the show.",
        "times; names, carried forward",
    ),
    Format(
        "youtube-panel",
        'text copied from YouTube\'s "Show transcript" panel',
        "0:03 / welcome to the show",
        "times; chapter titles between segments dropped",
    ),
    Format(
        "zoom",
        "Zoom's saved transcript text",
        "[Emma Li] 14:03:22 / Welcome everyone.",
        "names; times counted from the first line",
    ),
    Format(
        "whisper-tsv",
        "Whisper's --output_format tsv",
        "start<TAB>end<TAB>text / 0<TAB>2500<TAB>Welcome.",
        "times in milliseconds",
    ),
    Format(
        "ttml",
        "TTML: Apple Podcasts transcripts, Podcasting 2.0",
        '<p begin="1.0s" end="4.0s" ttm:agent="emma"><span>Welcome</span>…',
        "times; ttm:agent speakers by name; one-word spans spaced",
    ),
    Format(
        "html",
        "Podcasting 2.0 HTML transcript",
        "<cite>Emma:</cite> <time>0:03</time> <p>Welcome.</p>",
        "speakers, carried forward; times",
    ),
    Format(
        "podcast-json",
        "Podcasting 2.0 JSON transcript",
        '{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime", "body"}]}',
        "times, speakers; one-word segments joined into utterances",
    ),
    Format("youtube-json", "youtube-transcript-api", '[{"text": "welcome", "start": 0.0, "duration": 1.5}]', "times"),
    Format(
        "whisper",
        "OpenAI Whisper, faster-whisper, WhisperX JSON (also one level down)",
        '{"text": …, "segments": [{"start", "end", "text", "speaker"?, "words"?}]}',
        "times; speakers from segments, or turns from speaker-labelled words",
    ),
    Format(
        "deepgram",
        "Deepgram pre-recorded API response",
        '{"results": {"utterances": [{"start", "end", "transcript", "speaker"}]}}',
        "utterances, else paragraphs, else words as turns",
    ),
    Format(
        "assemblyai",
        "AssemblyAI transcript",
        '{"utterances": [{"speaker": "A", "start": 250, "end": 4000, "text"}]}',
        "utterances, else words as turns; milliseconds",
    ),
    Format(
        "aws-transcribe",
        "Amazon Transcribe job output",
        '{"results": {"items": [{"start_time", "end_time", "alternatives", "speaker_label"}]}}',
        "audio segments, else items as turns",
    ),
    Format(
        "json",
        "a JSON list of segments; any JSON shape above is recognised too",
        '[{"start": 0.0, "end": 2.5, "text": "Welcome.", "speaker": "Emma"}]',
        "times, speakers",
    ),
    Format(
        "plain",
        "plain text, optionally 'Name: text' a line",
        "Emma: Welcome to the show.",
        "order and speakers, no times",
    ),
)
FORMATS: dict[str, Format] = {spec.name: spec for spec in _ALL}


def detect(text: str) -> str:
    """The format's name, from content alone; an `InputError` for timestamped text of no known layout."""
    stripped = text.lstrip()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    if stripped[:1] in "[{":
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError:
            if stripped[:1] == "{":
                raise InputError("looks like JSON but does not parse") from None
        else:
            return detect_json(data)
    if stripped.startswith("<"):
        head = stripped[:2000].lower()
        if "<tt" in head and ("ttml" in head or "<tt " in head or "<tt>" in head):
            return "ttml"
        if "<p" in head or "<cite" in head or "<html" in head:
            return "html"
    lines = [line for line in text.split("\n") if line.strip()]
    if any("-->" in line for line in lines[:10]):
        return "srt"
    return text_layouts.detect_text(text)


def read(text: str, name: str) -> tuple[str, list[Row]]:
    """Rows of `text` read as format `name`, with the name of the shape found (`json` names the JSON
    shape its keys show)."""
    if name not in FORMATS:
        raise InputError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    if name in JSON_PARSERS:
        return parse_json_family(text, name)
    return name, _TEXT_READERS[name](text)
