"""The language an episode is spoken in, from its words, before any model call.

py3langid (a maintained fork of langid.py, its model bundled in the wheel, so nothing is fetched at
run time) classifies a sample of the transcript. Rules that depend on a language (cue phrases,
stopwords) look the language up and apply only where they know it.
"""

from __future__ import annotations

SAMPLE_CHARS = 6000


def detect_language(texts: list[str]) -> str:
    """ISO 639-1 code (`en`, `es`, `de` …) of the transcript whose segment texts are `texts`:
    a sample from the middle, where intros and sponsor reads are rarest."""
    joined = " ".join(texts)
    middle = max(0, len(joined) // 2 - SAMPLE_CHARS // 2)
    sample = joined[middle : middle + SAMPLE_CHARS]
    if not sample.strip():
        return "und"
    import py3langid  # loads its bundled model on first use (about a second)

    code, _ = py3langid.classify(sample)
    return str(code)


MIN_CHECKED_WORDS = 6


def off_language(texts: list[str], language: str) -> list[str]:
    """The texts (of at least `MIN_CHECKED_WORDS` words) detected as another language than `language`:
    shorter ones, names and titles, cannot be told apart reliably."""
    wanted = language.split("-")[0].lower()
    return [t for t in texts if len(t.split()) >= MIN_CHECKED_WORDS and detect_language([t]) != wanted]
