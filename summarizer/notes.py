"""Notes: what map and merge answers hold once checked against the transcript.

Pure logic. Model answers cite blocks by id; an id that does not exist in the chunk, a quote that is
not in the transcript, or advice with nothing in common with the block it cites is dropped here and
counted, so nothing invented reaches the document.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Collection, Iterable

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from .chunking import Block
from .grounding import Located, QuoteLocator
from .metadata import EpisodeMeta
from .segmenting import terms
from .timefmt import format_clock
from .tokens import count_tokens

DUPLICATE_SIMILARITY = 85.0
MAX_QUOTE_WORDS = 60
QUOTE_WORDS = 40
MIN_SECTION_SECONDS = 60.0
PASTED_SHARE = 0.5
PASTED_WORDS = 20
_NAME_FILLER = frozenset(
    {"the", "a", "an", "of", "and", "for", "to", "in", "on", "by", "website", "book", "course", "tool"}
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
        if n:
            self.counts[reason] += n


def first_sentences(text: str, words: int) -> str:
    """Whole sentences from the start of `text` until about `words` words: the first is kept
    whatever its length, so a text without sentence ends comes back whole."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join(kept).split()) + len(sentence.split()) > words:
            break
        kept.append(sentence)
    return " ".join(kept)


def content_words(text: str) -> set[str]:
    return set(terms(text))


def nearby_text(blocks: dict[int, Block], block: int) -> str:
    """The cited block with its neighbours: a speaker's point often straddles a block boundary."""
    return " ".join(blocks[b].text for b in (block - 1, block, block + 1) if b in blocks)


def shares_content(text: str, blocks: dict[int, Block], block: int) -> bool:
    """Whether `text` shares a content word with the block it cites (or a neighbour)."""
    return bool(content_words(text) & content_words(nearby_text(blocks, block)))


def copied_share(text: str, source: str, n: int = 4) -> float:
    """Share of the text's runs of `n` words that occur in `source`, ignoring case and punctuation."""
    words = default_process(text).split()
    runs = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
    if not runs:
        return 0.0
    said = default_process(source).split()
    return len(runs & {tuple(said[i : i + n]) for i in range(len(said) - n + 1)}) / len(runs)


def pasted(text: str, blocks: dict[int, Block], block: int) -> bool:
    """Whether advice is a stretch of the transcript pasted rather than a tip: a small model often
    hands back a whole paragraph of talk as "advice". A short tip in the speaker's phrase is fine."""
    return len(text.split()) > PASTED_WORDS and copied_share(text, nearby_text(blocks, block)) >= PASTED_SHARE


def answering_block(text: str, blocks: dict[int, Block], block: int) -> int:
    """The block whose speaker the advice belongs to: the block of the part holding a good share of
    its very words (the model cited another), else the reply when the model cited the question
    before it, if the reply shares the advice's words."""
    shares = {b: copied_share(text, blocks[b].text) for b in blocks}
    said_in = max(blocks, key=lambda b: (shares[b], b == block))
    if said_in != block and shares[said_in] >= PASTED_SHARE / 2:
        return said_in
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
    starts: Collection[int],
    locator: QuoteLocator,
    drops: Drops,
    meta: EpisodeMeta = EpisodeMeta(),
) -> Notes:
    """Keep what a map answer says that the chunk's blocks (`blocks`, by id) can back up; its
    sections are the chunk's topic `starts`, titled and summarised by the answer."""
    items = labelled(answer["sections"], sorted(starts), drops)
    sections = spans(items, set(blocks), max(blocks), drops, "section citing a block outside its chunk")

    advice = []
    candidates = list(answer["quotes"])
    for item in answer["advice"]:
        block = item["block"]
        if block not in blocks:
            drops.add("advice citing a block outside its chunk")
            continue
        if not shares_content(item["text"], blocks, block):
            drops.add("advice with nothing in common with its block")
            continue
        if "?" in item["text"]:
            drops.add("advice that asks a question")
            continue
        block = answering_block(item["text"], blocks, block)
        if pasted(item["text"], blocks, block):  # the speaker's own words: a quote, not a tip
            drops.add("advice pasted from the transcript (offered as a quote)")
            candidates.append({"block": block, "text": item["text"]})
            continue
        advice.append(Advice(item["text"].strip(), _speaker(item["speaker"], blocks[block], meta), block))

    quotes = []
    for item in candidates:
        text = item["text"]
        if len(text.split()) > MAX_QUOTE_WORDS:  # a passage pasted whole: keep its opening sentences,
            text = first_sentences(text, QUOTE_WORDS)  # or words where captions have no sentence ends
            if len(text.split()) > MAX_QUOTE_WORDS:
                text = " ".join(text.split()[:QUOTE_WORDS])
        located = locator.locate(text, item["block"] if item["block"] in blocks else None)
        if located is None:
            drops.add("quote not found in the transcript")
            continue
        if located.block not in blocks:  # the words are trusted, not the block id, but only as read
            drops.add("quote found outside its chunk")
            continue
        if located.text.rstrip().endswith("?"):
            drops.add("quote that is a question")
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


def labelled(items: list[dict[str, Any]], starts: list[int], drops: Drops) -> list[dict[str, Any]]:
    """The answer's sections put on the topic starts the model was given: by start block where it
    kept them, the others in order; a start left without a section joins the topic before it."""
    titled = [item for item in items if item["title"].strip()]
    by_start = {item["start_block"]: item for item in titled if item["start_block"] in starts}
    others = iter(item for item in titled if item["start_block"] not in by_start)
    result = []
    for start in starts:
        item = by_start.get(start) or next(others, None)
        if item is None:
            drops.add("topic start the answer gave no section")
            continue
        result.append({**item, "start_block": start})
    drops.add("section beyond the topic starts", sum(1 for _ in others))
    return result


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
    known, the model's name must be one of them; otherwise a name only the model gives is dropped."""
    if block.speaker:
        return block.speaker
    if meta.people:
        return meta.known_speaker(named)
    return None


def combine(parts: Iterable[Notes]) -> Notes:
    """Notes of consecutive parts as one, in order, without duplicates from overlapping chunks; a
    section runs until the next one starts, whichever part that is in."""
    parts = list(parts)
    first_by_start: dict[int, Section] = {}
    for section in (s for p in parts for s in p.sections):
        first_by_start.setdefault(section.start_block, section)
    ordered = sorted(first_by_start.values(), key=lambda s: s.start_block)
    ends = [s.start_block - 1 for s in ordered[1:]] + [max((s.end_block for s in ordered), default=0)]
    return Notes(
        sections=tuple(dataclasses.replace(s, end_block=end) for s, end in zip(ordered, ends)),
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
    what the previous one said: small models split one topic into several near-copies. The last
    section runs to the last block: parts after its start may have had no topic of their own."""
    sections = list(notes.sections)
    if sections:
        sections[-1] = dataclasses.replace(sections[-1], end_block=max(blocks))
    kept: list[Section] = []
    for section in sections:
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
