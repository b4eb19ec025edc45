"""Answers already paid for, kept across runs.

SQLite in WAL mode: each answer is committed the moment it is validated, so a crash or kill -9
loses nothing already answered, and several runs (or processes) can share one store safely —
SQLite serialises writers and readers never block. The key is a hash of everything that
determines an answer: provider, model, rendered messages (so prompt files), schema, decoding.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import StoreError
from .validation import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    step TEXT NOT NULL,
    model TEXT NOT NULL,
    data TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    status TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def answer_key(
    identity: dict[str, Any], step: str, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int
) -> str:
    payload = json.dumps(
        {"identity": identity, "step": step, "messages": messages, "schema": schema, "max_tokens": max_tokens},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class DamagedStore(StoreError):
    """The file at the store's path is not a readable SQLite database."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"answer store {path} is damaged ({reason}); move it aside or {_FIX}")
        self.path, self.reason = path, reason


@dataclass(frozen=True)
class StoreStats:
    answers: int
    prompt_tokens: int
    completion_tokens: int
    bytes: int


_FIX = "set SUMMARIZER_HOME to a writable folder, or run with --no-cache"


class AnswerStore:
    def __init__(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"answer store {path}: cannot create its folder ({exc.strerror}); {_FIX}") from None
        self.path = path
        try:
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._db.execute("SELECT key FROM answers LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
                raise StoreError(f"answer store {path}: cannot be opened ({exc}); {_FIX}") from None
            raise DamagedStore(path, str(exc)) from None

    @classmethod
    def open(cls, path: Path, notice: Callable[[str], None]) -> AnswerStore:
        """The store at `path`; a damaged one is moved aside (kept, never deleted) and a new one begun."""
        try:
            return cls(path)
        except DamagedStore as damaged:
            kept = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            for suffix in ("", "-wal", "-shm"):
                part = path.with_name(path.name + suffix)
                if part.exists():
                    part.rename(kept.with_name(kept.name + suffix))
            notice(
                f"summarizer: answer store {path} is damaged ({damaged.reason}); moved aside to {kept.name}"
                " (kept, not deleted) and starting a new one"
            )
            return cls(path)

    def get(self, key: str) -> Answer | None:
        try:
            row = self._db.execute(
                "SELECT data, prompt_tokens, completion_tokens FROM answers WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"answer store {self.path}: cannot be read ({exc}); move it aside or {_FIX}") from None
        if row is None:
            return None
        return Answer(data=json.loads(row[0]), prompt_tokens=row[1], completion_tokens=row[2], calls=0)

    def put(self, key: str, step: str, model: str, answer: Answer) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                step,
                model,
                json.dumps(answer.data, ensure_ascii=False),
                answer.prompt_tokens,
                answer.completion_tokens,
                time.time(),
            ),
        )

    def add_batch(self, batch_id: str, job: dict[str, Any], status: str) -> None:
        """Remember a submitted batch and what it was for (never the API key)."""
        self._db.execute(
            "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?)", (batch_id, json.dumps(job), status, time.time())
        )

    def set_batch_status(self, batch_id: str, status: str) -> None:
        self._db.execute("UPDATE batches SET status = ? WHERE id = ?", (status, batch_id))

    def batches(self) -> list[tuple[str, dict[str, Any], str]]:
        """Submitted batches, newest first: (id, job, last status seen)."""
        rows = self._db.execute("SELECT id, job, status FROM batches ORDER BY created DESC").fetchall()
        return [(row[0], json.loads(row[1]), row[2]) for row in rows]

    def stats(self) -> StoreStats:
        count, prompt, completion = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0) FROM answers"
        ).fetchone()
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))
        return StoreStats(count, prompt, completion, size)

    def prune(self, older_than_days: float) -> int:
        cursor = self._db.execute("DELETE FROM answers WHERE created < ?", (time.time() - older_than_days * 86400,))
        self._db.execute("VACUUM")
        return cursor.rowcount

    def close(self) -> None:
        self._db.close()
