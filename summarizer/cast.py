"""Who is who in an episode, before any model call: the host(s) and guest(s), with full names where
the transcript or the user says them.

Metadata always wins. With speaker labels, the host is who opens and asks most of the questions, the
guests are the others who hold the floor; a label's full name is taken from the introduction (`a
special guest today, Raphaël Hoogvliets`). Without labels (raw captions) only the introduction can
name people: `my guest today is …`, `we have … with us`, `thanks for having me, …`. The phrases are
per language; a language without its own gets names from labels and metadata only.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from .chunking import MARKED, sentences
from .language import plain_words
from .metadata import EpisodeMeta
from .prompts import load_prompt
from .segmenting import STOPWORDS, TITLE_STOPWORDS
from .transcript import Transcript

Role = Literal["host", "guest"]
Source = Literal["given", "labels", "introduction"]
Gender = Literal["feminine", "masculine"]

INTRO_SECONDS = 300.0
INTRO_WORDS = 900
GUEST_SHARE = 0.1

_NAME_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.-]*"
GUEST_INTRODUCTIONS: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:special )?guests? (?:for )?today(?: is| are)?,?",
        r"my guests? (?:today )?(?:is|are)",
        r"today we have",
        r"we have (?:a special guest )?(?:today )?(?:with us )?",
        r"joining (?:me|us) (?:today )?(?:is|are)",
        r"i'm (?:here )?(?:joined by|with)",
        r"please welcome",
        r"welcome (?:to the show|to the podcast),?",
        r"let me introduce",
    ),
    "es": (
        r"mi invitad[oa]s? (?:de hoy )?(?:es|son)",
        r"nuestr[oa] invitad[oa] (?:de hoy )?es",
        r"hoy (?:tenemos|nos acompaña|está con nosotros)(?: con nosotros)?(?: a)?",
        r"(?:damos|doy) la bienvenida a",
        r"les presento a",
    ),
    "de": (
        r"mein (?:heutiger )?gast (?:heute )?ist",
        r"meine (?:heutige )?gästin (?:heute )?ist",
        r"heute (?:zu gast )?(?:ist|habe ich|haben wir)(?: bei mir| bei uns| zu gast)?",
        r"begrüße ich",
        r"darf ich vorstellen:?",
    ),
    "fr": (
        r"mon invitée? (?:d'aujourd'hui |aujourd'hui )?(?:est|c'est)",
        r"(?:nous recevons|je reçois|j'accueille)(?: aujourd'hui)?",
        r"(?:je vous présente|bienvenue à)",
    ),
    "pt": (
        r"(?:meu|minha) convidad[oa] (?:de hoje )?é",
        r"hoje (?:recebemos|temos|está conosco)(?: aqui)?(?: o| a)?",
        r"(?:damos|dou) as boas-vindas (?:a|ao|à)",
    ),
}
"""What a host says right before a guest's name, by language."""
HOST_INTRODUCTIONS: dict[str, tuple[str, ...]] = {
    "en": (r"thanks? (?:you )?(?:so much )?for having me,?", r"thank you,", r"my name is", r"i'm your host,?"),
    "es": (r"gracias por (?:invitarme|tenerme aquí|la invitación),?", r"me llamo", r"soy tu anfitrión,?"),
    "de": (r"danke für die einladung,?", r"danke, dass ich (?:hier )?(?:sein|dabei sein) darf,?", r"ich heiße",
           r"mein name ist"),
    "fr": (r"merci de m'avoir invitée?,?", r"merci pour l'invitation,?", r"je m'appelle"),
    "pt": (r"obrigad[oa] pelo convite,?", r"obrigad[oa] por me receber,?", r"meu nome é"),
}  # fmt: skip
"""What someone says right before the host's name (a guest thanking them, a host's own intro)."""


@dataclass(frozen=True)
class Person:
    name: str
    role: Role
    source: Source
    label: str | None = None  # the transcript's speaker label for this person, if any
    gender: Gender | None = None  # as the host speaks of the guest, where the introduction tells
    called: str | None = None  # the short name the others call them by (`Chris` for Christiaan)

    @property
    def forms(self) -> list[str]:
        """How text may name the person: full name first, then the label, the first name, the short name."""
        return list(dict.fromkeys([self.name, self.label or self.name, self.name.split()[0], self.called or self.name]))


@dataclass(frozen=True)
class Cast:
    people: tuple[Person, ...] = ()
    labelled: bool = False

    @property
    def hosts(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.role == "host")

    @property
    def guests(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.role == "guest")

    def name_for(self, label: str | None) -> str | None:
        """The person's name behind a speaker label (the label itself for someone not in the cast)."""
        if label is None:
            return None
        return next((p.name for p in self.people if p.label == label), label)

    def given(self, name: str | None) -> str | None:
        """The person the user named that a model's speaker name refers to (full or first name)."""
        if not name:
            return None
        wanted = " ".join(name.lower().split())
        for person in (p for p in self.people if p.source == "given"):
            full = " ".join(person.name.lower().split())
            if wanted == full or wanted == full.split()[0] or full == wanted.split()[0]:
                return person.name
        return None

    def named(self, text: str) -> str:
        """Model text with the prompt's markup undone (`plain_names`), a person's short name (`Chris`)
        made their first name (`Christiaan`), one person's first name joined to another's surname made
        the surname's owner (`Maya Okafor` → `Tom Okafor`), and a bare role (`The guest explains`, `Host asks`)
        replaced by the name, where one person has that role."""
        text = plain_names(text)
        for person in self.people:  # `Chris explains` of Christiaan: one name for one person in the notes
            if person.called:
                text = re.sub(rf"\b{re.escape(person.called)}\b(?!\s+[A-Z])", person.name.split()[0], text)
        surnames = Counter(p.name.split()[-1] for p in self.people)
        for person in self.people:  # `Maya Okafor` of Tom Okafor: one first name joined to another's surname
            names = person.name.split()
            if len(names) < 2 or surnames[names[-1]] > 1:
                continue
            for first in {other.name.split()[0] for other in self.people} - {names[0]}:
                text = re.sub(rf"\b{re.escape(first)} {re.escape(names[-1])}\b", person.name, text)
        for person in self.people:  # `Host Lucía introduce …`: the prompt's role word left before a name
            text = re.sub(rf"(?<![Tt]he )\b(?:Host|Guest) (?={re.escape(person.name.split()[0])}\b)", "", text)
        for role, people in (("guest", self.guests), ("host", self.hosts)):
            if len(people) == 1:
                text = _bare_role(role).sub(people[0].name.replace("\\", r"\\"), text)
        return text

    def introduced(self, text: str, language: str) -> str:
        """Model text opening on a pronoun, which names nobody (`He discusses his background …`): the
        one guest's name instead, where the pronoun can be theirs."""
        guest = self.guests[0] if len(self.guests) == 1 else None
        subjects = SUBJECT_PRONOUNS.get(language, {})
        said = [word for gender, word in subjects.items() if guest and guest.gender in (None, gender)]
        if guest is None or not said:
            return text
        return re.sub(rf"^(?:{'|'.join(said)})\b", guest.name.replace("\\", r"\\"), text, flags=re.I)

    def gendered(self, text: str, language: str) -> str:
        """Model text speaking of the guest with the pronouns the host uses for them (a small model
        writes `CJ Jenkins shares his experience` of a woman): after each naming of the guest, up to
        the next naming of someone else of the cast (`Alexey interviews Atita, who started his
        career` is hers: the nearest name before a pronoun is whose it is), across sentences that
        name nobody."""
        guest = self.guests[0] if len(self.guests) == 1 else None
        pronouns = PRONOUNS.get(language)
        if guest is None or guest.gender is None or pronouns is None:
            return text
        wrong = next(gender for gender in pronouns if gender != guest.gender)
        others = [p for p in self.people if p is not guest]
        about_guest, said, fixed = False, sentences(text), []
        for sentence in said:
            named = sorted(
                [(end, True) for end in _naming_ends(guest, sentence)]
                + [(end, False) for p in others for end in _naming_ends(p, sentence)]
            )
            pieces, cut = [], 0
            for end, is_guest in named:
                pieces.append((sentence[cut:end], about_guest))
                cut, about_guest = end, is_guest
            pieces.append((sentence[cut:], about_guest))
            fixed.append(
                "".join(_swapped(piece, pronouns[wrong], language) if ours else piece for piece, ours in pieces)
            )
        return " ".join(fixed) if fixed != said else text

    def display(self, label: str) -> str:
        """How a prompt shows a speaker: `Host (Maya)`, `Guest (Tom Okafor)`, or the bare label."""
        person = next((p for p in self.people if p.label == label), None)
        return f"{person.role.capitalize()} ({person.name})" if person else label

    def prompt_lines(self) -> str:
        """What every prompt is told about the people, one fact a line (`prompts/context.md`)."""
        context = load_prompt("context")
        lines = []
        for role, people in (("Host", self.hosts), ("Guest", self.guests)):
            if people:
                names = ", ".join(p.name for p in people)
                lines.append(context.part("people", role=role + ("s" if len(people) > 1 else ""), names=names))
        if self.people and not self.labelled:
            lines.append(context.part("unlabelled"))
        return "".join(f"{line}\n" for line in lines)


def _naming_ends(person: Person, text: str) -> list[int]:
    """Where each naming of the person in text ends, by any word of their name (`CJ` or `Jenkins` of
    `CJ Jenkins`)."""
    words = "|".join(re.escape(word) for word in person.name.split() if len(word) > 1)
    return [m.end() for m in re.finditer(rf"\b(?:{words})\b", text)] if words else []


OBJECTIVE: dict[str, dict[str, tuple[str, frozenset[str], frozenset[str]]]] = {
    "en": {
        "her": (
            "him",
            frozenset("about to for with from in on at by of that and or but as into through than the a an".split()),
            frozenset("help helped helps let lets make made makes see saw watch hear heard".split()),
        )
    },
}
"""Pronouns that are an object or an owner by where they stand, by language: the object counterpart,
the words after which and those before which the pronoun is an object (`asks her about`, `helped her
prepare` → `him`); elsewhere it owns what follows (`her background` → `his`)."""


def _swapped(sentence: str, swaps: dict[str, str], language: str) -> str:
    """The sentence with each pronoun of `swaps` replaced by its counterpart, capitals kept."""
    objective = OBJECTIVE.get(language, {})

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower().replace("’", "'")
        other = swaps[lower]
        if lower in objective:
            object_form, after_words, before_words = objective[lower]
            after = re.match(r"\s*([\w']+)", sentence[match.end() :])
            before = re.findall(r"[\w']+", sentence[: match.start()].lower())
            if after is None or after.group(1).lower() in after_words or (before and before[-1] in before_words):
                other = object_form
        return other.capitalize() if word[0].isupper() else other

    forms = "|".join(sorted((re.escape(w).replace("'", "['’]") for w in swaps), key=len, reverse=True))
    return re.sub(rf"\b(?:{forms})\b", swap, sentence, flags=re.I)


_DISPLAYED = re.compile(r"\b(?:Host|Guest)\s*\(([^()]{1,60})\)")


def _bare_role(role: str) -> re.Pattern[str]:
    """`The guest`, `our host`, a capitalised `Guest` standing alone: not `Guest (Tom)`, not `guests`,
    not `the guest Tom Okafor` nor `Tom, the guest`, which already name the person."""
    word = rf"(?:[{role[0].upper()}{role[0]}]{role[1:]})"
    return re.compile(rf"(?<!, )(?:\b(?:[Tt]he|[Oo]ur) {word}|\b{role.capitalize()})\b(?!s\b|\s*\(|\s+[A-Z])")


def plain_names(text: str) -> str:
    """Model text with the prompt's markup undone: `Guest (Tom Okafor) explains` → `Tom Okafor
    explains`, quote marks (`«Q3»`) gone (small models copy the transcript's markers into what they write)."""
    return MARKED.sub("", _DISPLAYED.sub(r"\1", text))


def find_cast(transcript: Transcript, meta: EpisodeMeta = EpisodeMeta(), language: str = "en") -> Cast:
    """The episode's cast: metadata first, then labels, then the introduction's words."""
    labels = _label_roles(transcript)
    intro = _intro_text(transcript)
    spoken_guests = _names_after(intro, GUEST_INTRODUCTIONS.get(language, ()), language)
    spoken_hosts = _names_after(intro, HOST_INTRODUCTIONS.get(language, ()), language)
    people: list[Person] = []
    given: dict[Role, tuple[str, ...]] = {"host": meta.hosts, "guest": meta.guests}
    for role, names in given.items():
        people += [Person(name, role, "given", _label_of(name, labels)) for name in names]
    for label, role in labels.items():
        if any(p.label == label for p in people) or given[role]:
            continue
        full = _full_name(label, transcript, language)
        people.append(Person(full, role, "labels", label))
    if not labels:
        if not meta.guests:
            people += [Person(name, "guest", "introduction") for name in spoken_guests[:2]]
        if not meta.hosts:
            taken = {p.name.lower() for p in people}
            people += [Person(n, "host", "introduction") for n in spoken_hosts[:1] if n.lower() not in taken]
    firsts = [p.name.split()[0] for p in people]
    called = {p.name: _called(p, transcript) if p.label else None for p in people}
    people = [  # `Alex` of Alexey and of Alexander is neither's
        dataclasses.replace(p, called=short)
        if (short := called[p.name]) and sum(f.startswith(short) for f in firsts) == 1
        else p
        for p in people
    ]
    guests = [p for p in people if p.role == "guest"]
    gender = _spoken_gender(transcript, guests[0].label, language) if len(guests) == 1 else None
    if gender is not None:
        people = [dataclasses.replace(p, gender=gender) if p is guests[0] else p for p in people]
    return Cast(tuple(people), labelled=bool(labels))


PRONOUNS: dict[str, dict[Gender, dict[str, str]]] = {
    "en": {
        "masculine": {"he": "she", "his": "her", "him": "her", "himself": "herself", "he's": "she's"},
        "feminine": {"she": "he", "hers": "his", "herself": "himself", "she's": "he's", "her": "his"},
    },
}
"""Third-person pronouns by language and gender, each with its counterpart of the other gender (`her`
is `his` before a noun, `him` otherwise: see `OBJECTIVE`)."""
SUBJECT_PRONOUNS: dict[str, dict[Gender, str]] = {"en": {"masculine": "he", "feminine": "she"}}
"""The third-person pronoun a sentence opens on, by language and gender."""
PRONOUN_WORDS = 400
"""Words of the introduction a guest's pronouns are counted in: the host's, before the guest speaks."""
GUEST_THANKS: dict[str, str] = {
    "en": r"thanks? (?:you )?(?:so much )?for (?:having|inviting) me|(?:happy|glad|great|a pleasure) to be here",
}
"""How a guest's first words thank the host, by language: in unlabelled captions, where the host's
introduction ends (after it the guest tells their own story, of other people)."""
PRONOUN_MARGIN = 3
"""How many times the other gender's count one gender's must reach to tell: on the 51 dtc episodes a
lone pronoun of the host's (`she decided to teach`) always matched the guest's name."""


def _spoken_gender(transcript: Transcript, label: str | None, language: str) -> Gender | None:
    """The guest's gender as the host speaks of them introducing them (`In his work, he's sourcing
    …`): before the guest's label first speaks, or before the guest's thanks in unlabelled captions;
    None where the pronouns said do not tell clearly."""
    pronouns, thanks = PRONOUNS.get(language), GUEST_THANKS.get(language)
    if pronouns is None or thanks is None:
        return None
    said: list[str] = []
    for segment in transcript.segments:
        if label is not None and segment.speaker == label:
            break
        said += plain_words(segment.text)
        if len(said) >= PRONOUN_WORDS:
            break
    if label is None:  # captions: the host's words are those before the guest's thanks
        thanked = re.search(rf"\b(?:{thanks})\b", " ".join(said))
        if thanked is None:
            return None
        said = " ".join(said)[: thanked.start()].split()
    counts = {gender: sum(word in forms for word in said) for gender, forms in pronouns.items()}
    (first, most), (_, other) = sorted(counts.items(), key=lambda kv: -kv[1])
    return first if most > 0 and most >= PRONOUN_MARGIN * other else None


def _label_roles(transcript: Transcript) -> dict[str, Role]:
    """Speaker labels as host or guest: the host opens and asks most; guests hold a tenth of the words."""
    words: Counter[str] = Counter()
    asks: Counter[str] = Counter()
    order: list[str] = []
    for segment in transcript.segments:
        if segment.speaker:
            words[segment.speaker] += len(segment.text.split())
            asks[segment.speaker] += segment.text.rstrip().endswith("?")
            if segment.speaker not in order:
                order.append(segment.speaker)
    if len(words) < 2:
        return {}
    total = sum(words.values())
    host = max(order[:2], key=lambda s: (asks[s], -order.index(s)))
    roles: dict[str, Role] = {host: "host"}
    for label, n in words.items():
        if label != host and n >= GUEST_SHARE * total:
            roles[label] = "guest"
    return roles


def _intro_text(transcript: Transcript) -> str:
    """The first minutes (or words, for untimed text), where people are introduced."""
    kept: list[str] = []
    count = 0
    for segment in transcript.segments:
        if segment.start is not None and segment.start > INTRO_SECONDS and count > 100:
            break
        kept.append(segment.text)
        count += len(segment.text.split())
        if count >= INTRO_WORDS:
            break
    return " ".join(kept)


def _names_after(text: str, phrases: tuple[str, ...], language: str) -> list[str]:
    """Names said right after one of `phrases`, most often said first: one or two name-like words."""
    common = STOPWORDS | TITLE_STOPWORDS.get(language, frozenset()) | _FUNCTION_WORDS.get(language, frozenset())
    found: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for phrase in phrases:
        either = phrase.replace("'", "['’]")  # `I’m joined by` as well as `I'm joined by`
        for match in re.finditer(rf"\b{either}\s+({_NAME_WORD})(?:\s+({_NAME_WORD}))?", text, re.I):
            said = match.groups() if not match.group(1).endswith((".", ",", "!")) else match.groups()[:1]
            words = [w.strip(".,'’") for w in said if w]  # a sentence's end ends the name
            name_words: list[str] = []
            for word in words:
                if word.lower() in common or len(word) < 2 or word.lower() != word and not word[:1].isupper():
                    break
                name_words.append(word)
            if not name_words:
                continue
            if len(name_words) == 2 and not (text[match.start(2) : match.start(2) + 1].isupper()):
                name_words = name_words[:1]  # lower-case captions: a second word is no surname we can trust
            name = " ".join(w[:1].upper() + w[1:] for w in name_words)
            found[name] += 1
            first_seen.setdefault(name, match.start())
    return sorted(found, key=lambda n: (-found[n], first_seen[n]))


_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a an the and or but so is are was were be been to of in on at for with by from as it this that these "
        "those who which what our my your his her their its we you he she they i me us him them here there "
        "today now very one two guest guests special everyone everybody all back again today's hi hello hey "
        "super lovely great nice cool awesome amazing wonderful happy glad excited pleasure honor honour yes "
        "yeah okay ok well sure also just not i'm i am it's that's you're we're thank thanks welcome good "
        "morning afternoon evening dear folks guys ladies gentlemen listeners".split()
    ),
    "es": frozenset(
        "a al el la los las un una y o pero es son está hoy aquí con nosotros mi tu su que de del en por para "
        "muy gracias hola bienvenido bienvenida bienvenidos todos todas señor señora".split()
    ),
    "de": frozenset(
        "der die das ein eine und oder aber ist sind heute hier bei mir uns mit von zu für sehr danke hallo "
        "herzlich willkommen alle liebe lieber frau herr".split()
    ),
    "fr": frozenset(
        "le la les un une et ou mais est sont aujourd'hui ici avec nous mon ma de du en pour très merci bonjour "
        "bienvenue tous madame monsieur".split()
    ),
    "pt": frozenset(
        "o a os as um uma e ou mas é são hoje aqui com conosco meu minha de do da em para muito obrigado "
        "obrigada olá bem-vindo bem-vinda todos senhor senhora".split()
    ),
}


def _label_of(name: str, labels: dict[str, Role]) -> str | None:
    """The speaker label a given name is written as (`Tom` for `Tom Okafor`), if any."""
    first = name.split()[0].lower()
    return next((label for label in labels if label.lower() in (name.lower(), first)), None)


SHORT_NAME_SAID = 2
"""How often the others must say a short form of a person's first name to call them by it."""


def _called(person: Person, transcript: Transcript) -> str | None:
    """The short name the others call a labelled person by (`Chris` for Christiaan, `Alex` for
    Alexander): a capitalised word they say at least `SHORT_NAME_SAID` times that begins the first name
    and is never said in lower case (`And` of Andrey is a word)."""
    first = person.name.split()[0]
    said = " ".join(s.text for s in transcript.segments if s.speaker != person.label)
    words = Counter(re.findall(r"\b[\w'’-]+\b", said))
    lower = {w for w in words if w.islower()}
    short = [
        (n, w)
        for w, n in words.items()
        if 3 <= len(w) < len(first) and first.startswith(w) and w[:1].isupper() and w.lower() not in lower
    ]
    n, word = max(short, default=(0, ""))
    return word if n >= SHORT_NAME_SAID else None


def _full_name(label: str, transcript: Transcript, language: str = "en") -> str:
    """A one-word label's full name where the transcript says it (`Raphaël Hoogvliets` for `Raphaël`)."""
    if " " in label:
        return label
    pattern = re.compile(rf"\b{re.escape(label)}\s+([A-Z][\w'’-]+)")
    surnames: Counter[str] = Counter()
    for segment in transcript.segments[:400]:
        for match in pattern.finditer(segment.text):
            word = match.group(1)
            common = _FUNCTION_WORDS["en"] | _FUNCTION_WORDS.get(language, frozenset())
            if word.lower() not in STOPWORDS and word.lower() not in common and word.lower() != "is":
                surnames[word] += 1
    return f"{label} {surnames.most_common(1)[0][0]}" if surnames else label
