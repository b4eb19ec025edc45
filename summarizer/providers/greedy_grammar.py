"""Greedy decoding under a JSON schema's grammar, asking the grammar about the chosen token only.

llama-cpp-python runs the grammar over every token of the vocabulary (151,000 for Qwen) at every step
of an answer: on two cores a fifth of the embedded model's writing time. Decoding is greedy, so the
answer is the same token for token if the grammar is first asked only whether the most likely token
is allowed, and run over the whole vocabulary only when it is not (as llama.cpp's own command-line
sampler does). Measured on a part of the shared caption transcript: 96–104 → 81–83 ms a token
(bench/QUALITY.md, round T).
"""

from __future__ import annotations

import ctypes
from typing import Any

import llama_cpp
import numpy as np

_TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)
"""llama.cpp's `llama_token_data`, so that a NumPy array can be handed to its samplers in place."""


class GreedyUnderGrammar:
    """What llama-cpp-python's sampler chain of repeat penalty, grammar and greedy choice picks, with
    the grammar run over the vocabulary only when the best token breaks it. Duck-types the chain's
    `sample(ctx, idx)`, the one method `Llama` calls on it."""

    def __init__(self, llm: Any, grammar: Any, penalties: tuple[int, float, float, float]) -> None:
        self._vocab_size = llm.n_vocab()
        self._penalties = llama_cpp.llama_sampler_init_penalties(self._vocab_size, *penalties)
        self._grammar = llama_cpp.llama_sampler_init_grammar(
            llm._model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        self._ids = np.arange(self._vocab_size, dtype=np.intc)
        self._all = np.zeros(self._vocab_size, dtype=_TOKEN_DATA)
        self._best = np.zeros(1, dtype=_TOKEN_DATA)

    def sample(self, ctx: Any, idx: int = -1) -> int:
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(ctx.ctx, idx), shape=(self._vocab_size,))
        self._all["id"], self._all["logit"] = self._ids, logits
        self._apply(self._penalties, self._all)
        self._best[0] = self._all[int(np.argmax(self._all["logit"]))]
        self._apply(self._grammar, self._best)
        if np.isfinite(self._best["logit"][0]):
            token = int(self._best["id"][0])
        else:
            self._apply(self._grammar, self._all)
            token = int(self._all["id"][int(np.argmax(self._all["logit"]))])
        llama_cpp.llama_sampler_accept(self._penalties, token)
        llama_cpp.llama_sampler_accept(self._grammar, token)
        return token

    @staticmethod
    def _apply(sampler: Any, tokens: np.ndarray[Any, Any]) -> None:
        array = llama_cpp.llama_token_data_array(
            data=tokens.ctypes.data_as(llama_cpp.llama_token_data_p), size=len(tokens), selected=-1, sorted=False
        )
        llama_cpp.llama_sampler_apply(sampler, ctypes.byref(array))

    def __del__(self) -> None:
        for name in ("_penalties", "_grammar"):
            if (sampler := getattr(self, name, None)) is not None:
                llama_cpp.llama_sampler_free(sampler)


class GrammarLlama(llama_cpp.Llama):
    """`Llama` whose greedy decoding under a grammar is `GreedyUnderGrammar`; any other sampling is
    llama-cpp-python's own."""

    def _init_sampler(self, **options: Any) -> Any:  # type: ignore[override]  # Llama passes keywords only
        greedy = options.get("temp") == 0.0 and options.get("logits_processor") is None
        if options.get("grammar") is None or not greedy:
            return super()._init_sampler(**options)
        penalties = (
            self.last_n_tokens_size,
            options.get("repeat_penalty", 1.0),
            options.get("frequency_penalty", 0.0),
            options.get("presence_penalty", 0.0),
        )
        return GreedyUnderGrammar(self, options["grammar"], penalties)
