"""The embedded model: a GGUF file run in-process by llama.cpp (`llama-cpp-python`).

Answers are constrained by the JSON schema during decoding (llama.cpp compiles it to a grammar,
asked about the chosen token first: `greedy_grammar`), and still validated above this layer. Calls
run one at a time in a worker thread: two cores are fully used by one decode, and a single context
lets llama.cpp reuse the cached system prompt.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from pathlib import Path
from typing import Any

from ..errors import ModelFileError
from ..validation import LOOP_LONGEST, LOOP_REPEATS, Messages, Reply, Step, model_schema, runs_away
from .model_files import check_gguf

DEFAULT_CONTEXT = 8192
# Greedy decoding of a 1.5B model can loop ("The speaker also emphasizes … The speaker also …")
# until the answer budget runs out; a mild penalty on the last 64 tokens breaks the loop without
# touching quotes copied from the transcript, which lies further back.
REPEAT_PENALTY = 1.15
LOOP_PIECES = LOOP_LONGEST * LOOP_REPEATS  # streamed pieces (a token, a character or more) a loop shows in
log = logging.getLogger(__name__)


class LocalProvider:
    name = "local"
    concurrency = 1
    # Fewer, larger chunks: every map answer costs ~30 s of decoding here, and reading is cheaper.
    chunk_tokens = 3200

    def __init__(self, path: Path, context_window: int = DEFAULT_CONTEXT, threads: int | None = None) -> None:
        self.path = path
        self.model = path.stem
        self.context_window = context_window
        self._threads = threads or os.cpu_count() or 2
        self._llm: Any = None
        self._lock = threading.Lock()  # one decode at a time, whichever event loop asks

    def identity(self) -> dict[str, Any]:
        return {
            "provider": self.name,
            "model": self.model,
            "bytes": self.path.stat().st_size,
            "repeat_penalty": REPEAT_PENALTY,
        }

    def load(self) -> None:
        """Load the model once per run (seconds for a 1 GB file)."""
        if self._llm is not None:
            return
        check_gguf(self.path)
        try:
            from .greedy_grammar import GrammarLlama
        except ImportError:
            raise ModelFileError("the embedded model needs llama-cpp-python: pip install 'summarizer[local]'") from None
        try:
            self._llm = GrammarLlama(
                model_path=str(self.path),
                n_ctx=self.context_window,
                n_threads=self._threads,
                n_batch=512,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelFileError(f"{self.path}: llama.cpp could not load it ({exc}); delete it and run again") from None

    async def complete(self, messages: Messages, schema_name: Step, max_tokens: int) -> Reply:
        return await asyncio.to_thread(self._complete, messages, schema_name, max_tokens)

    def _complete(self, messages: Messages, schema_name: Step, max_tokens: int) -> Reply:
        """The answer, streamed so that one looping on itself is stopped at once (`runs_away`) and
        reported as cut off, instead of writing on to its budget (136 s for one part of the shared
        caption transcript). Streams carry no usage: the answer's tokens are counted from its text, the
        prompt's are the rest of the context."""
        with self._lock:
            self.load()
            stream = self._llm.create_chat_completion(
                messages=messages,
                response_format={"type": "json_object", "schema": model_schema(schema_name)},
                max_tokens=max_tokens,
                temperature=0.0,
                repeat_penalty=REPEAT_PENALTY,
                stream=True,
            )
            pieces: list[str] = []
            finish = "length"
            for chunk in stream:
                choice = chunk["choices"][0]
                if piece := choice["delta"].get("content"):
                    pieces.append(piece)
                if choice["finish_reason"]:
                    finish = choice["finish_reason"]
                    break
                if piece and runs_away("".join(pieces[-LOOP_PIECES:])):
                    log.info("%s answer repeating itself: stopped after %d tokens", schema_name, len(pieces))
                    stream.close()
                    break
            text = "".join(pieces)
            written = len(self._llm.tokenize(text.encode("utf-8"), add_bos=False)) if text else 0
            prompt_tokens = max(0, self._llm.n_tokens - written)
        return Reply(text, prompt_tokens, written, finish)

    async def aclose(self) -> None:
        self._llm = None
