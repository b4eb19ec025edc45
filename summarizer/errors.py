"""Typed errors. Each carries a message a user can act on, the exit code the CLI uses, and the
fields a caller needs to act on it in code (which chunk, how many attempts, what was spent)."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class: a failure the CLI reports as one line, without a traceback."""

    exit_code = 1


class InputError(SummarizerError):
    """The transcript or an option is unusable; nothing was sent to a model."""

    exit_code = 2


class OutputError(SummarizerError):
    """The output folder cannot be written."""

    exit_code = 2


class ProviderError(SummarizerError):
    """The model endpoint refused the request in a way retrying cannot fix."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status, where there was one


class AccessError(ProviderError):
    """The endpoint refuses every request (bad key, unknown model, wrong URL): the run stops at once."""


class AnswerError(SummarizerError):
    """The model kept answering with something unusable after every re-ask."""

    def __init__(
        self,
        message: str,
        *,
        step: str,
        attempts: int,
        errors: tuple[str, ...] = (),
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
    ) -> None:
        super().__init__(message)
        self.step = step
        self.attempts = attempts
        self.errors = errors  # what was wrong with the last answer
        self.prompt_tokens = prompt_tokens  # spent on the attempts, all lost
        self.completion_tokens = completion_tokens


class ChunkFailed(SummarizerError):
    """One chunk could not be answered; everything else already answered is in the store."""

    def __init__(
        self,
        message: str,
        *,
        chunk: int,
        chunks: int,
        first_block: int,
        last_block: int,
        failed: int,
        cause: SummarizerError,
    ) -> None:
        super().__init__(message)
        self.chunk = chunk  # 0-based index of the first chunk that failed
        self.chunks = chunks
        self.first_block = first_block
        self.last_block = last_block
        self.failed = failed  # how many chunks failed in all
        self.cause = cause


class ModelFileError(SummarizerError):
    """The local model file is missing, corrupt or cannot be assembled."""


class BudgetError(SummarizerError):
    """The run would spend more than the caller allowed."""

    def __init__(self, message: str, *, tokens_spent: int, before_any_call: bool) -> None:
        super().__init__(message)
        self.tokens_spent = tokens_spent
        self.before_any_call = before_any_call  # refused from the plan: nothing was sent


class StoreError(SummarizerError):
    """The answer store cannot be opened or read; the message names the file and the fix."""

    exit_code = 2
