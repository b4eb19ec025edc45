"""Where summarizer keeps what outlives a run: the answer store and assembled local models."""

import os
from pathlib import Path

from platformdirs import user_cache_dir


def summarizer_home() -> Path:
    """`$SUMMARIZER_HOME`, else the user's cache directory."""
    return Path(os.environ.get("SUMMARIZER_HOME") or user_cache_dir("summarizer"))
