"""The episode document: the reduce answer and the notes turned into the published JSON.

Pure logic. Chapters are the notes' sections laid end to end from block 1, so they always cover the
whole episode in order with the first at 0:00, whatever the model wrote.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

from . import __version__
from .cast import Cast
from .prepare import Prepared
from .advice import same_instruction
from .captions import sentence_cased, uncased
from .chapters import chapters, credit_guest, in_their_words
from .chunking import sentences
from .coverage import complete, third_of
from .grounding import Located, normalize, one_passage, same_passage
from .quotes import ranked
from .notes import Advice, Drops, Notes, Resource, content_words, dedupe, pick, without_the_show
from .resources import Mention
from .titles import from_chapters, unsaid

T = TypeVar("T")

SCHEMA_VERSION = "1.0"
MIN_ADVICE = 5  # a whole episode's, and as many an hour
MIN_QUOTES = 3  # likewise
MAX_ADVICE = 8
MAX_QUOTES = 6
PARAGRAPH_SENTENCES = 5
"""What the prompt asks for at most: a small model sometimes pastes every section's summary in a row."""


def at_least(per_hour: int, duration: float | None, most: int) -> int:
    """How many items an episode should end with: `per_hour` an hour, never fewer than `per_hour`,
    never more than `most`."""
    hours = (duration or 0.0) / 3600
    return min(most, max(per_hour, math.ceil(per_hour * hours - 1e-9)))


def build_document(
    answer: dict[str, Any], notes: Notes, episode: Prepared, generator: dict[str, str], drops: Drops
) -> dict[str, Any]:
    """The published document of one episode from its reduce `answer` and consolidated `notes`."""
    transcript, blocks, meta, cast = episode.transcript, episode.blocks, episode.meta, episode.cast
    by_id = {b.id: b for b in blocks}
    answer = {**answer, **{k: cast.named(answer[k]) for k in ("title", "tagline", "summary")}}
    language = episode.notes_code
    advice = choose(
        notes.advice,
        answer["advice"],
        "advice",
        least=at_least(MIN_ADVICE, transcript.duration, MAX_ADVICE),
        more=_found_tips(episode),
        text=lambda a: a.text,
        same=lambda kept, a: (
            one_passage(kept.block, by_id[kept.block].start, a.block, by_id[a.block].start)
            and same_instruction(kept.text, a.text, language)
        ),
        position=lambda a: by_id[a.block].start,
        duration=transcript.duration,
        drops=drops,
    )
    for key in ("title", "tagline", "summary"):
        credited = credit_guest(answer[key], by_id, cast)
        if credited != answer[key]:
            drops.add(f"{key} crediting the host with the guest's episode (corrected)", detail=credited)
        if key == "summary" and (named := cast.introduced(credited, language)) != credited:
            drops.add("summary paragraph opening on a pronoun (named)", detail=named[:80])
            credited = named
        answer[key] = _gendered(credited, cast, language, drops)
    sections = [
        {**chapter, "summary": _gendered(chapter["summary"], cast, language, drops)}
        for chapter in chapters(notes, transcript, blocks, drops)
    ]
    title = answer["title"].strip() or meta.title or "Untitled episode"
    if episode.notes_spoken and unsaid(title, episode.said, language):
        made = from_chapters(sections, [p.name for p in cast.guests], episode.said, language)
        if made is None:
            drops.add("title naming what the episode never says (kept: no chapter title to make one of)", detail=title)
        else:
            drops.add("title naming what the episode never says (made from the guest and a chapter)", detail=title)
            title = made
    in_captions = uncased(blocks)  # quotes from captions without capitals are published sentence-cased
    tagline = answer["tagline"].strip() or answer["title"].strip()
    if reads_as_list(tagline):
        tagline = before_list(tagline)
        drops.add("tagline that was a list of topics (cut before the list)", detail=tagline)
    written = answer["summary"].strip() or tagline
    written_sentences = sentences(written)
    said = distinct(written_sentences)
    if len(said) < len(written_sentences):
        drops.add("summary sentence repeating an earlier one (cut)")
    on_the_episode = without_the_show(said, language)
    if on_the_episode and len(on_the_episode) < len(said):
        drops.add("summary sentence about the show itself (cut)", len(said) - len(on_the_episode))
        said = on_the_episode
    summary = " ".join(said)
    if len(said) > PARAGRAPH_SENTENCES:
        summary = " ".join(said[:PARAGRAPH_SENTENCES])
        drops.add("summary paragraph past five sentences (cut to its first)")
    completed = complete(summary, sections, episode.notes_language, [p.name for p in cast.people])
    if completed != summary:
        drops.add("summary paragraph silent on a third of the episode (completed from its chapters)", detail=completed)
    passages = tuple(c.located() for c in ranked(episode.candidates))
    quotes = choose(
        notes.quotes,
        answer["quotes"],
        "quote",
        least=at_least(MIN_QUOTES, transcript.duration, MAX_QUOTES),
        most=MAX_QUOTES,
        more=passages,
        text=lambda q: q.text,
        position=lambda q: q.start,
        duration=transcript.duration,
        drops=drops,
        exclude=lambda q: any(says_again(a, q) for a in advice),
        same=same_passage,
    )

    def cased(text: str) -> str:
        return sentence_cased(text, episode.language) if in_captions else text

    if episode.notes_spoken:  # after the paragraph is completed: a line said is no sentence about the episode
        told = [dataclasses.replace(p, text=cased(p.text)) for p in passages]
        sections = in_their_words(sections, told, quotes, cast.name_for, drops)
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
            "guests": [p.name for p in cast.guests],
            "hosts": [p.name for p in cast.hosts],
            "cast": [{"name": p.name, "role": p.role, "source": p.source} for p in cast.people],
            "language": episode.language,
            "notes_language": episode.notes_language,
        },
        "title": title,
        "tagline": tagline,
        "summary": completed,
        "chapters": sections,
        "advice": [
            {"text": a.text, "speaker": a.speaker, "start": by_id[a.block].start, "block": a.block} for a in advice
        ],
        "quotes": [
            {
                "text": cased(q.text),
                "speaker": cast.name_for(q.speaker),
                "start": q.start,
                "end": q.end,
                "block": q.block,
            }
            for q in quotes
        ],
        "resources": [
            {"name": r.name, "kind": r.kind, "start": by_id[r.block].start}
            for r in resources(list(notes.resources), episode.mentions)
        ],
        "generator": {"name": "summarizer", "version": __version__, **generator},
    }


def resources(named: list[Resource], found: list[Mention]) -> list[Resource]:
    """What the model named (checked against its block) and what the words name (patterns), once
    each, in the order the episode names them; the model's spelling first, each as said."""
    merged = dedupe([*named, *(Resource(m.name, m.kind, m.block) for m in found)], key=lambda r: r.name.lower())
    return sorted(merged, key=lambda r: r.block)


def choose(
    pool: tuple[T, ...],
    numbers: list[int],
    what: str,
    *,
    least: int,
    most: int | None = None,
    more: tuple[T, ...] = (),
    text: Callable[[T], str],
    position: Callable[[T], float | None],
    duration: float | None,
    drops: Drops,
    exclude: Callable[[T], bool] = lambda item: False,
    same: Callable[[T, T], bool] = lambda kept, item: False,
) -> list[T]:
    """What the document keeps of advice or quotes: the reduce's picks by number from `pool` (unknown
    ones dropped and counted), topped up to `least` from the pool and then from `more` (found in the
    words), cut to `most`, then balanced across the thirds; never an item `exclude` rules out (a quote
    that is already a tip), nor one `same` as an item kept before it (a second quote of one passage)."""
    candidates = tuple(item for item in (*pool, *more) if not exclude(item))
    chosen = [item for item in pick(pool, numbers, drops, what) if not exclude(item)]
    unlike = [item for n, item in enumerate(chosen) if not any(same(k, item) for k in chosen[:n])]
    drops.add(f"{what} chosen from a passage already chosen from (left out)", len(chosen) - len(unlike))
    picked = top_up(unlike, candidates, least, text, same)[:most]
    return balance_thirds(picked, dedupe(list(candidates), key=text), position, duration, same)


def top_up(
    chosen: list[T],
    pool: tuple[T, ...],
    least: int,
    text: Callable[[T], str],
    same: Callable[[T, T], bool] = lambda kept, item: False,
) -> list[T]:
    """The model's choice without near-duplicates, filled up to `least` items from the other
    candidates in episode order: a small model often picks one item, or numbers that do not exist."""
    kept = dedupe(chosen, key=text)
    for candidate in pool:
        if len(kept) >= least:
            break
        if not any(same(k, candidate) for k in kept):
            kept = dedupe([*kept, candidate], key=text)
    return kept


def balance_thirds(
    chosen: list[T],
    pool: list[T],
    position: Callable[[T], float | None],
    duration: float | None,
    same: Callable[[T, T], bool] = lambda kept, item: False,
) -> list[T]:
    """The model's choice, with candidates from the pool swapped in until each third of the episode
    holds at least a quarter of the items (summaries of long inputs lose the middle). What goes is the
    lowest-ranked item of the fullest third; what comes is the candidate nearest the thin third's middle."""
    if not duration or len(chosen) < 3 or any(position(item) is None for item in [*chosen, *pool]):
        return chosen

    def at(item: T) -> float:
        seconds = position(item)
        return seconds if seconds is not None else 0.0  # never None here: checked above

    def third(item: T) -> int:
        return third_of(at(item), duration)

    need = -(-len(chosen) // 4)
    result = list(chosen)
    for thin in range(3):
        while (held := sum(third(x) == thin for x in result)) < need:
            counts = [sum(third(x) == t for x in result) for t in range(3)]
            donor = max(range(3), key=lambda t: counts[t])
            spare = [c for c in pool if c not in result and third(c) == thin and not any(same(x, c) for x in result)]
            if not spare or counts[donor] <= need or held >= counts[donor]:
                break
            middle = (thin + 0.5) * duration / 3
            victim = max(i for i, x in enumerate(result) if third(x) == donor)
            result[victim] = min(spare, key=lambda c: abs(at(c) - middle))
    return result


REPEATED_SHARE = 0.6
"""Share of its content words a paragraph sentence shares with an earlier one to say it again."""


def distinct(said: list[str]) -> list[str]:
    """The sentences of a paragraph, without those saying an earlier one again (a small model writes
    `She shares her background as a data scientist …` and then `They have been a data scientist …`)."""
    kept: list[str] = []
    for sentence in said:
        own = content_words(sentence)
        if not any(len(own & content_words(k)) >= REPEATED_SHARE * len(own) > 0 for k in kept):
            kept.append(sentence)
    return kept


def says_again(tip: Advice, quote: Located) -> bool:
    """Whether a quote says a tip again: one holds the other whatever the case and punctuation
    (`Listen to your users.` in `You need to listen to your users …`), or the quote holds half of the
    tip's content words and at least three, or three in the tip's block (`Start with access
    management …` and `I think you need access management before …`)."""
    a, b = (" ".join(normalize(text)) for text in (tip.text, quote.text))
    if a and b and (a in b or b in a):
        return True
    own = content_words(tip.text)
    shared = len(own & content_words(quote.text))
    return shared >= REPEATED_WORDS and (shared * 2 >= len(own) or quote.block == tip.block)


REPEATED_WORDS = 3
"""Content words a quote must share with a tip to say it again."""


def _gendered(text: str, cast: Cast, language: str, drops: Drops) -> str:
    fixed = cast.gendered(text, language)
    if fixed != text:
        drops.add("pronoun of the other gender for the guest (corrected)", detail=fixed[:80])
    return fixed


def _found_tips(episode: Prepared) -> tuple[Advice, ...]:
    """Tips found in the words are in the language spoken: usable only when the notes are too."""
    if not episode.notes_spoken:
        return ()
    return tuple(Advice(t.text, t.speaker, t.block) for t in episode.tips)


def written_fields(document: dict[str, Any]) -> list[str]:
    """Every text the model wrote (quotes are the transcript's words, not written): what must be in the
    notes' language."""
    return [
        document["title"],
        document["tagline"],
        document["summary"],
        *(text for c in document["chapters"] for text in (c["title"], c["summary"]) if text),
        *(a["text"] for a in document["advice"]),
    ]


LIST_COMMAS = 6
"""Commas one sentence needs to read as a list of topics."""


def reads_as_list(summary: str) -> bool:
    """A summary paragraph that strings topics together with commas instead of saying something:
    small models paste their section titles in a row, often in one long sentence."""
    return any(sentence.count(",") >= LIST_COMMAS for sentence in sentences(summary))


MIN_HEAD_WORDS = 6
"""Words a sentence needs before the list it trails into to say something without it."""


def before_list(text: str) -> str:
    """A sentence that trails into a list of topics (`X shares his journey, covering a, b, c …`) cut
    at its first comma, where enough words stand before it to say something; else as it was."""
    head = text.split(",", 1)[0].strip()
    return head.rstrip(".") + "." if len(head.split()) >= MIN_HEAD_WORDS else text


def without_lists(summary: str) -> str | None:
    """The paragraph without its lists, if a sentence of prose remains; else None. A list sentence
    keeps what it says before the list (`Tom and Maya discuss repairs, including …` → `Tom and Maya
    discuss repairs.`) and a sentence after a colon (`…, lifestyle: Tom shares …`); one sentence that
    says something beats one that strings titles together."""
    parts = (p for s in sentences(summary) for p in re.split(r":\s+(?=[A-Z])", s))
    prose = [p if p.count(",") < LIST_COMMAS else before_list(p) for p in parts]
    kept = [p if p.endswith((".", "!", "?")) else f"{p}." for p in prose if p.count(",") < LIST_COMMAS]
    return " ".join(kept) if kept else None
