"""Prompt templates, one file per step in `prompts/`, loaded by name.

A file holds a `=== system ===` part and a `=== user ===` part (or other named parts, as
`context.md` does for the lines every prompt is told about the episode); `$name` placeholders are
filled with `string.Template`, so transcript text can never be read as template syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

_SOURCE_TREE = Path(__file__).resolve().parent.parent / "prompts"
_PACKAGED = Path(__file__).resolve().parent / "prompts"
_PART = re.compile(r"^=== ([a-z_]+) ===$", re.M)


@dataclass(frozen=True)
class Prompt:
    name: str
    system: str
    user: str
    parts: dict[str, str]

    def render_system(self, **values: str) -> str:
        return Template(self.system).substitute(values)

    def render_user(self, **values: str) -> str:
        return Template(self.user).substitute(values)

    def part(self, part: str, **values: str) -> str:
        """One named part of the file, filled in."""
        return Template(self.parts[part]).substitute(values)

    def messages(self, **values: str) -> list[dict[str, str]]:
        """System part first and constant, so a local model reuses its cache across calls."""
        return [
            {"role": "system", "content": self.render_system(**values)},
            {"role": "user", "content": self.render_user(**values)},
        ]


def prompt_dir() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE


@cache
def load_prompt(name: str) -> Prompt:
    text = (prompt_dir() / f"{name}.md").read_text(encoding="utf-8")
    parts = _PART.split(text)
    sections = dict(zip(parts[1::2], (p.strip() for p in parts[2::2])))
    return Prompt(name=name, system=sections.get("system", ""), user=sections.get("user", ""), parts=sections)


def fence(text: str, tag: str = "transcript") -> str:
    """Text as inert data inside `<tag>` fences: nothing inside can close or reopen the fence."""
    return text.replace(f"</{tag}", f"</ {tag}").replace(f"<{tag}", f"< {tag}")
