"""The one-screen run report and the live progress line."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
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
        ("model calls", f"{stats.calls} made, {stats.cached_answers} answers reused from the store{_cut(stats)}"),
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


def _count(n: int | None) -> str:
    return "–" if n is None else str(n)


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
        ("advice in its own words", f"{_share(f.advice_own_words)} of {f.advice}"),
        ("advice phrased as instructions", f"{_share(f.advice_instructions)} of {f.advice}"),
        ("quotes that are questions", str(f.quotes_questions)),
        ("quotes sharing a start time", str(f.quotes_same_start)),
        ("thirds the summary speaks of", "–" if f.summary_thirds is None else f"{f.summary_thirds} of 3"),
        ("chapters on their own words", _share(f.chapters_on_their_words)),
    ]
    if f.guest_named is not None:
        rows += [
            ("guest named in title/tagline/summary", _yes(f.guest_named)),
            (
                "host credited for guest's words",
                "–" if f.host_credited_for_guest is None else str(f.host_credited_for_guest),
            ),
            ("quotes by the guest", _share(f.quotes_by_guest)),
        ]
    if f.resources_found is not None:
        rows.append(("publisher's resources found", _share(f.resources_found)))
        rows.append(("… of those named aloud", _share(f.resources_aloud_found)))
    if f.reference_matched is not None or f.rouge1 is not None:
        rows += [
            ("reference starts matched ±60s", _share(f.reference_matched)),
            ("our starts matched ±60s", _share(f.ours_matched)),
            ("chapter count ratio", "–" if f.chapter_ratio is None else f"{f.chapter_ratio:.2f}"),
            ("ROUGE-1 / 2 / L F1", f"{f.rouge1:.3f} / {f.rouge2:.3f} / {f.rougeL:.3f}"),
        ]
    return "\n".join(f"{label:<32} {value}" for label, value in rows)


@dataclass(frozen=True)
class EpisodeRow:
    episode: str
    status: str  # "ok", or the one-line reason it failed
    calls: int = 0
    cached: int = 0
    tokens: int = 0
    seconds: float = 0.0


def catalogue_table(rows: list[EpisodeRow]) -> str:
    """The closing table of a back-catalogue run: one line per episode, then the totals."""
    width = max([len(r.episode) for r in rows] + [7])
    lines = [f"{'episode':<{width}}  {'status':<6}  {'calls':>5}  {'reused':>6}  {'tokens':>9}  {'time':>7}"]
    for r in rows:
        status = "ok" if r.status == "ok" else "FAILED"
        lines.append(
            f"{r.episode:<{width}}  {status:<6}  {r.calls:>5}  {r.cached:>6}  {r.tokens:>9,}  {r.seconds:>6.1f}s"
        )
    ok = sum(r.status == "ok" for r in rows)
    lines.append(
        f"{f'{ok} of {len(rows)} ok':<{width}}  {'':<6}  {sum(r.calls for r in rows):>5}  "
        f"{sum(r.cached for r in rows):>6}  {sum(r.tokens for r in rows):>9,}"
    )
    lines += [f"{r.episode}: {r.status}" for r in rows if r.status != "ok"]
    return "\n".join(lines)


class ProgressLine:
    """Progress on stderr: redrawn in place on a terminal, a line per step otherwise.

    One episode: `map 3/7 · 1:02 elapsed · ETA 1:25`. Several: the overall share and ETA, then
    the step each running episode is at."""

    def __init__(self, stream: TextIO | None = None, episodes: int = 1) -> None:
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.tty = self.stream.isatty()
        self.expected = episodes
        self.steps: dict[str, tuple[str, int, int]] = {}
        self.maps: dict[str, int] = {}
        self.finished: set[str] = set()

    def __call__(self, episode: str, stage: str, done: int, total: int) -> None:
        self.steps[episode] = (stage, done, total)
        if stage == "map":
            self.maps[episode] = total
        elapsed = time.monotonic() - self.started
        if self.expected == 1:
            eta = f" · ETA {format_clock(elapsed / done * (total - done))}" if 0 < done < total else ""
            line = f"{stage} {done}/{total} · {format_clock(elapsed)} elapsed{eta}"
            self._write(line, end=stage == "reduce" and done == total)
            return
        share = self.share()
        eta = f" · ETA {format_clock(elapsed / share * (1 - share))}" if 0 < share < 1 else ""
        running = " · ".join(
            f"{name} {stage} {done}/{total}"
            for name, (stage, done, total) in self.steps.items()
            if name not in self.finished
        )
        head = f"{len(self.finished)}/{self.expected} episodes · {share:.0%} · {format_clock(elapsed)} elapsed{eta}"
        self._write(head + (f" · {running}" if running else ""))

    def share(self) -> float:
        """Share of the whole job done: episodes count equally, each its map calls then its reduce."""
        total = 0.0
        for name, (stage, done, _) in self.steps.items():
            maps = self.maps.get(name, 0)
            if name in self.finished:
                total += 1.0
            elif stage == "map":
                total += done / (maps + 1)
            else:
                total += (maps + done) / (maps + 1)
        return total / max(self.expected, 1)

    def done(self, episode: str) -> None:
        """An episode finished, written or failed."""
        self.finished.add(episode)

    def _write(self, line: str, end: bool = False) -> None:
        if self.tty:
            self.stream.write(f"\r\033[K{line}" + ("\n" if end else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def notice(self, message: str) -> None:
        self.stream.write(("\r\033[K" if self.tty else "") + message + "\n")
        self.stream.flush()


def _cut(stats: RunStats) -> str:
    return f", {stats.cut_off} cut off at their token budget (their complete items kept)" if stats.cut_off else ""
