"""Episodes in other languages: detected before any call, notes asked for in that language,
headings from the message catalogue, and no English rule applied to another language."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from summarizer.chunking import build_blocks
from summarizer.cli import main
from summarizer.i18n import catalogued
from summarizer.language import detect_language
from summarizer.metadata import EpisodeMeta
from summarizer.prepare import language_line, prepare
from summarizer.render import render
from summarizer.segmenting import turn_scores
from summarizer.transcript import read_transcript

HERE = Path(__file__).parent
SPANISH = HERE / "fixtures" / "languages" / "entrevista.txt"
GERMAN = HERE / "fixtures" / "languages" / "gespraech.txt"
DOCUMENT = json.loads((HERE / "data" / "episode.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path,code", [(SPANISH, "es"), (GERMAN, "de")])
def test_the_spoken_language_is_detected_from_the_words(path, code):
    assert detect_language([s.text for s in read_transcript(path).segments]) == code


def test_an_english_episode_is_told_by_its_words_without_loading_the_classifier(monkeypatch):
    monkeypatch.setitem(sys.modules, "py3langid", None)  # importing it would now fail
    english = read_transcript(HERE.parent / "examples" / "sample-episode.txt")
    assert detect_language([s.text for s in english.segments]) == "en"


def test_a_short_text_with_an_english_title_is_left_to_the_classifier():
    assert detect_language(["Lee el libro The Goal cada año, con calma y con un lápiz en la mano."]) == "es"


def test_notes_are_asked_for_in_the_spoken_language_unless_another_is_given():
    transcript = read_transcript(SPANISH)
    spanish = prepare(transcript, EpisodeMeta(), 3000, 1)
    assert spanish.notes_language == "es" and "in Spanish" in language_line(spanish)
    english = prepare(transcript, EpisodeMeta(language="en"), 3000, 1)
    assert english.notes_language == "en" and language_line(english) == ""


def test_english_notes_of_a_spanish_episode_take_no_spanish_tips_from_the_words(server):
    import summarizer

    document = summarizer.summarize(
        SPANISH, language="en", base_url=server.base_url, model="scripted", api_key="sk-test", chunk_tokens=600
    )
    assert document["episode"]["notes_language"] == "en"
    assert not any("Compra primero" in a["text"] for a in document["advice"])


def test_generated_text_in_another_language_than_the_notes_is_found():
    from summarizer.language import off_language

    english = "This sentence is clearly written in plain English words."
    german = "Dieser Satz ist ganz klar auf Deutsch geschrieben worden."
    assert off_language([english, german, "Felix Brandt"], "de") == [english]
    assert off_language([english, german], "en") == [german]


def test_english_notes_are_checked_without_loading_the_classifier_where_their_words_are_english(monkeypatch):
    from summarizer.language import off_language

    monkeypatch.setitem(sys.modules, "py3langid", None)  # importing it would now fail
    assert off_language(["Tom explains why he buys a repair stand before anything else."], "en") == []


def test_notes_retelling_the_transcript_in_its_words_are_checked_without_loading_the_classifier(monkeypatch):
    from summarizer.language import off_language, spoken_words

    spoken = spoken_words(["Buy a proper repair stand first, and keep a notebook of every job."])
    monkeypatch.setitem(sys.modules, "py3langid", None)  # importing it would now fail
    assert off_language(["Buy a proper repair stand first."], "en", spoken) == []


def test_a_sentence_in_another_language_is_found_though_it_names_what_the_transcript_says():
    from summarizer.language import off_language, spoken_words

    spoken = spoken_words(["Tom keeps a notebook of every repair job at the workshop."])
    spanish = "Tom recomienda comprar primero un soporte de reparación."
    assert off_language([spanish], "en", spoken) == [spanish]


def test_the_map_prompt_carries_the_language_line(tmp_path, server):
    args = ["run", str(GERMAN), "-o", str(tmp_path), "--base-url", server.base_url, "--model", "scripted"]
    assert main([*args, "--api-key", "sk-test", "--chunk-tokens", "600"]) == 0
    prompt = next(r for r in server.requests if r["step"] == "map")["body"]["messages"][1]["content"]
    assert "in German" in prompt
    document = json.loads((tmp_path / "gespraech" / "summary.json").read_text())
    assert (document["episode"]["language"], document["episode"]["notes_language"]) == ("de", "de")


@pytest.mark.parametrize(
    "code,headings",
    [
        ("es", ["## Capítulos", "## Consejos clave", "## Citas", "## Recursos mencionados"]),
        ("de", ["## Kapitel", "## Wichtigste Tipps", "## Zitate", "## Erwähnte Ressourcen"]),
        ("fr", ["## Chapitres", "## Conseils clés", "## Citations", "## Ressources citées"]),
        ("pt-BR", ["## Capítulos", "## Principais conselhos", "## Citações", "## Recursos mencionados"]),
    ],
)
def test_rendered_headings_come_from_the_message_catalogue(code, headings):
    document = json.loads(json.dumps(DOCUMENT))
    document["episode"]["notes_language"] = code
    notes = render(document, "markdown")
    assert all(h in notes for h in headings) and "## Chapters" not in notes


def test_a_language_without_a_catalogue_keeps_english_headings():
    document = json.loads(json.dumps(DOCUMENT))
    document["episode"]["notes_language"] = "fi"
    assert "## Chapters" in render(document, "markdown")
    assert catalogued() == ["de", "es", "fr", "pt"]


def test_english_cue_phrases_are_not_applied_to_a_spanish_episode():
    captions = "\n".join(
        f"{m}:{s:02d} so what about the plan for the shop and the tools" for m in range(6) for s in (0, 30)
    )
    blocks = build_blocks(read_transcript_text(captions))
    assert turn_scores(blocks, "es") == turn_scores(blocks, "xx") != turn_scores(blocks, "en")


def read_transcript_text(text: str):
    from summarizer.transcript import parse_transcript

    return parse_transcript(text)


def test_a_possessive_of_a_name_said_counts_as_said(monkeypatch):
    from summarizer.language import off_language, spoken_words

    monkeypatch.setitem(sys.modules, "py3langid", None)  # importing it would now fail
    spoken = spoken_words(["My guest is Tom Okafor, who came to talk about electric bikes."])
    assert off_language(["Tom Okafor's Guide to Electric Bikes"], "en", spoken) == []
