"""Quote candidates found in the words: whole sentences (or whole caption lines) worth quoting, the
guest's, one per passage, numbered for the map to choose from."""

import pytest

from summarizer.cast import find_cast
from summarizer.chunking import build_blocks, chunk_blocks
from summarizer.quotes import Candidate, find_candidates, marks
from summarizer.transcript import parse_transcript

EDITED = "\n".join(
    [
        "0:00 Maya: Welcome to the show, Tom. Thank you all for listening to the workshop hour every week.",
        "0:20 Tom: Thanks for having me, Maya, it is really a pleasure to be here with you today.",
        "0:40 Maya: What was the first thing you learned when you opened the repair shop on the corner?",
        "1:00 Tom: Well, we opened in spring. The biggest mistake I made was buying every tool before I had a"
        " single paying customer walking through the door. That taught me more than any course.",
        "2:00 Maya: And how do you decide which bikes to take on when the queue is long in summer?",
        "2:30 Tom: It was busy. I think the most important thing is to track every single job, even the small"
        " ones, because the numbers tell you which work actually pays.",
        "3:30 Maya: Where can people find you and the shop online these days if they want to follow along?",
        "3:50 Tom: You can find me on Instagram where I post the repairs we finish every single week.",
        "4:30 Maya: That was great, Tom. Thank you so much for coming on and sharing all of this with us.",
    ]
)


def _candidates(text: str = EDITED, language: str = "en") -> list[Candidate]:
    transcript = parse_transcript(text)
    return find_candidates(build_blocks(transcript), find_cast(transcript), language)


OTHER_TALK = "0:04 and then we talked for a while about something else entirely before the break"
"""A caption line of other talk after the one a spec is about, so that its passage ends at a line end."""


def _texts(lines: list[str]) -> list[str]:
    """The candidates' words of a transcript given line by line."""
    return [c.text for c in _candidates("\n".join(lines))]


def test_candidates_are_the_guests_whole_sentences_of_an_opinion_or_a_lesson():
    assert [(c.speaker, c.text) for c in _candidates()] == [
        (
            "Tom",
            "The biggest mistake I made was buying every tool before I had a single paying customer walking"
            " through the door.",
        ),
        (
            "Tom",
            "I think the most important thing is to track every single job, even the small ones, because the"
            " numbers tell you which work actually pays.",
        ),
    ]


def test_greetings_plugs_and_questions_are_never_candidates():
    texts = " ".join(c.text for c in _candidates()).lower()
    assert "thanks for having me" not in texts and "instagram" not in texts and "?" not in texts


def test_a_speaker_saying_their_own_name_or_musing_on_the_question_offers_no_quote():
    lines = [
        "0:00 Maya: Where can people find you, Will?",
        "0:05 Will: I think I'm easy to find online. But yes, Will Baker on LinkedIn, every single week.",
        "0:30 Maya: And what matters most?",
        "0:35 Will: That's a good question. I think I will always say the hardest part of a repair is patience.",
        "1:00 Will: I think you will learn more from one broken wheel than from ten tidy repair manuals.",
    ]
    texts = _texts(lines)
    assert texts and not any("Will Baker" in t or "good question" in t for t in texts)
    plug = "0:00 Will: I think if you put in my name and the shop's, you should get a hit for me every time."
    assert _texts([plug]) == []
    assert any("I will always say" in t or "you will learn" in t for t in texts)  # `will` is no name


def test_telling_listeners_how_to_reach_the_speaker_or_that_they_are_hiring_offers_no_quote():
    plugs = [
        "0:00 Will: I have a personal site where I think it's relatively easy to get in touch with me, always.",
        "0:30 Maya: Anything else?",
        "0:35 Will: I think the best way to reach me would be through LinkedIn or my personal email address.",
        "0:45 Maya: Any reading?",
        "0:50 Will: I think you had Ana on the podcast as well – she shared very good advice about wheels.",
        "1:00 Maya: And the shop?",
        "1:05 Will: We'll be looking for mechanics in the future, for sure. Everyone interested, please let me know.",
    ]
    assert _texts(plugs) == []


def test_candidates_are_numbered_in_episode_order_with_their_times():
    first, second = _candidates()
    assert (first.number, first.block, first.start, first.end) == (1, 4, 60.0, 120.0)
    assert (second.number, second.start) == (2, 150.0)


def test_each_candidate_is_marked_where_it_starts_in_its_blocks_line():
    transcript = parse_transcript(EDITED)
    blocks = build_blocks(transcript)
    candidates = find_candidates(blocks, find_cast(transcript))
    [chunk] = chunk_blocks(blocks, 5000, marks=marks(candidates))
    line = chunk.render(marks=marks(candidates)).splitlines()[3]
    assert line.startswith("[4 1:00] Tom: Well, we opened in spring. «Q1» The biggest mistake I made")


def test_in_captions_a_candidate_is_a_run_of_whole_caption_lines():
    lines = [
        "0:00 so today we talk about bikes and the shop",
        "0:04 i think the most important thing is",
        "0:08 to track every single job you take on",
        "0:12 because the numbers tell you what pays",
        "0:16 and that changed how we priced our repairs",
    ]
    [candidate] = [c for c in _candidates("\n".join(lines)) if "most important" in c.text]
    assert candidate.text.startswith("i think the most important thing is")
    assert candidate.text in {
        " ".join(line.split(" ", 1)[1] for line in lines[a:b]) for a in range(5) for b in range(a + 1, 6)
    }


def test_in_captions_without_an_opinion_a_candidate_starts_on_a_clause_not_at_a_caption_line():
    lines = [
        "0:00 the shop on the corner sold mostly city bikes and we fixed",
        "0:04 commuter wheels every morning before work and then we moved the",
        "0:08 whole workshop to the old station because the rent there was half",
        "0:12 of what the landlord on the corner wanted from us",
    ]
    texts = _texts(lines)
    assert texts and all(t.startswith("we ") for t in texts)


def test_without_punctuation_a_labelled_line_starts_where_its_speaker_did():
    lines = [
        "0:00 Maya: what should a new mechanic buy first for the workshop",
        "0:04 Tom: a proper repair stand because kneeling on the floor all day ruins your back and your work",
    ]
    texts = _texts(lines)
    assert texts == ["a proper repair stand because kneeling on the floor all day ruins your back and your work"]


def test_in_captions_a_candidate_ends_where_a_new_phrase_begins_not_inside_one():
    lines = [
        "0:00 so today we talk about bikes and the shop and the town",
        "0:04 i think the main issue for a small town is that every new bike shop",
        "0:08 owners buy every single tool they see long before their very first paying customer",
        "0:12 and then the money is gone before the spring",
    ]
    texts = _texts(lines)
    assert not any(t.endswith("bike shop") for t in texts)  # `… bike shop | owners buy …`


def test_in_captions_a_candidate_never_ends_on_a_verb_waiting_for_its_complement():
    lines = [
        "0:00 so we talk about the shop today",
        "0:04 i think it's toxic in a way that really makes new mechanics feel",
        "0:08 like they will never be good enough at wheels and that hurts",
    ]
    texts = _texts(lines)
    assert texts and not any(t.endswith("feel") for t in texts)


def test_in_captions_a_candidate_never_ends_inside_a_condition_whose_main_clause_follows():
    lines = [
        "0:00 so we talk about the shop today",
        "0:04 i think i like running my own repair shop the best because when you work for a chain",
        "0:08 you fix what they sell not what the town rides",
    ]
    texts = _texts(lines)
    assert texts and not any(t.endswith("for a chain") for t in texts)


def test_in_captions_a_candidate_never_ends_on_a_turn_word_that_opens_the_next_phrase():
    lines = [
        "0:00 so we talk about the shop today",
        "0:04 i think it's the moment you stop selling every bike to something like okay",
        "0:08 so what does this town actually need from a small repair shop like ours",
    ]
    texts = _texts(lines)
    assert not any(t.endswith("okay") for t in texts)


def test_in_captions_a_statement_ending_on_a_question_tag_is_a_question():
    lines = [
        "0:00 so you run the bike shop near the station and fix commuter bikes",
        "0:04 i think you opened the bike shop near the station ten years ago right",
        "0:08 and thanks so much for having me on the show today",
    ]
    assert not any(c.text.endswith("right") for c in _candidates("\n".join(lines)))


def test_in_captions_a_passage_holding_an_inverted_question_is_a_question():
    lines = [
        "0:00 so we tried the new tubeless tyres on the gravel route last spring",
        "0:04 i think at some point did it work for the commuters um i don't think it did",
        "0:08 i think every commuter should carry a spare tube and a small pump on long rides",
        "0:12 and then the shop sold out of pumps by the end of the summer season",
    ]
    texts = _texts(lines)
    assert not any("did it work" in t for t in texts)
    assert any(t.startswith("i think every commuter should carry a spare tube") for t in texts)


def test_a_language_without_its_own_phrases_still_gets_candidates_by_their_words_alone():
    assert [c.text for c in _candidates(language="xx")]


def test_a_part_lists_its_candidates_best_first_and_quotes_rank_by_their_words():
    from summarizer.quotes import rank_quotes, ranked

    candidates = _candidates()
    best = ranked(candidates)
    assert [c.score for c in best] == sorted((c.score for c in candidates), reverse=True)
    located = [c.located() for c in candidates]
    assert rank_quotes(located, candidates)[0] == best[0].located()


def test_one_passage_offers_one_candidate_even_across_lines_that_share_its_start():
    text = "\n".join(
        [
            "0:00 Maya: So tell me what you learned from the first year of running the shop on your own?",
            "0:10 Tom: I think the most important lesson is to say no to work you cannot finish in a single day.",
            "0:10 Tom: The biggest mistake is promising every customer a bike by Friday when the parts are late.",
        ]
    )
    assert len(_candidates(text)) == 1


def test_a_hedge_or_a_passage_cut_inside_somebodys_quoted_words_is_no_candidate():
    texts = _texts(
        [
            "0:00 Maya: So which principles of the method matter most to you when you build a team?",
            "0:10 Tom: I don't know them by heart, I think it's data as a product and domain thinking and"
            " self-service. Not 100% certain.",
            "1:00 Maya: And what do people tell you when they look back on their first year in the shop?",
            "1:10 Tom: They say “I wasted a year on tools. Then I learned the real lesson was patience with every"
            " customer who walked in the door.”",
        ]
    )
    assert texts == [
        "They say “I wasted a year on tools. Then I learned the real lesson was patience with every customer who"
        " walked in the door.”"
    ]


def test_a_reply_of_a_word_or_two_never_opens_a_candidate():
    texts = _texts(
        [
            "0:00 Maya: So testing the data transformations comes first for you, before anything else?",
            "0:10 Tom: Exactly. I think testing the data transformations should always be the first priority of a team.",
        ]
    )
    assert texts == ["I think testing the data transformations should always be the first priority of a team."]


@pytest.mark.parametrize("reply", ["Exactly.", "I think so.", "Yes and no."])
def test_a_reply_of_up_to_three_words_never_makes_a_short_answer_long_enough_to_quote(reply):
    texts = _texts(
        [
            "0:00 Maya: So testing the data transformations comes first for you, before anything else?",
            f"0:10 Tom: {reply} Nobody tests the transformations, and that is where pipelines break.",
        ]
    )
    assert not any(t.startswith(reply) for t in texts)


def test_a_line_leaning_on_what_came_before_after_a_hedge_yields_to_one_that_stands_alone():
    texts = _texts(
        [
            "0:00 Maya: Is a second workshop in the same city worth the rent once the first one is busy?",
            "0:10 Tom: Yeah, I think it could be sustainable eventually for independent workshops with regulars,"
            " and I don't think that it is unprofitable for owners. I think customers who trust you with a wheel on a Monday"
            " will never hesitate to trust you with the whole bike.",
        ]
    )
    assert texts == [
        "I think customers who trust you with a wheel on a Monday will never hesitate to trust you with the whole bike."
    ]


def _ranked(first: str, second: str) -> list[str]:
    """Tom's two answers to two questions of Maya's, as quote candidates best first."""
    from summarizer.quotes import ranked

    lines = [
        "0:00 Maya: What did a cheap stand teach you when you started out, and what do you keep in stock?",
        f"0:10 Tom: {first}",
        "0:30 Maya: And what would you tell someone buying their very first tools today?",
        f"0:40 Tom: {second}",
    ]
    return [c.text for c in ranked(_candidates("\n".join(lines)))]


def test_a_line_opening_on_an_example_ranks_below_a_point_said_as_strongly():
    example = "For example, I bought a cheap stand once and it wobbled every time I trued a wheel, a real lesson."
    point = "I think the stand is the one tool that every repair in the workshop depends on."
    assert _ranked(example, point) == [point, example]


def test_a_line_pointing_back_at_the_speakers_earlier_words_ranks_below_one_that_stands_alone():
    recalling = "Like I said, I think a cheap stand wobbles every time you true a wheel, and that costs you hours."
    point = "I think the stand is the one tool that each job in the shop needs."
    assert _ranked(recalling, point) == [point, recalling]


def test_someone_elses_words_quoted_rank_below_the_speakers_own_said_as_strongly():
    reported = "My friend Jessica said, “You should always keep a spare derailleur hanger in the workshop drawer.”"
    own = "I always say, “You should always keep a spare derailleur hanger in the workshop drawer.”"
    assert _ranked(reported, own) == [own, reported]


@pytest.mark.parametrize(
    ("line", "trailing"),
    [
        ("i think the person means a dataset like titanic or cats versus dogs or i don't know", "i don't know"),
        ("i think if you want to be a consultant you probably don't need it like as i said", "as i said"),
    ],
)
def test_in_captions_a_passage_trailing_off_is_no_candidate(line, trailing):
    texts = _texts([f"0:00 {line}", OTHER_TALK])
    assert not any(t.endswith(trailing) for t in texts)


def test_a_passage_pointing_at_what_the_other_person_said_is_no_candidate():
    texts = _texts(
        [
            "0:00 Maya: What matters most when you hire your first mechanic for the shop in the busy season?",
            "0:10 Tom: I think the first hire matters more than any tool I will ever buy, as you said before.",
            "0:20 Maya: And which skill do you look for first in somebody new who wants to join the team?",
            "0:30 Tom: I think patience with every customer is the one skill that you can never teach anyone.",
        ]
    )
    assert texts == ["I think patience with every customer is the one skill that you can never teach anyone."]


def test_in_captions_a_passage_asking_with_a_negative_tag_or_closed_by_a_backchannel_is_no_candidate():
    texts = _texts(
        [
            "0:00 so i think it's really tricky to describe and you have a blog post about this don't you mm-hmm",
            "0:04 yeah it's generally about what the work product of data science is for a company",
            "0:08 and then we talked for a while about something else entirely before the break",
        ]
    )
    assert not any("don't you" in t or t.endswith("mm-hmm") for t in texts)


def test_in_captions_a_plug_for_somebodys_company_is_no_candidate():
    texts = _texts(
        [
            "0:00 you should go check it out it's a great company we're building a really nice product there too",
            OTHER_TALK,
        ]
    )
    assert not any("check it out" in t for t in texts)


def test_a_passage_where_the_speaker_starts_again_is_no_candidate_but_a_word_said_twice_on_purpose_is():
    texts = _texts(
        [
            "0:00 i think people try to get help unless it's like yeah yeah they try it sometimes before",
            OTHER_TALK,
            "0:08 i think our use cases our use cases need the most careful thought of all the teams here",
            "0:12 and then we talked for a while about something else entirely before the break",
            "0:16 i think you should be very very careful with every single customer you ever have",
            "0:20 and then we talked for a while about something else entirely before the break",
        ]
    )
    assert texts == ["i think you should be very very careful with every single customer you ever have"]


def test_a_passage_restarting_after_a_word_of_repair_is_no_candidate_but_parallel_phrases_are():
    restart = "0:00 i think if you don't have a mentor you don't maybe you don't need one for a small shop"
    parallel = "0:00 i think you have to find new clients you have to market yourself every single week"
    assert _texts([restart, OTHER_TALK]) == []
    assert _texts([parallel, OTHER_TALK]) == [parallel.removeprefix("0:00 ")]


def test_in_captions_a_passage_the_other_speaker_cuts_into_is_no_candidate():
    texts = _texts(
        [
            "0:00 i think a shop like that needs a good stand first right yeah exactly and then the tools come",
            OTHER_TALK,
        ]
    )
    assert not any("yeah exactly" in t for t in texts)


def test_in_captions_a_passage_opening_somebodys_words_it_never_gives_is_no_candidate():
    texts = _texts(
        [
            "0:00 i think writing a short message to the shops you want to work with helps like hey",
            OTHER_TALK,
        ]
    )
    assert not any(t.endswith("like hey") for t in texts)
