"""The fixed strings of the renderings ("Chapters", "Key advice" …) in the notes' language.

A gettext message catalogue per language (`summarizer/locales/<lang>/LC_MESSAGES/summarizer.po`),
read with Babel; a language without a catalogue gets English strings, never a mix.
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "de": "German", "fr": "French", "pt": "Portuguese", "it": "Italian",
    "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish",
    "cs": "Czech", "ro": "Romanian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "ja": "Japanese",
    "zh": "Chinese", "ko": "Korean", "hi": "Hindi", "ar": "Arabic", "id": "Indonesian", "ca": "Catalan",
}  # fmt: skip
"""Languages the prompts can name; notes in others are asked for by code."""


def catalogued() -> list[str]:
    """Languages with a catalogue of rendered strings (besides English, the source language)."""
    folder = resources.files("summarizer") / "locales"
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


@cache
def translations(language: str) -> NullTranslations:
    """gettext translations for `language` (its base code: `pt-BR` uses `pt`); English otherwise."""
    base = language.split("-")[0].lower()
    source = resources.files("summarizer") / "locales" / base / "LC_MESSAGES" / "summarizer.po"
    if not source.is_file():
        return NullTranslations()
    with source.open("rb") as po:
        catalog = read_po(po, locale=base)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)
