"""Measured quality of an episode document, against its transcript and optionally a reference.

Pure logic: every figure is computed from the document, the transcript it came from and, when
given, the publisher's reference (`{"episode", "source", "url", "description", "chapters": [{"start", "title"}]}`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from .advice import NOT_OPENING_VERBS, is_fragment, without_condition
from .chapters import GUEST_FLOOR
from .chunking import build_blocks, words_by_speaker
from .coverage import third_of, thirds_spoken_of
from .notes import DUPLICATE_SIMILARITY, pasted, shares_content
from .segmenting import overlaps_beside, terms
from .transcript import Transcript

ALIGN_SECONDS = 60.0


@dataclass(frozen=True)
class Figures:
    quotes: int
    quote_exact: float | None
    quote_time_right: float | None
    chapters: int
    coverage: float | None
    largest_gap: float | None
    chapters_in_order: bool
    first_at_zero: bool
    thirds_chapters: tuple[float, float, float] | None
    thirds_advice: tuple[float, float, float] | None
    thirds_quotes: tuple[float, float, float] | None
    duplicate_advice: int
    duplicate_quotes: int
    advice: int
    advice_grounded: float | None
    advice_own_words: float | None
    reference_matched: float | None = None
    ours_matched: float | None = None
    chapter_ratio: float | None = None
    rouge1: float | None = None
    rouge2: float | None = None
    rougeL: float | None = None
    advice_instructions: float | None = None
    quotes_questions: int = 0
    quotes_same_start: int = 0
    guest_named: bool | None = None
    host_credited_for_guest: int | None = None
    quotes_by_guest: float | None = None
    resources_found: float | None = None
    resources_aloud_found: float | None = None  # of the publisher's resources whose name is said aloud
    summary_thirds: int | None = None  # thirds of the episode the summary paragraph speaks of
    chapters_on_their_words: float | None = None  # of chapters with a summary: it matches its own stretch best

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def evaluate(document: dict[str, Any], transcript: Transcript, reference: dict[str, Any] | None = None) -> Figures:
    duration = transcript.duration
    chapters = document["chapters"]
    exact, timed = quote_fidelity(document["quotes"], transcript)
    coverage, gap = timeline(chapters, duration)
    figures = Figures(
        quotes=len(document["quotes"]),
        quote_exact=exact,
        quote_time_right=timed,
        chapters=len(chapters),
        coverage=coverage,
        largest_gap=gap,
        chapters_in_order=all(a["start"] is None or a["start"] < b["start"] for a, b in zip(chapters, chapters[1:])),
        first_at_zero=bool(chapters) and chapters[0]["start"] in (0, 0.0, None),
        thirds_chapters=thirds([c["start"] for c in chapters], duration),
        thirds_advice=thirds([a["start"] for a in document["advice"]], duration),
        thirds_quotes=thirds([q["start"] for q in document["quotes"]], duration),
        duplicate_advice=near_duplicates([a["text"] for a in document["advice"]]),
        duplicate_quotes=near_duplicates([q["text"] for q in document["quotes"]]),
        advice=len(document["advice"]),
        advice_grounded=advice_grounding(document["advice"], transcript),
        advice_own_words=advice_own_words(document["advice"], transcript),
        advice_instructions=share(document["advice"], lambda a: is_instruction(a["text"])),
        quotes_questions=sum(q["text"].rstrip().endswith("?") for q in document["quotes"]),
        quotes_same_start=sum(a["start"] == b["start"] for a, b in combinations(document["quotes"], 2)),
        summary_thirds=sum(thirds_spoken_of(document["summary"], chapters, document["episode"]["notes_language"]))
        if chapters
        else None,
        chapters_on_their_words=on_their_words(chapters, transcript),
    )
    if reference is None:
        return figures
    ours = heard_starts(chapters, transcript)
    theirs = [float(c["start"]) for c in reference["chapters"]]
    scores = rouge(document["summary"], reference["description"])
    return Figures(
        **{
            **figures.as_dict(),
            "reference_matched": matched_share(theirs, ours),
            "ours_matched": matched_share(ours, theirs),
            "chapter_ratio": len(ours) / len(theirs) if theirs else None,
            **scores,
            **listener_figures(document, transcript, reference),
        }
    )


REPORTING = re.compile(
    r"\b(?:says|said|suggest(?:s|ed)|emphasi[sz]e[sd]|explain(?:s|ed)|mention(?:s|ed)|discusse[sd]|share[sd]|"
    r"highlight(?:s|ed)|note[sd]|talk(?:s|ed)|believe[sd]|recommend(?:s|ed)|advise[sd]|argue[sd]|describe[sd]|"
    r"thinks|thought)\b",
    re.I,
)
NOT_IMPERATIVE = NOT_OPENING_VERBS["en"] | frozenset("when if in on at for with".split())


def is_instruction(text: str) -> bool:
    """Phrased as something the listener can do (`Buy a repair stand first`), not a report of the
    talk (`Tom explains that …`) nor a fragment (`Write a summary is really helpful`): no reporting
    verb, no heading, and not opening on a pronoun, article or name (after a clause it holds for: `If you
    freelance, apply …`)."""
    words = without_condition(text).split()
    if not words or REPORTING.search(" ".join(words[:6])) or ": " in text or is_fragment(text):
        return False
    return re.sub(r"[^\w'-]", "", words[0]).lower() not in NOT_IMPERATIVE


def share(items: list[dict[str, Any]], test: Any) -> float | None:
    return sum(1 for item in items if test(item)) / len(items) if items else None


def first_name(name: str) -> str:
    """A first name folded for comparison: lower case, accents off (`Dânia` is `dania`)."""
    folded = unicodedata.normalize("NFKD", name.split()[0].lower()) if name.split() else ""
    return "".join(c for c in folded if not unicodedata.combining(c))


def _mentions(text: str, name: str) -> bool:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return bool(name) and re.search(rf"\b{re.escape(first_name(name))}\b", folded) is not None


def listener_figures(document: dict[str, Any], transcript: Transcript, reference: dict[str, Any]) -> dict[str, Any]:
    """What a listener checks first, against the publisher's guests, host and resources."""
    guests = [g for g in reference.get("guests") or [] if g]
    host = reference.get("host") or ""
    figures: dict[str, Any] = {}
    if guests:
        blurb = " ".join([document["title"], document["tagline"], document["summary"]])
        figures["guest_named"] = any(_mentions(blurb, g) for g in guests)
        speakers = [q["speaker"] for q in document["quotes"] if q["speaker"]]
        figures["quotes_by_guest"] = (
            sum(any(first_name(s) == first_name(g) for g in guests) for s in speakers) / len(speakers)
            if speakers
            else None
        )
    if guests and host:
        figures["host_credited_for_guest"] = _host_credited(document, transcript, guests, host)
    names = [r["name"] for r in reference.get("resources") or []]
    if names:
        ours = [r["name"] for r in document["resources"]]
        figures["resources_found"] = resources_found(names, ours) / len(names)
        text = " ".join(s.text for s in transcript.segments)
        aloud = [n for n in names if said_aloud(n, text)]
        figures["resources_aloud_found"] = resources_found(aloud, ours) / len(aloud) if aloud else None
    return figures


def resources_found(names: list[str], ours: list[str]) -> int:
    """How many of the publisher's resource `names` one of `ours` names (token-set similarity ≥ 80)."""
    return sum(
        any(fuzz.token_set_ratio(name, o, processor=default_process) >= RESOURCE_SIMILARITY for o in ours)
        for name in names
    )


def said_aloud(name: str, text: str) -> bool:
    """Whether a resource's name, without a bracketed note (`Book (discount code …)`), is said as words
    of `text`: the publisher also lists links nobody says, which no summariser can find. A name that is
    only what the thing is (`Website`, `Slides`) or a letter or two (`X`) names nothing said."""
    bare = re.sub(r"\(.*?\)", "", name).strip().lower()
    if len(bare) < 3 or bare in GENERIC_NAMES:
        return False
    return re.search(rf"(?<!\w){re.escape(bare)}(?!\w)", text.lower()) is not None


GENERIC_NAMES = frozenset("website site homepage slides book article paper blog newsletter course talk video".split())
"""Publishers' link labels that say what a link is, not its name: said aloud, they name nothing."""


RESOURCE_SIMILARITY = 80.0


def _host_credited(document: dict[str, Any], transcript: Transcript, guests: list[str], host: str) -> int | None:
    """Chapters whose summary names the host but no guest where a guest speaks ≥ 70 % of the words."""
    if not any(s.speaker for s in transcript.segments):
        return None
    blocks = {b.id: b for b in build_blocks(transcript)}
    wrong = 0
    for chapter in document["chapters"]:
        words = words_by_speaker(blocks, chapter["first_block"], chapter["last_block"])
        total = sum(words.values())
        guest_words = sum(n for label, n in words.items() if any(first_name(label) == first_name(g) for g in guests))
        text = chapter["summary"]
        if total and guest_words >= GUEST_FLOOR * total and _mentions(text, host):
            if not any(_mentions(text, g) for g in guests):
                wrong += 1
    return wrong


def quote_fidelity(quotes: list[dict[str, Any]], transcript: Transcript) -> tuple[float | None, float | None]:
    """Share of quotes that are exact transcript spans (whatever their case: a quote from uncased
    captions is published sentence-cased), and of those whose start time is the start of the caption
    line the span begins in (or of the line before, for spans starting at its end)."""
    if not quotes:
        return None, None
    texts = [s.text for s in transcript.segments]
    joined = " ".join(texts)
    lowered = joined.lower()
    folded = len(lowered) == len(joined)  # offsets still line up
    line_at: list[int] = []
    for i, text in enumerate(texts):
        line_at.extend([i] * (len(text) + 1))
    exact = timed = 0
    for quote in quotes:
        at = lowered.find(quote["text"].lower()) if folded else joined.find(quote["text"])
        if at < 0:
            continue
        exact += 1
        line = line_at[at]
        allowed = {transcript.segments[line].start, transcript.segments[max(line - 1, 0)].start}
        if quote["start"] in allowed:
            timed += 1
    return exact / len(quotes), timed / len(quotes)


def timeline(chapters: list[dict[str, Any]], duration: float | None) -> tuple[float | None, float | None]:
    """Share of the episode under some chapter, and the longest stretch under none (seconds)."""
    spans = sorted((c["start"], c["end"]) for c in chapters if c["start"] is not None and c["end"] is not None)
    if not duration or not spans:
        return None, None
    covered, gap, reached = 0.0, 0.0, 0.0
    for start, end in spans:
        gap = max(gap, start - reached)
        covered += max(0.0, end - max(start, reached))
        reached = max(reached, end)
    gap = max(gap, duration - reached)
    return min(covered / duration, 1.0), gap


def on_their_words(chapters: list[dict[str, Any]], transcript: Transcript) -> float | None:
    """Share of the chapters with a summary whose title and summary share more of the words said in
    their own stretch than in the stretch before or after (each word weighted by how few stretches
    say it): a small model may write each part's titles one topic behind or ahead, which no check of
    starts sees. A lexical measure, so a share, not a verdict on one chapter."""
    timed = [c for c in chapters if c["start"] is not None]
    if len(timed) < 2:
        return None
    ends = [c["start"] for c in timed[1:]] + [float("inf")]
    said = [
        set(terms(" ".join(s.text for s in transcript.segments if s.start is not None and c["start"] <= s.start < end)))
        for c, end in zip(timed, ends)
    ]
    written = [set(terms(f"{c['title']} {c['summary']}")) if c.get("summary") else set() for c in timed]
    placed = judged = 0
    for i, score in enumerate(overlaps_beside(written, said)):
        if not timed[i].get("summary"):
            continue
        if any(score.values()):  # words said nowhere near: no evidence either way
            judged += 1
            placed += score[i] >= max(score.values())
    return placed / judged if judged else None


def thirds(starts: list[float | None], duration: float | None) -> tuple[float, float, float] | None:
    """Share of items starting in the first, middle and last third of the episode."""
    times = [t for t in starts if t is not None]
    if not duration or not times:
        return None
    counts = [0, 0, 0]
    for t in times:
        counts[third_of(t, duration)] += 1
    return tuple(c / len(times) for c in counts)  # type: ignore[return-value]


def near_duplicates(texts: list[str]) -> int:
    return sum(
        1
        for a, b in combinations(texts, 2)
        if fuzz.token_set_ratio(a, b, processor=default_process) >= DUPLICATE_SIMILARITY
    )


def advice_grounding(advice: list[dict[str, Any]], transcript: Transcript) -> float | None:
    """Share of advice sharing a content word with the block it cites (or a neighbour)."""
    if not advice:
        return None
    blocks = {b.id: b for b in build_blocks(transcript)}
    return sum(shares_content(item["text"], blocks, item["block"]) for item in advice) / len(advice)


def advice_own_words(advice: list[dict[str, Any]], transcript: Transcript) -> float | None:
    """Share of advice written as a tip rather than a pasted paragraph (over 20 words, at least half
    of its four-word runs found around the block it cites)."""
    if not advice:
        return None
    blocks = {b.id: b for b in build_blocks(transcript)}
    return sum(not pasted(item["text"], blocks, item["block"]) for item in advice) / len(advice)


def heard_starts(chapters: list[dict[str, Any]], transcript: Transcript) -> list[float]:
    """Chapter starts as a heading can mark them: the first chapter runs from 0:00 (platforms require
    it) but its words, and a publisher's first heading, begin where the transcript's first words do
    (an edited transcript's can come a minute or more in, after the intro music)."""
    starts = [c["start"] for c in chapters if c["start"] is not None]
    if starts and transcript.segments and transcript.segments[0].start is not None:
        starts[0] = max(starts[0], transcript.segments[0].start)
    return starts


def matched_share(targets: list[float], candidates: list[float], window: float = ALIGN_SECONDS) -> float | None:
    """Share of `targets` with some candidate within ±`window` seconds."""
    if not targets:
        return None
    return sum(any(abs(t - c) <= window for c in candidates) for t in targets) / len(targets)


def rouge(summary: str, description: str) -> dict[str, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    scores = scorer.score(description, summary)
    return {name: scores[name].fmeasure for name in ("rouge1", "rouge2", "rougeL")}


def naive_chapters(duration: float, every: float = 300.0) -> list[dict[str, Any]]:
    """The baseline a model must beat: a chapter every five minutes."""
    starts = [float(t) for t in range(0, int(duration), int(every))]
    return [{"start": s, "end": min(s + every, duration), "title": f"Part {i + 1}"} for i, s in enumerate(starts)]
