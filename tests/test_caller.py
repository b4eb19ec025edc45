"""The pipeline asks through a `Caller`: an in-process fake answers its steps with no HTTP at all,
and the typed edges (steps, providers, render formats, errors) say what callers can rely on."""

from __future__ import annotations

import asyncio
from typing import get_args

import pytest

from helpers import TRANSCRIPT
from scripted_server import map_answer, merge_answer, reduce_answer
from summarizer.budget import Budget, Limits
from summarizer.caller import Usage
from summarizer.errors import AccessError, AnswerError, ChunkFailed
from summarizer.pipeline import Pipeline, Settings
from summarizer.validation import STEPS, Answer, Step, validation_errors


class FakeCaller:
    """Answers each step as the scripted server would, from the messages themselves."""

    context_window = 8192
    chunk_tokens = 400
    concurrency = 1
    generator = {"provider": "fake", "model": "in-process"}

    def __init__(self, fail_map: bool = False) -> None:
        self.steps: list[str] = []
        self.budget = Budget(Limits())
        self.fail_map = fail_map

    def pending(self, step, messages, max_tokens):
        return f"{step}:{len(self.steps)}"

    async def ask(self, step, messages, max_tokens, usage: Usage) -> Answer:
        self.steps.append(step)
        if self.fail_map and step == "map":
            raise AnswerError("no valid map answer after 3 attempts: x", step=step, attempts=3, prompt_tokens=7)
        user = messages[-1]["content"]
        data = {"map": map_answer, "merge": merge_answer, "reduce": reduce_answer}[step](user)
        usage.calls += 1
        return Answer(data, prompt_tokens=10, completion_tokens=5, calls=1)

    def refusal(self) -> AccessError | None:
        return None

    async def aclose(self) -> None:
        pass


def test_an_in_process_caller_answers_every_step_and_the_document_is_valid():
    caller = FakeCaller()
    result = asyncio.run(Pipeline(caller=caller, settings=Settings(chunk_tokens=400)).run(TRANSCRIPT))
    assert validation_errors(result.document, "summary") == []
    assert caller.steps[0] == "map" and caller.steps[-1] == "reduce"
    assert result.stats.calls == len(caller.steps) and result.document["generator"]["model"] == "in-process"


def test_a_chunk_that_fails_names_itself_and_what_was_spent():
    with pytest.raises(ChunkFailed) as caught:
        asyncio.run(Pipeline(caller=FakeCaller(fail_map=True), settings=Settings(chunk_tokens=400)).run(TRANSCRIPT))
    error = caught.value
    assert error.chunk == 0 and error.failed == error.chunks > 1 and error.first_block == 1
    assert isinstance(error.cause, AnswerError) and error.cause.attempts == 3 and error.cause.prompt_tokens == 7


def test_steps_are_a_literal_the_schemas_follow():
    assert get_args(Step) == STEPS == ("map", "merge", "reduce")


def test_provider_choices_are_the_registry_and_auto():
    from summarizer.config import PROVIDER_NAMES
    from summarizer.providers import PROVIDERS

    assert PROVIDER_NAMES == ("auto", *PROVIDERS)


def test_render_formats_are_a_literal_of_the_format_table():
    from summarizer.render import FORMATS, RenderFormat

    assert get_args(RenderFormat) == tuple(FORMATS)
