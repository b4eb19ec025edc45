"""The one-screen run report and the live progress line."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from .evaluate import Figures
from .pipeline import RunStats
from .timefmt import format_clock


def run_report(
    folder: Path, stats: RunStats, model: str, written: list[str], skipped: list[str], duration: float | None
) -> str:
    drops = stats.drops.counts
    quote_drops = sum(n for reason, n in drops.items() if reason.startswith("quote"))
    rows = [
        ("episode", f"{folder.name} ({format_clock(duration) or 'untimed'})"),
        ("model", model),
        ("chunks", f"{stats.chunks} (collapse rounds: {stats.collapse_depth})"),
        ("model calls", f"{stats.calls} made, {stats.cached_answers} answers reused from the store"),
        (
            "tokens",
            f"prompt {stats.prompt_tokens:,} · completion {stats.completion_tokens:,}"
            f" · amplification {stats.amplification:.2f}× of {stats.transcript_tokens:,} transcript tokens",
        ),
        ("quotes", f"{stats.quotes_kept} kept · {quote_drops} dropped"),
    ]
    rows += [("dropped", f"{n} × {reason}") for reason, n in sorted(drops.items())]
    rows += [("time", f"{stats.seconds:.1f} s"), ("wrote", f"{folder}/: {', '.join(written)}")]
    rows += [("not written", reason) for reason in skipped]
    return "\n".join(f"{label:<12} {value}" for label, value in rows)


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _thirds(value: tuple[float, float, float] | None) -> str:
    return "–" if value is None else " / ".join(f"{v:.0%}" for v in value)


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def figures_table(f: Figures) -> str:
    """`summarizer eval` as a table a person reads."""
    rows = [
        ("quotes exact transcript spans", f"{_share(f.quote_exact)} of {f.quotes}"),
        ("quote times at their span", _share(f.quote_time_right)),
        ("chapters", f"{f.chapters} · in order: {_yes(f.chapters_in_order)} · first at 0:00: {_yes(f.first_at_zero)}"),
        ("timeline covered", f"{_share(f.coverage)} · largest gap {format_clock(f.largest_gap) or '–'}"),
        ("chapters by third", _thirds(f.thirds_chapters)),
        ("advice by third", _thirds(f.thirds_advice)),
        ("quotes by third", _thirds(f.thirds_quotes)),
        ("near-duplicates", f"advice {f.duplicate_advice} · quotes {f.duplicate_quotes}"),
        ("advice grounded in its block", f"{_share(f.advice_grounded)} of {f.advice}"),
    ]
    if f.reference_matched is not None or f.rouge1 is not None:
        rows += [
            ("reference starts matched ±60s", _share(f.reference_matched)),
            ("our starts matched ±60s", _share(f.ours_matched)),
            ("chapter count ratio", "–" if f.chapter_ratio is None else f"{f.chapter_ratio:.2f}"),
            ("ROUGE-1 / 2 / L F1", f"{f.rouge1:.3f} / {f.rouge2:.3f} / {f.rougeL:.3f}"),
        ]
    return "\n".join(f"{label:<32} {value}" for label, value in rows)


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
