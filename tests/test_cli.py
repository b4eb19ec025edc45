"""The `summarizer` command as a user meets it: exit codes, one-line errors, files written whole."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripted_server import Fault
from summarizer.cli import main
from summarizer.grounding import normalize
from summarizer.render import FORMATS as RENDER_FORMATS
from summarizer.transcript import read_transcript

SECRET = "sk-never-print-me-123"


def _run_cli(server, transcript: Path, out: Path, *extra: str) -> int:
    return main(_cli_args(server, transcript, out, *extra))


def _cli_args(server, transcript: Path, out: Path, *extra: str) -> list[str]:
    return [
        "run",
        str(transcript),
        "--base-url",
        server.base_url,
        "--model",
        "scripted",
        "--api-key",
        SECRET,
        "-o",
        str(out),
        "--chunk-tokens",
        "600",
        *extra,
    ]


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", b"0:10 b\n0:01 a\n", b"caf\xe9 \xff\xfe"])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, capsys, server, content):
    bad = tmp_path / "episode.txt"
    bad.write_bytes(content)
    assert _run_cli(server, bad, tmp_path / "out") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("summarizer: error: ") and "\n" not in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() and server.requests == []


def test_missing_file_and_directory_exit_2(tmp_path, server):
    assert _run_cli(server, tmp_path / "absent.txt", tmp_path / "out") == 2
    assert _run_cli(server, tmp_path, tmp_path / "out") == 2


def test_unwritable_output_folder_exits_2_before_any_model_call(tmp_path, server):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    transcript = tmp_path / "ep.txt"
    transcript.write_text("0:00 hello there everyone\n0:05 welcome to the show\n")
    assert _run_cli(server, transcript, blocker) == 2
    assert server.requests == []


def test_run_over_the_shared_transcript_writes_a_valid_document_and_show_notes(
    tmp_path, capsys, server, shared_transcript
):
    assert _run_cli(server, shared_transcript, tmp_path / "out") == 0
    folder = tmp_path / "out" / "datatalks-misra-turp"
    doc = json.loads((folder / "summary.json").read_text())
    assert main(["validate", str(folder / "summary.json")]) == 0
    transcript = read_transcript(shared_transcript)
    chapters = doc["chapters"]
    assert chapters[0]["start"] == 0.0 and chapters[-1]["end"] == transcript.duration
    assert all(a["end"] == b["start"] and a["start"] < b["start"] for a, b in zip(chapters, chapters[1:]))
    words = " ".join(normalize(" ".join(s.text for s in transcript.segments)))
    assert doc["quotes"] and all(" ".join(normalize(q["text"])) in words for q in doc["quotes"])
    for quote in doc["quotes"]:
        first = next(i for i, s in enumerate(transcript.segments) if s.start == quote["start"])
        following = " ".join(s.text for s in transcript.segments[first : first + 30])
        assert 0 <= following.find(quote["text"].lower()) < len(transcript.segments[first].text)
        assert quote["text"][0].isupper()  # uncased captions, quoted sentence-cased
    notes = (folder / "show-notes.md").read_text()
    assert notes.startswith(f"# {doc['title']}") and "## Chapters" in notes
    written = sorted(p.name for p in folder.iterdir())
    assert written == [
        "chapters.json",
        "chapters.vtt",
        "newsletter.html",
        "newsletter.txt",
        "show-notes.md",
        "summary.json",
        "youtube-chapters.txt",
    ]
    out = capsys.readouterr().out
    for label in ("chunks", "model calls", "tokens", "quotes", "time"):
        assert f"\n{label}" in out or out.startswith(label)
    assert SECRET not in out + notes + (folder / "summary.json").read_text()


def test_secret_never_reaches_the_answer_store(tmp_path, server, isolated_home):
    transcript = tmp_path / "ep.txt"
    transcript.write_text("\n".join(f"0:{i:02d} line {i} about compost and soil and seeds" for i in range(0, 60, 3)))
    assert _run_cli(server, transcript, tmp_path / "out") == 0
    assert all(SECRET.encode() not in p.read_bytes() for p in isolated_home.iterdir())


def test_validate_reports_error_paths_and_exits_1(tmp_path, capsys):
    doc = tmp_path / "summary.json"
    doc.write_text(json.dumps({"schema_version": "1.0", "title": 3}))
    assert main(["validate", str(doc)]) == 1
    out = capsys.readouterr().out
    assert "$.title: 3 is not of type 'string'" in out and "'chapters' is a required property" in out


def test_validate_unparseable_file_exits_2(tmp_path):
    doc = tmp_path / "summary.json"
    doc.write_text("{not json")
    assert main(["validate", str(doc)]) == 2


def test_schema_command_prints_the_public_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["properties"]["schema_version"] == {"const": "1.0"}


def _episode(tmp_path: Path, name: str = "ep", minutes: int = 1) -> Path:
    path = tmp_path / f"{name}.txt"
    topics = "compost seeds watering tools soil light bees frost mulch herbs roses trees".split()
    lines = [
        f"{s // 60}:{s % 60:02d} {name} says {topics[s // 60 % 12]} matters, line {s}, {topics[s // 60 % 12]} again"
        for s in range(0, 60 * minutes, 3)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("fmt", sorted(RENDER_FORMATS))
def test_render_remakes_every_written_file_without_a_model(tmp_path, server, fmt):
    assert _run_cli(server, _episode(tmp_path, minutes=12), tmp_path / "out") == 0
    requests = len(server.requests)
    folder = tmp_path / "out" / "ep"
    again = tmp_path / "again" / RENDER_FORMATS[fmt].filename
    assert main(["render", str(folder / "summary.json"), "--format", fmt, "-o", str(again)]) == 0
    assert again.read_text() == (folder / RENDER_FORMATS[fmt].filename).read_text()
    assert len(server.requests) == requests


def test_render_of_an_impossible_format_is_a_one_line_error(tmp_path, capsys, server):
    assert _run_cli(server, _episode(tmp_path, minutes=1), tmp_path / "out") == 0
    capsys.readouterr()
    summary = tmp_path / "out" / "ep" / "summary.json"
    assert main(["render", str(summary), "--format", "youtube"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("summarizer: error: YouTube needs at least 3 chapters") and "\n" not in err


def test_metadata_sidecar_beside_the_transcript_is_read_and_flags_win(tmp_path, server):
    transcript = _episode(tmp_path)
    (tmp_path / "ep.meta.json").write_text(
        json.dumps({"title": "From the sidecar", "guests": ["Tom Okafor"], "url": "https://example.org/ep"})
    )
    assert _run_cli(server, transcript, tmp_path / "out", "--title", "From the flag") == 0
    episode = json.loads((tmp_path / "out" / "ep" / "summary.json").read_text())["episode"]
    assert (episode["title"], episode["guests"], episode["url"]) == (
        "From the flag",
        ["Tom Okafor"],
        "https://example.org/ep",
    )
    map_request = next(r for r in server.requests if r["step"] == "map")
    assert map_request["body"]["messages"][1]["content"].startswith("Guest: Tom Okafor\n")


@pytest.mark.parametrize("content", ['{"guests": "Tom"}', "{oops", '{"colour": "blue"}'])
def test_a_bad_metadata_file_exits_2_before_any_model_call(tmp_path, capsys, server, content):
    meta = tmp_path / "meta.json"
    meta.write_text(content)
    assert _run_cli(server, _episode(tmp_path), tmp_path / "out", "--meta", str(meta)) == 2
    assert "meta.json" in capsys.readouterr().err and server.requests == []


def test_episode_flags_with_several_transcripts_exit_2(tmp_path, server):
    paths = [str(_episode(tmp_path, name)) for name in ("one", "two")]
    argv = ["run", *paths, "--base-url", server.base_url, "--title", "Which one?", "-o", str(tmp_path / "out")]
    assert main(argv) == 2 and server.requests == []


def test_console_script_is_installed():
    result = subprocess.run([sys.executable, "-m", "summarizer.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("summarizer ")


def test_several_transcripts_run_in_one_go_each_in_its_own_folder(tmp_path, server, capsys):
    paths = []
    for name in ("first", "second"):
        path = tmp_path / f"{name}.txt"
        path.write_text(
            "\n".join(f"0:{i:02d} {name} line {i} about compost and soil and seeds" for i in range(0, 60, 3))
        )
        paths.append(str(path))
    assert main(["run", *paths, "--base-url", server.base_url, "--model", "scripted", "-o", str(tmp_path / "out")]) == 0
    assert main(["validate", str(tmp_path / "out" / "first" / "summary.json")]) == 0
    assert main(["validate", str(tmp_path / "out" / "second" / "summary.json")]) == 0


def test_secret_never_reaches_the_logs_or_error_messages(tmp_path, capsys, server):
    assert main(["-v", *_cli_args(server, _episode(tmp_path), tmp_path / "out")]) == 0
    server.script(Fault(status=401))
    assert main(["-v", *_cli_args(server, _episode(tmp_path, "other"), tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert "attempt 1" in captured.err and "API key was refused" in captured.err
    assert SECRET not in captured.out + captured.err


def _catalogue(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "catalogue"
    folder.mkdir()
    for name in names:
        _episode(folder, name, minutes=3)
    return folder


def test_a_folder_runs_every_episode_in_one_pool_and_ends_with_a_table(tmp_path, capsys, server):
    folder = _catalogue(tmp_path, ["ep1", "ep2", "ep3"])
    (folder / "ep1.meta.json").write_text(json.dumps({"title": "First"}))
    server.latency = 0.1
    argv = ["run", str(folder), "--base-url", server.base_url, "--model", "m", "--concurrency", "2"]
    assert main([*argv, "--chunk-tokens", "300", "-o", str(tmp_path / "out")]) == 0
    assert server.max_in_flight == 2  # the episodes overlap, and never pass the shared limit
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["episode", "status", "calls", "reused", "tokens", "time"]
    assert [line.split()[:2] for line in table[1:4]] == [["ep1", "ok"], ["ep2", "ok"], ["ep3", "ok"]]
    assert table[4].startswith("3 of 3 ok")
    first = json.loads((tmp_path / "out" / "ep1" / "summary.json").read_text())
    assert first["episode"]["title"] == "First"


def test_one_unreadable_episode_is_reported_and_the_others_are_written(tmp_path, capsys, server):
    folder = _catalogue(tmp_path, ["good1", "good2"])
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    argv = ["run", str(folder), "--base-url", server.base_url, "--model", "m", "-o", str(tmp_path / "out")]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "summarizer: error:" in captured.err and "binary" in captured.err
    assert "2 of 3 ok" in captured.out
    assert ["broken", "FAILED", "0"] in [line.split()[:3] for line in captured.out.splitlines()]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good1", "good2"]


def test_one_episode_failing_at_the_model_does_not_stop_the_others(tmp_path, capsys, server):
    folder = _catalogue(tmp_path, ["a", "b"])
    server.script(*[Fault(body="not json")] * 3)  # the first request's chunk never gets a valid answer
    argv = ["run", str(folder), "--base-url", server.base_url, "--model", "m", "--concurrency", "1"]
    assert main([*argv, "--chunk-tokens", "300", "-o", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "1 of 2 ok" in out and "a: chunk 1/" in out
    assert (tmp_path / "out" / "b" / "summary.json").exists() and not (tmp_path / "out" / "a" / "summary.json").exists()


def test_run_reads_a_transcript_from_standard_input(tmp_path, server, monkeypatch):
    vtt = (Path(__file__).parent / "fixtures" / "formats" / "podcast.vtt").read_bytes()
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": __import__("io").BytesIO(vtt)})())
    assert _run_cli(server, Path("-"), tmp_path / "out") == 0
    document = json.loads((tmp_path / "out" / "stdin" / "summary.json").read_text())
    assert document["episode"]["format"] == "vtt" and document["episode"]["source"] == "<stdin>"


def test_bad_standard_input_is_one_line_and_writes_nothing(tmp_path, server, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": __import__("io").BytesIO(b"\x00binary")})())
    assert _run_cli(server, Path("-"), tmp_path / "out") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("summarizer: error: <stdin>: ") and "\n" not in err
    assert not (tmp_path / "out").exists()


def test_unknown_timestamped_text_exits_2_naming_a_format_to_try(tmp_path, server, capsys):
    odd = tmp_path / "odd.txt"
    odd.write_text("Notes\n(0:00) hello there\n(0:05) and welcome\n(0:09) to the show\nthanks all\n")
    assert _run_cli(server, odd, tmp_path / "out") == 2
    err = capsys.readouterr().err.strip()
    assert "looks like timestamped text" in err and "try --format" in err and "\n" not in err
    assert server.requests == []


def test_formats_lists_every_transcript_format_with_an_example(capsys):
    from summarizer.formats import FORMATS

    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    for name, spec in FORMATS.items():
        assert f"{name} " in out and spec.example in out


def test_python_dash_m_summarizer_is_the_command():
    done = subprocess.run([sys.executable, "-m", "summarizer", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("summarizer ")


def _captions_episode(tmp_path: Path) -> Path:
    from helpers import LINES

    path = tmp_path / "episode.txt"
    path.write_text("\n".join(LINES))
    return path


def test_instant_chapters_print_a_youtube_list_with_no_model(tmp_path, capsys):
    assert main(["chapters", str(_captions_episode(tmp_path))]) == 0
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert lines[0].startswith("0:00 ") and len(lines) >= 3
    assert "keywords" in err


def test_instant_chapters_as_json_are_starts_and_titles_of_the_words(tmp_path, capsys):
    assert main(["chapters", str(_captions_episode(tmp_path)), "--json"]) == 0
    chapters = json.loads(capsys.readouterr().out)
    assert chapters[0]["start"] == 0.0 and all(set(c) == {"start", "title"} for c in chapters)
    text = _captions_episode(tmp_path).read_text().lower()
    assert all(word.strip(",").lower() in text for c in chapters for word in c["title"].split())


def test_instant_chapters_of_a_plain_text_transcript_exit_2(tmp_path, capsys):
    plain = tmp_path / "plain.txt"
    plain.write_text("Emma: Welcome to the show.\nRaj: Thanks.\n")
    assert main(["chapters", str(plain)]) == 2
    assert "need timestamps" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["podcast-chapters", "webvtt"])
def test_instant_chapters_in_the_other_chapter_formats(tmp_path, capsys, fmt):
    assert main(["chapters", str(_captions_episode(tmp_path)), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert (
        (json.loads(out)["chapters"][0]["startTime"] == 0.0) if fmt == "podcast-chapters" else out.startswith("WEBVTT")
    )
