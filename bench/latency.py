"""Wall time of a full run against its critical path, at several concurrency levels.

    .venv/bin/python bench/latency.py [TRANSCRIPT] [--latency 1.0] [--tps 60] [--levels 1 2 4 8 16]

The scripted OpenAI-compatible server from tests/ answers every call after `--latency` seconds plus
its length at `--tps` tokens a second, through the real `openai` client. The critical-path bound
is the slowest map call plus the merge and reduce calls that must follow it: with the map fully
parallel, a run cannot finish sooner.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from scripted_server import ScriptedServer  # noqa: E402

from summarizer.pipeline import Pipeline, Settings  # noqa: E402
from summarizer.providers.openai_provider import OpenAIProvider  # noqa: E402
from summarizer.transcript import read_transcript  # noqa: E402

SHARED = ROOT.parent / "shared" / "transcripts" / "datatalks-misra-turp.txt"


def one_run(path: Path, concurrency: int, latency: float, tps: float) -> tuple[float, float, int, float]:
    with ScriptedServer() as server:
        server.latency, server.tokens_per_second = latency, tps
        provider = OpenAIProvider(model="scripted", api_key="sk-bench", base_url=server.base_url)
        pipeline = Pipeline(provider, None, Settings(concurrency=concurrency))
        started = time.monotonic()

        async def go():
            try:
                return await pipeline.run(read_transcript(path))
            finally:
                await provider.aclose()

        result = asyncio.run(go())
        wall = time.monotonic() - started
    durations = {
        step: [r["seconds"] for r in server.requests if r["step"] == step] for step in ("map", "merge", "reduce")
    }
    merges = max(durations["merge"], default=0.0) * result.stats.collapse_depth
    bound = max(durations["map"]) + merges
    bound += sum(durations["reduce"])
    return wall, bound, result.stats.calls, result.stats.amplification


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("transcript", nargs="?", type=Path, default=SHARED)
    parser.add_argument("--latency", type=float, default=1.0, help="seconds before each answer starts")
    parser.add_argument("--tps", type=float, default=60.0, help="answer tokens per second")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    args = parser.parse_args()
    if not args.transcript.exists():
        raise SystemExit(f"{args.transcript} is not present")
    print(f"{args.transcript.name}: latency {args.latency:g} s + answer at {args.tps:g} tokens/s per call")
    print(
        f"{'concurrency':>11}  {'calls':>5}  {'wall s':>7}  {'bound s':>7}  {'wall/bound':>10}  {'amplification':>13}"
    )
    for level in args.levels:
        wall, bound, calls, amp = one_run(args.transcript, level, args.latency, args.tps)
        print(f"{level:>11}  {calls:>5}  {wall:>7.2f}  {bound:>7.2f}  {wall / bound:>10.2f}  {amp:>13.2f}")


if __name__ == "__main__":
    main()
