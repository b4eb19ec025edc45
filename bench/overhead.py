"""Overhead of everything but the model: parse and chunk a synthetic 20-hour caption transcript.

    .venv/bin/python bench/overhead.py [--hours 20]

Prints seconds per stage and the peak memory of the process (the model is not involved).
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from summarizer.chunking import build_blocks, chunk_blocks
from summarizer.grounding import QuoteLocator
from summarizer.segmenting import topic_starts
from summarizer.transcript import parse_transcript

WORDS = (
    "the a we you they build data model team customer product question answer time week project start learn "
    "market price shop repair listen show guest story first really because think people work good idea"
).split()


def synthetic(hours: float, seed: int = 7) -> str:
    """Caption lines every 3 to 6 seconds, 8 to 16 words each, two speakers."""
    rng = random.Random(seed)
    lines, t = [], 0
    while t < hours * 3600:
        h, rest = divmod(t, 3600)
        clock = f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
        lines.append(f"{clock} {'Host' if rng.random() < 0.3 else 'Guest'}: {text}")
        t += rng.randint(3, 6)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hours", type=float, default=20.0)
    args = parser.parse_args()
    text = synthetic(args.hours)
    timings = {}
    started = time.perf_counter()
    transcript = parse_transcript(text, source="synthetic.txt")
    timings["parse"] = time.perf_counter() - started
    started = time.perf_counter()
    blocks = build_blocks(transcript)
    timings["blocks (token counts)"] = time.perf_counter() - started
    started = time.perf_counter()
    starts = topic_starts(blocks)
    timings["topic starts"] = time.perf_counter() - started
    started = time.perf_counter()
    chunks = chunk_blocks(blocks, 3200, 1, starts)
    timings["chunk"] = time.perf_counter() - started
    started = time.perf_counter()
    QuoteLocator(transcript, blocks)
    timings["quote index"] = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.hours:g} h synthetic transcript: {len(text) / 1e6:.1f} MB, {len(transcript.segments):,} lines,"
        f" {len(blocks):,} blocks, {len(starts):,} topic starts, {len(chunks):,} chunks of ≤3,200 tokens"
    )
    for stage, seconds in timings.items():
        print(f"  {stage:<22} {seconds:7.2f} s")
    print(f"  {'total':<22} {sum(timings.values()):7.2f} s")
    print(f"  peak memory (max RSS)  {peak_mb:7.0f} MB")


if __name__ == "__main__":
    main()
