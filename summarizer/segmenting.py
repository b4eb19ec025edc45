"""Where the conversation turns to a new topic, found from the words alone.

Lexical cohesion (TextTiling, Hearst 1997): at each block, compare the words of the four minutes
before with the four minutes after (tf-idf over the episode's blocks); the less they share, the
likelier a new topic starts there. A question answered by another speaker earns a bonus, because
interviews change topic with a question. The episode gets about one topic every four minutes, the
strongest turns first, never two within a minute and a half.

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
from collections.abc import Iterable

from .chunking import Block

SECONDS_PER_TOPIC = 240.0
WINDOW_SECONDS = 240.0
MIN_GAP_SECONDS = 90.0
QUESTION_BONUS = 0.3
TOKENS_PER_SECOND = 800 / 240  # untimed transcripts: a topic of ~800 tokens, like four minutes of talk

STOPWORDS = frozenset(
    "about above after again also always because been before being between both could does doing down during "
    "each even every from further have having here into just know like made make many more most much must "
    "need never only other over really same should some something such than that their them then there these "
    "they thing things think this those through very want what when where which while will with would your "
    "youre yourself people going gonna actually maybe well yeah okay right kind sort".split()
)


def terms(text: str) -> list[str]:
    """Content words, cut to six letters so that plural and tense forms count as one."""
    words = (re.sub(r"[^\w]", "", w.lower()) for w in text.split())
    return [w[:6] for w in words if len(w) >= 4 and w not in STOPWORDS]


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


def topic_starts(blocks: list[Block]) -> list[int]:
    """Block ids where topics start, in order, always beginning with the first block."""
    if not blocks:
        return []
    at = positions(blocks)
    last = blocks[-1]
    length = (last.end if last.end is not None else at[-1] + last.tokens / TOKENS_PER_SECOND) - at[0]
    gap, window = min(MIN_GAP_SECONDS, length / 8), min(WINDOW_SECONDS, length / 6)
    weights = _weights(blocks)
    scored = []
    for i in range(1, len(blocks)):
        if at[i] - at[0] < gap or length - (at[i] - at[0]) < gap:
            continue
        before = _vector(weights[bisect_left(at, at[i] - window, 0, i) : i])  # positions only grow
        after = _vector(weights[i : bisect_left(at, at[i] + window, i)])
        score = 1.0 - _cosine(before, after) + (QUESTION_BONUS if _asks(blocks, i) else 0.0)
        scored.append((score, -i, i))
    chosen, wanted = [0], topic_count(length)
    for _, _, i in sorted(scored, reverse=True):
        if len(chosen) >= wanted:
            break
        if all(abs(at[i] - at[j]) >= gap for j in chosen):
            chosen.append(i)
    return [blocks[i].id for i in sorted(chosen)]


def _asks(blocks: list[Block], i: int) -> bool:
    """A block closing on a question (maybe with a few words after it) that somebody else answers."""
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    return "?" in blocks[i].text[-80:] and following is not None and following.speaker != blocks[i].speaker


def _weights(blocks: list[Block]) -> list[Counter]:
    """tf-idf of each block's terms: words said all episode long say nothing about a turn."""
    counts = [Counter(terms(b.text)) for b in blocks]
    seen = Counter(t for c in counts for t in c)
    return [Counter({t: n * math.log(len(blocks) / seen[t]) for t, n in c.items()}) for c in counts]


def _vector(parts: Iterable[Counter]) -> Counter:
    total: Counter = Counter()
    for part in parts:
        total.update(part)
    return total


def _cosine(a: Counter, b: Counter) -> float:
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return sum(v * b[t] for t, v in a.items()) / norm if norm else 0.0
