"""Quality on real episodes: the whole pipeline over every episode in ../shared/eval plus the shared
65-minute transcript, scored by `summarizer eval`'s metrics, one row per episode and the average.

    .venv/bin/python bench/eval.py                          # the embedded default model
    .venv/bin/python bench/eval.py --local-model small
    .venv/bin/python bench/eval.py --base-url URL --model M  # any OpenAI-compatible endpoint

The first row is the naive baseline (a chapter every five minutes) the model must beat on both
directions of chapter alignment. Answers go to the answer store, so a rerun after changing only the
reduce prompt pays only for the reduce calls. Documents are written under outputs/eval/<model>/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from statistics import mean

from summarizer.metadata import EpisodeMeta
from summarizer.evaluate import Figures, evaluate, matched_share, naive_chapters
from summarizer.home import summarizer_home
from summarizer.output import episode_dir, write_files
from summarizer.pipeline import Pipeline, Settings
from summarizer.config import RunConfig
from summarizer.providers import make_provider
from summarizer.store import AnswerStore
from summarizer.transcript import read_transcript

SHARED = Path(__file__).resolve().parents[2] / "shared"
COLUMNS = (
    "episode",
    "min",
    "run s",
    "amp",
    "exact",
    "timed",
    "cover",
    "gap s",
    "mid ch",
    "mid adv",
    "mid q",
    "dup",
    "adv grd",
    "adv own",
    "ref→us",
    "us→ref",
    "ratio",
    "R1",
    "R2",
    "RL",
)


def episodes() -> list[tuple[str, Path, dict | None]]:
    found = [
        (d.name, d / "transcript.txt", json.loads((d / "reference.json").read_text()))
        for d in sorted((SHARED / "eval" / "episodes").glob("*"))
        if (d / "reference.json").exists()
    ]
    extra = SHARED / "transcripts" / "datatalks-misra-turp.txt"
    if extra.exists():
        found.append((extra.stem, extra, None))
    return found


def row(
    name: str,
    minutes: float,
    seconds: float | None,
    f: Figures | None,
    naive: tuple | None = None,
    amplification: float | None = None,
) -> list[str]:
    def pct(v):
        return "–" if v is None else f"{v:.0%}"

    def num(v, fmt="{:.2f}"):
        return "–" if v is None else fmt.format(v)

    if naive is not None:
        return (
            [name, f"{minutes:.0f}", "–", "–"] + ["–"] * 10 + [pct(naive[0]), pct(naive[1]), num(naive[2])] + ["–"] * 3
        )
    middle = lambda t: None if t is None else t[1]  # noqa: E731
    return [
        name,
        f"{minutes:.0f}",
        num(seconds, "{:.0f}"),
        num(amplification),
        pct(f.quote_exact),
        pct(f.quote_time_right),
        pct(f.coverage),
        num(f.largest_gap, "{:.0f}"),
        pct(middle(f.thirds_chapters)),
        pct(middle(f.thirds_advice)),
        pct(middle(f.thirds_quotes)),
        str(f.duplicate_advice + f.duplicate_quotes),
        pct(f.advice_grounded),
        pct(f.advice_own_words),
        pct(f.reference_matched),
        pct(f.ours_matched),
        num(f.chapter_ratio),
        num(f.rouge1, "{:.3f}"),
        num(f.rouge2, "{:.3f}"),
        num(f.rougeL, "{:.3f}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--local-model", choices=("default", "small"))
    parser.add_argument("--base-url")
    parser.add_argument("--model")
    parser.add_argument("--context-window", type=int)
    parser.add_argument("--only", nargs="*", help="episode names to run (default: all)")
    args = parser.parse_args()
    found = [e for e in episodes() if not args.only or e[0] in args.only]
    if not found:
        raise SystemExit("no episodes: ../shared/eval is not present")

    provider = make_provider(
        RunConfig(
            model=args.model, base_url=args.base_url, local_model=args.local_model, context_window=args.context_window
        ),
        print,
    )
    store = AnswerStore(summarizer_home() / "answers.sqlite")
    pipeline = Pipeline(provider, store, Settings())
    out_root = Path("outputs") / "eval" / provider.model
    rows, figures, naive = [], [], []
    loop = asyncio.new_event_loop()
    for name, path, reference in found:
        transcript = read_transcript(path)
        started = time.monotonic()
        result = loop.run_until_complete(pipeline.run(transcript, EpisodeMeta(slug=name)))
        seconds = time.monotonic() - started
        print(f"{name}: {seconds:.0f} s, {result.stats.calls} calls", flush=True)
        write_files(episode_dir(out_root, name), {"summary.json": json.dumps(result.document, indent=2) + "\n"})
        f = evaluate(result.document, transcript, reference)
        figures.append(f)
        rows.append(row(name, transcript.duration / 60, seconds, f, amplification=result.stats.amplification))
        if reference:
            ours = [c["start"] for c in naive_chapters(transcript.duration)]
            theirs = [float(c["start"]) for c in reference["chapters"]]
            naive.append((matched_share(theirs, ours), matched_share(ours, theirs), len(ours) / len(theirs)))
    baseline = tuple(mean(n[i] for n in naive) for i in range(3)) if naive else (None, None, None)
    table = [list(COLUMNS), row("naive: every 5 min", 0, None, None, baseline)] + rows
    average = row(
        "average",
        mean(float(r[1]) for r in rows),
        mean(float(r[2]) for r in rows),
        _average(figures),
        amplification=mean(float(r[3]) for r in rows),
    )
    table.append(average)
    print(f"model: {provider.name} · {provider.model}")
    print_table(table)
    store.close()
    loop.close()


def print_table(rows: list[list[str]]) -> None:
    """Rows of cells as aligned columns: the first left, the others right."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(r, widths))))


def _average(figures: list[Figures]) -> Figures:
    def avg(values):
        values = [v for v in values if v is not None]
        return mean(values) if values else None

    def avg_thirds(values):
        values = [v for v in values if v is not None]
        return tuple(mean(t[i] for t in values) for i in range(3)) if values else None

    data = [f.as_dict() for f in figures]
    merged = {}
    for key in data[0]:
        column = [d[key] for d in data]
        if key.startswith("thirds"):
            merged[key] = avg_thirds(column)
        elif isinstance(column[0], bool):
            merged[key] = all(column)
        elif key in ("quotes", "chapters", "advice", "duplicate_advice", "duplicate_quotes"):
            merged[key] = sum(column)
        else:
            merged[key] = avg(column)
    return Figures(**merged)


if __name__ == "__main__":
    main()
