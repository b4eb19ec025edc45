"""An episode title in the episode's own words."""

from summarizer.titles import from_chapters, said_words, unsaid

SAID = said_words(["Today my guest is Tom, who has repaired bicycles for twenty years.", "It's open source."])


def test_a_topic_word_the_episode_never_says_is_invented():
    assert unsaid("Tom's Guide to Repairing Cars", SAID, "en") == ["Cars"]


def test_words_said_in_another_form_and_the_words_titles_are_framed_with_are_not():
    assert unsaid("Tom's Journey: Lessons from Repairing Bicycles", SAID, "en") == []


def test_a_hyphenated_title_word_is_said_by_its_parts():
    assert unsaid("Open-Source Bicycles", SAID, "en") == []


def test_a_language_without_a_frame_list_is_not_checked():
    assert unsaid("Tom e le automobili", SAID, "it") == []


def test_a_title_in_spanish_is_checked_against_spanish_framing():
    said = said_words(["Hoy hablamos de bicicletas y de cómo repararlas en el taller."])
    assert unsaid("Guía del taller: bicicletas y coches", said, "es") == ["coches"]


def _chapter(title, start, end):
    return {"title": title, "start": start, "end": end}


def test_a_title_made_from_the_guest_and_the_longest_chapter_the_episode_says():
    chapters = [
        _chapter("Introduction", 0.0, 60.0),
        _chapter("Repairing bicycles", 60.0, 200.0),
        _chapter("Bicycles, Tom, years", 200.0, 900.0),  # a keyword title reads as no title
        _chapter("Selling cars", 900.0, 1500.0),  # a chapter title the episode never says
        _chapter("Tom's twenty years", 1500.0, 1600.0),
    ]
    assert from_chapters(chapters, ["Tom Okafor"], SAID, "en") == "Tom Okafor: Repairing bicycles"


def test_no_title_is_made_where_no_chapter_qualifies():
    assert from_chapters([_chapter("Cars", 0.0, 60.0)], [], SAID, "en") is None
