"""The real `openai` client against the scripted server on 127.0.0.1: the whole pipeline."""

import asyncio
import json
import re

import pytest

from scripted_server import TOPIC_STARTS, Fault, ScriptedServer
from summarizer.errors import AccessError
from summarizer.grounding import normalize
from helpers import TRANSCRIPT, run_pipeline, scripted_provider
from summarizer.errors import ChunkFailed
from summarizer.pipeline import Pipeline, Settings
from summarizer.store import AnswerStore
from summarizer.validation import model_schema, validation_errors


def test_document_is_valid_covers_the_episode_and_quotes_are_verbatim(server):
    result, _ = run_pipeline(server)
    doc = result.document
    assert validation_errors(doc, "summary") == []
    assert doc["chapters"][0]["start"] == 0.0 and doc["chapters"][-1]["end"] == TRANSCRIPT.duration
    assert all(a["end"] == b["start"] for a, b in zip(doc["chapters"], doc["chapters"][1:]))
    transcript_words = " ".join(normalize(" ".join(s.text for s in TRANSCRIPT.segments)))
    assert doc["quotes"] and all(" ".join(normalize(q["text"])) in transcript_words for q in doc["quotes"])
    assert server.steps().count("map") == result.stats.chunks > 1 and server.steps()[-1] == "reduce"


def test_chapters_start_at_the_topic_starts_the_map_was_given(server):
    result, _ = run_pipeline(server, chunk_tokens=800)
    firsts = [c["first_block"] for c in result.document["chapters"]]
    given = sorted(
        int(n)
        for r in server.requests
        if r["step"] == "map"
        for n in re.findall(r"(\d+) \(", TOPIC_STARTS.search(r["body"]["messages"][1]["content"]).group(1))
    )
    assert len(given) >= 3 and firsts == given


def test_requests_use_strict_json_schema_and_no_client_retries(server):
    run_pipeline(server)
    body = server.requests[0]["body"]
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    assert server.requests[0]["headers"].get("x-stainless-retry-count") in (None, "0")


def test_server_without_json_schema_falls_back_to_json_mode():
    with ScriptedServer(json_schema=False) as server:
        result, _ = run_pipeline(server, concurrency=1)
    assert validation_errors(result.document, "summary") == []
    later = [r["body"]["response_format"]["type"] for r in server.requests[1:]]
    assert set(later) == {"json_object"}
    assert '"sections"' in server.requests[1]["body"]["messages"][0]["content"]


def test_server_answering_500_to_json_schema_falls_back_at_once_like_llama_cpp_server():
    with ScriptedServer(json_schema=False, refusal_status=500) as server:
        result, provider = run_pipeline(server, concurrency=1)
    assert validation_errors(result.document, "summary") == []
    assert [r["body"]["response_format"]["type"] for r in server.requests[:2]] == ["json_schema", "json_object"]
    assert provider.sleeps == []


def test_json_mode_sends_the_full_schema_for_servers_that_constrain_with_it():
    with ScriptedServer(json_schema=False) as server:
        run_pipeline(server, concurrency=1)
    sent = server.requests[1]["body"]["response_format"]["schema"]
    assert sent == model_schema(server.requests[1]["step"])


def test_rate_limits_are_retried_honouring_retry_after(server):
    server.script(
        Fault(status=429, headers={"retry-after": "7"}),
        Fault(status=503),
        Fault(status=429, headers={"retry-after-ms": "1500"}),
    )
    result, provider = run_pipeline(server, concurrency=1)
    assert validation_errors(result.document, "summary") == []
    assert provider.sleeps[0] == 7.0 and provider.sleeps[2] == 1.5
    assert len(server.requests) == result.stats.calls + 3


def test_bad_key_fails_at_once_without_leaking_it(server):
    server.script(Fault(status=401))
    with pytest.raises(AccessError) as caught:
        run_pipeline(server, chunk_tokens=5000)
    assert "API key was refused" in str(caught.value) and "sk-test-secret" not in str(caught.value)
    assert len(server.requests) == 1


def test_schema_invalid_answer_is_re_asked_with_its_errors(server):
    server.script(Fault(body=json.dumps({"sections": "nope"})))
    result, _ = run_pipeline(server, concurrency=1)
    assert validation_errors(result.document, "summary") == []
    reask = server.requests[1]["body"]["messages"]
    assert reask[-2]["role"] == "assistant" and "is not of type 'array'" in reask[-1]["content"]


def test_unchanged_episode_regenerates_from_the_store_with_zero_calls(server, tmp_path):
    store = AnswerStore(tmp_path / "answers.sqlite")
    first, _ = run_pipeline(server, store)
    calls = len(server.requests)
    second, _ = run_pipeline(server, store)
    assert len(server.requests) == calls and second.stats.calls == 0
    assert second.stats.cached_answers == first.stats.calls
    assert second.document == first.document


def test_many_chunks_collapse_in_bounded_rounds(server):
    provider = scripted_provider(server, context_window=1900)
    pipeline = Pipeline(
        provider,
        None,
        Settings(
            chunk_tokens=120,
            reduce_answer_tokens=1200,
            merge_answer_tokens=300,
            map_answer_tokens=300,
            max_collapse_depth=2,
        ),
    )
    result = asyncio.run(pipeline.run(TRANSCRIPT))
    assert 1 <= result.stats.collapse_depth <= 2
    assert "merge" in server.steps() and server.steps()[-1] == "reduce"
    assert validation_errors(result.document, "summary") == []


def test_a_failing_chunk_names_itself_and_keeps_the_other_answers(server, tmp_path):
    store = AnswerStore(tmp_path / "answers.sqlite")
    server.script(*[Fault(body="not json")] * 3)
    with pytest.raises(ChunkFailed, match=r"chunk 1/\d+ \(blocks 1-"):
        run_pipeline(server, store, concurrency=1)
    answered = store.stats().answers
    assert answered >= 1
    before = len(server.requests)
    result, _ = run_pipeline(server, store)
    assert len(server.requests) - before == result.stats.calls == 2


def test_changing_only_the_reduce_prompt_reruns_only_the_reduce(server, tmp_path, monkeypatch):
    import shutil

    from summarizer import prompts

    store = AnswerStore(tmp_path / "answers.sqlite")
    run_pipeline(server, store)
    before = len(server.requests)
    edited = tmp_path / "prompts"
    shutil.copytree(prompts.prompt_dir(), edited)
    reduce = edited / "reduce.md"
    assert "one paragraph of 3 to 5 full sentences" in reduce.read_text()
    reduce.write_text(
        reduce.read_text().replace("one paragraph of 3 to 5 full sentences", "one paragraph of 2 to 4 full sentences")
    )
    monkeypatch.setattr(prompts, "prompt_dir", lambda: edited)
    prompts.load_prompt.cache_clear()
    try:
        result, _ = run_pipeline(server, store)
    finally:
        prompts.load_prompt.cache_clear()
    assert server.steps()[before:] == ["reduce"] and result.stats.calls == 1


def test_every_topic_start_becomes_a_chapter(server):
    pipeline = Pipeline(scripted_provider(server), None, Settings(chunk_tokens=400))
    result = asyncio.run(pipeline.run(TRANSCRIPT))
    starts = pipeline.prepare(TRANSCRIPT).starts
    assert [c["first_block"] for c in result.document["chapters"]] == starts


def test_a_summary_that_is_a_list_of_topics_is_asked_again_for_prose_once(server):
    server.list_summaries = True
    result, _ = run_pipeline(server)
    assert server.steps().count("reduce") == 2
    assert "The notes had" in result.document["summary"]  # the prose answer, completed from the chapters
    assert result.stats.drops.counts["summary paragraph that was a list (asked again for prose)"] == 1


def test_a_prose_summary_costs_no_second_reduce(server):
    run_pipeline(server)
    assert server.steps().count("reduce") == 1


def test_a_title_naming_what_the_episode_never_says_is_asked_again_once(server):
    server.invented_titles = 1
    result, _ = run_pipeline(server)
    assert server.steps().count("reduce") == 2
    follow_up = server.requests[-1]["body"]["messages"][-1]["content"]
    assert '"Submarines"' in follow_up and "compost" in follow_up.lower()  # the episode's own words shown
    assert "Submarines" not in result.document["title"] and result.document["title"].startswith("An episode on")
    assert result.stats.drops.counts["title naming what the episode never says (asked again)"] == 1


def test_a_title_still_invented_after_asking_again_is_made_from_a_chapter(server):
    server.invented_titles = 2
    result, _ = run_pipeline(server)
    doc = result.document
    assert server.steps().count("reduce") == 2
    assert doc["title"] in {c["title"] for c in doc["chapters"]}  # no guest in this episode: the chapter alone
    assert (
        result.stats.drops.counts["title naming what the episode never says (made from the guest and a chapter)"] == 1
    )


def test_a_title_in_the_episodes_words_costs_no_second_reduce(server):
    result, _ = run_pipeline(server)
    assert server.steps().count("reduce") == 1 and result.document["title"].startswith("An episode on")
