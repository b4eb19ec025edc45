"""The budget guard: refused before the first call, or stopped before the call that would pass it."""

from __future__ import annotations

import asyncio
import json

import pytest

from helpers import TRANSCRIPT, scripted_provider
from scripted_server import Fault, ScriptedServer
from summarizer.budget import Budget, Limits, Plan, Price, load_pricing, price_for
from summarizer.cli import main
from summarizer.errors import BudgetError, InputError
from summarizer.pipeline import Pipeline, Settings
from summarizer.store import AnswerStore


def _pipeline(server, store=None, **limits) -> Pipeline:
    return Pipeline(
        scripted_provider(server), store, Settings(chunk_tokens=400, concurrency=1, limits=Limits(**limits))
    )


def test_dated_model_names_take_the_price_of_their_family():
    table = load_pricing()
    assert price_for("gpt-4o-mini-2024-07-18", table) == table["gpt-4o-mini"]
    assert price_for("gpt-4o-2024-08-06", table) == table["gpt-4o"]
    assert price_for("llama-3-8b", table) is None


def test_a_pricing_file_adds_and_replaces_prices(tmp_path):
    override = tmp_path / "prices.json"
    override.write_text(
        json.dumps({"models": {"gpt-4o": {"input": 1, "output": 2}, "mine": {"input": 0, "output": 0}}})
    )
    table = load_pricing(override)
    assert table["gpt-4o"] == Price(1, 2) and table["mine"] == Price(0, 0) and "gpt-4o-mini" in table
    override.write_text(json.dumps({"models": {"x": {"input": "cheap"}}}))
    with pytest.raises(InputError, match="not a valid pricing file"):
        load_pricing(override)


def test_max_cost_needs_a_price():
    with pytest.raises(InputError, match="--max-cost needs the model's price"):
        Limits(max_cost=1.0, price=None)


def test_the_plan_is_an_upper_bound_of_what_the_run_spends():
    with ScriptedServer() as server:
        pipeline = _pipeline(server)
        plan = pipeline.plan(TRANSCRIPT)
        assert server.requests == []
        result = asyncio.run(pipeline.run(TRANSCRIPT))
    assert plan.calls == result.stats.calls
    assert plan.prompt_tokens >= result.stats.request_tokens
    assert plan.completion_tokens >= result.stats.completion_tokens


def test_a_run_over_max_tokens_is_refused_before_any_call():
    with ScriptedServer() as server:
        with pytest.raises(BudgetError, match=r"over --max-tokens 5,000 .*nothing was sent"):
            asyncio.run(_pipeline(server, max_tokens=5_000).run(TRANSCRIPT))
    assert server.requests == []


def test_a_run_over_max_cost_is_refused_before_any_call():
    with ScriptedServer() as server:
        pipeline = _pipeline(server, max_cost=0.01, price=Price(input=1.0, output=4.0))
        with pytest.raises(BudgetError, match=r"over --max-cost \$0.0100"):
            asyncio.run(pipeline.run(TRANSCRIPT))
    assert server.requests == []


def test_answers_in_the_store_cost_nothing_in_the_plan(tmp_path):
    store = AnswerStore(tmp_path / "answers.sqlite")
    with ScriptedServer() as server:
        pipeline = _pipeline(server, store)
        before = pipeline.plan(TRANSCRIPT)
        asyncio.run(pipeline.run(TRANSCRIPT))
        after = pipeline.plan(TRANSCRIPT)
    assert (after.calls, after.completion_tokens) == (1, 1500)  # only the reduce, which needs the map's notes
    assert after.prompt_tokens < before.prompt_tokens


def test_re_asks_that_would_pass_the_limit_stop_the_run_and_keep_the_answers(tmp_path):
    store = AnswerStore(tmp_path / "answers.sqlite")
    with ScriptedServer() as server:
        plan = _pipeline(server).plan(TRANSCRIPT)
        limit = plan.prompt_tokens + plan.completion_tokens + 100
        server.script(*[Fault(body="word " * 8000, finish_reason="length")] * 3)  # 24,000 tokens the plan never saw
        with pytest.raises(BudgetError, match="stopped before a call .*answers kept for a rerun"):
            asyncio.run(_pipeline(server, store, max_tokens=limit).run(TRANSCRIPT))
    answered = store.stats().answers
    assert 1 <= answered < plan.calls - 2 and len(server.requests) == 3 + answered


def test_budget_counts_what_was_spent():
    budget = Budget(Limits(max_tokens=1_000))
    budget.add(600, 100)
    budget.before_call(200, 100)
    with pytest.raises(BudgetError, match="1,001 tokens, over --max-tokens 1,000; 700 tokens spent so far"):
        budget.before_call(200, 101)


def test_dry_run_prints_the_plan_and_calls_nothing(tmp_path, capsys, server):
    transcript = tmp_path / "ep.txt"
    transcript.write_text("\n".join(f"{s.start // 60:.0f}:{s.start % 60:02.0f} {s.text}" for s in TRANSCRIPT.segments))
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"models": {"scripted": {"input": 0.5, "output": 1.5}}}))
    argv = ["run", str(transcript), "--base-url", server.base_url, "--model", "scripted", "--dry-run"]
    assert main([*argv, "--pricing", str(prices), "--chunk-tokens", "400", "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ep: ") and "calls" in out and "up to $0.0" in out
    assert server.requests == [] and not (tmp_path / "out").exists()


def test_max_cost_for_a_model_without_a_price_is_a_one_line_error(tmp_path, capsys, server):
    transcript = tmp_path / "ep.txt"
    transcript.write_text("0:00 hello\n0:05 world\n")
    argv = ["run", str(transcript), "--base-url", server.base_url, "--model", "scripted", "--max-cost", "1"]
    assert main([*argv, "-o", str(tmp_path / "out")]) == 2
    assert "--max-cost needs the model's price" in capsys.readouterr().err and server.requests == []


def test_plan_describes_itself():
    assert Plan(3, 1200, 900).describe(Price(1.0, 2.0)) == (
        "3 calls, 1,200 prompt + up to 900 completion tokens, up to $0.0030"
    )


def test_a_catalogue_is_refused_when_all_its_episodes_together_pass_the_limit(tmp_path, capsys, server):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(
            "\n".join(f"{s.start // 60:.0f}:{s.start % 60:02.0f} {s.text}" for s in TRANSCRIPT.segments)
        )
    with ScriptedServer() as one:
        single = _pipeline(one).plan(TRANSCRIPT)
    limit = str(int((single.prompt_tokens + single.completion_tokens) * 1.5))
    argv = ["run", str(folder), "--base-url", server.base_url, "--model", "m", "--chunk-tokens", "400"]
    assert main([*argv, "--concurrency", "1", "--max-tokens", limit, "-o", str(tmp_path / "out")]) == 1
    assert "nothing was sent" in capsys.readouterr().err and server.requests == []
