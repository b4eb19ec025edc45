"""Fault injection over loopback: the real `openai` client against the scripted server.

Each scenario asserts the outcome (success, or the precise error), the number of requests the
server saw, and that no answer already paid for is lost. Runs use one call in flight, so a
scripted fault always lands on the first request.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

import pytest

from helpers import SECRET, TRANSCRIPT, run_pipeline
from scripted_server import Fault, ScriptedServer
from summarizer.errors import SummarizerError
from summarizer.errors import ChunkFailed
from summarizer.providers.openai_provider import MAX_ATTEMPTS
from summarizer.store import AnswerStore
from summarizer.validation import validation_errors


@pytest.fixture(scope="module")
def clean_calls() -> int:
    """Requests a fault-free run makes: every scenario is measured against it."""
    with ScriptedServer() as server:
        run_pipeline(server, concurrency=1)
        return len(server.requests)


@dataclass
class Recovers:
    name: str
    faults: list[Fault]
    extra_requests: int
    sleeps: list[float] | None = None  # exact waits asked for, when the server named them
    provider: dict = field(default_factory=dict)


def _invent_blocks(answer: dict) -> dict:
    for key in ("advice", "resources"):
        for item in answer.get(key, []):
            item["block"] = 9999
    answer["quotes"] = [9999]
    for section in answer.get("sections", [])[1:]:
        section["start_block"] = 9999
    return answer


RECOVERIES = [
    Recovers("429 storm honouring retry-after", [Fault(status=429, headers={"retry-after": "2"})] * 5, 5, [2.0] * 5),
    Recovers("429 honouring retry-after-ms", [Fault(status=429, headers={"retry-after-ms": "250"})], 1, [0.25]),
    Recovers("500, 502 and 503", [Fault(status=500), Fault(status=502), Fault(status=503)], 3),
    Recovers("408 and 409", [Fault(status=408), Fault(status=409)], 2),
    Recovers("dropped connections", [Fault(drop=True), Fault(drop=True)], 2),
    Recovers("slow response past the timeout", [Fault(delay=1.5)], 1, provider={"timeout": 0.5}),
    Recovers("invalid JSON re-asked", [Fault(body="Sure! Here are the notes: {")], 1),
    Recovers("schema-invalid JSON re-asked", [Fault(body=json.dumps({"sections": "nope"}))], 1),
    Recovers("truncated JSON gets a larger budget", [Fault(body='{"sections": [{"start_', finish_reason="length")], 1),
    Recovers(
        "JSON cut off after its sections keeps them",
        [
            Fault(
                body='{"sections": [{"start_block": 1, "title": "T", "summary": "S"}], "advice": [',
                finish_reason="length",
            )
        ],
        0,
    ),
    Recovers("empty answer re-asked", [Fault(body="")], 1),
]


@pytest.mark.parametrize("case", RECOVERIES, ids=lambda c: c.name)
def test_transient_faults_and_bad_answers_are_recovered(case: Recovers, clean_calls: int):
    with ScriptedServer() as server:
        server.script(*case.faults)
        result, provider = run_pipeline(server, concurrency=1, **case.provider)
    assert validation_errors(result.document, "summary") == []
    assert len(server.requests) == clean_calls + case.extra_requests
    if case.sleeps is not None:
        assert provider.sleeps == case.sleeps
    else:
        assert all(0 <= s <= 30 for s in provider.sleeps)


def test_an_answer_cut_off_after_its_sections_is_kept_and_counted():
    body = '{"sections": [{"start_block": 1, "title": "Opening the shop", "summary": "Tom opens."}], "advice": [{"b'
    with ScriptedServer() as server:
        server.script(Fault(body=body, finish_reason="length"))
        result, _ = run_pipeline(server, concurrency=1)
    assert result.stats.cut_off == 1
    assert result.document["chapters"][0]["title"] == "Opening the shop"


def test_a_truncated_answer_is_asked_again_with_twice_the_budget():
    with ScriptedServer() as server:
        server.script(Fault(body='{"sections": [', finish_reason="length"))
        run_pipeline(server, concurrency=1)
    first, second = (r["body"]["max_tokens"] for r in server.requests[:2])
    assert second == 2 * first
    assert server.requests[1]["body"]["messages"] == server.requests[0]["body"]["messages"]


def test_invented_block_ids_are_dropped_or_corrected_and_never_rendered(clean_calls: int):
    with ScriptedServer() as server:
        server.script(*[Fault(mutate=_invent_blocks)] * 3)
        result, _ = run_pipeline(server, concurrency=1)
    drops = result.stats.drops.counts
    assert len(server.requests) == clean_calls
    assert drops["advice citing another block (placed by its words)"] == 3  # its words are there
    assert drops["resource citing a block outside its chunk"] == 3
    assert drops["quote chosen by a number not marked in its part"] == 3
    blocks = {item["block"] for key in ("advice", "quotes") for item in result.document[key]}
    assert 9999 not in blocks and validation_errors(result.document, "summary") == []
    assert result.document["quotes"]  # topped up from the candidates found in the words


@pytest.mark.parametrize(
    "status, message",
    [
        (400, "the server rejected the request"),
        (401, "the API key was refused: check OPENAI_API_KEY or --api-key"),
        (403, "the API key may not use this model or endpoint"),
        (404, "model 'scripted' or the endpoint was not found: check --model and --base-url"),
    ],
)
def test_client_errors_fail_at_once_saying_what_to_fix(status: int, message: str, clean_calls: int):
    with ScriptedServer() as server:
        server.script(Fault(status=status))
        with pytest.raises(SummarizerError) as caught:
            run_pipeline(server, concurrency=1)
    assert message in str(caught.value) and SECRET not in str(caught.value)
    # A bad key, model or URL stops the run; a 400 belongs to one chunk, and the others still answer.
    assert len(server.requests) == (clean_calls - 1 if status == 400 else 1)


def test_a_refusal_is_a_clear_error_for_its_chunk_and_the_other_chunks_are_answered(clean_calls: int):
    with ScriptedServer() as server:
        server.script(Fault(refusal="I can't help with that."))
        with pytest.raises(ChunkFailed, match=r"chunk 1/\d+ .* the model refused: I can't help with that."):
            run_pipeline(server, concurrency=1)
    assert server.steps() == ["map"] * (clean_calls - 1)  # no re-ask of a refusal, no reduce


def test_a_rate_limit_that_never_lifts_gives_up_after_the_bounded_attempts(clean_calls: int):
    with ScriptedServer() as server:
        server.script(*[Fault(status=429, headers={"retry-after": "1"})] * MAX_ATTEMPTS)
        with pytest.raises(ChunkFailed, match="rate limited after every retry: lower --concurrency"):
            run_pipeline(server, concurrency=1)
    assert len(server.requests) == MAX_ATTEMPTS + clean_calls - 2  # the other chunks still answered


def test_a_chunk_that_keeps_failing_is_named_and_the_rerun_pays_only_for_what_is_missing(tmp_path, clean_calls: int):
    store = AnswerStore(tmp_path / "answers.sqlite")
    with ScriptedServer() as server:
        server.script(*[Fault(status=503)] * MAX_ATTEMPTS)
        with pytest.raises(ChunkFailed, match=r"chunk 1/\d+ .*the server kept failing.*run again to resume") as caught:
            run_pipeline(server, store, concurrency=1)
        assert "1 of" in str(caught.value)
        kept = store.stats().answers
        assert kept == clean_calls - 2  # every map answer but the failed chunk's; no reduce yet
        before = len(server.requests)
        result, _ = run_pipeline(server, store, concurrency=1)
    assert len(server.requests) - before == result.stats.calls == 2  # the failed chunk, then the reduce
    assert result.stats.cached_answers == kept


def test_a_run_killed_mid_way_loses_no_answer_it_received(tmp_path, clean_calls: int):
    """kill -9 while the fourth answer is on its way; the rerun repeats none of the first three."""
    transcript = tmp_path / "episode.txt"
    transcript.write_text("\n".join(f"{s.start // 60:.0f}:{s.start % 60:02.0f} {s.text}" for s in TRANSCRIPT.segments))
    with ScriptedServer() as server:
        server.script(Fault(), Fault(), Fault(), Fault(delay=30))
        argv = ["run", str(transcript), "--base-url", server.base_url, "--model", "scripted", "--api-key", SECRET]
        argv += ["--chunk-tokens", "400", "--concurrency", "1", "-o", str(tmp_path / "out")]
        child = subprocess.Popen([sys.executable, "-m", "summarizer.cli", *argv], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(server.requests) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert len(server.requests) == 4 and not (tmp_path / "out" / "episode" / "summary.json").exists()
        server.faults.clear()
        before = len(server.requests)
        rerun = subprocess.run([sys.executable, "-m", "summarizer.cli", *argv], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert "3 answers reused from the store" in rerun.stdout
    assert len(server.requests) - before == clean_calls - 3
