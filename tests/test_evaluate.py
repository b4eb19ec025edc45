"""The quality metrics on small hand-made documents whose right answers are known."""

import json
import re

import pytest

from summarizer.cli import main
from summarizer.evaluate import evaluate, matched_share, naive_chapters, thirds, timeline
from summarizer.transcript import parse_transcript

TRANSCRIPT = parse_transcript(
    "\n".join(
        [
            "0:00 A: welcome to the show about small gardens",
            "1:00 B: the first thing is to start with herbs on a sunny windowsill",
            "2:00 A: tell us about watering",
            "3:00 B: water deeply twice a week early in the morning",
            "4:00 A: and compost",
            "5:00 B: keep the compost bin small and turn it every week",
        ]
    )
)


def _doc(**overrides):
    doc = {
        "schema_version": "1.0",
        "episode": {
            "slug": "ep",
            "source": "ep.txt",
            "format": "captions",
            "duration": TRANSCRIPT.duration,
            "speakers": ["A", "B"],
            "title": None,
            "url": None,
            "date": None,
            "guests": [],
            "hosts": [],
            "cast": [],
            "language": "en",
            "notes_language": "en",
        },
        "title": "Small gardens",
        "tagline": "Grow herbs.",
        "summary": "Herbs, watering and compost for small gardens.",
        "chapters": [
            {"start": 0.0, "end": 120.0, "first_block": 1, "last_block": 2, "title": "Herbs", "summary": ""},
            {
                "start": 120.0,
                "end": TRANSCRIPT.duration,
                "first_block": 3,
                "last_block": 6,
                "title": "Care",
                "summary": "",
            },
        ],
        "advice": [{"text": "Start with herbs on a sunny windowsill", "speaker": "B", "start": 60.0, "block": 2}],
        "quotes": [
            {
                "text": "water deeply twice a week early in the morning",
                "speaker": "B",
                "start": 180.0,
                "end": 240.0,
                "block": 4,
            }
        ],
        "resources": [],
        "generator": {"name": "summarizer", "version": "0", "provider": "test", "model": "m"},
    }
    doc.update(overrides)
    return doc


def test_exact_quote_at_its_real_time_scores_full_marks():
    figures = evaluate(_doc(), TRANSCRIPT)
    assert (figures.quote_exact, figures.quote_time_right) == (1.0, 1.0)


def test_a_quote_one_word_off_is_not_an_exact_span():
    quote = {
        "text": "water deeply three times a week early in the morning",
        "speaker": "B",
        "start": 180.0,
        "end": 240.0,
        "block": 4,
    }
    assert evaluate(_doc(quotes=[quote]), TRANSCRIPT).quote_exact == 0.0


def test_a_quote_sentence_cased_from_uncased_captions_is_still_an_exact_span():
    quote = {"text": "Water deeply twice a week", "speaker": "B", "start": 180.0, "end": 240.0, "block": 4}
    assert evaluate(_doc(quotes=[quote]), TRANSCRIPT).quote_exact == 1.0


def test_a_quote_with_the_wrong_time_is_counted_as_mistimed():
    quote = {"text": "water deeply twice a week", "speaker": "B", "start": 60.0, "end": 240.0, "block": 4}
    figures = evaluate(_doc(quotes=[quote]), TRANSCRIPT)
    assert (figures.quote_exact, figures.quote_time_right) == (1.0, 0.0)


def test_a_chapter_gap_lowers_coverage_and_is_reported():
    chapters = [{"start": 0.0, "end": 60.0}, {"start": 180.0, "end": TRANSCRIPT.duration}]
    coverage, gap = timeline(chapters, TRANSCRIPT.duration)
    assert gap == 120.0 and coverage == pytest.approx(1 - 120.0 / TRANSCRIPT.duration)


def test_full_coverage_has_no_gap():
    figures = evaluate(_doc(), TRANSCRIPT)
    assert (
        figures.coverage == 1.0 and figures.largest_gap == 0.0 and figures.chapters_in_order and figures.first_at_zero
    )


def test_items_are_counted_per_third_of_the_episode():
    assert thirds([0.0, 10.0, 150.0, 290.0], 300.0) == (0.5, 0.25, 0.25)


def test_a_near_duplicate_advice_pair_is_counted():
    advice = [
        {"text": "Start with herbs on a sunny windowsill", "speaker": "B", "start": 60.0, "block": 2},
        {"text": "Start with herbs on a sunny windowsill!", "speaker": "B", "start": 60.0, "block": 2},
        {"text": "Keep the compost bin small", "speaker": "B", "start": 300.0, "block": 6},
    ]
    figures = evaluate(_doc(advice=advice), TRANSCRIPT)
    assert figures.duplicate_advice == 1


def test_advice_unrelated_to_its_block_is_ungrounded():
    advice = [
        {"text": "Start with herbs on a sunny windowsill", "speaker": "B", "start": 60.0, "block": 2},
        {"text": "Invest in index funds", "speaker": "B", "start": 60.0, "block": 2},
    ]
    assert evaluate(_doc(advice=advice), TRANSCRIPT).advice_grounded == 0.5


def test_a_pasted_paragraph_is_not_advice_in_its_own_words():
    pasted = "Welcome to the show about small gardens. The first thing is to start with herbs on a sunny windowsill, so it gets light all day"
    advice = [
        {"text": "Start with herbs on a sunny windowsill", "speaker": "B", "start": 60.0, "block": 2},
        {"text": pasted, "speaker": "B", "start": 60.0, "block": 2},
    ]
    assert evaluate(_doc(advice=advice), TRANSCRIPT).advice_own_words == 0.5


def _reference(**fields):
    """A publisher's reference (`reference.schema.json`) with the fields a test sets."""
    return {"episode": "ep", "source": "s", "url": "u", "description": "", "chapters": [], **fields}


def test_reference_with_shifted_starts_matches_only_within_sixty_seconds():
    reference = _reference(
        description="Small gardens: herbs, watering, compost.",
        chapters=[{"start": 50, "title": "a"}, {"start": 200, "title": "b"}],
    )
    figures = evaluate(_doc(), TRANSCRIPT, reference)
    assert figures.reference_matched == 0.5  # 50 s is within 60 s of 0; 200 s is 80 s from 120
    assert figures.ours_matched == 0.5
    assert figures.chapter_ratio == 1.0
    assert 0 < figures.rouge1 <= 1 and figures.rougeL <= figures.rouge1


def test_matched_share_is_directional():
    assert matched_share([0, 300, 600], [10]) == pytest.approx(1 / 3)
    assert matched_share([10], [0, 300, 600]) == 1.0


def test_naive_baseline_puts_a_chapter_every_five_minutes():
    assert [c["start"] for c in naive_chapters(1000.0)] == [0.0, 300.0, 600.0, 900.0]


def test_eval_command_prints_a_table_and_json(tmp_path, capsys):
    transcript = tmp_path / "ep.txt"
    transcript.write_text(
        "\n".join(f"{s.start // 60:.0f}:{s.start % 60:02.0f} {s.speaker}: {s.text}" for s in TRANSCRIPT.segments)
    )
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps(_doc()))
    assert main(["eval", str(summary), str(transcript)]) == 0
    assert re.search(r"quotes exact transcript spans +100% of 1", capsys.readouterr().out)
    assert main(["eval", str(summary), str(transcript), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["coverage"] == 1.0


def test_eval_refuses_an_invalid_reference(tmp_path):
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps(_doc()))
    reference = tmp_path / "ref.json"
    reference.write_text(json.dumps({"chapters": "none"}))
    transcript = tmp_path / "ep.txt"
    transcript.write_text("0:00 hello there\n")
    assert main(["eval", str(summary), str(transcript), "--reference", str(reference)]) == 2


def test_advice_phrased_as_an_instruction_is_told_from_a_report_of_the_talk():
    from summarizer.evaluate import is_instruction

    assert is_instruction("Buy a repair stand before anything else.")
    assert is_instruction("Start with fewer tools")
    assert not is_instruction("Rob emphasizes the advantages of small teams.")
    assert not is_instruction("The speaker suggests keeping notes.")
    assert not is_instruction("He says to start small.")


def test_listener_figures_against_a_reference_with_guests_host_and_resources():
    doc = _doc()
    doc["title"] = "Herbs with Bea"
    doc["quotes"][0]["speaker"] = "B"
    doc["resources"] = [{"name": "The Windowsill Garden", "kind": "book", "start": 0.0}]
    reference = _reference(
        description="Herbs.",
        chapters=[{"start": 0, "title": "Herbs"}],
        guests=["Bea Stone"],
        host="Al Host",
        resources=[{"name": "The Windowsill Garden (book)"}, {"name": "A course never named"}],
    )
    figures = evaluate(doc, TRANSCRIPT, reference)
    assert figures.guest_named is True
    assert figures.resources_found == 0.5
    assert figures.quotes_by_guest == 0.0  # "B" is not Bea's first name


def test_resources_named_aloud_are_scored_apart_from_links_nobody_says():
    from summarizer.evaluate import said_aloud

    assert said_aloud("Sunny Windowsill (a blog)", "start with herbs on a sunny windowsill")
    assert not said_aloud("X", "an example of the next step")  # a name must be said as words, not inside them
    assert not said_aloud("Slides", "let me share the slides of my talk")  # a label of what it is, not a name
    doc = _doc()
    doc["resources"] = [{"name": "Sunny Windowsill", "kind": "website", "start": 60.0}]
    reference = _reference(
        resources=[{"name": "Sunny Windowsill (a blog)"}, {"name": "Compost Club"}, {"name": "A link never said"}]
    )
    figures = evaluate(doc, TRANSCRIPT, reference)
    assert figures.resources_found == pytest.approx(1 / 3)
    assert figures.resources_aloud_found == 1.0  # "Compost Club" and the link are never said


def test_the_thirds_the_summary_paragraph_speaks_of_are_counted():
    from summarizer.evaluate import evaluate

    chapters = [
        {"start": 0.0, "end": 110.0, "first_block": 1, "last_block": 2, "title": "Windowsill herbs",
         "summary": "Basil and thyme grow on a sunny windowsill."},
        {"start": 110.0, "end": 210.0, "first_block": 3, "last_block": 4, "title": "Watering tomatoes",
         "summary": "Balcony tomatoes want deep watering twice weekly."},
        {"start": 210.0, "end": TRANSCRIPT.duration, "first_block": 5, "last_block": 6, "title": "Compost bins",
         "summary": "A small compost bin turned weekly never smells."},
    ]  # fmt: skip
    opening = "Basil and thyme grow on a sunny windowsill."
    whole = opening + " Balcony tomatoes want deep watering, and a small compost bin turned weekly never smells."
    assert evaluate(_doc(chapters=chapters, summary=opening), TRANSCRIPT).summary_thirds == 1
    assert evaluate(_doc(chapters=chapters, summary=whole), TRANSCRIPT).summary_thirds == 3


def test_the_first_chapter_is_scored_where_its_words_begin_not_at_the_zero_platforms_require():
    after_intro_music = parse_transcript("1:15 A: welcome to the show\n2:00 B: herbs like sun\n4:00 A: and compost")
    reference = _reference(chapters=[{"start": 75, "title": "a"}])
    chapters = [{"start": 0.0, "end": 240.0, "title": "Welcome", "summary": ""}]
    figures = evaluate(_doc(chapters=chapters), after_intro_music, reference)
    assert figures.reference_matched == 1.0 and figures.ours_matched == 1.0


GARDEN = parse_transcript(
    "0:00 Maya: Compost needs brown leaves, green scraps and a turn every week to keep the heap warm.\n"
    "2:00 Tom: Bees need flowers from spring to autumn, and a hive needs shade in the afternoon.\n"
    "4:00 Tom: Roses need pruning in March, and black spot spreads when their leaves stay wet.\n"
)


def _garden_chapters(titles: list[str]) -> list[dict]:
    return [
        {"start": start, "end": start + 120.0, "title": title, "summary": f"They talk about {title.lower()}."}
        for start, title in zip([0.0, 120.0, 240.0], titles)
    ]


def test_chapters_titled_from_their_own_stretch_match_their_own_words():
    from summarizer.evaluate import on_their_words

    assert on_their_words(_garden_chapters(["Compost heap", "Bees and hives", "Pruning roses"]), GARDEN) == 1.0


def test_chapters_titled_one_topic_behind_are_seen_off_their_words():
    from summarizer.evaluate import on_their_words

    behind = _garden_chapters(["Welcome", "Compost heap", "Bees and hives"])
    assert on_their_words(behind, GARDEN) == 0.0  # the first says nothing any stretch says: not judged
