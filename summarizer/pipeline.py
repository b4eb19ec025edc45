"""Map, bounded collapse, reduce: a transcript becomes an episode document.

Side effects are limited to model calls (through the provider protocol) and the answer store;
everything else is delegated to the pure modules (chunking, notes, grounding, document).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Callable

from .budget import Budget, Limits, Plan
from .chunking import MAX_STARTS, Block, Chunk, transcript_tokens
from .document import build_document, reads_as_list, written_fields
from .errors import AccessError, AnswerError, BudgetError, InputError, ProviderError, SummarizerError
from .grounding import QuoteLocator
from .language import off_language
from .limiter import RateLimiter
from .metadata import EpisodeMeta
from .answers import notes_from_map, notes_from_merge
from .chapters import consolidate, credit_guests, shortest_section
from .notes import Drops, Notes, combine, group_parts, render_notes, trim
from .prompts import fence, load_prompt
from .prepare import Prepared, language_line, prepare
from .providers.base import Provider
from .store import AnswerStore, answer_key
from .timefmt import format_clock
from .tokens import count_message_tokens, count_tokens
from .transcript import Transcript
from .validation import Answer, Reply, ask_valid, model_schema, validation_errors

log = logging.getLogger("summarizer")

SAFETY_MARGIN = 256
WIDEST_TOPICS = ", ".join(["00000 (0:00:00)"] * MAX_STARTS)


@dataclass(frozen=True)
class Settings:
    chunk_tokens: int | None = None
    overlap: int = 1
    concurrency: int | None = None
    map_answer_tokens: int = 900
    merge_answer_tokens: int = 1200
    reduce_answer_tokens: int = 1500
    max_collapse_depth: int = 3
    attempts: int = 3
    limits: Limits = Limits()
    requests_per_minute: int | None = None
    tokens_per_minute: int | None = None


@dataclass
class RunStats:
    chunks: int = 0
    calls: int = 0
    cached_answers: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    request_tokens: int = 0
    transcript_tokens: int = 0
    collapse_depth: int = 0
    quotes_kept: int = 0
    seconds: float = 0.0
    drops: Drops = field(default_factory=Drops)

    @property
    def amplification(self) -> float:
        """Prompt tokens of every request over the transcript's own tokens (1.0 = read once)."""
        return self.request_tokens / self.transcript_tokens if self.transcript_tokens else 0.0


@dataclass(frozen=True)
class Result:
    document: dict[str, Any]
    stats: RunStats


class ChunkFailed(SummarizerError):
    """One chunk could not be answered; everything else already answered is in the store."""


Progress = Callable[[str, str, int, int], None]  # episode, stage, done, total


@dataclass
class _Pool:
    """What every run in one event loop shares: calls in flight, rate limits, the budget, and a
    refusal (bad key or model) that stops them all. asyncio primitives belong to their loop."""

    loop: asyncio.AbstractEventLoop
    semaphore: asyncio.Semaphore
    limiter: RateLimiter
    budget: Budget
    refused: AccessError | None = None


class Pipeline:
    def __init__(
        self,
        provider: Provider,
        store: AnswerStore | None = None,
        settings: Settings = Settings(),
        progress: Progress = lambda episode, stage, done, total: None,
    ) -> None:
        self.provider = provider
        self.store = store
        self.settings = settings
        self.progress = progress
        self._shared: _Pool | None = None
        self._prepared: dict[tuple[int, EpisodeMeta], Prepared] = {}

    def _pool(self) -> _Pool:
        loop = asyncio.get_running_loop()
        if self._shared is None or self._shared.loop is not loop:
            self._shared = _Pool(
                loop=loop,
                semaphore=asyncio.Semaphore(self.settings.concurrency or self.provider.concurrency),
                limiter=RateLimiter(self.settings.requests_per_minute, self.settings.tokens_per_minute),
                budget=Budget(self.settings.limits) if self._shared is None else self._shared.budget,
            )
        return self._shared

    @property
    def budget(self) -> Budget:
        """Tokens and money spent by every run of this pipeline so far."""
        return self._shared.budget if self._shared else Budget(self.settings.limits)

    def chunk_budget(self) -> int:
        """Transcript tokens per chunk: what the context leaves after the prompt and answer."""
        fixed = count_message_tokens(
            load_prompt("map").messages(metadata="", transcript="", first="", last="", span="", topics=WIDEST_TOPICS)
        )
        room = self.provider.context_window - fixed - self.settings.map_answer_tokens - SAFETY_MARGIN
        budget = self.settings.chunk_tokens or min(self.provider.chunk_tokens, room)
        if room < 100 or budget > room:
            raise InputError(
                f"a {self.provider.context_window}-token context leaves room for {room} transcript tokens per chunk;"
                f" choose --chunk-tokens of at most {room} or a larger --context-window"
            )
        return budget

    def plan(self, transcript: Transcript, meta: EpisodeMeta = EpisodeMeta()) -> Plan:
        """An upper bound of what a run's schedule costs, before any call: the map prompts exactly
        (answers already in the store cost nothing), every answer at its full budget, merges if needed.
        Re-asks (an invalid answer, a summary that is a list) are checked call by call as they happen."""
        prepared = self.prepare(transcript, meta)
        chunks = prepared.chunks
        pending = self._pending(prepared).values()
        calls = len(pending)
        prompt = sum(count_message_tokens(m) for m in pending)
        completion = calls * self.settings.map_answer_tokens
        notes = len(chunks) * self.settings.map_answer_tokens
        reduce_room = self._room("reduce", self.settings.reduce_answer_tokens)
        if notes > reduce_room:
            merges = -(-notes // self._room("merge", self.settings.merge_answer_tokens))
            calls += merges
            prompt += notes + merges * self._fixed("merge")
            completion += merges * self.settings.merge_answer_tokens
            notes = min(notes, merges * self.settings.merge_answer_tokens)
        calls += 1
        prompt += self._fixed("reduce") + min(notes, reduce_room)
        completion += self.settings.reduce_answer_tokens
        return Plan(calls, prompt, completion)

    def pending_maps(
        self, transcript: Transcript, meta: EpisodeMeta = EpisodeMeta()
    ) -> dict[str, list[dict[str, str]]]:
        """The map calls a run would make, by answer-store key: those not answered yet."""
        return self._pending(self.prepare(transcript, meta))

    def prepare(self, transcript: Transcript, meta: EpisodeMeta = EpisodeMeta()) -> Prepared:
        """Blocks, language, cast, topic starts and chunks of one episode, built once however often
        the plan, a batch submission and the run ask for them."""
        known = self._prepared.get((id(transcript), meta))
        if known is None or known.transcript is not transcript:
            known = prepare(transcript, meta, self.chunk_budget(), self.settings.overlap)
            self._prepared[(id(transcript), meta)] = known
        return known

    def _pending(self, prepared: Prepared) -> dict[str, list[dict[str, str]]]:
        keyed = {
            self._key("map", messages, self.settings.map_answer_tokens): messages
            for messages in (self._map_messages(chunk, prepared) for chunk in prepared.chunks)
        }
        return {key: m for key, m in keyed.items() if self.store is None or self.store.get(key) is None}

    async def run(self, transcript: Transcript, meta: EpisodeMeta = EpisodeMeta()) -> Result:
        started = time.monotonic()
        stats = RunStats()
        pool = self._pool()
        if self.settings.limits.active:
            pool.budget.check_plan(self.plan(transcript, meta))
        episode = meta.slug_for(transcript.source)
        prepared = self.prepare(transcript, meta)
        blocks, chunks = prepared.blocks, prepared.chunks
        stats.chunks, stats.transcript_tokens = len(chunks), transcript_tokens(blocks)
        by_id = {b.id: b for b in blocks}
        locator = QuoteLocator(transcript, blocks)

        mapped = await self._map(episode, by_id, locator, prepared, stats)
        self.progress(episode, "reduce", 0, 1)
        collapsed = await self._collapse(mapped, by_id, stats)
        notes = consolidate(collapsed, by_id, stats.drops, prepared.keywords, shortest_section(transcript.duration))
        notes = credit_guests(notes, by_id, prepared.cast, stats.drops)
        messages = load_prompt("reduce").messages(
            metadata=_title_line(meta) + prepared.cast.prompt_lines() + language_line(prepared),
            notes=fence(render_notes(notes, by_id), "notes"),
        )
        answer = await self._ask("reduce", messages, self.settings.reduce_answer_tokens, stats)
        if reads_as_list(answer.data["summary"]):  # one more reduce call, only when it is needed
            again = [
                *messages,
                {"role": "assistant", "content": json.dumps(answer.data, ensure_ascii=False)},
                *load_prompt("prose").messages()[1:],
            ]
            rewritten = await self._ask("reduce", again, self.settings.reduce_answer_tokens, stats)
            if reads_as_list(rewritten.data["summary"]):
                stats.drops.add("summary paragraph still a list after asking for prose")
            else:
                stats.drops.add("summary paragraph that was a list (asked again for prose)")
                answer = dataclasses.replace(answer, data={**answer.data, "summary": rewritten.data["summary"]})
        self.progress(episode, "reduce", 1, 1)
        generator = {"provider": self.provider.name, "model": self.provider.model}
        document = build_document(answer.data, notes, prepared, generator, stats.drops)
        for text in off_language(written_fields(document), prepared.notes_language):
            stats.drops.add(f"generated text not in the notes' language ({prepared.notes_language})", detail=text[:80])
        errors = validation_errors(document, "summary")
        if errors:
            raise SummarizerError(f"internal error: the document does not fit its schema: {errors[0]}")
        stats.quotes_kept = len(document["quotes"])
        for detail in stats.drops.details:
            log.info("%s: %s", episode, detail)
        stats.seconds = time.monotonic() - started
        return Result(document, stats)

    async def _map(
        self, episode: str, by_id: dict[int, Block], locator: QuoteLocator, prepared: Prepared, stats: RunStats
    ) -> list[Notes]:
        chunks = prepared.chunks
        done = 0
        self.progress(episode, "map", 0, len(chunks))

        async def one(chunk: Chunk) -> Notes:
            nonlocal done
            messages = self._map_messages(chunk, prepared)
            answer = await self._ask("map", messages, self.settings.map_answer_tokens, stats)
            done += 1
            self.progress(episode, "map", done, len(chunks))
            own = {b.id: b for b in chunk.blocks}
            cast, keywords, language = prepared.cast, prepared.keywords, prepared.language
            return notes_from_map(answer.data, own, chunk.starts, locator, stats.drops, cast, keywords, language)

        results = await asyncio.gather(*(one(c) for c in chunks), return_exceptions=True)
        refused = self._pool().refused
        if refused is not None:
            raise refused
        over_budget = next((r for r in results if isinstance(r, BudgetError)), None)
        if over_budget is not None:
            raise over_budget
        for chunk, result in zip(chunks, results):
            if isinstance(result, BaseException):
                if not isinstance(result, (AnswerError, ProviderError)):
                    raise result
                span = f"{format_clock(chunk.blocks[0].start)}–{format_clock(chunk.blocks[-1].end)}"
                failed = sum(isinstance(r, BaseException) for r in results)
                raise ChunkFailed(
                    f"chunk {chunk.index + 1}/{len(chunks)} (blocks {chunk.first_id}-{chunk.last_id}"
                    f"{', ' + span if span != '–' else ''}) failed: {result}"
                    f" [{failed} of {len(chunks)} chunks failed; answers received are kept: run again to resume]"
                )
        return [r for r in results if isinstance(r, Notes)]

    async def _collapse(self, parts: list[Notes], by_id: dict[int, Block], stats: RunStats) -> Notes:
        """Merge notes in groups until they fit one reduce call; at most `max_collapse_depth` rounds,
        each at least halving the number of parts, then a deterministic trim: it cannot loop."""
        reduce_room = self._room("reduce", self.settings.reduce_answer_tokens)
        merge_room = self._room("merge", self.settings.merge_answer_tokens)
        level = parts
        while True:
            combined = combine(level)
            if count_tokens(render_notes(combined, by_id)) <= reduce_room:
                return combined
            if stats.collapse_depth >= self.settings.max_collapse_depth or len(level) == 1:
                return trim(combined, by_id, reduce_room)
            stats.collapse_depth += 1
            groups = group_parts(level, by_id, merge_room)
            level = list(await asyncio.gather(*(self._merge(g, by_id, merge_room, stats) for g in groups)))

    async def _merge(self, group: list[Notes], by_id: dict[int, Block], room: int, stats: RunStats) -> Notes:
        notes = trim(combine(group), by_id, room)
        messages = load_prompt("merge").messages(notes=fence(render_notes(notes, by_id), "notes"))
        answer = await self._ask("merge", messages, self.settings.merge_answer_tokens, stats)
        return notes_from_merge(answer.data, notes, by_id, stats.drops)

    def _map_messages(self, chunk: Chunk, prepared: Prepared) -> list[dict[str, str]]:
        return load_prompt("map").messages(
            metadata=prepared.cast.prompt_lines() + language_line(prepared),
            transcript=fence(chunk.render(prepared.names)),
            first=str(chunk.first_id),
            last=str(chunk.last_id),
            span=chunk.span,
            topics=chunk.topics(),
        )

    def _fixed(self, step: str) -> int:
        return count_message_tokens(load_prompt(step).messages(notes="", metadata=""))

    def _room(self, step: str, answer_tokens: int) -> int:
        return self.provider.context_window - self._fixed(step) - answer_tokens - SAFETY_MARGIN

    def _key(self, step: str, messages: list[dict[str, str]], max_tokens: int) -> str:
        return answer_key(self.provider.identity(), step, messages, model_schema(step), max_tokens)

    async def _complete(self, messages: list[dict[str, str]], schema_name: str, max_tokens: int) -> Reply:
        """One provider call, every attempt of it checked against the budget first."""
        pool = self._pool()
        prompt_tokens = count_message_tokens(messages)
        pool.budget.before_call(prompt_tokens, max_tokens)
        await pool.limiter.acquire(prompt_tokens + max_tokens)
        reply = await self.provider.complete(messages, schema_name, max_tokens)
        pool.budget.add(reply.prompt_tokens, reply.completion_tokens)
        return reply

    async def _ask(self, step: str, messages: list[dict[str, str]], max_tokens: int, stats: RunStats) -> Answer:
        stats.request_tokens += count_message_tokens(messages)
        key = self._key(step, messages, max_tokens)
        if self.store is not None and (stored := self.store.get(key)) is not None:
            stats.cached_answers += 1
            return stored
        pool = self._pool()
        async with pool.semaphore:
            if pool.refused is not None:  # a bad key or model fails every call: make no more
                raise pool.refused
            try:
                answer = await ask_valid(self._complete, messages, step, max_tokens, self.settings.attempts)
            except AccessError as exc:
                pool.refused = exc
                raise
        if self.store is not None:
            self.store.put(key, step, self.provider.model, answer)
        stats.calls += answer.calls
        stats.prompt_tokens += answer.prompt_tokens
        stats.completion_tokens += answer.completion_tokens
        return answer


def _title_line(meta: EpisodeMeta) -> str:
    return f"Episode title: {meta.title}\n" if meta.title else ""
