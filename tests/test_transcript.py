import codecs
import json
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.transcript import detect_format, parse_transcript, read_transcript

CAPTIONS = "0:00 hello and welcome\n0:04 to the show\n1:02:03 much later now\n"
SRT = """1
00:00:01,000 --> 00:00:03,500
Alice: Hello there.

2
00:00:04,000 --> 00:00:06,000
How are you?
"""
VTT = """WEBVTT

NOTE a comment

00:01.000 --> 00:03.000 align:start
<v Bob>Hi, I'm Bob.</v>

intro-2
00:03.500 --> 00:05.000
[Music] Let's begin.
"""
SEGMENTS = [
    {"start": 0.0, "end": 2.5, "text": " First words.", "speaker": "SPEAKER_00"},
    {"start": 2.5, "end": 5.0, "text": " Second words."},
]


def test_caption_lines_become_timed_segments_ending_at_the_next_start():
    t = parse_transcript(CAPTIONS)
    assert t.format == "captions"
    assert [(s.start, s.end, s.text) for s in t.segments[:2]] == [
        (0.0, 4.0, "hello and welcome"),
        (4.0, 3723.0, "to the show"),
    ]
    assert t.segments[2].start == 3723.0


def test_caption_speaker_prefixes_become_speakers():
    t = parse_transcript("0:01 Alexey: Welcome, Juan.\n0:05 Juan: Thank you.\n")
    assert [(s.speaker, s.text) for s in t.segments] == [("Alexey", "Welcome, Juan."), ("Juan", "Thank you.")]


def test_lines_sharing_a_start_end_at_the_next_later_start():
    t = parse_transcript("0:10 A: one\n0:10 A: two\n0:30 B: three\n")
    assert [(s.start, s.end) for s in t.segments[:2]] == [(10.0, 30.0), (10.0, 30.0)]


def test_srt_cues_with_speakers_named_at_the_start_of_a_turn():
    t = parse_transcript(SRT)
    assert t.format == "srt"
    assert [(s.start, s.end, s.speaker, s.text) for s in t.segments] == [
        (1.0, 3.5, "Alice", "Hello there."),
        (4.0, 6.0, "Alice", "How are you?"),
    ]


def test_vtt_voice_tags_notes_and_music_tags():
    t = parse_transcript(VTT)
    assert t.format == "vtt"
    assert [(s.start, s.speaker, s.text) for s in t.segments] == [
        (1.0, "Bob", "Hi, I'm Bob."),
        (3.5, "Bob", "Let's begin."),
    ]


def test_json_segments_plain_list_and_whisper_object():
    for payload, name in ((SEGMENTS, "json"), ({"text": "x", "segments": SEGMENTS}, "whisper")):
        t = parse_transcript(json.dumps(payload))
        assert t.format == name
        assert [(s.start, s.end, s.speaker, s.text) for s in t.segments] == [
            (0.0, 2.5, "SPEAKER_00", "First words."),
            (2.5, 5.0, None, "Second words."),
        ]


def test_plain_text_has_positions_but_no_times():
    t = parse_transcript("Host: Hello there.\n\nGuest: Hi! Nice to be here.\n")
    assert t.format == "plain" and not t.timed and t.duration is None
    assert [(s.index, s.speaker, s.start) for s in t.segments] == [(0, "Host", None), (1, "Guest", None)]


@pytest.mark.parametrize(
    "text,expected",
    [
        (CAPTIONS, "captions"),
        (SRT, "srt"),
        (VTT, "vtt"),
        (json.dumps(SEGMENTS), "json"),
        ("Just words.\nMore words.", "plain"),
    ],
)
def test_format_is_detected_from_content(text, expected):
    assert detect_format(text) == expected


def test_forced_format_overrides_detection():
    assert parse_transcript("0:00 looks timed\n", fmt="plain").format == "plain"


def test_bracket_tags_are_removed_and_empty_lines_dropped():
    t = parse_transcript("0:00 [Music]\n0:02 [Applause] hello\n")
    assert [s.text for s in t.segments] == ["hello"]


def test_punctuation_after_a_removed_tag_stays_with_the_word_before_it():
    t = parse_transcript("0:00 Ann: Here you pay just that [income]. It is simple [laughs] , really.\n")
    assert t.segments[0].text == "Here you pay just that. It is simple, really."


def test_crlf_bom_and_utf16_are_accepted(tmp_path: Path):
    text = "0:00 caf\u00e9 talk\r\n\r\n0:03 more\r\n"
    for name, data in [("bom.txt", codecs.BOM_UTF8 + text.encode()), ("u16.txt", text.encode("utf-16"))]:
        path = tmp_path / name
        path.write_bytes(data)
        assert [s.text for s in read_transcript(path).segments] == ["caf\u00e9 talk", "more"]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"0:00 caf\xe9\n", "undecodable"),
        (b"0:10 later\n0:05 earlier\n", "out of order"),
        (b"0:00 fine\n1:7x broken\n", "malformed"),
        (b"0:00 fine\n0:99 broken\n", "malformed"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nno timing here\n", "timing"),
        (b"1\n00:00:05,000 --> 00:00:02,000\nbackwards\n", "ends before"),
        (b'{"not": "segments"}', "segment"),
        (b'[{"start": 0, "text": "no end"}]', "numbers"),
        (b"WEBVTT\n\n00:00:01.000 --> bad\nhello\n", "malformed cue timing"),
        (b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nhello\n", "ends before"),
        (b"WEBVTT\n\nNOTE only a note\n\n00:00:01.000 --> 00:00:02.000\n", "no transcript text"),
        (b"[1, 2, 3]", "expected an object"),
        (b'{"segments": [{"start": 0, "end": 1}]}', "expected an object"),
    ],
)
def test_bad_input_is_one_input_error(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_missing_file_directory_and_size_limit(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_transcript(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_transcript(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text("0:00 " + "word " * 100)
    with pytest.raises(InputError, match="limit"):
        read_transcript(big, max_bytes=100)


def test_segments_are_immutable():
    segment = parse_transcript(CAPTIONS).segments[0]
    with pytest.raises(AttributeError):
        segment.text = "changed"
