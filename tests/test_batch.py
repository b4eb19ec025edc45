"""The Batch API cycle against the scripted server's /v1/files and /v1/batches: submit, status,
collect into the answer store, then the online run pays only for what the batch did not answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import TRANSCRIPT
from scripted_server import Fault
from summarizer.cli import main

KEY = "sk-batch-secret-42"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    folder.mkdir()
    text = "\n".join(f"{s.start // 60:.0f}:{s.start % 60:02.0f} {s.text}" for s in TRANSCRIPT.segments)
    (folder / "one.txt").write_text(text)
    (folder / "two.txt").write_text(text.replace("line", "row"))
    return folder


def _submit(server, catalogue: Path, out: Path) -> int:
    argv = ["batch", "submit", str(catalogue), "--base-url", server.base_url, "--model", "scripted"]
    return main([*argv, "--api-key", KEY, "--chunk-tokens", "400", "-o", str(out)])


def _online(server) -> list[str]:
    return [r["step"] for r in server.requests if not r["batch"]]


def test_the_whole_cycle_pays_online_only_for_the_reduces(tmp_path, catalogue, server, capsys, isolated_home):
    server.batch_polls = 2
    assert _submit(server, catalogue, tmp_path / "out") == 0
    submitted = capsys.readouterr().out
    maps = sum(r["batch"] for r in server.requests)
    assert f"{maps} map requests for 2 episodes" in submitted and _online(server) == []
    assert server.batch_calls == ["files", "batches"]

    assert main(["batch", "status", "--api-key", KEY]) == 0
    assert f"in_progress  0/{maps} answered" in capsys.readouterr().out

    assert main(["batch", "collect", "--api-key", KEY]) == 0
    out = capsys.readouterr().out
    assert f"completed: {maps} of {maps} map answers stored; 0 left for online calls" in out
    assert _online(server) == ["reduce", "reduce"]
    for name in ("one", "two"):
        assert main(["validate", str(tmp_path / "out" / name / "summary.json")]) == 0
    assert all(KEY.encode() not in p.read_bytes() for p in isolated_home.iterdir())


def test_collecting_an_unfinished_batch_says_so_and_calls_nothing(tmp_path, catalogue, server, capsys):
    server.batch_polls = 3
    assert _submit(server, catalogue, tmp_path / "out") == 0
    assert main(["batch", "collect", "--api-key", KEY]) == 3
    assert "is in_progress" in capsys.readouterr().out
    assert _online(server) == [] and not (tmp_path / "out").exists()


def test_an_expired_batch_keeps_what_it_answered_and_the_rest_runs_online(tmp_path, catalogue, server, capsys):
    server.batch_outcome = "expired"
    assert _submit(server, catalogue, tmp_path / "out") == 0
    maps = sum(r["batch"] for r in server.requests)  # half the lines ran before expiry
    capsys.readouterr()
    assert main(["batch", "collect", "--api-key", KEY]) == 0
    assert f"expired: {maps} of {2 * maps} map answers stored; {maps} left for online calls" in capsys.readouterr().out
    assert _online(server).count("map") == maps and _online(server).count("reduce") == 2


def test_requests_that_failed_inside_the_batch_are_retried_online(tmp_path, catalogue, server, capsys):
    server.script(Fault(status=500), Fault(body="not json"))
    assert _submit(server, catalogue, tmp_path / "out") == 0
    maps = sum(r["batch"] for r in server.requests)
    capsys.readouterr()
    assert main(["batch", "collect", "--api-key", KEY]) == 0
    out = capsys.readouterr().out
    assert f"{maps - 2} of {maps} map answers stored; 2 left for online calls" in out
    assert "failed in the batch: scripted 500" in out and "not valid JSON" in out
    assert sorted(_online(server)) == ["map", "map", "reduce", "reduce"]


def test_nothing_is_submitted_when_the_store_already_has_every_map_answer(tmp_path, catalogue, server, capsys):
    argv = ["run", str(catalogue), "--base-url", server.base_url, "--model", "scripted", "--api-key", KEY]
    assert main([*argv, "--chunk-tokens", "400", "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    assert _submit(server, catalogue, tmp_path / "out") == 0
    assert "nothing to submit" in capsys.readouterr().out and server.batch_calls == []


def test_the_batch_api_needs_an_openai_endpoint(tmp_path, catalogue, capsys):
    assert main(["batch", "submit", str(catalogue), "-o", str(tmp_path / "out")]) == 2
    assert "the OpenAI API needs a key" in capsys.readouterr().err


def test_status_of_an_unknown_batch_is_a_one_line_error(capsys):
    assert main(["batch", "status", "batch_nope"]) == 2
    assert capsys.readouterr().err.strip() == "summarizer: error: no batch batch_nope was submitted from here"


def test_batch_results_file_lines_become_answers_or_reasons():
    from summarizer.batch import read_results

    good = {
        "choices": [
            {
                "message": {
                    "content": json.dumps({"title": "t", "tagline": "g", "summary": "s", "advice": [], "quotes": []})
                },
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 7},
    }
    cut = {"choices": [{"message": {"content": "{"}, "finish_reason": "length"}]}
    lines = [
        {"custom_id": "a", "response": {"status_code": 200, "body": good}, "error": None},
        {"custom_id": "b", "response": {"status_code": 200, "body": cut}, "error": None},
        {"custom_id": "c", "response": None, "error": {"code": "x", "message": "expired before it ran"}},
    ]
    results = read_results("\n".join(json.dumps(line) for line in lines), "reduce")
    assert list(results.answers) == ["a"] and results.answers["a"].completion_tokens == 7
    assert results.rejected == {"b": "cut off at its answer budget", "c": "failed in the batch: expired before it ran"}


def test_a_job_keeps_its_run_configuration_as_json_without_the_key(tmp_path, catalogue, server, capsys):
    from summarizer.api import open_store

    assert _submit(server, catalogue, tmp_path / "out") == 0
    store = open_store()
    [(_, job, _)] = store.batches()
    store.close()
    assert "argv" not in job and "api_key" not in job["config"]
    assert job["config"]["model"] == "scripted" and job["config"]["chunk_tokens"] == 400
    assert job["config"]["base_url"] == server.base_url and job["output"] == str((tmp_path / "out").resolve())


def test_a_job_submitted_by_an_earlier_version_is_still_collected(tmp_path):
    from summarizer.batch.jobs import Job

    argv = ["run", "/x/one.txt", "--provider", "openai", "-o", "/x/out", "--chunk-tokens", "400", "--model", "m"]
    job = Job.from_json({"argv": argv, "requests": 3, "episodes": 1}, api_key="sk-again")
    assert job.paths == (Path("/x/one.txt"),) and job.output == Path("/x/out") and job.requests == 3
    assert (job.config.model, job.config.chunk_tokens, job.config.api_key) == ("m", 400, "sk-again")
