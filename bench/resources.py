"""Resources found in the words (no model), against the publisher's resource lists of ../shared/eval/dtc.

    .venv/bin/python bench/resources.py [--episodes]

The publisher lists links (books, courses, tools, profiles), not all of them said aloud. "Named
aloud" counts the ones whose name (without a bracketed note) is said as words of the transcript; a resource
is found when one of ours matches its name (token-set similarity ≥ 80, as `summarizer eval`).
Even rows are the half the patterns were chosen on, odd rows held out.
"""

from __future__ import annotations

import argparse
import json

from dtc import episodes

from summarizer.chunking import build_blocks
from summarizer.evaluate import resources_found, said_aloud
from summarizer.language import detect_language
from summarizer.resources import find_resources
from summarizer.transcript import read_transcript


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episodes", action="store_true", help="one row per episode, with what was found")
    args = parser.parse_args()
    totals: dict[tuple[str, str], list[int]] = {}
    for half, folder in episodes():
        reference = json.loads((folder / "reference.json").read_text())
        for kind in ("transcript.txt", "captions.txt"):
            transcript = read_transcript(folder / kind)
            text = " ".join(s.text for s in transcript.segments)
            language = detect_language([s.text for s in transcript.segments])
            ours = [m.name for m in find_resources(build_blocks(transcript), language)]
            theirs = [r["name"] for r in reference["resources"]]
            aloud = [t for t in theirs if said_aloud(t, text)]

            row = totals.setdefault((half, kind), [0, 0, 0, 0, 0])
            for i, v in enumerate(
                (len(theirs), resources_found(theirs, ours), len(aloud), resources_found(aloud, ours), len(ours))
            ):
                row[i] += v
            if args.episodes and kind == "transcript.txt":
                print(f"{folder.name[:40]:<40} theirs {theirs}\n{'':<40} ours   {ours}")
    print(f"{'half':<9} {'transcript':<15} {'listed':>7} {'found':>6} {'aloud':>6} {'found':>6} {'ours':>6}")
    for (half, kind), (listed, hit, aloud, aloud_hit, ours) in sorted(totals.items()):
        print(
            f"{half:<9} {kind:<15} {listed:>7} {hit / listed:>6.0%} {aloud:>6} {aloud_hit / max(aloud, 1):>6.0%}"
            f" {ours:>6}"
        )


if __name__ == "__main__":
    main()
