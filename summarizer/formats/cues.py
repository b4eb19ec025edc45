"""Cue formats: SRT and WebVTT (W3C WebVTT, including YouTube's rolling auto-captions).

Both are blocks of `start --> end` plus text. WebVTT ends a block only at an empty line, so the lone
space yt-dlp writes after each timing line is text, not an end. Rolling captions repeat the line
before the new one; a line the previous cue already showed is dropped, so each spoken word appears once.
"""

from __future__ import annotations

import re

from ..errors import InputError
from .common import Row, carry_speakers, clean_text, split_speaker

_TIMING = re.compile(r"^\s*(\S+)\s*-->\s*(\S+)")
_CUE_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_MARKUP = re.compile(r"<[^>]*>")
_INLINE_TIME = re.compile(r"<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>")


def cue_time(text: str) -> float:
    """Seconds from a cue timestamp, padded (`00:01:02.500`, `01:02,5`) or not (`0:0:0.570`, Teams)."""
    match = _CUE_TIME.match(text.strip())
    if not match:
        raise ValueError(text)
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise ValueError(text)
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return float(value) + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


def blocks(text: str, *, strict_empty: bool) -> list[tuple[int, list[str]]]:
    """Blocks with the line number each starts on. WebVTT (`strict_empty`) splits only at empty lines;
    SRT, written by hand as often as not, at blank ones."""
    found: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start_line = 1
    for lineno, line in enumerate(text.split("\n"), start=1):
        if (line != "") if strict_empty else bool(line.strip()):
            if not current:
                start_line = lineno
            current.append(line.rstrip())
        elif current:
            found.append((start_line, current))
            current = []
    if current:
        found.append((start_line, current))
    return found


def _timed(lineno: int, lines: list[str], previous_start: float) -> tuple[float, float, list[str]]:
    for offset, line in enumerate(lines[:2]):
        timing = _TIMING.match(line)
        if timing:
            try:
                start, end = cue_time(timing.group(1)), cue_time(timing.group(2))
            except ValueError:
                raise InputError(f"line {lineno + offset}: malformed cue timing {line.strip()!r}") from None
            if end < start:
                raise InputError(f"line {lineno + offset}: cue ends before it starts ({line.strip()})")
            if start < previous_start:
                raise InputError(f"line {lineno + offset}: cues out of order ({line.strip()})")
            return start, end, lines[offset + 1 :]
    raise InputError(f"line {lineno}: cue without a 'start --> end' timing line")


def parse_srt(text: str) -> list[Row]:
    rows: list[Row] = []
    previous = 0.0
    for lineno, lines in blocks(text, strict_empty=False):
        start, end, body = _timed(lineno, lines, previous)
        previous = start
        speaker, words = split_speaker(_MARKUP.sub("", " ".join(body)))
        if clean_text(words) or speaker:
            rows.append(Row(start, end, clean_text(words), speaker))
    return [row for row in carry_speakers(rows) if row.text]


def parse_vtt(text: str) -> list[Row]:
    cues: list[tuple[float, float, list[str]]] = []
    previous = 0.0
    for lineno, lines in blocks(text, strict_empty=True)[1:]:
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        start, end, body = _timed(lineno, lines, previous)
        previous = start
        cues.append((start, end, body))
    rolling = _rolling(cues)
    rows: list[Row] = []
    shown: list[str] = []
    for start, end, body in cues:
        lines = [line for line in body if clean_text(line)]
        fresh = [line for line in lines if clean_text(line) not in shown] if rolling else lines
        shown = [clean_text(line) for line in lines]
        joined = " ".join(fresh)
        voice = _VOICE.search(joined)
        speaker, words = (voice.group(1).strip(), joined) if voice else split_speaker(_MARKUP.sub("", joined))
        if clean_text(words) or speaker:
            rows.append(Row(start, end, clean_text(words), speaker))
    return [row for row in carry_speakers(rows) if row.text]


def _rolling(cues: list[tuple[float, float, list[str]]]) -> bool:
    """YouTube-style rolling captions: inline word timings, or most cues opening with the last cue's line."""
    if any(_INLINE_TIME.search(line) for _, _, body in cues[:50] for line in body):
        return True
    repeats = sum(
        1
        for (_, _, before), (_, _, after) in zip(cues, cues[1:])
        if before and after and clean_text(after[0]) and clean_text(after[0]) == clean_text(before[-1])
    )
    return len(cues) > 3 and repeats >= 0.3 * (len(cues) - 1)
