"""Map, bounded collapse, reduce: a transcript becomes an episode document.

The pipeline prepares an episode once (`prepare`), plans what it could cost, runs the stages
(`stages`) through a `Caller` and builds the document; chapters are placed by `chapters`, the
document by `document`. Model calls, the store and the budget are the caller's (`caller`).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable

from .caller import Caller, ModelCaller
from .chapters import consolidate, credit_guests, realigned, shortest_section
from .chunking import PARALLEL_STARTS, SEQUENTIAL_STARTS, transcript_tokens
from .document import build_document, written_fields
from .errors import InputError, SummarizerError
from .grounding import QuoteLocator
from .language import off_language, spoken_words
from .budget import Budget, Plan
from .metadata import EpisodeMeta
from .prepare import Prepared, prepare
from .quotes import rank_quotes
from .providers.base import Provider
from .settings import Result, RunStats, Settings
from .stages import SAFETY_MARGIN, collapse, fixed_tokens, map_chunks, map_messages, map_prompt_tokens, reduce, room
from .store import AnswerStore
from .tokens import count_message_tokens
from .transcript import Transcript
from .validation import Messages, validation_errors

__all__ = ["Pipeline", "Progress", "Result", "RunStats", "Settings"]

log = logging.getLogger("summarizer")

Progress = Callable[[str, str, int, int], None]  # episode, stage, done, total


class Pipeline:
    """Episodes in, documents out; `provider` (with `store`) or any `caller` answers the steps."""

    def __init__(
        self,
        provider: Provider | None = None,
        store: AnswerStore | None = None,
        settings: Settings = Settings(),
        progress: Progress = lambda episode, stage, done, total: None,
        *,
        caller: Caller | None = None,
    ) -> None:
        if caller is None:
            if provider is None:
                raise TypeError("Pipeline needs a provider or a caller")
            caller = ModelCaller(
                provider,
                store,
                concurrency=settings.concurrency,
                attempts=settings.attempts,
                limits=settings.limits,
                requests_per_minute=settings.requests_per_minute,
                tokens_per_minute=settings.tokens_per_minute,
            )
        self.caller = caller
        self.settings = settings
        self.progress = progress
        self._prepared: dict[tuple[int, EpisodeMeta], Prepared] = {}

    @property
    def budget(self) -> Budget:
        """Tokens and money spent by every run of this pipeline so far."""
        return self.caller.budget

    async def aclose(self) -> None:
        await self.caller.aclose()

    def chunk_budget(self) -> int:
        """Transcript tokens per chunk: what the context leaves after the prompt and answer."""
        window = self.caller.context_window
        space = window - map_prompt_tokens() - self.settings.map_answer_tokens - SAFETY_MARGIN
        budget = self.settings.chunk_tokens or min(self.caller.chunk_tokens, space)
        if space < 100 or budget > space:
            raise InputError(
                f"a {window}-token context leaves room for {space} transcript tokens per chunk;"
                f" choose --chunk-tokens of at most {space} or a larger --context-window"
            )
        return budget

    def prepare(self, transcript: Transcript, meta: EpisodeMeta = EpisodeMeta()) -> Prepared:
        """Blocks, language, cast, topic starts and chunks of one episode, built once however often
        the plan, a batch submission and the run ask for them."""
        known = self._prepared.get((id(transcript), meta))
        if known is None or known.transcript is not transcript:
            starts = PARALLEL_STARTS if self.caller.concurrency > 1 else SEQUENTIAL_STARTS
            known = prepare(transcript, meta, self.chunk_budget(), self.settings.overlap, starts)
            self._prepared[(id(transcript), meta)] = known
        return known

    def pending_maps(self, transcript: Transcript, meta: EpisodeMeta = EpisodeMeta()) -> dict[str, Messages]:
        """The map calls a run would make, by answer-store key: those not answered yet."""
        prepared = self.prepare(transcript, meta)
        pending: dict[str, Messages] = {}
        for messages in (map_messages(chunk, prepared) for chunk in prepared.chunks):
            key = self.caller.pending("map", messages, self.settings.map_answer_tokens)
            if key is not None:
                pending[key] = messages
        return pending

    def plan(self, transcript: Transcript, meta: EpisodeMeta = EpisodeMeta()) -> Plan:
        """An upper bound of what a run's schedule costs, before any call: the map prompts exactly
        (answers already in the store cost nothing), every answer at its full budget, merges if needed.
        Re-asks (an invalid answer, a summary that is a list) are checked call by call as they happen."""
        s, window = self.settings, self.caller.context_window
        chunks = self.prepare(transcript, meta).chunks
        pending = self.pending_maps(transcript, meta).values()
        calls = len(pending)
        prompt = sum(count_message_tokens(m) for m in pending)
        completion = calls * s.map_answer_tokens
        notes = len(chunks) * s.map_answer_tokens
        reduce_room = room(window, "reduce", s.reduce_answer_tokens)
        if notes > reduce_room:
            merges = -(-notes // room(window, "merge", s.merge_answer_tokens))
            calls += merges
            prompt += notes + merges * fixed_tokens("merge")
            completion += merges * s.merge_answer_tokens
            notes = min(notes, merges * s.merge_answer_tokens)
        calls += 1
        prompt += fixed_tokens("reduce") + min(notes, reduce_room)
        completion += s.reduce_answer_tokens
        return Plan(calls, prompt, completion)

    async def run(self, transcript: Transcript, meta: EpisodeMeta = EpisodeMeta()) -> Result:
        started = time.monotonic()
        stats = RunStats()
        if self.settings.limits.active:
            self.caller.budget.check_plan(self.plan(transcript, meta))
        episode = meta.slug_for(transcript.source)
        prepared = self.prepare(transcript, meta)
        blocks = prepared.blocks
        stats.chunks, stats.transcript_tokens = len(prepared.chunks), transcript_tokens(blocks)
        by_id = {b.id: b for b in blocks}
        locator = QuoteLocator(transcript, blocks)

        def mapped(done: int, total: int) -> None:
            self.progress(episode, "map", done, total)

        parts = await map_chunks(self.caller, prepared, locator, self.settings, stats, mapped)
        self.progress(episode, "reduce", 0, 1)
        notes = await collapse(self.caller, parts, by_id, self.settings, stats)
        notes = consolidate(notes, by_id, stats.drops, prepared.keywords, shortest_section(transcript.duration))
        notes = realigned(notes, by_id, stats.drops, prepared.keywords)
        notes = credit_guests(notes, by_id, prepared.cast, stats.drops, prepared.notes_code)
        notes = dataclasses.replace(notes, quotes=rank_quotes(notes.quotes, prepared.candidates))
        answer = await reduce(self.caller, notes, by_id, prepared, meta, self.settings, stats)
        self.progress(episode, "reduce", 1, 1)
        document = build_document(answer, notes, prepared, self.caller.generator, stats.drops)
        said = spoken_words([s.text for s in transcript.segments]) if prepared.notes_spoken else frozenset()
        for text in off_language(written_fields(document), prepared.notes_language, said):
            stats.drops.add(f"generated text not in the notes' language ({prepared.notes_language})", detail=text[:80])
        errors = validation_errors(document, "summary")
        if errors:
            raise SummarizerError(f"internal error: the document does not fit its schema: {errors[0]}")
        stats.quotes_kept = len(document["quotes"])
        for detail in stats.drops.details:
            log.info("%s: %s", episode, detail)
        stats.seconds = time.monotonic() - started
        return Result(document, stats)
