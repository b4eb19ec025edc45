from summarizer.coverage import complete, thirds_spoken_of


def _chapter(start, end, title, summary, first=None):
    first = first if first is not None else int(start // 60) + 1
    return {"start": start, "end": end, "first_block": first, "last_block": first, "title": title, "summary": summary}


CHAPTERS = [
    _chapter(0, 600, "Introduction", "Maya introduces Tom, a bicycle mechanic from Leeds."),
    _chapter(600, 1200, "Repair stands", "Tom explains why a repair stand saves hours of kneeling."),
    _chapter(1200, 1500, "Chain wear", "Tom shows how a chain checker spots a worn chain."),
    _chapter(1500, 2400, "Tubeless tyres", "Tom compares tubeless tyres with inner tubes on gravel."),
    _chapter(2400, 2700, "Saddle height", "Tom sets saddle height with a plumb line."),
    _chapter(2700, 3600, "Opening a workshop", "She tells how she opened a workshop with a bank loan. It took a year."),
]
INTRO_ONLY = "Maya talks with Tom, a bicycle mechanic from Leeds, about his repair stand and kneeling less."


def test_a_paragraph_about_the_introduction_speaks_of_the_first_third_only():
    assert thirds_spoken_of(INTRO_ONLY, CHAPTERS) == (True, False, False)


def test_the_thirds_a_paragraph_is_silent_on_get_a_chapters_first_sentence():
    completed = complete(INTRO_ONLY, CHAPTERS, "en")
    assert completed == (
        INTRO_ONLY + " Later, Tom compares tubeless tyres with inner tubes on gravel."
        " Towards the end, she tells how she opened a workshop with a bank loan."
    )
    assert thirds_spoken_of(completed, CHAPTERS) == (True, True, True)


def test_a_third_gets_the_sentence_that_speaks_of_its_chapter_over_a_longer_chapters_thin_one():
    chapters = [
        *CHAPTERS[:5],
        _chapter(2700, 3100, "Workshop loans", "Tom tells how a bank loan paid for his workshop lathe."),
        _chapter(3100, 3600, "Wrapping up", "Tom explains it in simple terms."),
    ]
    completed = complete(INTRO_ONLY, chapters, "en")
    assert completed.endswith(" Towards the end, Tom tells how a bank loan paid for his workshop lathe.")
    assert thirds_spoken_of(completed, chapters)[2]


def test_a_paragraph_that_covers_the_episode_is_left_as_written():
    whole = INTRO_ONLY + " He compares tubeless tyres on gravel and tells how a bank loan opened his workshop."
    assert complete(whole, CHAPTERS, "en") == whole


def test_two_shared_words_are_a_passing_mention_not_a_chapter_spoken_of():
    assert thirds_spoken_of("Tom rides tubes on gravel.", CHAPTERS) == (False, False, False)


def test_words_said_in_many_chapters_tell_no_chapter_apart():
    many = [_chapter(i * 600, i * 600 + 600, f"Part {i}", f"Tom fixes bikes; topic{i} matters.") for i in range(6)]
    assert thirds_spoken_of("Tom fixes bikes.", many) == (False, False, False)


def test_a_language_whose_verb_follows_an_opening_adverb_gets_the_sentence_as_written():
    completed = complete(INTRO_ONLY, CHAPTERS, "de")
    assert completed.endswith(
        " Tom compares tubeless tyres with inner tubes on gravel. She tells how she opened a workshop with a bank loan."
    )


def test_untimed_chapters_are_placed_in_thirds_by_block():
    untimed = [
        {**c, "start": None, "end": None, "first_block": i * 10 + 1, "last_block": i * 10 + 10}
        for i, c in enumerate(CHAPTERS)
    ]
    assert thirds_spoken_of("Tom sets saddle height with a plumb line.", untimed) == (False, False, True)


def test_an_episode_of_fewer_than_three_chapters_is_not_completed():
    assert complete("About Tom.", CHAPTERS[:2], "en") == "About Tom."


def test_a_paragraph_silent_on_the_first_third_opens_on_a_sentence_of_it():
    later = "Tom compares tubeless tyres with inner tubes on gravel and how a bank loan opened his workshop."
    completed = complete(later, CHAPTERS, "en")
    assert completed == "Maya introduces Tom, a bicycle mechanic from Leeds. " + later
    assert thirds_spoken_of(completed, CHAPTERS) == (True, True, True)


def _silent_on_the_middle(middle_summary):
    return [*CHAPTERS[:3], _chapter(1500, 2400, "Tubeless tyres", middle_summary), *CHAPTERS[4:]]


def test_a_common_word_opening_a_sentence_after_a_connective_loses_its_capital():
    chapters = _silent_on_the_middle("Riders should compare tubeless tyres with inner tubes on gravel.")
    assert " Later, riders should compare tubeless tyres" in complete(INTRO_ONLY, chapters, "en")


def test_a_cast_name_opening_a_sentence_after_a_connective_keeps_its_capital():
    chapters = _silent_on_the_middle("Okafor compares tubeless tyres with inner tubes on gravel.")
    assert " Later, Okafor compares" in complete(INTRO_ONLY, chapters, "en", names=["Tom Okafor"])


def test_a_name_the_notes_write_inside_a_sentence_keeps_its_capital_after_a_connective():
    chapters = _silent_on_the_middle("Schwalbe makes the tubeless tyres Tom compares with inner tubes on gravel.")
    chapters[1] = {**chapters[1], "summary": "Tom explains why a repair stand from Schwalbe saves hours of kneeling."}
    assert " Later, Schwalbe makes" in complete(INTRO_ONLY, chapters, "en")


def test_a_third_gets_a_sentence_that_stands_alone_over_one_pointing_back_at_what_came_before():
    chapters = [
        *CHAPTERS[:3],
        _chapter(1500, 2100, "Tubeless tyres", "Tom says tubeless tyres allow this level of gravel comfort."),
        _chapter(2100, 2400, "Tyre pressure", "Tom compares tyre pressure for commuting and gravel."),
        *CHAPTERS[4:],
    ]
    completed = complete(INTRO_ONLY, chapters, "en")
    assert "this level" not in completed and thirds_spoken_of(completed, chapters)[1]
