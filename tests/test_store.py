import sqlite3

from summarizer.store import AnswerStore, answer_key
from summarizer.validation import Answer


def test_answer_survives_reopening_the_store(tmp_path):
    path = tmp_path / "answers.sqlite"
    store = AnswerStore(path)
    key = answer_key({"model": "m"}, "map", [{"role": "user", "content": "x"}], {"type": "object"}, 100)
    store.put(key, "map", "m", Answer({"a": 1}, 10, 5, 1))
    store.close()
    again = AnswerStore(path)
    assert again.get(key) == Answer({"a": 1}, 10, 5, 0)
    assert again.stats().answers == 1


def test_store_uses_write_ahead_logging(tmp_path):
    AnswerStore(tmp_path / "answers.sqlite").close()
    mode = sqlite3.connect(tmp_path / "answers.sqlite").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_key_changes_with_anything_that_determines_the_answer():
    base = ({"model": "m"}, "map", [{"role": "user", "content": "x"}], {"type": "object"}, 100)
    keys = {answer_key(*base)}
    keys.add(answer_key({"model": "other"}, *base[1:]))
    keys.add(answer_key(base[0], base[1], [{"role": "user", "content": "y"}], *base[3:]))
    keys.add(answer_key(*base[:4], 200))
    assert len(keys) == 4


def test_prune_removes_old_answers(tmp_path):
    store = AnswerStore(tmp_path / "answers.sqlite")
    store.put("k", "map", "m", Answer({}, 1, 1, 1))
    assert store.prune(older_than_days=-1) == 1
    assert store.get("k") is None
