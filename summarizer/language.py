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
