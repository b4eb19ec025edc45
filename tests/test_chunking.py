from summarizer.chunking import MAX_STARTS, Chunk, build_blocks, chunk_blocks
from summarizer.tokens import count_tokens
from summarizer.transcript import parse_transcript


def _long_transcript(lines: int = 400):
    text = "\n".join(
        f"{i // 60}:{i % 60:02d} line {i} says something about topic {i // 50} today" for i in range(lines)
    )
    return parse_transcript(text)


def test_blocks_have_consecutive_ids_and_keep_every_segment_once_in_order():
    t = _long_transcript()
    blocks = build_blocks(t)
    assert [b.id for b in blocks] == list(range(1, len(blocks) + 1))
    assert [s.index for b in blocks for s in b.segments] == list(range(len(t.segments)))


def test_block_renders_one_marker_not_one_timestamp_per_line():
    blocks = build_blocks(_long_transcript())
    rendered = blocks[1].render()
    assert rendered.startswith(f"[2 {blocks[1].start // 60:.0f}:")
    assert rendered.count("[") == 1 and len(blocks[1].segments) > 1


def test_a_speaker_change_starts_a_new_block():
    t = parse_transcript("0:00 A: hi there\n0:02 A: still me\n0:04 B: my turn\n")
    assert [[s.text for s in b.segments] for b in build_blocks(t)] == [["hi there", "still me"], ["my turn"]]


def test_every_block_lands_in_a_chunk_within_budget():
    blocks = build_blocks(_long_transcript())
    chunks = chunk_blocks(blocks, budget=500, overlap=0)
    assert [b.id for c in chunks for b in c.blocks] == [b.id for b in blocks]
    assert all(count_tokens(c.render()) <= 500 for c in chunks)


def test_chunks_overlap_by_the_requested_blocks():
    chunks = chunk_blocks(build_blocks(_long_transcript()), budget=500, overlap=1)
    for previous, following in zip(chunks, chunks[1:]):
        assert following.first_id == previous.last_id


def test_chunking_is_deterministic():
    blocks = build_blocks(_long_transcript())
    assert chunk_blocks(blocks, 700) == chunk_blocks(blocks, 700)


def test_cut_prefers_a_long_pause():
    lines = [f"0:{i:02d} word word word word word word word word" for i in range(0, 40, 2)]
    lines += [f"1:{i:02d} word word word word word word word word" for i in range(30, 50, 2)]
    t = parse_transcript("\n".join(lines))
    blocks = build_blocks(t)
    pause_block = next(b for b in blocks if b.start >= 90)
    total = sum(count_tokens(b.render()) + 1 for b in blocks)
    chunks = chunk_blocks(blocks, budget=total - 5, overlap=0)
    assert chunks[1].first_id == pause_block.id


def test_an_oversized_block_still_gets_a_chunk():
    t = parse_transcript("0:00 " + "long " * 300 + "\n0:10 short\n")
    chunks = chunk_blocks(build_blocks(t), budget=50, overlap=0)
    assert sum(len(c.blocks) for c in chunks) == len(build_blocks(t))


def test_a_cut_goes_before_a_topic_start_and_the_start_belongs_to_one_chunk_only():
    blocks = build_blocks(_long_transcript())
    total = sum(count_tokens(b.render()) + 1 for b in blocks)
    budget = total // 3
    plain = chunk_blocks(blocks, budget=budget, overlap=1)
    start = plain[0].blocks[-1].id  # inside the last fifth of the first chunk
    chunks = chunk_blocks(blocks, budget=budget, overlap=1, starts=[blocks[0].id, start])

    assert chunks[0].last_id == start - 1
    assert [c.index for c in chunks if start in c.starts] == [1]
    assert chunks[0].starts == {blocks[0].id}


def test_a_part_is_cut_before_its_last_topic_start_wherever_it_falls():
    blocks = build_blocks(_long_transcript())
    total = sum(count_tokens(b.render()) + 1 for b in blocks)
    plain = chunk_blocks(blocks, budget=total // 3, overlap=1)
    start = plain[0].blocks[len(plain[0].blocks) // 3].id  # a third in: far before the last fifth
    chunks = chunk_blocks(blocks, budget=total // 3, overlap=1, starts=[blocks[0].id, start])

    assert chunks[0].last_id == start - 1 and chunks[1].first_id == start


def test_a_part_cut_before_a_topic_start_repeats_nothing_of_the_topic_before():
    blocks = build_blocks(_long_transcript())
    total = sum(count_tokens(b.render()) + 1 for b in blocks)
    plain = chunk_blocks(blocks, budget=total // 3, overlap=1)
    start = plain[0].blocks[-1].id
    chunks = chunk_blocks(blocks, budget=total // 3, overlap=1, starts=[blocks[0].id, start])

    assert chunks[1].first_id == start  # no block of the topic before: the map's first section is the new topic
    assert chunks[2].first_id == chunks[1].last_id  # a cut at a pause still repeats a block for context


def test_the_map_is_told_each_topic_start_with_its_time():
    blocks = build_blocks(_long_transcript())
    chunk = chunk_blocks(blocks, budget=10_000, starts=[blocks[0].id, blocks[5].id, blocks[9].id])[0]
    clock = blocks[5].render().split()[1].rstrip("]")

    assert chunk.topics() == f"1 (0:00), 6 ({clock}) and 10 ({blocks[9].render().split()[1].rstrip(']')})"
    assert Chunk(0, chunk.blocks).topics().startswith("none")


def test_a_chunk_holds_no_more_topic_starts_than_the_map_may_answer():
    blocks = build_blocks(_long_transcript())
    chunks = chunk_blocks(blocks, budget=100_000, starts=[b.id for b in blocks])
    assert len(chunks) > 1 and all(len(c.starts) <= MAX_STARTS for c in chunks)
    assert sorted(s for c in chunks for s in c.starts) == [b.id for b in blocks]


def test_chunks_answered_side_by_side_hold_fewer_topic_starts():
    from summarizer.chunking import PARALLEL_STARTS

    blocks = build_blocks(_long_transcript())
    chunks = chunk_blocks(blocks, budget=100_000, starts=[b.id for b in blocks], max_starts=PARALLEL_STARTS)
    assert all(len(c.starts) <= PARALLEL_STARTS for c in chunks)
    assert sorted(s for c in chunks for s in c.starts) == [b.id for b in blocks]


def test_a_concurrent_run_prepares_parts_with_fewer_topic_starts():
    import sys

    sys.path.insert(0, "tests")
    from test_caller import FakeCaller

    from summarizer.chunking import PARALLEL_STARTS, SEQUENTIAL_STARTS
    from summarizer.pipeline import Pipeline

    class Alone(FakeCaller):
        chunk_tokens = 6000

    class Parallel(Alone):
        concurrency = 4

    transcript = _long_transcript(1200)
    alone = Pipeline(caller=Alone()).prepare(transcript)
    side_by_side = Pipeline(caller=Parallel()).prepare(transcript)
    assert max(len(c.starts) for c in side_by_side.chunks) <= PARALLEL_STARTS
    assert PARALLEL_STARTS < max(len(c.starts) for c in alone.chunks) <= SEQUENTIAL_STARTS
