"""The language an episode is spoken in, from its words, before any model call.

py3langid (a maintained fork of langid.py, its model bundled in the wheel, so nothing is fetched at
run time) classifies a sample of the transcript. Rules that depend on a language (cue phrases,
stopwords) look the language up and apply only where they know it.
"""

from __future__ import annotations

import re

SAMPLE_CHARS = 6000
ENGLISH_WORDS = frozenset("the and you that it's this with what i'm don't have".split())
"""English words no other language writes as a word of its own (`to`, `was`, `is`, `we`, `of` are
Polish, German or Dutch words too)."""
ENGLISH_SHARE = 0.05
"""Share of those words from which a sample is English without asking py3langid, whose model takes
0.6 s to load (half of an episode's preparation): 8–21% of the words of every English transcript in
../shared (103), none in the Spanish and German fixtures. Only a sample of `SHORTCUT_WORDS` or more
is judged so: in a short text one English title would be 5%."""
SHORTCUT_WORDS = 200


def plain_words(text: str) -> list[str]:
    """Lower-case words, curly apostrophes straightened (`don’t` is `don't`)."""
    return re.findall(r"[\w']+", text.lower().replace("’", "'"))


def detect_language(texts: list[str]) -> str:
    """ISO 639-1 code (`en`, `es`, `de` …) of the transcript whose segment texts are `texts`:
    a sample from the middle, where intros and sponsor reads are rarest."""
    joined = " ".join(texts)
    middle = max(0, len(joined) // 2 - SAMPLE_CHARS // 2)
    sample = joined[middle : middle + SAMPLE_CHARS]
    if not sample.strip():
        return "und"
    words = plain_words(sample)
    if len(words) >= SHORTCUT_WORDS and sum(w in ENGLISH_WORDS for w in words) >= ENGLISH_SHARE * len(words):
        return "en"
    import py3langid  # loads its bundled model on first use (about a second)

    code, _ = py3langid.classify(sample)
    return str(code)


MIN_CHECKED_WORDS = 6
ENGLISH_TELLS = ENGLISH_WORDS | frozenset(
    "i it your for are can not but just like about think feel they there how when which from their would "
    "should could why before his she does did because only very some other than then who been has into "
    "after".split()
)
"""Words of English that other languages do not write (no `is`, `in`, `we`, `of`, `so`, `also`: Dutch or
German words too)."""


SPOKEN_SHARE = 0.7
"""Share of a text's words the transcript says, from which the text is in the transcript's language:
notes retell the episode in its own words. On ten held-out English documents every text reached it
(251 texts; the lowest, a title, 0.71); a sentence of another language shares its names at most."""


def off_language(texts: list[str], language: str, spoken: frozenset[str] = frozenset()) -> list[str]:
    """The texts (of at least `MIN_CHECKED_WORDS` words) detected as another language than `language`:
    shorter ones, names and titles, cannot be told apart reliably. Before py3langid (0.6 s to load) is
    asked, a text is taken as written in `language` when it mostly uses `spoken`, the words of a
    transcript spoken in that language, or, for English notes, when it holds two of `ENGLISH_TELLS`."""
    wanted = language.split("-")[0].lower()
    checked = [t for t in texts if len(t.split()) >= MIN_CHECKED_WORDS]
    if wanted == "en":
        checked = [t for t in checked if len(ENGLISH_TELLS & set(plain_words(t))) < 2]
    if spoken:
        checked = [t for t in checked if not _mostly_spoken(t, spoken)]
    return [t for t in checked if detect_language([t]) != wanted]


def spoken_words(texts: list[str]) -> frozenset[str]:
    """The words a transcript says (its segment texts), for `off_language`."""
    return frozenset(word for text in texts for word in plain_words(text))


def _mostly_spoken(text: str, spoken: frozenset[str]) -> bool:
    """Whether most of a text's words are said, a possessive counting as its noun (`Okafor's`)."""
    words = [word.removesuffix("'s") for word in plain_words(text)]
    return sum(word in spoken for word in words) >= SPOKEN_SHARE * len(words)
