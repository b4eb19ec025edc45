"""Regenerating an unchanged episode, and re-rendering without a model.

    .venv/bin/python bench/regeneration.py [TRANSCRIPT] [--latency 0.5]

First run against the scripted OpenAI-compatible server (from tests/) with an empty answer store,
then the same run again: the second must make zero model calls. Then every render format is timed
from the document alone.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from scripted_server import ScriptedServer  # noqa: E402

from summarizer.pipeline import Pipeline, Settings  # noqa: E402
from summarizer.providers.openai_provider import OpenAIProvider  # noqa: E402
from summarizer.render import FORMATS, render  # noqa: E402
from summarizer.store import AnswerStore  # noqa: E402
from summarizer.transcript import read_transcript  # noqa: E402

SHARED = ROOT.parent / "shared" / "transcripts" / "datatalks-misra-turp.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("transcript", nargs="?", type=Path, default=SHARED)
    parser.add_argument("--latency", type=float, default=0.5)
    args = parser.parse_args()
    transcript = read_transcript(args.transcript)
    with tempfile.TemporaryDirectory() as home, ScriptedServer() as server:
        server.latency = args.latency
        store = AnswerStore(Path(home) / "answers.sqlite")
        provider = OpenAIProvider(model="scripted", api_key="sk-bench", base_url=server.base_url)
        pipeline = Pipeline(provider, store, Settings())

        async def twice():
            runs = []
            for _ in range(2):
                started = time.monotonic()
                result = await pipeline.run(transcript)
                runs.append((time.monotonic() - started, result))
            await provider.aclose()
            return runs

        (first_s, first), (second_s, second) = asyncio.run(twice())
        store.close()
    print(f"{args.transcript.name} ({transcript.duration / 60:.0f} min), scripted latency {args.latency:g} s per call")
    print(f"  first run    {first.stats.calls:>3} calls  {first_s:6.2f} s")
    print(
        f"  second run   {second.stats.calls:>3} calls  {second_s:6.2f} s"
        f"  ({second.stats.cached_answers} answers reused)"
    )
    print(f"  same document: {first.document == second.document}")
    for name in FORMATS:
        started = time.perf_counter()
        for _ in range(20):
            render(second.document, name)
        print(f"  render {name:<17} {(time.perf_counter() - started) / 20 * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
