"""Notes: what map and merge answers hold once checked (`answers`), and the pure helpers the
checks, the collapse and the document share: grounding tests, dedupe, trimming, rendering for prompts.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from .chunking import Block, sentences
from .grounding import Located
from .segmenting import terms
from .timefmt import format_clock
from .tokens import count_tokens

T = TypeVar("T")

DUPLICATE_SIMILARITY = 85.0
QUOTE_WORDS = 40
PASTED_SHARE = 0.5
PASTED_WORDS = 20
RESTATED_SHARE = 0.3
RESTATED_RUN = 3
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

    counts: Counter[str] = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)

    def add(self, reason: str, n: int = 1, detail: str | None = None) -> None:
        """Count `n` items thrown away for `reason`; `detail` says which, for the `-v` log."""
        if n:
            self.counts[reason] += n
            if detail:
                self.details.append(f"{reason}: {detail}")


def first_sentences(text: str, words: int) -> str:
    """Whole sentences from the start of `text` until about `words` words: the first is kept
    whatever its length, so a text without sentence ends comes back whole."""
    kept: list[str] = []
    for sentence in sentences(text):
        if kept and len(" ".join(kept).split()) + len(sentence.split()) > words:
            break
        kept.append(sentence)
    return " ".join(kept)


def content_words(text: str) -> set[str]:
    return set(terms(text))


def nearby_text(blocks: dict[int, Block], block: int) -> str:
    """The cited block with its neighbours: a speaker's point often straddles a block boundary."""
    return " ".join(blocks[b].text for b in (block - 1, block, block + 1) if b in blocks)


SHARED_WORDS = 2
"""Content words a tip of six or more shares with the passage it cites: one alone (`work` in `So you
mostly work with retail?`) ties an eight-word invented tip to any passage."""


def shares_content(text: str, blocks: dict[int, Block], block: int) -> bool:
    """Whether `text` shares content words with the block it cites or a neighbour: one in three of its
    own, and never fewer than one or more than `SHARED_WORDS` needed."""
    own = content_words(text)
    needed = min(SHARED_WORDS, max(1, math.ceil(len(own) / 3)))
    return bool(own) and len(own & content_words(nearby_text(blocks, block))) >= needed


GROUNDED_SHARE = 0.4
"""The share of a model's tip's content words its passage must say (compared by their first four
letters, so that `writing` says `write`): the tips that said less on the held-out documents read were
the model's own (`Start small units like blog posts …` beside a passage on waiting for book sales)."""


def stems(text: str) -> set[str]:
    """A text's content words by their first four letters, as a model's words are compared with what
    a passage says (`writing` says `write`)."""
    return {word[:4] for word in content_words(text)}


def grounded(text: str, passage: str) -> bool:
    """Whether the passage says enough of a tip's words for the tip to be what it says."""
    own, said = stems(text), stems(passage)
    return not own or len(own & said) >= GROUNDED_SHARE * len(own)


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


def restates(text: str, written: str, said: str) -> bool:
    """Whether a tip is the model's own summary of the talk turned into an order (`Be aware of the
    challenges companies face when hiring …`): it shares more of its phrases with what the model
    wrote than with what was said."""
    from_summary = copied_share(text, written, RESTATED_RUN)
    return from_summary >= RESTATED_SHARE and from_summary > copied_share(text, said, RESTATED_RUN)


PHRASE_RUN = 3
"""Words in a row an item and a block must share to count as the block's phrasing."""


def block_by_words(text: str, blocks: dict[int, Block]) -> int | None:
    """The block whose phrasing an item shares most (its runs of `PHRASE_RUN` words), then the most of
    its content words (and enough, by `shares_content`), for an item citing no block of its part: a
    small model cites the number of a quote mark (`«Q14»`) or of a block in another part as often as
    the one it read the words in. Phrasing first: a long block holds more of any item's common words
    (`work`, `data`) than the short one that says `what kind of work you want to do`."""
    shared = _shared_words(text, blocks)
    phrased = {b: copied_share(text, block.text, PHRASE_RUN) for b, block in blocks.items()}
    best = max(shared, key=lambda b: (phrased[b], shared[b], -b), default=None)
    return best if best is not None and shares_content(text, {best: blocks[best]}, best) else None


def _shared_words(text: str, blocks: dict[int, Block]) -> dict[int, int]:
    """How many of `text`'s content words each block says."""
    own = content_words(text)
    return {b: len(own & content_words(block.text)) for b, block in blocks.items()}


def answering_block(text: str, blocks: dict[int, Block], block: int, hosts: Collection[str] = ()) -> int:
    """The block whose speaker the advice belongs to: the block of the part holding a good share of
    its very words (the model cited another), else the reply when the model cited what led to it —
    a question, or anything a host (by label, in `hosts`) said — if the reply shares its words. Where
    that is still a host's block, the guest's block of the part sharing the most of its content words
    (at least `SHARED_WORDS`): a host summing up (`What you do is …`) repeats what the guest said."""
    chosen = _said_in(text, blocks, block, hosts)
    if blocks[chosen].speaker not in hosts:
        return chosen
    shared = _shared_words(text, {b: x for b, x in blocks.items() if x.speaker and x.speaker not in hosts})
    best = max(shared, key=lambda b: (shared[b], -abs(b - chosen)), default=None)
    return best if best is not None and shared[best] >= SHARED_WORDS else chosen


def _said_in(text: str, blocks: dict[int, Block], block: int, hosts: Collection[str]) -> int:
    shares = {b: copied_share(text, blocks[b].text) for b in blocks}
    said_in = max(blocks, key=lambda b: (shares[b], b == block))
    if said_in != block and shares[said_in] >= PASTED_SHARE / 2:
        return said_in
    asked, following = blocks[block], blocks.get(block + 1)
    if following is None or following.speaker == asked.speaker:
        return block
    leads = asked.text.rstrip().endswith("?") or (asked.speaker in hosts and following.speaker not in hosts)
    if leads and content_words(text) & content_words(following.text):
        return block + 1
    return block


def named_in(name: str, text: str) -> bool:
    """Whether most words of a resource's name occur in the text: small models invent book titles."""
    words = {w for w in (re.sub(r"[^\w]", "", w.lower()) for w in name.split()) if w and w not in _NAME_FILLER}
    present = {re.sub(r"[^\w]", "", w.lower()) for w in text.split()}
    return bool(words) and len(words & present) * 2 >= len(words) + 1


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


def dedupe(items: list[T], key: Callable[[T], str], fuzzy: bool = True) -> list[T]:
    """First of each group of items whose keys are equal (or, with `fuzzy`, near-equal)."""
    kept: list[T] = []
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


def render_notes(notes: Notes, blocks: dict[int, Block]) -> str:
    """Notes as compact numbered lines for a merge or reduce prompt (never the transcript itself).
    Sections with no summary (titled by their keywords, not by a reader) are left out: keywords read
    as topics would be copied into the episode's summary."""
    lines = ["Sections:"]
    for s in (s for s in notes.sections if s.summary):
        clock = format_clock(blocks[s.start_block].start)
        lines.append(f"- blocks {s.start_block}-{s.end_block} ({clock}) {s.title}: {s.summary}")
    lines.append("Advice:")
    lines += [f"{i}. {a.text}" + (f" ({a.speaker})" if a.speaker else "") for i, a in enumerate(notes.advice, 1)]
    lines.append("Quotes:")
    lines += [f'{i}. "{q.text}" ({format_clock(q.start)})' for i, q in enumerate(notes.quotes, 1)]
    return "\n".join(lines)


def pick(items: tuple[T, ...], numbers: list[int], drops: Drops, what: str) -> list[T]:
    """Items chosen by 1-based number, in the order chosen; unknown or repeated numbers are dropped."""
    chosen, seen = [], set()
    for n in numbers:
        if 1 <= n <= len(items) and n not in seen:
            seen.add(n)
            chosen.append(items[n - 1])
        else:
            drops.add(f"{what} chosen by an unknown number")
    return chosen


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


SHOW_ITSELF: dict[str, str] = {
    "en": r"upcoming events?|subscrib(?:e|ing) to (?:our|the|this)(?: \w+)? channel|live chat",
    "es": r"próximos eventos|suscr[ií]b(?:e|ete|irse) al canal|chat en vivo",
    "de": r"kommende(?:n)? (?:events|veranstaltungen)|(?:den )?kanal abonnieren|live-chat",
}
"""What a show says of itself (`announces upcoming events`, `subscribe to our YouTube channel`), by the
notes' language: a paragraph or chapter summary about the episode says it only where it says nothing else."""
LEANING: dict[str, tuple[str, ...]] = {
    "en": ("he", "she", "they", "it", "this"),
    "es": ("él", "ella", "ellos", "ellas", "esto"),
    "de": ("er", "sie", "es", "das", "dies"),
}
"""Words a sentence opens on that lean on the one before (`He updates the description …`), by language."""


def without_the_show(said: list[str], language: str) -> list[str]:
    """A paragraph's (or a chapter summary's) sentences without those about the show itself, nor one
    leaning on a sentence that went (`Alexey welcomes the guest and announces upcoming events. He
    updates the description with over 50K subscribers.`)."""
    words, leaning = SHOW_ITSELF.get(language), LEANING.get(language, ())
    if words is None:
        return said
    kept, dropped = [], False
    for sentence in said:
        first = sentence.split(maxsplit=1)[:1]
        leans = dropped and bool(first) and first[0].lower() in leaning
        dropped = re.search(rf"\b(?:{words})\b", sentence, re.I) is not None or leans
        if not dropped:
            kept.append(sentence)
    return kept
