"""Typed errors. Each carries a message a user can act on and the exit code the CLI uses."""


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


class AccessError(ProviderError):
    """The endpoint refuses every request (bad key, unknown model, wrong URL): the run stops at once."""


class AnswerError(SummarizerError):
    """The model kept answering with something unusable after every re-ask."""


class ModelFileError(SummarizerError):
    """The local model file is missing, corrupt or cannot be assembled."""


class BudgetError(SummarizerError):
    """The run would spend more than the caller allowed."""


class StoreError(SummarizerError):
    """The answer store cannot be opened or read; the message names the file and the fix."""

    exit_code = 2
