"""retell.engines.llm.client: configuration order, response formats, retries, one-line errors."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from llm_fake import closed_port, fake_server
from retell.engines.llm.client import DEFAULT_BASE_URL, Client, Config, resolve_config
from retell.errors import (
    LLMAuthError,
    LLMConnectionError,
    LLMError,
    LLMModelError,
    LLMTimeoutError,
)


def test_config_flags_then_retell_env_then_openai_env() -> None:
    env = {
        "RETELL_LLM_BASE_URL": "http://retell:1/v1/",
        "OPENAI_BASE_URL": "http://openai:2/v1",
        "RETELL_LLM_MODEL": "m-env",
        "OPENAI_API_KEY": "k-openai",
    }
    cfg = resolve_config({}, env)
    assert (cfg.base_url, cfg.model, cfg.api_key) == ("http://retell:1/v1", "m-env", "k-openai")
    cfg = resolve_config({"base_url": "http://flag:3/v1", "model": "m-flag", "api_key": "k"}, env)
    assert (cfg.base_url, cfg.model, cfg.api_key) == ("http://flag:3/v1", "m-flag", "k")
    cfg = resolve_config({"base_url": None, "timeout": "7"}, {"OPENAI_BASE_URL": "http://o/v1"})
    assert cfg.base_url == "http://o/v1" and cfg.timeout == 7.0
    assert resolve_config({}, {}).base_url == DEFAULT_BASE_URL
    assert resolve_config({}, {"RETELL_LLM_API_KEY": "a", "OPENAI_API_KEY": "b"}).api_key == "a"


def test_model_defaults_to_first_listed_and_key_is_sent() -> None:
    with fake_server(lambda req: "hello", models=("first", "second"), key="sekrit") as srv:
        with Client(Config(base_url=srv.base_url, api_key="sekrit")) as client:
            assert client.chat([{"role": "user", "content": "hi"}]) == "hello"
        assert srv.requests[0]["model"] == "first"


def test_json_schema_rejected_falls_back_to_json_object_and_remembers() -> None:
    def reply(req: dict[str, Any]) -> Any:
        fmt = (req.get("response_format") or {}).get("type")
        if fmt == "json_schema":
            return 400, {"error": {"message": "json_schema is not supported"}}
        return '{"headline": "x"}'

    with fake_server(reply) as srv:
        with Client(Config(base_url=srv.base_url, model="m")) as client:
            assert client.chat([], schema={"type": "object"}) == '{"headline": "x"}'
            client.chat([], schema={"type": "object"})
        kinds = [(r.get("response_format") or {}).get("type") for r in srv.requests]
        assert kinds == ["json_schema", "json_object", "json_object"]
        assert srv.requests[1]["response_format"]["schema"] == {"type": "object"}


def test_server_errors_are_retried_with_backoff() -> None:
    calls = {"n": 0}

    def reply(req: dict[str, Any]) -> Any:
        calls["n"] += 1
        return (503, {"error": "busy"}) if calls["n"] < 3 else "ok"

    with fake_server(reply) as srv:
        cfg = Config(base_url=srv.base_url, model="m", retries=2, backoff=0.01)
        with Client(cfg) as client:
            assert client.chat([]) == "ok"
    assert calls["n"] == 3


def test_persistent_server_error_names_the_url() -> None:
    with fake_server(lambda req: (500, {"error": {"message": "boom"}})) as srv:
        cfg = Config(base_url=srv.base_url, model="m", retries=1, backoff=0.01)
        with Client(cfg) as client, pytest.raises(LLMError, match="HTTP 500: boom"):
            client.chat([])


def test_connection_refused_fails_fast_naming_url_and_variable() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    started = time.monotonic()
    client = Client(Config(base_url=url, retries=5, backoff=10))
    with client, pytest.raises(LLMConnectionError) as info:
        client.chat([])
    assert time.monotonic() - started < 10  # no backoff: refused is not retried
    msg = str(info.value)
    assert url in msg and "RETELL_LLM_BASE_URL" in msg and "make llm-server" in msg
    assert "\n" not in msg
    assert info.value.exit_code == 2


def test_refused_key_is_an_auth_error() -> None:
    with fake_server(lambda req: "x", key="right") as srv:
        client = Client(Config(base_url=srv.base_url, api_key="wrong"))
        with client, pytest.raises(LLMAuthError, match="RETELL_LLM_API_KEY") as info:
            client.chat([])
    assert srv.base_url in str(info.value)


def test_unknown_model_is_a_model_error() -> None:
    def reply(req: dict[str, Any]) -> Any:
        return 404, {"error": {"message": f"model '{req['model']}' not found, try pulling it"}}

    with fake_server(reply) as srv:
        client = Client(Config(base_url=srv.base_url, model="nope"))
        with client, pytest.raises(LLMModelError, match="RETELL_LLM_MODEL") as info:
            client.chat([])
    assert "'nope'" in str(info.value)


def test_server_listing_no_model_is_a_model_error() -> None:
    with (
        fake_server(lambda req: "x", models=()) as srv,
        Client(Config(base_url=srv.base_url)) as client,
        pytest.raises(LLMModelError),
    ):
        client.model()


def test_timeout_is_reported_not_retried() -> None:
    with fake_server(lambda req: "late", delay=1.5) as srv:
        cfg = Config(base_url=srv.base_url, model="m", timeout=0.3, retries=3, backoff=5)
        client = Client(cfg)
        with client, pytest.raises(LLMTimeoutError, match="RETELL_LLM_TIMEOUT") as info:
            client.chat([])
        assert len(srv.requests) == 1
    assert srv.base_url in str(info.value)


def test_wrong_path_hints_at_the_base_url() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, text="Not Found")

    cfg = Config(base_url="http://example.test", model="m")
    client = Client(cfg, transport=httpx.MockTransport(handler))
    with client, pytest.raises(LLMError, match="end in /v1"):
        client.chat([])


def test_odd_answer_shapes_give_empty_text() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"choices": [{"message": {"content": None}}]})

    cfg = Config(base_url="http://example.test/v1", model="m")
    with Client(cfg, transport=httpx.MockTransport(handler)) as client:
        assert client.chat([]) == ""


def test_a_configured_model_the_server_does_not_list_is_refused_before_any_work() -> None:
    # llama.cpp answers for any model name; checking GET /models makes a typo fail everywhere
    with fake_server(lambda req: "hello", models=("gemma-3-270m",)) as srv:
        client = Client(Config(base_url=srv.base_url, model="gemma-3-27b"))
        with client, pytest.raises(LLMModelError, match="gemma-3-27b"):
            client.chat([{"role": "user", "content": "hi"}])
        assert srv.requests == []


def test_a_server_without_a_model_list_still_takes_the_configured_model() -> None:
    with (
        fake_server(lambda req: "hello", models=()) as srv,
        Client(Config(base_url=srv.base_url, model="anything")) as client,
    ):
        assert client.chat([{"role": "user", "content": "hi"}]) == "hello"
