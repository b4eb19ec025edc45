"""Where chapters start and end, from topic starts to the published chapters, in one place.

Read top to bottom: the topic starts are found from the words before any model call
(`segmenting.topic_starts`); each map answer titles the starts of its part (`labelled`), sections run
from one start to the next (`spans`); once all parts are in, slivers fold into the section before
(`consolidate`), and a summary that credits the host with the guest's words is corrected
(`credit_guests`); the document's chapters lay the sections end to end from 0:00 (`chapters`). Platform
rules on top (YouTube's ten-second minimum) live with their renderer.

The model never loses a start: a start its answer skips keeps a title made from its words, a
section that repeats the one before keeps its start (its copied summary is dropped). Only a sliver
(shorter than `shortest_section`) folds into its predecessor. Every start that is retitled or folded
is counted, with why, in the run report, and described in the `-v` log.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from .cast import SUBJECT_PRONOUNS, Cast, Person, plain_names
from .chunking import Block, build_blocks, sentences, words_by_speaker
from .language import detect_language
from .metadata import EpisodeMeta
from .grounding import FILLERS, Located, same_passage
from .notes import (
    DUPLICATE_SIMILARITY,
    PASTED_SHARE,
    SHARED_WORDS,
    Drops,
    Notes,
    Section,
    content_words,
    copied_share,
    first_sentences,
    without_the_show,
)
from .segmenting import keyword_titles, overlaps_beside, terms, topic_starts
from .timefmt import format_clock
from .transcript import Transcript

MIN_SECTION_SECONDS = 60.0
CHAPTER_SUMMARY_WORDS = 30
FALLBACK_TITLE = "Conversation"


def shortest_section(duration: float | None) -> float:
    """Seconds under which a section (or chapter) is a sliver no listener skips to: a minute, or an
    eighth of a short episode; 0 for untimed transcripts."""
    return min(MIN_SECTION_SECONDS, duration / 8) if duration else 0.0


def _placed(items: list[dict[str, Any]], starts: list[int]) -> tuple[dict[int, dict[str, Any] | None], int]:
    """Each start's section from an answer: the one written on it, else the next one written off any
    start, in order; and how many sections were left over."""
    titled = [item for item in items if item["title"].strip()]
    by_start = {item["start_block"]: item for item in titled if item["start_block"] in starts}
    others = iter(item for item in titled if item["start_block"] not in by_start)
    placed = {start: by_start.get(start) or next(others, None) for start in starts}
    return placed, sum(1 for _ in others)


def labelled(
    items: list[dict[str, Any]], starts: list[int], keywords: Mapping[int, str], drops: Drops
) -> list[dict[str, Any]]:
    """The answer's sections put on the topic starts the model was given: by start block where it
    kept them, the others in order; a start left without one is titled from its own words."""
    placed, left_over = _placed(items, starts)
    result = []
    for start, item in placed.items():
        if item is None:
            title = keywords.get(start, FALLBACK_TITLE)
            drops.add("topic start the answer gave no section (titled from its words)", detail=f"{start}: {title}")
            item = {"title": title, "summary": ""}
        elif item["start_block"] != start:
            drops.add("section moved back onto its topic start", detail=f"block {item['start_block']} → {start}")
        result.append({**item, "start_block": start})
    drops.add("section beyond the topic starts", left_over)
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
            plain_names(item["title"].strip()),
            plain_names(item["summary"].strip()),
        )
        for i, (first, item) in enumerate(ordered)
    ]


SPEAKING_ALONE: dict[str, str] = {
    "en": r"i|i'm|i've|i'd|i'll|me|my",
    "es": r"yo|me|mi|mis",
    "de": r"ich|mich|mir|mein|meine|meinen",
}
"""How a speaker says `I`, by language: a summary of the talk is in the third person, and may open in
the show's `we` (`We hear how …`), never so."""
SPEAKING_TOGETHER: dict[str, str] = {
    "en": r"we|we're|we've|we'd|our|us",
    "es": r"nosotros|nosotras|nuestro|nuestra|nuestros|nuestras",
    "de": r"wir|uns|unser|unsere|unseren",
}
"""How a speaker says `we`, by language: in a sentence copied from the talk, the speaker's team."""
ADDRESSING: dict[str, str] = {
    "en": r"you|you're|you've|you'll|you'd|your",
    "es": r"tú|tu|usted|ustedes",
    "de": r"du|dein|deine",
}
"""How a speaker addresses the other, by language: a summary sentence opening so is the speaker's own."""
GREETINGS: dict[str, str] = {
    "en": r"welcome|hello|hi|thanks|thank you",
    "es": r"bienvenid[oa]s?|hola|gracias",
    "de": r"willkommen|hallo|danke",
}
"""How a speaker greets, by language: a summary sentence opening so is the host's welcome, pasted."""


OPEN_ENDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "to the a an and or of for with that in on at by from as but their his her its my your our which who "
        "is are was were".split()
    ),
}
"""Words no sentence ends on, by language: a summary's last sentence ending on one without a full stop
was broken off (`They challenged participants to`)."""


def finished(summary: str, language: str) -> str:
    """A section summary without a last sentence the model broke off mid-phrase."""
    said = sentences(summary.strip())
    last = said[-1].split() if said else []
    if last and not re.search(r"[.!?…)\"”’']$", said[-1]) and last[-1].lower() in OPEN_ENDS.get(language, ()):
        return " ".join(said[:-1])
    return summary


def in_own_words(summary: str, part: str, language: str) -> str:
    """A section summary without its sentences that are the speakers' words rather than a summary of
    them: a greeting, one opening on the speaker's `I` or addressing the listener (`Welcome to the
    event.`, `You treat the process …`), one copied from its part (half its runs of words said there)
    that keeps the speaker's `my`, `we` or fillers (`We have weekly events …`, `… it could be personal
    projects that you do um and yeah …`), and what the show says of itself. Empty where no sentence is
    left: the chapter keeps its title."""
    alone, together = SPEAKING_ALONE.get(language), SPEAKING_TOGETHER.get(language)
    greeting, addressing = GREETINGS.get(language), ADDRESSING.get(language)
    if alone is None or together is None or greeting is None or addressing is None:
        return summary
    opening = re.compile(rf"(?:{alone}|{addressing}|{greeting})\b", re.I)
    inside = re.compile(rf"\b(?:{alone}|{together}|{'|'.join(FILLERS)})\b", re.I)
    kept = [
        sentence
        for sentence in sentences(summary)
        if not opening.match(sentence)
        and not (copied_share(sentence, part) >= PASTED_SHARE and inside.search(sentence))
    ]
    return " ".join(without_the_show(kept, language))


def merged_sections(items: list[dict[str, Any]], notes: Notes, drops: Drops) -> tuple[Section, ...]:
    """A merge answer may retitle the notes' sections, never move or drop their starts."""
    placed, _ = _placed(items, [s.start_block for s in notes.sections])
    drops.add("section the merge left out (kept as it was)", sum(1 for item in placed.values() if item is None))
    result = []
    for section in notes.sections:
        item = placed[section.start_block]
        if item is not None:
            title, summary = plain_names(item["title"].strip()), plain_names(item["summary"].strip())
            section = dataclasses.replace(section, title=title, summary=summary)
        result.append(section)
    return tuple(result)


def consolidate(
    notes: Notes,
    blocks: dict[int, Block],
    drops: Drops,
    keywords: Mapping[int, str] | None = None,
    min_seconds: float = MIN_SECTION_SECONDS,
) -> Notes:
    """Fold each sliver (shorter than `min_seconds`) into its predecessor. A section that says nearly
    what an earlier one said keeps its start: small models copy a summary forward, which says
    nothing about where the talk turned; the copy goes. A title another chapter already has gives way
    to the start's keywords: two chapters of one name tell a listener nothing. The last section runs to
    the last block."""
    keywords = keywords or {}
    sections = list(notes.sections)
    if sections:
        sections[-1] = dataclasses.replace(sections[-1], end_block=max(blocks))
    kept: list[Section] = []
    summaries: list[str] = []  # every summary the model wrote so far
    for section in sections:
        if kept:
            start, end = blocks[section.start_block].start, blocks[section.end_block].end
            if start is not None and end is not None and end - start < min_seconds:
                drops.add(
                    "topic start folded into the one before: a sliver",
                    detail=f"block {section.start_block} ({format_clock(start)}) lasts {end - start:.0f} s",
                )
                kept[-1] = dataclasses.replace(kept[-1], end_block=section.end_block)
                continue
        summaries.append(section.summary)
        if section.summary and any(_same_title(section.title, k.title) for k in kept):
            title = keywords.get(section.start_block, section.title)
            drops.add(
                "chapter title repeating an earlier one (titled from its words)",
                detail=f"block {section.start_block}: {title}",
            )
            section = dataclasses.replace(section, title=title)
        if section.summary and any(
            fuzz.token_sort_ratio(section.summary, earlier) >= DUPLICATE_SIMILARITY for earlier in summaries[:-1]
        ):
            title = section.title
            if any(_same_title(title, k.title) for k in kept):
                title = keywords.get(section.start_block, section.title)
            drops.add(
                "section repeating an earlier one (start kept, its copy dropped)",
                detail=f"block {section.start_block}: {title}",
            )
            section = dataclasses.replace(section, title=title, summary="")
        kept.append(section)
    return Notes(tuple(kept), notes.advice, notes.quotes, notes.resources)


MOVE_GAIN = 3.0
"""Distinctive words (each weighted by how few stretches say it) a section must share more with the
stretch beside its own than with its own, and twice as many, to move there; and the fewest it must
share with its own stretch to keep it when another section belongs there."""


def realigned(notes: Notes, blocks: dict[int, Block], drops: Drops, keywords: Mapping[int, str] | None = None) -> Notes:
    """Each section's title and summary on the stretch whose words they tell. A small model writes a
    part's sections one topic early or late (bench/QUALITY.md rounds U and AA): `Data Lineage and
    Dictionary` on the stretch before the one that asks about lineage. The starts never move; in
    order, a section moves to the next or previous stretch where it shares clearly more of its
    distinctive words (`MOVE_GAIN`, and twice as many as with its own), and one sharing almost nothing
    with its own stretch gives way to the section that belongs there. A stretch left without a section
    keeps its start, titled from its words (and told by a line said there, later)."""
    sections = notes.sections
    if len(sections) < 2:
        return notes
    said = [
        set(terms(" ".join(blocks[b].text for b in range(s.start_block, s.end_block + 1) if b in blocks)))
        for s in sections
    ]
    written = [set(terms(f"{s.title} {s.summary}")) if s.summary else set() for s in sections]
    placed = _placements(overlaps_beside(written, said))
    if all(placed.get(i) == i for i in range(len(sections))):
        return notes
    keywords = keywords or {}
    by_stretch = {j: i for i, j in placed.items()}
    result = []
    for j, stretch in enumerate(sections):
        i = by_stretch.get(j)
        if i is None:
            title = keywords.get(stretch.start_block, FALLBACK_TITLE)
            result.append(dataclasses.replace(stretch, title=title, summary=""))
            continue
        if i != j:
            drops.add(
                "section written for the stretch beside its start (moved there)",
                detail=f"block {sections[i].start_block} → {stretch.start_block}: {sections[i].title}",
            )
        result.append(dataclasses.replace(stretch, title=sections[i].title, summary=sections[i].summary))
    for i, section in enumerate(sections):
        if i not in placed and section.summary:
            drops.add("section telling little of its stretch, where another belongs (dropped)", detail=section.title)
    return dataclasses.replace(notes, sections=tuple(result))


def _placements(score: list[dict[int, float]]) -> dict[int, int]:
    """Section → stretch, in order, each at most one step from its own and each stretch taking one at
    most, maximising the words shared (a move costs `MOVE_GAIN`; leaving out a section telling its
    stretch anything is not allowed)."""
    n = len(score)
    best: dict[tuple[int, int], tuple[float, dict[int, int]]] = {(0, 0): (0.0, {})}
    for i in range(n + 1):
        for j in range(max(0, i - 2), min(n, i + 2) + 1):  # a section moves one step at most: a narrow band
            if (i, j) not in best:
                continue
            total, chosen = best[i, j]
            steps: list[tuple[tuple[int, int], float, dict[int, int]]] = []
            if j < n:
                steps.append(((i, j + 1), total, chosen))  # stretch j takes no section
            if i < n and score[i][i] < MOVE_GAIN:
                steps.append(((i + 1, j), total - (MOVE_GAIN if score[i][i] > 0 else 0.0), chosen))
            if i < n and j < n and abs(i - j) <= 1:
                own, there = score[i][i], score[i][j]
                if i == j or (there >= 2 * own and there - own >= MOVE_GAIN):
                    steps.append(((i + 1, j + 1), total + there - (MOVE_GAIN if i != j else 0.0), {**chosen, i: j}))
            for key, value, placed in steps:
                if key not in best or value > best[key][0] + 1e-9:
                    best[key] = (value, placed)
    return best[n, n][1]


def _same_title(a: str, b: str) -> bool:
    """`STAR Format` and `STAR format` name one chapter twice."""
    return fuzz.token_sort_ratio(a, b, processor=default_process) >= DUPLICATE_SIMILARITY


def chapters(notes: Notes, transcript: Transcript, blocks: list[Block], drops: Drops) -> list[dict[str, Any]]:
    """One chapter per section, covering block 1 to the last block in order, each ending where the
    next starts, the first at 0:00: the sections' title and summary were written together, so a
    chapter's summary always describes the stretch its title names."""
    ordered = [(s.start_block, s) for s in notes.sections] or [
        (blocks[0].id, Section(blocks[0].id, blocks[-1].id, "Full episode", ""))
    ]
    ordered[0] = (blocks[0].id, ordered[0][1])
    by_id = {b.id: b for b in blocks}
    ordered = drop_slivers(ordered, by_id, transcript, drops)
    result = []
    for i, (first, section) in enumerate(ordered):
        last = ordered[i + 1][0] - 1 if i + 1 < len(ordered) else blocks[-1].id
        result.append(
            {
                "start": 0.0 if i == 0 and transcript.timed else by_id[first].start,
                "end": by_id[last + 1].start if last + 1 in by_id else transcript.duration,
                "first_block": first,
                "last_block": last,
                "title": section.title,
                "summary": first_sentences(section.summary, CHAPTER_SUMMARY_WORDS),
            }
        )
    return result


def in_their_words(
    chapters: list[dict[str, Any]],
    passages: Sequence[Located],
    quoted: Sequence[Located],
    name_for: Callable[[str | None], str | None],
    drops: Drops,
) -> list[dict[str, Any]]:
    """Each chapter the model wrote no summary for (it left the start out, or copied an earlier
    summary) told by the stretch's own words: the best of `passages` (best first) that starts in it
    and is not a passage already `quoted`, with who says it. A keyword title alone tells a listener
    little; a line said there, credited, tells what the stretch is about without inventing it."""
    result = []
    for chapter in chapters:
        if not chapter["summary"]:
            inside = (p for p in passages if chapter["first_block"] <= p.block <= chapter["last_block"])
            line = next((p for p in inside if not any(same_passage(p, q) for q in quoted)), None)
            if line is not None:
                name = name_for(line.speaker)
                chapter = {**chapter, "summary": f"{name}: “{line.text}”" if name else f"“{line.text}”"}
                drops.add("chapter without a summary told by a line said there", detail=chapter["summary"][:80])
        result.append(chapter)
    return result


def drop_slivers(
    ordered: list[tuple[int, Section]], by_id: dict[int, Block], transcript: Transcript, drops: Drops
) -> list[tuple[int, Section]]:
    """Remove chapters shorter than a minute (an eighth of a short episode): no listener skips to them."""
    if not transcript.timed or transcript.duration is None:
        return ordered
    shortest = shortest_section(transcript.duration)
    kept = [ordered[0]]
    for block_id, section in ordered[1:]:
        start, previous = by_id[block_id].start, by_id[kept[-1][0]].start
        if start is not None and previous is not None and start - previous < shortest:
            drops.add("chapter shorter than a minute", detail=f"block {block_id} ({format_clock(start)})")
            continue
        kept.append((block_id, section))
    last = by_id[kept[-1][0]].start
    if len(kept) > 1 and last is not None and transcript.duration - last < shortest:
        drops.add("chapter shorter than a minute", detail=f"block {kept[-1][0]} ({format_clock(last)})")
        kept.pop()
    return kept


def from_words(transcript: Transcript, meta: EpisodeMeta | None = None) -> dict[str, Any]:
    """Chapters with no model at all: the topic starts, titled with their stretch's keywords, as a
    chapters-only document the chapter renderers (YouTube, Podcasting 2.0, WebVTT) accept."""
    meta = meta or EpisodeMeta()
    blocks = build_blocks(transcript)
    language = detect_language([s.text for s in transcript.segments])
    starts = topic_starts(blocks, language)
    keywords = keyword_titles(blocks, starts, language)
    ends = [s - 1 for s in starts[1:]] + [blocks[-1].id]
    sections = tuple(Section(s, e, keywords[s], "") for s, e in zip(starts, ends))
    title = meta.title or "Chapters"
    return {
        "episode": {
            "duration": transcript.duration,
            "url": meta.url,
            "title": meta.title,
            "hosts": list(meta.hosts),
            "language": language,
        },
        "title": title,
        "tagline": "Chapters found from the words; titles are keywords.",
        "chapters": chapters(Notes(sections), transcript, blocks, Drops()),
    }


GUEST_FLOOR = 0.7
"""Share of a stretch's words a guest must speak for a summary naming the host there to be wrong: what
`summarizer eval` counts against (issue 16's measure)."""
CREDIT_FLOOR = 0.6
"""Where the correction already acts: a summary naming only the host where the guest says three words
in five credits the host with the guest's answer (the host's question is the rest)."""


def credit_guests(notes: Notes, blocks: dict[int, Block], cast: Cast, drops: Drops, language: str = "en") -> Notes:
    """Chapter summaries that name the right person: a bare role (`The guest explains`) becomes the
    name, and a summary naming the host as the one talking where a guest speaks at least
    `CREDIT_FLOOR` of the words (the host's questions left out: asking holds no floor) credits the
    guest instead (small models give the words to whoever asked the question): its sentences naming
    only the host go if one names the guest, else the host's names become the guest's. There, a
    summary opening on a pronoun (`He emphasizes …`, which names nobody in a chapter list) opens on the
    guest's name."""
    hosts = [p for p in cast.hosts if p.label]
    guests = [p for p in cast.guests if p.label]
    fixed = []
    for section in notes.sections:
        summary = cast.named(section.summary)
        if summary != section.summary:
            drops.add("bare role in a chapter summary (named)", detail=f"block {section.start_block}: {summary}")
        if hosts and len(guests) == 1 and (told := _their_story(summary, guests[0])) != summary:
            drops.add("the guest's story told as shared (the guest's)", detail=f"block {section.start_block}: {told}")
            summary = told
        words = words_by_speaker(blocks, section.start_block, section.end_block)
        floor = sum(words.values()) - _asking(blocks, section.start_block, section.end_block, hosts)
        holder = max(guests, key=lambda p: words[p.label or ""]) if hosts and guests else None
        if holder is not None and words[holder.label or ""] >= CREDIT_FLOOR * floor > 0:
            summary = _alone(summary, hosts, holder)
            kept = _guest_sentences(summary, hosts, holder)
            if kept != summary:
                drops.add(
                    "chapter summary sentence crediting the host beside the guest's (cut)",
                    detail=f"block {section.start_block}: {kept}",
                )
            said = (
                None
                if _names(kept, holder)
                else _said_by(blocks, section.start_block, section.end_block, hosts, holder)
            )
            credited = _host_renamed(kept, hosts, holder, said)  # renames only where the guest is not named
            if credited != kept:
                drops.add(
                    "chapter summary crediting the host with the guest's words (corrected)",
                    detail=f"block {section.start_block}: {credited}",
                )
            summary = credited
            if (answered := _guests_topic(summary, hosts, holder, language)) != summary:
                drops.add("chapter summary opening on the host's question (the guest's answer)", detail=answered)
                summary = answered
            if (named := cast.introduced(summary, language)) != summary:
                drops.add("chapter summary opening on a pronoun (named)", detail=f"{section.start_block}: {named}")
                summary = named
        fixed.append(dataclasses.replace(section, summary=summary))
    return dataclasses.replace(notes, sections=tuple(fixed))


def credit_guest(text: str, blocks: dict[int, Block], cast: Cast) -> str:
    """Episode-wide text (a title, a tagline, the summary) of an episode whose guest holds most of the
    words: what host and guest are said to do together is the guest's (`Alexey and Daynan discuss …`),
    a sentence naming only the host goes where another names the guest (`Alexey hosts an episode on
    data governance. Bart explains …`), and a title or tagline naming the host but not the guest
    names the guest (`Alexey's Guide to …`)."""
    hosts = [p for p in cast.hosts if p.label]
    guests = [p for p in cast.guests if p.label]
    if not hosts or len(guests) != 1:
        return text
    words = words_by_speaker(blocks, min(blocks), max(blocks))
    if words[guests[0].label or ""] <= sum(words[h.label or ""] for h in hosts):
        return text
    text = _their_story(text, guests[0])
    return _host_renamed(_guest_sentences(_alone(text, hosts, guests[0]), hosts, guests[0]), hosts, guests[0])


Said = tuple[set[str], set[str]]
"""The content words the hosts say in a stretch, and those its guest says."""


def _said_by(blocks: dict[int, Block], first: int, last: int, hosts: list[Person], guest: Person) -> Said:
    labels = {h.label for h in hosts}
    stretch = [blocks[b] for b in range(first, last + 1) if b in blocks]
    return (
        content_words(" ".join(b.text for b in stretch if b.speaker in labels)),
        content_words(" ".join(b.text for b in stretch if b.speaker == guest.label)),
    )


ASKED_ABOUT: dict[str, str] = {"en": r"(?P<host>{host}) asks (?P<guest>{guest}) about (?P<topic>[^.!?,;]+)[.!]?"}
"""How a summary's sentence tells only that the host asked the guest about a topic, by language (one
that goes on, `…, and Tom describes …`, tells more)."""
ON_TOPIC: dict[str, str] = {"en": "{guest} on {topic}."}


def _guests_topic(summary: str, hosts: list[Person], guest: Person, language: str) -> str:
    """A summary opening on `Alexey asks Nicolas about networking …`: the question is the host's, the
    stretch the guest's answer. Where the summary goes on to tell the answer, it opens on it (the
    chapter list shows a summary's first sentences, the question alone otherwise); where it tells only
    the question, the stretch is the guest's on that topic (`Nicolas on networking …`)."""
    pattern, on_topic = ASKED_ABOUT.get(language), ON_TOPIC.get(language)
    said = sentences(summary.strip())
    if pattern is None or on_topic is None or not hosts or not said:
        return summary
    host = "|".join(re.escape(f) for h in hosts for f in h.forms)
    asked = re.fullmatch(pattern.format(host=host, guest="|".join(re.escape(f) for f in guest.forms)), said[0])
    if asked is None:
        return summary
    if len(said) > 1:
        return " ".join(said[1:])
    return on_topic.format(guest=asked["guest"], topic=asked["topic"].strip())


def _asking(blocks: dict[int, Block], first: int, last: int, hosts: list[Person]) -> int:
    """Words the hosts spend on questions in blocks `first` to `last`: asking does not hold the floor
    (`Do you develop the platform yourself?` before the guest's short answer)."""
    labels = {h.label for h in hosts}
    stretch = [blocks[b] for b in range(first, last + 1) if b in blocks and blocks[b].speaker in labels]
    return sum(len(s.split()) for b in stretch for s in sentences(b.text) if s.rstrip(" )]\"”’'").endswith("?"))


def _hosts_own(sentence: str, said: Said | None) -> bool:
    """Whether a sentence is what the host says in the stretch by its words: a remark, not the floor
    the guest holds (`discusses`, `explains`: the host's question on the topic is not the talk on
    it), that shares at least `SHARED_WORDS` content words with the host's words there, and more than
    with the guest's (`Alexey mentions reading the Clean Code book by Robert Martin`, where he does)."""
    if said is None or _HOLDING_FLOOR.search(sentence):
        return False
    own = content_words(sentence)
    by_host, by_guest = len(own & said[0]), len(own & said[1])
    return by_host >= SHARED_WORDS and by_host > by_guest


def _guest_sentences(text: str, hosts: list[Person], guest: Person) -> str:
    """A summary of the guest's stretch without its sentences naming only a host, where another
    sentence names the guest: `Alexey discusses the sales side. Johannes shares how he learnt sales.`
    keeps the second. Renaming the first would give the guest what the host may have said; left in,
    it is what the chapter list shows (summaries are cut to their first sentences), even where true
    (`Alexey asks about standards.`): the chapter is the guest's floor."""
    parts = sentences(text)
    if not any(_names(s, guest) for s in parts):
        return text
    return " ".join(s for s in parts if _names(s, guest) or not any(_names(s, h) for h in hosts))


def _host_renamed(text: str, hosts: list[Person], guest: Person, said: Said | None = None) -> str:
    """`text` naming a host but not the guest, with the hosts' names as the guest's in each sentence
    the host's own words do not back (`said`)."""
    if _names(text, guest):
        return text
    renamed = []
    for sentence in sentences(text):
        if not _hosts_own(sentence, said):
            for host in hosts:
                if _names(sentence, host):
                    sentence = _renamed(sentence, host, guest)
        renamed.append(sentence)
    return " ".join(renamed)


JOINT_VERBS = {
    verb: verb + ("es" if verb.endswith(("s", "sh", "ch")) else "s")
    for verb in "discuss explore talk share cover dive delve examine chat reflect look focus explain describe".split()
}
"""What a host and guest are said to do together (`Alexey and Daynan discuss …`) where the guest does it."""
_HOLDING_FLOOR = re.compile(rf"\b(?:{'|'.join(JOINT_VERBS.values())})\b")


def _alone(text: str, hosts: list[Person], guest: Person) -> str:
    """`Alexey and Daynan discuss how …` → `Daynan Crull discusses how …`: the guest's talk is the guest's;
    `Alexey and Daynan introduce themselves and discuss their careers` → `Alexey introduces Daynan Crull,
    who discusses their careers` (the host introduces; `their` stays, as a singular they)."""

    def forms(person: Person) -> str:
        return "|".join(re.escape(f) for f in person.forms)

    host = "|".join(forms(h) for h in hosts)
    pair = rf"(?:(?P<host>{host}) and (?:{forms(guest)})|(?:{forms(guest)}) and (?P<host2>{host}))"
    verbs = "|".join(JOINT_VERBS)
    text = re.sub(
        rf"\b{pair} introduce themselves(?: and ({verbs})\b)?",
        lambda m: (
            f"{m['host'] or m['host2']} introduces {guest.name}"
            + (f", who {JOINT_VERBS[m.group(3)]}" if m.group(3) else "")
        ),
        text,
    )
    return re.sub(rf"\b{pair} ({verbs})\b", lambda m: f"{guest.name} {JOINT_VERBS[m.group(3)]}", text)


STORY = "career|careers|background|backgrounds|journey|journeys|story|stories|path|paths|experience|experiences"
"""What is the guest's alone in an interview, however a model shares it out (`They discuss their
careers`): the host asks about it."""
POSSESSIVES = {"masculine": "his", "feminine": "her"}
"""The guest's possessive by the pronouns the host uses for them."""
AGREED = {"have": "has", "are": "is", "were": "was", "do": "does"}
"""A plural verb after `they` as the singular one after the guest's pronoun."""
THEN_VERBS = {**JOINT_VERBS, **{verb: verb + "s" for verb in "highlight touch mention provide give offer".split()}}
"""Verbs a sentence goes on with after `and`, which follow their subject when it becomes the guest."""


def _their_story(text: str, guest: Person) -> str:
    """`They discuss their career journey and background.` → `Nicolas discusses his career journey and
    background.` (`… introduces Nicolas, who discuss their career` → `who discusses his career`): the
    host asks, the career is the guest's (`their` stays where the guest's pronouns are unknown, as a
    singular they)."""
    verbs = "|".join(JOINT_VERBS)
    own = POSSESSIVES.get(guest.gender or "", "their")
    then = "|".join(THEN_VERBS)
    subject = SUBJECT_PRONOUNS["en"].get(guest.gender) if guest.gender else None  # an English rule

    def singular(rest: str) -> str:
        """`the companies they have worked for` → `… he has worked for`, for the guest of known pronouns."""
        if subject is None:
            return rest
        plural = r"\bthey(?: (have|are|were|do)\b|['’]ve\b)"
        return re.sub(plural, lambda m: f"{subject} {AGREED[m[1] or 'have']}", rest)

    return re.sub(
        rf"\b([Tt]hey|who)( also)? ({verbs})( about| on)? their ((?:\w+ )?(?:{STORY}))\b([^.!?]*? and )?({then})?\b"
        r"([^.!?]*)",
        lambda m: (
            f"{guest.name if m[1] != 'who' else 'who'}{m[2] or ''} {JOINT_VERBS[m[3]]}{m[4] or ''} {own} {m[5]}"
            + singular(f"{m[6] or ''}{THEN_VERBS[m[7]] if m[7] else ''}{m[8]}")
        ),
        text,
    )


def _names(text: str, person: Person) -> bool:
    return any(re.search(rf"\b{re.escape(form)}\b", text) for form in person.forms)


def _renamed(text: str, host: Person, guest: Person) -> str:
    """`text` with the host's names (full name first, then label and first name) as the guest's."""
    for form in host.forms:
        text = re.sub(rf"\b{re.escape(form)}\b", guest.name, text)
    return text
