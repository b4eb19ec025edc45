"""Tips said in the episode, found in the words before any model call.

A guest telling the listener what to do usually says it one of two ways: an instruction (`Start with
the simple stuff.`, `Don't buy every tool at once.`) or a marked recommendation (`my advice is …`,
`you should …`, `I'd recommend …`). Each such sentence is a candidate, kept with its block and speaker,
in the speaker's own words; the document takes them where the model found fewer tips than the
episode holds. Phrases are per language; captions without punctuation have no sentences to find.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from .cast import Cast
from .captions import passages, restarts
from .chunking import Block, punctuated, sentences
from .notes import stems
from .segmenting import terms

MIN_WORDS = 6
MAX_WORDS = 30

IMPERATIVES: dict[str, frozenset[str]] = {
    "en": frozenset(
        "start stop try focus think make build learn read write use don't do keep avoid find talk ask spend get "
        "take choose remember consider practice practise join apply reach invest measure define document "
        "automate test pick begin create share network buy track prepare plan review check listen follow "
        "never always".split()
    ),
    "es": frozenset(
        "compra empieza comienza apunta escribe lee aprende usa prueba piensa busca evita haz pon ten ve elige "
        "guarda revisa practica pregunta habla invierte mide define documenta automatiza planifica sigue "
        "nunca siempre no".split()
    ),
    "de": frozenset(
        "kauf kaufe fang fange schreib schreibe lies lern lerne nutze probier probiere denk denke such suche "
        "vermeide mach mache nimm geh wähle behalte prüfe übe frag frage sprich investiere miss plane folge "
        "nie immer".split()
    ),
}
"""Verbs a tip opens with, by language (the familiar imperative podcasts use)."""
MARKERS: dict[str, tuple[str, ...]] = {
    "en": (
        "my advice", "my recommendation", "i would recommend", "i'd recommend", "i recommend", "you should",
        "you need to", "you have to", "make sure", "the key is", "it's important to", "my tip", "i would suggest",
        "i'd suggest", "don't be afraid to", "you don't want", "you do not want", "you shouldn't", "you should not",
        "you must not", "you mustn't", "i wouldn't recommend", "i would not recommend", "not a good idea to",
    ),
    "es": ("mi consejo", "te recomiendo", "os recomiendo", "recomiendo", "deberías", "tienes que", "hay que",
           "asegúrate de", "lo importante es", "la clave es"),
    "de": ("mein tipp", "mein rat", "ich empfehle", "ich würde empfehlen", "du solltest", "man sollte",
           "du musst", "achte darauf", "wichtig ist", "der schlüssel ist"),
}  # fmt: skip
"""Phrases that mark a recommendation anywhere in a sentence, by language."""
OFTEN: dict[str, str] = {"en": "always|usually|often|generally|typically|strongly|highly|also"}
"""How often or how strongly a speaker says they recommend (`I always suggest …`), by language."""
FIRST_PERSON: dict[str, tuple[str, ...]] = {
    "en": ("my advice", "my recommendation", "i would recommend", "i'd recommend", "i recommend", "my tip",
           "i would suggest", "i'd suggest", "i suggest", "i would advise", "i'd advise", "i advise",
           "i wouldn't recommend", "i would not recommend", *(f"i {how} {verb}" for how in OFTEN["en"].split("|")
                                                               for verb in ("recommend", "suggest", "advise"))),
    "es": ("mi consejo", "te recomiendo", "os recomiendo", "recomiendo"),
    "de": ("mein tipp", "mein rat", "ich empfehle", "ich würde empfehlen"),
}  # fmt: skip
"""Markers that are a recommendation even in a sentence about oneself."""
NARRATIVE: dict[str, frozenset[str]] = {
    "en": frozenset(
        "i i'm i've we we're we've it it's there there's this that that's even if because when as he she they "
        "what what's".split()
    ),
    "es": frozenset("yo nosotros eso esto es era hay si porque cuando él ella ellos que lo".split()),
    "de": frozenset("ich wir es das dies da wenn weil als er sie man was".split()),
}
"""Openings of a sentence that tells a story rather than advice (unless it says `my advice`)."""
IMPERSONAL: dict[str, frozenset[str]] = {"en": frozenset("it's it the what".split())}
"""Narrative openings that recommend when a recommending phrase follows (`It's important to …`, `The
best thing you can do is …`, `What you need to do is …`), by language."""
LEADS: dict[str, str] = {
    "en": "so|and|but|yeah|yes|well|okay|ok|i think|i would say|i'd say|basically|like|also|then|listen,|look,|see,",
    "es": "y|pero|bueno|pues|sí|entonces|también|o sea",
    "de": "und|aber|also|ja|naja|dann|auch",
}
"""Words a spoken sentence opens with before its tip (`And track every job …`), by language."""
AFTERTHOUGHTS: dict[str, str] = {"en": "i think|i guess|i believe|i would say|i'd say|probably|obviously|of course"}
"""A hedge a spoken sentence closes with (`You shouldn't have too many beta readers, I think.`), by
language: the tip is what comes before it."""
TRAILING_OFF: dict[str, str] = {
    "en": r"or something(?: like that)?|or whatever|and so forth|and so on|and stuff(?: like that)?|"
    r"and things like that|or anything like that"
}
"""How a speaker trails off at the end of a list (`… schema changes and so forth.`), by language: the tip
ends before it."""
CONCESSIONS: dict[str, str] = {"en": r"but(?: still)?,? (?:it|it's|that|that's|this|there|there's|people|they|he|she)"}
"""How a speaker turns from the tip to what limits it (`Deliver quality work, but that's usually not the
main problem.`), by language: the tip is what comes before."""
_REPORTED = re.compile(r"[\"“”?]")  # quoted speech, or a question, is no tip
_ENDED = re.compile(r"[.!?]")


@dataclass(frozen=True)
class Tip:
    text: str
    speaker: str | None
    block: int


def find_advice(blocks: list[Block], cast: Cast, language: str = "en") -> list[Tip]:
    """Instructions and marked recommendations by anyone but the host, in episode order; in captions
    without punctuation, the recommendations a marking phrase opens (`caption_tips`)."""
    verbs = IMPERATIVES.get(language, frozenset())
    hosts = {p.label for p in cast.hosts if p.label}
    said = sentence_tips if punctuated(blocks) else caption_tips
    tips = [
        Tip(tip, cast.name_for(block.speaker), block.id)
        for block in blocks
        if block.speaker not in hosts
        for tip in said(block, language)
        if not _named_before(tip, block.text, language)
    ]
    return sorted(tips, key=lambda t: _first_word(t.text) not in verbs)


BARE_DEFINITE: dict[str, str] = {"en": r"^[\w'-]+(?:\s+(?:at|to|on|for|about|with|into|in))?\s+the\s+([\w'-]+)[.!]?$"}
"""An instruction whose whole object is one noun after `the`, by language (`Know the concepts.`, `Hit the
target.`, `Look at the tool.`)."""


def _named_before(tip: str, passage: str, language: str) -> bool:
    """Whether a tip's whole object is `the` and a noun its passage says elsewhere too (`… you need to
    understand the concepts … It's important to know the concepts.`): which ones, only the passage
    says; a thing named or described (`Study the job description.`), or said only there (`Take the
    leap.`), stands alone."""
    bare = re.match(BARE_DEFINITE.get(language, "$^"), without_condition(tip), re.I)
    if not bare:
        return False
    stem = bare.group(1).lower()[:5]
    return len(re.findall(rf"\b{re.escape(stem)}", passage, re.I)) >= 2


def sentence_tips(block: Block, language: str = "en") -> list[str]:
    """The tips a block of punctuated speech gives, a sentence at a time."""
    return [tip for sentence in sentences(block.text) if (tip := spoken_tip(sentence, language)) is not None]


CAPTION_TIP_WORDS = 16
"""The most words of a tip's passage in captions: a recommendation runs on into its reasons there."""
CAPTION_TIP_LEAST = 3
"""The fewest words of a tip found in captions (`Do your prep.`): fewer is a phrase cut short (`Show
better.`)."""


def caption_tips(block: Block, language: str = "en") -> list[str]:
    """The tips of a block of raw captions: from each phrase that marks a recommendation (`you should`,
    `make sure`, `i would recommend`) to the first place captions let a passage end after which it reads
    as an instruction (`you should really think about what kind of work you want to do` → `Think about
    what kind of work you want to do.`). None in a language without its words for a garbled tip."""
    if language not in CAPTION_GARBLES:
        return []
    markers = (*MARKERS.get(language, ()), *FIRST_PERSON.get(language, ()))
    lower = block.text.lower().replace("’", "'")
    cleft = CLEFT.get(language, "$^")  # `what you need to do is …` opens on `what`
    marked = {
        m.start(): m.end()
        for phrase in markers
        for m in re.finditer(rf"\b(?:(?:{cleft})\s+)?{re.escape(phrase)}\b", lower)
    }
    garbled = re.compile(rf"\b(?:{CAPTION_GARBLES.get(language, '$^')})\b", re.I)
    tips: list[str] = []
    for begin, opened in sorted(marked.items()):
        for offset, passage in passages(block, begin, language, MIN_WORDS, CAPTION_TIP_WORDS, turning=True):
            rest = lower[opened : offset + len(passage)]  # what the marking phrase leads to
            runs_on = any(at > opened for at in marked if at < offset + len(passage))
            if runs_on or garbled.search(rest) or restarts(passage, language):
                break  # it runs into the next recommendation, or reads garbled in print
            if passage.lower().split()[-1] in CAPTION_OPEN_ENDS.get(language, ()):
                continue  # it waits for words the caption cut off: a longer passage may hold them
            if (tip := spoken_tip(f"{passage}.", language)) and len(tip.split()) >= CAPTION_TIP_LEAST:
                if tip not in tips:
                    tips.append(tip)
                break
    return tips


CAPTION_OPEN_ENDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """some any only those these that this someone somebody something should could would will can must have
        has had did need needs make makes go get decide be being been using with for to of other thing
        about from into like more less very much many also just""".split()
    ),
}
"""Words a caption tip never ends on, by language: they wait for what the caption cut off (`Set aside
some.`, `Minimize the number of trades because those.`)."""
CLEFT: dict[str, str] = {"en": "what"}
"""The word a recommendation opening on what to do starts with (`what you need to do is …`), by language."""
CAPTION_GARBLES: dict[str, str] = {
    "en": r"uh|um|cross talk|inaudible|chuckles|laughs|music|applause|i|i'm|i've|my|we|we're|our|it's|that's|"
    r"there's|they're|he's|she's|(?<!what )(?<!where )(?<!that )(?<!if )(?<!when )(?<!how )(?<!which )"
    r"(?<!because )you(?:'re|'ve)?\b(?! (?:want|need|are|have)\b)"
}
"""Words a tip found in captions never holds, by language: a filler, a captioner's note (`cross talk`),
the speaker speaking of themselves (`maybe i shouldn't`), or a new clause's subject (`… it's super
annoying`, `you also have`), which in unpunctuated speech is the next sentence run on; `you` is
allowed where a word leads it into the tip (`think about what you want to do`)."""


CLAUSE_BREAK = re.compile(r"\s+[–—-]\s+|;\s+|:\s+")
"""Where a spoken sentence turns to what it leads up to (`What I always recommend is – get good at
the basics.`): a dash, a semicolon or a colon."""
CONDITIONAL: dict[str, str] = {"en": r"(?:if|when|whenever|once|unless|as soon as)\b"}
"""How a clause opens that what follows it holds under, by language: the clause after its dash is no tip
alone (`If someone asks you about a tool in an interview – you should be able to answer.` is not `Be
able to answer.`)."""
SPEAKERS_OWN: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:we|our|us)\b", re.I),
    "es": re.compile(r"\b(?:nosotros|nuestr[oa]s?)\b", re.I),
    "de": re.compile(r"\b(?:wir|unser\w*|uns)\b", re.I),
}
"""The speaker's own team in a clause (`We talk to model providers – take their models and benchmark
them on our datasets.`): what they do, not what the listener should."""


def spoken_tip(sentence: str, language: str = "en") -> str | None:
    """The tip a spoken sentence gives (`recommendation`), or the one its last clause gives when the
    whole is too long or leads up to it (`Especially at an early stage – you have to use your time
    wisely.` → `Use your time wisely.`), unless that clause speaks of the speaker's own team."""
    tip = recommendation(sentence, language)
    clauses = CLAUSE_BREAK.split(sentence) if tip is None else []
    if len(clauses) < 2:
        return tip
    own, last = SPEAKERS_OWN.get(language), clauses[-1]
    if own is not None and own.search(last):
        return None
    leading = _without_leads(clauses[-2], language)
    if re.match(CONDITIONAL.get(language, "$^"), leading, re.I):
        return recommendation(f"{leading}, {last}", language)  # its condition kept, or no tip
    return recommendation(last, language)


def recommendation(sentence: str, language: str = "en") -> str | None:
    """The tip a spoken sentence gives, as an instruction (`So you should track every job.` → `Track
    every job.`), or None for a sentence that gives none: a story, a question, quoted speech, an
    example, a plug, one leaning on what came before (`… do that.`). None in a language without phrases."""
    verbs, markers = IMPERATIVES.get(language), MARKERS.get(language)
    if not verbs or not markers:
        return None
    text = _RUN_ON.split(_without_leads(sentence, language), maxsplit=1)[0]
    text = _SAID_AGAIN.sub(r"\1", text)
    text = re.sub(rf"(?:,|\s+[–—-])\s+(?:{CONCESSIONS.get(language, '$^')})\b[^.!?]*(?=[.!]$)", "", text, flags=re.I)
    text = re.sub(rf",\s+(?:{AFTERTHOUGHTS.get(language, '$^')})(?=[.!]$)", "", text, flags=re.I)
    said = len(text.split())  # a list trailing off still counts as said: `Build …, gain …, and so on.`
    text = re.sub(rf",?\s+(?:{TRAILING_OFF.get(language, '$^')})(?=[.!]$)", "", text, flags=re.I)
    if (
        not (MIN_WORDS <= said and len(text.split()) <= MAX_WORDS)
        or not text.endswith((".", "!"))
        or _REPORTED.search(text)
    ):
        return None
    lower = text.lower()
    opening = _first_word(without_condition(text))  # `If you apply, you should …`
    instruction = _first_word(text) in verbs or opening in verbs  # `If you apply, ask …`
    instructed = spoken_instruction(text, language)
    marked = (
        any(m in lower for m in FIRST_PERSON[language])
        or (opening not in NARRATIVE[language] and any(m in lower for m in markers))
        or (opening in IMPERSONAL.get(language, ()) and instructed is not None)
    )
    leans_back = re.search(r"\b(?:that|it|this|to|them|(?:these|those) \w+)[.!]$", lower)  # `… that.`
    if not (instruction or marked) or "example" in lower or leans_back or plugs(text, language):
        return None
    tip = text[:1].upper() + text[1:] if instruction else instructed
    if tip is None and language not in RECOMMENDING:
        tip = text  # no phrases to find the instruction in: the recommendation as said
    return None if tip is None or is_fragment(tip, language) else tip


_RUN_ON = re.compile(r"(?<=\w{3}[.!?])\s+(?=[a-z])")
"""A sentence end the transcript ran on past in lower case (`… ask for a referral. it always helps …`):
the sentence splitter did not cut there, a tip does."""


_SAID_AGAIN = re.compile(
    r"\b(\w[\w'-]*(?: \w[\w'-]*){0,2}) [–—-] \1(?=[,;:]| (?:in|of|for|to|and|with|on|at|the|a|an)\b)", re.I
)
"""Words said again across a dash, the speaker starting over (`the trade-offs – trade-offs, in terms
of …`): a tip says them once. Not where a clause goes on from them (`learn SQL – SQL is …`)."""


def _without_leads(sentence: str, language: str) -> str:
    """A spoken sentence from its first word after the leads (`So, yeah, …`), apostrophes straight
    (`I’d recommend` is `I'd recommend`)."""
    straight = sentence.strip().replace("’", "'")
    return re.sub(rf"^(?:(?:{LEADS[language]})[,]?\s+)+", "", straight, flags=re.I)


RECOMMENDING: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:you|people|we) (?:really |always |definitely |also |just )?(?:need to|have to|should|must|want to|"
        r"ought to|got to)",
        r"my (?:advice|tip|recommendation) (?:would be|is)(?: to)?",
        r"(?:it's|it is) (?:really |very |super |extremely |always |also )?(?:important|key|crucial|essential|"
        r"worth it|good|helpful|useful|a good idea|a great idea)"
        r"(?: for (?:\w+ ){0,2}?(?:you|people|teams|organi[sz]ations|companies|beginners|everyone|them|us))? to",
        r"the (?:key|trick|secret) is to",
        r"the best (?:thing|way)(?: you can do| to do)? is(?: to)?[,:]?(?: [—–])?",
        r"the (?:best|most important|main|key|biggest|number one|one|other|first|second|third|next|last) "
        r"(?:thing|advice|tip|lesson|piece of advice|"
        r"recommendation)(?: i can give| i'd give| i would give)? (?:is|would be) to",
        rf"what (?:i'd|i would|i) (?:(?:really|definitely|{OFTEN['en']}) )?(?:recommend|suggest|advise)"
        r"(?: (?:for )?(?:you|people|everyone)(?: guys)?)?(?: to do)? is(?: to)?[,:]?(?: [—–])?",
        r"what you (?:really )?(?:need|have|should|ought) to do is(?: to)?",
        rf"(?:i'd|i would|i) (?:(?:really|definitely|{OFTEN['en']}) )?(?:recommend|suggest|advise)"
        r"(?: (?:for )?(?:you|people|everyone|them|anyone)(?: guys)?)?(?: to)?",
    ),
}
"""How a speaker recommends before the verb of the tip (`you need to understand …`), by language; what
follows the phrase is the instruction."""
WARNING: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:you|people|we) (?:really |just |definitely |probably )?(?:(?:don't|do not|never) want to|shouldn't|"
        r"should (?:definitely |really )?not|must not|mustn't)",
        r"(?:it's|it is) (?:not|never) (?:a good idea|wise|smart|worth it) to",
        r"(?:i'd|i would) (?:not|never) (?:recommend|suggest|advise)(?: (?:you|people|anyone))?(?: to)?",
    ),
}
"""How a speaker warns before the verb of what not to do (`you don't want to …`), by language: the
instruction is the verb negated with `NEGATIONS` (`You shouldn't chase every tool.` → `Don't chase …`).
`you don't need to` is no warning: it lifts a duty."""
OBJECT_FIRST: dict[str, str] = {"en": "recommend|suggest|advise"}
"""Recommending verbs whose object may be a thing (`I recommend two books`), by language: straight after
one, only a gerund starts an instruction (`I recommend speaking with a peer` → `Speak with a peer`)."""
NEGATIONS: dict[str, str] = {"en": "don't"}
LETTING: dict[str, tuple[str, str]] = {
    "en": (
        r"you (?:really |just )?(?:don't|do not) want ((?:your|the|an?|any) (?:[\w'-]+ ){0,4}?)to (\w[\w'-]*)",
        "don't let",
    ),
}
"""A warning about what something else should not do (`You don't want your bot to hallucinate …` →
`Don't let your bot hallucinate …`), by language: the phrase and the instruction it opens."""
CONDITION = (
    r"(?!(?:for me|for us|in my|in general|in fact|in the end|at the end of the day|at least|on the other hand|"
    r"as i said|as you said)\b)"
    r"(?:for|in|with|at|on|before|after|when|whenever|once|as|if) [^,]{3,60},\s+"
)
"""A leading clause a tip holds for (`For a small shop, …`, `If you apply for a project, …`): kept."""
_CONDITION = re.compile(rf"^{CONDITION}", re.I)


def without_condition(text: str) -> str:
    """A tip without the leading clause it holds for: what is left is the instruction."""
    return _CONDITION.sub("", text)


_HEDGES = (
    r"(?:(?:for me|honestly|i think|so|and|but|basically|also|again|of course|in general|actually|maybe|"
    r"sometimes|obviously|really|first|then|now|that's why|this is why),?\s+)*"
)


PLUGS: dict[str, tuple[str, ...]] = {
    "en": ("let me know", "reach out to me", "contact me", "hire you", "we're hiring", "we are hiring",
           "follow me", "subscribe", "check out my", "my website", "my channel", "my newsletter",
           "your question", "the questions", "in the chat", "live chat", "connect with me"),
}  # fmt: skip
"""A speaker's plug or a live show's housekeeping (`Ask your question in the chat`), which is no tip,
by language."""


def plugs(text: str, language: str = "en") -> bool:
    lower = _plain(text)
    return any(phrase in lower for phrase in PLUGS.get(language, ()))


def _plain(text: str) -> str:
    """Lower case with straight apostrophes, as the phrases are written (`Let’s` is `let's`)."""
    return text.lower().replace("’", "'")


HOUSEKEEPING_WORDS = 20
"""How near a plug in the passage a tip's words sit when the tip is made of the plug's housekeeping."""
HOUSEKEEPING_RUN = 2
HOUSEKEEPING_SHARE = 0.75
"""A passage saying `HOUSEKEEPING_RUN` plugs or more is a show's housekeeping (`subscribe … our slack
community … ask your question in the live chat`): there a tip is made of it when this share of its
content words is said in it, the model adding a verb of its own (`Join the Slack community …`)."""


STORY: dict[str, str] = {
    "en": r"(?:i|we)\s+(?:\w+ly\s+)?(?:used to|\w+ed|was|were|had|did|went|made|took|got|began|came|left|"
    r"built|wrote|spent|found|knew|thought|saw|became)\b"
}
"""How a speaker opens a sentence of their own past, by language (`I used to …`, `We wanted …`): what
they did then, not what they do (`We set clear prices …` is a practice, and may be the advice)."""
RECOMMENDING_WORDS: dict[str, str] = {"en": r"suggest|recommend|advi[cs]e|should|important|key|tip"}
"""Words by which a sentence recommends however it opens (`I always suggest …`), by language."""
STORY_SHARE = 0.5
"""The share of a tip's content words a sentence must hold to be the one the tip was made from."""


ADVISING_WORDS: dict[str, str] = {
    "en": r"worth|useful|helpful|good idea|better|best|please|must|need to|have to|make sure|don't|never|always|"
    r"i would|i'd|you might want|you want to|tell (?:people|everyone|them|you)|rather than|instead of"
}
"""Words by which a speaker advises, warns or values beyond `RECOMMENDING_WORDS` (`it's worth …`,
`make sure`), by language: a passage with none of them, and no sentence opening on an instruction,
gives no advice."""


def said_as_advice(passage: str, language: str = "en") -> bool:
    """Whether a passage gives advice at all. A model's tip tied to one that gives none is made of
    something else: small talk (`Remember that your name is a palindrome`), a career story (`Start with
    style transfer as your first project`), a bio read out. True in a language without the words, and
    in captions without sentence ends, where no instruction can be told from its first word."""
    words, recommends, verbs = ADVISING_WORDS.get(language), RECOMMENDING_WORDS.get(language), IMPERATIVES.get(language)
    if words is None or recommends is None or verbs is None or not _ENDED.search(passage):
        return True
    advising = re.compile(rf"\b(?:{words}|{recommends})\b", re.I)
    aside = re.compile(rf",?\s*\b(?:{AFTERTHOUGHTS.get(language, '$^')})\b,?", re.I)  # `I would say` advises nothing
    return any(
        advising.search(said) or _first_word(without_condition(said)) in verbs
        for said in (aside.sub("", _without_leads(s, language)) for s in sentences(passage))
    )


def told_as_story(tip: str, passage: str, language: str = "en") -> bool:
    """Whether a model's tip is an order made of the speaker's own past (`I used to make many excuses`
    → `Try not to make excuses for yourself.`): the passage's sentence it was made from (half the tip's
    content words or more) tells what the speaker did and recommends nothing. False in a language
    without the phrases to tell."""
    story, recommends = STORY.get(language), RECOMMENDING_WORDS.get(language)
    wanted = set(terms(tip))
    if story is None or recommends is None or not wanted:
        return False
    share, source = max(((len(wanted & set(terms(s))) / len(wanted), s) for s in sentences(passage)), default=(0.0, ""))
    opening = _without_leads(source, language)
    return (
        share >= STORY_SHARE
        and re.match(story, opening, re.I) is not None
        and re.search(rf"\b(?:{recommends})", opening, re.I) is None
        and spoken_tip(source, language) is None
    )


def housekeeping(tip: str, passage: str, language: str = "en") -> bool:
    """A tip made of a live show's housekeeping (`during today's interview you can ask any question …
    in the live chat` → `Ask any question during the interview`): every content word of it said within
    `HOUSEKEEPING_WORDS` words of a plug in the passage it cites, or most of them said in a passage made
    of plugs."""
    own = set(terms(tip))
    words = _plain(passage).split()
    if len(own) < 2:
        return False
    said = [(phrase, at) for phrase in PLUGS.get(language, ()) for at in _said_at(phrase, words)]
    if len({phrase for phrase, _ in said}) >= HOUSEKEEPING_RUN:
        return len(own & set(terms(" ".join(words)))) >= HOUSEKEEPING_SHARE * len(own)
    near = (
        words[max(0, at - HOUSEKEEPING_WORDS) : at + len(phrase.split()) + HOUSEKEEPING_WORDS] for phrase, at in said
    )
    return any(own <= set(terms(" ".join(around))) for around in near)


def _said_at(phrase: str, words: list[str]) -> list[int]:
    """Where in `words` the phrase is said."""
    size = len(phrase.split())
    return [at for at in range(len(words) - size + 1) if " ".join(words[at : at + size]).strip(".,!?;:") == phrase]


REQUESTS: dict[str, str] = {
    "en": r"\b(?:(?:can|could|would|will) you (?:please |maybe |briefly |just )?|let's |let us )"
}
"""How a host asks the guest to do something (`can you tell us about …`, `let's start with your
background`), by language: a tip doing the same is the host's request to the guest, not advice to the
listener. German and Spanish put the verb elsewhere (`kannst du uns erzählen`, `¿puedes contarnos?`):
no rule there yet."""
REQUEST_WORDS = 12


def requested(tip: str, passage: str, language: str = "en") -> bool:
    """A tip restating a request put to the guest (`can you tell us about your career journey` → `Tell
    them about your career journey`): its verb follows the request in the passage, and the words after
    it hold two of the tip's content words (one, for a tip of one)."""
    request = REQUESTS.get(language)
    verb = _first_word(without_condition(tip))
    if request is None or not verb:
        return False
    own = set(terms(tip)) - {verb[:6]}
    for said in re.finditer(rf"{request}{re.escape(verb)}\b((?:\W+[\w']+){{0,{REQUEST_WORDS}}})", _plain(passage)):
        if own and len(own & set(terms(said.group(1)))) >= min(2, len(own)):
            return True
    return False


def spoken_instruction(text: str, language: str = "en") -> str | None:
    """A recommendation as said, as the instruction it makes: `For me, you need to understand the big
    picture.` → `Understand the big picture.`, `If you freelance, you should apply through one agency.` →
    `If you freelance, apply through one agency.`, `You don't want to be the guinea pig.` → `Don't be the
    guinea pig.`; None where no phrase of the language leads to a verb."""
    negation = NEGATIONS.get(language, "")
    phrases = [(p, "") for p in RECOMMENDING.get(language, ())] + [(p, negation) for p in WARNING.get(language, ())]
    for phrase, negated in phrases:
        # `just start …` is `start …`; `don't just …` is not `don't …`
        merely = "" if negated else r"(?:(?:just|actually|really|definitely)\s+)?"
        said = re.match(rf"^{_HEDGES}({CONDITION})?{_HEDGES}({phrase})\s+{merely}(\w[\w'-]*)(.*)$", text, re.I)
        if not said:
            continue
        condition, recommends, verb, rest = said.group(1) or "", said.group(2), said.group(3), said.group(4)
        if verb.lower() == "not" and negation and not negated and (split := re.match(r"\s+(\w[\w'-]*)(.*)$", rest)):
            negated, verb, rest = negation, split.group(1), split.group(2)  # `… is to not be afraid` → `Don't be`
        gerund = _gerund(verb, language)
        if verb.lower() in NOT_VERBS or not re.match(rf"(?:\s+[\w'’-]+){{{MIN_OBJECT}}}", rest):
            continue
        if (perfect := PERFECT.get(language)) and re.match(perfect, f"{verb}{rest}", re.I):
            continue  # `you should have learned the basics`: a regret or a state, no instruction
        if re.search(rf"\b(?:{OBJECT_FIRST.get(language, '$^')})$", recommends, re.I) and not gerund:
            continue  # `I recommend two books`: a thing recommended, no instruction
        if gerund:  # `I would recommend starting … and asking …` → `Start … and ask …`
            verb = _base_form(verb) or verb
            rest = re.sub(r"\b(and|or) (\w+)\b", lambda m: f"{m[1]} {_coordinated(m[2], language)}", rest)
        # `You need to hire and you need to structure a team` → `Hire and structure a team`
        rest = re.sub(rf"(\band|\bor|,) (?:{phrase})\s+", r"\1 ", rest, flags=re.I)
        return _held_for(condition, f"{negated} {verb.lower()}" if negated else verb, rest)
    letting = LETTING.get(language)
    said = re.match(rf"^({CONDITION})?{_HEDGES}{letting[0]}(\s.*)$", text, re.I) if letting else None
    if letting and said:
        condition, thing, verb, rest = (said.group(i) or "" for i in range(1, 5))
        return _held_for(condition, f"{letting[1]} {thing}{verb.lower()}", rest)
    return None


def _gerund(word: str, language: str) -> bool:
    """`starting`, not `bring` nor `during`."""
    ending, verbs_so = GERUNDS.get(language, ("", frozenset()))
    lower = word.lower()
    return bool(ending) and lower.endswith(ending) and lower not in verbs_so and lower not in NO_GERUNDS


def _coordinated(word: str, language: str) -> str:
    """A gerund joined to the first (`… and working backwards`) as the verb it is, like the first."""
    return (_base_form(word) or word) if _gerund(word, language) else word


def _held_for(condition: str, instruction: str, rest: str) -> str:
    """The instruction after the condition it holds for, the sentence opening on a capital either way."""
    if not condition:
        return f"{instruction[:1].upper()}{instruction[1:]}{rest}"
    return f"{condition[:1].upper()}{condition[1:]}{instruction}{rest}"


PERFECT: dict[str, str] = {
    "en": r"have\s+(?:been|done|given|gone|had|made|seen|taken|got|gotten|known|shown|told|said|written|brought|"
    r"thought|found|become|heard|kept|\w+ed\s+(?:the|a|an|my|your|our|their|his|her|it|that|this|them|to|"
    r"about|from|with|for|on|in|at)\b)\b"
}
"""`have` before a past participle: what should have been (`You need to have given the insights`), not
`have` as an instruction (`You need to have automated processes`)."""
MIN_OBJECT = 1
"""Words an instruction needs after its verb: `Ask.` says too little to follow, `Be patient.` does."""
NOT_VERBS = frozenset("a an the that this these those it not is are for".split())
"""Words after a recommending phrase that do not start an instruction."""


def _first_word(text: str) -> str:
    """The first word, lower case, without punctuation (`Don't,` → `don't`)."""
    words = text.split()
    return re.sub(r"[^\w']", "", words[0].lower()) if words else ""


REPORTING_VERBS: dict[str, str] = {
    "en": r"(?:recommend|suggest|advise|encourage|urge|remind|warn|advocate)(?:s|d|ed)(?: for)?|tells|told|"
    r"stresse[sd] the importance of|argue[sd] for|call(?:s|ed) for",
    "es": r"recomienda|sugiere|aconseja|anima a|insiste en|advierte",
    "de": r"empfiehlt|empfehlt|rät|schlägt vor|ermutigt|warnt",
}
"""How small models report a tip (`Misra suggests building …`, `Alexey suggested starting …`), by language.
English reported tips are rewritten as the instruction; in other languages a reported tip is
dropped (no rewriting rules)."""
DESCRIBING_VERBS: dict[str, str] = {
    "en": r"emphasi[sz]e[sd]|discusse[sd]|mention(?:s|ed)|highlight(?:s|ed)|share[sd]|explain(?:s|ed)|talk(?:s|ed) "
    r"about|describe[sd]|note[sd]|believe[sd]|provide[sd]|gives|gave|offer(?:s|ed)|introduce[sd]|define[sd]|"
    r"outline[sd]|presents|presented|reflect(?:s|ed)|recall(?:s|ed)|says|said|thinks|thought|feels|felt|has|had|"
    r"makes|made",
    "es": r"explica|habla de|comenta|describe|menciona|comparte|destaca|cuenta",
    "de": r"erklärt|spricht über|erzählt|beschreibt|erwähnt|betont|berichtet",
}
"""How they describe the talk instead of giving a tip (`Rob emphasizes the advantages of …`)."""


def describing_sentences(summaries: list[str], language: str = "en") -> str:
    """The sentences of chapter summaries that describe the talk rather than report a recommendation
    (`Tom discusses the challenges …`, not `Tom recommends asking …` nor `Tom stresses the importance of
    asking …`): a tip copied from one of these is the model's description turned into an order. Empty
    for a language without reporting verbs."""
    reporting = REPORTING_VERBS.get(language)
    if reporting is None:
        return ""
    recommends = re.compile(rf"\b(?:{reporting})\b|\b(?:importance|need) (?:of|to|for)\b", re.I)
    said = (s for summary in summaries for s in sentences(summary))
    return " ".join(s for s in said if not recommends.search(s))


_AUDIENCE = r"(?:(?:the )?(?:listeners?|people|viewers|you|everyone|beginners|data scientists|readers|them)\s+)?"
E_VERBS = frozenset(
    "have make take use write share create choose prepare save leave give move improve practice practise "
    "include provide believe change manage measure explore continue define serve solve shape trade value "
    "argue compare describe organize organise prioritize prioritise automate validate scale store price "
    "hire fire become come negotiate invite automate iterate".split()
)
"""Verbs whose base form ends in e, for `building` → `Build` but `making` → `Make`."""
E_PREFIXED = frozenset(verb for verb in E_VERBS if len(verb) >= 5)
"""Of those, the ones long enough to tell inside a prefixed verb (`rewriting` → `rewrite`)."""


_MODAL = r"(?:(?:should|can|could|must|need to|have to|ought to)\s+)?"
REWRITTEN = frozenset({"en"})
"""Languages whose reported tips are rewritten as the instruction they report (the patterns below)."""


def as_instruction(text: str, language: str = "en") -> str | None:
    """A reported tip as the instruction it reports (`Misra suggests building projects.` → `Build
    projects.`); None for a description of the talk, which is no tip. Text already phrased as an
    instruction is returned as it is; only its first sentence is kept, unless that sentence describes
    the talk and one of the next two reports a tip (`Misra gives advice on roles. He recommends …`)."""
    reporting, describing = REPORTING_VERBS.get(language), DESCRIBING_VERBS.get(language)
    said = [s.strip() for s in sentences(text)]
    if not reporting or not describing:
        return said[0]
    reported, tip = _reported(said[0], reporting, language)
    if reported:
        return tip
    if re.match(rf"{_SUBJECT}(?:{describing})\b", said[0], re.I):
        later = (_reported(s, reporting, language) for s in said[1:3])
        return next((tip for reported, tip in later if reported and tip), None)
    first = said[0]
    heading, colon, rest = first.partition(": ")
    if colon and len(heading.split()) <= 6:  # `Freelancing vs Full-Time: depends on …`, `Pricing: Charge …`
        first = rest[:1].upper() + rest[1:]
    known = KNOWING.get(language)
    fact = re.match(rf"^(?:{known}) that (\w.*)$", first, re.I) if known else None
    if fact:  # `Remember that your name is a palindrome.`: a fact to hold, unless it holds a tip
        said_tip = fact.group(1)[:1].upper() + fact.group(1)[1:]
        first = spoken_instruction(said_tip, language) or _to_group(said_tip, language) or ""
    else:
        first = spoken_instruction(first, language) or _to_group(first, language) or first  # `It's important to …`
    return None if not first or is_fragment(first, language) else first


KNOWING: dict[str, str] = {
    "en": r"remember|understand|know|note|reali[sz]e|recogni[sz]e|keep in mind|bear in mind|be aware|accept|"
    r"acknowledge"
}
"""How a small model turns a statement into an order (`Understand that data science has changed a lot.`),
by language: what follows `that` is a fact to know, no tip, unless it says what to do (`Remember that
it's important to be honest.` → `Be honest.`)."""


GROUP: dict[str, str] = {
    "en": r"(?:the |most |many |all )?(?:[\w-]+ )?(?:developers|engineers|scientists|analysts|beginners|freelancers|"
    r"founders|managers|leaders|teams|companies|juniors|students|candidates|people)"
}
"""Whom a small model's tip addresses as a group (`Data engineers should focus on …`), by language."""
GROUP_DUTY: dict[str, str] = {"en": r"(?:should|need to|have to|must|ought to)"}


def _to_group(text: str, language: str) -> str | None:
    """A model's tip told to a group as the instruction itself: `Data engineers should focus on access
    management.` → `Focus on access management.`; None where the text is not one."""
    group, duty = GROUP.get(language), GROUP_DUTY.get(language)
    said = re.match(rf"^{group}\s+(?:always |really |also )?{duty}\s+(\w[\w'-]*)(\s.*)$", text, re.I) if group else None
    if not said or said.group(1).lower() in NOT_VERBS:
        return None
    return f"{said.group(1)[:1].upper()}{said.group(1)[1:].lower()}{addressed(said.group(2), language)}"


ADDRESSED: dict[str, dict[str, str]] = {"en": {"their": "your", "themselves": "yourself"}}
"""A group's own words that become the listener's once a tip to the group is told to the listener
(`Data scientists should shift their mindset` → `Shift your mindset`), by language."""


def addressed(text: str, language: str) -> str:
    """`text` told to the listener instead of to a group."""
    swaps = ADDRESSED.get(language, {})
    return re.sub(r"\b\w+\b", lambda m: swaps.get(m.group(0), m.group(0)), text) if swaps else text


def reported_by(text: str, names: Collection[str], language: str = "en") -> bool:
    """Whether a model's tip opens by reporting it as said by one of `names` (`Alexey suggested …`)."""
    reporting = REPORTING_VERBS.get(language)
    said = "|".join(re.escape(name) for name in names)
    return bool(reporting and said and re.match(rf"^(?:{said})\s+(?:also\s+)?(?:{reporting})\b", text))


_SUBJECT = r"^(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}|the (?:guest|host|speaker)|he|she|they)\s+(?:also\s+)?"
"""Who a small model says gave a tip: a name, a role or a pronoun."""


def _reported(sentence: str, reporting: str, language: str) -> tuple[bool, str | None]:
    """Whether `sentence` reports what somebody recommends, and the instruction it reports (None where
    the report holds no instruction, or the language has no rules to rewrite it)."""
    reporter = rf"{_SUBJECT}(?:{reporting})"
    said = rf"{reporter}\s+"
    for pattern in (
        ()
        if language not in REWRITTEN
        else (
            rf"{said}that\s+(?:you|listeners|everyone|{GROUP['en']})\s+{_MODAL}(.+)$",  # … that you ask …
            rf"{said}{_AUDIENCE}to\s+(.+)$",  # … encourages listeners to reach out …
            rf"{said}(\w+ing\b.*)$",  # … suggests building …
        )
    ):
        found = re.match(pattern, sentence, re.I)
        if found:
            verb, _, tail = found.group(1).partition(" ")
            base, tail = _base_form(verb), addressed(tail, language)
            tip = f"{base[:1].upper()}{base[1:]} {tail}".strip() if base else None
            return True, None if tip is None or is_fragment(tip, language) else tip
    if language in REWRITTEN:
        against = re.match(rf"{said}against\s+(\w+ing\b.*)$", sentence, re.I)  # … advises against rushing …
        clause = re.match(rf"{said}that\s+(.+)$", sentence, re.I)  # … suggests that it's important to …
        tip = f"Avoid {against.group(1)}" if against else spoken_instruction(clause.group(1)) if clause else None
        if against or clause:
            return True, None if tip is None or is_fragment(tip, language) else tip
    return bool(re.match(rf"{reporter}\b", sentence, re.I)), None


EVALUATIVE: dict[str, str] = {
    "en": r"(?:is|are|(?:would|will|can|could) be)\s+"
    r"(?:really\s+|very\s+|so\s+|quite\s+|super\s+|pretty\s+|extremely\s+|also\s+|much\s+|a lot\s+)?"
    r"(?:helpful|important|key|useful|crucial|essential|valuable|good|great|critical|necessary|beneficial|"
    r"vital|worth\b|a must|the key|the best|a good idea|a great idea|easier|better|simpler|faster)",
}
"""How a verb phrase is judged when a small model makes it the subject (`Write a summary is really
helpful`), by language."""
SPEAKER_SELF: dict[str, str] = {"en": r"\bI\b|\bI'(?:ve|m|d)\b|\b(?:my|me|mine)\b"}
"""How a speaker says `I`, `my` or `me`, by language: a tip holding it tells the speaker's story."""
SUBORDINATE: dict[str, str] = {
    "en": r"\b(?:that|whether|if|what|how|when|where|why|who|which|because|as|since|until|while|unless|once|sure)\b",
}
"""Words that open a clause of its own, whose verb is no judgement of the tip."""


def is_fragment(text: str, language: str = "en") -> bool:
    """A tip that is no instruction a listener could follow: one broken off (`…`), a verb phrase judged
    as a whole (`Write a summary is really helpful`), the speaker's own story (`… the best money I spent`), a statement
    (`Data science is directly applicable …`), or one that opens on a third-person verb (`Depends on what
    you want`). A language without its own rules has only broken-off tips found."""
    if text.rstrip().endswith(("...", "…")):
        return True  # `Understand if there's a potential...`: the speaker broke off, in any language
    evaluative, subordinate = EVALUATIVE.get(language), SUBORDINATE.get(language)
    if evaluative is None or subordinate is None:
        return False
    if re.search(r"\bdo so[.!]?$", text, re.I):
        return True  # `If anybody wants to reach out …, do so.`: nothing to do but the condition
    text = without_condition(text)  # judged after the clause it holds for
    clause = re.split(r"[,;:.!]| [—–] ", text, maxsplit=1)[0]
    judged = re.search(rf"\b{evaluative}\b", clause, re.I)
    if judged and not re.search(subordinate, clause[: judged.start()], re.I):
        return True
    if re.search(CONSEQUENCE.get(language, "$^"), text, re.I):
        return True  # `…, work on five take-home assignments, it will take the entire week.`: what follows
    if re.search(SPEAKER_SELF.get(language, "$^"), text):
        return True  # a tip speaks to the listener, not of the speaker (`…, and it was the best money I spent`)
    stated = re.search(r"\b(?:is|are|was|were)\b", clause, re.I)
    unsoftened = re.sub(rf"^(?:{SOFTENERS.get(language, '$^')})\s+", "", text, flags=re.I)
    opening = _first_word(unsoftened)
    pointed = _pointed(unsoftened, language)
    idiom = opening in IDIOMATIC.get(language, ()) and pointed == "it"  # `Keep it simple.`
    if pointed in POINTING.get(language, ()) and not (pointed == "that" and opening in CLAUSE_VERBS) and not idiom:
        return True  # `Do this yearly tax.`: what it points back at, the reader of the notes never heard
    if opening in MODALS.get(language, ()):
        return True  # `Can find data sets from …`: a statement with its subject cut off
    if opening in NOT_OPENING_VERBS.get(language, ()):
        return True  # `One thing could be working at …`: a statement about something, no instruction
    ending, verbs_so = GERUNDS.get(language, ("", frozenset()))
    if ending and opening.endswith(ending) and len(opening) > len(ending) + 2 and opening not in verbs_so:
        return True
    verbs = IMPERATIVES.get(language, frozenset()) | CLAUSE_VERBS
    if stated and opening not in verbs and not re.search(subordinate, clause[: stated.start()], re.I):
        return True  # a statement (`Data science is directly applicable …`), not an instruction
    modal = re.search(rf"\b(?:{'|'.join(MODALS.get(language, ()))})\b", clause, re.I)
    subject = clause[: modal.start()] if modal else ""
    if modal and opening not in verbs and not re.search(rf"{subordinate}|{OWN_CLAUSE[language]}", subject, re.I):
        return True  # `Regular reviews will help …`: what a subject can do, not what to do
    return opening.endswith("s") and not opening.endswith(("ss", "us", "is", "'s")) and opening not in _ENDS_IN_S


CONSEQUENCE: dict[str, str] = {
    "en": r",\s+(?:you're|you are|you will|you'll|you won't|you can't|it will|it'll|they will|they'll)\b"
}
"""A clause of its own subject after a comma saying what will be, by language: a tip running into it
states what follows from it (`If you're not able to talk confidently, argue for your position, you're
not going to be …`), a statement rather than a tip; a reason (`Learn SQL, it is the foundation …`) stays."""
CHAINED: dict[str, str] = {"en": r"(?:be able to|try to|try and|start to|learn to|make sure (?:you|to)) "}
"""How an instruction may lead up to its own verb, by language (`Be able to talk about …`)."""
PARTICLES: dict[str, frozenset[str]] = {
    "en": frozenset("about on of with into from at for through over to".split()),
}
"""Words between an instruction's verb and its object, by language (`Think about it …`)."""
PRONOUNS: dict[str, frozenset[str]] = {"en": frozenset({"it", "them"})}
"""Of the words pointing back, those that are nothing but a pointer, by language (`this` may open a
named object: `this job description`)."""


PURPOSE: dict[str, str] = {
    "en": r",?\s+(?:to (?:ensure|help|improve|make sure|avoid|increase|maximize|maximise|streamline|gain|"
    r"achieve|foster|enhance|boost|drive)|so that|in order to)\b"
}
"""How a tip goes on to the purpose it serves, by language (`… to help streamline the process`)."""
PURPOSE_HEAD_WORDS = 4
"""Words an instruction keeps before its purpose for the purpose to be cut."""


def without_unsaid_purpose(tip: str, passage: str, language: str = "en") -> str:
    """A model's tip without a purpose its passage does not say: small models end a tip on boilerplate
    (`Look for candidates who know cloud tools to help streamline the process and improve efficiency.`
    → `Look for candidates who know cloud tools.`). A purpose half of whose content words the passage
    says is the speaker's and stays."""
    found = re.search(PURPOSE.get(language, "$^"), tip, re.I)
    if found is None or len(tip[: found.start()].split()) < PURPOSE_HEAD_WORDS:
        return tip
    own, said = stems(tip[found.start() :]), stems(passage)
    if not own or 2 * len(own & said) >= len(own):
        return tip
    return tip[: found.start()].rstrip(" ,;") + "."


def same_instruction(a: str, b: str, language: str = "en") -> bool:
    """Whether two tips open on the same instruction (`Prioritize what matters to you.` and `Prioritize
    you.`): said in one passage, they are one tip told twice. Different verbs of one passage are two
    tips (`Start with fewer tools …` and `Buy a proper repair stand …`)."""
    return _instruction_verb(a, language) == _instruction_verb(b, language) != ""


def _instruction_verb(tip: str, language: str) -> str:
    """The verb a tip instructs with, after its condition and softeners, with what it negates or
    qualifies (`don't chase`, `always check`)."""
    plain = re.sub(rf"^(?:{SOFTENERS.get(language, '$^')})\s+", "", without_condition(tip), flags=re.I)
    words = [_first_word(w) for w in plain.split()[:2]]
    return " ".join(words) if words and words[0] in QUALIFYING.get(language, ()) else (words[0] if words else "")


QUALIFYING: dict[str, frozenset[str]] = {"en": frozenset("don't never always do not".split())}
"""Words before an instruction's verb that are part of it, by language (`Don't chase …`)."""


def _pointed(instruction: str, language: str) -> str:
    """The word an instruction's verb takes as its object: the word after it, or a pronoun past a chain
    leading up to the verb or a particle after it (`Be able to talk about it in detail.` → `it`;
    `Try to apply this job description …` names its object)."""
    after = _first_word(" ".join(instruction.split()[1:2]))
    words = re.sub(rf"^{CHAINED.get(language, '$^')}", "", instruction, flags=re.I).split()
    following = [_first_word(w) for w in words[1:3]]
    if following and following[0] in PARTICLES.get(language, ()):
        following = following[1:]
    further = following[0] if following else ""
    return further if further in PRONOUNS.get(language, ()) else after


NOT_OPENING_VERBS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the a an he she they it this that these those there i we you his her their its my our your one as by "
        "to from once when if while although because since enough more less some any every each much many very "
        "too another other both either neither such".split()
    ),
}
"""Words that open a statement, never an instruction (which opens on its verb, or on `always`, `never`,
`don't`), by language: what follows a tip's leading condition is judged by them too, and a condition
left without its comma (`Once you have your foot in the door the rest is history.`) is no tip."""
POINTING: dict[str, frozenset[str]] = {"en": frozenset("this these those that it them".split())}
"""Words that point back at what was said before, by language: an instruction's object opening on one
(`Factor this into your rate.`, `Set them in perspective.`) leans on a passage the notes do not hold
(`that` after a verb taking a clause opens the clause: `Understand that …`)."""
IDIOMATIC: dict[str, frozenset[str]] = {"en": frozenset({"keep", "give"})}
"""Verbs whose `it` points at nothing, by language (`Keep it simple.`, `Give it a try.`)."""
SOFTENERS: dict[str, str] = {"en": r"just|simply|really|also|definitely|first"}
"""Words a tip may open with before its verb (`Just enough to …` opens on no verb), by language."""
GERUNDS: dict[str, tuple[str, frozenset[str]]] = {
    "en": ("ing", frozenset("bring string swing sing ring spring wring sling sting cling".split())),
}
"""The ending of a word that is no imperative (a gerund: `Transitioning into industry can be hard …`
opens a statement), with the verbs that end so anyway, by language."""
NO_GERUNDS = frozenset("during morning evening nothing something anything everything thing".split())
"""English words ending as a gerund does that are no verb (`… and nothing else`)."""
MODALS: dict[str, frozenset[str]] = {
    "en": frozenset("can could should would will may might must shall cannot can't won't".split()),
}
"""Words a statement goes on with after its subject, by language: a tip opening on one has lost it."""
OWN_CLAUSE: dict[str, str] = {"en": r"\b(?:you|we|they|it|he|she|i|people|one|so)\b"}
"""Words that open a clause of a tip's own before its modal (`Seek feedback so you can improve`)."""
CLAUSE_VERBS = frozenset(
    "make ensure remember know check understand accept realize realise note see consider recognize verify "
    "assume expect imagine trust admit show prove tell ask decide learn accept be keep".split()
)
"""Verbs a tip may open with whose object is a clause (`Ensure the data is clean`): not a statement."""
_ENDS_IN_S = frozenset({"focus", "discuss", "access", "process", "assess", "stress", "express", "always", "pass"})


NOT_BASE_FORMS = frozenset("the a an that this these those his her their its importance who which".split())
"""Words after a reporting verb that open no instruction (`… suggests that people who want to …`)."""


def _base_form(verb: str) -> str | None:
    """`building` → `build`, `making` → `make`, `running` → `run`; a word that is already a base form
    (`ask`, after `that you`) stays; a noun (`the importance`) is no verb: None."""
    word = verb.lower()
    if word in NOT_BASE_FORMS:
        return None
    if not word.endswith("ing") or len(word) <= 4:
        return word
    stem = word[:-3]
    if stem + "e" in E_VERBS or any((stem + "e").endswith(verb) for verb in E_PREFIXED):
        return stem + "e"  # `rewriting` → `rewrite`, as `writing` → `write`
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    return stem
