"""Where a passage of raw captions ends: they carry no punctuation, and a caption line ends wherever
the captioner cut, mid-phrase as often as not. A passage ends at a line end that is also a phrase
break (the next word opens a new phrase), never on a word that leads on, never inside a condition
whose main clause is still to come; and a run said twice in a row is a speaker starting again. Quotes
and tips found in captions both end here, by language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .chunking import Block

LEADING: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the a an to of and or but so because that which who where when if what how why is are was were be i you "
        "we they my your our their this these in on at for with from as than like just really very they're "
        "you're we're i'm it's that's there's what's don't can't won't doesn't isn't not uh um feel feels felt "
        "seem seems sound sounds makes kind sort".split()
    ),
    "es": frozenset("el la los las un una de y o pero que porque es son en con por para como muy mi tu".split()),
    "de": frozenset("der die das ein eine zu von und oder aber weil dass wenn ist sind in an auf mit für wie".split()),
}
"""Words a phrase leads on with, or that wait for their complement (`… makes people feel` went on `like
they're not enough`): a caption passage never ends on one."""
BREAKS: dict[str, frozenset[str]] = {
    "en": frozenset("i we you they it's that's then which when if or like um uh".split()),
    "es": frozenset("yo nosotros tú ellos entonces cuando si o como eh".split()),
    "de": frozenset("ich wir du sie dann wenn oder wie äh ähm".split()),
}
"""Words that open a new phrase (with the turn words below): a caption passage ends before one, never
inside a phrase (`… the main issue that data` went on `scientists have`)."""
TURNS: dict[str, frozenset[str]] = {
    "en": frozenset("so and but yeah yes well okay ok right because actually basically".split()),
    "es": frozenset("y pero bueno pues sí entonces porque".split()),
    "de": frozenset("und aber also ja naja dann weil".split()),
}
"""Words after which a new clause starts in unpunctuated speech."""
CONDITIONS: dict[str, frozenset[str]] = {
    "en": frozenset("when if once whenever unless".split()),
    "es": frozenset("cuando si".split()),
    "de": frozenset("wenn sobald falls".split()),
}
"""Words opening a condition whose main clause must follow (`because when you're a consultant …`): said
after a turn word within `UNFINISHED_WORDS` words of its end, a caption passage stops mid-thought."""
UNFINISHED_WORDS = 6


def passages(
    block: Block, begin: int, language: str, least: int, most: int, turning: bool = False
) -> Iterator[tuple[int, str]]:
    """Each passage of the block starting at character `begin` (on a word) that ends where captions
    let one end, shortest first, of `least` to `most` words, as (offset, text); `turning`: only where the
    next word turns to a new clause (`so`, `and`), not merely opens a phrase (`you`, `which`)."""
    text = block.text
    words = list(re.finditer(r"\S+", text))
    lowered = [w.group().lower() for w in words]
    ends = line_ends(block)
    leading, turns = LEADING.get(language, frozenset()), TURNS.get(language, frozenset())
    breaks = turns if turning else turns | BREAKS.get(language, frozenset())
    first = next((i for i, w in enumerate(words) if w.end() > begin), None)
    if first is None:
        return
    for last in range(first + least - 1, min(first + most, len(words))):
        follows = lowered[last + 1] if last + 1 < len(words) else None
        if (
            words[last].end() in ends
            and lowered[last] not in leading | turns
            and (follows is None or follows in breaks)
            and not unfinished(lowered[first : last + 1], language)
        ):
            yield words[first].start(), text[words[first].start() : words[last].end()]


def line_ends(block: Block) -> set[int]:
    """Where in the block's text each caption line ends."""
    ends, position = set(), 0
    for segment in block.segments:
        position += len(segment.text)
        ends.add(position)
        position += 1
    return ends


def unfinished(words: list[str], language: str) -> bool:
    """Whether a caption passage ends inside a condition opened after a turn word (`… the best because
    when you're a consultant data scientist`): the thought it started goes on past it."""
    turns, conditions = TURNS.get(language, frozenset()), CONDITIONS.get(language, frozenset())
    tail = words[-UNFINISHED_WORDS - 2 :]
    return any(a in turns and b in conditions for a, b in zip(tail, tail[1:]))


REPEATABLE: dict[str, frozenset[str]] = {
    "en": frozenset(
        "very really so much many more far too long no ha bye it you that this there then here now them".split()
    ),
    "es": frozenset("muy más mucho muchos no ja adiós eso esto ahí allí entonces ahora".split()),
    "de": frozenset("sehr viel viele mehr so ja nein ha das es da dann jetzt hier".split()),
}
"""Words said twice on purpose (`very very smart`) or that can end one clause and open the next (`ask
for it it really shows`): in captions any other word or run of up to three words said twice in a row
is a speaker starting again (`yeah yeah`, `our use cases our use cases`), a garble in print."""
RESTART_WORDS = 3
REPAIRS: dict[str, frozenset[str]] = {
    "en": frozenset("maybe uh um like well actually sorry no".split()),
    "es": frozenset("bueno eh este no perdón".split()),
    "de": frozenset("naja äh ähm also nein sorry".split()),
}
"""Words a speaker says between a run and its restart (`you don't maybe you don't …`), by language."""
WORD = re.compile(r"[^\W\d_][\w'’-]*")
"""A word as quotes and tips count them: letters first, then letters, digits, apostrophes or hyphens."""


def restarts(text: str, language: str) -> bool:
    """Whether an unpunctuated passage says a word, or a run of up to `RESTART_WORDS`, twice in a row
    (`is is`, `the product manager the product manager`), other than a word said twice on purpose, or
    a run of two or more again after a word of repair (`you don't maybe you don't need one`). Edited
    transcripts keep only the repetitions meant (`this, this, this`): they are not asked."""
    words, repeatable = WORD.findall(text.lower()), REPEATABLE.get(language, frozenset())
    repairs = REPAIRS.get(language, frozenset())
    for n in range(1, RESTART_WORDS + 1):
        for gap in (0, 1) if n > 1 else (0,):
            for i in range(len(words) - 2 * n - gap + 1):
                again = words[i + n + gap : i + 2 * n + gap]
                if (
                    words[i : i + n] == again
                    and not (n == 1 and words[i] in repeatable)
                    and (not gap or words[i + n] in repairs)
                ):
                    return True
    return False


def uncased(blocks: list[Block]) -> bool:
    """Whether the transcript carries no capitals at all, as raw auto-captions don't: its first
    fifty blocks are enough to tell."""
    return not any(c.isupper() for b in blocks[:50] for c in b.text)


FIRST_PERSON: dict[str, re.Pattern[str]] = {"en": re.compile(r"\bi(?=$|[\s'’])")}
"""The word a language always capitalises, in captions written without capitals."""


def sentence_cased(text: str, language: str) -> str:
    """A line of uncased captions as a reader expects it (`I think …`, `you have to …` → `You have
    to …`): its first letter and the language's own always-capital word raised, no word changed."""
    if pattern := FIRST_PERSON.get(language):
        text = pattern.sub("I", text)
    return text[:1].upper() + text[1:]
