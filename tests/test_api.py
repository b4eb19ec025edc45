"""The library a newsletter script uses: summarize, read/parse, render, validate, typed documents."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import get_type_hints

import pytest

import summarizer
from helpers import LINES
from summarizer import types
from summarizer.cli import main
from summarizer.errors import InputError, StoreError
from summarizer.store import AnswerStore

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SCHEMA = json.loads((Path(summarizer.__file__).parent / "schemas" / "summary.schema.json").read_text())


def scripted(server) -> dict:
    return {"base_url": server.base_url, "model": "scripted", "api_key": "sk-test", "chunk_tokens": 600}


def test_summarize_a_path_returns_a_valid_document(server):
    document = summarizer.summarize(FIXTURES / "podcast.vtt", guests=["Raj Patel"], **scripted(server))
    assert summarizer.validate(document) == []
    assert document["episode"]["format"] == "vtt" and document["episode"]["guests"] == ["Raj Patel"]


def test_summarize_takes_a_parsed_transcript_and_renders_it(server):
    transcript = summarizer.parse_transcript("\n".join(LINES), format="captions")
    document = summarizer.summarize(transcript, **scripted(server))
    assert "# " in summarizer.render(document, "markdown")
    assert summarizer.render(document, "youtube").startswith("0:00")


def test_asummarize_runs_inside_an_event_loop(server):
    async def script() -> str:
        document = await summarizer.asummarize(FIXTURES / "otter.txt", **scripted(server))
        return document["episode"]["format"]

    assert asyncio.run(script()) == "otter"


def test_an_unknown_option_is_an_input_error_before_any_call(server):
    with pytest.raises(InputError, match="unknown option"):
        summarizer.summarize(FIXTURES / "podcast.vtt", temperature=0.3, **scripted(server))
    assert server.requests == []


def test_validate_lists_each_problem_with_its_path():
    problems = summarizer.validate({"title": 3})
    assert any(p.startswith("$.title") for p in problems) and any("required" in p for p in problems)


def test_read_transcript_takes_a_format_keyword():
    assert summarizer.read_transcript(FIXTURES / "podcast.json", format="json").format == "podcast-json"


@pytest.mark.parametrize(
    "typed,path",
    [
        (types.Document, []),
        (types.Episode, ["episode"]),
        (types.CastMember, ["episode", "cast", "items"]),
        (types.Chapter, ["chapters", "items"]),
        (types.Advice, ["advice", "items"]),
        (types.Quote, ["quotes", "items"]),
        (types.Resource, ["resources", "items"]),
        (types.Generator, ["generator"]),
    ],
)
def test_typed_document_keys_match_the_json_schema(typed, path):
    node = SCHEMA
    for step in path:
        node = node["items"] if step == "items" else node["properties"][step]
    assert set(get_type_hints(typed)) == set(node["properties"]) == set(node["required"])


def test_a_damaged_store_is_moved_aside_and_the_run_goes_on(isolated_home, server, tmp_path, capsys):
    isolated_home.mkdir(parents=True)
    (isolated_home / "answers.sqlite").write_bytes(b"this is not a database, a copy cut short" * 100)
    transcript = tmp_path / "ep.txt"
    transcript.write_text("0:00 Emma: Welcome to the show.\n0:05 Raj: Thanks for having me.\n")
    args = ["run", str(transcript), "-o", str(tmp_path / "out"), "--base-url", server.base_url, "--model", "scripted"]
    assert main([*args, "--api-key", "sk-test", "--chunk-tokens", "600"]) == 0
    err = capsys.readouterr().err
    assert "is damaged" in err and "moved aside" in err and "Traceback" not in err
    kept = list(isolated_home.glob("answers.sqlite.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")
    assert AnswerStore(isolated_home / "answers.sqlite").stats().answers > 0


def test_a_store_that_cannot_be_opened_is_one_line_naming_the_file_and_the_fix(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError) as caught:
        AnswerStore(blocker / "answers.sqlite")
    message = str(caught.value)
    assert str(blocker) in message and "--no-cache" in message and "\n" not in message


def test_a_store_damaged_after_opening_fails_one_line_not_a_traceback(tmp_path):
    store = AnswerStore(tmp_path / "answers.sqlite")
    store._db.close()
    store._db = sqlite3.connect(":memory:")  # the answers table is gone, as after a damaged page
    with pytest.raises(StoreError, match="cannot be read"):
        store.get("k")


def test_chapters_from_words_need_no_model():
    chapters = summarizer.chapters_from_words(summarizer.parse_transcript("\n".join(LINES)))
    assert chapters[0]["start"] == 0.0 and len(chapters) >= 2
    assert all(a["end"] == b["start"] for a, b in zip(chapters, chapters[1:]))


def test_an_episode_without_an_output_folder_is_a_clear_error_not_a_crash(server):
    from summarizer.catalogue import Episode, run_episodes
    from summarizer.metadata import EpisodeMeta
    from summarizer.report import ProgressLine

    run = summarizer.api.runner(summarizer.RunConfig(**scripted(server), cache=False))
    episode = Episode(summarizer.parse_transcript("\n".join(LINES)), EpisodeMeta(), None)
    with pytest.raises(summarizer.SummarizerError, match="no output folder"):
        asyncio.run(run_episodes(run.pipeline, [episode], ProgressLine(), report=False))
    assert server.requests == []
