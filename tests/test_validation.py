import asyncio
import json

import pytest

from summarizer.errors import AnswerError
from summarizer.validation import (
    Reply,
    ask_valid,
    load_schema,
    model_schema,
    strict_problems,
    validation_errors,
)

GOOD_MAP = {"sections": [], "advice": [], "quotes": [], "resources": []}


@pytest.mark.parametrize("name", ["map", "merge", "reduce"])
def test_model_facing_schemas_are_accepted_by_strict_mode(name):
    assert strict_problems(model_schema(name)) == []


def test_strict_check_names_what_strict_mode_refuses():
    loose = {"type": "object", "properties": {"a": {"type": "string", "minLength": 2}}, "required": []}
    problems = strict_problems(loose)
    assert any("additionalProperties" in p for p in problems)
    assert any("required" in p for p in problems)
    assert any("minLength" in p for p in problems)


def test_all_schemas_are_draft_2020_12():
    for name in ("map", "merge", "reduce", "summary"):
        assert load_schema(name)["$schema"].endswith("2020-12/schema")


def test_validation_errors_carry_json_paths():
    bad = dict(GOOD_MAP, sections=[{"start_block": "one", "title": "t", "summary": "s"}])
    assert validation_errors(bad, "map") == ["$.sections[0].start_block: 'one' is not of type 'integer'"]


class FakeModel:
    """Replies in order; records what it was asked (the pure re-ask loop, no HTTP involved)."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.asked: list[tuple[list, int]] = []

    async def __call__(self, messages, schema_name, max_tokens):
        self.asked.append((messages, max_tokens))
        return self.replies.pop(0)


def _reply(text: str, finish: str = "stop") -> Reply:
    return Reply(text=text, prompt_tokens=10, completion_tokens=5, finish_reason=finish)


def test_schema_invalid_answer_is_re_asked_with_the_errors():
    model = FakeModel(_reply('{"sections": []}'), _reply(json.dumps(GOOD_MAP)))
    answer = asyncio.run(ask_valid(model, [{"role": "user", "content": "x"}], "map", 100))
    assert answer.data == GOOD_MAP and answer.calls == 2 and answer.prompt_tokens == 20
    reask = model.asked[1][0]
    assert reask[1]["role"] == "assistant" and "'advice' is a required property" in reask[2]["content"]


def test_truncated_answer_gets_a_larger_budget_not_the_same_call():
    model = FakeModel(_reply('{"sections": [', "length"), _reply(json.dumps(GOOD_MAP)))
    asyncio.run(ask_valid(model, [{"role": "user", "content": "x"}], "map", 100))
    assert [budget for _, budget in model.asked] == [100, 200]
    assert len(model.asked[1][0]) == 1


CUT_AFTER_SECTIONS = (
    '{"sections": [{"start_block": 1, "title": "Repairs, first", "summary": "Tom says \\"buy a stand]\\"."}],'
    ' "advice": [{"block": 3, "speaker": null, "text": "Keep a log of every job."}, {"block": 4, "spea'
)


def test_an_answer_cut_off_after_its_first_list_keeps_its_complete_items_without_another_call():
    model = FakeModel(_reply(CUT_AFTER_SECTIONS, "length"))
    answer = asyncio.run(ask_valid(model, [{"role": "user", "content": "x"}], "map", 100))
    assert answer.calls == 1 and answer.cut_off
    assert answer.data == {
        "sections": [{"start_block": 1, "title": "Repairs, first", "summary": 'Tom says "buy a stand]".'}],
        "advice": [{"block": 3, "speaker": None, "text": "Keep a log of every job."}],
        "quotes": [],
        "resources": [],
    }


def test_an_answer_cut_off_inside_its_first_list_is_asked_again():
    from summarizer.validation import salvaged

    assert salvaged('{"sections": [{"start_block": 1, "title": "A", "summary": "S"}, {"start_', "map") is None


def test_gives_up_after_the_bounded_attempts_with_a_clear_error():
    model = FakeModel(*[_reply("not json")] * 3)
    with pytest.raises(AnswerError, match="no valid map answer after 3 attempts: not valid JSON"):
        asyncio.run(ask_valid(model, [{"role": "user", "content": "x"}], "map", 100, attempts=3))
    assert len(model.asked) == 3


def test_fenced_json_is_accepted():
    model = FakeModel(_reply("```json\n" + json.dumps(GOOD_MAP) + "\n```"))
    assert asyncio.run(ask_valid(model, [{"role": "user", "content": "x"}], "map", 100)).data == GOOD_MAP


@pytest.mark.parametrize("name", ["map", "merge", "reduce"])
def test_model_schemas_bound_lists_but_not_string_lengths(name):
    """llama-cpp-python turns maxLength into one nested grammar rule per character: 300 made each
    constrained token several times slower, 1200 crashed it. Lists are bounded instead."""
    text = json.dumps(model_schema(name))
    assert "maxLength" not in text and "maxItems" in text


def test_an_answer_looping_on_itself_is_told_from_one_that_says_something():
    from summarizer.validation import runs_away

    opening = '{"sections": [{"start_block": 87, "title": "Learning a Little Bit", "summary": "Misra suggests'
    loop = " focusing on a specific use case and once you achieve this result. Misra suggests"
    assert not runs_away(opening + loop * 2)
    assert runs_away(opening + loop * 3)
    sections = ", ".join(
        f'{{"start_block": {n}, "title": "Part {n}", "summary": "Tom explains the repairs of part {n}."}}'
        for n in range(1, 9)
    )
    assert not runs_away('{"sections": [' + sections + "]")
