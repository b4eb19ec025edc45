"""Chapters, summaries, advice and verbatim quotes from long podcast transcripts.

The library API (the `summarizer` command is a thin layer over it):

    import summarizer
    transcript = summarizer.read_transcript("episode.vtt")   # any format `summarizer formats` lists
    document = summarizer.summarize(transcript, guests=["Raj Patel"])
    print(summarizer.render(document, "newsletter-text"))
"""

__version__ = "0.1.0"

from .api import (  # noqa: E402  (the modules below read __version__)
    arun,
    asummarize,
    chapters_from_words,
    episode_meta,
    parse_transcript,
    read_transcript,
    render,
    summarize,
    validate,
)
from .config import RunConfig  # noqa: E402
from .errors import SummarizerError  # noqa: E402
from .formats import FORMATS as TRANSCRIPT_FORMATS  # noqa: E402
from .render import FORMATS as RENDER_FORMATS  # noqa: E402
from .transcript import Segment, Transcript  # noqa: E402
from .types import Document  # noqa: E402

__all__ = [
    "RENDER_FORMATS",
    "TRANSCRIPT_FORMATS",
    "Document",
    "RunConfig",
    "Segment",
    "SummarizerError",
    "Transcript",
    "arun",
    "asummarize",
    "chapters_from_words",
    "episode_meta",
    "parse_transcript",
    "read_transcript",
    "render",
    "summarize",
    "validate",
]
