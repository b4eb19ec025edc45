"""Books, courses, tools, sites and communities named aloud, found in the words before any model call.

Each candidate keeps the block that names it and is spelled as said. Patterns are per language: a
title introduced by what it is (`a book called Relevant Search`, `the Interpretable Machine Learning
book`, `a book from the library, Zinn and the Art of …`), a web address (`datatalks.club`), or a
platform everyone names the same way (GitHub, LinkedIn). Lower-case captions have no capitals to
end a title, so there a title is taken only right after what it is (`a book called four steps to
epiphany it's on startups`) and only up to a word no title ends on (`it's`), never running on; or
beside its kind word without `called` where the speaker reads or uses that very one (`reading the
clean code book`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .captions import uncased
from .chunking import Block, sentences

Kind = str  # one of the document schema's resource kinds

KIND_WORDS: dict[str, dict[str, Kind]] = {
    "en": {
        "book": "book", "books": "book", "textbook": "book", "course": "course", "courses": "course",
        "bootcamp": "course", "specialization": "course", "podcast": "podcast", "paper": "paper",
        "article": "paper", "blog": "website", "newsletter": "website", "website": "website", "site": "website",
        "library": "tool", "framework": "tool", "tool": "tool", "package": "tool", "platform": "tool",
        "community": "community", "conference": "community", "meetup": "community", "talk": "other",
    },
    "es": {
        "libro": "book", "libros": "book", "curso": "course", "cursos": "course", "pódcast": "podcast",
        "podcast": "podcast", "artículo": "paper", "blog": "website", "web": "website", "página": "website",
        "herramienta": "tool", "biblioteca": "tool", "comunidad": "community", "conferencia": "community",
        "canal": "website", "charla": "other",
    },
    "de": {
        "buch": "book", "bücher": "book", "kurs": "course", "podcast": "podcast", "artikel": "paper",
        "paper": "paper", "blog": "website", "webseite": "website", "website": "website", "tool": "tool",
        "werkzeug": "tool", "bibliothek": "tool", "community": "community", "konferenz": "community",
        "kanal": "website", "vortrag": "other",
    },
    "fr": {
        "livre": "book", "cours": "course", "formation": "course", "podcast": "podcast", "article": "paper",
        "blog": "website", "site": "website", "outil": "tool", "bibliothèque": "tool", "communauté": "community",
        "conférence": "community", "chaîne": "website",
    },
    "pt": {
        "livro": "book", "curso": "course", "podcast": "podcast", "artigo": "paper", "blog": "website",
        "site": "website", "ferramenta": "tool", "biblioteca": "tool", "comunidade": "community",
        "conferência": "community", "canal": "website", "palestra": "other",
    },
}  # fmt: skip
"""What a speaker calls a resource just before or after its title, by language, and its kind."""
CALLED: dict[str, str] = {
    "en": "called|named|titled",
    "es": "llamad[oa]|titulad[oa]|que se llama",
    "de": "namens|mit dem titel|der heißt|das heißt|die heißt",
    "fr": "appelée?|intitulée?|qui s'appelle",
    "pt": "chamad[oa]|intitulad[oa]|que se chama",
}
"""How a speaker introduces a title by its name (`a book called …`), by language."""
NAMED_LATER: dict[str, str] = {
    "en": r"(?:it['’]s|it is|that['’]s|which is|that is|is|was)\s+(?:called|named|titled)",
    "es": r"se llama|se titula",
    "de": r"(?:es|er|sie|das) heißt",
    "fr": r"s'appelle|s'intitule",
    "pt": r"se chama|se intitula",
}
"""How a speaker gives the title after naming what it is (`the book I always recommend … It's called
Weapons of Math Destruction.`), by language; the kind is the last kind word said just before."""
KIND_REACH = 200
"""How many characters before such a title its kind word may be said, in that sentence or the one before."""
PLATFORMS: dict[str, Kind] = {
    "GitHub": "website", "LinkedIn": "website", "YouTube": "website", "Twitter": "website",
    "Kaggle": "community", "Slack": "community", "Discord": "community", "Coursera": "course",
    "Udemy": "course", "edX": "course", "Medium": "website", "Substack": "website", "Stack Overflow": "website",
    "Hugging Face": "tool", "arXiv": "paper",
}  # fmt: skip
"""Places named the same way in every language and every episode."""
COMMON_WORDS = frozenset({"medium", "slack", "discord", "twitter"})
"""Platforms that are also ordinary words: found only where the transcript capitalises them."""
ORDINARY_WORDS = frozenset({"medium"})
"""Of those, the ones mostly said as an ordinary word even in a talk about tech (`small to medium
companies`): in lower-case captions found only where said as a place (`on medium`)."""
PLACE_WORDS: dict[str, str] = {"en": "on", "es": "en", "de": "auf", "fr": "sur", "pt": "no"}
"""The word before a platform said as a place where things are posted, by language."""
TITLE_ENDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """i i'm i've i'd i'll me my you you're your he he's him his she she's her it it's its we we're our
        they they're their that that's there there's this these those which who what where when why how
        because if so but or as is was are were be been am has have had do does did will would can could
        should might may um uh yeah okay right basically actually just really also maybe probably then
        than from by about into after before since until while back laughs chuckles taught helped says
        said talks explains describes covers""".split()
    ),
    "es": frozenset(
        """yo me mi tú te tu él ella lo le su nosotros ellos que quien donde cuando porque si pero o como es
        era son fue ha he tiene puede pues bueno este eh también entonces ya muy""".split()
    ),
    "fr": frozenset(
        """je me moi mon tu te ton il elle on nous vous ils elles son sa que qui où quand parce si mais ou
        comme est était sont a ai peut donc bon euh ben alors aussi très""".split()
    ),
    "pt": frozenset(
        """eu me meu você te seu ele ela nós eles que quem onde quando porque se mas ou como é era são foi
        tem pode então bom né tipo também já muito""".split()
    ),
}  # fmt: skip
"""Words a title said in lower case does not run into (pronouns, verbs, fillers, a clause's openings),
by language: the first one ends it. German has none: its verb comes last (`ich habe ein buch namens
clean code gelesen`), so no word tells where a lower-case title ends, and none is taken."""
UNCASED_TITLE_WORDS = 6
"""The most words a title said in lower case is taken to have: past this its end cannot be told."""
UNCASED_KIND_REACH = 12
"""How many words before `it's called …` its kind word may be said, in text without sentences."""
USING: dict[str, str] = {
    "en": r"(?:read|reading|recommend|recommended|suggest|suggested|take|took|taking|finished|write|wrote|writing"
    r"|publish|published|through|using|used|watch|watched|watching|listen|listened|listening)"
    r"\s+(?:\w+\s+)?(?:the|this|that|my|his|her|their|our)",
}
"""How a speaker says they read, take or use one particular resource just before naming it
(`reading the clean code book`, `writing the book interpretable machine learning because`), by
language. Lower-case captions take a title beside its kind word without `called` only after these
words: elsewhere the words beside a kind word are mostly no title (`the data science community`, `the
platform based on …`). Languages not listed take none there."""
DESCRIBING: dict[str, frozenset[str]] = {
    "en": frozenset(
        """very good great nice cool new first second third last next whole entire same other different free
        online old best famous popular favorite favourite big small short long little few lot couple bunch
        kind sort piece""".split()
    ),
}
"""Words that describe a resource rather than name it (`reading the first machine learning book`), by
language: a lower-case title said before its kind word holds none of them."""
RARE_WORD = 10
"""The most times a one-word title said in lower case may be said in the episode: a name is said now
and then (`a conference called haystack`), a word used all the time is no title (`called think like …`)."""

DETERMINERS: dict[str, str] = {
    "en": "the|a|an|this|that|my|his|her|their|our",
    "es": "el|la|los|las|un|una|este|esta|mi|su",
    "de": "das|der|die|den|ein|eine|einen|dieses|diesen|mein|meinen",
    "fr": "le|la|les|un|une|ce|cet|cette|mon|ma",
    "pt": "o|a|os|as|um|uma|este|esta|meu|minha",
}
"""Words that open the naming of a resource before its kind word (`the book Zero to One`), by language."""
ARTICLES: dict[str, str] = {
    "en": "the", "es": "el|la|los|las", "de": "der|die|das", "fr": "le|la|les", "pt": "o|a|os|as",
}  # fmt: skip
"""The definite article a speaker may put in lower case before a title given by name (`a framework
called the MLOps Toolbelt`), by language: not part of the title, as a capital one is (`Le Vélo Facile`)."""
IS_A: dict[str, str] = {
    "en": r"(?:is|was)\s+(?:a|an|the|my)",
    "es": r"(?:es|era)\s+(?:un|una|el|la|mi)",
    "de": r"(?:ist|war)\s+(?:ein|eine|das|der|die|mein|meine)",
    "fr": r"(?:est|était)\s+(?:un|une|le|la|mon|ma)",
    "pt": r"(?:é|era)\s+(?:um|uma|o|a|meu|minha)",
}
"""How a speaker says what a title is (`Python Pizza is the best Python conference`), by language."""
AUTHORED: dict[str, str] = {"en": "by|from", "es": "de", "de": "von", "fr": "de|par", "pt": "de"}
"""How a speaker names a title's author after it (`Zero to One from Peter Thiel`), by language."""
OPENERS: dict[str, frozenset[str]] = {
    "en": frozenset("so and but or yes yeah well also then now i actually because maybe".split()),
    "es": frozenset("y pero o sí bueno también entonces ahora yo".split()),
    "de": frozenset("und aber oder ja also auch dann jetzt ich".split()),
    "fr": frozenset("et mais ou oui bon alors aussi puis maintenant je".split()),
    "pt": frozenset("e mas ou sim bem então também agora eu".split()),
}
"""Capitalised words that open a sentence rather than a title (`So Python is …`), by language."""

_TITLE_WORD = r"[A-Z0-9][\w'’+#-]*(?:[.:][\w'’+#-]+)*"  # a title's words; one ending a sentence ends it
SMALL_WORDS: dict[str, str] = {
    "en": "of|the|and|for|to|in|on|with|a|an|by|from|at|&",
    "es": "de|del|la|el|los|las|y|en|para|con|a|al|&",
    "de": "für|und|der|die|das|des|im|in|von|mit|zum|zur|&",
    "fr": "de|du|des|la|le|les|et|pour|en|à|au|&",
    "pt": "de|da|do|das|dos|e|para|em|com|o|a|&",
}
"""Lower-case words a title may hold between its capitalised ones (`Zinn and the Art of …`), by language."""
_TLD = "com|org|io|ai|club|dev|net|co|me|app|edu|info|tech|de|uk|fr|es|nl|eu|ch|at|ca|pl|se|dk|fi|pt|br|tv|fm"
_DOMAIN = re.compile(rf"\b((?:[a-z0-9-]+\.)+(?:{_TLD}))\b", re.I)
_MAX_RESOURCES = 12


@dataclass(frozen=True)
class Mention:
    name: str
    kind: Kind
    block: int


def find_resources(blocks: list[Block], language: str = "en") -> list[Mention]:
    """Every resource named aloud, once, in the order first named."""
    kinds = KIND_WORDS.get(language, {})
    cased = not uncased(blocks)
    words = "|".join(sorted(kinds, key=len, reverse=True))
    naming = CALLED.get(language, CALLED["en"])
    small = SMALL_WORDS.get(language, SMALL_WORDS["en"])
    title = rf"{_TITLE_WORD}(?:\s+(?:(?:{small})\s+){{0,2}}{_TITLE_WORD}){{0,7}}"
    article = rf"(?:(?:{ARTICLES.get(language, ARTICLES['en'])})\s+)?"
    called = re.compile(rf"\b(?i:({words}))\s+(?i:{naming})\s+[\"“„«]?\s?{article}({title})") if words else None
    before = re.compile(rf"\b(?:the|a|an|my|our|his|her|their)\s+({title})\s+(?i:({words}))\b") if words else None
    apposed = re.compile(rf"\b(?i:({words}))\b[^.!?,]{{0,40}},\s+({title})") if words else None
    quoted = re.compile(rf"\b(?i:({words}))\s*,?\s*[\"“„«]\s?([^\"”“«»]{{3,80}}?)\s?[\"”“»]") if words else None
    later = re.compile(
        rf"\b(?i:{NAMED_LATER.get(language, NAMED_LATER['en'])})\s+[\"“„«]?\s?(?:(?i:the|a|an)\s+)?({title})"
    )
    kind_word = re.compile(rf"\b(?i:({words}))\b") if words else None
    determiner, is_a = DETERMINERS.get(language), IS_A.get(language)
    kind_first = re.compile(rf"\b(?:{determiner})\s+(?i:({words}))\s+({title})") if words and determiner else None
    author = re.compile(rf"\s+(?:{AUTHORED.get(language, '$^')})\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$")
    said_is = re.compile(rf"({title})\s+{is_a}\s+(?:[\w-]+\s+){{0,2}}(?i:({words}))\b") if words and is_a else None
    openers = OPENERS.get(language, frozenset())
    uncased_called = re.compile(rf"\b({words})\s+(?:{naming})\s+") if words else None
    uncased_later = re.compile(rf"\b(?:{NAMED_LATER.get(language, NAMED_LATER['en'])})\s+")
    using = USING.get(language)
    used_first = re.compile(rf"\b{using}\s+({words})\s+") if using and words else None
    used_before = (
        re.compile(rf"\b{using}\s+((?:[\w'’-]+\s+){{2,{UNCASED_TITLE_WORDS}}}?)({words})\b")
        if using and words
        else None
    )
    no_title = (
        TITLE_ENDS.get(language, frozenset())
        | DESCRIBING.get(language, frozenset())
        | set(SMALL_WORDS.get(language, SMALL_WORDS["en"]).split("|"))
        | set(DETERMINERS.get(language, DETERMINERS["en"]).split("|"))
        | set(kinds)
    )
    place = re.compile(rf"\b(?:{PLACE_WORDS.get(language, PLACE_WORDS['en'])})\s+$")
    platforms = re.compile(r"\b(" + "|".join(re.escape(p) for p in PLATFORMS) + r")\b", re.I)
    found: dict[str, Mention] = {}
    said = Counter(word for block in blocks for word in block.text.split()) if not cased else Counter()
    said_text = f" {' '.join(block.text for block in blocks)} " if not cased else ""

    def add(name: str, kind: Kind, block: int) -> None:
        name = name.strip(" .,;:!?\"“”'’")
        key = name.lower()
        if len(name) >= 3 and key not in found and len(found) < 10 * _MAX_RESOURCES:
            found[key] = Mention(name, kind, block)

    def add_title(name: str, kind: Kind, block: int) -> None:
        """A name said right beside its kind word, taken where it is a title: two words or more once the
        words opening the sentence and its author (`Zero to One from Peter Thiel`) are left out, or one
        written in camel case (`TopCoder`; `API` is no title)."""
        parts = author.sub("", name).split()
        while parts and parts[0].lower() in openers:
            parts.pop(0)
        if len(parts) >= 2 or (parts and parts[0][1:].lower() != parts[0][1:] and not parts[0].isupper()):
            add(" ".join(parts), kind, block)

    for block in blocks:
        text = block.text
        if cased and kind_first and said_is:
            for match in kind_first.finditer(text):
                add_title(match.group(2), kinds[match.group(1).lower()], block.id)
            for match in said_is.finditer(text):
                add_title(match.group(1), kinds[match.group(2).lower()], block.id)
        if cased and called and before and quoted and apposed and kind_word:
            for match in apposed.finditer(text):
                if len(match.group(2).split()) >= 3:  # `a book from the library, Zinn and the Art of …`
                    add(match.group(2), kinds[match.group(1).lower()], block.id)
            for match in called.finditer(text):
                add(match.group(2), kinds[match.group(1).lower()], block.id)
            for match in quoted.finditer(text):
                title_words = match.group(2).split()
                if sum(w[:1].isupper() for w in title_words) * 2 >= len(title_words):
                    add(match.group(2), kinds[match.group(1).lower()], block.id)
            for match in later.finditer(text):
                lead_up = sentences(text[max(0, match.start() - KIND_REACH) : match.start()])[-2:]
                said_before = kind_word.findall(" ".join(lead_up))
                if said_before:
                    add(match.group(1), kinds[said_before[-1].lower()], block.id)
            for match in before.finditer(text):
                if len(match.group(1).split()) >= 2 or match.group(1)[1:].lower() != match.group(1)[1:]:
                    add(match.group(1), kinds[match.group(2).lower()], block.id)
        elif uncased_called and kind_word:
            for match in uncased_called.finditer(text):
                if name := uncased_title(text[match.end() :], language, said):
                    add(name, kinds[match.group(1)], block.id)
            for match in uncased_later.finditer(text):
                said_before = kind_word.findall(" ".join(text[: match.start()].split()[-UNCASED_KIND_REACH:]))
                if said_before and (name := uncased_title(text[match.end() :], language, said)):
                    add(name, kinds[said_before[-1].lower()], block.id)
            for match in used_first.finditer(text) if used_first else ():
                # said again elsewhere: a title is said the same way twice, a passing clause is not
                after = (uncased_title(text[match.end() :], language, said) or "").split()
                if len(after) >= 2 and after[0] not in no_title and said_text.count(f" {' '.join(after)} ") >= 2:
                    add(" ".join(after), kinds[match.group(1)], block.id)
            for match in used_before.finditer(text) if used_before else ():
                named = match.group(1).split()
                if not any(word in no_title or word.isdigit() for word in named):
                    add(" ".join(named), kinds[match.group(2)], block.id)
        for match in platforms.finditer(text):
            canonical = next(p for p in PLATFORMS if p.lower() == match.group(1).lower())
            if canonical.lower() in COMMON_WORDS and cased and not match.group(1)[:1].isupper():
                continue
            if canonical.lower() in ORDINARY_WORDS and not cased and not place.search(text, 0, match.start()):
                continue
            add(canonical, PLATFORMS[canonical], block.id)
        for match in _DOMAIN.finditer(text):
            add(match.group(1).lower(), "website", block.id)
    return list(found.values())[:_MAX_RESOURCES]


def uncased_title(text: str, language: str, said: Counter[str]) -> str | None:
    """The title opening `text`, which has no capitals: up to the first word no title runs into (or a
    determiner after a title's word: `statistical rethinking the author …`), without the small words
    it would end on. None where no such word comes within `UNCASED_TITLE_WORDS` words (its end cannot
    be told), where one word is left once small words are cut (`lean in from` is no `lean`), or where
    the one word is one the episode (`said`: its words counted) uses all the time."""
    ends = TITLE_ENDS.get(language, frozenset())
    small = set(SMALL_WORDS.get(language, SMALL_WORDS["en"]).split("|"))
    determiners = set(DETERMINERS.get(language, DETERMINERS["en"]).split("|"))
    title: list[str] = []
    for word in (w.strip("'’\"“”,.") for w in text.split()[: UNCASED_TITLE_WORDS + 1]):
        if word in ends or word.isdigit() or (word in determiners and title and title[-1] not in small):
            break
        title.append(word)
    else:
        return None
    kept = list(title)
    while kept and kept[-1] in small:
        kept.pop()
    if len(kept) >= 3 and kept[0] == kept[-1]:  # said again after a restart: `buzzwords berlin buzzwords`
        kept.pop(0)
    if not kept or (len(kept) == 1 and (len(title) > 1 or said[kept[0]] > RARE_WORD)):
        return None
    return " ".join(kept)
