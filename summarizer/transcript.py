"""Transcripts as immutable segments, whatever format they came in.

Every format in `formats` is read into the same `Segment` tuple, so nothing downstream knows where a
transcript came from.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import formats
from .errors import InputError

FORMATS = tuple(formats.FORMATS)
DEFAULT_MAX_BYTES = 20_000_000
STDIN = Path("-")


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


def read_transcript(path: Path | str, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Transcript:
    """Read and parse a transcript file (`-` is standard input); every problem is an `InputError` naming it."""
    path = Path(path)
    if path == STDIN:
        raw = sys.stdin.buffer.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise InputError(f"<stdin>: over the {max_bytes:,}-byte limit (raise it with --max-bytes)")
        try:
            return parse_transcript(decode(raw), fmt, source="<stdin>")
        except InputError as exc:
            raise InputError(f"<stdin>: {exc}") from None
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
    """Parse transcript text in format `fmt`, or in the format its content shows (`formats.detect`)."""
    if not text.strip():
        raise InputError("the transcript is empty")
    name, rows = formats.read(text, fmt or formats.detect(text))
    segments = tuple(
        Segment(index=i, start=_ms(row.start), end=_ms(row.end), text=row.text, speaker=row.speaker)
        for i, row in enumerate(rows)
    )
    if not segments:
        raise InputError(f"no transcript text found (read as {name})")
    return Transcript(segments=segments, format=name, source=source)


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)


def detect_format(text: str) -> str:
    """The format name a transcript's content shows; see `formats.detect`."""
    return formats.detect(text)
