from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.config import RunConfig
from summarizer.providers import choose, make_provider
from summarizer.providers.openai_provider import OpenAIProvider, retry_after


def test_explicit_provider_flag_wins(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    assert choose(RunConfig(provider="local")) == "local"


@pytest.mark.parametrize(
    "env,options",
    [
        ({"OPENAI_API_KEY": "sk-x"}, RunConfig()),
        ({"OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}, RunConfig()),
        ({}, RunConfig(base_url="http://127.0.0.1:1/v1")),
    ],
)
def test_a_key_or_endpoint_selects_the_openai_client(monkeypatch, env, options):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert choose(options) == "openai"


def test_nothing_configured_selects_the_embedded_model():
    assert choose(RunConfig()) == "local"
    assert choose(RunConfig(model_path=Path("m.gguf"))) == "local"


def test_base_url_without_model_name_is_an_input_error():
    with pytest.raises(InputError, match="--model is required"):
        make_provider(RunConfig(base_url="http://127.0.0.1:1/v1"), print)


def test_model_name_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL", "my-model")
    provider = make_provider(RunConfig(base_url="http://127.0.0.1:1/v1"), print)
    assert isinstance(provider, OpenAIProvider) and provider.model == "my-model"


def test_missing_model_file_is_a_one_line_error(tmp_path):
    from summarizer.errors import ModelFileError

    provider = make_provider(RunConfig(model_path=tmp_path / "absent.gguf"), print)
    with pytest.raises(ModelFileError, match="absent.gguf: model file not found"):
        provider.load()


class _Response:
    def __init__(self, headers):
        self.headers = headers


class _Error(Exception):
    def __init__(self, headers):
        self.response = _Response(headers)


@pytest.mark.parametrize(
    "headers,seconds",
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after": "soon"}, None),
        ({}, None),
        ({"retry-after": "9999"}, 120.0),
    ],
)
def test_retry_after_headers_are_read_and_capped(headers, seconds):
    assert retry_after(_Error(headers)) == seconds
