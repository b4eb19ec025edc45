"""Who is who, found before any model call: labels, the introduction's words, metadata first."""

from summarizer.cast import find_cast
from summarizer.metadata import EpisodeMeta
from summarizer.transcript import parse_transcript

LABELLED = "\n".join(
    [
        "0:00 Maya: Welcome to Bench Notes. My guest today is Tom Okafor, who repairs bikes for a living.",
        "0:09 Tom: Thanks for having me, Maya.",
        "0:12 Maya: How did you start?",
        "0:15 Tom: I fixed my own bike first, then my friends' bikes, and then I opened a small shop near the"
        " station where commuters came by every morning with flat tyres and loose chains.",
        "0:40 Maya: What should a beginner buy?",
        "0:44 Tom: A repair stand before anything else, and a good set of tyre levers, because everything is"
        " easier when the bike is at the height of your hands.",
    ]
)
CAPTIONS = "\n".join(
    [
        "0:00 hello everyone welcome to bench notes",
        "0:03 my guest today is tom tom repairs bikes",
        "0:06 for a living welcome",
        "0:08 thanks for having me maya",
        "0:10 it's great to be here",
        "0:12 so how did you start",
    ]
)


def test_labels_make_the_host_who_opens_and_asks_and_the_guest_who_holds_the_floor():
    cast = find_cast(parse_transcript(LABELLED))
    assert [(p.role, p.label, p.source) for p in cast.people] == [
        ("host", "Maya", "labels"),
        ("guest", "Tom", "labels"),
    ]


def test_a_labels_full_name_comes_from_the_introduction():
    cast = find_cast(parse_transcript(LABELLED))
    assert [p.name for p in cast.guests] == ["Tom Okafor"] and cast.display("Tom") == "Guest (Tom Okafor)"
    assert cast.name_for("Tom") == "Tom Okafor" and cast.display("Maya") == "Host (Maya)"


def test_unlabelled_captions_name_people_from_the_introduction_and_say_so_in_the_prompt():
    cast = find_cast(parse_transcript(CAPTIONS))
    assert [(p.role, p.name, p.source) for p in cast.people] == [
        ("guest", "Tom", "introduction"),
        ("host", "Maya", "introduction"),
    ]
    lines = cast.prompt_lines()
    assert lines.startswith("Host: Maya\nGuest: Tom\n") and "no speaker labels" in lines


def test_an_introduction_with_curly_apostrophes_names_people_as_well():
    text = "0:00 Hello everyone, I’m joined by Tom Okafor today.\n0:05 Thanks for having me, I’m glad to be here.\n"
    assert [(p.role, p.name) for p in find_cast(parse_transcript(text)).guests] == [("guest", "Tom Okafor")]


def test_the_guests_gender_is_how_the_host_speaks_of_them_before_they_speak():
    text = "\n".join(
        [
            "0:00 Maya: My guest today is Ana Ruiz. She builds wheels, and her shop is near the station.",
            "0:09 Ana: Thanks for having me. My first boss taught me everything; he was patient and his bench was tidy.",
            "0:20 Maya: How did you start?",
        ]
    )
    assert [p.gender for p in find_cast(parse_transcript(text)).guests] == ["feminine"]


def test_in_captions_only_the_words_before_the_guests_thanks_tell_the_gender():
    told = "0:00 my guest today is tom he repairs bikes\n0:04 thanks for having me my sister taught me she was great\n"
    untold = "0:00 my guest today is tom welcome\n0:04 thanks for having me my sister taught me she was great\n"
    assert [p.gender for p in find_cast(parse_transcript(told)).guests] == ["masculine"]
    assert [p.gender for p in find_cast(parse_transcript(untold)).guests] == [None]


def test_model_text_speaks_of_the_guest_with_the_hosts_pronouns():
    from summarizer.cast import Cast, Person

    cast = Cast((Person("Maya", "host", "labels", "Maya"), Person("CJ Jenkins", "guest", "labels", "CJ", "feminine")))
    assert cast.gendered("CJ Jenkins describes his move to industry. He says it helped him.", "en") == (
        "CJ Jenkins describes her move to industry. She says it helped her."
    )
    assert cast.gendered("CJ thanks Maya for his podcast.", "en") == "CJ thanks Maya for his podcast."  # Maya's
    masculine = Cast((Person("Bela", "guest", "labels", "Bela", "masculine"),))
    assert masculine.gendered("Bela explains her model and what helped her decide.", "en") == (
        "Bela explains his model and what helped him decide."
    )
    unknown = Cast((Person("Tom Okafor", "guest", "labels", "Tom"),))
    assert unknown.gendered("Tom explains her model.", "en") == "Tom explains her model."


def test_a_pronoun_after_the_guests_name_is_the_guests_in_a_sentence_naming_the_host_too():
    from summarizer.cast import Cast, Person

    cast = Cast((Person("Alexey", "host", "labels", "A"), Person("Atita Arora", "guest", "labels", "B", "feminine")))
    assert cast.gendered("Alexey interviews Atita Arora, who started his career in search. He built tools.", "en") == (
        "Alexey interviews Atita Arora, who started her career in search. She built tools."
    )
    assert cast.gendered("Atita asks Alexey about his course.", "en") == "Atita asks Alexey about his course."


def test_metadata_always_wins():
    cast = find_cast(parse_transcript(CAPTIONS), EpisodeMeta(guests=("Thomas Okafor",), hosts=("Maya Lind",)))
    assert [(p.role, p.name, p.source) for p in cast.people] == [
        ("host", "Maya Lind", "given"),
        ("guest", "Thomas Okafor", "given"),
    ]
    labelled = find_cast(parse_transcript(LABELLED), EpisodeMeta(guests=("Tom Okafor",)))
    assert [(p.role, p.name, p.label, p.source) for p in labelled.guests] == [("guest", "Tom Okafor", "Tom", "given")]


def test_greetings_and_praise_are_no_names():
    text = "0:00 hello and welcome\n0:03 today we have super news\n0:06 thank you lovely\n0:09 so let's begin\n"
    assert find_cast(parse_transcript(text)).people == ()


def test_a_language_without_introduction_phrases_names_nobody_from_the_words():
    assert find_cast(parse_transcript(CAPTIONS), language="xx").people == ()


def test_a_bare_role_in_model_text_becomes_the_persons_name():
    cast = find_cast(parse_transcript(LABELLED))
    assert cast.named("The host asks the guest how he started.") == "Maya asks Tom Okafor how he started."
    assert cast.named("Guest explains his first shop.") == "Tom Okafor explains his first shop."
    assert cast.named("Guest (Tom Okafor) explains «Q3» the stand.") == "Tom Okafor explains the stand."
    assert (
        cast.named("Tom Okafor, the guest, talks to other guests.") == "Tom Okafor, the guest, talks to other guests."
    )


def test_one_persons_first_name_joined_to_anothers_surname_in_model_text_is_the_surnames_owner():
    cast = find_cast(parse_transcript(LABELLED))
    assert cast.named("Maya Okafor repairs bikes for a living.") == "Tom Okafor repairs bikes for a living."
    assert cast.named("Maya asks Tom Okafor about it.") == "Maya asks Tom Okafor about it."


def test_model_text_opening_on_a_pronoun_the_guest_can_have_opens_on_the_guests_name():
    cast = find_cast(parse_transcript(LABELLED))
    assert cast.introduced("He discusses his first shop.", "en") == "Tom Okafor discusses his first shop."
    assert cast.introduced("Then he discusses his first shop.", "en") == "Then he discusses his first shop."
    assert cast.introduced("Here Tom discusses it.", "en") == "Here Tom discusses it."


def test_a_bare_role_stays_where_nobody_or_several_people_have_it():
    cast = find_cast(parse_transcript(LABELLED), EpisodeMeta(guests=("Tom Okafor", "Ana Lind")))
    assert cast.named("The guest explains.") == "The guest explains."


def test_introductions_name_the_guest_and_host_in_each_languages_own_words():
    spanish = "0:00 bienvenidos mi invitado de hoy es andrés que arregla bicicletas\n0:06 gracias por invitarme lucía\n"
    german = "0:00 Willkommen. Mein Gast heute ist Felix Brandt.\n0:05 Danke für die Einladung, Jana. Ich freue mich.\n"
    for text, language, guest, host in ((spanish, "es", "Andrés", "Lucía"), (german, "de", "Felix Brandt", "Jana")):
        cast = find_cast(parse_transcript(text), language=language)
        assert ([p.name for p in cast.guests], [p.name for p in cast.hosts]) == ([guest], [host])


def test_the_prompts_role_word_left_before_a_name_goes():
    cast = find_cast(parse_transcript(LABELLED))
    assert cast.named("Host Maya welcomes Tom Okafor.") == "Maya welcomes Tom Okafor."
    assert cast.named("The host Maya welcomes him.") == "The host Maya welcomes him."


def test_the_short_name_the_host_calls_the_guest_by_is_the_guests_and_the_notes_use_one_name():
    t = parse_transcript(
        "\n".join(
            [
                "0:00 Maya: My guest today is Christiaan Swarts. Chris repairs bikes for a living.",
                "0:09 Christiaan: Thanks for having me, Maya.",
                "0:12 Maya: Chris, how did you start?",
                "0:15 Christiaan: I fixed my own bike first, then the bikes of all my friends.",
            ]
        )
    )
    cast = find_cast(t)
    guest = cast.guests[0]
    assert guest.called == "Chris" and "Chris" in guest.forms
    assert cast.named("Maya asks Chris how he started.") == "Maya asks Christiaan how he started."


def test_a_short_name_that_begins_two_peoples_names_is_neithers():
    t = parse_transcript(
        "\n".join(
            [
                "0:00 Alexey: My guest today is Alexander Brandt. Alex builds data platforms.",
                "0:09 Alexander: Thanks, Alex, happy to be here, Alex.",
                "0:12 Alexey: Alex, how did you start?",
                "0:15 Alexander: I wrote reports first, then pipelines for every team.",
            ]
        )
    )
    assert all(p.called is None for p in find_cast(t).people)
