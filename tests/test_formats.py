"""Each transcript format read from a short fixture written for these tests from the format's spec or docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.formats import FORMATS
from summarizer.transcript import parse_transcript, read_transcript

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def rows(name: str, fmt: str | None = None) -> list[tuple]:
    transcript = read_transcript(FIXTURES / name, fmt)
    return [(s.start, s.end, s.speaker, s.text) for s in transcript.segments]


def detected(name: str) -> str:
    return read_transcript(FIXTURES / name).format


@pytest.mark.parametrize(
    "name,fmt",
    [
        ("youtube-auto.en.vtt", "vtt"),
        ("podcast.vtt", "vtt"),
        ("teams.vtt", "vtt"),
        ("buzzsprout.srt", "srt"),
        ("otter.txt", "otter"),
        ("rev.txt", "rev"),
        ("descript.txt", "descript"),
        ("youtube-panel.txt", "youtube-panel"),
        ("zoom.txt", "zoom"),
        ("whisper.tsv", "whisper-tsv"),
        ("apple.ttml", "ttml"),
        ("podcast.html", "html"),
        ("podcast.json", "podcast-json"),
        ("podcast-words.json", "podcast-json"),
        ("youtube-transcript-api.json", "youtube-json"),
        ("whisper-nested.json", "whisper"),
        ("whisperx.json", "whisper"),
        ("deepgram-utterances.json", "deepgram"),
        ("deepgram-paragraphs.json", "deepgram"),
        ("assemblyai.json", "assemblyai"),
        ("aws-transcribe.json", "aws-transcribe"),
    ],
)
def test_each_format_is_detected_from_content(name: str, fmt: str):
    assert detected(name) == fmt


def test_youtube_auto_captions_keep_each_spoken_word_once():
    assert rows("youtube-auto.en.vtt") == [
        (0.0, 2.79, None, "welcome to bench notes"),
        (2.8, 5.51, None, "my guest today is raj patel"),
        (8.16, 10.87, None, "buy a repair stand first"),
        (10.88, 13.0, None, "then start with fewer tools"),
    ]


def rolling_vtt(words: list[str], per_line: int = 7) -> str:
    """YouTube's rolling layout: each cue shows the last line again above the new, word-timed one,
    then a 10 ms cue holds the new line alone; a lone space follows every timing line."""
    lines = [words[i : i + per_line] for i in range(0, len(words), per_line)]
    out = ["WEBVTT", "Kind: captions", "Language: en", ""]
    clock = 0.0

    def stamp(t: float) -> str:
        return f"00:{int(t // 60):02d}:{t % 60:06.3f}"

    previous = ""
    for line in lines:
        timed = line[0] + "".join(f"<{stamp(clock + 0.3 * (k + 1))}><c> {w}</c>" for k, w in enumerate(line[1:]))
        out += [f"{stamp(clock)} --> {stamp(clock + 3)} align:start position:0%", previous or " ", timed, ""]
        previous = " ".join(line)
        out += [f"{stamp(clock + 3)} --> {stamp(clock + 3.01)} align:start position:0%", previous, " ", ""]
        clock += 3.01
    return "\n".join(out)


def test_rolling_captions_words_out_per_word_spoken_is_one():
    spoken = [f"w{i % 37}" for i in range(700)]
    transcript = parse_transcript(rolling_vtt(spoken))
    out = [w for s in transcript.segments for w in s.text.split()]
    assert len(out) / len(spoken) == 1.0
    assert out == spoken


def test_webvtt_voice_spans_name_the_speaker_until_the_next_one():
    assert rows("podcast.vtt") == [
        (0.0, 5.5, "Emma Li", "Welcome to Bench Notes. My guest today is Raj Patel."),
        (5.5, 8.0, "Emma Li", "Raj has fixed bikes for twenty years."),
        (8.0, 11.25, "Raj Patel", "Thanks for having me, Emma & everyone."),
        (11.25, 15.0, "Raj Patel", "Buy a repair stand before anything else."),
    ]


def test_teams_loose_timings_and_cue_identifiers():
    assert rows("teams.vtt") == [
        (0.0, 3.57, "Emma Li", "Welcome to Bench Notes."),
        (3.57, 7.2, "Raj Patel", "Thanks for having me."),
        (62.5, 69.0, "Raj Patel", "Start with fewer tools."),
    ]


def test_srt_names_at_a_turn_start_carry_forward_and_a_bare_chevron_ends_them():
    assert [(s, t) for _, _, s, t in rows("buzzsprout.srt")] == [
        ("EMMA LI", "Welcome to Bench Notes."),
        ("EMMA LI", "My guest today is Raj Patel."),
        ("RAJ PATEL", "Thanks for having me."),
        ("RAJ PATEL", "Buy a repair stand first."),
        ("EMMA LI", "And tools?"),
        (None, "Start with fewer tools."),
    ]


def test_srt_sound_tags_are_not_speakers():
    t = parse_transcript("1\n00:00:01,000 --> 00:00:02,000\n[Music] here we go\n")
    assert [(s.speaker, s.text) for s in t.segments] == [(None, "here we go")]


def test_otter_headers_and_footer_are_not_speech():
    assert rows("otter.txt") == [
        (0.0, 6.0, "Emma Li", "Welcome to Bench Notes. My guest today is Raj Patel."),
        (6.0, 20.0, "Raj Patel", "Thanks for having me, Emma. Buy a repair stand before anything else."),
        (20.0, 3725.0, "Emma Li", "And tools?"),
        (3725.0, 3726.6, "Raj Patel", "Start with fewer tools."),
    ]


def test_rev_headers_with_words_below_or_on_the_same_line():
    assert [(start, s, t) for start, _, s, t in rows("rev.txt")] == [
        (0.0, "Speaker 1", "Welcome to Bench Notes. My guest today is Raj Patel."),
        (6.0, "Speaker 2", "Thanks for having me, Emma. Buy a repair stand before anything else."),
        (20.0, "Speaker 1", "And tools?"),
        (3725.0, "Speaker 2", "Start with fewer tools."),
    ]


def test_descript_bracketed_times_carry_the_speaker():
    assert [(start, s) for start, _, s, _ in rows("descript.txt")] == [
        (0.0, "Emma Li"),
        (6.0, "Raj Patel"),
        (9.0, "Raj Patel"),
        (20.0, "Emma Li"),
        (22.0, "Raj Patel"),
    ]


def test_youtube_panel_copy_drops_chapter_titles_and_spoken_durations():
    assert [(start, t) for start, _, _, t in rows("youtube-panel.txt")] == [
        (0.0, "welcome to bench notes my guest today is"),
        (3.0, "raj patel thanks for having me"),
        (6.0, "buy a repair stand before anything else"),
        (10.0, "and start with fewer tools"),
    ]


def test_zoom_times_count_from_the_first_line():
    assert [(start, s) for start, _, s, _ in rows("zoom.txt")] == [
        (0.0, "Emma Li"),
        (6.0, "Raj Patel"),
        (9.0, "Raj Patel"),
    ]


def test_whisper_tsv_milliseconds():
    assert rows("whisper.tsv")[1] == (2.8, 5.52, None, "My guest today is Raj Patel.")


def test_apple_ttml_words_spaced_agents_named_and_entities_decoded():
    assert rows("apple.ttml") == [
        (0.0, 5.4, "Emma Li", "Welcome to Bench Notes. Q&A comes later."),
        (5.4, 8.0, "Raj Patel", "Thanks for having me, Emma."),
        (8.0, 15.0, "Raj Patel", "Buy a repair stand before anything else."),
    ]


def test_podcasting_html_cite_time_and_paragraphs():
    assert rows("podcast.html") == [
        (0.0, 4.0, "Emma Li", "Welcome to Bench Notes & thanks for listening."),
        (4.0, 6.0, "Emma Li", "My guest today is Raj Patel."),
        (6.0, 9.6, "Raj Patel", "Thanks for having me. Buy a repair stand first."),
    ]


def test_podcasting_json_segments_and_word_segments_joined_into_turns():
    assert rows("podcast.json")[1] == (5.4, 8.0, "Raj Patel", "Thanks for having me.")
    assert rows("podcast-words.json") == [
        (0.0, 1.6, "Emma Li", "Welcome to Bench Notes."),
        (1.9, 2.9, "Raj Patel", "Thanks a lot."),
    ]


def test_youtube_transcript_api_start_plus_duration():
    assert rows("youtube-transcript-api.json") == [
        (0.0, 2.79, None, "welcome to bench notes"),
        (2.8, 5.51, None, "my guest today is raj patel"),
        (8.16, 10.87, None, "buy a repair stand first"),
    ]


def test_whisper_result_nested_one_level_down():
    assert rows("whisper-nested.json") == [
        (0.0, 2.8, None, "Welcome to Bench Notes."),
        (2.8, 5.52, None, "My guest today is Raj Patel."),
    ]


def test_whisperx_speakers_on_words_become_turns():
    assert rows("whisperx.json") == [
        (0.0, 1.5, "SPEAKER_00", "Welcome to Bench Notes."),
        (1.7, 3.0, "SPEAKER_01", "Thanks for having me."),
    ]


def test_deepgram_utterances_and_paragraphs():
    assert rows("deepgram-utterances.json") == [
        (0.08, 2.8, "Speaker 0", "Welcome to Bench Notes."),
        (3.1, 5.0, "Speaker 1", "Thanks for having me."),
    ]
    assert rows("deepgram-paragraphs.json") == [
        (0.08, 3.2, "Speaker 0", "Welcome to Bench Notes. My guest is Raj."),
        (3.5, 5.0, "Speaker 1", "Thanks for having me."),
    ]


def test_deepgram_words_only_become_turns():
    words = [
        {"word": w.lower().strip(".,"), "punctuated_word": w, "start": i * 0.4, "end": i * 0.4 + 0.3, "speaker": spk}
        for i, (w, spk) in enumerate([("Welcome.", 0), ("Thanks,", 1), ("Emma.", 1)])
    ]
    payload = {"results": {"channels": [{"alternatives": [{"transcript": "x", "words": words}]}]}}
    t = parse_transcript(json.dumps(payload))
    assert [(s.speaker, s.text) for s in t.segments] == [("Speaker 0", "Welcome."), ("Speaker 1", "Thanks, Emma.")]


def test_assemblyai_utterances_in_milliseconds_and_words():
    assert rows("assemblyai.json") == [
        (0.08, 2.8, "Speaker A", "Welcome to Bench Notes."),
        (3.1, 5.0, "Speaker B", "Thanks for having me."),
    ]
    words = [
        {"text": w, "start": 100 + 500 * i, "end": 400 + 500 * i, "speaker": s}
        for i, (w, s) in enumerate([("Hi.", "A"), ("Hello", "B"), ("there.", "B")])
    ]
    t = parse_transcript(json.dumps({"id": "x", "text": "Hi. Hello there.", "words": words}))
    assert [(s.start, s.speaker, s.text) for s in t.segments] == [
        (0.1, "Speaker A", "Hi."),
        (0.6, "Speaker B", "Hello there."),
    ]


def test_aws_transcribe_items_with_punctuation_and_speaker_labels():
    assert rows("aws-transcribe.json") == [
        (0.08, 1.9, "Speaker 1", "Welcome to Bench Notes."),
        (2.3, 3.4, "Speaker 2", "Thanks, Emma."),
    ]


def test_word_level_output_splits_at_a_long_pause():
    words = [{"word": w, "start": t, "end": t + 0.3} for w, t in [("one", 0.0), ("two", 0.4), ("three", 3.0)]]
    t = parse_transcript(
        json.dumps({"segments": [{"start": 0, "end": 3.3, "text": "x", "words": words, "speaker": None}]}), "whisper"
    )
    assert [s.text for s in t.segments] == ["x"]
    payload = {
        "version": "1.0.0",
        "segments": [{"startTime": w["start"], "endTime": w["end"], "body": w["word"]} for w in words],
    }
    assert [s.text for s in parse_transcript(json.dumps(payload)).segments] == ["one two", "three"]


def test_html_entities_are_decoded_everywhere():
    t = parse_transcript("0:00 Emma: Q&amp;A time &#39;now&#39;\n0:05 Raj: Sure &mdash; go.\n")
    assert [s.text for s in t.segments] == ["Q&A time 'now'", "Sure — go."]


def test_a_chapter_title_line_with_a_colon_is_not_a_speaker():
    lines = [
        "0:00 Emma: Welcome.",
        "0:05 Raj: Thanks.",
        "0:09 Emma: So.",
        "0:12 Raj: Yes.",
        "0:15 Emma: Right.",
        "0:20 Raj: Indeed.",
        "0:25 Tools of the trade: what to buy",
        "0:25 Emma: Tools?",
        "0:30 Raj: Few.",
    ]
    t = parse_transcript("\n".join(lines))
    assert "Tools of the trade" not in t.speakers
    assert all("what to buy" not in s.text for s in t.segments)


def test_timestamped_text_of_no_known_layout_is_an_error_naming_the_nearest():
    text = "Episode notes\n0:00\n\n(0:00) hello there\n(0:05) and welcome\n(0:09) to the show\nthanks\n"
    with pytest.raises(InputError) as caught:
        parse_transcript(text)
    message = str(caught.value)
    assert message.startswith("line ") and "looks like timestamped text" in message and "--format" in message


def test_plain_text_with_a_time_in_a_sentence_stays_plain():
    t = parse_transcript("We met at 10:30 in the morning.\nIt was raining.\nThen we talked for hours.\n")
    assert t.format == "plain"


def test_forcing_json_reads_whatever_json_shape_it_is():
    assert read_transcript(FIXTURES / "podcast.json", "json").format == "podcast-json"


def test_every_format_is_in_the_summary_schema():
    schema = json.loads((Path(__file__).parents[1] / "summarizer" / "schemas" / "summary.schema.json").read_text())
    assert set(schema["properties"]["episode"]["properties"]["format"]["enum"]) == set(FORMATS)
