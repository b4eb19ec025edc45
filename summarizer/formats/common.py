"""What every reader shares: the row type, text cleaning, speaker prefixes, turns from words."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..errors import InputError


class Row(NamedTuple):
    """One utterance as a reader found it; `speaker` None means "not said here"."""

    start: float | None
    end: float | None
    text: str
    speaker: str | None = None


class Word(NamedTuple):
    start: float
    end: float
    text: str
    speaker: str | None = None


_TAG = re.compile(r"\[(?:[A-Za-z][A-Za-z ]{0,30})\]|\((?:music|applause|laughter|laughs|chuckles|inaudible)\)", re.I)
SOUNDS = frozenset(
    "music applause laughter laughs laughing chuckles chuckling inaudible crosstalk silence noise cheering "
    "foreign sound background music intro music outro music".split()
)
"""Bracketed words that are sounds, not speakers (`[Music]`, `[Laughter]`)."""
_MARKUP = re.compile(r"<[^>]*>")
_NAME = r"[A-Z][\w.'’\-]*(?: [A-Z0-9][\w.'’\-]*){0,3}"
_SPEAKER_COLON = re.compile(rf"^(?:>>\s*)?({_NAME}):\s+(.*)$")
_SPEAKER_BRACKET = re.compile(rf"^\[({_NAME})\]:?\s+(.*)$")
_CHEVRON = re.compile(r"^>>\s*(.*)$")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.!?;:%)\]}])")
CHANGE = "\x00change"
"""Marker speaker: the text says the speaker changed (`>>`) but not to whom."""


def clean_text(text: str) -> str:
    """Drop `[Music]`-style tags and markup, decode HTML entities, fold white space; punctuation a
    dropped tag stood before stays with the word before it (`… just that [income].` → `… just that.`)."""
    folded = " ".join(html.unescape(_MARKUP.sub(" ", _TAG.sub(" ", text))).split())
    return _SPACE_BEFORE_PUNCT.sub(r"\1", folded)


def join_words(pieces: Iterable[str]) -> str:
    """Words written one by one (word-level JSON, TTML spans) as text, punctuation held to its word."""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(piece.strip() for piece in pieces if piece.strip()))


def split_speaker(text: str) -> tuple[str | None, str]:
    """`Name: text`, `[Name] text` and `>> Name: text` name the speaker; a bare `>>` says it changed.
    Give it the text before `clean_text`, which takes `[Name]` for a sound tag."""
    text = text.strip()
    colon = _SPEAKER_COLON.match(text)
    if colon:
        return colon.group(1), colon.group(2)
    bracket = _SPEAKER_BRACKET.match(text)
    if bracket and bracket.group(1).lower() not in SOUNDS:
        return bracket.group(1), bracket.group(2)
    chevron = _CHEVRON.match(text)
    if chevron:
        return CHANGE, chevron.group(1)
    return None, text


def carry_speakers(rows: Sequence[Row]) -> list[Row]:
    """Formats that name a speaker only when the turn changes: the name holds until the next one."""
    current: str | None = None
    carried: list[Row] = []
    for row in rows:
        if row.speaker is not None:
            current = None if row.speaker == CHANGE else row.speaker
        carried.append(row._replace(speaker=current))
    return carried


def drop_headings(rows: Sequence[Row]) -> list[Row]:
    """Chapter headings typed between labelled lines are not speech: where nearly every line names its
    speaker, a short line that names nobody (or a name used only once, `Tools: what to buy`) and does
    not end a sentence is a heading."""
    labelled = [row for row in rows if row.speaker]
    if len(labelled) < 0.8 * len(rows):
        return list(rows)
    counts = Counter(row.speaker for row in labelled)

    def heading(row: Row) -> bool:
        if len(row.text.split()) > 12 or row.text.rstrip().endswith((".", "?", "!", "…", '"', "”")):
            return False
        return row.speaker is None or (counts[row.speaker] == 1 and max(counts.values()) >= 3)

    return [row for row in rows if not heading(row)]


def ends_from_starts(starts: Sequence[float], texts: Sequence[str]) -> list[float]:
    """A line lasts until the next later start; the last ones by their length (~2.5 words/s)."""
    ends = [0.0] * len(starts)
    next_later: float | None = None
    for i in range(len(starts) - 1, -1, -1):
        if i + 1 < len(starts) and starts[i + 1] > starts[i]:
            next_later = starts[i + 1]
        ends[i] = next_later if next_later is not None else starts[i] + max(1.0, len(texts[i].split()) / 2.5)
    return ends


def timed_rows(starts: Sequence[float], bodies: Sequence[tuple[str | None, str]]) -> list[Row]:
    """Rows from start times and (speaker, text) pairs whose ends are not written down."""
    cleaned = [clean_text(body) for _, body in bodies]
    ends = ends_from_starts(starts, cleaned)
    return [
        Row(start, end, body, speaker) for start, end, body, (speaker, _) in zip(starts, ends, cleaned, bodies) if body
    ]


PAUSE = 1.5
"""Seconds of silence between two words that end an utterance."""
TURN_WORDS = 80
"""An uninterrupted speaker's words are cut at the first sentence end past this many."""


def turns(words: Sequence[Word]) -> list[Row]:
    """Word-level output as utterances: a new one at each change of speaker, pause, or long run's sentence end."""
    rows: list[Row] = []
    current: list[Word] = []

    def close() -> None:
        if current:
            text = join_words(w.text for w in current)
            if text:
                rows.append(Row(current[0].start, current[-1].end, text, current[0].speaker))
            current.clear()

    for word in words:
        if current and (
            word.speaker != current[-1].speaker
            or word.start - current[-1].end >= PAUSE
            or (len(current) >= TURN_WORDS and current[-1].text.rstrip().endswith((".", "?", "!")))
        ):
            close()
        current.append(word)
    close()
    return rows


def ordered(rows: Sequence[Row], unit: str = "segment") -> list[Row]:
    """Rows checked for times a person can trust: each ends after it starts, none starts before the last."""
    previous = 0.0
    for i, row in enumerate(rows):
        if row.start is None or row.end is None:
            continue
        if row.end < row.start or row.start < previous:
            raise InputError(f"{unit} {i}: times out of order ({row.start:g} → {row.end:g})")
        previous = row.start
    return list(rows)
