"""Quote candidates, found in the words before any model call.

A quote worth publishing is a whole sentence or two that someone said, 12–45 words, that stands on its
own: an opinion, a lesson, a vivid line — never a question, a greeting, a plug for a channel or a
filler, and (where speakers are labelled) the guest's rather than the host's. Each block offers at most
its best such passage, so no two candidates come from the same passage; the episode keeps about one a
minute and a half, numbered in episode order. The map reads them marked in its transcript (`«Q12»`) and
picks by number: the model never retypes a quote (a small model drifts, and every word it writes costs
time) and can only choose among sentences that pass these rules. Captions without punctuation have no
sentences: there a candidate runs from where an opinion is voiced, or else where a clause opens on its
subject after a phrase break (`… so we …`, `… then we …`), to the end of a caption line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .captions import BREAKS, TURNS, WORD, line_ends, passages, restarts
from .cast import Cast
from .chunking import QUOTE_MARK, Block, punctuated
from .grounding import Located

MIN_WORDS = 12
MAX_WORDS = 45
CAPTION_MAX_WORDS = 28
SECONDS_PER_CANDIDATE = 90.0
BLOCKS_PER_CANDIDATE = 3  # for untimed transcripts
LEAST = 5
REPLY_WORDS = 3  # `Exactly.`, `Yes, definitely.`, `I think so.`, `Yes and no.`: an answer to the host, not the quote
UNVOICED = 1.0  # what a caption passage starting merely at a line loses against one starting on an opinion

OPINIONS: dict[str, tuple[str, ...]] = {
    "en": (
        "i think", "i believe", "in my opinion", "the key", "the most important", "the biggest", "the best",
        "the worst", "the problem", "the secret", "the truth", "the reality", "the thing is", "what matters",
        "never", "always", "you have to", "you need to", "you should", "don't", "mistake", "lesson", "learned",
        "realized", "realised", "i wish", "the hardest", "the goal", "my advice", "nobody", "everyone",
    ),
    "es": (
        "creo que", "pienso que", "en mi opinión", "la clave", "lo más importante", "el mayor", "lo mejor",
        "el problema", "el secreto", "la verdad", "nunca", "siempre", "tienes que", "hay que", "no hay",
        "error", "lección", "aprendí", "mi consejo", "nadie", "todo el mundo",
    ),
    "de": (
        "ich glaube", "ich denke", "meiner meinung", "der schlüssel", "das wichtigste", "am wichtigsten",
        "das größte", "das beste", "das problem", "das geheimnis", "die wahrheit", "nie", "immer",
        "du musst", "man muss", "fehler", "lektion", "gelernt", "mein tipp", "niemand", "jeder",
    ),
}  # fmt: skip
"""Phrases of an opinion or a lesson, the stuff of quotes, by language."""
TAGS: dict[str, str] = {
    "en": r"right|isn't it|don't you(?: think)?|didn't you|aren't you|correct|yeah",
    "es": r"verdad|no|cierto",
    "de": r"oder|nicht wahr|ne|gell",
}
"""How a speaker turns a statement into a question at its end, by language: captions drop the `?`."""
TRAILING: dict[str, str] = {
    "en": r"i don't know|or something(?: like that)?|or whatever|you know|(?:as|like) i said|mm-?hmm|uh-huh|mhm|"
    r"like (?:hey|oh|okay|ok|wow|wait)"
}
"""How a speaker trails off at the end of a thought (or, in captions, the other speaker's `mm-hmm` closes
it), or opens somebody's words it never gives (`… asking them like hey`), by language: a passage ending
so is no quote."""
INTERJECTIONS: dict[str, str] = {
    "en": r"yeah|yes|yep|oh|okay|ok|wow|hmm|mm-?hmm|uh-huh|right|sure|exactly|absolutely",
    "es": r"sí|vale|claro|oh|ah|exacto|ajá",
    "de": r"ja|okay|oh|genau|stimmt",
}
"""What a listener says back while the other speaks, by language: two in a row inside an unpunctuated
passage (`… afterwards yeah oh wrong effect`) are the other speaker cutting in, words of two people."""
INVERSIONS: dict[str, str] = {
    "en": r"\b(?:did|does|do|is|are|was|were|can|could|would|will|have|has|don't|didn't|isn't|aren't|wasn't)"
    r" (?:it|you|we|they|he|she|i)\b"
    r"(?! (?:think|know|mean|guess)\b)",
}
"""A verb before its subject (`did it work`, `how do you choose`): how English asks, where captions drop
the `?`. Not for languages whose statements invert too (German `Heute ist es …`) or that ask by
intonation alone (Spanish)."""
EXCLUDED: dict[str, tuple[str, ...]] = {
    "en": (
        "thank you", "thanks", "welcome to", "nice to meet", "good to see", "subscribe", "follow me",
        "you can find me", "find me on", "reach out to me", "check out my", "check it out", "link in the description",
        "in the show notes", "share my screen", "can you hear", "let's get started", "let's start",
        "next question", "we have a question", "let me read", "excited to talk", "to be here", "i.e.", "e.g.",
        "chuckles", "laughs", "[music]", "[laughter]", "hi everyone", "hello everyone", "if you listen to",
        "remember the name", "good question", "great question", "different question", "interesting question",
        "tough question", "hard question", "difficult question", "not 100%", "not 100 sure", "not 100 certain",
        "not a hundred percent", "i'm not sure", "i am not sure", "don't know them", "don't remember",
        "so i don't know", "you mentioned", "as you said", "you also said", "you just said", "you talked about",
        "you answered", "you already answered", "you partly answered", "all we have time for", "my name",
        "get in touch", "contact me", "my website", "my linkedin", "my twitter", "my email", "my personal email",
        "my newsletter", "let me know", "we are hiring", "we're hiring", "i am hiring", "i'm hiring",
        "looking for data", "we'll be looking for", "contact info", "on podcast", "on the podcast",
        "on your podcast", "on this podcast", "episode description",
    ),
    "es": ("gracias", "bienvenid", "suscríbete", "suscribirse", "sígueme", "me puedes encontrar",
           "en la descripción", "compartir pantalla", "empecemos", "siguiente pregunta", "mi nombre"),
    "de": ("danke", "willkommen", "abonnier", "folgt mir", "ihr findet mich", "in der beschreibung",
           "bildschirm teilen", "fangen wir an", "nächste frage", "mein name", "meinen namen"),
}  # fmt: skip
"""Greetings, thanks, plugs (`if you put in my name …`), housekeeping, hedges and pointers to what the
other person said (`as you said`, which a listener of the quote alone never heard) or to the show
(`you have Alicia on podcast as well`, `in the episode description`): never a quote, by language."""
DANGLING: dict[str, frozenset[str]] = {
    "en": frozenset(
        "it it's that that's this these those they they're he she him her which so and but or then now also as "
        "because whereas anyway again there there's".split()
    ),
    "es": frozenset("eso esto ese esa ellos ellas él ella y pero o que".split()),
    "de": frozenset("das dies diese es er sie und aber oder".split()),
}
"""Openings that lean on what came before (`That's why …`): weaker on their own."""
HEDGED: dict[str, str] = {
    "en": r"(?:(?:yeah|yes|well|honestly|actually|basically|i think|i believe|i guess|i would say|i'd say|"
    r"i feel like)(?: that)?,?\s+)+",
    "es": r"(?:(?:sí|bueno|pues|creo que|pienso que),?\s+)+",
    "de": r"(?:(?:ja|also|naja|ich glaube|ich denke),?\s+)+",
}
"""How a speaker hedges before the words that carry a line (`Yeah, I think it could be …`), by
language: a line leaning on what came before right after them leans on it just the same."""
POINTING: dict[str, frozenset[str]] = {
    "en": frozenset("it that that's this these those they they're he she".split()),
    "es": frozenset("eso esto ese esa ellos ellas él ella".split()),
    "de": frozenset("das dies diese es er sie".split()),
}
"""Of the dangling openings, the words pointing back at something said before (not `so` or `and`)."""
FILLERS: dict[str, tuple[str, ...]] = {
    "en": ("you know", "kind of", "sort of", " like,", "i mean", " um", " uh", "i don't know"),
    "es": ("o sea", "bueno,", "pues,", " eh"),
    "de": ("halt", "sozusagen", "irgendwie", " äh", " ähm"),
}
"""Spoken fillers that make a line read worse in print."""
OPENERS: dict[str, tuple[str, ...]] = {
    "en": ("i think", "i believe", "in my opinion", "the key", "the most important", "the biggest", "the best",
           "the problem", "the thing is", "what matters", "you have to", "you need to", "you should", "my advice",
           "if you", "never", "always", "don't", "i learned", "i realized", "i wish"),
    "es": ("creo que", "pienso que", "en mi opinión", "la clave", "lo más importante", "tienes que", "hay que",
           "mi consejo", "si quieres", "nunca", "siempre", "aprendí"),
    "de": ("ich glaube", "ich denke", "meiner meinung", "das wichtigste", "du musst", "man muss", "mein tipp",
           "wenn du", "nie", "immer", "ich habe gelernt"),
}  # fmt: skip
"""Where a quote may start in captions without punctuation: where an opinion is voiced, by language."""
CLAUSES: dict[str, frozenset[str]] = {
    "en": frozenset("i you if my in what".split()),
    "es": frozenset("creo pienso en si mi tienes hay".split()),
    "de": frozenset("ich du man wenn meiner mein".split()),
}
"""First words of an opener that starts a clause wherever it stands (`i think`, `if you`, but not `i
think is …`); other openers (`the key`, `never`) start a quote only after a turn word (`so`, `and`)."""
SUBJECTS: dict[str, frozenset[str]] = {
    "en": frozenset("i we you they it's that's i'm we're you're they're".split()),
    "es": frozenset("yo nosotros tú ellos ellas".split()),
    "de": frozenset("ich wir du sie".split()),
}
"""Subjects a clause opens on, by language: where no opinion is voiced, a caption passage starts on one
after a phrase break (`… so we moved the shop …`), never at a caption line, which cuts phrases anywhere."""
EXAMPLES: dict[str, str] = {
    "en": r"(?:(?:so|and|but),? )?(?:for example|for instance|let's say|let us say|say,|imagine)\b",
    "es": r"(?:(?:y|pero),? )?(?:por ejemplo|digamos|imagina)\b",
    "de": r"(?:(?:und|aber),? )?(?:zum beispiel|sagen wir|stell dir vor)\b",
}
"""How a speaker opens an example or a case to imagine, by language (`Let's say you are asking the
security team …`): an illustration of a point made before, seldom a line to quote alone."""
REPORTED: dict[str, str] = {
    "en": r"\b(\w+)(?:\s+(?:always|just|then|once))?\s+(?:was like|were like|says|said|told me|goes)[,:]?\s*[\"“]",
}
"""How a speaker gives someone's words in quotation marks, by language (`Someone was like, “…”`, `My
friend Jessica said “…”`): group 1 is who says them. The speaker's own (`I was like, “…”`) stay."""
RECALLING: dict[str, str] = {
    "en": r"\b(?:as i (?:mentioned|said)|like i said|i (?:already |just |think i )?mentioned"
    r"|i said (?:before|earlier))\b",
}
"""How a speaker points back at their own earlier words, by language (`Like I said, …`, `I already
mentioned how …`): the quote leans on what the listener of it alone never heard."""
OWN: dict[str, frozenset[str]] = {"en": frozenset({"i", "we"})}
"""Who, in `REPORTED`, is the speaker: their own words, as they said them then."""
NARRATION: dict[str, str] = {
    "en": r"(?:i|we) (?:was|were|joined|worked|started|studied|graduated|moved|did|had|went|first)\b",
    "es": r"(?:yo )?(?:estuve|trabajé|empecé|estudié|fui|tuve|hice)\b",
    "de": r"(?:ich|wir) (?:war|waren|habe|hatte|arbeitete|studierte|bin)\b",
}
"""How a speaker opens a line of their own history (`I joined …`): a biography, seldom a quote."""
_SENTENCE_END = re.compile(r"(?<![.\s][a-z]\.)(?<=[.!?…])[\"”’)]*\s+")  # not after `i.e.`, `e.g.`


@dataclass(frozen=True, slots=True)
class Candidate:
    """A passage the map may choose as a quote, by its `number`; `offset` is where it starts in its
    block's text (where its mark goes)."""

    number: int
    block: int
    offset: int
    text: str
    start: float | None
    end: float | None
    speaker: str | None
    score: float

    @property
    def mark(self) -> str:
        return QUOTE_MARK.format(self.number)

    def located(self) -> Located:
        return Located(self.text, self.start, self.end, self.speaker, self.block)


def find_candidates(blocks: list[Block], cast: Cast = Cast(), language: str = "en") -> list[Candidate]:
    """The episode's quote candidates in episode order, numbered from 1: each block's best passage, the
    best-scoring ones kept, about one per `SECONDS_PER_CANDIDATE`."""
    sentences = punctuated(blocks)
    hosts = {p.label for p in cast.hosts if p.label}
    guests = {p.label for p in cast.guests if p.label}
    best: list[Candidate] = []
    seen: set[str] = set()
    for block in blocks:
        if block.speaker in hosts and guests:
            continue
        own_name = _name_pattern(cast, block.speaker)
        spans = _sentence_spans(block.text) if sentences else _caption_spans(block, language)
        scored = [
            (score - (0.0 if sentences or _voiced(text, language) else UNVOICED), offset, text)
            for offset, text in spans
            if text not in seen
            and (sentences or not (_asks(text, language) or restarts(text, language) or _cut_in(text, language)))
            and (own_name is None or not own_name.search(text))
            and (score := _score(text, language, block.speaker in guests)) is not None
        ]
        if scored:
            score, offset, text = max(scored, key=lambda s: (s[0], -s[1]))
            seen.add(text)
            start, end = _times(block, offset, offset + len(text))
            best.append(Candidate(0, block.id, offset, text, start, end, block.speaker, score))
    passages: dict[tuple[float | int | None, str | None], Candidate] = {}
    for candidate in sorted(best, key=lambda c: -c.score):  # lines of one utterance share its start: one passage
        passages.setdefault(
            (candidate.block if candidate.start is None else candidate.start, candidate.speaker), candidate
        )
    kept = sorted(list(passages.values())[: _how_many(blocks)], key=lambda c: c.block)
    return [Candidate(n, c.block, c.offset, c.text, c.start, c.end, c.speaker, c.score) for n, c in enumerate(kept, 1)]


def ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best first by their words; episode order among equals."""
    return sorted(candidates, key=lambda c: (-c.score, c.number))


def rank_quotes(quotes: Iterable[Located], candidates: Iterable[Candidate]) -> tuple[Located, ...]:
    """Quotes best first: a candidate by its score, a passage the model handed back unranked after them."""
    score = {(c.block, c.text): c.score for c in candidates}
    return tuple(sorted(quotes, key=lambda q: -score.get((q.block, q.text), -math.inf)))


def marks(candidates: list[Candidate]) -> dict[int, tuple[int, str]]:
    """Where each candidate's mark goes: block id → (offset in its text, mark)."""
    return {c.block: (c.offset, c.mark) for c in candidates}


def _how_many(blocks: list[Block]) -> int:
    start, end = blocks[0].start if blocks else None, blocks[-1].end if blocks else None
    if start is None or end is None:
        return max(LEAST, len(blocks) // BLOCKS_PER_CANDIDATE)
    return max(LEAST, math.ceil((end - start) / SECONDS_PER_CANDIDATE))


def _sentence_spans(text: str) -> Iterator[tuple[int, str]]:
    """Whole sentences, alone or two in a row, as (offset, text), of a quote's length; a reply of a word
    or two (`Exactly.`) never opens a pair."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    sentences = [(a, text[a:b].strip()) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]
    for i, (offset, sentence) in enumerate(sentences):
        pair = [" ".join(s for _, s in sentences[i : i + 2])] if len(sentence.split()) > REPLY_WORDS else []
        for span in (sentence, *pair):
            if MIN_WORDS <= len(span.split()) <= MAX_WORDS and _whole(span):
                yield offset, span


def _voiced(text: str, language: str) -> bool:
    """Whether a caption passage starts where an opinion is voiced, not merely at a caption line."""
    return text.lower().startswith(OPENERS.get(language, ()))


def _whole(sentence: str) -> bool:
    """Ends as a statement does: not trailing off (`…`), not a question."""
    return sentence.endswith((".", "!", '."', ".”", "!”")) and not sentence.endswith(("...", "…"))


def _caption_spans(block: Block, language: str) -> Iterator[tuple[int, str]]:
    """Where captions carry no sentences: from where an opinion is voiced (`i think`, `you have to`)
    to where captions let a passage end (`captions.passages`). A block where no opinion is voiced offers
    passages from a clause's subject after a phrase break (`so we …`): a caption line starts wherever
    the captioner cut, mid-phrase as often as not (`they've learned uh just because …`)."""
    text = block.text
    words = list(re.finditer(r"\S+", text))
    lower = text.lower()
    turns = TURNS.get(language, frozenset())
    clauses = CLAUSES.get(language, frozenset())
    breaks = turns | BREAKS.get(language, frozenset())
    openers = [
        m.start()
        for p in OPENERS.get(language, ())
        for m in re.finditer(rf"\b{re.escape(p)}\b(?! (?:is|was|are)\b)", lower)
        if p.split()[0] in clauses or _after_turn(lower, m.start(), turns)
    ]
    subjects = SUBJECTS.get(language, frozenset())
    phrases = [  # `… so we …`: a clause opens on its subject after a phrase break
        w.start()
        for n, w in enumerate(words)
        if n and w.group().lower() in subjects and words[n - 1].group().lower() in breaks - subjects
    ]
    if block.speaker is not None:  # a labelled line is an utterance: it starts where its speaker did
        phrases += [0] + [end + 1 for end in line_ends(block) if end < len(text)]
    for begin in sorted(set(openers)) or sorted(set(phrases)):
        yield from passages(block, begin, language, MIN_WORDS, CAPTION_MAX_WORDS)


def _name_pattern(cast: Cast, label: str | None) -> re.Pattern[str] | None:
    """A speaker's own name, any part of it: said by its owner, it is a plug (`… CJ Jenkins on
    LinkedIn`) or an introduction, never a quote."""
    person = next((p for p in cast.people if label is not None and p.label == label), None)
    parts = [re.escape(w) for w in person.name.split() if len(w) > 1] if person else []
    return re.compile(rf"\b(?:{'|'.join(parts)})\b") if parts else None  # as written: `Will`, not `will`


def _asks(text: str, language: str) -> bool:
    """Whether an unpunctuated passage holds a question (`i think at some point did it work um …`)."""
    inversion = INVERSIONS.get(language)
    return inversion is not None and re.search(inversion, text.lower()) is not None


def _after_turn(text: str, at: int, turns: frozenset[str]) -> bool:
    """Whether position `at` opens the text or follows a turn word (`so`, `and`)."""
    before = text[:at].split()
    return not before or before[-1] in turns


def _score(text: str, language: str, by_guest: bool) -> float | None:
    """How much a passage reads like a quote; None for what never is one."""
    lower = f" {text.lower()}".replace("’", "'")
    if "?" in text or any(phrase in lower for phrase in EXCLUDED.get(language, ())):
        return None
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return None  # it opens or ends inside somebody's quoted words
    if re.search(rf"\b(?:{TAGS.get(language, '$^')})[.!]?$", lower.rstrip()):
        return None  # a question without its question mark (`… at assembly ai right`)
    if re.search(rf"\b(?:{TRAILING.get(language, '$^')})[.!]?$", lower.rstrip()):
        return None  # `… like titanic or cats versus dogs or i don't know`
    words = WORD.findall(lower)
    if not words:
        return None
    opinions = sum(phrase in lower for phrase in OPINIONS.get(language, ()))
    fillers = sum(lower.count(f) for f in FILLERS.get(language, ()))
    long_words = sum(len(w) >= 6 for w in words) / len(words)  # specific words rather than glue
    length = len(text.split())
    score = 1.5 * min(opinions, 2) + 2 * long_words - 0.5 * fillers - 0.03 * max(0, length - 35)
    hedged = re.match(HEDGED.get(language, "$^"), lower.strip())
    after = WORD.findall(lower.strip()[hedged.end() :])[:1] if hedged else []
    leaning = words[0] in DANGLING.get(language, frozenset()) or (after and after[0] in POINTING.get(language, ()))
    recalls = re.search(RECALLING.get(language, "$^"), lower)
    if leaning or recalls or re.match(EXAMPLES.get(language, "$^"), lower.strip()):
        score -= 1.0
    if re.match(NARRATION.get(language, "$^"), lower.strip()):
        score -= 0.5
    if (told := re.search(REPORTED.get(language, "$^"), lower)) and told.group(1) not in OWN.get(language, ()):
        score -= 0.5  # someone else's words, quoted by the speaker
    return score + (0.5 if by_guest else 0.0)


def _cut_in(text: str, language: str) -> bool:
    """Whether an unpunctuated passage holds two interjections in a row: the other speaker cutting in."""
    said = INTERJECTIONS.get(language)
    return said is not None and re.search(rf"\b(?:{said})\s+(?:{said})\b", text.lower()) is not None


def _times(block: Block, begin: int, finish: int) -> tuple[float | None, float | None]:
    """Start of the segment holding character `begin` of the block's text, end of the one holding `finish`."""
    start = None
    position = 0
    for segment in block.segments:
        after = position + len(segment.text)
        if start is None and begin <= after:
            start = segment.start
        if finish <= after + 1:
            return start, segment.end
        position = after + 1
    return start, block.end
