from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripted_server import ScriptedServer

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.is_dir():
    SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_TRANSCRIPT = SHARED / "transcripts" / "datatalks-misra-turp.txt"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample-episode.txt"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own answer store; no test sees the user's environment keys."""
    if "SUMMARIZER_HOME" not in os.environ or not os.environ.get("SUMMARIZER_KEEP_HOME"):
        monkeypatch.setenv("SUMMARIZER_HOME", str(tmp_path / "home"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.fixture
def server():
    with ScriptedServer() as running:
        yield running


@pytest.fixture
def shared_transcript() -> Path:
    if not SHARED_TRANSCRIPT.is_file():
        pytest.skip("../shared/transcripts is not present")
    return SHARED_TRANSCRIPT
