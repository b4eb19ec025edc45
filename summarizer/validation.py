"""Schemas by name, validation with readable error paths, and the re-ask loop for model answers."""

from __future__ import annotations

import copy
import json
import logging
import time
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, cast
from collections.abc import Awaitable, Callable

from jsonschema import Draft202012Validator
from tenacity import AsyncRetrying, RetryError, retry_if_exception_type, stop_after_attempt

from .errors import AnswerError, InputError
from .prompts import load_prompt

log = logging.getLogger("summarizer")

Step = Literal["map", "merge", "reduce"]  # a model call's step: its prompt, its schema, its store key
STEPS: tuple[Step, ...] = ("map", "merge", "reduce")
Messages = list[dict[str, str]]

# Keywords OpenAI's strict structured-output mode accepts; anything else is refused there.
STRICT_KEYWORDS = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "description",
    "anyOf",
    "$defs",
    "$ref",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "pattern",
    "format",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema `summarizer/schemas/<name>.schema.json`."""
    path = resources.files("summarizer") / "schemas" / f"{name}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return cast(dict[str, Any], schema)


def model_schema(name: str) -> dict[str, Any]:
    """The schema as sent to a model: the same constraints without the `$schema` marker."""
    schema = copy.deepcopy(load_schema(name))
    schema.pop("$schema", None)
    return schema


def validation_errors(instance: Any, name: str) -> list[str]:
    """Every violation as `path: message`, in document order; empty when valid."""
    validator = Draft202012Validator(load_schema(name))
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{e.json_path}: {e.message}" for e in errors]


def strict_problems(schema: Any, path: str = "$") -> list[str]:
    """Why OpenAI's strict mode would refuse this schema (empty list: it would accept it)."""
    problems: list[str] = []
    if not isinstance(schema, dict):
        return problems
    for key in schema:
        if key not in STRICT_KEYWORDS:
            problems.append(f"{path}: keyword {key!r} is not supported in strict mode")
    if "properties" in schema:
        if schema.get("additionalProperties") is not False:
            problems.append(f"{path}: objects need additionalProperties: false")
        if sorted(schema.get("required", [])) != sorted(schema["properties"]):
            problems.append(f"{path}: every property must be required")
        for key, sub in schema["properties"].items():
            problems += strict_problems(sub, f"{path}.{key}")
    if "items" in schema:
        problems += strict_problems(schema["items"], f"{path}[]")
    for i, sub in enumerate(schema.get("anyOf", [])):
        problems += strict_problems(sub, f"{path}.anyOf[{i}]")
    return problems


class InvalidAnswer(Exception):
    """A model answer that does not parse or does not fit its schema; the re-ask carries `errors`."""

    def __init__(self, errors: list[str], text: str) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors
        self.text = text


class TruncatedAnswer(InvalidAnswer):
    """The model ran out of answer tokens: the next attempt gets a larger budget."""


def parse_answer(text: str, schema_name: str) -> dict[str, Any]:
    """JSON object from a model's text (tolerating a ```json fence) that fits the named schema."""
    body = text.strip()
    if not body:
        raise InvalidAnswer(["the answer was empty"], text)
    if body.startswith("```"):
        body = body.strip("`").removeprefix("json").strip()
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise InvalidAnswer([f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"], text) from None
    errors = validation_errors(data, schema_name)
    if errors:
        raise InvalidAnswer(errors[:10], text)
    return cast(dict[str, Any], data)


LOOP_REPEATS = 3
LOOP_SHORTEST, LOOP_LONGEST = 30, 400
"""An answer whose last characters are one stretch of 30–400 characters said `LOOP_REPEATS` times in a
row is looping: no answer that says something repeats itself so."""


def runs_away(text: str) -> bool:
    """Whether a model is looping (`… once you achieve this result. Misra suggests focusing … once you
    achieve this result. Misra suggests focusing …`): a small model decoding greedily can write so until
    its answer budget is spent."""
    longest = min(LOOP_LONGEST, len(text) // LOOP_REPEATS)
    for size in range(LOOP_SHORTEST, longest + 1):
        tail = text[-size:]
        if all(text[-size * (n + 1) : len(text) - size * n] == tail for n in range(1, LOOP_REPEATS)):
            return True
    return False


def salvaged(text: str, schema_name: str) -> dict[str, Any] | None:
    """What an answer cut off at its token budget holds whole: cut after its last complete item,
    closed as JSON, lists it never reached left empty, and fitting the schema; None unless it had
    finished its first list and begun the next (`sections` written, `advice` begun), so a paid answer
    is kept rather than asked again and a bare start (`{"sections": [`) is asked again."""
    schema = model_schema(schema_name)
    lists = [key for key in schema["required"] if schema["properties"][key].get("type") == "array"]
    closers: list[str] = []
    cuts: list[tuple[int, str]] = []
    in_string = escaped = False
    for at, char in enumerate(text):
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "{[":
            closers.append("}" if char == "{" else "]")
        elif char in "}]" and closers:
            closers.pop()
            cuts.append((at + 1, "".join(reversed(closers))))
        elif char == ",":
            cuts.append((at, "".join(reversed(closers))))
    if len(lists) > 1 and f'"{lists[1]}":' not in text.replace('" :', '":'):
        return None
    for end, closing in reversed(cuts):
        try:
            data = json.loads(text[:end] + closing)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict):
            data = {**{key: [] for key in lists}, **data}
            if not validation_errors(data, schema_name):
                return cast(dict[str, Any], data)
    return None


@dataclass(frozen=True)
class Reply:
    """What a provider returns for one call."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str


@dataclass(frozen=True)
class Answer:
    """A validated answer with what it cost across every attempt."""

    data: dict[str, Any]
    prompt_tokens: int
    completion_tokens: int
    calls: int
    cut_off: bool = False  # the model ran out of tokens and the answer's complete items were kept


Complete = Callable[[Messages, Step, int], Awaitable[Reply]]


async def ask_valid(
    complete: Complete,
    messages: Messages,
    schema_name: Step,
    max_tokens: int,
    attempts: int = 3,
    max_tokens_cap: int = 8192,
) -> Answer:
    """Call the model until its answer fits the schema, re-asking with the errors each time.

    Only parse and schema failures are retried here (transient HTTP faults are the provider's);
    a truncated answer keeps its complete items where it wrote its first list whole (`salvaged`),
    else is retried with twice the answer budget rather than the same call.
    """
    conversation = list(messages)
    budget = max_tokens
    spent = {"prompt": 0, "completion": 0, "calls": 0}
    try:
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(attempts), retry=retry_if_exception_type(InvalidAnswer), reraise=False
        ):
            with attempt:
                started = time.monotonic()
                reply = await complete(conversation, schema_name, budget)
                log.info(
                    "%s attempt %d: %d prompt + %d completion tokens, %s, %.1f s",
                    schema_name,
                    attempt.retry_state.attempt_number,
                    reply.prompt_tokens,
                    reply.completion_tokens,
                    reply.finish_reason,
                    time.monotonic() - started,
                )
                spent["prompt"] += reply.prompt_tokens
                spent["completion"] += reply.completion_tokens
                spent["calls"] += 1
                cut_off = reply.finish_reason == "length"
                try:
                    data = _kept(reply.text, schema_name, budget) if cut_off else parse_answer(reply.text, schema_name)
                except TruncatedAnswer:
                    budget = min(budget * 2, max_tokens_cap)
                    conversation = list(messages)
                    raise
                except InvalidAnswer as exc:
                    log.info("%s answer rejected: %s", schema_name, "; ".join(exc.errors[:3]))
                    conversation = [*messages, {"role": "assistant", "content": reply.text[:4000]}, _reask(exc.errors)]
                    raise
    except RetryError as exc:
        failure = exc.last_attempt.exception()
        detail = "; ".join(failure.errors[:3]) if isinstance(failure, InvalidAnswer) else str(failure)
        raise AnswerError(
            f"no valid {schema_name} answer after {attempts} attempts: {detail}",
            step=schema_name,
            attempts=attempts,
            errors=tuple(failure.errors) if isinstance(failure, InvalidAnswer) else (str(failure),),
            prompt_tokens=spent["prompt"],
            completion_tokens=spent["completion"],
        ) from None
    return Answer(data, spent["prompt"], spent["completion"], spent["calls"], cut_off)


def _kept(text: str, schema_name: Step, budget: int) -> dict[str, Any]:
    """What an answer cut off at `budget` tokens holds whole, or TruncatedAnswer to ask again."""
    data = salvaged(text, schema_name)
    if data is None:
        raise TruncatedAnswer([f"the answer was cut off at {budget} tokens"], text)
    log.info("%s answer cut off at %d tokens: its complete items kept", schema_name, budget)
    return data


def _reask(errors: list[str]) -> dict[str, str]:
    return {"role": "user", "content": load_prompt("reask").render_user(errors="\n".join(f"- {e}" for e in errors))}


def check_document(path_text: str) -> dict[str, Any]:
    """Parse a JSON document for `summarizer validate`; unparseable input is an InputError."""
    try:
        return cast(dict[str, Any], json.loads(path_text))
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg} at line {exc.lineno}") from None
