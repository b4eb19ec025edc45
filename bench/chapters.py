"""Chapter starts found from the words alone, scored against publishers' hand-written headings.

    .venv/bin/python bench/chapters.py            # every dtc episode, in seconds, no model call

For each episode of ../shared/eval/dtc, the topic starts of its edited transcript and of its raw-caption
proxy are matched to the publisher's headings within ±60 s: recall (headings with a start near them),
precision (starts near a heading) and F1. Episodes are split in two halves by name (even rows: the half
parameters are chosen on; odd rows: held out) and each half is reported on its own, with a chapter every
five minutes as the naive row and the publisher's own LLM chapters as the upper anchor. The "no
language rules" rows segment the same English words with no stopwords and no cue phrases, as an
episode in a language without its own rules is segmented: what such an episode can expect, and the
check that having no rules costs less than applying another language's rules blindly would.
Last, the instant chapters' keyword titles: of the starts near a heading, the share whose title shares
a content word with it (`Large Hadron Collider, particles` with "Working at the Large Hadron Collider").
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from statistics import mean

from dtc import episodes

from summarizer.chunking import build_blocks
from summarizer.evaluate import matched_share, naive_chapters
from summarizer.language import detect_language
from summarizer.segmenting import keyword_titles, terms, topic_starts
from summarizer.transcript import read_transcript


NO_RULES = "zxx"  # BCP 47 "no linguistic content": a language the segmenter has no stopwords or cues for


def starts_found(path: Path, language: str | None = None) -> tuple[list[float], float]:
    """Topic starts as the pipeline finds them: blocks, the detected language (or `language`: with
    NO_RULES, as an episode in a language without its own rules is segmented), then the turns."""
    transcript = read_transcript(path)
    blocks = build_blocks(transcript)
    by_id = {b.id: b for b in blocks}
    language = language or detect_language([s.text for s in transcript.segments])
    return [by_id[i].start or 0.0 for i in topic_starts(blocks, language)], blocks[-1].end or 0.0


def titles_sharing_words(path: Path, headings: list[dict[str, object]]) -> tuple[int, int]:
    """Of the topic starts within ±60 s of a heading, how many have a keyword title sharing a content
    word with the nearest heading, and how many there are."""
    transcript = read_transcript(path)
    blocks = build_blocks(transcript)
    language = detect_language([s.text for s in transcript.segments])
    starts = topic_starts(blocks, language)
    titles, by_id = keyword_titles(blocks, starts, language), {b.id: b for b in blocks}
    shared = near = 0
    for start in starts:
        at = by_id[start].start or 0.0
        close = [h for h in headings if abs(float(str(h["start"])) - at) <= 60]
        if close:
            heading = min(close, key=lambda h: abs(float(str(h["start"])) - at))
            near += 1
            shared += bool(set(terms(str(heading["title"]))) & set(terms(titles[start].replace(",", " "))))
    return shared, near


def scores(reference: list[float], ours: list[float]) -> tuple[float, float, float]:
    recall = matched_share(reference, ours) or 0.0
    precision = matched_share(ours, reference) or 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return recall, precision, f1


def table(title: str, rows: dict[str, list[tuple[float, float, float]]]) -> str:
    lines = [title, f"  {'':<40} {'recall':>7} {'prec':>7} {'F1':>7}"]
    for name, values in rows.items():
        r, p, f = (mean(v[k] for v in values) for k in range(3))
        lines.append(f"  {name:<40} {r:>7.0%} {p:>7.0%} {f:>7.2f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episodes", action="store_true", help="also print one row per episode")
    args = parser.parse_args()
    folders = list(episodes())
    halves: dict[str, dict[str, list[tuple[float, float, float]]]] = {"fit": {}, "held-out": {}}
    started, seconds_per_hour = time.monotonic(), []
    sharing: dict[tuple[str, str], list[int]] = {}
    for half_name, folder in folders:
        reference = json.loads((folder / "reference.json").read_text())
        headings = [float(c["start"]) for c in reference["chapters"]]
        half = halves[half_name]
        for label, name in (("edited transcript", "transcript.txt"), ("caption proxy", "captions.txt")):
            t0 = time.monotonic()
            ours, duration = starts_found(folder / name)
            seconds_per_hour.append((time.monotonic() - t0) / max(duration / 3600, 1e-9))
            score = scores(headings, ours)
            half.setdefault(f"topic starts, {label}", []).append(score)
            if args.episodes:
                print(f"{folder.name[:40]:<40} {label:<18} {score[0]:>5.0%} {score[1]:>5.0%} {score[2]:>5.2f}")
            counts = sharing.setdefault((half_name, label), [0, 0])
            for k, v in enumerate(titles_sharing_words(folder / name, reference["chapters"])):
                counts[k] += v
            bare, _ = starts_found(folder / name, NO_RULES)
            half.setdefault(f"no language rules, {label}", []).append(scores(headings, bare))
        naive = [c["start"] for c in naive_chapters(duration)]
        half.setdefault("every 5 minutes", []).append(scores(headings, naive))
        llm = [float(c["start"]) for c in reference.get("publisher_llm_chapters") or []]
        if llm:
            half.setdefault("publisher's LLM (anchor)", []).append(scores(headings, llm))
    for name, rows in halves.items():
        count = len(next(iter(rows.values())))
        print(table(f"{name} half ({count} episodes)", rows))
    print("keyword titles sharing a word with the heading near their start")
    for (which, label), (shared, near) in sharing.items():
        print(f"  {which:<9} {label:<18} {shared:>4} of {near:>4}  {shared / max(near, 1):>4.0%}")
    print(
        f"{len(folders)} episodes × 2 transcripts in {time.monotonic() - started:.1f} s;"
        f" topic starts take {mean(seconds_per_hour):.2f} s per transcript hour"
    )


if __name__ == "__main__":
    main()
