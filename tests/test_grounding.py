from summarizer.chunking import build_blocks
from summarizer.grounding import QuoteLocator, normalize
from summarizer.transcript import parse_transcript

TEXT = """0:00 Host: welcome to the show today we talk about
0:03 Host: building data teams that last
0:07 Guest: um so the most important thing is to
0:10 Guest: hire people who like to learn every single day
0:14 Host: that's a great point
"""


def _locator(text: str = TEXT):
    t = parse_transcript(text)
    return QuoteLocator(t, build_blocks(t))


def test_normalize_drops_case_punctuation_and_fillers():
    assert normalize("Um, So THE most-important thing!") == ["so", "the", "mostimportant", "thing"]


def test_exact_quote_across_caption_lines_gets_transcript_words_time_and_speaker():
    found = _locator().locate("So the most important thing is to hire people who like to learn.", block=2)
    assert found.text == "so the most important thing is to hire people who like to learn every single day"
    assert (found.start, found.speaker) == (7.0, "Guest")
    assert found.end == 14.0


def test_retyped_quote_with_fillers_removed_is_replaced_by_the_transcript_words():
    found = _locator().locate("the most important thing is to hire people who like learning every day")
    assert found is not None
    assert "the most important thing is to hire people who like to learn" in found.text


def test_quote_citing_the_wrong_block_is_still_found_elsewhere():
    found = _locator().locate("welcome to the show today we talk about building data teams", block=3)
    assert found.text == "welcome to the show today we talk about building data teams that last" and found.start == 0.0


def test_invented_quote_is_not_found():
    assert _locator().locate("machine learning will replace every data engineer by next year") is None


def test_too_short_quote_is_not_a_quote():
    assert _locator().locate("great point") is None


def test_a_leading_word_that_ends_the_previous_sentence_is_trimmed():
    t = parse_transcript(
        "0:00 A: we talked about it on. Thanks for having me here today my friend\n0:05 B: sure thing\n"
    )
    found = QuoteLocator(t, build_blocks(t)).locate("on. Thanks for having me here today my friend")
    assert found.text == "Thanks for having me here today my friend"


SPOKEN = (
    "0:00 Tom: I opened the shop in a hurry. The main and most predominant reason people come in is a flat tyre"
    " on the way to work. Then they stay for coffee.\n0:20 Maya: Nice.\n"
)


def test_a_quote_starting_mid_sentence_grows_back_to_its_subject():
    found = _locator(SPOKEN).locate("is the main and most predominant reason people come in is a flat tyre")
    assert found.text == "The main and most predominant reason people come in is a flat tyre on the way to work."


def test_a_quote_stopping_mid_sentence_grows_to_the_sentence_end():
    found = _locator(SPOKEN).locate("The main and most predominant reason people come in")
    assert found.text.endswith("flat tyre on the way to work.")


def test_quotation_marks_around_a_quote_are_the_renderers_to_add():
    found = _locator("0:00 Tom: “Start with the simple stuff and get the conversation going.”\n").locate(
        "Start with the simple stuff and get the conversation going"
    )
    assert found.text == "Start with the simple stuff and get the conversation going."


def test_in_captions_without_punctuation_a_quote_grows_to_its_caption_lines():
    captions = "0:00 so the main reason people come in\n0:03 is a flat tyre on the way to work\n0:06 then coffee\n"
    found = _locator(captions).locate("main reason people come in is a flat tyre")
    assert found.text == "so the main reason people come in is a flat tyre on the way to work"
