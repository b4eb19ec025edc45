from __future__ import annotations

from pathlib import Path

import pytest

from scripted_server import ScriptedServer

SHARED = Path(__file__).resolve().parents[2] / "shared"  # beside the project root
SHARED_TRANSCRIPT = SHARED / "transcripts" / "datatalks-misra-turp.txt"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own answer store; no test sees the user's environment keys."""
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
