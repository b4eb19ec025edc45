"""Quotes back to exact transcript spans.

A model retypes quotes and drifts: it fixes grammar, drops fillers, changes case. A quote is
published only when it can be located in the transcript, and then in the transcript's own words,
with the real start time and speaker of the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .chunking import Block, punctuated
from .transcript import Transcript

FILLERS = frozenset({"um", "uh", "uhm", "umm", "er", "erm", "ah", "hmm", "mm", "mhm"})
FUZZY_THRESHOLD = 90.0
MIN_QUOTE_WORDS = 6
MAX_QUOTE_WORDS = 60
REACH_WORDS = 25  # how far a quote may grow to finish its sentence
LINE_REACH = 8  # how far a quote in raw captions may grow to finish its caption line
_ENDS = (".", "?", "!", "…", '."', ".”", "?”", "!”")
_ENCLOSING = "\"“”'‘’"
_WORD = re.compile(r"\S+")
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Located:
    """A quote as the transcript has it."""

    text: str
    start: float | None
    end: float | None
    speaker: str | None
    block: int


def one_passage(block: int, start: float | None, other: int, other_start: float | None) -> bool:
    """Whether two items come from one passage: one block, or blocks of one time (an edited transcript's
    lines without a time of their own keep the time of the line before)."""
    return block == other or (start is not None and start == other_start)


def same_passage(a: Located, b: Located) -> bool:
    """Whether two quotes come from one passage (`one_passage`)."""
    return one_passage(a.block, a.start, b.block, b.start)


@dataclass(frozen=True, slots=True)
class _Word:
    norm: str
    segment: int
    begin: int  # character offsets inside the segment's text
    finish: int


def normalize(text: str) -> list[str]:
    """Lower-case words without punctuation or fillers: what two renderings of a quote share."""
    words = (_NON_WORD.sub("", w.lower()) for w in text.split())
    return [w for w in words if w and w not in FILLERS]


class QuoteLocator:
    """Finds quotes in one transcript; built once, used for every quote of a run."""

    def __init__(self, transcript: Transcript, blocks: list[Block]) -> None:
        self._transcript = transcript
        self._words: list[_Word] = []
        self._block_first_word: dict[int, int] = {}
        self._segment_block: dict[int, int] = {}
        for block in blocks:
            self._block_first_word[block.id] = len(self._words)
            for segment in block.segments:
                self._segment_block[segment.index] = block.id
                for match in _WORD.finditer(segment.text):
                    norm = _NON_WORD.sub("", match.group().lower())
                    if norm and norm not in FILLERS:
                        self._words.append(_Word(norm, segment.index, match.start(), match.end()))
        self._block_first_word[len(blocks) + 1] = len(self._words)
        self._joined, self._offsets = self._join(0, len(self._words))
        self._punctuated = punctuated(blocks)

    def _join(self, first: int, last: int) -> tuple[str, list[int]]:
        """Normalised words first..last-1 as one string, with each word's character offset."""
        offsets, position = [], 0
        for word in self._words[first:last]:
            offsets.append(position)
            position += len(word.norm) + 1
        return " ".join(w.norm for w in self._words[first:last]), offsets

    def locate(self, quote: str, block: int | None = None) -> Located | None:
        """The transcript span for `quote`, searched near its cited block first; None if absent."""
        wanted = normalize(quote)
        if len(wanted) < MIN_QUOTE_WORDS:
            return None
        needle = " ".join(wanted)
        windows = []
        if block is not None and block in self._block_first_word:
            first = self._block_first_word.get(block - 2, self._block_first_word[max(1, block - 1)])
            last = self._block_first_word.get(block + 3, len(self._words))
            windows.append((first, last))
        windows.append((0, len(self._words)))
        for first, last in windows:
            span = self._exact(needle, first, last) or self._fuzzy(needle, first, last)
            if span:
                return self._materialise(*self._whole_sentences(*self._trim(*span)))
        return None

    def _whole_lines(self, first: int, last: int) -> tuple[int, int]:
        """Start where the first word's caption line starts and stop where the last word's line ends,
        when that edge is at most `LINE_REACH` words away: a caption line is the one boundary raw
        captions carry. A long segment (a paragraph) is no caption line: its inside is left as found."""
        words, start, stop = self._words, first, last
        while start > 0 and words[start - 1].segment == words[first].segment and first - start < LINE_REACH:
            start -= 1
        if start > 0 and words[start - 1].segment == words[first].segment:
            start = first
        while stop + 1 < len(words) and words[stop + 1].segment == words[last].segment and stop - last < LINE_REACH:
            stop += 1
        if stop + 1 < len(words) and words[stop + 1].segment == words[last].segment:
            stop = last
        return (start, stop) if stop - start + 1 <= MAX_QUOTE_WORDS else (first, last)

    @property
    def punctuated(self) -> bool:
        """Whether the transcript marks sentence ends (edited text), unlike raw captions."""
        return self._punctuated

    def _ends(self, i: int) -> bool:
        word = self._words[i]
        return self._transcript.segments[word.segment].text[word.begin : word.finish].endswith(_ENDS)

    def _whole_sentences(self, first: int, last: int) -> tuple[int, int]:
        """A quote that starts or stops inside a sentence grows to the sentence's edge where that
        keeps it short, else is cut back to the sentences it holds whole: never a fragment (`is the
        main …` without its subject). Captions without punctuation have no sentences: there the quote
        grows to the edges of its caption lines instead."""
        if not self._punctuated:
            return self._whole_lines(first, last)
        speaker = self._transcript.segments[self._words[first].segment].speaker

        def same(i: int) -> bool:
            return self._transcript.segments[self._words[i].segment].speaker == speaker

        start = first
        while start > 0 and not self._ends(start - 1) and first - start < REACH_WORDS and same(start - 1):
            start -= 1
        if start > 0 and not self._ends(start - 1):  # no sentence start in reach: begin at the next one
            start = next((i + 1 for i in range(first, last) if self._ends(i)), first)
        stop = last
        while not self._ends(stop) and stop + 1 < len(self._words) and stop - last < REACH_WORDS and same(stop + 1):
            stop += 1
        if not self._ends(stop) or stop - start + 1 > MAX_QUOTE_WORDS:
            stop = next(
                (i for i in range(min(last, start + MAX_QUOTE_WORDS - 1), start - 1, -1) if self._ends(i)), last
            )
        if stop - start + 1 < MIN_QUOTE_WORDS:
            return first, last
        return start, stop

    def _trim(self, first_word: int, last_word: int) -> tuple[int, int]:
        """Drop a leading word that ends the previous sentence (`on. Thanks for …`)."""
        head = self._words[first_word]
        text = self._transcript.segments[head.segment].text[head.begin : head.finish]
        if text.endswith((".", "?", "!")) and last_word - first_word >= MIN_QUOTE_WORDS:
            return first_word + 1, last_word
        return first_word, last_word

    def _window(self, first: int, last: int) -> tuple[str, list[int]]:
        if (first, last) == (0, len(self._words)):
            return self._joined, self._offsets
        return self._join(first, last)

    def _exact(self, needle: str, first: int, last: int) -> tuple[int, int] | None:
        haystack, offsets = self._window(first, last)
        at = f" {haystack} ".find(f" {needle} ")
        if at < 0:
            return None
        start = first + _index_at(offsets, at)
        return start, start + needle.count(" ")

    def _fuzzy(self, needle: str, first: int, last: int) -> tuple[int, int] | None:
        haystack, offsets = self._window(first, last)
        alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=FUZZY_THRESHOLD)
        if alignment is None:
            return None
        start = first + _index_at(offsets, alignment.dest_start)
        end = first + _index_at(offsets, max(alignment.dest_end - 1, alignment.dest_start))
        return self._refine(needle, start, end, first, last)

    def _refine(self, needle: str, start: int, end: int, first: int, last: int) -> tuple[int, int]:
        """Move both ends of a fuzzy match a few words either way to the span most like the quote."""

        def score(span: tuple[int, int]) -> float:
            return fuzz.ratio(needle, " ".join(w.norm for w in self._words[span[0] : span[1] + 1]))

        spans = [
            (a, b)
            for a in range(max(first, start - 3), min(start + 4, end + 1))
            for b in range(max(a, end - 3), min(last, end + 4))
        ]
        return max(spans, key=lambda span: (score(span), -span[0]), default=(start, end))

    def _materialise(self, first_word: int, last_word: int) -> Located:
        segments = self._transcript.segments
        head, tail = self._words[first_word], self._words[last_word]
        if head.segment == tail.segment:
            text = segments[head.segment].text[head.begin : tail.finish]
        else:
            pieces = [segments[head.segment].text[head.begin :]]
            pieces += [segments[i].text for i in range(head.segment + 1, tail.segment)]
            pieces.append(segments[tail.segment].text[: tail.finish])
            text = " ".join(pieces)
        return Located(
            text=_unquoted(text),
            start=segments[head.segment].start,
            end=segments[tail.segment].end,
            speaker=segments[head.segment].speaker,
            block=self._segment_block[head.segment],
        )


def _unquoted(text: str) -> str:
    """A quote without the quotation marks the transcript put around it (the renderer adds its own);
    what is left is still the transcript's exact words."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in _ENCLOSING and stripped[-1] in _ENCLOSING:
        return stripped[1:-1].strip()
    return stripped


def _index_at(offsets: list[int], position: int) -> int:
    """Index of the word whose text covers character `position`."""
    low, high = 0, len(offsets) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if offsets[mid] <= position:
            low = mid
        else:
            high = mid - 1
    return low
