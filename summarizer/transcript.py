"""Transcript formats → immutable segments.

Every supported format (YouTube-style caption lines, SRT, WebVTT, JSON segments, plain text) is
normalised to the same `Segment` tuple, so nothing downstream knows where a transcript came from.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .timefmt import parse_clock

FORMATS = ("captions", "srt", "vtt", "json", "plain")
DEFAULT_MAX_BYTES = 20_000_000

_CAPTION_LINE = re.compile(r"^\s*(\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?)\s+(.*)$")
_TIMESTAMP_LIKE = re.compile(r"^\s*\d{1,3}:\d")
_SPEAKER = re.compile(r"^([A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3}):\s+(.*)$")
_TAG = re.compile(r"\[(?:[A-Za-z][A-Za-z ]{0,30})\]|\((?:music|applause|laughter|laughs|chuckles|inaudible)\)", re.I)
_SRT_TIMING = re.compile(r"^\s*(\S+)\s*-->\s*(\S+)")
_VTT_VOICE = re.compile(r"<v(?:\.[\w.]+)?\s+([^>]+)>")
_MARKUP = re.compile(r"<[^>]*>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“])")


@dataclass(frozen=True, slots=True)
class Segment:
    """One timed utterance. `start`/`end` are seconds, or None for untimed (plain) text."""

    index: int
    start: float | None
    end: float | None
    text: str
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    segments: tuple[Segment, ...]
    format: str
    source: str

    @property
    def timed(self) -> bool:
        return self.segments[0].start is not None

    @property
    def duration(self) -> float | None:
        return self.segments[-1].end if self.timed else None

    @property
    def speakers(self) -> list[str]:
        return sorted({s.speaker for s in self.segments if s.speaker})


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "episode"


def read_transcript(path: Path, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Transcript:
    """Read and parse a transcript file; every problem is an `InputError` naming the file."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a transcript file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit (raise it with --max-bytes)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        return parse_transcript(decode(raw), fmt, source=str(path))
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


def decode(raw: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; binary is refused."""
    if raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in raw:
            raise InputError("looks like a binary file, not a transcript")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"undecodable bytes at offset {exc.start} (expected UTF-8, or UTF-16 with a BOM)") from None
    if "\x00" in text:
        raise InputError("looks like a binary file, not a transcript")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_transcript(text: str, fmt: str | None = None, source: str = "<text>") -> Transcript:
    if not text.strip():
        raise InputError("the transcript is empty")
    fmt = fmt or detect_format(text)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    parser = {
        "captions": _parse_captions,
        "srt": _parse_srt,
        "vtt": _parse_vtt,
        "json": _parse_json,
        "plain": _parse_plain,
    }[fmt]
    rows = parser(text)
    segments = tuple(
        Segment(index=i, start=start, end=end, text=body, speaker=speaker)
        for i, (start, end, body, speaker) in enumerate(rows)
    )
    if not segments:
        raise InputError(f"no transcript text found (read as {fmt})")
    return Transcript(segments=segments, format=fmt, source=source)


def detect_format(text: str) -> str:
    """Guess the format from content, the way a person would glance at the file."""
    stripped = text.lstrip()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    if stripped[:1] in "[{":
        try:
            json.loads(stripped)
        except json.JSONDecodeError:
            if stripped[:1] == "{":
                raise InputError("looks like JSON but does not parse") from None
        else:
            return "json"
    lines = [line for line in text.split("\n") if line.strip()]
    if any("-->" in line for line in lines[:10]):
        return "srt"
    head = lines[:200]
    if sum(1 for line in head if _TIMESTAMP_LIKE.match(line)) >= 0.6 * len(head):
        return "captions"
    return "plain"


def clean_text(text: str) -> str:
    """Drop `[Music]`-style tags and markup, fold white space."""
    return " ".join(_MARKUP.sub("", _TAG.sub(" ", text)).split())


def _split_speaker(text: str) -> tuple[str | None, str]:
    match = _SPEAKER.match(text)
    if match:
        return match.group(1), match.group(2)
    return None, text


def _ends_from_starts(starts: list[float], texts: list[str]) -> list[float]:
    """A caption line lasts until the next later start; the last ones by their length (~2.5 words/s)."""
    ends = [0.0] * len(starts)
    next_later: float | None = None
    for i in range(len(starts) - 1, -1, -1):
        if i + 1 < len(starts) and starts[i + 1] > starts[i]:
            next_later = starts[i + 1]
        ends[i] = next_later if next_later is not None else starts[i] + max(1.0, len(texts[i].split()) / 2.5)
    return ends


def _parse_captions(text: str) -> list[tuple]:
    starts: list[float] = []
    bodies: list[tuple[str | None, str]] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = _CAPTION_LINE.match(line)
        if not match:
            if _TIMESTAMP_LIKE.match(line):
                raise InputError(f"line {lineno}: malformed timestamp: {line.strip()[:40]!r}")
            if bodies:
                speaker, body = bodies[-1]
                bodies[-1] = (speaker, f"{body} {line.strip()}")
                continue
            raise InputError(f"line {lineno}: expected a timestamp (M:SS or H:MM:SS) at the start of the line")
        try:
            start = parse_clock(match.group(1))
        except ValueError:
            raise InputError(f"line {lineno}: malformed timestamp {match.group(1)!r}") from None
        if starts and start < starts[-1]:
            raise InputError(f"line {lineno}: timestamps out of order ({match.group(1)} comes after a later time)")
        starts.append(start)
        bodies.append(_split_speaker(match.group(2).strip()))
    return _timed_rows(starts, bodies)


def _timed_rows(starts: list[float], bodies: list[tuple[str | None, str]]) -> list[tuple]:
    cleaned = [clean_text(body) for _, body in bodies]
    ends = _ends_from_starts(starts, cleaned)
    return [
        (start, end, body, speaker) for start, end, body, (speaker, _) in zip(starts, ends, cleaned, bodies) if body
    ]


def _cues(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks with the line number each starts on."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start_line = 1
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start_line = lineno
            current.append(line.rstrip())
        elif current:
            blocks.append((start_line, current))
            current = []
    if current:
        blocks.append((start_line, current))
    return blocks


def _timed_cue(lineno: int, lines: list[str], previous_start: float) -> tuple[float, float, list[str]]:
    for offset, line in enumerate(lines[:2]):
        timing = _SRT_TIMING.match(line)
        if timing:
            try:
                start, end = parse_clock(timing.group(1)), parse_clock(timing.group(2))
            except ValueError:
                raise InputError(f"line {lineno + offset}: malformed cue timing {line.strip()!r}") from None
            if end < start:
                raise InputError(f"line {lineno + offset}: cue ends before it starts ({line.strip()})")
            if start < previous_start:
                raise InputError(f"line {lineno + offset}: cues out of order ({line.strip()})")
            return start, end, lines[offset + 1 :]
    raise InputError(f"line {lineno}: cue without a 'start --> end' timing line")


def _parse_srt(text: str) -> list[tuple]:
    rows: list[tuple] = []
    previous = 0.0
    for lineno, lines in _cues(text):
        start, end, body = _timed_cue(lineno, lines, previous)
        previous = start
        speaker, words = _split_speaker(clean_text(" ".join(body)))
        if words:
            rows.append((start, end, words, speaker))
    return rows


def _parse_vtt(text: str) -> list[tuple]:
    rows: list[tuple] = []
    previous = 0.0
    last_line = ""
    for lineno, lines in _cues(text)[1:]:
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        start, end, body = _timed_cue(lineno, lines, previous)
        previous = start
        fresh = [line for line in body if clean_text(line) and clean_text(line) != last_line]
        if body:
            last_line = clean_text(body[-1])
        joined = " ".join(fresh)
        voice = _VTT_VOICE.search(joined)
        speaker, words = (voice.group(1).strip(), clean_text(joined)) if voice else _split_speaker(clean_text(joined))
        if words:
            rows.append((start, end, words, speaker))
    return rows


def _parse_json(text: str) -> list[tuple]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("segments"), list):
        data = data["segments"]
    if not isinstance(data, list) or not data:
        raise InputError("JSON must be a non-empty list of segments (or an object with a 'segments' list)")
    rows: list[tuple] = []
    previous = 0.0
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError(f"segment {i}: expected an object with 'start', 'end' and 'text'")
        start, end = item.get("start"), item.get("end")
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (start, end)):
            raise InputError(f"segment {i}: 'start' and 'end' must be numbers of seconds")
        if end < start or start < previous:
            raise InputError(f"segment {i}: times out of order ({start} → {end})")
        previous = start
        speaker = item.get("speaker")
        words = clean_text(item["text"])
        if words:
            rows.append((float(start), float(end), words, str(speaker) if speaker else None))
    return rows


def _parse_plain(text: str) -> list[tuple]:
    rows: list[tuple] = []
    for line in text.split("\n"):
        speaker, body = _split_speaker(line.strip())
        body = clean_text(body)
        for sentence in _SENTENCE_END.split(body) if len(body) > 400 else [body]:
            if sentence:
                rows.append((None, None, sentence, speaker))
    return rows
