"""Whether the summary paragraph covers the episode from start to end, and the sentences that make it.

A small model's paragraph tells the introduction and stops (bench/QUALITY.md round Q): it names the
guest and the first two topics of an hour. The chapters hold a sentence on every stretch, written by
the same model from the words, so a paragraph that says nothing of a third of the episode gets the
sentence of one of that third's chapters. Pure logic; no model call.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from typing import Any

from .chunking import sentences
from .notes import content_words

SHARED_TERMS = 3
"""Distinctive words a paragraph shares with a chapter to speak of it: two are often a passing phrase
(`stay on top of the latest …` is no account of a talk on conferences that keep you up to date)."""
COMMON_SHARE = 1 / 6
"""A word in more than this share of the chapters (the guest's name, the show's theme) tells none apart."""
SUMMARY_WORDS = {
    "en": frozenset(
        "discusses discuss explains explain emphasizes emphasises emphasize highlights shares talks describes "
        "suggests mentions provides introduces introduce importance important understanding understand focus "
        "focuses background journey experience approach conversation episode guest host ones also including "
        "different various".split()
    ),
}
"""Words chapter summaries use whatever the topic, by language: no topic is told apart by them."""

CONNECTIVES: dict[str, tuple[str, str]] = {
    "en": ("Later, ", "Towards the end, "),
    "es": ("Más adelante, ", "Hacia el final, "),
    "fr": ("Plus loin, ", "Vers la fin, "),
    "pt": ("Mais adiante, ", "Perto do fim, "),
}
"""How a sentence on the middle and on the last third opens, by language. A language where the verb
must follow an opening adverb (German, Dutch: `Später erklärt …`) gets the sentence as written."""
LOWERED: dict[str, frozenset[str]] = {
    "en": frozenset("the a an she he they it this her his their we".split()),
    "es": frozenset("el la los las un una ella él ellos este esta".split()),
    "fr": frozenset("le la les un une elle il ils ce cette".split()),
    "pt": frozenset("o a os as um uma ela ele eles este esta".split()),
}
"""Opening words lower-cased after a connective, whatever else the notes show of them."""
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def third_of(position: float, length: float) -> int:
    """The third (0, 1 or 2) of a stretch `length` long that `position` from its start falls in."""
    return min(int(3 * position / length), 2)


def thirds_spoken_of(summary: str, chapters: Sequence[dict[str, Any]], language: str = "en") -> tuple[bool, bool, bool]:
    """For the first, middle and last third of the episode, whether the paragraph speaks of one of
    its chapters (shares `SHARED_TERMS` of the chapter's distinctive words)."""
    spoken = _spoken(summary, _thirds(chapters), _distinct_terms(chapters, language))
    return spoken[0], spoken[1], spoken[2]


def complete(summary: str, chapters: Sequence[dict[str, Any]], language: str, names: Collection[str] = ()) -> str:
    """The paragraph with a sentence for each third it says nothing of: the first sentence of a
    chapter of that third (the longest chapter among those whose sentence would make the third spoken
    of, if any; one pointing back at what came before it only where no other is), before the paragraph
    for the first third, after it and a connective for the others. A sentence opened by a connective
    keeps its first word's capital only for a name: one of `names` (the cast) or a word the notes
    write with a capital inside a sentence."""
    if len(chapters) < 3:
        return summary
    where = _thirds(chapters)
    distinct = _distinct_terms(chapters, language)
    spoken = _spoken(summary, where, distinct)
    opening = CONNECTIVES.get(language.split("-")[0].lower())
    told = [
        (said[0], terms, chapter, third)
        for chapter, terms, third in zip(chapters, distinct, where)
        if (said := sentences(chapter["summary"]))
    ]
    proper = _capitalised_inside([summary, *(c["summary"] for c in chapters)]) | {
        word for name in names for word in _WORD.findall(name)
    }
    added: list[str] = ["", "", ""]
    for third in (0, 1, 2):
        held = [(sentence, terms, chapter) for sentence, terms, chapter, t in told if t == third]
        if spoken[third] or not held:
            continue
        sentence, _, _ = max(
            held,
            key=lambda h: (
                not _points_back(h[0], language),
                min(len(h[1] & content_words(h[0])), SHARED_TERMS),
                _length(h[2]),
            ),
        )
        if sentence not in summary:
            added[third] = _opened(sentence, opening[third - 1], language, proper) if opening and third else sentence
    if not any(added):
        return summary
    return " ".join(part for part in (added[0], summary.strip(), added[1], added[2]) if part)


def _spoken(summary: str, where: list[int], distinct: list[set[str]]) -> list[bool]:
    """For each third, whether the paragraph shares `SHARED_TERMS` of a chapter's distinctive words."""
    said = content_words(summary)
    spoken = [False, False, False]
    for third, terms in zip(where, distinct):
        if len(terms & said) >= SHARED_TERMS:
            spoken[third] = True
    return spoken


def _distinct_terms(chapters: Sequence[dict[str, Any]], language: str) -> list[set[str]]:
    own = [content_words(f"{c['title']} {c['summary']}") for c in chapters]
    spread = Counter(t for terms in own for t in terms)
    common = {t for t, n in spread.items() if n > max(2, COMMON_SHARE * len(chapters))}
    common |= content_words(" ".join(SUMMARY_WORDS.get(language.split("-")[0].lower(), ())))
    return [terms - common for terms in own]


def _thirds(chapters: Sequence[dict[str, Any]]) -> list[int]:
    """The third each chapter starts in: by time where every chapter has one, else by block."""
    if chapters and all(c["start"] is not None and c["end"] is not None for c in chapters):
        begin, end = chapters[0]["start"], chapters[-1]["end"]
        at = [c["start"] for c in chapters]
    else:
        begin, end = chapters[0]["first_block"], chapters[-1]["last_block"] + 1
        at = [c["first_block"] for c in chapters]
    span = max(end - begin, 1e-9)
    return [third_of(a - begin, span) for a in at]


def _length(chapter: dict[str, Any]) -> float:
    if chapter["start"] is not None and chapter["end"] is not None:
        return float(chapter["end"] - chapter["start"])
    return float(chapter["last_block"] - chapter["first_block"] + 1)


def _capitalised_inside(texts: Sequence[str]) -> set[str]:
    """Words written with a capital past the first word of a sentence: names, as far as the notes show."""
    return {
        word
        for text in texts
        for sentence in sentences(text)
        for word in _WORD.findall(sentence)[1:]
        if word[:1].isupper()
    }


POINTING_BACK: dict[str, str] = {"en": r"\b(?:this|these|those|such)\b"}
"""Words by which a chapter's sentence points at what came before it, by language (`Google Translate
doesn't allow for this level of customization`): in the paragraph, nothing before it says what."""


def _points_back(sentence: str, language: str) -> bool:
    return re.search(POINTING_BACK.get(language.split("-")[0].lower(), "$^"), sentence, re.I) is not None


def _opened(sentence: str, connective: str, language: str, proper: Collection[str]) -> str:
    """`Later, ` + the sentence, its first word lower-cased unless a name (`Later, candidates should …`,
    `Later, Tom shows …`) or written in capitals (`AWS`)."""
    found = _WORD.match(sentence)
    first = found.group() if found else ""
    lowered = first.lower() in LOWERED.get(language.split("-")[0].lower(), frozenset())
    common = first[1:].islower() and first not in proper and first.split("'")[0].split("’")[0] not in proper
    if lowered or common:
        sentence = sentence[:1].lower() + sentence[1:]
    return connective + sentence
