"""JSON transcripts: the Podcasting 2.0 JSON, youtube-transcript-api, Whisper and its kin, Deepgram,
AssemblyAI, AWS Transcribe, and a plain list of `start`/`end`/`text` segments.

Each shape is recognised by its keys; word-level output becomes utterances by speaker turns and pauses.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import InputError
from .common import Row, Word, clean_text, ordered, turns


def _number(value: Any) -> float | None:
    """Seconds as a number, or as the numeric strings AWS writes; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _speaker(value: Any, prefix: str = "") -> str | None:
    if value is None or value == "":
        return None
    return f"{prefix}{value}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _objects(items: Any, where: str) -> list[Mapping[str, Any]]:
    if not isinstance(items, list) or not items:
        raise InputError(f"{where} must be a non-empty list")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(f"{where}[{i}]: expected an object")
    return items


def _segments(items: Any, where: str, *, start: str, end: str, text: str, scale: float = 1.0) -> list[Row]:
    rows: list[Row] = []
    for i, item in enumerate(_objects(items, where)):
        if not isinstance(item.get(text), str):
            raise InputError(f"segment {i}: expected an object with '{start}', '{end}' and '{text}'")
        begin, finish = _number(item.get(start)), _number(item.get(end))
        if begin is None or finish is None:
            raise InputError(f"segment {i}: '{start}' and '{end}' must be numbers of seconds")
        words = clean_text(item[text])
        if words:
            rows.append(Row(begin * scale, finish * scale, words, _speaker(item.get("speaker"))))
    return rows


def parse_segments(data: Any) -> list[Row]:
    """A list of `{"start", "end", "text", "speaker"?}`, times in seconds (our own and many tools')."""
    return ordered(_segments(data, "segments", start="start", end="end", text="text"))


def parse_whisper(data: Any) -> list[Row]:
    """Whisper, faster-whisper and WhisperX: `segments`, maybe one level down; speakers from the
    segment or, where only the words carry them (WhisperX), from the words."""
    found = _nested_segments(data)
    if found is None:
        raise InputError("JSON must be a non-empty list of segments (or an object with a 'segments' list)")
    segments = _objects(found, "segments")
    if not any(s.get("speaker") for s in segments) and any(_has_speaker_words(s) for s in segments):
        words = [w for s in segments for w in _words(s.get("words"), text="word")]
        return turns(words)
    return ordered(_segments(segments, "segments", start="start", end="end", text="text"))


def _has_speaker_words(segment: Mapping[str, Any]) -> bool:
    words = segment.get("words")
    return isinstance(words, list) and any(isinstance(w, dict) and w.get("speaker") for w in words)


def _nested_segments(data: Any) -> Any:
    if isinstance(data, dict):
        if isinstance(data.get("segments"), list):
            return data["segments"]
        for value in data.values():
            if isinstance(value, dict) and isinstance(value.get("segments"), list):
                return value["segments"]
    return None


def _words(items: Any, *, text: str, start: str = "start", end: str = "end", scale: float = 1.0) -> list[Word]:
    words: list[Word] = []
    if not isinstance(items, list):
        return words
    for item in items:
        if not isinstance(item, dict):
            continue
        begin, finish, body = _number(item.get(start)), _number(item.get(end)), item.get(text)
        if begin is None or finish is None or not isinstance(body, str):
            continue
        words.append(Word(begin * scale, finish * scale, body, _speaker(item.get("speaker"), "Speaker ")))
    return words


def parse_podcast_json(data: Any) -> list[Row]:
    """Podcasting 2.0 JSON: `{"version", "segments": [{"speaker", "startTime", "endTime", "body"}]}`.
    Word-per-segment files (one `body` a word) are joined into utterances."""
    segments = _objects(data.get("segments"), "segments")
    bodies = [str(s["body"]) for s in segments if isinstance(s.get("body"), str)]
    if bodies and sum(len(b.split()) for b in bodies) <= 1.5 * len(bodies):
        return turns(_words(segments, text="body", start="startTime", end="endTime"))
    return ordered(_segments(segments, "segments", start="startTime", end="endTime", text="body"))


def parse_youtube_json(data: Any) -> list[Row]:
    """youtube-transcript-api: `[{"text", "start", "duration"}]`."""
    rows: list[Row] = []
    for i, item in enumerate(_objects(data, "segments")):
        start, duration = _number(item.get("start")), _number(item.get("duration"))
        if start is None or duration is None or not isinstance(item.get("text"), str):
            raise InputError(f"segment {i}: expected 'text', 'start' and 'duration'")
        words = clean_text(item["text"])
        if words:
            rows.append(Row(start, start + duration, words))
    return ordered(rows)


def parse_deepgram(data: Any) -> list[Row]:
    """Deepgram: `results.utterances`, else the first alternative's paragraphs, else its words."""
    results = data.get("results") or {}
    utterances = results.get("utterances")
    if isinstance(utterances, list) and utterances:
        rows = [
            Row(start, end, clean_text(u["transcript"]), _speaker(u.get("speaker"), "Speaker "))
            for u in _objects(utterances, "results.utterances")
            if isinstance(u.get("transcript"), str)
            and (start := _number(u.get("start"))) is not None
            and (end := _number(u.get("end"))) is not None
        ]
        return sorted((r for r in rows if r.text), key=lambda r: r.start or 0.0)
    channels = results.get("channels")
    alternative = _first(channels, "alternatives") if isinstance(channels, list) else None
    if alternative is None:
        raise InputError("Deepgram JSON without results.utterances or results.channels[0].alternatives")
    paragraphs = (alternative.get("paragraphs") or {}).get("paragraphs")
    if isinstance(paragraphs, list) and paragraphs:
        rows = []
        for p in _objects(paragraphs, "paragraphs"):
            text = " ".join(
                s["text"] for s in p.get("sentences", []) if isinstance(s, dict) and isinstance(s.get("text"), str)
            )
            start, end = _number(p.get("start")), _number(p.get("end"))
            if text and start is not None and end is not None:
                rows.append(Row(start, end, clean_text(text), _speaker(p.get("speaker"), "Speaker ")))
        return ordered(rows)
    words = alternative.get("words")
    if isinstance(words, list) and words:
        text_key = "punctuated_word" if isinstance(words[0], dict) and "punctuated_word" in words[0] else "word"
        return turns(_words(words, text=text_key))
    raise InputError("Deepgram JSON has no utterances, paragraphs or words to read times from")


def _first(items: list[Any], key: str) -> Mapping[str, Any] | None:
    if items and isinstance(items[0], dict):
        inner = items[0].get(key)
        if isinstance(inner, list) and inner and isinstance(inner[0], dict):
            return inner[0]
    return None


def parse_assemblyai(data: Any) -> list[Row]:
    """AssemblyAI: `utterances` (speaker letters, milliseconds), else `words`."""
    utterances = data.get("utterances")
    if isinstance(utterances, list) and utterances:
        rows = [
            Row(r.start, r.end, r.text, f"Speaker {r.speaker}" if r.speaker and len(r.speaker) <= 2 else r.speaker)
            for r in _segments(utterances, "utterances", start="start", end="end", text="text", scale=0.001)
        ]
        return sorted(rows, key=lambda r: r.start or 0.0)
    words = data.get("words")
    if isinstance(words, list) and words:
        found = _words(words, text="text", scale=0.001)
        return turns([w._replace(speaker=f"Speaker {w.speaker}" if w.speaker else None) for w in found])
    raise InputError("AssemblyAI JSON has no utterances or words to read times from")


def parse_aws(data: Any) -> list[Row]:
    """AWS Transcribe: `results.audio_segments` where present, else `results.items` joined into turns."""
    results = data.get("results") or {}
    segments = results.get("audio_segments")
    if isinstance(segments, list) and segments:
        return ordered(_segments(segments, "audio_segments", start="start_time", end="end_time", text="transcript"))
    items = results.get("items")
    if not isinstance(items, list) or not items:
        raise InputError("AWS Transcribe JSON has no results.items or results.audio_segments")
    speakers = _aws_speakers(results.get("speaker_labels"))
    words: list[Word] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        content = _aws_content(item)
        if item.get("type") == "punctuation":
            if words and content:
                words[-1] = words[-1]._replace(text=words[-1].text + content)
            continue
        start, end = _number(item.get("start_time")), _number(item.get("end_time"))
        if start is None or end is None or not content:
            continue
        label = item.get("speaker_label") or speakers.get(item.get("start_time"))
        words.append(Word(start, end, content, _aws_label(label)))
    return turns(words)


def _aws_content(item: Mapping[str, Any]) -> str:
    alternatives = item.get("alternatives")
    if isinstance(alternatives, list) and alternatives and isinstance(alternatives[0], dict):
        content = alternatives[0].get("content")
        return content if isinstance(content, str) else ""
    return ""


def _aws_speakers(labels: Any) -> dict[Any, str]:
    """Older files give speakers in `speaker_labels.segments[].items`, keyed by the item's start time."""
    found: dict[Any, str] = {}
    if isinstance(labels, dict):
        for segment in labels.get("segments") or []:
            for item in segment.get("items") or [] if isinstance(segment, dict) else []:
                if isinstance(item, dict) and item.get("speaker_label"):
                    found[item.get("start_time")] = item["speaker_label"]
    return found


def _aws_label(label: Any) -> str | None:
    if not isinstance(label, str):
        return None
    return f"Speaker {int(label[4:]) + 1}" if label.startswith("spk_") and label[4:].isdigit() else label


JSON_PARSERS: dict[str, Callable[[Any], list[Row]]] = {
    "podcast-json": parse_podcast_json,
    "youtube-json": parse_youtube_json,
    "deepgram": parse_deepgram,
    "assemblyai": parse_assemblyai,
    "aws-transcribe": parse_aws,
    "whisper": parse_whisper,
    "json": parse_segments,
}


def detect_json(data: Any) -> str:
    """Which service wrote this JSON, by the keys only it uses."""
    if isinstance(data, list):
        first = data[0] if data and isinstance(data[0], dict) else {}
        if "duration" in first and "end" not in first:
            return "youtube-json"
        return "json"
    if not isinstance(data, dict):
        return "json"
    segments = data.get("segments")
    if isinstance(segments, list) and segments and isinstance(segments[0], dict) and "startTime" in segments[0]:
        return "podcast-json"
    results = data.get("results")
    if isinstance(results, dict):
        if "channels" in results or "utterances" in results:
            return "deepgram"
        if "items" in results or "audio_segments" in results or "transcripts" in results:
            return "aws-transcribe"
    if ("utterances" in data or "words" in data) and ("text" in data or "acoustic_model" in data or "id" in data):
        return "assemblyai"
    return "whisper"


def loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from None


def parse_json_family(text: str, name: str | None = None) -> tuple[str, list[Row]]:
    """Parse JSON text as `name`, or as the shape its keys say; returns the shape's name too."""
    data = loads(text)
    name = detect_json(data) if name in (None, "json") else name
    if name != "json" and name != "youtube-json" and not isinstance(data, dict):
        raise InputError(f"{name} JSON must be an object")
    return name, JSON_PARSERS[name](data)
