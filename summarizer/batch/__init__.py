"""The OpenAI Batch API for back catalogues: map requests written as one JSONL file, results read
back into answers for the store, so the online run that follows pays only for the reduce.

Pure logic: request lines and result parsing. The HTTP side is the provider's, the workflow (submit,
status, collect) `jobs`'s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..validation import Answer, InvalidAnswer, parse_answer

ENDPOINT = "/v1/chat/completions"


def request_lines(requests: dict[str, dict[str, Any]]) -> bytes:
    """One line per request; the custom_id is the answer-store key, so results find their place."""
    return "".join(
        json.dumps({"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body}, ensure_ascii=False) + "\n"
        for key, body in requests.items()
    ).encode("utf-8")


@dataclass
class BatchResults:
    answers: dict[str, Answer] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)  # key -> why it is left for an online call


def read_results(text: str, schema_name: str, results: BatchResults | None = None) -> BatchResults:
    """Validated answers from a batch output (or error) file; anything else is rejected with a reason."""
    results = results or BatchResults()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            key = item["custom_id"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ValueError(f"batch file line {number} is not a batch result") from None
        response = item.get("response") or {}
        error = item.get("error")
        if error or response.get("status_code") != 200:
            body_error = (response.get("body") or {}).get("error") or {}
            message = (error or body_error).get("message") or f"HTTP {response.get('status_code')}"
            results.rejected[key] = f"failed in the batch: {message}"
            continue
        body = response["body"]
        choice = body["choices"][0]
        if choice.get("finish_reason") == "length":
            results.rejected[key] = "cut off at its answer budget"
            continue
        try:
            data = parse_answer(choice["message"].get("content") or "", schema_name)
        except InvalidAnswer as exc:
            results.rejected[key] = "; ".join(exc.errors[:2])
            continue
        usage = body.get("usage") or {}
        results.answers[key] = Answer(
            data=data,
            prompt_tokens=usage.get("prompt_tokens", 0),
            completion_tokens=usage.get("completion_tokens", 0),
            calls=1,
        )
    return results
