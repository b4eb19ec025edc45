"""Chapters, summaries, advice and verbatim quotes from long podcast transcripts."""

__version__ = "0.1.0"
