"""Where the conversation turns to a new topic, found from the words alone.

Lexical cohesion (TextTiling, Hearst 1997): at each block, compare the words of the four minutes
before with the four minutes after (tf-idf over the episode's blocks); the less they share, the
likelier a new topic starts there. A question answered by another speaker earns a bonus, because
interviews change topic with a question; captions carry no speakers or question marks, so there a
block opening with a question phrase of the episode's language earns a smaller one. The episode gets
about one topic every three and a half minutes, the strongest turns first, never two within a minute
and a half; a chapter still longer than eight minutes is split at its strongest turn.

Why not the model: asked where topics start, the 1.5B embedded model puts every start in the first
few blocks of its part; told where they start, it titles and summarises them well (bench/QUALITY.md,
round G). Pure logic; positions are seconds, or for untimed transcripts tokens read at the pace
of timed speech.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence

from .chunking import Block

SECONDS_PER_TOPIC = 210.0
WINDOW_SECONDS = 240.0
MIN_GAP_SECONDS = 90.0
LONGEST_SECONDS = 480.0
QUESTION_BONUS = 0.3
CUE_BONUS = 0.1
CUE_WORDS = 20
TOKENS_PER_SECOND = 800 / 240  # untimed transcripts: about 800 tokens in four minutes of talk
"""Every parameter above was chosen on half of ../shared/eval/dtc and checked on the other half
(bench/chapters.py, bench/QUALITY.md round I)."""

QUESTION_OPENINGS: dict[str, tuple[str, ...]] = {
    "en": (
        "so what", "what is", "what are", "what was", "what were", "what do you", "what does", "what about",
        "how do you", "how did you", "how does", "how would you", "why did", "why do", "do you think",
        "can you tell", "could you tell", "can you talk", "could you talk", "tell us", "tell me",
        "let's talk", "let us talk", "let's move", "next question", "the question", "another question",
        "i wanted to ask", "i want to ask", "question from", "have you", "did you", "are you", "is it",
        "can you", "could you", "would you",
    ),
}  # fmt: skip
"""Phrases that open a host's question, by language: only a language listed here gets the cue."""
_OPENING = {
    language: re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")
    for language, phrases in QUESTION_OPENINGS.items()
}

STOPWORDS = frozenset(
    "about above after again also always because been before being between both could does doing down during "
    "each even every from further have having here into just know like made make many more most much must "
    "need never only other over really same should some something such than that their them then there these "
    "they thing things think this those through very want what when where which while will with would your "
    "youre yourself people going gonna actually maybe well yeah okay right kind sort".split()
)


NOT_WORD = re.compile(r"[^\w]")


def terms(text: str, stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    """Content words, cut to six letters so that plural and tense forms count as one."""
    words = (NOT_WORD.sub("", w.lower()) for w in text.split())
    return [w[:6] for w in words if len(w) >= 4 and w not in stopwords]


def _stopwords(language: str) -> frozenset[str]:
    """The English list for English; another language leaves common words to the idf weighting."""
    return STOPWORDS if language == "en" else frozenset()


def positions(blocks: list[Block]) -> list[float]:
    """Each block's start in seconds; for untimed blocks, tokens before it at the pace of speech."""
    if all(b.start is not None for b in blocks):
        return [b.start for b in blocks]  # type: ignore[misc]
    read, result = 0.0, []
    for block in blocks:
        result.append(read / TOKENS_PER_SECOND)
        read += block.tokens
    return result


def topic_count(length: float) -> int:
    """About one topic per four minutes, and at least three for a short episode (YouTube's minimum)."""
    minutes = length / 60
    return max(1, round(length / SECONDS_PER_TOPIC), min(3, math.ceil(minutes / 1.5)))


def topic_starts(blocks: list[Block], language: str = "en") -> list[int]:
    """Block ids where topics start, in order, always beginning with the first block."""
    if not blocks:
        return []
    at = positions(blocks)
    last = blocks[-1]
    length = (last.end if last.end is not None else at[-1] + last.tokens / TOKENS_PER_SECOND) - at[0]
    gap, window = min(MIN_GAP_SECONDS, length / 8), min(WINDOW_SECONDS, length / 6)
    score = turn_scores(blocks, language, window)
    candidates = [i for i in range(1, len(blocks)) if at[i] - at[0] >= gap and length - (at[i] - at[0]) >= gap]
    chosen, wanted = [0], topic_count(length)
    for i in sorted(candidates, key=lambda i: (-score[i], i)):
        if len(chosen) >= wanted:
            break
        if all(abs(at[i] - at[j]) >= gap for j in chosen):
            chosen.append(i)
    chosen = _split_long(sorted(chosen), candidates, score, at, at[0] + length, gap)
    return [blocks[i].id for i in chosen]


def turn_scores(blocks: list[Block], language: str = "en", window: float = WINDOW_SECONDS) -> list[float]:
    """How sharply the words turn at each block, plus the bonus its cue earns: the evidence every
    topic start is chosen on."""
    at = positions(blocks)
    weights = _weights(blocks, language)
    labelled = any(b.speaker for b in blocks)
    opening = None if labelled else _OPENING.get(language)
    scores = [0.0]
    for i in range(1, len(blocks)):
        before = _vector(weights[bisect_left(at, at[i] - window, 0, i) : i])  # positions only grow
        after = _vector(weights[i : bisect_left(at, at[i] + window, i)])
        score = 1.0 - _cosine(before, after)
        if labelled and _asks(blocks, i):
            score += QUESTION_BONUS
        elif opening is not None and opening.search(" ".join(blocks[i].text.lower().split()[:CUE_WORDS])):
            score += CUE_BONUS
        scores.append(score)
    return scores


def _split_long(
    chosen: list[int], candidates: list[int], score: list[float], at: list[float], end: float, gap: float
) -> list[int]:
    """No chapter runs past `LONGEST_SECONDS` while a turn inside it leaves `gap` on both sides."""
    queue = list(zip(chosen, [at[j] for j in chosen[1:]] + [end]))
    kept: list[int] = []
    while queue:
        first, stop = queue.pop(0)
        inside = [i for i in candidates if at[i] - at[first] >= gap and stop - at[i] >= gap]
        if stop - at[first] > LONGEST_SECONDS and inside:
            best = max(inside, key=lambda i: (score[i], -i))
            queue[:0] = [(first, at[best]), (best, stop)]
        else:
            kept.append(first)
    return kept


def _asks(blocks: list[Block], i: int) -> bool:
    """A block closing on a question (maybe with a few words after it) that somebody else answers."""
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    return "?" in blocks[i].text[-80:] and following is not None and following.speaker != blocks[i].speaker


def _weights(blocks: list[Block], language: str = "en") -> list[Counter[str]]:
    """tf-idf of each block's terms: words said all episode long say nothing about a turn."""
    stop = _stopwords(language)
    counts = [Counter(terms(b.text, stop)) for b in blocks]
    seen = Counter(t for c in counts for t in c)
    return [Counter({t: n * math.log(len(blocks) / seen[t]) for t, n in c.items()}) for c in counts]


def _vector(parts: Iterable[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for part in parts:
        total.update(part)
    return total


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return sum(v * b[t] for t, v in a.items()) / norm if norm else 0.0


def overlaps_beside(written: Sequence[set[str]], said: Sequence[set[str]]) -> list[dict[int, float]]:
    """For each text's terms, what its own stretch and the stretches before and after say of them: the
    terms shared, each weighted by how few stretches say it (idf over the stretches), summed exactly so
    that a tie never depends on a set's order. Where chapter words are told on the wrong stretch."""
    spread = Counter(term for stretch in said for term in stretch)
    weight = {term: math.log((len(said) + 1) / n) for term, n in spread.items()}
    return [
        {j: math.fsum(weight[t] for t in words & said[j]) for j in (i - 1, i, i + 1) if 0 <= j < len(said)}
        for i, words in enumerate(written)
    ]


KEYWORDS = 3
PARTICIPLES: dict[str, str] = {"en": "ed"}
"""How a verb's past participle ends, by language: a lower-case word ending so names no topic."""
PHRASE_SAID = 2
PHRASE_WORDS = 3
TITLE_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "able across actually after again against almost already although always another anyone anything "
        "anyway around asked asking away back became become becomes before began behind being believe best "
        "better between bit came can't cannot case certain come comes coming could couldn't course definitely "
        "didn't different doesn't doing done don't during each either else enough especially even ever every "
        "everyone everything example exactly feel felt find first found give given gives giving goes going "
        "gone good got great guess happen happened hard have haven't hear heard help here high huge idea "
        "important instead isn't it's just keep kind know known last later least less let's like likely "
        "little long look looking looks lot lots made maybe mean means mentioned might mind minute minutes "
        "more most much need needs never next nice none nothing obviously often okay once only other others "
        "otherwise pretty probably problem put quite rather real really right said same saying says second "
        "seen sense should show side since small someone something sometimes somewhere sort sounds start "
        "started still stuff sure take taking talk talked talking tell thank thanks that's there's they're "
        "thing things think thinking though thought three time times today together told took true trying "
        "turn two understand until usually various very want wanted wants wasn't way ways we're well went "
        "what's whatever whether while whole why without won't wonder work works world would wouldn't yeah "
        "year years yes yet you're you've blah hello everyone welcome were gave takes helps knows basically "
        "absolutely today's head tried used uses using makes making getting gets person people point perhaps "
        "keeps anyway".split()
    ),
}
"""Words too common in talk to name a topic, by language; other languages keep only longer words."""


def keyword_titles(
    blocks: list[Block], starts: list[int], language: str = "en", most: int = KEYWORDS
) -> dict[int, str]:
    """A title for each topic's stretch from its most distinctive words (tf-idf against the whole
    episode, said in at least two of its blocks), as said: `Compost, soil, tomatoes`. A keyword the
    stretch says `PHRASE_SAID` times beside another title word is named by that phrase (`machine
    learning`, `Large Hadron Collider`), which reads as a topic where its words alone do not. Keywords,
    not prose, and never invented."""
    stop, participle = TITLE_STOPWORDS.get(language), PARTICIPLES.get(language)
    index = {b.id: i for i, b in enumerate(blocks)}
    weights = _weights(blocks, language)
    said: dict[str, Counter[str]] = {}
    pairs: list[Counter[tuple[str, str]]] = []
    pairs_said: dict[tuple[str, str], Counter[str]] = {}
    for block in blocks:
        here: Counter[tuple[str, str]] = Counter()
        before: tuple[str, str] | None = None
        for word in block.text.split():
            bare = re.sub(r"[^\w'’-]", "", word).strip("'’-")
            stem = _title_stem(bare, stop, participle)
            if stem is None:
                before = None
                continue
            said.setdefault(stem, Counter())[bare] += 1
            if before is not None and before[0] != stem:
                here[before[0], stem] += 1
                pairs_said.setdefault((before[0], stem), Counter())[f"{before[1]} {bare}"] += 1
            before = None if re.search(r"[.,;:!?)]$", word) else (stem, bare)
        pairs.append(here)
    titles = {}
    bounds = [index[s] for s in starts if s in index] + [len(blocks)]
    for first, stop_at in zip(bounds, bounds[1:]):
        spread = Counter(t for part in weights[first:stop_at] for t in part)
        stretch = _vector(weights[first:stop_at])
        ranked = sorted(
            (t for t in stretch if spread[t] >= min(2, stop_at - first) and t in said),
            key=lambda t: (-stretch[t], t),
        )
        together = Counter(pair for part in pairs[first:stop_at] for pair in part.elements())
        phrases = {pair: n for pair, n in together.items() if n >= PHRASE_SAID}
        words: list[str] = []
        named: set[str] = set()
        for term in ranked:
            if len(words) == most:
                break
            phrase = _phrase(term, phrases, named) if term not in named else None
            if phrase:
                named.update(phrase)
                words.append(_phrase_as_said(phrase, said, pairs_said))
        title = ", ".join(words) or "Conversation"
        titles[blocks[first].id] = title[:1].upper() + title[1:]
    return titles


def _phrase(term: str, phrases: dict[tuple[str, str], int], named: set[str]) -> list[str] | None:
    """The term alone, or the phrase of up to `PHRASE_WORDS` title words it is said in most; None for a
    term said only beside words already named (`hadron` after `Large Hadron Collider`)."""
    if not any(term in pair for pair in phrases):
        return [term]
    free = {pair: n for pair, n in phrases.items() if not set(pair) & named}
    mine = [pair for pair in free if term in pair]
    if not mine:
        return None

    def said_most(pairs: list[tuple[str, str]]) -> tuple[str, str]:
        return max(pairs, key=lambda pair: (free[pair], pair))

    chain = list(said_most(mine))
    while len(chain) < PHRASE_WORDS:
        after = [p for p in free if p[0] == chain[-1] and p[1] not in chain]
        before = [p for p in free if p[1] == chain[0] and p[0] not in chain]
        if after:
            chain.append(said_most(after)[1])
        elif before:
            chain.insert(0, said_most(before)[0])
        else:
            break
    return chain


def _phrase_as_said(
    phrase: list[str], said: dict[str, Counter[str]], pairs_said: dict[tuple[str, str], Counter[str]]
) -> str:
    """A phrase's words in the forms said side by side most often."""
    if len(phrase) == 1:
        return _as_said(said[phrase[0]])
    words = [_as_said(pairs_said[a, b]).split() for a, b in zip(phrase, phrase[1:])]
    return " ".join([*words[0], *(pair[-1] for pair in words[1:])])


def _title_stem(word: str, stop: frozenset[str] | None, participle: str | None) -> str | None:
    """The term `terms` gives a word, if the word may name a topic: not a lower-case participle
    (`based`, `allowed`)."""
    lower = word.lower().replace("’", "'")
    if not word or lower.isdigit() or (stop is not None and lower in stop) or (stop is None and len(word) < 5):
        return None
    if participle and len(word) > 4 and word.endswith(participle) and word[:1].islower():
        return None
    found = terms(lower.removesuffix("s"), STOPWORDS if stop is not None else frozenset())
    return found[0] if found else None


def _as_said(forms: Counter[str]) -> str:
    """The form a term was said in most often, lower case unless it is always capitalised (a name)."""
    word, _ = max(forms.items(), key=lambda kv: (kv[1], kv[0]))
    return str(word) if all(f[:1].isupper() for f in forms) else str(word).lower()
