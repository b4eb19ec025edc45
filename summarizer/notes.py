"""Notes: what map and merge answers hold once checked against the transcript.

Pure logic. Model answers cite blocks by id; an id that does not exist in the chunk, a quote that is
not in the transcript, or advice with nothing in common with the block it cites is dropped here and
counted, so nothing invented reaches the document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Iterable

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from .chunking import Block
from .grounding import Located, QuoteLocator
from .metadata import EpisodeMeta
from .timefmt import format_clock
from .tokens import count_tokens

DUPLICATE_SIMILARITY = 85.0
MAX_QUOTE_WORDS = 60
MIN_SECTION_SECONDS = 60.0
_NAME_FILLER = frozenset(
    {"the", "a", "an", "of", "and", "for", "to", "in", "on", "by", "website", "book", "course", "tool"}
)
_STOPWORDS = frozenset(
    "about above after again also always because been before being between both could does doing down during "
    "each even every from further have having here into just know like made make many more most much must "
    "need never only other over really same should some something such than that their them then there these "
    "they thing things think this those through very want what when where which while will with would your "
    "youre yourself people going gonna actually maybe well yeah okay right kind sort".split()
)


@dataclass(frozen=True, slots=True)
class Section:
    start_block: int
    end_block: int
    title: str
    summary: str


@dataclass(frozen=True, slots=True)
class Advice:
    text: str
    speaker: str | None
    block: int


@dataclass(frozen=True, slots=True)
class Resource:
    name: str
    kind: str
    block: int


@dataclass(frozen=True)
class Notes:
    sections: tuple[Section, ...] = ()
    advice: tuple[Advice, ...] = ()
    quotes: tuple[Located, ...] = ()
    resources: tuple[Resource, ...] = ()


@dataclass
class Drops:
    """What was thrown away and why; reported after every run."""

    counts: Counter = field(default_factory=Counter)

    def add(self, reason: str, n: int = 1) -> None:
        self.counts[reason] += n


def content_words(text: str) -> set[str]:
    words = (re.sub(r"[^\w]", "", w.lower()) for w in text.split())
    return {w[:6] for w in words if len(w) >= 4 and w not in _STOPWORDS}


def nearby_text(blocks: dict[int, Block], block: int) -> str:
    """The cited block with its neighbours: a speaker's point often straddles a block boundary."""
    return " ".join(blocks[b].text for b in (block - 1, block, block + 1) if b in blocks)


def shares_content(text: str, blocks: dict[int, Block], block: int) -> bool:
    """Whether `text` shares a content word with the block it cites (or a neighbour)."""
    return bool(content_words(text) & content_words(nearby_text(blocks, block)))


def answering_block(text: str, blocks: dict[int, Block], block: int) -> int:
    """The block that answers, when a model cites the question before it: advice is given in the
    reply, so it is credited to whoever speaks next if they share the advice's words."""
    asked, following = blocks[block], blocks.get(block + 1)
    if (
        following is not None
        and asked.text.rstrip().endswith("?")
        and following.speaker != asked.speaker
        and content_words(text) & content_words(following.text)
    ):
        return block + 1
    return block


def named_in(name: str, text: str) -> bool:
    """Whether most words of a resource's name occur in the text: small models invent book titles."""
    words = {w for w in (re.sub(r"[^\w]", "", w.lower()) for w in name.split()) if w and w not in _NAME_FILLER}
    present = {re.sub(r"[^\w]", "", w.lower()) for w in text.split()}
    return bool(words) and len(words & present) * 2 >= len(words) + 1


def notes_from_map(
    answer: dict[str, Any],
    blocks: dict[int, Block],
    locator: QuoteLocator,
    drops: Drops,
    meta: EpisodeMeta = EpisodeMeta(),
) -> Notes:
    """Keep what a map answer says that the chunk's blocks (`blocks`, by id) can back up."""
    sections = spans(answer["sections"], set(blocks), max(blocks), drops, "section citing a block outside its chunk")

    advice = []
    for item in answer["advice"]:
        block = item["block"]
        if block not in blocks:
            drops.add("advice citing a block outside its chunk")
            continue
        if not shares_content(item["text"], blocks, block):
            drops.add("advice with nothing in common with its block")
            continue
        block = answering_block(item["text"], blocks, block)
        advice.append(Advice(item["text"].strip(), _speaker(item["speaker"], blocks[block], meta), block))

    quotes = []
    for item in answer["quotes"]:
        if item["block"] not in blocks:
            drops.add("quote citing a block outside its chunk")
            continue
        if len(item["text"].split()) > MAX_QUOTE_WORDS:
            drops.add(f"quote longer than {MAX_QUOTE_WORDS} words")
            continue
        located = locator.locate(item["text"], item["block"])
        if located is None:
            drops.add("quote not found in the transcript")
            continue
        quotes.append(located)

    resources = []
    for item in answer["resources"]:
        if item["block"] not in blocks or not item["name"].strip():
            drops.add("resource citing a block outside its chunk")
            continue
        if not named_in(item["name"], nearby_text(blocks, item["block"])):
            drops.add("resource not named in its block")
            continue
        resources.append(Resource(item["name"].strip(), item["kind"], item["block"]))
    return Notes(tuple(sections), tuple(advice), tuple(quotes), tuple(resources))


_NO_NAME = frozenset({"", "null", "none", "unknown", "speaker", "the speaker", "host", "guest", "n/a"})


def spans(items: list[dict[str, Any]], valid: set[int], last: int, drops: Drops, reason: str) -> list[Section]:
    """Sections from their start blocks: each runs to the block before the next one starts."""
    starts: dict[int, dict[str, Any]] = {}
    for item in items:
        if item["start_block"] not in valid or item["start_block"] > last or not item["title"].strip():
            drops.add(reason)
        else:
            starts.setdefault(item["start_block"], item)
    ordered = sorted(starts.items())
    return [
        Section(
            first,
            ordered[i + 1][0] - 1 if i + 1 < len(ordered) else last,
            item["title"].strip(),
            item["summary"].strip(),
        )
        for i, (first, item) in enumerate(ordered)
    ]


def _speaker(named: str | None, block: Block, meta: EpisodeMeta) -> str | None:
    """The transcript's speaker label wins over a name the model gave; when the guests and hosts are
    known, the model's name must be one of them; placeholders are no name."""
    if block.speaker:
        return block.speaker
    if meta.people:
        return meta.known_speaker(named)
    if named is None or named.strip().lower() in _NO_NAME or len(named.split()) > 4:
        return None
    return named.strip()


def combine(parts: Iterable[Notes]) -> Notes:
    """Notes of consecutive parts as one, in order, without duplicates from overlapping chunks."""
    parts = list(parts)
    first_by_start: dict[int, Section] = {}
    for section in (s for p in parts for s in p.sections):
        first_by_start.setdefault(section.start_block, section)
    sections = sorted(first_by_start.values(), key=lambda s: s.start_block)
    return Notes(
        sections=tuple(sections),
        advice=tuple(dedupe([a for p in parts for a in p.advice], key=lambda a: a.text)),
        quotes=tuple(dedupe([q for p in parts for q in p.quotes], key=lambda q: q.text)),
        resources=tuple(dedupe([r for p in parts for r in p.resources], key=lambda r: r.name.lower(), fuzzy=False)),
    )


def dedupe(items: list, key, fuzzy: bool = True) -> list:
    """First of each group of items whose keys are equal (or, with `fuzzy`, near-equal)."""
    kept: list = []
    for item in items:
        text = key(item)
        if any(
            text == key(k)
            or (fuzzy and fuzz.token_set_ratio(text, key(k), processor=default_process) >= DUPLICATE_SIMILARITY)
            for k in kept
        ):
            continue
        kept.append(item)
    return kept


def shortest_section(duration: float | None) -> float:
    """Seconds under which a section (or chapter) is a sliver no listener skips to: a minute, or an
    eighth of a short episode; 0 for untimed transcripts."""
    return min(MIN_SECTION_SECONDS, duration / 8) if duration else 0.0


def consolidate(notes: Notes, blocks: dict[int, Block], min_seconds: float = MIN_SECTION_SECONDS) -> Notes:
    """Fold into its predecessor each section that is shorter than `min_seconds` or says nearly
    what the previous one said: small models split one topic into several near-copies."""
    kept: list[Section] = []
    for section in notes.sections:
        if kept:
            previous = kept[-1]
            start, end = blocks[section.start_block].start, blocks[section.end_block].end
            short = start is not None and end is not None and end - start < min_seconds
            repeated = fuzz.token_sort_ratio(section.summary, previous.summary) >= DUPLICATE_SIMILARITY
            if short or repeated:
                kept[-1] = Section(previous.start_block, section.end_block, previous.title, previous.summary)
                continue
        kept.append(section)
    return Notes(tuple(kept), notes.advice, notes.quotes, notes.resources)


def render_notes(notes: Notes, blocks: dict[int, Block]) -> str:
    """Notes as compact numbered lines for a merge or reduce prompt (never the transcript itself)."""
    lines = ["Sections:"]
    for s in notes.sections:
        clock = format_clock(blocks[s.start_block].start)
        lines.append(f"- blocks {s.start_block}-{s.end_block} ({clock}) {s.title}: {s.summary}")
    lines.append("Advice:")
    lines += [f"{i}. {a.text}" + (f" ({a.speaker})" if a.speaker else "") for i, a in enumerate(notes.advice, 1)]
    lines.append("Quotes:")
    lines += [f'{i}. "{q.text}" ({format_clock(q.start)})' for i, q in enumerate(notes.quotes, 1)]
    return "\n".join(lines)


def pick(items: tuple, numbers: list[int], drops: Drops, what: str) -> list:
    """Items chosen by 1-based number, in the order chosen; unknown or repeated numbers are dropped."""
    chosen, seen = [], set()
    for n in numbers:
        if 1 <= n <= len(items) and n not in seen:
            seen.add(n)
            chosen.append(items[n - 1])
        else:
            drops.add(f"{what} chosen by an unknown number")
    return chosen


def notes_from_merge(answer: dict[str, Any], notes: Notes, blocks: dict[int, Block], drops: Drops) -> Notes:
    """A merge answer applied to the notes it was given: sections rewritten, the rest chosen."""
    low = min((s.start_block for s in notes.sections), default=0)
    high = max((s.end_block for s in notes.sections), default=-1)
    valid = {b for b in blocks if low <= b <= high}
    sections = spans(answer["sections"], valid, high, drops, "merged section citing a block outside its notes")
    return Notes(
        sections=tuple(sections or notes.sections),
        advice=tuple(pick(notes.advice, answer["advice"], drops, "advice")),
        quotes=tuple(pick(notes.quotes, answer["quotes"], drops, "quote")),
        resources=notes.resources,
    )


def group_parts(parts: list[Notes], by_id: dict[int, Block], room: int) -> list[list[Notes]]:
    """Consecutive groups that fit `room` where possible, never of one part (so each round shrinks)."""
    groups: list[list[Notes]] = []
    current: list[Notes] = []
    for part in parts:
        if len(current) >= 2 and count_tokens(render_notes(combine([*current, part]), by_id)) > room:
            groups.append(current)
            current = []
        current.append(part)
    if current:
        if len(current) == 1 and groups:
            groups[-1].append(current[0])
        else:
            groups.append(current)
    return groups


def trim(notes: Notes, by_id: dict[int, Block], room: int) -> Notes:
    """Drop the lowest-ranked advice and quotes, then shorten summaries, until the notes fit."""
    for _ in range(32):
        if count_tokens(render_notes(notes, by_id)) <= room:
            return notes
        if len(notes.quotes) > 2 or len(notes.advice) > 2:
            notes = Notes(
                notes.sections,
                notes.advice[: max(2, len(notes.advice) * 3 // 4)],
                notes.quotes[: max(2, len(notes.quotes) * 3 // 4)],
                notes.resources,
            )
        else:
            notes = Notes(tuple(_shorten(s) for s in notes.sections), notes.advice, notes.quotes, notes.resources)
    return notes


def _shorten(section: Section) -> Section:
    words = section.summary.split()
    return Section(
        section.start_block, section.end_block, section.title, " ".join(words[: max(8, len(words) * 2 // 3)])
    )
