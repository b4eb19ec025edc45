"""Episode metadata: what the user tells us about an episode, from flags or a sidecar file.

A sidecar is `<transcript name>.meta.json` beside the transcript (or any file named with `--meta`),
checked against the `meta` schema. Flags win over the sidecar, field by field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import InputError
from .transcript import slugify
from .validation import validation_errors

SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class EpisodeMeta:
    slug: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    guests: tuple[str, ...] = field(default_factory=tuple)
    hosts: tuple[str, ...] = field(default_factory=tuple)
    language: str | None = None  # the notes' language (BCP 47); None: the language spoken

    def slug_for(self, source: str) -> str:
        return slugify(self.slug or Path(source).stem)

    def overridden_by(self, other: EpisodeMeta) -> EpisodeMeta:
        """This metadata with every field `other` sets taken from `other`."""
        return replace(self, **{f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name)})

    @property
    def people(self) -> tuple[str, ...]:
        return self.guests + self.hosts


def sidecar_for(transcript: Path) -> Path | None:
    """`episode-12.meta.json` for `episode-12.txt`, when it exists."""
    candidate = transcript.with_name(transcript.stem + SIDECAR_SUFFIX)
    return candidate if candidate.is_file() else None


def read_sidecar(path: Path) -> EpisodeMeta:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: metadata file cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: metadata file is not JSON ({exc.msg} at line {exc.lineno})") from None
    errors = validation_errors(data, "meta")
    if errors:
        raise InputError(f"{path}: not a valid metadata file: {errors[0]}")
    return EpisodeMeta(
        slug=data.get("slug"),
        title=data.get("title"),
        url=data.get("url"),
        date=data.get("date"),
        guests=tuple(data.get("guests", ())),
        hosts=tuple(data.get("hosts", ())),
        language=data.get("language"),
    )
