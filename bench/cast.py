"""Who the cast finder names, scored on every ../shared/eval/dtc episode, without a model.

    .venv/bin/python bench/cast.py [--episodes]

For each episode's edited transcript (speaker labels) and raw-caption proxy (none): is the guest
found (first name, and the full name), is the host found, is anyone named who is neither. Even rows
are the half the phrases were chosen on, odd rows held out.
"""

from __future__ import annotations

import argparse
import json

from dtc import episodes

from summarizer.cast import find_cast
from summarizer.evaluate import first_name as first
from summarizer.language import detect_language
from summarizer.transcript import read_transcript


def same(found: str, wanted: str) -> bool:
    """`Chris` names `Christiaan`: a first name said short still names the person."""
    return found == wanted or (len(found) >= 3 and wanted.startswith(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episodes", action="store_true", help="one row per episode")
    args = parser.parse_args()
    totals: dict[tuple[str, str], list[tuple[bool, bool, bool, bool]]] = {}
    for half, folder in episodes():
        reference = json.loads((folder / "reference.json").read_text())
        guests = [g for g in reference["guests"] if g]
        host = reference["host"]
        for kind in ("transcript.txt", "captions.txt"):
            transcript = read_transcript(folder / kind)
            cast = find_cast(transcript, language=detect_language([s.text for s in transcript.segments]))
            found_full = {p.name.lower() for p in cast.guests}
            guest = any(same(first(p.name), first(g)) for p in cast.guests for g in guests)
            full = any(g.lower() in found_full for g in guests)
            host_found = any(same(first(p.name), first(host)) for p in cast.hosts) if host else False
            known = [first(g) for g in guests] + ([first(host)] if host else [])
            wrong = any(not any(same(first(p.name), k) for k in known) for p in cast.people)
            totals.setdefault((half, kind), []).append((guest, full, host_found, wrong))
            if args.episodes:
                names = ", ".join(f"{p.role}:{p.name}" for p in cast.people)
                print(f"{folder.name[:36]:<36} {kind:<15} guest {guests} host {host} → {names}")
    print(f"{'half':<9} {'transcript':<15} {'guest':>6} {'full':>6} {'host':>6} {'wrong':>6}")
    for (half, kind), rows in sorted(totals.items()):
        share = [sum(r[k] for r in rows) / len(rows) for k in range(4)]
        print(f"{half:<9} {kind:<15} " + " ".join(f"{v:>6.0%}" for v in share))


if __name__ == "__main__":
    main()
