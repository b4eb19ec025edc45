"""Map and merge answers checked against the transcript and turned into notes.

Pure logic. Model answers cite blocks by id; an id that does not exist in the chunk, a quote that is
not in the transcript, or advice with nothing in common with the block it cites is dropped here and
counted, so nothing invented reaches the document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from typing import Any

from .chapters import finished, in_own_words, labelled, merged_sections, spans
from .chunking import Block, sentences
from .grounding import MAX_QUOTE_WORDS, Located, QuoteLocator
from .advice import (
    as_instruction,
    describing_sentences,
    housekeeping,
    plugs,
    reported_by,
    requested,
    said_as_advice,
    told_as_story,
    without_unsaid_purpose,
)
from .cast import Cast
from .notes import (
    QUOTE_WORDS,
    Advice,
    Drops,
    Notes,
    Resource,
    answering_block,
    block_by_words,
    first_sentences,
    grounded,
    named_in,
    nearby_text,
    pasted,
    pick,
    restates,
    shares_content,
)
from .quotes import CAPTION_MAX_WORDS, Candidate


def notes_from_map(
    answer: dict[str, Any],
    blocks: dict[int, Block],
    starts: Collection[int],
    locator: QuoteLocator,
    drops: Drops,
    cast: Cast = Cast(),
    keywords: Mapping[int, str] | None = None,
    language: str = "en",
    candidates: Mapping[int, Candidate] | None = None,
) -> Notes:
    """Keep what a map answer says that the chunk's blocks (`blocks`, by id) can back up; its
    sections are the chunk's topic `starts`, titled and summarised by the answer (a start it skips
    is titled with its `keywords`); its quotes are the numbers of the chunk's quote `candidates`."""
    items = labelled(answer["sections"], sorted(starts), keywords or {}, drops)
    sections = spans(items, set(blocks), max(blocks), drops, "section citing a block outside its chunk")
    said = " ".join(block.text for block in blocks.values())
    for at, section in enumerate(sections):
        if (whole := finished(section.summary, language)) != section.summary:
            drops.add("chapter summary sentence broken off (cut)", detail=section.summary[-80:])
            section = sections[at] = dataclasses.replace(section, summary=whole)
        summary = in_own_words(section.summary, said, language)
        if summary != section.summary:
            cut = " ".join(sentence for sentence in sentences(section.summary) if sentence not in summary)
            drops.add("chapter summary sentence in the speakers' own words (cut)", detail=cut[:200])
            sections[at] = dataclasses.replace(section, summary=summary)

    advice = []
    hosts = {p.label for p in cast.hosts if p.label}
    host_names = {form for p in cast.hosts for form in p.forms}
    spoken: list[dict[str, Any]] = []
    described = describing_sentences([section["summary"] for section in answer["sections"]], language)
    for item in answer["advice"]:
        cited = item["block"] in blocks and shares_content(item["text"], blocks, item["block"])
        block = item["block"] if cited else block_by_words(item["text"], blocks)
        if block is None:
            drops.add(f"advice with nothing in common with {'its block' if item['block'] in blocks else 'its part'}")
            continue
        if block != item["block"]:
            drops.add("advice citing another block (placed by its words)", detail=item["text"][:80])
        if "?" in item["text"]:
            drops.add("advice that asks a question")
            continue
        block = answering_block(item["text"], blocks, block, hosts)
        if pasted(item["text"], blocks, block):  # the speaker's own words: a quote, not a tip
            drops.add("advice pasted from the transcript (offered as a quote)")
            spoken.append({"block": block, "text": item["text"]})
            continue
        if cast.guests and blocks[block].speaker in hosts:  # as found tips: an interview's tips are the guest's
            drops.add("advice made of the host's words in an interview", detail=item["text"][:80])
            continue
        if cast.guests and reported_by(item["text"], host_names, language):
            drops.add("advice the model credits to the host of an interview", detail=item["text"][:80])
            continue
        tip = as_instruction(item["text"], language)
        if tip is None:
            drops.add("advice that reports or describes the talk instead of a tip", detail=item["text"][:80])
            continue
        if plugs(tip, language):
            drops.add("advice that is a plug", detail=tip[:80])
            continue
        passage = nearby_text(blocks, block)
        if (kept := without_unsaid_purpose(tip, passage, language)) != tip:
            drops.add("advice's purpose its passage never says (cut)", detail=tip[:80])
            tip = kept
        if not grounded(tip, passage):
            drops.add("advice most of whose words its passage never says", detail=tip[:80])
            continue
        if requested(tip, passage, language):
            drops.add("advice restating a request put to the guest", detail=tip[:80])
            continue
        if housekeeping(tip, passage, language):
            drops.add("advice made of the show's housekeeping", detail=tip[:80])
            continue
        if told_as_story(tip, passage, language):
            drops.add("advice made of the speaker's own story, not said as advice", detail=tip[:80])
            continue
        if restates(tip, described, said):
            drops.add("advice restating a chapter summary instead of a tip", detail=tip[:80])
            continue
        if not said_as_advice(blocks[block].text, language):
            drops.add("advice its passage does not give (no advice said there)", detail=tip[:80])
            continue
        advice.append(Advice(cast.named(tip), _speaker(item["speaker"], blocks[block], cast), block))

    quotes = chosen_quotes(answer["quotes"], candidates or {}, drops)
    for quote in quotes_from_words(spoken, blocks, locator, drops):
        if quote.speaker in hosts and cast.guests:  # as the candidates: an interview's quotes are the guest's
            drops.add("quote by the host of an interview")
        else:
            quotes.append(quote)

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


def chosen_quotes(numbers: list[int], candidates: Mapping[int, Candidate], drops: Drops) -> list[Located]:
    """The quote candidates a map answer chose by number, in its order; a number not marked in its
    part is dropped and counted."""
    chosen = []
    for number in numbers:
        candidate = candidates.get(number)
        if candidate is None:
            drops.add("quote chosen by a number not marked in its part")
            continue
        chosen.append(candidate.located())
    return chosen


def quotes_from_words(
    items: list[dict[str, Any]], blocks: dict[int, Block], locator: QuoteLocator, drops: Drops
) -> list[Located]:
    """Passages the model wrote out (`{"block", "text"}`: a speaker's paragraph it handed back as
    advice) as the transcript's own words: found in the chunk, whole sentences, never a question."""
    quotes = []
    for item in items:
        text = item["text"]
        if len(text.split()) > MAX_QUOTE_WORDS:  # a passage pasted whole: keep its opening sentences
            text = first_sentences(text, QUOTE_WORDS)
        if len(text.split()) > (MAX_QUOTE_WORDS if locator.punctuated else CAPTION_MAX_WORDS):
            drops.add("passage handed back too long to quote whole")
            continue  # cut anywhere, it would open or end mid-phrase; the candidates are cut at phrases
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
        whole = located.text.rstrip().endswith((".", "!", "…", '"', "”")) and not _opens_mid_sentence(located.text)
        if locator.punctuated and not whole:
            drops.add("quote that is not whole sentences")
            continue
        quotes.append(located)
    return quotes


def _opens_mid_sentence(text: str) -> bool:
    """`what tools you already have …`: in punctuated text a sentence opens on a capital."""
    return text.lstrip("\"“‘' ")[:1].islower()


def _speaker(named: str | None, block: Block, cast: Cast) -> str | None:
    """The transcript's speaker label wins over a name the model gave, shown by the person's full
    name; without labels, the model's name must be someone the user named (a guess is no credit)."""
    if block.speaker:
        return cast.name_for(block.speaker)
    return cast.given(named)


def notes_from_merge(answer: dict[str, Any], notes: Notes, blocks: dict[int, Block], drops: Drops) -> Notes:
    """A merge answer applied to the notes it was given: sections retitled on their starts, the rest chosen."""
    return Notes(
        sections=merged_sections(answer["sections"], notes, drops),
        advice=tuple(pick(notes.advice, answer["advice"], drops, "advice")),
        quotes=tuple(pick(notes.quotes, answer["quotes"], drops, "quote")),
        resources=notes.resources,
    )
