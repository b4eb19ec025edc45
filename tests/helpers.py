"""Shared by the pipeline tests: a synthetic ten-minute transcript and runs against the scripted server."""

import asyncio

from scripted_server import ScriptedServer
from summarizer.pipeline import Pipeline, Settings
from summarizer.providers.openai_provider import OpenAIProvider
from summarizer.transcript import parse_transcript

SECRET = "sk-test-secret"

TOPICS = [
    "compost heaps",
    "tomato seedlings",
    "rainwater barrels",
    "beekeeping hives",
    "pruning roses",
    "greenhouse heating",
    "potato blight",
    "raised beds",
    "seed catalogues",
    "orchard grafting",
    "slug traps",
    "winter squash",
    "herb spirals",
    "hedge laying",
    "pond liners",
]
LINES = [
    f"{i // 60}:{i % 60:02d} line {i} so we {TOPICS[i // 40]} with {TOPICS[(i * 7) % 15].split()[1]} notes"
    for i in range(0, 600, 3)
]
TRANSCRIPT = parse_transcript("\n".join(LINES))


def scripted_provider(server: ScriptedServer, **kwargs) -> OpenAIProvider:
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    provider = OpenAIProvider(model="scripted", api_key=SECRET, base_url=server.base_url, sleep=sleep, **kwargs)
    provider.sleeps = sleeps
    return provider


def run_pipeline(server, store=None, chunk_tokens=400, concurrency=None, **kwargs):
    provider = scripted_provider(server, **kwargs)
    pipeline = Pipeline(provider, store, Settings(chunk_tokens=chunk_tokens, concurrency=concurrency))
    return asyncio.run(pipeline.run(TRANSCRIPT)), provider
