"""Resources named aloud, found in the words, spelled as said."""

from summarizer.chunking import build_blocks
from summarizer.resources import find_resources
from summarizer.transcript import parse_transcript

EDITED = "\n".join(
    [
        "0:00 Maya: Welcome back. Last week a listener sent me a book called Wheels of Fortune. Anyway.",
        "0:30 Tom: I learned most of it from the Bike Mechanics Handbook book, then from a course called"
        " Brakes and Gears at the community college.",
        "1:00 Tom: I post my repairs on GitHub and on my site tomfixes.bike.org, and there is a Slack for it.",
        "1:30 Maya: I read Relevant Search. The author explains ranking well.",
        "2:00 Tom: I had some slack in the chain, so I took a medium wrench.",
    ]
)


def _names(text: str, language: str = "en") -> list[tuple[str, str]]:
    return [(m.name, m.kind) for m in find_resources(build_blocks(parse_transcript(text)), language)]


def test_titles_introduced_by_what_they_are_are_found_as_said():
    found = _names(EDITED)
    assert ("Wheels of Fortune", "book") in found
    assert ("Bike Mechanics Handbook", "book") in found
    assert ("Brakes and Gears", "course") in found


def test_the_article_before_a_title_given_by_name_is_not_part_of_it():
    found = _names("0:00 Tom: Then a friend wrote a framework called the Spoke Toolbelt. I use it daily.\n")
    assert ("Spoke Toolbelt", "tool") in found


def test_a_title_before_its_kind_word_is_found_when_the_kind_word_is_capitalised_too():
    found = _names("0:00 Maya: I remember reading the Wheel Truing Book from Jobst Brandt. Eight steps, I think.\n")
    assert ("Wheel Truing", "book") in found


def test_platforms_and_web_addresses_are_found():
    found = _names(EDITED)
    assert ("GitHub", "website") in found and ("Slack", "community") in found
    assert ("tomfixes.bike.org", "website") in found


def test_a_title_ends_where_its_sentence_ends_and_ordinary_words_are_no_platforms():
    names = [name for name, _ in _names(EDITED)]
    assert not any("Anyway" in n or "The author" in n for n in names)
    assert names.count("Slack") == 1 and "Medium" not in names


def test_lower_case_captions_take_a_title_said_after_what_it_is_up_to_the_word_that_ends_it():
    captions = (
        "0:00 a book called wheels of fortune it taught me a lot\n"
        "0:05 i follow a mechanic on a platform called spokeshare basically every day\n"
    )
    assert _names(captions) == [("wheels of fortune", "book"), ("spokeshare", "tool")]


def test_lower_case_captions_take_a_title_said_again_after_a_restart_as_said_the_second_time():
    captions = "0:00 next week there is a conference called buzzwords berlin buzzwords so this is fun\n"
    assert _names(captions) == [("berlin buzzwords", "community")]


def test_lower_case_captions_take_no_title_whose_end_cannot_be_told():
    captions = "0:00 i read a book called the long and winding road of a young mechanic in spain\n"
    assert _names(captions) == []


def test_lower_case_captions_take_no_title_cut_to_one_word_or_a_word_said_all_the_time():
    cut = "0:00 there is a book called lean in from a former manager\n"
    common = "".join(f"0:{n:02d} i think we think a lot\n" for n in range(6)) + "0:10 a podcast called think it's fun\n"
    assert _names(cut) == [] and _names(common) == []


def test_lower_case_captions_take_a_title_named_later_only_with_its_kind_said_just_before():
    captions = (
        "0:00 there is one book i give every new mechanic it's called the quiet spoke and it is short\n"
        "0:30 our shop model is called fix first which we invented\n"
    )
    assert _names(captions) == [("the quiet spoke", "book")]


def test_lower_case_captions_take_a_title_beside_its_kind_word_where_the_speaker_reads_or_uses_that_one():
    captions = (
        "0:00 i remember reading the wheel truing book it changed how i work\n"
        "0:05 i was writing the book spoke tension basics because nobody had and spoke tension basics is free\n"
    )
    assert set(_names(captions)) == {("wheel truing", "book"), ("spoke tension basics", "book")}


def test_lower_case_captions_take_no_description_or_passing_phrase_beside_a_kind_word_as_a_title():
    captions = (
        "0:00 i took my first bike repair course and we have the bike repair community here\n"
        "0:05 i was writing the book in the open so people could read it in the open\n"
        "0:10 you can take a piece of paper and write the steps down\n"
    )
    assert _names(captions) == []


def test_lower_case_captions_find_platforms_and_addresses_and_medium_only_as_a_place():
    captions = (
        "0:00 find me on github or at tomfixes.bike.org and ask on our slack or discord\n"
        "0:05 we fix bikes for small to medium shops and i post the repairs on medium\n"
    )
    assert _names(captions) == [
        ("GitHub", "website"), ("Slack", "community"), ("Discord", "community"), ("Medium", "website"),
        ("tomfixes.bike.org", "website"),
    ]  # fmt: skip


def test_a_language_without_kind_words_still_finds_platforms_and_addresses():
    text = "0:00 Tom: Een boek genaamd Wielen en Geluk. Ik ben op GitHub.\n"
    assert _names(text, "nl") == [("GitHub", "website")]


def test_titles_are_found_by_each_languages_own_words():
    assert ("Mecánica Sencilla de la Bicicleta", "book") in _names(
        "0:00 Andrés: Leí un libro llamado Mecánica Sencilla de la Bicicleta, y me ayudó.\n", "es"
    )
    german = "0:00 Felix: Ich habe das Buch „Fahrradtechnik für Einsteiger“ gelesen und einen Kurs namens Schrauben Lernen gemacht.\n"
    assert {("Fahrradtechnik für Einsteiger", "book"), ("Schrauben Lernen", "course")} <= set(_names(german, "de"))
    french = "0:00 Claire: J'ai lu un livre intitulé Le Vélo Facile, et la chaîne « Atelier Vélo » sur YouTube.\n"
    assert {("Le Vélo Facile", "book"), ("Atelier Vélo", "website")} <= set(_names(french, "fr"))


def test_a_web_address_on_a_country_domain_is_found():
    text = "0:00 Tom: You file your taxes online at ELSTER.de, which took me a weekend to learn.\n"
    assert ("elster.de", "website") in _names(text)


def test_a_title_given_after_what_it_is_takes_the_kind_said_before_it():
    text = (
        "0:00 Tom: There is one book I give every new mechanic. It's called The Quiet Spoke, and it is short.\n"
        "0:30 Tom: Our shop model is called Fix First, which we invented.\n"
    )
    found = _names(text)
    assert ("Quiet Spoke", "book") in found
    assert not any("Fix First" in name for name, _ in found)  # no kind word said before it: not a resource


def test_a_title_said_right_after_its_kind_word_is_found_without_its_author():
    text = "0:00 Tom: Honestly, the book Spokes and Hubs from Jan Heine is where I started.\n"
    assert ("Spokes and Hubs", "book") in _names(text)


def test_a_title_said_to_be_a_resource_is_found():
    text = (
        "0:00 Tom: Wheel Truing Weekly is a newsletter I read every Monday.\n"
        "0:30 Tom: So Bike Radar is the best cycling website, and TopSpoke is a great tool for spoke tension.\n"
    )
    found = _names(text)
    assert {("Wheel Truing Weekly", "website"), ("Bike Radar", "website"), ("TopSpoke", "tool")} <= set(found)
    assert not any(name.startswith("So ") for name, _ in found)  # the word opening the sentence is no title


def test_a_capitalised_abbreviation_beside_a_kind_word_is_no_title():
    text = "0:00 Tom: I query our platform API every morning, and Excel is a tool everyone has.\n"
    assert _names(text) == []


def test_a_title_said_to_be_a_resource_is_found_in_each_languages_words():
    assert ("Clean Code", "book") in _names("0:00 Felix: Clean Code ist ein gutes Buch für den Anfang.\n", "de")
    assert ("Rueda Libre", "website") in _names("0:00 Andrés: Rueda Libre es un blog que leo cada semana.\n", "es")


def test_lower_case_captions_end_a_title_on_each_languages_own_words():
    spanish = "0:00 leí un libro llamado mecánica sencilla de la bicicleta y me ayudó mucho\n"
    assert _names(spanish, "es") == [("mecánica sencilla de la bicicleta", "book")]


def test_lower_case_german_captions_take_no_title_whose_end_a_verb_at_the_end_hides():
    german = "0:00 ich habe ein buch namens clean code gelesen und es war gut\n"
    assert _names(german, "de") == []
