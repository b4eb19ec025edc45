"""Topic starts found from the words: lexical turns, questions, spacing and count."""

from summarizer.chunking import build_blocks
import pytest

from summarizer.segmenting import CUE_BONUS, positions, topic_count, topic_starts, turn_scores
from summarizer.transcript import parse_transcript

SUBJECTS = [
    "gardens soil compost tomatoes watering seedlings balcony herbs",
    "pricing invoices clients contracts retainers proposals budgets rates",
    "hiring interviews candidates recruiters onboarding salaries resumes",
    "databases indexes queries schemas migrations replicas backups",
]


def _episode(subjects: list[str], minutes_each: int = 8, question_at: int | None = None) -> str:
    """Talk about each subject in turn, a line every 30 seconds; optionally a question starting one."""
    lines, t = [], 0
    for n, subject in enumerate(subjects):
        words = subject.split()
        for i in range(minutes_each * 2):
            speaker = "Host" if i == 0 else "Guest"
            text = " ".join(words[(i + k) % len(words)] for k in range(6))
            if i == 0 and n == question_at:
                text += " what do you think?"
            lines.append(f"{t // 60}:{t % 60:02d} {speaker}: {text}")
            t += 30
    return "\n".join(lines)


def _start_times(text: str) -> list[float]:
    blocks = build_blocks(parse_transcript(text))
    by_id = {b.id: b for b in blocks}
    return [by_id[i].start for i in topic_starts(blocks)]


def test_topics_start_where_the_words_change():
    starts = _start_times(_episode(SUBJECTS))
    for boundary in (480, 960, 1440):
        assert any(abs(s - boundary) <= 30 for s in starts), (boundary, starts)


def test_the_first_topic_starts_at_the_first_block():
    assert _start_times(_episode(SUBJECTS))[0] == 0.0


def test_about_one_topic_every_three_and_a_half_minutes_and_three_for_a_short_episode():
    assert [topic_count(minutes * 60) for minutes in (3, 4, 21, 35, 70)] == [2, 3, 6, 10, 20]
    assert 4 <= len(_start_times(_episode(SUBJECTS))) <= topic_count(32 * 60)


def test_no_two_topics_start_within_a_minute_and_a_half():
    starts = _start_times(_episode(SUBJECTS))
    assert all(b - a >= 90 for a, b in zip(starts, starts[1:]))


def test_a_question_answered_by_someone_else_wins_a_close_call():
    flat = " ".join(["we talk about many things in rather general terms here"] * 7)
    lines = [f"{m}:{s:02d} Guest: {flat}" for m in range(16) for s in (0, 30)]
    lines[16] = "8:00 Host: so what about the plan you mentioned earlier?"
    assert 480.0 in _start_times("\n".join(lines))


def test_an_untimed_transcript_is_placed_by_tokens_read():
    text = "\n\n".join(" ".join([subject] * 12) for subject in SUBJECTS for _ in range(6))
    blocks = build_blocks(parse_transcript(text))
    at = positions(blocks)
    assert at[0] == 0.0 and all(b > a for a, b in zip(at, at[1:]))
    assert len(topic_starts(blocks)) >= 3


def test_a_chapter_longer_than_eight_minutes_is_split_at_its_strongest_turn():
    one_topic = " ".join(["we talk about compost heaps and garden soil in general"] * 3)
    lines = [f"{t // 60}:{t % 60:02d} Guest: {one_topic} part {t // 300}" for t in range(0, 1500, 30)]
    starts = _start_times("\n".join(lines))
    ends = starts[1:] + [1500.0]
    assert all(end - start <= 480 for start, end in zip(starts, ends)), starts


def _captions(opening: str) -> str:
    flat = " ".join(["we talk about many things in rather general terms here"] * 6)  # a block a line
    lines = [f"{m}:{s:02d} {flat} and more" for m in range(16) for s in (0, 30)]
    lines[15] = f"7:30 {opening} the plan you mentioned earlier {flat}"
    return "\n".join(lines)


def test_in_captions_a_question_opening_of_the_episodes_language_adds_to_the_turn_score():
    # "so what about" and "we saw that" carry no content words, so only the cue tells them apart
    asked = build_blocks(parse_transcript(_captions("so what about")))
    told = build_blocks(parse_transcript(_captions("we saw that")))
    cue = next(i for i, b in enumerate(asked) if b.text.startswith("so what about"))
    with_cue, without = turn_scores(asked, "en"), turn_scores(told, "en")
    assert with_cue[cue] == pytest.approx(without[cue] + CUE_BONUS)
    assert [e for i, e in enumerate(with_cue) if i != cue] == pytest.approx(
        [u for i, u in enumerate(without) if i != cue]
    )


def test_labelled_transcripts_get_the_question_bonus_not_the_phrase_cue():
    def labelled(opening: str) -> str:
        return (
            _captions(opening)
            .replace(" we talk", " Guest: we talk")
            .replace(f"7:30 {opening}", f"7:30 Host: {opening}")
        )

    asked = build_blocks(parse_transcript(labelled("so what about")))
    told = build_blocks(parse_transcript(labelled("we saw that")))
    assert turn_scores(asked, "en") == pytest.approx(turn_scores(told, "en"))


def test_english_stopwords_are_not_dropped_from_another_languages_words():
    from summarizer.segmenting import _weights

    blocks = build_blocks(parse_transcript("0:00 Ana: there were many things about the shop\n"))
    assert "there" in " ".join(_weights(blocks, "es")[0]) and "there" not in " ".join(_weights(blocks, "en")[0])


def _titles(lines: list[str]) -> list[str]:
    from summarizer.segmenting import keyword_titles

    blocks = build_blocks(parse_transcript("\n".join(lines)))
    return list(keyword_titles(blocks, [blocks[0].id, blocks[3].id]).values())


GARDEN = [
    "0:00 Ann: Compost feeds the soil, and tomatoes love compost.",
    "0:30 Bo: Tomatoes need compost, soil and water.",
    "1:00 Ann: Good soil makes tomatoes grow.",
]


def test_a_stretch_is_titled_by_its_most_distinctive_words_said_more_than_once():
    talk = GARDEN + [
        "1:30 Bo: Invoices go to clients monthly.",
        "2:00 Ann: Clients pay invoices late.",
        "2:30 Bo: Chasing invoices costs clients goodwill.",
    ]
    assert _titles(talk) == ["Compost, soil, tomatoes", "Clients, invoices"]


def test_a_keyword_said_twice_in_a_phrase_is_named_by_the_phrase():
    talk = GARDEN + [
        "1:30 Bo: The Large Hadron Collider smashes particles.",
        "2:00 Ann: Particles collide inside the Large Hadron Collider.",
        "2:30 Bo: Detectors watch particles.",
    ]
    assert _titles(talk)[1] == "Large Hadron Collider, particles"


def test_a_participle_names_no_topic():
    talk = GARDEN + [
        "1:30 Bo: Invoices based on hours, clients allowed.",
        "2:00 Ann: Clients pay invoices based on hours.",
        "2:30 Bo: Invoices allowed late.",
    ]
    assert "based" not in _titles(talk)[1].lower() and "allowed" not in _titles(talk)[1].lower()
