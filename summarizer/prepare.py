"""What an episode is before any model call, built once: blocks, language, cast, topic starts,
keyword titles, resources, tips and quote candidates found in the words, and chunks. The plan, a
batch submission and the run all read the same one."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .advice import Tip, find_advice
from .cast import Cast, find_cast
from .chunking import MAX_STARTS, Block, Chunk, build_blocks, chunk_blocks
from .i18n import language_name
from .language import detect_language
from .metadata import EpisodeMeta
from .prompts import load_prompt
from .quotes import Candidate, find_candidates, marks
from .resources import Mention, find_resources
from .segmenting import keyword_titles, topic_starts
from .titles import said_words
from .transcript import Transcript


TOPIC_WORDS = 8
"""The distinctive words and phrases a title asked for again is shown (`Repair, electric bikes, ride …`)."""


@dataclass(frozen=True)
class Prepared:
    transcript: Transcript
    meta: EpisodeMeta
    blocks: list[Block]
    language: str  # spoken, as detected
    notes_language: str  # what the notes are written in: the metadata's choice, else the language spoken
    cast: Cast
    names: dict[str, str]  # speaker label → how prompts show it (`Guest (Tom Okafor)`)
    starts: list[int]
    keywords: dict[int, str]  # topic start → a title from its words, for starts the model leaves untitled
    mentions: list[Mention]  # resources named aloud, found by patterns
    tips: list[Tip]  # instructions and recommendations said aloud, found by patterns
    candidates: list[Candidate]  # passages worth quoting, marked for the map to choose by number
    chunks: list[Chunk]

    @property
    def notes_code(self) -> str:
        """The notes' language without its region (`pt` of `pt-BR`), as rules are keyed."""
        return self.notes_language.split("-")[0].lower()

    @cached_property
    def said(self) -> frozenset[str]:
        """What the episode says, as a title is checked against (`titles.unsaid`): its words, its
        cast's names and its published title."""
        names = (p.name for p in self.cast.people)
        return said_words([*(b.text for b in self.blocks), *names, self.meta.title or ""])

    @cached_property
    def topic_words(self) -> str:
        """The episode's most distinctive words and phrases, as said: what a title re-asked is shown."""
        first = self.blocks[0].id
        return keyword_titles(self.blocks, [first], self.language, most=TOPIC_WORDS)[first]

    @property
    def notes_spoken(self) -> bool:
        """Whether the notes are written in the language spoken: what is found in the words serves them."""
        return self.notes_code == self.language


def prepare(
    transcript: Transcript, meta: EpisodeMeta, chunk_tokens: int, overlap: int, max_starts: int = MAX_STARTS
) -> Prepared:
    blocks = build_blocks(transcript)
    language = detect_language([s.text for s in transcript.segments])
    cast = find_cast(transcript, meta, language)
    starts = topic_starts(blocks, language)
    keywords = keyword_titles(blocks, starts, language)
    names = {p.label: cast.display(p.label) for p in cast.people if p.label}
    candidates = find_candidates(blocks, cast, language)
    chunks = chunk_blocks(blocks, chunk_tokens, overlap, starts, names, marks(candidates), max_starts)
    mentions = find_resources(blocks, language)
    tips = find_advice(blocks, cast, language)
    notes_language = meta.language or (language if language != "und" else "en")
    return Prepared(
        transcript,
        meta,
        blocks,
        language,
        notes_language,
        cast,
        names,
        starts,
        keywords,
        mentions,
        tips,
        candidates,
        chunks,
    )


def language_line(prepared: Prepared) -> str:
    """What every prompt is told about the notes' language; nothing for English notes."""
    if prepared.notes_language.split("-")[0] == "en":
        return ""
    return load_prompt("context").part("language", language=language_name(prepared.notes_language)) + "\n"
