"""Segments → blocks with compact ids → chunks under a token budget.

A block is a few consecutive segments shown to the model under one marker (`[12 3:45]`), so a
timestamp is paid for once per block instead of once per caption line, and the model can cite
sections, advice and quotes by block id. Chunks are cut only between blocks, preferring topic
starts (see `segmenting`), pauses and speaker changes, and are deterministic for a given transcript and budget.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .timefmt import format_clock
from .tokens import count_tokens
from .transcript import Segment, Transcript

BLOCK_TARGET_TOKENS = 60
BLOCK_MAX_TOKENS = 110
PAUSE_SECONDS = 1.5
MAX_STARTS = 8  # topic starts one chunk may hold: the map schema's limit on sections
SEQUENTIAL_STARTS = 5
"""Topic starts one chunk may hold when chunks are answered one at a time (the embedded model): given
six or more, the small model copied the section before or skipped a start for a quarter of them."""
PARALLEL_STARTS = 3
"""Topic starts one chunk may hold when chunks are answered side by side: the slowest answer is the
run's critical path, and each start costs a title and a sentence to write."""

Marks = Mapping[int, tuple[int, str]]
"""Text put into a block's line for the model to cite: block id → (offset in its text, mark)."""
QUOTE_MARK = "«Q{}»"
MARKED = re.compile(r"\s*«Q\d+»")
"""How a quote candidate is marked for the model (`«Q12»`), and how to find the mark again."""


@dataclass(frozen=True, slots=True)
class Block:
    id: int
    segments: tuple[Segment, ...]
    tokens: int

    @property
    def start(self) -> float | None:
        return self.segments[0].start

    @property
    def end(self) -> float | None:
        return self.segments[-1].end

    @property
    def speaker(self) -> str | None:
        return self.segments[0].speaker

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    def render(self, names: Mapping[str, str] | None = None, mark: tuple[int, str] | None = None) -> str:
        """The line the model reads: `[id clock] Speaker: text`, the speaker shown by `names` (the
        cast's `Guest (Tom Okafor)`) where it has one, and `mark` (offset, `«Q3»`) put into the text."""
        marker = f"[{self.id} {format_clock(self.start)}]" if self.start is not None else f"[{self.id}]"
        speaker = (names or {}).get(self.speaker, self.speaker) if self.speaker else None
        who = f" {speaker}:" if speaker else ""
        text = self.text
        if mark is not None:
            text = f"{text[: mark[0]]}{mark[1]} {text[mark[0] :]}"
        return f"{marker}{who} {text}"


@dataclass(frozen=True, slots=True)
class Chunk:
    index: int
    blocks: tuple[Block, ...]
    starts: frozenset[int] = frozenset()  # blocks where a topic starts, each in one chunk only

    @property
    def first_id(self) -> int:
        return self.blocks[0].id

    @property
    def last_id(self) -> int:
        return self.blocks[-1].id

    def render(self, names: Mapping[str, str] | None = None, marks: Marks | None = None) -> str:
        return "\n".join(block.render(names, (marks or {}).get(block.id)) for block in self.blocks)

    @property
    def span(self) -> str:
        """`12:05–27:40, 16 minutes` for timed transcripts, else `about 3,100 tokens`."""
        start, end = self.blocks[0].start, self.blocks[-1].end
        if start is None or end is None:
            return f"about {sum(b.tokens for b in self.blocks):,} tokens"
        return f"{format_clock(start)}–{format_clock(end)}, {max(1, round((end - start) / 60))} minutes"

    def topics(self) -> str:
        """The topic starts in this part for the map prompt: `63 (30:17), 70 (33:40) and 77 (37:10)`."""
        named = [
            f"{b.id} ({format_clock(b.start)})" if b.start is not None else str(b.id)
            for b in self.blocks
            if b.id in self.starts
        ]
        return listed(named) if named else "none: the whole part continues the topic before it"


def listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`: how a prompt lists block ids or numbers; empty for none."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def build_blocks(transcript: Transcript) -> list[Block]:
    """Group segments into blocks: a new block on a speaker change, at a pause once the block has
    reached its target size, or before the block would grow past its maximum."""
    blocks: list[Block] = []
    current: list[Segment] = []
    tokens = 0

    def close() -> None:
        nonlocal current, tokens
        if current:
            blocks.append(Block(id=len(blocks) + 1, segments=tuple(current), tokens=tokens))
        current, tokens = [], 0

    for segment in transcript.segments:
        cost = count_tokens(segment.text) + 1
        if current:
            previous = current[-1]
            speaker_change = segment.speaker != previous.speaker
            pause = (
                segment.start is not None and previous.end is not None and segment.start - previous.end >= PAUSE_SECONDS
            )
            natural_break = pause or _ends_sentence(previous.text)
            if speaker_change or tokens + cost > BLOCK_MAX_TOKENS or (tokens >= BLOCK_TARGET_TOKENS and natural_break):
                close()
        current.append(segment)
        tokens += cost
    close()
    return blocks


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!"))


def chunk_blocks(
    blocks: list[Block],
    budget: int,
    overlap: int = 1,
    starts: Iterable[int] = (),
    names: Mapping[str, str] | None = None,
    marks: Marks | None = None,
    max_starts: int = MAX_STARTS,
) -> list[Chunk]:
    """Pack blocks into chunks of at most `budget` tokens of rendered transcript.

    The cut goes before the last topic start (`starts`) after the chunk's first block, else near its
    end where the next block starts after the longest pause or with a new speaker. The next chunk
    repeats the last `overlap` blocks for context, except after a cut before a topic start: a new
    topic needs nothing of the old one, and a small model wrote its first section about the repeated
    block, putting every title of the part one topic behind. A chunk holds at most `max_starts` topic
    starts, and a start belongs to the last chunk holding it. A single block larger than the budget
    still gets a chunk of its own (segments are never cut).
    """
    starts = set(starts)
    costs = [count_tokens(block.render(names, (marks or {}).get(block.id))) + 1 for block in blocks]
    chunks: list[Chunk] = []
    start = 0
    while start < len(blocks):
        end, used = start, 0
        held = 0
        while end < len(blocks) and (end == start or used + costs[end] <= budget):
            held += blocks[end].id in starts
            if held > max_starts and end > start + overlap:
                break
            used += costs[end]
            end += 1
        if end < len(blocks):
            end = _best_cut(blocks, costs, start, end, budget, starts)
        chunks.append(Chunk(index=len(chunks), blocks=tuple(blocks[start:end])))
        if end >= len(blocks):
            break
        start = end if blocks[end].id in starts else max(end - overlap, start + 1)
    owner = {b.id: chunk.index for chunk in chunks for b in chunk.blocks}
    return [
        Chunk(c.index, c.blocks, frozenset(b.id for b in c.blocks if b.id in starts and owner[b.id] == c.index))
        for c in chunks
    ]


def _best_cut(blocks: list[Block], costs: list[int], start: int, end: int, budget: int, starts: set[int]) -> int:
    """Choose the cut before the last topic start after the part's first block, up to the block that
    did not fit (`end`), so the next part opens on its topic (a small model writes its first section
    about whatever the part opens with); without one, at the longest pause or a new speaker in the last
    fifth of the budget; latest wins ties."""
    for cut in range(end, start, -1):
        if blocks[cut].id in starts:
            return cut
    best, best_score = end, -1.0
    tail = 0
    for cut in range(end - 1, start, -1):
        tail += costs[cut]
        if tail > budget // 5:
            break
        before, after = blocks[cut - 1], blocks[cut]
        gap = (after.start - before.end) if after.start is not None and before.end is not None else 0.0
        score = max(gap, 0.0) + (2.0 if after.speaker != before.speaker else 0.0) + (1.0 if "?" in after.text else 0.0)
        if score > best_score:
            best, best_score = cut, score
    return best


def words_by_speaker(blocks: Mapping[int, Block], first: int, last: int) -> Counter[str]:
    """Words each speaker label says in blocks `first` to `last`: who holds the floor there."""
    words: Counter[str] = Counter()
    for block_id in range(first, last + 1):
        block = blocks.get(block_id)
        if block is not None and block.speaker:
            words[block.speaker] += len(block.text.split())
    return words


PUNCTUATED_SHARE = 0.02
"""Share of words ending a sentence below which a transcript has no sentences (raw captions)."""


def punctuated(blocks: list[Block]) -> bool:
    """Whether the words mark sentence ends (edited text), unlike raw captions: quotes are whole
    sentences there, caption lines elsewhere."""
    words = [w for b in blocks for w in b.text.split()]
    return sum(w.endswith((".", "!", "?")) for w in words) >= PUNCTUATED_SHARE * max(len(words), 1)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[¿¡\"“«‘(]*[A-ZÀ-ÖØ-Þ])")


def sentences(text: str) -> list[str]:
    """Text split after each `.`, `!` or `?` that a space and a capital follow (not `vs. formal`):
    where written or punctuated speech ends a sentence; the one splitter of tips, resources, notes and
    summaries."""
    return _SENTENCE_BREAK.split(text.strip())


def transcript_tokens(blocks: list[Block]) -> int:
    return sum(block.tokens for block in blocks)
