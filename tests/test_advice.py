"""Tips said in the episode, found in the words: instructions and marked recommendations, not stories."""

from summarizer.advice import find_advice
from summarizer.cast import find_cast
from summarizer.chunking import build_blocks
from summarizer.transcript import parse_transcript

TEXT = "\n".join(
    [
        "0:00 Maya: Welcome. Start by telling us about the shop.",
        "0:10 Tom: Sure. I wanted to make sure the shop paid for itself. Buy a repair stand before anything else."
        " My advice is to track every job you do in a notebook. Look, I still work Saturdays.",
        "1:00 Tom: Don't buy every tool at once, because most of them sit in a drawer. He said “you should quit”."
        " Should you oil the chain weekly? It depends on the rain.",
        "1:40 Tom: Take a cheap bike as an example of what breaks first.",
    ]
)


def _tips(language: str = "en") -> list[tuple[str | None, str]]:
    t = parse_transcript(TEXT)
    return [(tip.speaker, tip.text) for tip in find_advice(build_blocks(t), find_cast(t), language)]


def test_instructions_and_marked_recommendations_by_the_guest_are_tips():
    assert _tips() == [
        ("Tom", "Buy a repair stand before anything else."),
        ("Tom", "Track every job you do in a notebook."),
        ("Tom", "Don't buy every tool at once, because most of them sit in a drawer."),
    ]


def test_a_language_without_its_own_phrases_finds_no_tips():
    assert _tips("xx") == []


def test_a_reported_tip_becomes_the_instruction_it_reports():
    from summarizer.advice import as_instruction

    assert as_instruction("Misra suggests building small projects first. She also says more.") == (
        "Build small projects first."
    )
    assert as_instruction("Katharine encourages listeners to reach out to the publisher.") == (
        "Reach out to the publisher."
    )
    assert as_instruction("The guest suggests that you keep a notebook.") == "Keep a notebook."
    assert as_instruction("Tom recommends making a budget.") == "Make a budget."
    assert as_instruction("Alexey suggested starting with one client.") == "Start with one client."


def test_a_tip_reported_against_or_through_a_that_clause_becomes_the_instruction():
    from summarizer.advice import as_instruction

    assert as_instruction("Maria advises against choosing a tool the platform team does not use.") == (
        "Avoid choosing a tool the platform team does not use."
    )
    assert as_instruction("Misra suggests that it's important to ask about the team before you apply.") == (
        "Ask about the team before you apply."
    )
    assert as_instruction("Misra suggests that data scientists should learn SQL early.") == "Learn SQL early."


def test_a_tip_told_to_a_group_becomes_the_instruction():
    from summarizer.advice import as_instruction

    assert as_instruction("Data engineers should focus on access management first.") == (
        "Focus on access management first."
    )
    assert as_instruction("Developers need to be cautious about tuning prompts.") == "Be cautious about tuning prompts."
    assert as_instruction("Data engineers are the ones who keep pipelines running.") is None
    assert as_instruction("Data scientists should shift their mindset early.") == "Shift your mindset early."
    assert as_instruction("Misra suggests that people who want to start should read papers.") is None


def test_a_description_of_the_talk_is_no_tip():
    from summarizer.advice import as_instruction

    assert as_instruction("Rob emphasizes the advantages of small teams.") is None
    assert as_instruction("Rob explained the advantages of small teams.") is None
    assert as_instruction("Misra suggests that perspective shifts are important.") is None
    assert as_instruction("Start with fewer tools.") == "Start with fewer tools."


def test_a_verb_phrase_judged_as_a_whole_is_a_fragment_not_a_tip():
    from summarizer.advice import as_instruction, is_fragment

    assert is_fragment("Replace one model with another and add images would be much easier with that framework.")
    assert is_fragment("Write a summary is really helpful")
    assert as_instruction("Write a summary is really helpful.") is None
    assert not is_fragment("Make sure the data is clean before you train.")
    assert not is_fragment("Choose a niche where competition is low.")
    assert not is_fragment("Learn SQL, it is the foundation of everything else.")


def test_a_reported_tip_on_a_prefixed_verb_keeps_its_final_e():
    from summarizer.advice import as_instruction

    assert as_instruction("Tom suggests rewriting your CV for every job.") == "Rewrite your CV for every job."
    assert as_instruction("Tom recommends reorganizing the shop by season.") == "Reorganize the shop by season."


def test_a_tip_under_a_heading_keeps_the_instruction_and_drops_the_rest():
    from summarizer.advice import as_instruction

    assert (
        as_instruction("Pricing: charge by the project, not by the hour.") == "Charge by the project, not by the hour."
    )
    assert as_instruction("Freelancing vs Company Full-Time: depends on what you want to do") is None


def test_a_tip_the_speaker_broke_off_is_a_fragment_in_any_language():
    from summarizer.advice import is_fragment

    assert is_fragment("Understand if there's a potential...")
    assert is_fragment("Prüfe zuerst, ob es wirklich ein Problem gibt …", "de")
    text = "0:00 Ana: But you have to understand if there's a potential... Is there really a problem?\n"
    transcript = parse_transcript(text)
    assert find_advice(build_blocks(transcript), find_cast(transcript)) == []


def test_fragment_rules_are_english_only():
    from summarizer.advice import is_fragment

    assert not is_fragment("Write a summary is really helpful", "xx")


def test_a_recommendation_as_said_becomes_the_instruction_it_makes():
    from summarizer.advice import spoken_instruction

    assert spoken_instruction("For me, you need to understand the big picture.") == "Understand the big picture."
    assert spoken_instruction("It's really important to know the concepts.") == "Know the concepts."
    assert spoken_instruction("My advice is to start small.") == "Start small."
    assert spoken_instruction("You need to be patient.") == "Be patient."
    assert spoken_instruction("I think the market is hot.") is None
    assert spoken_instruction("You have to ask.") is None  # a verb alone says too little to follow


def test_a_tip_keeps_the_condition_it_holds_for():
    from summarizer.advice import spoken_instruction
    from summarizer.evaluate import is_instruction

    tip = spoken_instruction("If you rent out bikes, you should check the brakes after every ride.")
    assert tip == "If you rent out bikes, check the brakes after every ride."
    assert is_instruction(tip)
    text = "0:00 Maya: And agencies?\n0:05 Tom: If you sign with an agency, you should keep to a single agency.\n"
    t = parse_transcript(text)
    assert [tip.text for tip in find_advice(build_blocks(t), find_cast(t))] == [
        "If you sign with an agency, keep to a single agency."
    ]
    assert spoken_instruction("Tienes que empezar con poco.", "es") is None  # English phrases only for English


def test_a_statement_is_no_instruction():
    from summarizer.advice import is_fragment

    assert is_fragment("Data science is directly applicable in astronomy and cosmology.")
    assert not is_fragment("Ensure the data is clean before training.")
    assert not is_fragment("Attend meetups where recruiters are present.")


def test_a_plug_or_a_recommendation_with_no_instruction_in_it_is_no_tip_found_in_the_words():
    text = (
        "0:00 Maya: So what should people do?\n"
        "0:05 Tom: If you find anything interesting, let me know and maybe we'll hire you. "
        "Any tasks where you need to scale things out. Listen, I'm going to look for any advantage. "
        "For a small shop, you need to keep fixed costs down so your savings last.\n"
    )
    t = parse_transcript(text)
    tips = [tip.text for tip in find_advice(build_blocks(t), find_cast(t))]
    assert tips == ["For a small shop, keep fixed costs down so your savings last."]


def test_a_live_shows_housekeeping_is_no_tip():
    from summarizer.advice import plugs

    assert plugs("Ask your question about the guest's career journey.")
    assert plugs("Start the questions.")
    assert not plugs("Ask questions to understand what waits for you at a new company.")


def test_a_reported_tip_in_another_language_is_dropped_not_rewritten():
    from summarizer.advice import as_instruction

    assert as_instruction("Felix empfiehlt einen Montageständer als ersten Schritt.", "de") is None
    assert (
        as_instruction("Kauf dir zuerst einen guten Montageständer.", "de")
        == "Kauf dir zuerst einen guten Montageständer."
    )
    assert as_instruction("Andrés recomienda empezar con pocas herramientas.", "es") is None


def test_a_tip_telling_the_speakers_own_story_is_a_fragment():
    from summarizer.advice import is_fragment

    assert is_fragment("Go on a two week course from the manufacturer, and it was the best money I spent in years.")
    assert not is_fragment("Go on a two week course from the manufacturer.")
    assert is_fragment("If you search for my shop, find a review of me.")  # about the speaker, not for the listener
    assert is_fragment("If anybody wants to reach out or connect, do so.")  # nothing to do but the condition


def test_a_tip_made_of_housekeeping_said_around_a_plug_is_no_tip():
    from summarizer.advice import housekeeping

    passage = (
        "during today's interview you can ask any question you want there is a pinned link in the live chat"
        " click on it and ask your question"
    )
    assert housekeeping("Ask any question you want during the interview.", passage)
    assert not housekeeping("Ask questions to the company you are applying to.", passage)
    assert not housekeeping("Ask any question you want during the interview.", "you can ask any question you want")


def test_a_tip_made_mostly_of_a_shows_run_of_plugs_is_no_tip():
    from summarizer.advice import housekeeping

    intro = (
        "do not forget to subscribe to our channel and then we have an amazing slack community where you can"
        " register and hang out with other riders and ask any question you want in the live chat"
    )
    assert housekeeping("Join the amazing Slack community where you can ask any question.", intro)
    assert not housekeeping("Ask a mechanic before you buy a used frame.", intro)


def _caption_tips(lines: list[str]) -> list[str]:
    t = parse_transcript("\n".join(f"0:{n * 3:02d} {line}" for n, line in enumerate(lines)))
    return [tip.text for tip in find_advice(build_blocks(t), find_cast(t))]


def test_in_captions_a_tip_runs_from_its_recommending_phrase_to_where_a_new_clause_turns():
    assert _caption_tips(
        [
            "so when you start out in the shop you should really",
            "think about what kind of repairs you want to do",
            "and then the rest of it follows from there",
        ]
    ) == ["Think about what kind of repairs you want to do."]


def test_in_captions_a_tip_running_into_the_next_sentence_or_cut_off_is_no_tip():
    assert (
        _caption_tips(
            [
                "i joined a new shop last spring you should go",
                "check it out it's a great shop we're building wheels",
                "and then for money you should set aside some",
                "and then we talked about the season for a while",
            ]
        )
        == []
    )


def test_captions_in_a_language_without_words_for_a_garbled_tip_give_no_tip_found_in_the_words():
    lines = ["mi consejo es comprar un soporte de taller primero", "y luego hablamos de otra cosa"]
    t = parse_transcript("\n".join(f"0:{n * 3:02d} {line}" for n, line in enumerate(lines)))
    assert find_advice(build_blocks(t), find_cast(t, language="es"), "es") == []


def test_a_warning_becomes_the_instruction_not_to():
    from summarizer.advice import recommendation, spoken_instruction

    assert recommendation("You don't want to be the guinea pig, unless you've earned some trust.") == (
        "Don't be the guinea pig, unless you've earned some trust."
    )
    assert recommendation("If you freelance, you shouldn't work for one client only.") == (
        "If you freelance, don't work for one client only."
    )
    assert recommendation("I would not recommend starting with deep learning.") == "Don't start with deep learning."
    assert recommendation("You shouldn't have too many beta readers, I think.") == "Don't have too many beta readers."
    assert spoken_instruction("You don't want your bot to promise discounts you don't offer.") == (
        "Don't let your bot promise discounts you don't offer."
    )


def test_lifting_a_duty_is_no_warning():
    from summarizer.advice import recommendation

    assert recommendation("You don't need to know every library by heart.") is None
    assert recommendation("You don't use Spark for that kind of data.") is None


def test_a_request_written_with_a_curly_apostrophe_is_a_request():
    from summarizer.advice import requested

    passage = "Welcome, Maria! Let’s start with your background. Can you tell us about your career journey so far?"
    assert requested("Start by understanding your career journey so far.", passage)


def test_a_recommendation_written_with_curly_apostrophes_is_found():
    text = "0:00 Ana: I’d recommend starting with one tool at a time. Don’t put all your eggs in one basket.\n"
    transcript = parse_transcript(text)
    tips = {t.text for t in find_advice(build_blocks(transcript), find_cast(transcript))}
    assert tips == {"Start with one tool at a time.", "Don't put all your eggs in one basket."}


def test_a_tip_restating_a_request_put_to_the_guest_is_no_tip():
    from summarizer.advice import requested

    passage = "before we go into our main topic can you tell us about your career journey so far sure so i started"
    assert requested("Tell them about your career journey and background.", passage)
    assert not requested("Tell recruiters about your side projects.", passage)
    assert not requested("Tell them about your career journey.", "tell us about your career journey")  # no request
    assert requested("Start with your background.", "Before our main topic, let's start with your background.")


def test_a_tip_opening_on_a_modal_has_lost_its_subject():
    from summarizer.advice import as_instruction, is_fragment

    assert is_fragment("Can find data sets from open data portals.")
    assert as_instruction("Misra suggests that people can find data sets on open data portals.") == (
        "Find data sets on open data portals."
    )


def test_a_tip_the_model_phrases_as_a_recommendation_becomes_the_instruction():
    from summarizer.advice import as_instruction

    assert as_instruction("It's important to think about the work you want before you apply.") == (
        "Think about the work you want before you apply."
    )
    assert as_instruction("Misra advocates for attending industry conferences.") == "Attend industry conferences."
    assert as_instruction("Misra advocates for a generalist approach to data science.") is None


def test_a_tip_opening_on_a_pronoun_article_or_number_is_a_statement():
    from summarizer.advice import is_fragment

    assert is_fragment("One thing could be working at a product company.")
    assert is_fragment("You can use open datasets to practise.")
    assert is_fragment("Transitioning into industry can be hard, but it's important to stay focused.")
    assert is_fragment("Once you have your foot in the door the rest is history.")
    assert is_fragment("Another way to create metrics that help is by using pre-trained models directly.")
    assert not is_fragment("Bring a spare tube on long rides.")
    assert not is_fragment("Always test your models on fresh data.")
    assert not is_fragment("If you freelance, apply through one agency.")


def test_a_recommendation_for_somebody_becomes_the_instruction():
    from summarizer.advice import spoken_instruction

    assert spoken_instruction("It's important for organizations to have a strong data team.") == (
        "Have a strong data team."
    )
    assert spoken_instruction("It's important for the business.") is None


def test_a_report_after_a_description_of_the_talk_gives_the_tip():
    from summarizer.advice import as_instruction

    assert as_instruction("Misra gives advice on roles. He recommends focusing on generalist skills.") == (
        "Focus on generalist skills."
    )
    assert as_instruction("Maria defines MLOps as a set of practices. She emphasizes the importance of it.") is None
    assert as_instruction("Refinery makes it easier to label data.") is None


def test_what_a_subject_can_do_is_a_statement_not_a_tip():
    from summarizer.advice import is_fragment

    assert is_fragment("Regular reviews of roles will definitely help with the role explosion problem.")
    assert not is_fragment("Seek feedback so you can improve.")
    assert not is_fragment("Find somebody who can teach you.")


def test_an_aside_between_dashes_is_no_judgement_of_the_tip():
    from summarizer.advice import is_fragment

    assert not is_fragment("Listen to your end users — data scientists are crucial here — and adjust.")


def test_a_sentence_telling_the_speakers_own_story_is_no_tip_found_in_the_words():
    text = "0:00 Maya: How do people find you?\n0:05 Tom: I think if you put in my name and the shop, you should get a hit for me.\n"
    t = parse_transcript(text)
    assert find_advice(build_blocks(t), find_cast(t)) == []


def test_an_impersonal_recommendation_is_found_but_a_teams_own_duty_is_not():
    text = (
        "0:00 Maya: What matters when you start?\n"
        "0:05 Tom: It's really important to check every used frame for cracks before you pay.\n"
        "0:20 Tom: We need to prevent the churn of our regular customers every winter.\n"
        "0:40 Tom: The best thing you can do is — try to fix your own bike once a week.\n"
    )
    t = parse_transcript(text)
    assert [tip.text for tip in find_advice(build_blocks(t), find_cast(t))] == [
        "Check every used frame for cracks before you pay.",
        "Try to fix your own bike once a week.",
    ]


def test_a_recommended_verb_without_its_object_is_no_instruction():
    from summarizer.advice import spoken_instruction

    assert spoken_instruction("It's good to do – it keeps your skills sharp.") is None


def test_a_recommended_gerund_becomes_the_instruction():
    from summarizer.advice import spoken_instruction

    assert spoken_instruction("I would really recommend starting in a consultancy.") == "Start in a consultancy."
    assert spoken_instruction("I'd recommend for people to try a small project first.") == (
        "Try a small project first."
    )
    assert spoken_instruction("It's important to bring your own data.") == "Bring your own data."


def test_a_recommendation_in_the_present_becomes_the_instruction_with_each_gerund_made_a_verb():
    from summarizer.advice import recommendation

    assert recommendation("I always suggest looking at the market first and working backwards from there.") == (
        "Look at the market first and work backwards from there."
    )
    assert recommendation(
        "That's why when people want to get into freelance, I always advise them to put money aside."
    ) == ("When people want to get into freelance, put money aside.")


def test_the_most_important_thing_or_what_to_do_said_first_leads_to_the_instruction():
    from summarizer.advice import recommendation

    assert recommendation("The most important thing is to true the wheel before you touch the brakes.") == (
        "True the wheel before you touch the brakes."
    )
    assert recommendation("Then what you need to do is actually check the chain for stretch.") == (
        "Check the chain for stretch."
    )
    assert recommendation("But what I always suggest is to buy a repair stand before any tools.") == (
        "Buy a repair stand before any tools."
    )


def test_a_recommending_phrase_said_again_after_and_is_left_out_of_the_instruction():
    from summarizer.advice import spoken_instruction

    assert spoken_instruction("You need to send the invoice on time and you have to keep every receipt.") == (
        "Send the invoice on time and keep every receipt."
    )
    assert spoken_instruction("You should check the chain, you should oil it every month.") == (
        "Check the chain, oil it every month."
    )


def test_the_biggest_thing_said_to_be_a_thing_is_no_instruction():
    from summarizer.advice import recommendation

    assert recommendation("But the biggest thing is system thinking, not just the choice of tools.") is None


def test_a_tip_ends_before_the_list_trails_off():
    from summarizer.advice import recommendation

    assert recommendation("You should keep spare tubes, tyre levers and so forth.") == "Keep spare tubes, tyre levers."
    assert recommendation("Build your repair log, check your stock, and so on.") == (
        "Build your repair log, check your stock."
    )


def test_a_thing_recommended_is_no_instruction():
    from summarizer.advice import recommendation

    assert recommendation("I highly recommend two books on this subject by the same author.") is None


def test_merely_opening_a_recommendation_is_dropped_but_not_after_a_warning():
    from summarizer.advice import spoken_instruction

    assert spoken_instruction("You should just start with the simple stuff.") == "Start with the simple stuff."
    assert spoken_instruction("You shouldn't just give them an open-ended task.") == (
        "Don't just give them an open-ended task."
    )


def test_an_instruction_pointing_back_at_what_was_said_is_a_fragment_but_a_clause_after_its_verb_is_not():
    from summarizer.advice import is_fragment

    assert is_fragment("Do this yearly tax.")
    assert is_fragment("As an organization, take that responsibility.")
    assert not is_fragment("Understand that your colleagues have failures too.")
    assert is_fragment("Set them in perspective.") and is_fragment("Do it in a scalable way.")
    assert not is_fragment("Keep it as simple as you can.") and not is_fragment("Give it a try for one year.")


def test_a_tip_ends_before_the_concession_that_limits_it():
    from summarizer.advice import recommendation

    assert recommendation("Talk to many people to understand their problems, but it is harder to find out more.") == (
        "Talk to many people to understand their problems."
    )
    assert recommendation("Don't input some crazy stuff into the model, obviously – but still, people may.") == (
        "Don't input some crazy stuff into the model."
    )


def test_a_softened_opening_is_judged_by_the_word_after_it():
    from summarizer.advice import is_fragment

    assert is_fragment("Just enough to have one full if-else statement")
    assert not is_fragment("Just ship the first version this week.")
    assert not is_fragment("Definitely not specialize as a junior person.")


def test_an_order_made_of_the_speakers_own_story_is_told_as_story_but_a_recommendation_is_not():
    from summarizer.advice import told_as_story

    story = "I used to make many excuses and will continue to do so for my whole career. Then it changed."
    assert told_as_story("Try not to make excuses for yourself.", story)
    suggested = "I always suggest looking at the market first and working backwards from there."
    assert not told_as_story("Start by looking at the market first and working backwards from there.", suggested)
    assert not told_as_story("Track every job you take.", "You should track every job you take, even small ones.")
    practice = "We set clear prices for every repair and align the work with the season."
    assert not told_as_story("Set clear prices for every repair.", practice)  # what they do: maybe the advice


def test_the_clause_a_long_sentence_leads_up_to_is_a_tip():
    from summarizer.advice import spoken_tip

    assert spoken_tip("What I always tell people who join a small shop – you have to track every job.") == (
        "Track every job."
    )
    assert spoken_tip("One thing matters more than the rest: buy a repair stand before anything else.") == (
        "Buy a repair stand before anything else."
    )


def test_the_clause_a_condition_leads_up_to_keeps_its_condition_or_is_no_tip():
    from summarizer.advice import spoken_tip

    assert spoken_tip("If a recruiter calls – you should ask for the salary range.") == (
        "If a recruiter calls, ask for the salary range."
    )
    long_condition = (
        "If someone asked you a question in an interview about this tool or that one – you should be able to answer."
    )
    assert spoken_tip(long_condition) is None  # never `Be able to answer.`


def test_a_condition_followed_by_an_instruction_is_a_tip():
    from summarizer.advice import spoken_tip

    assert (
        spoken_tip("If you know someone there, ask for a referral.") == "If you know someone there, ask for a referral."
    )


def test_a_tip_ends_where_the_transcript_ran_on_past_its_sentence_in_lower_case():
    from summarizer.advice import spoken_tip

    assert spoken_tip("If you know someone there, ask for a referral. it always helps to pass the first step.") == (
        "If you know someone there, ask for a referral."
    )


def test_an_instruction_whose_object_is_a_pronoun_past_its_verb_leans_on_what_came_before():
    from summarizer.advice import spoken_tip

    assert spoken_tip("But you should be able to talk about it in detail.") is None
    assert spoken_tip("You should think about them as an investor would.") is None
    assert spoken_tip("You should try to apply this job description to your past experience.") == (
        "Try to apply this job description to your past experience."
    )


def test_words_said_again_across_a_dash_are_said_once_in_the_tip():
    from summarizer.advice import spoken_tip

    assert spoken_tip("You should be able to explain the trade-offs – trade-offs in time and money.") == (
        "Be able to explain the trade-offs in time and money."
    )
    assert spoken_tip("You should learn SQL – SQL is the foundation.") == "Learn SQL – SQL is the foundation."


def test_a_tip_running_into_what_follows_from_it_is_a_statement():
    from summarizer.advice import spoken_tip

    assert (
        spoken_tip("If you apply to five jobs, work on five take-home assignments, it will take the entire week.")
        is None
    )


def test_a_clause_about_the_speakers_own_team_is_no_tip():
    from summarizer.advice import spoken_tip

    assert spoken_tip("We talk to the wholesalers – take their frames and test them in our workshop.") is None


def test_a_fact_to_remember_is_no_tip_unless_it_says_what_to_do():
    from summarizer.advice import as_instruction

    assert as_instruction("Remember that your shop's name reads the same backwards.") is None
    assert as_instruction("Understand that bike repair has changed a lot in recent years.") is None
    assert as_instruction("Remember that it's important to check the brakes first.") == "Check the brakes first."
    assert as_instruction("Keep in mind the cost of spare parts when you set prices.") == (
        "Keep in mind the cost of spare parts when you set prices."
    )


def test_a_passage_that_gives_no_advice_is_told_from_one_that_does():
    from summarizer.advice import said_as_advice

    assert not said_as_advice("My mother says the name was a coincidence. It reads the same both ways.")
    assert said_as_advice("Honestly, it's worth asking a mechanic before you buy.")
    assert said_as_advice("So buy a repair stand first. It pays for itself.")
    assert not said_as_advice("Phase one was statistics, I would say. Then I went to industry.")  # an aside
    assert said_as_advice("I would start with a used bike. It pays for itself.")
    assert said_as_advice("my mother says the name was a coincidence it reads the same both ways")  # no sentences


def test_a_purpose_the_passage_never_says_is_cut_from_a_models_tip():
    from summarizer.advice import without_unsaid_purpose

    passage = "I look for people who know cloud tools, AWS or Google Cloud, and who automated something."
    tip = "Look for candidates who know cloud tools to help streamline the process and improve efficiency."
    assert without_unsaid_purpose(tip, passage) == "Look for candidates who know cloud tools."


def test_a_purpose_the_passage_says_stays():
    from summarizer.advice import without_unsaid_purpose

    passage = "Automate schema checks so that you never push incompatible schema changes to production."
    tip = "Automate schema checks so that you never push incompatible schema changes."
    assert without_unsaid_purpose(tip, passage) == tip
    assert without_unsaid_purpose("Rest to improve efficiency.", passage) == "Rest to improve efficiency."


def test_have_before_a_past_participle_is_what_should_have_been_not_an_instruction():
    from summarizer.advice import spoken_instruction

    assert spoken_instruction("You need to have given the insights and just enable it.") is None
    assert spoken_instruction("You should have learned the basics first.") is None
    assert spoken_instruction("You need to have automated processes.") == "Have automated processes."


def test_a_tip_whose_whole_object_is_the_and_a_noun_its_passage_says_again_leans_on_that_passage():
    t = parse_transcript(
        "0:00 Maya: How do you set goals?\n"
        "0:05 Tom: The target keeps moving every season. You need to hit the target. It is hard.\n"
        "1:00 Maya: And when it scares you?\n"
        "1:05 Tom: At some point, you have to take the leap. Nobody else will do it.\n"
    )
    tips = [tip.text for tip in find_advice(build_blocks(t), find_cast(t))]
    assert tips == ["At some point, take the leap."]


def test_the_other_or_last_thing_to_do_is_an_instruction_and_to_not_is_dont():
    from summarizer.advice import spoken_instruction

    assert spoken_instruction("The other thing is to not be afraid to be visible.") == "Don't be afraid to be visible."
    assert spoken_instruction("The last thing is to show that you care about the job.") == (
        "Show that you care about the job."
    )
