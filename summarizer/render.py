"""Renderings of an episode document, from Jinja2 templates shipped with the package.

The document is the contract: every rendering can be remade from it at any time, without a model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jinja2 import Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape

from .timefmt import format_clock

FORMATS = {"markdown": "show-notes.md.j2"}


def time_url(url: str, seconds: float) -> str:
    """The episode URL opened at `seconds` (YouTube's `t=`; other players read it too)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "t"] + [("t", str(int(seconds)))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _timelink(seconds: float | None, url: str | None) -> str:
    clock = format_clock(seconds)
    return f"[{clock}]({time_url(url, seconds)})" if url and seconds is not None else clock


def environment(template_dir: Path | None = None) -> Environment:
    loader = FileSystemLoader(template_dir) if template_dir else PackageLoader("summarizer", "templates")
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["clock"] = format_clock
    env.filters["timelink"] = _timelink
    return env


def render(document: dict[str, Any], fmt: str = "markdown", template: Path | None = None) -> str:
    if template is not None:
        return environment(template.parent).get_template(template.name).render(doc=document)
    return environment().get_template(FORMATS[fmt]).render(doc=document)
