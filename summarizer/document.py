"""The episode document: the reduce answer and the notes turned into the published JSON.

Pure logic. Chapters are rebuilt from the blocks they start at, so they always cover the whole
episode in order with the first at 0:00, whatever the model wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .chunking import Block
from rapidfuzz import fuzz

from .notes import Drops, Notes, Section, dedupe, pick
from .transcript import Transcript, slugify

SCHEMA_VERSION = "1.0"
FALLBACK_ADVICE = 5
MAX_QUOTES = 6
MAX_CHAPTER_SECONDS = 480.0
MIN_CHAPTER_SECONDS = 60.0
CHAPTER_SUMMARY_SECTIONS = 2
SNAP_MARGIN = 20.0


@dataclass(frozen=True)
class EpisodeMeta:
    """What the user tells us about the episode (flags or sidecar), carried into the document."""

    slug: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    guests: tuple[str, ...] = field(default_factory=tuple)
    hosts: tuple[str, ...] = field(default_factory=tuple)

    def slug_for(self, source: str) -> str:
        return slugify(self.slug or Path(source).stem)


def build_document(
    answer: dict[str, Any],
    notes: Notes,
    transcript: Transcript,
    blocks: list[Block],
    meta: EpisodeMeta,
    generator: dict[str, str],
    drops: Drops,
) -> dict[str, Any]:
    by_id = {b.id: b for b in blocks}
    return {
        "schema_version": SCHEMA_VERSION,
        "episode": {
            "slug": meta.slug_for(transcript.source),
            "source": transcript.source,
            "format": transcript.format,
            "duration": transcript.duration,
            "speakers": transcript.speakers,
            "title": meta.title,
            "url": meta.url,
            "date": meta.date,
            "guests": list(meta.guests),
            "hosts": list(meta.hosts),
        },
        "title": answer["title"].strip() or meta.title or "Untitled episode",
        "tagline": answer["tagline"].strip() or answer["title"].strip(),
        "summary": answer["summary"].strip() or answer["tagline"].strip(),
        "chapters": chapters(answer["chapters"], notes, transcript, blocks, drops),
        "advice": [
            {"text": a.text, "speaker": a.speaker, "start": by_id[a.block].start, "block": a.block}
            for a in dedupe(
                pick(notes.advice, answer["advice"], drops, "advice") or list(notes.advice[:FALLBACK_ADVICE]),
                key=lambda a: a.text,
            )
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end, "block": q.block}
            for q in dedupe(pick(notes.quotes, answer["quotes"], drops, "quote"), key=lambda q: q.text)[:MAX_QUOTES]
        ],
        "resources": [{"name": r.name, "kind": r.kind, "start": by_id[r.block].start} for r in notes.resources],
        "generator": {"name": "summarizer", "version": __version__, **generator},
    }


def chapters(
    proposed: list[dict[str, Any]], notes: Notes, transcript: Transcript, blocks: list[Block], drops: Drops
) -> list[dict[str, Any]]:
    """Chapters covering block 1 to the last block, in order, each ending where the next starts."""
    ids = {b.id for b in blocks}
    starts: dict[int, dict[str, Any]] = {}
    for chapter in proposed:
        if chapter["start_block"] not in ids or not chapter["title"].strip():
            drops.add("chapter starting at an unknown block")
            continue
        start = snap(chapter["start_block"], chapter["title"], notes)
        if start != chapter["start_block"]:
            drops.add("chapter start moved to the section its title names")
        starts.setdefault(start, chapter)
    if not starts:
        starts = {s.start_block: {"title": s.title} for s in notes.sections}
    if not starts:
        starts = {blocks[0].id: {"title": "Full episode"}}
    by_id = {b.id: b for b in blocks}
    ordered = spread(sorted(starts.items()), notes, by_id, transcript)
    ordered[0] = (blocks[0].id, ordered[0][1])
    ordered = drop_slivers(ordered, by_id, transcript, drops)
    result = []
    for i, (first, chapter) in enumerate(ordered):
        last = ordered[i + 1][0] - 1 if i + 1 < len(ordered) else blocks[-1].id
        start = 0.0 if i == 0 and transcript.timed else by_id[first].start
        end = by_id[last + 1].start if last + 1 in by_id else transcript.duration
        result.append(
            {
                "start": start,
                "end": end,
                "first_block": first,
                "last_block": last,
                "title": chapter["title"].strip(),
                "summary": chapter_summary(notes, first, last),
            }
        )
    return result


def snap(block: int, title: str, notes: Notes) -> int:
    """The start of the section a chapter's title clearly names, when the model paired the title
    with a neighbouring section's start block (an off-by-one small models make); else `block`."""
    sections = list(notes.sections)
    at = next((i for i, s in enumerate(sections) if s.start_block <= block <= s.end_block), None)
    if at is None:
        return block

    def likeness(section: Section) -> float:
        return fuzz.token_set_ratio(title, f"{section.title} {section.summary}")

    pointed = likeness(sections[at])
    best = max(sections[max(at - 1, 0) : at + 2], key=likeness)
    return best.start_block if likeness(best) >= pointed + SNAP_MARGIN else block


def spread(
    ordered: list[tuple[int, dict[str, Any]]], notes: Notes, by_id: dict[int, Block], transcript: Transcript
) -> list[tuple[int, dict[str, Any]]]:
    """Split chapters longer than MAX_CHAPTER_SECONDS at the section start nearest their middle,
    until none is or no section start is left inside: a model picking chapters tends to bunch
    them and leave long stretches of the episode under one heading."""
    if not transcript.timed:
        return ordered
    starts = dict(ordered)
    candidates = {s.start_block: s for s in notes.sections if s.start_block not in starts}
    last_id = max(by_id)
    while candidates:
        keys = sorted(starts)
        bounds = [
            (a, by_id[b].start if b <= last_id else transcript.duration) for a, b in zip(keys, keys[1:] + [last_id + 1])
        ]
        longest = max(bounds, key=lambda span: span[1] - by_id[span[0]].start)
        first, end = longest
        if end - by_id[first].start <= MAX_CHAPTER_SECONDS:
            break
        middle = (by_id[first].start + end) / 2
        inside = [c for c in candidates if by_id[first].start < by_id[c].start < end]
        if not inside:
            break
        chosen = min(inside, key=lambda c: abs(by_id[c].start - middle))
        starts[chosen] = {"title": candidates.pop(chosen).title}
    return sorted(starts.items())


def drop_slivers(
    ordered: list[tuple[int, dict[str, Any]]], by_id: dict[int, Block], transcript: Transcript, drops: Drops
) -> list[tuple[int, dict[str, Any]]]:
    """Remove chapters shorter than a minute (an eighth of a short episode): no listener skips to them."""
    if not transcript.timed:
        return ordered
    shortest = min(MIN_CHAPTER_SECONDS, transcript.duration / 8)
    kept = [ordered[0]]
    for block_id, chapter in ordered[1:]:
        if by_id[block_id].start - by_id[kept[-1][0]].start < shortest:
            drops.add("chapter shorter than a minute")
            continue
        kept.append((block_id, chapter))
    if len(kept) > 1 and transcript.duration - by_id[kept[-1][0]].start < shortest:
        drops.add("chapter shorter than a minute")
        kept.pop()
    return kept


def chapter_summary(notes: Notes, first: int, last: int) -> str:
    """The summaries of the first sections a chapter spans (or of the one it starts inside)."""
    inside = [s.summary for s in notes.sections if first <= s.start_block <= last]
    if not inside:
        inside = [s.summary for s in notes.sections if s.start_block <= first <= s.end_block][:1]
    return " ".join(list(dict.fromkeys(inside))[:CHAPTER_SUMMARY_SECTIONS])
