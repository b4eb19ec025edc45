"""Episode metadata from flags and sidecars, and the speaker names it lets the model use."""

import json

import pytest

from summarizer.chunking import build_blocks
from summarizer.errors import InputError
from summarizer.grounding import QuoteLocator
from summarizer.metadata import EpisodeMeta, read_sidecar, sidecar_for
from summarizer.answers import notes_from_map
from summarizer.cast import find_cast
from summarizer.notes import Drops
from summarizer.transcript import parse_transcript

UNLABELLED = "\n".join(
    [
        "0:00 welcome to the show today we talk about repairing bicycles at home",
        "0:30 thanks the first thing I tell people is to keep the chain clean and oiled",
        "1:00 what about tyres and punctures on long rides in the rain",
        "1:30 always carry a spare tube and two tyre levers whenever you ride far",
    ]
)


def test_flags_win_over_the_sidecar_field_by_field():
    sidecar = EpisodeMeta(title="Sidecar", url="https://example.org", guests=("Tom",))
    merged = sidecar.overridden_by(EpisodeMeta(title="Flag"))
    assert (merged.title, merged.url, merged.guests) == ("Flag", "https://example.org", ("Tom",))


def test_sidecar_is_found_beside_the_transcript(tmp_path):
    transcript = tmp_path / "episode-12.txt"
    transcript.write_text("0:00 hi")
    assert sidecar_for(transcript) is None
    (tmp_path / "episode-12.meta.json").write_text(json.dumps({"hosts": ["Maya"], "date": "2026-11-20"}))
    meta = read_sidecar(sidecar_for(transcript))
    assert (meta.hosts, meta.date, meta.title) == (("Maya",), "2026-11-20", None)


def test_a_sidecar_with_a_wrong_field_names_it(tmp_path):
    path = tmp_path / "x.meta.json"
    path.write_text(json.dumps({"guests": "Tom"}))
    with pytest.raises(InputError, match=r"x.meta.json: not a valid metadata file: \$.guests"):
        read_sidecar(path)


def _advice_speakers(meta: EpisodeMeta, named: list[str | None]) -> list[str | None]:
    transcript = parse_transcript(UNLABELLED)
    blocks = build_blocks(transcript)
    by_id = {b.id: b for b in blocks}
    answer = {
        "sections": [],
        "advice": [{"block": blocks[-1].id, "speaker": n, "text": "Carry a spare tube on long rides"} for n in named],
        "quotes": [],
        "resources": [],
    }
    cast = find_cast(transcript, meta)
    notes = notes_from_map(answer, by_id, (), QuoteLocator(transcript, blocks), Drops(), cast)
    return [a.speaker for a in notes.advice]


def test_unlabelled_transcripts_take_speaker_names_only_from_the_known_people():
    meta = EpisodeMeta(guests=("Tom Okafor",), hosts=("Maya Lind",))
    assert _advice_speakers(meta, ["Tom", "tom okafor", "Maya", "Bob", None]) == [
        "Tom Okafor",
        "Tom Okafor",
        "Maya Lind",
        None,
        None,
    ]


def test_without_known_people_any_name_the_model_gives_is_dropped():
    assert _advice_speakers(EpisodeMeta(), ["Tom", "the speaker", "Guest"]) == [None, None, None]
