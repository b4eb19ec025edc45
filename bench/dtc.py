"""The published episodes of ../shared/eval/dtc, split once for every bench: sorted by name, even rows
are the half parameters were chosen on ("fit"), odd rows are held out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

DTC = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dtc"
Half = Literal["fit", "held-out"]

INCONSISTENT = {
    "s17e08-building-machine-learning-products": "its transcript and headings are s17e09's (Daniel Svonava, "
    "search systems) under Reem Mahmoud's name, links and resources",
}
"""Folders whose files do not belong together, left out of every figure (their place in the split is
kept, so the halves stay as they were)."""


def episodes() -> Iterator[tuple[Half, Path]]:
    """Each consistent episode folder with its half, in name order."""
    folders = sorted(d for d in DTC.iterdir() if (d / "reference.json").exists())
    for n, folder in enumerate(folders):
        if folder.name not in INCONSISTENT:
            yield ("fit" if n % 2 == 0 else "held-out"), folder
