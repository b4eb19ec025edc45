"""What a run is told (Settings) and what it reports (RunStats, Result): shared by the pipeline,
its stages and whoever reads the run report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .budget import Limits
from .caller import Usage
from .notes import Drops


@dataclass(frozen=True)
class Settings:
    chunk_tokens: int | None = None
    overlap: int = 1
    concurrency: int | None = None
    map_answer_tokens: int = 900
    merge_answer_tokens: int = 1200
    reduce_answer_tokens: int = 1500
    max_collapse_depth: int = 3
    attempts: int = 3
    limits: Limits = Limits()
    requests_per_minute: int | None = None
    tokens_per_minute: int | None = None


@dataclass
class RunStats(Usage):
    chunks: int = 0
    transcript_tokens: int = 0
    collapse_depth: int = 0
    quotes_kept: int = 0
    seconds: float = 0.0
    drops: Drops = field(default_factory=Drops)

    @property
    def amplification(self) -> float:
        """Prompt tokens of every request over the transcript's own tokens (1.0 = read once)."""
        return self.request_tokens / self.transcript_tokens if self.transcript_tokens else 0.0


@dataclass(frozen=True)
class Result:
    document: dict[str, Any]
    stats: RunStats
