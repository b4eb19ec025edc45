"""What a listener checks first, on dtc episodes the parameters were not chosen on: the whole pipeline
per episode, then `summarizer eval`'s listener figures, one row an episode.

    .venv/bin/python bench/listener.py                            # the default held-out sample
    .venv/bin/python bench/listener.py s06e02-non-technical-interviews s11e02-data-science-career-development
    .venv/bin/python bench/listener.py --base-url URL --model M   # any OpenAI-compatible endpoint

Episodes of ../shared/eval/dtc sorted by name; odd rows are the held-out half (bench/chapters.py).
No `--guest` or `--host` is given: the cast is found from the words, as for a new user. Each episode
costs 6–9 minutes on the embedded model on two cores; answers go to the answer store, so a rerun
after changing only post-processing costs seconds. Documents are written under outputs/listener/.
Columns: minutes, run seconds, model calls, guest named in title/tagline/summary, chapters crediting
the host where the guest holds 70% of the words, tips per hour and the share phrased as instructions,
quotes per hour, the share by the guest, questions and pairs sharing a start, and the share of the
publisher's resource list found, of all of it and of the part whose name is said aloud, and how many
thirds of the episode the summary paragraph speaks of, the share of chapters whose title and summary
match the words of their own stretch best (not the one before or after); the F1 against the publisher's headings of the
topic starts found from the words (bench/chapters.py) and of the document's chapters made from them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path

from chapters import scores, starts_found
from dtc import DTC, episodes
from eval import print_table
from summarizer.config import RunConfig
from summarizer.evaluate import evaluate
from summarizer.home import summarizer_home
from summarizer.metadata import EpisodeMeta
from summarizer.output import episode_dir, write_files
from summarizer.pipeline import Pipeline, Settings
from summarizer.providers import make_provider
from summarizer.store import AnswerStore
from summarizer.transcript import read_transcript

SAMPLE = 4  # every how many held-out episodes one is taken by default
COLUMNS = ("episode", "min", "run s", "calls", "guest", "host cr", "tips/h", "instr", "quotes/h", "by guest",
           "q?", "same", "res", "aloud", "sum ⅓", "own", "F1 words", "F1 chap")  # fmt: skip


def held_out() -> list[str]:
    return [folder.name for half, folder in episodes() if half == "held-out"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("episodes", nargs="*", help="dtc episode folders (default: every fourth held-out one)")
    parser.add_argument("--base-url")
    parser.add_argument("--model")
    parser.add_argument("--local-model", choices=("default", "small"))
    args = parser.parse_args()
    if not DTC.exists():
        raise SystemExit("no episodes: ../shared/eval/dtc is not present")
    names = args.episodes or held_out()[::SAMPLE]
    unknown = [name for name in names if not (DTC / name / "reference.json").exists()]
    if unknown:
        raise SystemExit(f"no such dtc episode: {', '.join(unknown)} (folders of {DTC})")
    provider = make_provider(RunConfig(model=args.model, base_url=args.base_url, local_model=args.local_model), print)
    store = AnswerStore(summarizer_home() / "answers.sqlite")
    pipeline = Pipeline(provider, store, Settings())
    loop = asyncio.new_event_loop()
    rows = [list(COLUMNS)]
    for name in names:
        transcript = read_transcript(DTC / name / "transcript.txt")
        reference = json.loads((DTC / name / "reference.json").read_text())
        headings = [float(c["start"]) for c in reference["chapters"]]
        started = time.monotonic()
        result = loop.run_until_complete(pipeline.run(transcript, EpisodeMeta(slug=name)))
        seconds = time.monotonic() - started
        document = result.document
        write_files(
            episode_dir(Path("outputs") / "listener", name), {"summary.json": json.dumps(document, indent=2) + "\n"}
        )
        f = evaluate(document, transcript, reference)
        hours = transcript.duration / 3600
        rows.append(
            [
                name[:40],
                f"{transcript.duration / 60:.0f}",
                f"{seconds:.0f}",
                str(result.stats.calls),
                "yes" if f.guest_named else "no",
                _count(f.host_credited_for_guest),
                f"{f.advice / hours:.1f}",
                _pct(f.advice_instructions),
                f"{f.quotes / hours:.1f}",
                _pct(f.quotes_by_guest),
                str(f.quotes_questions),
                str(f.quotes_same_start),
                _pct(f.resources_found),
                _pct(f.resources_aloud_found),
                _count(f.summary_thirds),
                _pct(f.chapters_on_their_words),
                f"{scores(headings, starts_found(DTC / name / 'transcript.txt')[0])[2]:.2f}",
                f"{_f1(f.reference_matched, f.ours_matched):.2f}",
            ]
        )
        print(f"{name}: {seconds:.0f} s", flush=True)
    print(f"model: {provider.name} · {provider.model}")
    print_table(rows)
    store.close()
    loop.close()


def _f1(recall: float | None, precision: float | None) -> float:
    r, p = recall or 0.0, precision or 0.0
    return 2 * r * p / (r + p) if r + p else 0.0


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _count(value: int | None) -> str:
    return "–" if value is None else str(value)


if __name__ == "__main__":
    main()
