"""Markup transcripts: TTML (Apple Podcasts, Podcasting 2.0) and Podcasting 2.0 HTML.

TTML writes each word in its own `<span>` with no space between, so words are joined with spaces
(punctuation held to its word); speakers come from `ttm:agent`, resolved to the agent's name.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser

from ..errors import InputError
from .common import Row, carry_speakers, clean_text, ends_from_starts, join_words
from .cues import cue_time

_TTM = "http://www.w3.org/ns/ttml#metadata"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_OFFSET = re.compile(r"^([\d.]+)(h|m|s|ms|f|t)?$")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)(?::(\d+))?$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def ttml_time(value: str, frame_rate: float = 30.0) -> float:
    """TTML clock (`00:01:02.5`, `01:02.5` as Apple writes it, `00:01:02:12` with frames) or offset
    (`62.5s`, `62500ms`, `1.5m`, a bare `62.5`) times."""
    value = value.strip()
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, seconds, frames = clock.groups()
        whole = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
        return whole + (int(frames) / frame_rate if frames else 0.0)
    offset = _OFFSET.match(value)
    if offset:
        number, unit = float(offset.group(1)), offset.group(2) or "s"
        scale = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, "f": 1 / frame_rate, "t": 1 / 10_000_000}[unit]
        return number * scale
    raise ValueError(value)


def parse_ttml(text: str) -> list[Row]:
    try:
        root = ET.fromstring(text.encode())
    except ET.ParseError as exc:
        raise InputError(f"TTML does not parse: {exc}") from None
    names = {
        agent.get(_XML_ID): clean_text(" ".join(n.text or "" for n in agent if _local(n.tag) == "name"))
        for agent in root.iter()
        if _local(agent.tag) == "agent" and agent.get(_XML_ID)
    }
    rows: list[Row] = []
    for paragraph, agent in _paragraphs(root, None):
        words = join_words(_texts(paragraph))
        begin, end = paragraph.get("begin"), paragraph.get("end")
        if (begin is None or end is None) and (timed := [e for e in paragraph.iter() if e.get("begin")]):
            begin, end = timed[0].get("begin"), timed[-1].get("end")
        if begin is None or end is None:
            raise InputError(f"TTML paragraph {len(rows)}: no begin/end times")
        try:
            start, finish = ttml_time(begin), ttml_time(end)
        except ValueError as exc:
            raise InputError(f"TTML paragraph {len(rows)}: unreadable time {exc.args[0]!r}") from None
        if words:
            rows.append(Row(start, finish, clean_text(words), names.get(agent) or agent if agent else None))
    return rows


def _paragraphs(element: ET.Element, agent: str | None) -> Iterator[tuple[ET.Element, str | None]]:
    agent = element.get(f"{{{_TTM}}}agent") or agent
    if _local(element.tag) == "p":
        inner = next((e.get(f"{{{_TTM}}}agent") for e in element.iter() if e.get(f"{{{_TTM}}}agent")), None)
        yield element, agent or inner
        return
    for child in element:
        yield from _paragraphs(child, agent)


def _texts(element: ET.Element) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if _local(child.tag) != "br":
            yield from _texts(child)
        if child.tail:
            yield child.tail


class _HtmlTranscript(HTMLParser):
    """Podcasting 2.0 HTML: `<cite>Name:</cite> <time>0:00</time> <p>words</p>`, in that order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str | None, str | None, str]] = []
        self._open: str | None = None
        self._buffer: list[str] = []
        self._speaker: str | None = None
        self._time: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("cite", "time", "p"):
            self._open, self._buffer = tag, []
            if tag == "time":
                self._time = dict(attrs).get("datetime") or None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != self._open:
            return
        text = " ".join("".join(self._buffer).split())
        if tag == "cite":
            self._speaker = text.rstrip(":").strip() or None
        elif tag == "time":
            self._time = text or self._time
        elif text:
            self.rows.append((self._speaker, self._time, text))
            self._speaker = None
        self._open = None


def parse_html(text: str) -> list[Row]:
    reader = _HtmlTranscript()
    reader.feed(text)
    reader.close()
    if not reader.rows:
        raise InputError("HTML without <p> transcript paragraphs")
    starts: list[float | None] = []
    for i, (_, stamp, _) in enumerate(reader.rows):
        try:
            starts.append(cue_time(stamp) if stamp else None)
        except ValueError:
            raise InputError(f"paragraph {i}: unreadable time {stamp!r}") from None
    if any(start is None for start in starts):  # one paragraph without a time: read as untimed
        return carry_speakers([Row(None, None, clean_text(body), speaker) for speaker, _, body in reader.rows])
    timed = [start for start in starts if start is not None]
    ends = ends_from_starts(timed, [body for _, _, body in reader.rows])
    rows = [
        Row(start, end, clean_text(body), speaker) for (speaker, _, body), start, end in zip(reader.rows, timed, ends)
    ]
    return carry_speakers(rows)
