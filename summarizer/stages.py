"""The three model stages over a prepared episode: map each chunk, collapse the notes in bounded
merge rounds until they fit, reduce them to the episode's title, tagline and summary.

Each stage builds its messages from `prompts/`, asks through a `Caller` and hands the answer to
the pure checks (`answers`); none of them knows about stores, pools or providers.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from .answers import notes_from_map, notes_from_merge
from .caller import Caller
from .chunking import MAX_STARTS, Block, Chunk, listed
from .document import reads_as_list, without_lists
from .errors import AnswerError, BudgetError, ChunkFailed, ProviderError
from .grounding import QuoteLocator
from .metadata import EpisodeMeta
from .notes import Notes, combine, group_parts, render_notes, trim
from .prepare import Prepared, language_line
from .prompts import fence, load_prompt
from .quotes import Candidate, marks, ranked
from .settings import RunStats, Settings
from .timefmt import format_clock
from .titles import unsaid
from .tokens import count_message_tokens, count_tokens
from .validation import Messages, Step

SAFETY_MARGIN = 256
WIDEST_TOPICS = ", ".join(["00000 (0:00:00)"] * MAX_STARTS)
WIDEST_QUOTES = ", ".join(["0000"] * 2 * MAX_STARTS)

Done = Callable[[int, int], None]  # done, total


def map_messages(chunk: Chunk, prepared: Prepared) -> Messages:
    return load_prompt("map").messages(
        metadata=prepared.cast.prompt_lines() + language_line(prepared),
        transcript=fence(chunk.render(prepared.names, marks(prepared.candidates))),
        first=str(chunk.first_id),
        last=str(chunk.last_id),
        span=chunk.span,
        topics=chunk.topics(),
        quotes=listed([str(c.number) for c in ranked(chunk_candidates(chunk, prepared).values())]) or "none",
    )


def chunk_candidates(chunk: Chunk, prepared: Prepared) -> dict[int, Candidate]:
    """The quote candidates marked in a chunk, by number. The prompt lists them best first: a small
    model takes the first it is offered, a strong one reads them all."""
    ids = {b.id for b in chunk.blocks}
    return {c.number: c for c in prepared.candidates if c.block in ids}


def map_prompt_tokens() -> int:
    """The map prompt's own tokens, with the widest list of topic starts a chunk can carry and a
    wide list of quote candidates (their marks are counted with the blocks)."""
    empty = load_prompt("map").messages(
        metadata="", transcript="", first="", last="", span="", topics=WIDEST_TOPICS, quotes=WIDEST_QUOTES
    )
    return count_message_tokens(empty)


def fixed_tokens(step: Step) -> int:
    """A merge or reduce prompt's tokens before any notes are put in it."""
    return count_message_tokens(load_prompt(step).messages(notes="", metadata=""))


def room(context_window: int, step: Step, answer_tokens: int) -> int:
    """Notes tokens a merge or reduce call can take."""
    return context_window - fixed_tokens(step) - answer_tokens - SAFETY_MARGIN


async def map_chunks(
    caller: Caller, prepared: Prepared, locator: QuoteLocator, settings: Settings, stats: RunStats, done: Done
) -> list[Notes]:
    """Notes of every chunk, or ChunkFailed naming the first chunk that could not be answered."""
    chunks = prepared.chunks
    answered = 0
    done(0, len(chunks))

    async def one(chunk: Chunk) -> Notes:
        nonlocal answered
        answer = await caller.ask("map", map_messages(chunk, prepared), settings.map_answer_tokens, stats)
        answered += 1
        done(answered, len(chunks))
        own = {b.id: b for b in chunk.blocks}
        cast, keywords, language = prepared.cast, prepared.keywords, prepared.language
        candidates = chunk_candidates(chunk, prepared)
        return notes_from_map(
            answer.data, own, chunk.starts, locator, stats.drops, cast, keywords, language, candidates
        )

    results = await asyncio.gather(*(one(c) for c in chunks), return_exceptions=True)
    refused = caller.refusal()
    if refused is not None:
        raise refused
    over_budget = next((r for r in results if isinstance(r, BudgetError)), None)
    if over_budget is not None:
        raise over_budget
    failed = sum(isinstance(r, BaseException) for r in results)
    for chunk, result in zip(chunks, results):
        if isinstance(result, BaseException):
            if not isinstance(result, (AnswerError, ProviderError)):
                raise result
            span = f"{format_clock(chunk.blocks[0].start)}–{format_clock(chunk.blocks[-1].end)}"
            raise ChunkFailed(
                f"chunk {chunk.index + 1}/{len(chunks)} (blocks {chunk.first_id}-{chunk.last_id}"
                f"{', ' + span if span != '–' else ''}) failed: {result}"
                f" [{failed} of {len(chunks)} chunks failed; answers received are kept: run again to resume]",
                chunk=chunk.index,
                chunks=len(chunks),
                first_block=chunk.first_id,
                last_block=chunk.last_id,
                failed=failed,
                cause=result,
            )
    return [r for r in results if isinstance(r, Notes)]


async def collapse(
    caller: Caller, parts: list[Notes], by_id: dict[int, Block], settings: Settings, stats: RunStats
) -> Notes:
    """Merge notes in groups until they fit one reduce call; at most `max_collapse_depth` rounds,
    each at least halving the number of parts, then a deterministic trim: it cannot loop."""
    reduce_room = room(caller.context_window, "reduce", settings.reduce_answer_tokens)
    merge_room = room(caller.context_window, "merge", settings.merge_answer_tokens)
    level = parts
    while True:
        combined = combine(level)
        if count_tokens(render_notes(combined, by_id)) <= reduce_room:
            return combined
        if stats.collapse_depth >= settings.max_collapse_depth or len(level) == 1:
            return trim(combined, by_id, reduce_room)
        stats.collapse_depth += 1
        groups = group_parts(level, by_id, merge_room)
        merges = (_merge(caller, g, by_id, merge_room, settings, stats) for g in groups)
        level = list(await asyncio.gather(*merges))


async def _merge(
    caller: Caller, group: list[Notes], by_id: dict[int, Block], notes_room: int, settings: Settings, stats: RunStats
) -> Notes:
    notes = trim(combine(group), by_id, notes_room)
    messages = load_prompt("merge").messages(notes=fence(render_notes(notes, by_id), "notes"))
    answer = await caller.ask("merge", messages, settings.merge_answer_tokens, stats)
    return notes_from_merge(answer.data, notes, by_id, stats.drops)


async def reduce(
    caller: Caller,
    notes: Notes,
    by_id: dict[int, Block],
    prepared: Prepared,
    meta: EpisodeMeta,
    settings: Settings,
    stats: RunStats,
) -> dict[str, Any]:
    """Title, tagline and summary paragraph, with the advice and quotes chosen by number; a summary
    that is a list or a title that is invented is asked for once more."""
    title = f"Episode title: {meta.title}\n" if meta.title else ""
    messages = load_prompt("reduce").messages(
        metadata=title + prepared.cast.prompt_lines() + language_line(prepared),
        notes=fence(render_notes(notes, by_id), "notes"),
    )
    answer = await caller.ask("reduce", messages, settings.reduce_answer_tokens, stats)
    written = await _in_prose(caller, messages, answer.data, settings, stats)
    return await _titled(caller, messages, written, prepared, settings, stats)


async def _in_prose(
    caller: Caller, messages: Messages, data: dict[str, Any], settings: Settings, stats: RunStats
) -> dict[str, Any]:
    """The reduce answer with a summary in prose: a list of topics is asked for once more, as prose;
    if it is still a list, its list sentences go where a sentence of prose remains."""
    if not reads_as_list(data["summary"]):
        return data
    rewritten = await caller.ask("reduce", _again(messages, data, "prose"), settings.reduce_answer_tokens, stats)
    if reads_as_list(rewritten.data["summary"]):
        prose = without_lists(data["summary"])
        if prose is None:
            stats.drops.add("summary paragraph still a list after asking for prose")
            return data
        stats.drops.add("list sentence cut from the summary paragraph (still a list after asking for prose)")
        return {**data, "summary": prose}
    stats.drops.add("summary paragraph that was a list (asked again for prose)")
    return {**data, "summary": rewritten.data["summary"]}


async def _titled(
    caller: Caller, messages: Messages, data: dict[str, Any], prepared: Prepared, settings: Settings, stats: RunStats
) -> dict[str, Any]:
    """The reduce answer with a title in the episode's words: a title naming what the episode never
    says is asked for once more (one more call, only when it is needed; a local model reads only the
    new turn, the rest is in its cache). A title still invented is the document's to replace."""
    invented = unsaid(data["title"], prepared.said, prepared.notes_code) if prepared.notes_spoken else []
    if not invented:
        return data
    words = listed([f'"{word}"' for word in invented])
    rewritten = await caller.ask(
        "reduce",
        _again(messages, data, "title", words=words, topics=prepared.topic_words),
        settings.reduce_answer_tokens,
        stats,
    )
    if unsaid(rewritten.data["title"], prepared.said, prepared.notes_code):
        return data
    stats.drops.add(
        "title naming what the episode never says (asked again)", detail=f"{data['title']} → {rewritten.data['title']}"
    )
    return {**data, "title": rewritten.data["title"]}


def _again(messages: Messages, data: dict[str, Any], prompt: str, **values: str) -> Messages:
    """The reduce conversation with its answer and a follow-up from `prompts/<prompt>.md`."""
    return [
        *messages,
        {"role": "assistant", "content": json.dumps(data, ensure_ascii=False)},
        *load_prompt(prompt).messages(**values)[1:],
    ]
