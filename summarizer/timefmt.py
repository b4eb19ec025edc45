"""Clock strings: parse `H:MM:SS` / `M:SS` and SRT/VTT stamps, format seconds for people."""

import re

_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$")


def parse_clock(text: str) -> float:
    """Seconds from `M:SS`, `H:MM:SS`, `HH:MM:SS,mmm` or `MM:SS.mmm`; ValueError otherwise."""
    match = _CLOCK.match(text.strip())
    if not match:
        raise ValueError(f"not a timestamp: {text!r}")
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise ValueError(f"not a timestamp: {text!r}")
    value = float(int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds))
    if fraction:
        value += int(fraction.ljust(3, "0")) / 1000
    return float(value)


def format_clock(seconds: float | None) -> str:
    """`M:SS` under an hour, `H:MM:SS` from an hour on, as YouTube writes them."""
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
