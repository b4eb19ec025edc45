"""The budget guard: what a run will cost, estimated before its first call and enforced during it.

Pure logic. Prices are USD per million tokens from `pricing.json` (shipped with the package, dated,
and overridable with `--pricing FILE`); the embedded model costs nothing but still counts tokens.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import BudgetError, InputError
from .validation import validation_errors


@dataclass(frozen=True)
class Price:
    input: float  # USD per million prompt tokens
    output: float  # USD per million completion tokens

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (prompt_tokens * self.input + completion_tokens * self.output) / 1_000_000


FREE = Price(0.0, 0.0)


def load_pricing(override: Path | None = None) -> dict[str, Price]:
    """The shipped table, with the entries of `override` (same shape) added or replacing."""
    table = json.loads((resources.files("summarizer") / "pricing.json").read_text(encoding="utf-8"))["models"]
    if override is not None:
        try:
            extra = json.loads(override.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{override}: pricing file cannot be read ({exc})") from None
        errors = validation_errors(extra, "pricing")
        if errors:
            raise InputError(f"{override}: not a valid pricing file: {errors[0]}")
        table = {**table, **extra["models"]}
    return {name: Price(p["input"], p["output"]) for name, p in table.items()}


def price_for(model: str, table: dict[str, Price]) -> Price | None:
    """The price of `model`, or of the longest listed name it starts with (dated snapshots)."""
    if model in table:
        return table[model]
    prefixes = [name for name in table if model.startswith(name + "-")]
    return table[max(prefixes, key=len)] if prefixes else None


@dataclass(frozen=True)
class Limits:
    max_tokens: int | None = None
    max_cost: float | None = None
    price: Price | None = None

    def __post_init__(self) -> None:
        if self.max_cost is not None and self.price is None:
            raise InputError("--max-cost needs the model's price: add it to a --pricing file")

    @property
    def active(self) -> bool:
        """Whether any limit is set (a known price alone limits nothing)."""
        return self.max_tokens is not None or self.max_cost is not None


@dataclass(frozen=True)
class Plan:
    """An upper bound for a run: exact prompt tokens for the map, full answer budgets everywhere."""

    calls: int
    prompt_tokens: int
    completion_tokens: int

    def describe(self, price: Price | None) -> str:
        text = f"{self.calls} calls, {self.prompt_tokens:,} prompt + up to {self.completion_tokens:,} completion tokens"
        if price is not None:
            text += f", up to ${price.cost(self.prompt_tokens, self.completion_tokens):.4f}"
        return text


class Budget:
    """Tokens and money spent so far in one run, checked before every call."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.prompt_tokens = 0
        self.completion_tokens = 0

    @property
    def spent(self) -> float:
        return self.limits.price.cost(self.prompt_tokens, self.completion_tokens) if self.limits.price else 0.0

    def _over(self, prompt_tokens: int, completion_tokens: int) -> str | None:
        tokens = self.prompt_tokens + self.completion_tokens + prompt_tokens + completion_tokens
        if self.limits.max_tokens is not None and tokens > self.limits.max_tokens:
            return f"{tokens:,} tokens, over --max-tokens {self.limits.max_tokens:,}"
        if self.limits.max_cost is not None and self.limits.price is not None:
            cost = self.limits.price.cost(
                self.prompt_tokens + prompt_tokens, self.completion_tokens + completion_tokens
            )
            if cost > self.limits.max_cost:
                return f"${cost:.4f}, over --max-cost ${self.limits.max_cost:.4f}"
        return None

    def check_plan(self, plan: Plan) -> None:
        """Refuse, before anything is sent, a run whose upper bound is past a limit."""
        over = self._over(plan.prompt_tokens, plan.completion_tokens)
        if over:
            raise BudgetError(
                f"this run could use {over} ({plan.describe(self.limits.price)}); nothing was sent:"
                " raise the limit, or lower --chunk-tokens",
                tokens_spent=self.prompt_tokens + self.completion_tokens,
                before_any_call=True,
            )

    def before_call(self, prompt_tokens: int, max_tokens: int) -> None:
        """Stop before a call that could take the run past a limit (re-asks can outgrow the plan)."""
        over = self._over(prompt_tokens, max_tokens)
        if over:
            raise BudgetError(
                f"stopped before a call that could bring the run to {over};"
                f" {self.prompt_tokens + self.completion_tokens:,} tokens spent so far, answers kept for a rerun",
                tokens_spent=self.prompt_tokens + self.completion_tokens,
                before_any_call=False,
            )

    def add(self, prompt_tokens: int, completion_tokens: int) -> None:
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
