from summarizer.captions import sentence_cased
from summarizer.chunking import build_blocks
from summarizer.answers import notes_from_map, quotes_from_words
from summarizer.chapters import chapters, consolidate
from summarizer.cast import find_cast
from summarizer.document import build_document
from summarizer.prepare import prepare
from summarizer.metadata import EpisodeMeta
from summarizer.grounding import QuoteLocator
from summarizer.notes import Advice, Drops, Notes, Section, combine
from summarizer.quotes import find_candidates
from summarizer.transcript import parse_transcript
from summarizer.validation import validation_errors

TEXT = "\n".join(
    [
        "0:00 A: welcome everyone to a show about gardening in small spaces",
        "0:30 B: thanks the first thing I tell people is to start with herbs on a sunny windowsill",
        "1:00 A: what about watering schedules for balcony tomatoes in summer?",
        "1:30 B: water deeply twice a week early in the morning rather than a little every day",
        "2:00 A: and compost what should beginners know about compost bins",
        "2:30 B: keep the compost bin small and turn it every week so it never smells",
    ]
)


def _setup():
    t = parse_transcript(TEXT)
    blocks = build_blocks(t)
    return t, blocks, {b.id: b for b in blocks}, QuoteLocator(t, blocks)


def _document(t, answer, notes, drops):
    """The document of transcript `t` from a reduce `answer` and its `notes`."""
    return build_document(answer, notes, prepare(t, EpisodeMeta(), 3000, 1), {"provider": "test", "model": "m"}, drops)


def _answer(**parts):
    """A map answer with nothing but `parts`."""
    return {"sections": [], "advice": [], "quotes": [], "resources": [], **parts}


def _mapped(text, answer, starts=()):
    """The notes and drops of a map `answer` over the whole interview `text`, with its cast."""
    t = parse_transcript(text)
    blocks = build_blocks(t)
    drops = Drops()
    by_id = {b.id: b for b in blocks}
    return notes_from_map(answer, by_id, starts, QuoteLocator(t, blocks), drops, find_cast(t)), drops


def test_map_answer_items_citing_missing_blocks_are_dropped_and_counted():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    answer = _answer(
        sections=[
            {"start_block": 1, "title": "Start", "summary": "s"},
            {"start_block": 99, "title": "Bad", "summary": "s"},
        ],
        advice=[{"block": 42, "speaker": None, "text": "Learn about Delhi and its culture"}],
        quotes=[77],
        resources=[{"block": 50, "kind": "book", "name": "Invented"}],
    )
    notes = notes_from_map(answer, by_id, (1,), locator, drops)
    assert [s.title for s in notes.sections] == ["Start"]
    assert notes.advice == () and notes.resources == () and notes.quotes == ()
    assert drops.counts["quote chosen by a number not marked in its part"] == 1
    assert sum(drops.counts.values()) == 4


def test_advice_the_model_credits_to_the_host_of_an_interview_is_dropped():
    t, blocks, by_id, locator = _setup()
    cast = find_cast(t, EpisodeMeta(hosts=("Maya Lind",), guests=("Tom Okafor",)))
    said = "water deeply twice a week in the morning"
    answer = _answer(
        advice=[
            {"block": 4, "speaker": None, "text": f"Maya suggested that you {said}."},
            {"block": 4, "speaker": None, "text": f"Tom suggests that you {said}."},
        ]
    )
    drops = Drops()
    notes = notes_from_map(answer, by_id, (), locator, drops, cast)
    assert [a.text for a in notes.advice] == ["Water deeply twice a week in the morning."]
    assert drops.counts["advice the model credits to the host of an interview"] == 1


def test_advice_made_of_the_hosts_question_in_an_interview_is_dropped():
    notes, drops = _mapped(
        "0:00 Maya: You've opened shops twice now. Why open shops near stations?\n"
        "0:10 Tom: Commuters ride every day, so their bikes break every week.\n",
        _answer(advice=[{"block": 1, "speaker": None, "text": "Open shops near stations twice in a career."}]),
    )
    assert notes.advice == ()
    assert drops.counts["advice made of the host's words in an interview"] == 1


def test_advice_tied_to_a_passage_that_gives_none_is_dropped():
    notes, drops = _mapped(
        "0:00 Maya: Is your name a palindrome?\n"
        "0:05 Tom: It is. My mother says it was a coincidence, and it reads the same both ways.\n",
        _answer(advice=[{"block": 2, "speaker": None, "text": "Remember your name reads the same both ways."}]),
    )
    assert notes.advice == ()
    assert drops.counts["advice its passage does not give (no advice said there)"] == 1


def test_advice_most_of_whose_words_its_passage_never_says_is_dropped():
    notes, drops = _mapped(
        "0:00 Maya: How long until a book pays?\n"
        "0:05 Tom: You have to write the book, then publish it, then wait two months for the money from the sales.\n",
        _answer(
            advice=[
                {
                    "block": 2,
                    "speaker": None,
                    "text": "Start small units like blog posts and publish the book gradually.",
                },
                {"block": 2, "speaker": None, "text": "Expect to wait months for the money from book sales."},
            ]
        ),
    )
    assert [a.text for a in notes.advice] == ["Expect to wait months for the money from book sales."]
    assert drops.counts["advice most of whose words its passage never says"] == 1


def test_a_models_tip_loses_the_purpose_its_passage_never_says():
    notes, drops = _mapped(
        "0:00 Maya: What do you look for when you hire?\n"
        "0:05 Tom: You should look for people who know cloud tools, AWS or Google Cloud, really well.\n",
        _answer(
            advice=[
                {
                    "block": 2,
                    "speaker": None,
                    "text": "Look for people who know cloud tools to help streamline the process and improve efficiency.",
                }
            ]
        ),
    )
    assert [a.text for a in notes.advice] == ["Look for people who know cloud tools."]
    assert drops.counts["advice's purpose its passage never says (cut)"] == 1


def test_advice_citing_a_missing_block_is_placed_at_the_block_holding_its_words():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    answer = _answer(advice=[{"block": 14, "speaker": None, "text": "Water deeply twice a week in the morning"}])
    notes = notes_from_map(answer, by_id, (), locator, drops)
    assert [(a.text, a.block, a.speaker) for a in notes.advice] == [
        ("Water deeply twice a week in the morning", 4, "B")
    ]
    assert drops.counts["advice citing another block (placed by its words)"] == 1


def test_advice_is_placed_where_its_phrasing_was_said_before_where_more_of_its_common_words_were():
    from summarizer.notes import block_by_words

    t = parse_transcript(
        "0:00 Ann: welcome this week we talk about the work of data scientists their career and the data work"
        " they do and their career path and the work\n"
        "0:30 Bo: you should really think what kind of work you want to do\n"
    )
    blocks = {b.id: b for b in build_blocks(t)}
    placed = block_by_words("Think about what kind of work you want to do for your career path.", blocks)
    assert placed == max(blocks)


def test_advice_citing_a_block_of_its_part_that_does_not_say_it_is_placed_by_its_words():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    answer = _answer(advice=[{"block": 1, "speaker": None, "text": "Water deeply twice a week in the morning"}])
    notes = notes_from_map(answer, by_id, (), locator, drops)
    assert [(a.block, a.speaker) for a in notes.advice] == [(4, "B")]
    assert drops.counts["advice citing another block (placed by its words)"] == 1


def test_quotes_are_the_candidates_the_answer_chose_by_number_in_its_order():
    t, blocks, by_id, locator = _setup()
    candidates = {c.number: c for c in find_candidates(blocks, find_cast(t))}
    assert len(candidates) >= 2
    chosen = sorted(candidates)[:2][::-1]
    notes = notes_from_map(_answer(quotes=chosen), by_id, (), locator, Drops(), candidates=candidates)
    assert [q.text for q in notes.quotes] == [candidates[n].text for n in chosen]
    assert all(q.text in by_id[q.block].text for q in notes.quotes)


def test_a_written_out_quote_is_found_by_its_words_whatever_block_it_cites():
    t, blocks, by_id, locator = _setup()
    quotes = quotes_from_words(
        [{"block": 77, "text": "water deeply twice a week early in the morning"}], by_id, locator, Drops()
    )
    assert [q.block for q in quotes] == [4]


def test_advice_unrelated_to_its_block_is_dropped():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    answer = _answer(
        advice=[
            {"block": 2, "speaker": "null", "text": "Start with herbs on a sunny windowsill"},
            {"block": 2, "speaker": None, "text": "Learn about Delhi and its culture"},
        ]
    )
    notes = notes_from_map(answer, by_id, (), locator, drops)
    assert [(a.text, a.speaker) for a in notes.advice] == [("Start with herbs on a sunny windowsill", "B")]
    assert drops.counts["advice with nothing in common with its block"] == 1


def test_quotes_are_replaced_by_transcript_words_or_dropped():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    written = [
        {"block": 4, "text": "Water deeply, twice a week, early in the morning!"},
        {"block": 4, "text": "Tomatoes need a lot of love and a good playlist"},
    ]
    assert [q.text for q in quotes_from_words(written, by_id, locator, drops)] == [
        "water deeply twice a week early in the morning rather than a little every day"  # to its line's end
    ]
    assert drops.counts["quote not found in the transcript"] == 1


def test_advice_that_is_a_pasted_paragraph_becomes_a_quote_but_a_short_tip_in_the_speakers_words_stays_advice():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    paragraph = "thanks the first thing I tell people is to start with herbs on a sunny windowsill what about"
    answer = _answer(
        advice=[
            {"block": 2, "speaker": None, "text": paragraph + " watering schedules for balcony tomatoes"},
            {"block": 2, "speaker": None, "text": "Start with herbs on a sunny windowsill"},
        ]
    )
    notes = notes_from_map(answer, by_id, (), locator, drops)
    assert [a.text for a in notes.advice] == ["Start with herbs on a sunny windowsill"]
    assert drops.counts["advice pasted from the transcript (offered as a quote)"] == 1
    # the speaker's own words are offered as a quote, which here runs on into the host's question
    assert drops.counts["quote that is a question"] == 1


def test_a_quote_pasted_as_a_long_passage_keeps_its_opening_sentences():
    t, blocks, by_id, locator = _setup()
    passage = (
        "Water deeply twice a week early in the morning rather than a little every day. "
        + "And compost what should beginners know about compost bins keep the compost bin small " * 4
    )
    assert [q.text for q in quotes_from_words([{"block": 4, "text": passage}], by_id, locator, Drops())] == [
        "water deeply twice a week early in the morning rather than a little every day"
    ]


def test_a_quote_found_only_outside_its_chunk_is_dropped():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    chunk = {i: by_id[i] for i in (1, 2)}
    written = [{"block": 2, "text": "keep the compost bin small and turn it every week"}]
    assert quotes_from_words(written, chunk, locator, drops) == []
    assert drops.counts["quote found outside its chunk"] == 1


def test_a_quote_that_is_a_question_is_dropped():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    written = [{"block": 3, "text": "what about watering schedules for balcony tomatoes in summer?"}]
    assert quotes_from_words(written, by_id, locator, drops) == []
    assert drops.counts["quote that is a question"] == 1


def test_combine_removes_near_duplicate_advice_from_overlapping_chunks():
    a = Notes(advice=(Advice("Start with herbs on a sunny windowsill", None, 2),))
    b = Notes(
        advice=(Advice("Start with herbs on a sunny windowsill.", None, 2), Advice("Turn compost weekly", None, 6))
    )
    assert [x.text for x in combine([a, b]).advice] == ["Start with herbs on a sunny windowsill", "Turn compost weekly"]


def test_chapters_are_the_sections_laid_end_to_end_from_zero():
    t, blocks, _, _ = _setup()
    notes = Notes(sections=(Section(2, 4, "Herbs", "Herbs and water."), Section(5, 6, "Compost", "Small bins.")))
    result = chapters(notes, t, blocks, Drops())
    assert [(c["title"], c["summary"]) for c in result] == [("Herbs", "Herbs and water."), ("Compost", "Small bins.")]
    assert result[0]["start"] == 0.0 and result[0]["first_block"] == 1
    assert result[0]["end"] == result[1]["start"] == 120.0
    assert result[-1]["end"] == t.duration and result[-1]["last_block"] == blocks[-1].id


def test_an_episode_without_sections_is_one_chapter():
    t, blocks, _, _ = _setup()
    result = chapters(Notes(), t, blocks, Drops())
    assert [(c["title"], c["start"], c["end"]) for c in result] == [("Full episode", 0.0, t.duration)]


def test_chapters_shorter_than_a_minute_are_folded_into_the_previous_one():
    lines = [
        f"{m // 2}:{30 * (m % 2):02d} {'AB'[m % 2]}: minute {m} talks about subject {m} with detail" for m in range(20)
    ]
    t = parse_transcript("\n".join(lines))
    blocks = build_blocks(t)
    at = {b.start: b.id for b in blocks}
    sections = tuple(Section(at[s], at[s], f"From {s:.0f}", "") for s in (0.0, 120.0, 150.0, 300.0, 570.0))
    drops = Drops()
    result = chapters(Notes(sections=sections), t, blocks, drops)
    assert [c["start"] for c in result] == [0.0, 120.0, 300.0]
    assert drops.counts["chapter shorter than a minute"] == 2


def test_sections_run_from_their_start_to_the_next_start():
    t, blocks, by_id, locator = _setup()
    answer = _answer(
        sections=[
            {"start_block": 4, "title": "Later", "summary": "l"},
            {"start_block": 1, "title": "First", "summary": "f"},
        ]
    )
    notes = notes_from_map(answer, by_id, (1, 4), locator, Drops())
    assert [(s.start_block, s.end_block) for s in notes.sections] == [(1, 3), (4, blocks[-1].id)]


def test_sections_go_on_the_topic_starts_given_even_when_the_answer_moves_them():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    moved = [
        {"start_block": block, "title": title, "summary": title} for block, title in ((1, "Herbs"), (2, "Watering"))
    ]
    keywords = {1: "Herbs, windowsill", 3: "Watering, tomatoes", 5: "Compost, bins"}
    notes = notes_from_map(_answer(sections=moved), by_id, (1, 3, 5), locator, drops, keywords=keywords)
    assert [(s.start_block, s.title) for s in notes.sections] == [(1, "Herbs"), (3, "Watering"), (5, "Compost, bins")]
    assert drops.counts["topic start the answer gave no section (titled from its words)"] == 1
    assert drops.counts["section moved back onto its topic start"] == 1


def test_document_is_valid_and_chooses_advice_and_quotes_by_number():
    t, blocks, by_id, locator = _setup()
    notes = Notes(
        sections=(Section(1, 6, "All", "all"),),
        advice=(Advice("Start with herbs", "B", 2), Advice("Water deeply twice a week", "B", 4)),
        quotes=(locator.locate("keep the compost bin small and turn it every week"),),
    )
    answer = {
        "title": "Small gardens",
        "tagline": "Grow more in less space.",
        "summary": "About gardens.",
        "advice": [2, 9],
        "quotes": [1],
    }
    drops = Drops()
    doc = _document(t, answer, notes, drops)
    assert validation_errors(doc, "summary") == []
    assert [a["text"] for a in doc["advice"]] == ["Water deeply twice a week", "Start with herbs"]  # topped up
    assert doc["quotes"][0]["start"] == 150.0 and doc["quotes"][0]["speaker"] == "B"
    assert drops.counts["advice chosen by an unknown number"] == 1


def test_a_section_repeating_the_one_before_keeps_its_start_and_loses_its_copy():
    t, blocks, by_id, _ = _setup()
    notes = Notes(
        sections=(
            Section(1, 2, "Herbs", "Start with herbs on a windowsill."),
            Section(3, 3, "Water", "Water deeply twice a week."),
            Section(4, 5, "Water again", "Water deeply twice a week!"),
            Section(6, 6, "Water", "Water deeply twice a week."),
        )
    )
    drops = Drops()
    kept = consolidate(notes, by_id, drops, {6: "Compost, bins"}, min_seconds=0)
    assert [(s.title, s.summary, s.start_block, s.end_block) for s in kept.sections] == [
        ("Herbs", "Start with herbs on a windowsill.", 1, 2),
        ("Water", "Water deeply twice a week.", 3, 3),
        ("Water again", "", 4, 5),
        ("Compost, bins", "", 6, 6),
    ]
    assert drops.counts["section repeating an earlier one (start kept, its copy dropped)"] == 2


def test_only_a_sliver_folds_into_the_section_before_and_it_is_counted():
    t, blocks, by_id, _ = _setup()
    short = Notes(
        sections=(Section(1, 2, "Herbs", "Herbs."), Section(3, 3, "Water", "Water."), Section(4, 6, "Rest", "Rest."))
    )
    drops = Drops()
    assert [(s.start_block, s.end_block) for s in consolidate(short, by_id, drops, min_seconds=45).sections] == [
        (1, 3),
        (4, 6),
    ]
    assert drops.counts["topic start folded into the one before: a sliver"] == 1
    assert drops.details == ["topic start folded into the one before: a sliver: block 3 (1:00) lasts 30 s"]


def test_resources_must_be_named_in_their_block():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    answer = _answer(
        resources=[
            {"block": 6, "kind": "tool", "name": "compost bin"},
            {"block": 6, "kind": "book", "name": "The Art of Composting"},
        ]
    )
    notes = notes_from_map(answer, by_id, (), locator, drops)
    assert [r.name for r in notes.resources] == ["compost bin"]
    assert drops.counts["resource not named in its block"] == 1


def test_balance_swaps_the_lowest_ranked_item_of_the_fullest_third_for_one_from_a_thin_third():
    from summarizer.document import balance_thirds

    chosen = [10, 20, 30, 95]  # ranked best first, positions in a 100-second episode
    pool = [5, 10, 20, 30, 40, 50, 60, 95]
    assert balance_thirds(chosen, pool, float, 100.0) == [10, 20, 50, 95]
    assert balance_thirds([10, 50, 90], pool, float, 100.0) == [10, 50, 90]  # already balanced
    assert balance_thirds([10, 20], pool, float, 100.0) == [10, 20]  # too few to balance
    assert balance_thirds(chosen, [10, 20, 30, 95], float, 100.0) == chosen  # nothing to swap in


def test_a_thin_choice_is_topped_up_from_the_candidates_without_duplicates():
    from summarizer.document import top_up

    pool = ("Track every job", "track every job!", "Charge for your time", "Say no to bad jobs", "Keep a notebook")
    assert top_up(["Say no to bad jobs"], pool, 3, str) == [
        "Say no to bad jobs",
        "Track every job",
        "Charge for your time",
    ]
    assert top_up(["a", "b", "c", "d"], pool, 3, str) == ["a", "b", "c", "d"]


def test_two_different_tips_said_in_one_passage_both_top_up_a_thin_choice():
    from summarizer.document import choose

    said = ("Start with fewer tools than you think.", "Buy a proper repair stand before anything fancy.")
    kept = choose(
        (), [], "advice", least=3, more=said, text=str, position=lambda tip: 130.0, duration=None, drops=Drops()
    )
    assert kept == list(said)  # one passage at 2:10 gives both: each is a tip of its own


def test_chapter_summaries_keep_whole_sentences_up_to_about_thirty_words():
    from summarizer.notes import first_sentences

    long = "One two three four five six seven eight nine ten. " * 4
    assert first_sentences(long, 30) == " ".join(["One two three four five six seven eight nine ten."] * 3)
    assert first_sentences("A single very long sentence " + "word " * 50 + "end.", 30).endswith("end.")


def test_advice_citing_the_hosts_question_is_credited_to_the_answer():
    t = parse_transcript(
        "\n".join(
            [
                "0:00 Maya: So your first piece of advice would be to track your time on every job?",
                "0:30 Tom: Track every job, even the small ones, you cannot price what you never measured.",
                "1:00 Maya: Let us talk about customers and what twenty years have taught you about them.",
            ]
        )
    )
    blocks = build_blocks(t)
    by_id = {b.id: b for b in blocks}
    answer = _answer(advice=[{"block": 1, "speaker": "Maya", "text": "Track every job to learn what to price"}])
    notes = notes_from_map(answer, by_id, (), QuoteLocator(t, blocks), Drops())
    assert [(a.block, a.speaker) for a in notes.advice] == [(2, "Tom")]


def test_a_section_runs_until_the_next_one_starts_even_in_a_later_part():
    first = Notes(sections=(Section(1, 3, "Herbs", "h"),))
    later = Notes(sections=(Section(5, 6, "Compost", "c"),))
    combined = combine([first, Notes(), later])
    assert [(s.start_block, s.end_block) for s in combined.sections] == [(1, 4), (5, 6)]


def test_a_long_passage_without_sentence_ends_is_no_quote_for_it_has_no_phrase_to_cut_at():
    words = " ".join(f"word{i}" for i in range(90))
    t = parse_transcript(f"0:00 A: {words}")
    blocks = build_blocks(t)
    drops = Drops()
    quotes = quotes_from_words([{"block": 1, "text": words}], {b.id: b for b in blocks}, QuoteLocator(t, blocks), drops)
    assert quotes == []
    assert drops.counts["passage handed back too long to quote whole"] == 1


def test_advice_in_another_blocks_words_is_credited_to_that_block():
    t, blocks, by_id, locator = _setup()
    tip = "water deeply twice a week early in the morning"
    answer = _answer(advice=[{"block": 5, "speaker": None, "text": tip}])
    notes = notes_from_map(answer, by_id, (), locator, Drops())
    assert [(a.block, a.speaker) for a in notes.advice] == [(4, "B")]


def test_advice_that_asks_a_question_is_dropped():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    text = "What about watering schedules for balcony tomatoes?"
    answer = _answer(advice=[{"block": 3, "speaker": None, "text": text}])
    assert notes_from_map(answer, by_id, (), locator, drops).advice == ()
    assert drops.counts["advice that asks a question"] == 1


def test_a_speaker_name_only_the_model_gives_is_dropped():
    t = parse_transcript("0:00 welcome to the show about compost\n0:30 keep the compost bin small and turn it weekly\n")
    blocks = build_blocks(t)
    by_id = {b.id: b for b in blocks}
    answer = _answer(
        advice=[{"block": 1, "speaker": "Dr. Invented", "text": "Keep the compost bin small and turn it weekly"}]
    )
    notes = notes_from_map(answer, by_id, (), QuoteLocator(t, blocks), Drops(), find_cast(t))
    assert [a.speaker for a in notes.advice] == [None]
    given = find_cast(t, EpisodeMeta(guests=("Dr. Invented",)))
    named = notes_from_map(answer, by_id, (), QuoteLocator(t, blocks), Drops(), given)
    assert [a.speaker for a in named.advice] == ["Dr. Invented"]


def test_a_merge_retitles_sections_but_never_moves_or_drops_their_starts():
    from summarizer.answers import notes_from_merge

    t, blocks, by_id, _ = _setup()
    notes = Notes(sections=(Section(1, 2, "Herbs", "h."), Section(3, 4, "Water", "w."), Section(5, 6, "Compost", "c.")))
    answer = {
        "sections": [{"start_block": 2, "title": "Herbs on sills", "summary": "Sills."}],
        "advice": [],
        "quotes": [],
    }
    drops = Drops()
    merged = notes_from_merge(answer, notes, by_id, drops)
    assert [(s.start_block, s.end_block, s.title) for s in merged.sections] == [
        (1, 2, "Herbs on sills"),
        (3, 4, "Water"),
        (5, 6, "Compost"),
    ]
    assert drops.counts["section the merge left out (kept as it was)"] == 2


def test_a_summary_crediting_the_host_where_the_guest_holds_the_floor_credits_the_guest():
    from summarizer.chapters import credit_guests

    t = parse_transcript(
        "0:00 Maya: Tell us about your shop.\n"
        "0:05 Tom: I opened it near the station, fixed commuters' bikes every morning and learned to keep spare"
        " tubes and chains in stock because everyone came with the same three problems on the way to work.\n"
        "1:00 Maya: And now?\n"
        "1:05 Tom: Now I teach repair classes on Saturdays and sell refurbished bikes to students.\n"
    )
    blocks = build_blocks(t)
    by_id = {b.id: b for b in blocks}
    notes = Notes(sections=(Section(blocks[0].id, blocks[-1].id, "The shop", "Maya explains how she opened a shop."),))
    drops = Drops()
    credited = credit_guests(notes, by_id, find_cast(t), drops)
    assert credited.sections[0].summary == "Tom explains how she opened a shop."
    assert drops.counts["chapter summary crediting the host with the guest's words (corrected)"] == 1
    right = Notes(
        sections=(Section(blocks[0].id, blocks[-1].id, "The shop", "Maya asks Tom about his shop, and he explains."),)
    )
    assert credit_guests(right, by_id, find_cast(t), Drops()) == right


SHOP = (
    "0:00 Maya: Tell us about your shop.\n"
    "0:05 Tom: I opened it near the station, fixed commuters' bikes every morning and learned to keep spare"
    " tubes and chains in stock because everyone came with the same three problems on the way to work.\n"
)


def _credited(text: str, summary: str) -> str:
    """`summary`, of one chapter over the whole of transcript `text`, as `credit_guests` leaves it."""
    from summarizer.chapters import credit_guests

    t = parse_transcript(text)
    blocks = build_blocks(t)
    notes = Notes(sections=(Section(blocks[0].id, blocks[-1].id, "Chapter", summary),))
    return credit_guests(notes, {b.id: b for b in blocks}, find_cast(t), Drops()).sections[0].summary


def test_a_chapter_summary_opening_on_a_pronoun_where_the_guest_holds_the_floor_names_the_guest():
    assert _credited(SHOP, "He explains how he opened a shop.") == "Tom explains how he opened a shop."


def test_a_hosts_questions_do_not_hold_the_floor_a_short_answering_guest_holds():
    short_answers = (
        "0:00 Maya: Do you build the wheels in your shop yourself, by hand?\n"
        "0:05 Tom: No, I true them, but two apprentices lace every wheel.\n"
        "0:20 Maya: Are the apprentices students or trained mechanics?\n"
        "0:25 Tom: Students, from the college next door.\n"
        "0:40 Maya: How do you keep the work the same when they leave?\n"
        "0:45 Tom: We write every step down for the next ones.\n"
    )
    summary = "Maya explains how she trues the wheels while apprentices lace them."
    assert _credited(short_answers, summary) == "Tom explains how she trues the wheels while apprentices lace them."


def test_a_summary_opening_on_the_hosts_question_on_the_guests_floor_opens_on_the_answer_or_topic():
    asked = "Maya asks Tom about the spare parts a commuter shop needs."
    assert _credited(SHOP, asked) == "Tom on the spare parts a commuter shop needs."
    answered = "Maya asks Tom about spare parts. He keeps tubes and chains in stock."
    assert _credited(SHOP, answered) == "Tom keeps tubes and chains in stock."  # a chapter list shows the opening


def test_a_career_told_as_shared_is_the_guests_even_where_the_host_holds_the_floor():
    from summarizer.chapters import credit_guests

    t = parse_transcript(
        "0:00 Maya: Welcome to the show. Today my guest is Tom, he runs a bike workshop near the station, and"
        " before that he worked in a bank for many years, which we will come to later on in the episode.\n"
        "0:40 Tom: Thanks for having me. I left the bank because I wanted to work with my hands again.\n"
    )
    blocks = build_blocks(t)
    by_id = {b.id: b for b in blocks}
    shared = "Maya welcomes Tom. They discuss their career journey and highlight the move from banking."
    notes = Notes(sections=(Section(blocks[0].id, blocks[-1].id, "Introduction", shared),))
    drops = Drops()
    credited = credit_guests(notes, by_id, find_cast(t), drops)
    assert credited.sections[0].summary == (
        "Maya welcomes Tom. Tom discusses his career journey and highlights the move from banking."
    )
    assert drops.counts["the guest's story told as shared (the guest's)"] == 1


def test_what_host_and_guest_really_share_stays_shared():
    from summarizer.chapters import _their_story
    from summarizer.cast import Person

    tom = Person(name="Tom", role="guest", source="labels", label="Tom")
    assert _their_story("They discuss their favourite tools.", tom) == "They discuss their favourite tools."
    assert _their_story("They talk about their careers.", tom) == "Tom talks about their careers."
    assert _their_story("Maya introduces Tom, who discuss their career so far.", tom) == (
        "Maya introduces Tom, who discusses their career so far."
    )
    he = Person(name="Tom", role="guest", source="labels", label="Tom", gender="masculine")
    assert _their_story("They discuss their career and the shops they have worked in.", he) == (
        "Tom discusses his career and the shops he has worked in."
    )


def test_a_quote_that_cannot_be_made_whole_sentences_is_dropped():
    long_sentence = " ".join(["and then we kept fixing bikes for people who rode to work"] * 8)
    t = parse_transcript(f"0:00 B: Short intro here. {long_sentence} until the end.\n0:40 A: Right.\n")
    blocks = build_blocks(t)
    by_id = {b.id: b for b in blocks}
    drops = Drops()
    written = [{"block": 1, "text": "we kept fixing bikes for people who rode to work and then we"}]
    assert quotes_from_words(written, by_id, QuoteLocator(t, blocks), drops) == []
    assert drops.counts["quote that is not whole sentences"] == 1


def test_a_quote_opening_mid_sentence_is_dropped():
    t = parse_transcript(
        "0:00 B: It depends on the shop. From my own experience (I only ever worked in small shops, in two towns,"
        " so this is coming from a small shop's point of view) you should not look into buying tools in the first"
        " place, but more into looking at what tools you already have and how you can use them well.\n0:40 A: Right.\n"
    )
    blocks = build_blocks(t)
    drops = Drops()
    written = [{"block": 1, "text": "what tools you already have and how you can use them well."}]
    assert quotes_from_words(written, {b.id: b for b in blocks}, QuoteLocator(t, blocks), drops) == []
    assert drops.counts["quote that is not whole sentences"] == 1


def test_advice_reporting_a_tip_is_rewritten_and_a_description_of_the_talk_is_dropped():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    answer = _answer(
        advice=[
            {"block": 2, "speaker": None, "text": "B suggests starting with herbs on a sunny windowsill."},
            {"block": 4, "speaker": None, "text": "B emphasizes watering deeply twice a week."},
        ]
    )
    notes = notes_from_map(answer, by_id, (), locator, drops)
    assert [a.text for a in notes.advice] == ["Start with herbs on a sunny windowsill."]
    assert drops.counts["advice that reports or describes the talk instead of a tip"] == 1


def test_a_paragraph_sentence_about_the_show_itself_goes_where_the_paragraph_says_more():
    t, blocks, by_id, locator = _setup()
    paragraph = (
        "The episode opens with upcoming events. It has 50K listeners. B explains how to grow herbs on a windowsill."
    )
    answer = {"title": "Gardens", "tagline": "Small gardens.", "summary": paragraph, "advice": [], "quotes": []}
    drops = Drops()
    document = _document(t, answer, Notes(), drops)
    assert document["summary"].startswith("B explains how to grow herbs on a windowsill.")
    assert drops.counts["summary sentence about the show itself (cut)"] == 2


def test_a_paragraph_stringing_topics_with_commas_reads_as_a_list():
    from summarizer.document import reads_as_list

    assert reads_as_list("They discuss privacy, consent, cookies, fake profiles, books, risks, engineering and more.")
    assert reads_as_list(
        "Nicolas recruits data engineers. The talk covers hiring, skills, tools, levels, diploma vs. formal"
        " education, projects, industries and more."
    )
    assert not reads_as_list(
        "Misra is a data scientist and content creator. She explains how she works, from models to dashboards."
        " She recommends asking questions before joining a company, and networking."
    )


def test_advice_citing_a_hosts_remark_before_the_guests_reply_is_credited_to_the_guest():
    t = parse_transcript(
        "\n".join(
            [
                "0:00 Maya: Welcome Tom. Pricing is where most people in this trade go wrong, I think.",
                "0:30 Tom: Track every job, even the small ones, you cannot price what you never measured.",
                "1:00 Maya: Let us talk about customers and what twenty years have taught you about them.",
            ]
        )
    )
    blocks = build_blocks(t)
    by_id = {b.id: b for b in blocks}
    cast = find_cast(t, EpisodeMeta(hosts=("Maya",), guests=("Tom",)))
    answer = _answer(advice=[{"block": 1, "speaker": "Maya", "text": "Measure every job before you set a price"}])
    notes = notes_from_map(answer, by_id, (), QuoteLocator(t, blocks), Drops(), cast)
    assert [(a.block, a.speaker) for a in notes.advice] == [(2, "Tom")]


def test_a_chapter_title_repeating_an_earlier_one_gives_way_to_its_keywords():
    t, blocks, by_id, _ = _setup()
    notes = Notes(sections=(Section(1, 3, "Watering", "Herbs need sun."), Section(4, 6, "watering", "Compost bins.")))
    drops = Drops()
    kept = consolidate(notes, by_id, drops, {4: "Compost, bins"}, min_seconds=0)
    assert [(s.title, s.summary) for s in kept.sections] == [
        ("Watering", "Herbs need sun."),
        ("Compost, bins", "Compost bins."),
    ]
    assert drops.counts["chapter title repeating an earlier one (titled from its words)"] == 1


def test_advice_restating_the_answers_own_summary_is_no_tip():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    answer = _answer(
        sections=[
            {
                "start_block": 1,
                "title": "Tomatoes",
                "summary": "B explains the watering schedules for balcony tomatoes in summer.",
            }
        ],
        advice=[
            {"block": 3, "speaker": None, "text": "Follow the watering schedules for balcony tomatoes in summer."},
            {"block": 4, "speaker": None, "text": "Water deeply twice a week early in the morning."},
        ],
    )
    notes = notes_from_map(answer, by_id, (1,), locator, drops)
    assert [a.text for a in notes.advice] == ["Water deeply twice a week early in the morning."]
    assert drops.counts["advice restating a chapter summary instead of a tip"] == 1


def test_a_sentence_crediting_the_host_goes_where_another_credits_the_guest_on_the_guests_floor():
    from summarizer.chapters import credit_guests

    t = parse_transcript(
        "0:00 Maya: Tell us about the shop you opened.\n"
        "0:10 Tom: I opened it near the station and fixed commuters' bikes every single morning for years.\n"
    )
    blocks = build_blocks(t)
    summary = "Maya discusses the shop near the station. Tom shares how he fixed commuters' bikes."
    notes = Notes(sections=(Section(blocks[0].id, blocks[-1].id, "The shop", summary),))
    drops = Drops()
    credited = credit_guests(notes, {b.id: b for b in blocks}, find_cast(t), drops)
    assert credited.sections[0].summary == "Tom shares how he fixed commuters' bikes."
    assert drops.counts["chapter summary sentence crediting the host beside the guest's (cut)"] == 1


def _credited_on_toms_floor(maya_says: str, summary: str) -> str:
    """A one-section summary credited on a stretch where Maya says `maya_says` and Tom holds the floor."""
    from summarizer.chapters import credit_guests

    t = parse_transcript(
        f"0:00 Maya: {maya_says}\n"
        "0:10 Tom: Fair enough. I opened my shop near the station and fixed commuters' bikes every single"
        " morning before work, and then I taught repair classes to students on Saturdays.\n"
    )
    blocks = build_blocks(t)
    notes = Notes(sections=(Section(blocks[0].id, blocks[-1].id, "Books", summary),))
    return credit_guests(notes, {b.id: b for b in blocks}, find_cast(t), Drops()).sections[0].summary


def test_a_summary_naming_the_host_for_what_the_host_says_on_the_guests_floor_stays():
    summary = "Maya mentions reading the Zinn book on wheel truing."
    assert _credited_on_toms_floor("I remember reading the Zinn book on wheel truing years ago.", summary) == summary


def test_a_summary_saying_the_host_discusses_what_he_asked_on_the_guests_floor_credits_the_guest():
    maya_says = "I remember reading the Zinn book on wheel truing years ago. Is it still good?"
    assert _credited_on_toms_floor(maya_says, "Maya discusses the Zinn book on wheel truing.") == (
        "Tom discusses the Zinn book on wheel truing."
    )


def test_the_guest_is_credited_from_three_words_in_five():
    from summarizer.chapters import credit_guests

    t = parse_transcript(
        "0:00 Maya: Tell us about the shop you opened.\n"  # 7 words of 21: the guest holds two thirds
        "0:10 Tom: I opened it near the station and fixed commuters' bikes every single morning.\n"
    )
    blocks = build_blocks(t)
    notes = Notes(sections=(Section(blocks[0].id, blocks[-1].id, "The shop", "Maya describes the shop."),))
    credited = credit_guests(notes, {b.id: b for b in blocks}, find_cast(t), Drops())
    assert credited.sections[0].summary == "Tom describes the shop."


def test_a_list_sentence_goes_from_a_summary_when_a_sentence_of_prose_remains():
    from summarizer.document import without_lists

    listed = "Tom repairs bikes. He opened a shop. Topics: brakes, tyres, chains, stands, tools, prices, and more."
    assert without_lists(listed) == "Tom repairs bikes. He opened a shop."
    assert without_lists("Tom repairs bikes. Topics: brakes, tyres, chains, stands, tools, prices, and more.") == (
        "Tom repairs bikes."
    )
    assert without_lists("Topics: brakes, tyres, chains, stands, tools, prices, and more.") is None


def test_a_list_sentence_keeps_what_it_says_before_the_list_and_the_sentence_after_its_colon():
    from summarizer.document import without_lists

    said = "Tom and Maya discuss bike repair at length, including brakes, tyres, chains, stands, tools, and prices."
    assert without_lists(said) == "Tom and Maya discuss bike repair at length."
    glued = "Tom and Maya, two mechanics, talk brakes, tyres, chains, stands, tools, prices: Tom opened a shop."
    assert without_lists(glued) == "Tom opened a shop."


def test_a_title_naming_only_the_host_of_the_guests_episode_names_the_guest():
    from summarizer.chapters import credit_guest

    t = parse_transcript(
        "0:00 Maya: Tell us about your shop.\n"
        "0:05 Tom: I opened it near the station and fixed commuters' bikes every single morning for years.\n"
    )
    by_id = {b.id: b for b in build_blocks(t)}
    assert credit_guest("Maya's Guide to Bike Repair", by_id, find_cast(t)) == "Tom's Guide to Bike Repair"
    assert credit_guest("Maya talks to Tom about bikes", by_id, find_cast(t)) == "Maya talks to Tom about bikes"


def test_a_paragraph_sentence_naming_only_the_host_of_the_guests_episode_goes_where_another_names_the_guest():
    from summarizer.chapters import credit_guest

    t = parse_transcript(
        "0:00 Maya: Tell us about your shop.\n"
        "0:05 Tom: I opened it near the station and fixed commuters' bikes every single morning for years.\n"
    )
    by_id = {b.id: b for b in build_blocks(t)}
    paragraph = "Maya hosts an episode on bike repair. Tom explains why commuters' bikes break. He sells spares."
    assert credit_guest(paragraph, by_id, find_cast(t)) == "Tom explains why commuters' bikes break. He sells spares."


def test_a_quote_that_is_already_a_tip_is_not_chosen_again():
    from summarizer.document import choose, says_again
    from summarizer.grounding import Located

    tips = [Advice("Buy a repair stand first.", "Tom", 1)]
    quotes = tuple(
        Located(text, None, None, "Tom", block)
        for text, block in (
            ("You should buy a repair stand first!", 2),
            ("I think the best money I ever spent was on a stand.", 3),
            ("Chains wear out.", 4),
        )
    )
    kept = choose(
        quotes, [1], "quote", least=2, text=lambda q: q.text, position=lambda q: None, duration=None,
        drops=Drops(), exclude=lambda q: any(says_again(t, q) for t in tips),
    )  # fmt: skip
    assert [q.text for q in kept] == ["I think the best money I ever spent was on a stand.", "Chains wear out."]


def test_a_tip_the_summary_reports_as_a_recommendation_is_kept():
    t, blocks, by_id, locator = _setup()
    drops = Drops()
    answer = _answer(
        sections=[
            {"start_block": 1, "title": "Herbs", "summary": "B recommends starting with herbs on a sunny windowsill."}
        ],
        advice=[{"block": 2, "speaker": None, "text": "B recommends starting with herbs on a sunny windowsill."}],
    )
    notes = notes_from_map(answer, by_id, (1,), locator, drops)
    assert [a.text for a in notes.advice] == ["Start with herbs on a sunny windowsill."]
    assert drops.counts["advice restating a chapter summary instead of a tip"] == 0


def test_what_host_and_guest_are_said_to_do_together_in_the_guests_episode_is_the_guests():
    from summarizer.chapters import credit_guest

    t = parse_transcript(
        "0:00 Maya: Tell us about your shop.\n"
        "0:05 Tom: I opened it near the station and fixed commuters' bikes every single morning for years.\n"
    )
    by_id = {b.id: b for b in build_blocks(t)}
    assert credit_guest("In this episode, Maya and Tom discuss bike repair.", by_id, find_cast(t)) == (
        "In this episode, Tom discusses bike repair."
    )
    assert credit_guest("Maya and Tom introduce themselves and discuss their careers.", by_id, find_cast(t)) == (
        "Maya introduces Tom, who discusses their careers."
    )
    assert credit_guest("Tom and Maya introduce themselves.", by_id, find_cast(t)) == "Maya introduces Tom."


def test_an_episode_ends_with_its_tips_and_quotes_per_hour_within_bounds():
    from summarizer.document import at_least

    assert at_least(3, 62 * 60, 6) == 4  # three an hour: a 62-minute episode needs four
    assert at_least(3, 60 * 60, 6) == 3 and at_least(3, 4 * 60, 6) == 3 and at_least(3, 5 * 3600, 6) == 6


def test_a_tip_sharing_one_word_with_its_passage_is_not_tied_to_it():
    t = parse_transcript(
        "0:00 Maya: So you mostly work with retail?\n0:05 Tom: Mostly bicycles, yes, and some prams.\n"
    )
    blocks = build_blocks(t)
    drops = Drops()
    invented = "Work with existing mechanics or create your own course to learn from their experiences."
    answer = _answer(advice=[{"block": 1, "speaker": None, "text": invented}])
    assert notes_from_map(answer, {b.id: b for b in blocks}, (), QuoteLocator(t, blocks), drops).advice == ()
    assert drops.counts["advice with nothing in common with its block"] == 1


def test_a_hosts_words_handed_back_as_advice_are_no_quote_of_an_interview():
    long_turn = (
        "So that is the careful part. The careless part is looking at every shiny tool in the catalogue and"
        " buying them all at once, because you fear missing out on something that the shop next door has."
    )
    notes, drops = _mapped(
        f"0:00 Maya: {long_turn}\n0:20 Tom: Yes, and then you never learn any of them properly at all.\n"
        "0:30 Maya: Tell us more.\n0:35 Tom: I opened the shop near the station and fixed bikes every morning.\n",
        _answer(advice=[{"block": 1, "speaker": None, "text": long_turn}]),
    )
    assert notes.quotes == () and drops.counts["quote by the host of an interview"] == 1


def test_advice_citing_a_hosts_summing_up_is_credited_to_the_guest_who_said_it():
    t = parse_transcript(
        "\n".join(
            [
                "0:00 Maya: How do you run the workshop week to week?",
                "0:10 Tom: We set clear prices for every repair and always align the work with the goals of the season.",
                "0:40 Maya: So what you do is set clear prices and align the work with seasonal goals. Nice.",
                "0:50 Maya: Let us move on to your suppliers and the parts you keep in stock.",
            ]
        )
    )
    blocks = build_blocks(t)
    by_id = {b.id: b for b in blocks}
    answer = _answer(
        advice=[{"block": 3, "speaker": None, "text": "Set clear prices and align work with seasonal goals."}]
    )
    notes = notes_from_map(answer, by_id, (), QuoteLocator(t, blocks), Drops(), find_cast(t))
    assert [(a.block, a.speaker) for a in notes.advice] == [(2, "Tom")]


def test_a_summary_paragraph_silent_on_the_end_is_completed_from_the_last_chapters_and_counted():
    t, blocks, _, _ = _setup()
    notes = Notes(
        sections=(
            Section(1, 2, "Windowsill herbs", "B starts herbs on a sunny windowsill."),
            Section(3, 4, "Watering tomatoes", "B waters balcony tomatoes deeply twice a week."),
            Section(5, 6, "Compost bins", "B keeps a small compost bin and turns it weekly."),
        )
    )
    answer = {"title": "Small gardens", "tagline": "Grow more.", "summary": "B grows herbs on a sunny windowsill.",
              "advice": [], "quotes": []}  # fmt: skip
    drops = Drops()
    doc = _document(t, answer, notes, drops)
    assert doc["summary"] == (
        "B grows herbs on a sunny windowsill. Later, B waters balcony tomatoes deeply twice a week."
        " Towards the end, B keeps a small compost bin and turns it weekly."
    )
    assert drops.counts["summary paragraph silent on a third of the episode (completed from its chapters)"] == 1


def test_a_summary_paragraph_past_five_sentences_keeps_its_first_five():
    t, blocks, _, _ = _setup()
    notes = Notes(sections=(Section(1, 6, "All", "all"),))
    crops = ["tomatoes", "carrots", "lettuce", "radishes", "peppers", "spinach", "onions", "garlic"]
    pasted = " ".join(f"B grows {crop}." for crop in crops)
    answer = {"title": "Small gardens", "tagline": "Grow more.", "summary": pasted, "advice": [], "quotes": []}
    drops = Drops()
    doc = _document(t, answer, notes, drops)
    assert doc["summary"] == " ".join(f"B grows {crop}." for crop in crops[:5])
    assert drops.counts["summary paragraph past five sentences (cut to its first)"] == 1


def test_a_tagline_trailing_into_a_list_of_topics_is_cut_before_the_list():
    t, blocks, _, _ = _setup()
    tagline = "B shares how a small balcony feeds a family, covering herbs, tomatoes, compost, bins, water, and sun."
    answer = {"title": "Small gardens", "tagline": tagline, "summary": "About gardens.", "advice": [], "quotes": []}
    drops = Drops()
    notes = Notes(sections=(Section(1, 6, "All", "all"),))
    doc = _document(t, answer, notes, drops)
    assert doc["tagline"] == "B shares how a small balcony feeds a family."
    assert drops.counts["tagline that was a list of topics (cut before the list)"] == 1


def test_advice_restating_the_hosts_request_to_the_guest_is_dropped_and_counted():
    t = parse_transcript(
        "0:00 so can you tell us about your compost bins and how small they are\n"
        "0:20 sure i keep the compost bin small and turn it every week so it never smells\n"
    )
    blocks = build_blocks(t)
    by_id = {b.id: b for b in blocks}
    drops = Drops()
    answer = _answer(
        advice=[
            {"block": blocks[0].id, "speaker": None, "text": "Tell people about your compost bins."},
            {"block": blocks[-1].id, "speaker": None, "text": "Turn the compost bin every week."},
        ]
    )
    notes = notes_from_map(answer, by_id, (), QuoteLocator(t, blocks), drops)
    assert [a.text for a in notes.advice] == ["Turn the compost bin every week."]
    assert drops.counts["advice restating a request put to the guest"] == 1


def test_a_quote_holding_a_tips_words_in_its_block_says_it_again():
    from summarizer.document import says_again
    from summarizer.grounding import Located

    tip = Advice(
        "Start with access management before a data governance team, then review every dataset quarterly.", "B", 7
    )
    again = "Absolutely. I think you need access management before you have a governance team."
    assert says_again(tip, Located(again, None, None, "B", 7))
    assert not says_again(tip, Located(again, None, None, "B", 30))  # four words of nine, elsewhere
    assert not says_again(tip, Located("Our first customer was a bank with no catalogue at all.", None, None, "B", 7))


def test_a_paragraph_sentence_saying_an_earlier_one_again_is_cut():
    from summarizer.document import distinct

    said = [
        "Maya welcomes Tom, who repairs bicycles in Leeds.",
        "Tom shares how he opened the workshop with a bank loan.",
        "They talk about how Tom opened his workshop with a loan from the bank.",
        "Tom explains why a repair stand saves hours.",
    ]
    assert distinct(said) == [said[0], said[1], said[3]]


def test_a_chapter_summary_keeps_only_sentences_written_about_the_talk():
    from summarizer.chapters import in_own_words

    said = "welcome to our event we have weekly events and this is one of them today we talk about tomatoes"
    summary = (
        "Welcome to the event. We have weekly events. You treat a balcony like a field."
        " Tom explains how he grows tomatoes on a balcony."
    )
    assert in_own_words(summary, said, "en") == "Tom explains how he grows tomatoes on a balcony."
    assert in_own_words("We hear how Tom grows tomatoes.", said, "en") == "We hear how Tom grows tomatoes."


def test_a_chapter_summary_copied_from_the_talk_with_its_fillers_is_no_summary():
    from summarizer.chapters import in_own_words

    said = "it could be personal projects that you do um and yeah just have a way of proving to these people"
    pasted = "Misra suggests personal projects that you do um and yeah just have a way of proving to these people."
    reworded = "Misra suggests personal projects as a way of proving your skills to these people."
    assert in_own_words(pasted, said, "en") == ""
    assert in_own_words(reworded, said, "en") == reworded


def test_a_map_section_summary_in_the_hosts_words_is_cut_and_counted():
    text = (
        "0:00 Maya: Welcome to the show, subscribe to our YouTube channel. My guest today is Tom Okafor.\n"
        "0:30 Tom: Thanks for having me. I grow tomatoes on a balcony in the city."
    )
    summary = "Subscribe to our YouTube channel for every episode. Maya introduces Tom, who grows tomatoes."
    notes, drops = _mapped(text, _answer(sections=[{"start_block": 1, "title": "Welcome", "summary": summary}]), (1,))
    assert [s.summary for s in notes.sections] == ["Maya introduces Tom, who grows tomatoes."]
    assert drops.counts["chapter summary sentence in the speakers' own words (cut)"] == 1


CAPTIONS = "\n".join(
    [
        "0:00 welcome back everyone my guest today is a gardener",
        "0:04 thanks i'm happy to be here",
        "0:08 i think the best gardens start with one herb on a sunny windowsill",
        "0:14 and you water it deeply twice a week",
    ]
)


def test_a_quote_from_captions_without_capitals_is_published_sentence_cased():
    t = parse_transcript(CAPTIONS)
    quote = QuoteLocator(t, build_blocks(t)).locate(
        "i think the best gardens start with one herb on a sunny windowsill"
    )
    notes = Notes(quotes=(quote,))
    answer = {"title": "Gardens", "tagline": "Herbs.", "summary": "A gardener on herbs.", "advice": [], "quotes": [1]}
    doc = _document(t, answer, notes, Drops())
    assert doc["quotes"][0]["text"].startswith("I think the best gardens start with one herb")


def test_sentence_casing_raises_the_first_letter_and_the_english_i_and_changes_no_word():
    assert sentence_cased("so i'm sure i think it is", "en") == "So I'm sure I think it is"
    assert sentence_cased("it is in it", "en") == "It is in it"
    assert sentence_cased("creo que sí", "es") == "Creo que sí"


def test_a_tip_of_a_passage_a_chosen_tip_gives_with_the_same_instruction_is_not_told_twice():
    from summarizer.advice import same_instruction
    from summarizer.document import choose
    from summarizer.grounding import one_passage

    chosen = Advice("Prioritize what is most important to you.", "B", 7)
    found = (
        Advice("Prioritize you, basically.", "B", 8),  # another block of the same time: one passage
        Advice("Buy a good chair too.", "B", 8),  # the same passage, another instruction: a tip of its own
    )
    starts = {7: 2760.0, 8: 2760.0}
    kept = choose(
        (chosen,),
        [1],
        "advice",
        least=5,
        more=found,
        text=lambda a: a.text,
        position=lambda a: starts[a.block],
        duration=3600.0,
        drops=Drops(),
        same=lambda k, a: (
            one_passage(k.block, starts[k.block], a.block, starts[a.block]) and same_instruction(k.text, a.text)
        ),
    )
    assert [a.text for a in kept] == ["Prioritize what is most important to you.", "Buy a good chair too."]


def test_never_two_quotes_from_one_passage():
    t, blocks, by_id, locator = _setup()
    first = locator.locate("the first thing I tell people is to start with herbs")
    second = locator.locate("start with herbs on a sunny windowsill")
    assert first.block == second.block
    answer = {"title": "Gardens", "tagline": "Herbs.", "summary": "A gardener.", "advice": [], "quotes": [1, 2]}
    drops = Drops()
    doc = _document(t, answer, Notes(quotes=(first, second)), drops)
    blocks_quoted = [q["block"] for q in doc["quotes"]]
    assert first.text in [q["text"] for q in doc["quotes"]] and len(blocks_quoted) == len(set(blocks_quoted))
    assert drops.counts["quote chosen from a passage already chosen from (left out)"] == 1


def test_an_invented_title_with_no_chapter_title_to_make_one_of_is_kept_and_counted():
    t, blocks, by_id, locator = _setup()
    notes = Notes(sections=(Section(1, blocks[-1].id, "Submarine hulls", "Hulls."),))
    answer = {"title": "Guide to Submarines", "tagline": "Subs.", "summary": "Subs.", "advice": [], "quotes": []}
    drops = Drops()
    doc = _document(t, answer, notes, drops)
    assert doc["title"] == "Guide to Submarines"
    assert drops.counts["title naming what the episode never says (kept: no chapter title to make one of)"] == 1


def _told(*summaries):
    """Chapters over blocks 1–3, 4–6 and 7–9 with these summaries."""
    return [
        {"start": i * 600.0, "end": i * 600.0 + 600, "first_block": 3 * i + 1, "last_block": 3 * i + 3,
         "title": f"Part {i}", "summary": s}
        for i, s in enumerate(summaries)
    ]  # fmt: skip


def _line(text, block, speaker="B"):
    from summarizer.grounding import Located

    return Located(text, block * 200.0, block * 200.0 + 20, speaker, block)


def test_a_chapter_without_a_summary_is_told_by_the_best_line_said_in_it_with_who_said_it():
    from summarizer.chapters import in_their_words

    passages = [_line("Compost needs turning every single week.", 5), _line("Water deeply twice a week.", 4)]
    told = in_their_words(_told("On herbs.", "", "On bins."), passages, [], {"B": "Bea"}.get, Drops())
    assert [c["summary"] for c in told] == ["On herbs.", "Bea: “Compost needs turning every single week.”", "On bins."]


def test_a_chapter_is_not_told_by_a_passage_already_quoted():
    from summarizer.chapters import in_their_words

    passages = [_line("Compost needs turning every single week.", 5), _line("Water deeply twice a week.", 4)]
    told = in_their_words(_told("On herbs.", "", "On bins."), passages, passages[:1], {"B": "Bea"}.get, Drops())
    assert told[1]["summary"] == "Bea: “Water deeply twice a week.”"


def test_a_chapter_with_no_line_worth_quoting_in_it_keeps_no_summary():
    from summarizer.chapters import in_their_words

    drops = Drops()
    told = in_their_words(_told("On herbs.", "", "On bins."), [_line("Herbs on a sill.", 2)], [], {}.get, drops)
    assert told[1]["summary"] == "" and not drops.counts


def test_a_chapter_the_model_wrote_no_summary_for_is_told_in_the_document_by_a_line_said_there():
    t = parse_transcript(
        "0:00 Maya: Welcome back. Where should a new gardener start when space is tight?\n"
        "0:30 Tom: I always tell people that herbs on a sunny windowsill teach you more than any book on soil.\n"
        "10:00 Maya: What about watering tomatoes on a balcony in the middle of summer?\n"
        "10:30 Tom: I think deep watering twice a week beats a splash every evening, because roots follow water.\n"
        "11:30 Maya: Really?\n"
        "11:40 Tom: Honestly, the worst balcony tomatoes I ever grew were the ones I watered every single day.\n"
        "20:00 Maya: And compost in a flat?\n"
        "20:30 Tom: I believe a small compost bin turned every week never smells, whatever the neighbours fear.\n"
    )
    notes = Notes(
        sections=(
            Section(1, 2, "Windowsill herbs", "Tom starts herbs on a sunny windowsill."),
            Section(3, 6, "Watering, tomatoes", ""),
            Section(7, 8, "Compost bins", "Tom keeps a small compost bin and turns it weekly."),
        )
    )
    answer = {"title": "Small gardens", "tagline": "Grow more.", "summary": "About small gardens.",
              "advice": [], "quotes": []}  # fmt: skip
    doc = _document(t, answer, notes, Drops())
    told = doc["chapters"][1]["summary"]
    assert told.startswith("Tom: “") and told.endswith("”")
    line = told[len("Tom: “") : -1]
    assert line in (t.segments[3].text, t.segments[5].text)  # the transcript's own words, said there
    assert line not in [q["text"] for q in doc["quotes"]]  # not a line already quoted


def test_a_section_summary_broken_off_mid_phrase_loses_its_unfinished_sentence():
    from summarizer.chapters import finished

    broken = "Tom explains how he opened the shop. He challenged his apprentices to "
    assert finished(broken, "en") == "Tom explains how he opened the shop."
    assert finished("Tom explains how he opened the shop", "en") == "Tom explains how he opened the shop"


def test_a_map_answer_whose_summary_breaks_off_keeps_its_finished_sentences_and_counts_the_cut():
    t, blocks, by_id, locator = _setup()
    answer = _answer(
        sections=[{"start_block": 1, "title": "Herbs", "summary": "B starts with herbs. B then moves on to"}]
    )
    drops = Drops()
    notes = notes_from_map(answer, by_id, [1], locator, drops)
    assert notes.sections[0].summary == "B starts with herbs."
    assert drops.counts["chapter summary sentence broken off (cut)"] == 1


def test_a_section_written_one_stretch_late_moves_onto_the_stretch_its_words_are_said_in():
    from summarizer.chapters import realigned

    t = parse_transcript(
        "0:00 Maya: Where do beginners start?\n"
        "0:10 Tom: Basil and parsley herbs on a sunny windowsill, watered from below.\n"
        "5:00 Maya: And kitchen scraps?\n"
        "5:10 Tom: Compost them: turn the compost weekly, keep it damp, layer browns over greens.\n"
        "10:00 Maya: Anything else?\n"
        "10:10 Tom: Nothing much, thanks for having me, it was lovely.\n"
    )
    blocks = build_blocks(t)
    by_id = {b.id: b for b in blocks}
    notes = Notes(
        sections=(
            Section(1, 2, "Windowsill herbs", "Tom grows basil and parsley herbs on a sunny windowsill."),
            Section(3, 4, "Thanks and goodbyes", "Tom thanks Maya for having him."),
            Section(5, 6, "Composting", "Tom turns his compost weekly, keeps it damp and layers browns over greens."),
        )
    )
    drops = Drops()
    placed = realigned(notes, by_id, drops, {3: "Compost, scraps", 5: "Lovely, thanks"})
    assert [(s.start_block, s.title) for s in placed.sections] == [
        (1, "Windowsill herbs"),
        (3, "Composting"),
        (5, "Lovely, thanks"),  # the stretch it left keeps its start, titled from its words
    ]
    assert placed.sections[1].summary.startswith("Tom turns his compost weekly") and placed.sections[2].summary == ""
    assert drops.counts["section written for the stretch beside its start (moved there)"] == 1
    assert drops.counts["section telling little of its stretch, where another belongs (dropped)"] == 1


def test_sections_on_their_own_stretches_stay_where_they_are():
    from summarizer.chapters import realigned

    t = parse_transcript(
        "0:00 Tom: Basil and parsley herbs on a sunny windowsill, watered from below.\n"
        "5:00 Tom: Compost them: turn the compost weekly, keep it damp, layer browns over greens.\n"
    )
    blocks = build_blocks(t)
    notes = Notes(
        sections=(
            Section(1, 1, "Windowsill herbs", "Tom grows basil and parsley herbs on a sunny windowsill."),
            Section(2, 2, "Composting", "Tom turns his compost weekly and keeps it damp."),
        )
    )
    assert realigned(notes, {b.id: b for b in blocks}, Drops()) == notes
