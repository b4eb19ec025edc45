"""Episode folders written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def episode_dir(root: Path, slug: str) -> Path:
    """`root/slug`, created and proven writable before any model is called."""
    folder = root / slug
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as exc:
        raise OutputError(f"{folder}: output folder is not writable ({exc.strerror}); choose another with -o") from None
    return folder


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write every file to a temporary name first, then rename them all into place.

    Temporary files are created private (0600); they get the permissions a plain `open` would
    have given them before they are renamed, so published notes are readable like any other file."""
    staged: list[tuple[Path, Path]] = []
    mode = 0o666 & ~_umask()
    try:
        for name, text in files.items():
            handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=f".{name}.", delete=False)
            with handle:
                handle.write(text)
                os.fchmod(handle.fileno(), mode)
            staged.append((Path(handle.name), folder / name))
        for temporary, final in staged:
            os.replace(temporary, final)
    except OSError as exc:
        raise OutputError(f"{folder}: could not write outputs ({exc.strerror})") from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return [final for _, final in staged]
