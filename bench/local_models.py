"""Embedded-model speed: seconds per transcript minute and tokens per second, for each local model.

    .venv/bin/python bench/local_models.py [TRANSCRIPT] [--models default small] [--minutes N]

Runs the whole pipeline (no answer store) on the transcript, or on its first N minutes, and prints
one row per model. Defaults to the shared 65-minute transcript when ../shared is present.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from dataclasses import replace
from pathlib import Path

from summarizer.home import summarizer_home
from summarizer.pipeline import Pipeline
from summarizer.providers.local import LocalProvider
from summarizer.providers.model_files import MODELS, ensure_model
from summarizer.transcript import read_transcript

SHARED = Path(__file__).resolve().parents[2] / "shared" / "transcripts" / "datatalks-misra-turp.txt"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample-episode.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("transcript", nargs="?", type=Path, default=SHARED if SHARED.exists() else EXAMPLE)
    parser.add_argument("--models", nargs="+", default=["default", "small"], choices=list(MODELS))
    parser.add_argument("--minutes", type=float, help="only the first N minutes of the transcript")
    args = parser.parse_args()

    transcript = read_transcript(args.transcript)
    if args.minutes:
        kept = tuple(s for s in transcript.segments if s.start is not None and s.start < args.minutes * 60)
        transcript = replace(transcript, segments=kept)
    minutes = (transcript.duration or 0) / 60
    print(f"transcript: {args.transcript.name}, {minutes:.1f} min, {len(transcript.segments)} segments")
    print(
        f"{'model':<38} {'load s':>7} {'run s':>7} {'s/min':>6} {'chunks':>6} {'calls':>5} "
        f"{'prompt tok':>10} {'compl tok':>9} {'prompt/s':>8} {'compl/s':>7}"
    )
    for name in args.models:
        path = ensure_model(MODELS[name], summarizer_home(), print)
        provider = LocalProvider(path)
        started = time.monotonic()
        provider.load()
        loaded = time.monotonic() - started
        result = asyncio.run(Pipeline(provider).run(transcript))
        s = result.stats
        # Calibrate the split between reading and writing with one prompt-only call on the same model.
        prompt_rate = _prompt_rate(provider)
        reading = s.prompt_tokens / prompt_rate
        writing_rate = s.completion_tokens / max(s.seconds - reading, 1e-9)
        print(
            f"{path.stem:<38} {loaded:>7.1f} {s.seconds:>7.1f} {s.seconds / minutes:>6.1f} {s.chunks:>6} "
            f"{s.calls:>5} {s.prompt_tokens:>10,} {s.completion_tokens:>9,} {prompt_rate:>8.1f} {writing_rate:>7.1f}"
        )


def _prompt_rate(provider: LocalProvider) -> float:
    """Prompt tokens per second, from a 1-token answer to a fresh ~1,500-token prompt."""
    text = " ".join(f"word{i}" for i in range(700))
    provider._llm.reset()
    started = time.monotonic()
    result = provider._llm.create_completion(text, max_tokens=1)
    return result["usage"]["prompt_tokens"] / (time.monotonic() - started)


if __name__ == "__main__":
    main()
