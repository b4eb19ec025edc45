"""The one-screen run report and the live progress line."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from .pipeline import RunStats
from .timefmt import format_clock


def run_report(slug: str, stats: RunStats, model: str, written: list[str], duration: float | None) -> str:
    drops = stats.drops.counts
    quote_drops = sum(n for reason, n in drops.items() if reason.startswith("quote"))
    rows = [
        ("episode", f"{slug} ({format_clock(duration) or 'untimed'})"),
        ("model", model),
        ("chunks", f"{stats.chunks} (collapse rounds: {stats.collapse_depth})"),
        ("model calls", f"{stats.calls} made, {stats.cached_answers} answers reused from the store"),
        ("tokens", f"prompt {stats.prompt_tokens:,} · completion {stats.completion_tokens:,}"
                   f" · amplification {stats.amplification:.2f}× of {stats.transcript_tokens:,} transcript tokens"),
        ("quotes", f"{stats.quotes_kept} kept · {quote_drops} dropped"),
    ]
    rows += [("dropped", f"{n} × {reason}") for reason, n in sorted(drops.items())]
    rows += [("time", f"{stats.seconds:.1f} s"), ("wrote", ", ".join(written))]
    return "\n".join(f"{label:<12} {value}" for label, value in rows)


class ProgressLine:
    """`map 3/7 · 1:02 elapsed · ETA 1:25` on stderr: redrawn in place on a terminal, a line per step otherwise."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.tty = stream.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        elapsed = time.monotonic() - self.started
        eta = f" · ETA {format_clock(elapsed / done * (total - done))}" if 0 < done < total else ""
        line = f"{stage} {done}/{total} · {format_clock(elapsed)} elapsed{eta}"
        if self.tty:
            self.stream.write(f"\r\033[K{line}")
            if stage == "reduce":
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def notice(self, message: str) -> None:
        self.stream.write(("\r\033[K" if self.tty else "") + message + "\n")
        self.stream.flush()
