"""Text layouts: caption lines, Otter, Rev, Descript, the YouTube transcript panel, Zoom, Whisper TSV, plain.

Each layout is told apart by the lines that carry its timestamps. Header lines (`Emma  0:00`), footers
(`Transcribed by https://otter.ai`) and chapter titles between panel lines are not speech.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError
from ..timefmt import parse_clock
from .common import Row, carry_speakers, clean_text, drop_headings, split_speaker, timed_rows

_TS = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_NAME = r"[^\s\d\[\](){}<>:][^\t\[\](){}<>]{0,60}?"

CAPTION_LINE = re.compile(rf"^\s*({_TS})\s+(\S.*)$")
STAMP_START = re.compile(r"^\s*\d{1,3}:\d")  # a line that means to start with a time, well formed or not
OTTER_HEADER = re.compile(
    rf"^([A-Z][\w.'’\-]*(?: [A-Za-z0-9][\w.'’\-]*){{0,3}}|[^\s\d][^\t]{{0,60}}?(?=\s{{2,}}|\t))\s+({_TS})\s*$"
)
REV_HEADER = re.compile(rf"^({_NAME})\s*\(({_TS})\)\s*:?\s*(.*)$")
DESCRIPT_LINE = re.compile(rf"^\s*\[({_TS})\]\s*(.*)$")
ZOOM_HEADER = re.compile(rf"^\[([^\]]{{1,60}})\]\s+({_TS})\s*$")
PANEL_STAMP = re.compile(rf"^\s*({_TS})\s*$")
TSV_LINE = re.compile(r"^\s*(\d+)\t(\d+)\t(.*)$")
_PANEL_DURATION = re.compile(r"^\d+ (?:seconds?|minutes?|hours?)(?:,? \d+ (?:seconds?|minutes?))*$", re.I)
_FOOTER = re.compile(r"^(?:transcribed by https?://otter\.ai|transcribed by otter\.ai)\s*$", re.I)
_STAMP_ANYWHERE = re.compile(rf"(?:^|[\[(\s])({_TS})(?:[\])\s]|$)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“])")


def _seconds(lineno: int, stamp: str) -> float:
    try:
        return parse_clock(stamp)
    except ValueError:
        raise InputError(f"line {lineno}: malformed timestamp {stamp!r}") from None


def _in_order(lineno: int, stamp: str, start: float, starts: list[float]) -> None:
    if starts and start < starts[-1]:
        raise InputError(f"line {lineno}: timestamps out of order ({stamp} comes after a later time)")


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.rstrip()) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]


def parse_captions(text: str) -> list[Row]:
    """`M:SS text` or `H:MM:SS Speaker: text` a line; a line without a time continues the one before."""
    starts: list[float] = []
    bodies: list[tuple[str | None, str]] = []
    for lineno, line in _lines(text):
        match = CAPTION_LINE.match(line)
        if not match:
            if STAMP_START.match(line):
                raise InputError(f"line {lineno}: malformed timestamp: {line.strip()[:40]!r}")
            if bodies:
                speaker, body = bodies[-1]
                bodies[-1] = (speaker, f"{body} {line.strip()}")
                continue
            raise InputError(f"line {lineno}: expected a timestamp (M:SS or H:MM:SS) at the start of the line")
        start = _seconds(lineno, match.group(1))
        _in_order(lineno, match.group(1), start, starts)
        starts.append(start)
        bodies.append(split_speaker(match.group(2).strip()))
    return drop_headings(timed_rows(starts, bodies))


def _headed(text: str, header: re.Pattern[str], *, inline_text: bool) -> list[Row]:
    """Layouts where a header line names the speaker and the time and the words follow it."""
    starts: list[float] = []
    bodies: list[tuple[str | None, str]] = []
    for lineno, line in _lines(text):
        if _FOOTER.match(line.strip()):
            continue
        match = header.match(line)
        if match:
            name, stamp = match.group(1).strip(), match.group(2)
            start = _seconds(lineno, stamp)
            _in_order(lineno, stamp, start, starts)
            starts.append(start)
            bodies.append((name, match.group(3) if inline_text and match.lastindex == 3 else ""))
        elif bodies:
            speaker, body = bodies[-1]
            bodies[-1] = (speaker, f"{body} {line.strip()}".strip())
        # words before the first header are a title or a preamble, not speech
    return timed_rows(starts, bodies)


def parse_otter(text: str) -> list[Row]:
    """Otter.ai and Microsoft Teams text: `Emma Li  0:03` a header, the words on the lines below."""
    return _headed(text, OTTER_HEADER, inline_text=False)


def parse_rev(text: str) -> list[Row]:
    """Rev: `Speaker 1 (00:00):` a header, the words on the same line or below."""
    return _headed(text, REV_HEADER, inline_text=True)


def parse_zoom(text: str) -> list[Row]:
    """Zoom's saved transcript: `[Emma Li] 14:03:22`, the words below; times from the first one."""
    rows = _headed(text, ZOOM_HEADER, inline_text=False)
    origin = rows[0].start if rows and rows[0].start else 0.0
    return [
        row._replace(start=row.start - origin, end=row.end - origin)
        for row in rows
        if row.start is not None and row.end is not None
    ]


def parse_descript(text: str) -> list[Row]:
    """Descript and similar: `[00:01:02] Name: text` (the name only where the speaker changes)."""
    starts: list[float] = []
    bodies: list[tuple[str | None, str]] = []
    for lineno, line in _lines(text):
        match = DESCRIPT_LINE.match(line)
        if match:
            start = _seconds(lineno, match.group(1))
            _in_order(lineno, match.group(1), start, starts)
            starts.append(start)
            bodies.append(split_speaker(match.group(2).strip()))
        elif bodies:
            speaker, body = bodies[-1]
            bodies[-1] = (speaker, f"{body} {line.strip()}".strip())
    return carry_speakers(timed_rows(starts, bodies))


def parse_youtube_panel(text: str) -> list[Row]:
    """Copied from YouTube's "Show transcript" panel: a time alone on a line, its words on the next.
    A second line before the next time is a chapter title the panel shows between segments."""
    starts: list[float] = []
    bodies: list[tuple[str | None, str]] = []
    pending: list[str] = []

    def flush() -> None:
        if bodies and pending:
            bodies[-1] = (None, pending[0])
        pending.clear()

    for lineno, line in _lines(text):
        stamp = PANEL_STAMP.match(line)
        if stamp:
            flush()
            start = _seconds(lineno, stamp.group(1))
            _in_order(lineno, stamp.group(1), start, starts)
            starts.append(start)
            bodies.append((None, ""))
        elif not _PANEL_DURATION.match(line.strip()):
            pending.append(line.strip())
    flush()
    return timed_rows(starts, bodies)


def parse_whisper_tsv(text: str) -> list[Row]:
    """Whisper's `.tsv`: a `start	end	text` header, then times in milliseconds."""
    rows: list[Row] = []
    previous = 0.0
    for lineno, line in _lines(text):
        match = TSV_LINE.match(line)
        if not match:
            if line.strip().lower().split("\t")[:2] == ["start", "end"]:
                continue
            raise InputError(f"line {lineno}: expected 'start<TAB>end<TAB>text' in milliseconds")
        start, end = int(match.group(1)) / 1000, int(match.group(2)) / 1000
        if end < start or start < previous:
            raise InputError(f"line {lineno}: times out of order ({match.group(1)} → {match.group(2)})")
        previous = start
        words = clean_text(match.group(3))
        if words:
            rows.append(Row(start, end, words))
    return rows


def parse_plain(text: str) -> list[Row]:
    rows: list[Row] = []
    for _, line in _lines(text):
        speaker, body = split_speaker(line.strip())
        body = clean_text(body)
        for sentence in _SENTENCE_END.split(body) if len(body) > 400 else [body]:
            if sentence:
                rows.append(Row(None, None, sentence, speaker))
    return carry_speakers(rows)


@dataclass(frozen=True)
class Layout:
    """How to recognise a text layout: the share of lines its pattern must match."""

    name: str
    pattern: re.Pattern[str]
    share: float
    hint: str


LAYOUTS = (
    Layout("whisper-tsv", TSV_LINE, 0.8, "'start<TAB>end<TAB>text' rows"),
    Layout("descript", DESCRIPT_LINE, 0.6, "'[00:01:02]' at the start of the line"),
    Layout("zoom", ZOOM_HEADER, 0.25, "'[Name] 14:03:22' header lines"),
    Layout("rev", REV_HEADER, 0.25, "'Name (00:00):' header lines"),
    Layout("otter", OTTER_HEADER, 0.25, "'Name  0:00' header lines"),
    Layout("youtube-panel", PANEL_STAMP, 0.3, "a time alone on its line"),
    Layout("captions", STAMP_START, 0.6, "'M:SS text' lines"),
)


def detect_text(text: str) -> str:
    """The text layout whose timestamp lines dominate; plain only where no timestamps stand out."""
    lines = [line for _, line in _lines(text)][:300]
    if not lines:
        return "plain"
    if lines[0].lower().split("\t")[:2] == ["start", "end"]:
        return "whisper-tsv"
    shares = {layout.name: sum(1 for line in lines if layout.pattern.match(line)) / len(lines) for layout in LAYOUTS}
    for layout in LAYOUTS:
        if shares[layout.name] >= layout.share and shares[layout.name] * len(lines) >= min(2, len(lines)):
            return layout.name
    stamped = [i for i, line in enumerate(lines) if _STAMP_ANYWHERE.search(line)]
    if len(stamped) >= 3 and len(stamped) >= 0.1 * len(lines):
        nearest = max(LAYOUTS, key=lambda layout: shares[layout.name])
        first = lines[stamped[0]]
        stamp = _STAMP_ANYWHERE.search(first)
        found = stamp.group(1) if stamp else first[:20]
        raise InputError(
            f"line {_line_number(text, first)}: looks like timestamped text ({found!r} in {first.strip()[:40]!r}) "
            f"but no known layout matched; the nearest is {nearest.name} ({nearest.hint}): try --format {nearest.name}"
        )
    return "plain"


def _line_number(text: str, line: str) -> int:
    for n, candidate in enumerate(text.split("\n"), start=1):
        if candidate.rstrip() == line:
            return n
    return 1


PARSERS: dict[str, Callable[[str], list[Row]]] = {
    "captions": parse_captions,
    "otter": parse_otter,
    "rev": parse_rev,
    "descript": parse_descript,
    "youtube-panel": parse_youtube_panel,
    "zoom": parse_zoom,
    "whisper-tsv": parse_whisper_tsv,
    "plain": parse_plain,
}
