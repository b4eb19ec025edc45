"""The episode document's shape as Python types, for library users and mypy.

`summary.schema.json` is the contract; these TypedDicts mirror it key for key (a test checks).
"""

from __future__ import annotations

from typing import Literal, TypedDict

ResourceKind = Literal["book", "tool", "course", "website", "paper", "podcast", "community", "other"]


class CastMember(TypedDict):
    name: str
    role: Literal["host", "guest"]
    source: Literal["given", "labels", "introduction"]


class Episode(TypedDict):
    slug: str
    source: str
    format: str
    duration: float | None
    speakers: list[str]
    title: str | None
    url: str | None
    date: str | None
    guests: list[str]
    hosts: list[str]
    cast: list[CastMember]
    language: str
    notes_language: str


class Chapter(TypedDict):
    start: float | None
    end: float | None
    first_block: int
    last_block: int
    title: str
    summary: str


class Advice(TypedDict):
    text: str
    speaker: str | None
    start: float | None
    block: int


class Quote(TypedDict):
    text: str
    speaker: str | None
    start: float | None
    end: float | None
    block: int


class Resource(TypedDict):
    name: str
    kind: ResourceKind
    start: float | None


class Generator(TypedDict):
    name: str
    version: str
    provider: str
    model: str


class Document(TypedDict):
    """One episode's summary: what `summarizer run` writes as `summary.json`."""

    schema_version: str
    episode: Episode
    title: str
    tagline: str
    summary: str
    chapters: list[Chapter]
    advice: list[Advice]
    quotes: list[Quote]
    resources: list[Resource]
    generator: Generator
