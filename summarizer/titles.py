"""An episode title in the episode's own words.

A small model names a topic it guessed rather than read (`Guide to Repairing Cars` for a bicycle
workshop whose notes said "repair shop"). A title's content word that neither the transcript nor the
cast says is invented, unless it is one of the words titles are framed with (`guide`, `journey`,
`lessons` …), which no episode needs to say aloud. Only a language with a frame list is checked: in
another, every framing word would read as invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .segmenting import STOPWORDS, terms

PREFIX = 5
"""Letters two words share to count as one (`repairing` is said by `repaired`, `careers` by `career`)."""

_POSSESSIVE = re.compile(r"['’]s\b")
_SPACES = re.compile(r"[\s/-]+")

FRAME_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "guide journey story stories insights lessons learned tips path road roads art secrets inside behind "
        "beyond exploring explore navigating unlocking mastering future evolution rise power role impact "
        "importance challenges conversation talk chat deep dive episode discussion life world making "
        "perspectives perspective reflections approach approaches matters matter keys practical "
        "success successful modern today cracking taking accelerating driving shaping bridging breaking "
        "embracing rethinking demystifying understanding innovation innovations trends landscape level".split()
    ),
    "es": frozenset(
        "guía viaje historia historias lecciones claves secretos consejos camino arte futuro mundo desafíos "
        "retos explorando conversación charla episodio vida impacto papel poder evolución importancia "
        "perspectivas reflexiones éxito".split()
    ),
    "de": frozenset(
        "leitfaden reise geschichte geschichten lektionen einblicke tipps kunst zukunft welt "
        "herausforderungen gespräch folge leben rolle bedeutung entwicklung wandel erfahrungen "
        "perspektiven erfolg".split()
    ),
}
"""Words a title is framed with, by language; their first `PREFIX` letters are compared."""


def said_words(texts: Iterable[str]) -> frozenset[str]:
    """What an episode says, as the prefixes `unsaid` compares: every word of `texts` of four letters
    or more, stopwords included (a title may use them)."""
    return frozenset(word[:PREFIX] for text in texts for word in terms(_apart(text), frozenset()))


def _apart(text: str) -> str:
    """Words as a title and a transcript share them: without a possessive, a hyphen or a slash
    (`Tom's`, `open-source`, `ML/AI`)."""
    return _SPACES.sub(" ", _POSSESSIVE.sub("", text))


def unsaid(title: str, said: frozenset[str], language: str) -> list[str]:
    """The title's content words the episode never says, in the title's own spelling; none for a
    language without a frame list."""
    frame = FRAME_WORDS.get(language.split("-")[0].lower())
    if frame is None:
        return []
    framing = {word[:PREFIX] for word in frame}
    stop = STOPWORDS if language.startswith("en") else frozenset()
    words = [w.strip(".,:;!?\"'“”‘’()") for w in _apart(title).split()]
    return [
        word
        for word in words
        if (key := next(iter(terms(word, stop)), "")[:PREFIX]) and key not in said and key not in framing
    ]


def from_chapters(chapters: list[dict[str, Any]], guests: list[str], said: frozenset[str], language: str) -> str | None:
    """A title made of what was said, for one the model invented even when asked again: the guests'
    names and the title of the longest chapter whose title the episode says (`Tom Okafor: Tracking
    Time`); never a keyword title (`Repair, shop, bikes`), which reads as no title. None if no chapter
    qualifies."""
    titled = [
        c
        for c in chapters[1:] or chapters
        if "," not in c["title"] and not unsaid(c["title"], said, language) and c["end"] is not None
    ]
    if not titled:
        return None
    longest = max(titled, key=lambda c: c["end"] - c["start"])
    names = " and ".join(guests)
    return f"{names}: {longest['title']}" if names else str(longest["title"])
