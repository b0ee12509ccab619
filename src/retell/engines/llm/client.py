"""A small client for any OpenAI-compatible chat server (Ollama, vLLM, llama.cpp, OpenAI).

Why httpx and not the ``openai`` SDK: the SDK is an optional extra, its retry policy retries on
connection refused (we must fail fast there), and its exceptions would need translating anyway.
Everything this engine needs is two endpoints: ``GET /models`` and ``POST /chat/completions``.

Configuration is read flags first, then environment (see :func:`resolve_config`). Every failure the
user can fix becomes a :class:`retell.errors.LLMError` subclass whose one-line message names the URL
and the variable to set.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import httpx

from retell.errors import (
    LLMAuthError,
    LLMConnectionError,
    LLMError,
    LLMModelError,
    LLMTimeoutError,
)

__all__ = ["DEFAULT_BASE_URL", "Config", "Client", "resolve_config"]

DEFAULT_BASE_URL = "http://127.0.0.1:8081/v1"
DEFAULT_TIMEOUT = 30.0
_RETRY_STATUS = {408, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Config:
    """Where the server is and how to talk to it.

    ``timeout`` bounds one HTTP request; ``retries`` is how many times a transient failure (HTTP
    429/5xx, a dropped connection) is retried with exponential backoff starting at ``backoff`` seconds.
    Connection refused is never retried: nothing will start listening in the next second.
    """

    base_url: str = DEFAULT_BASE_URL
    model: str | None = None
    api_key: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    retries: int = 2
    backoff: float = 0.5
    max_tokens: int = 400
    temperature: float = 0.2


def _first(*values: Any) -> Any:
    for v in values:
        if v is not None and v != "":
            return v
    return None


def resolve_config(
    extra: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> Config:
    """Build a :class:`Config` from engine options (``extra``: flags) then the environment.

    Args:
        extra: keys ``base_url``, ``model``, ``api_key``, ``timeout`` (seconds), ``retries``,
            ``max_tokens``, ``temperature``; missing or ``None`` values fall through.
        env: the environment (``os.environ`` when omitted): ``RETELL_LLM_BASE_URL``,
            ``RETELL_LLM_MODEL``, ``RETELL_LLM_API_KEY``, then ``OPENAI_BASE_URL``,
            ``OPENAI_API_KEY``, ``RETELL_LLM_TIMEOUT``.

    Returns:
        The configuration; the model may still be ``None`` (the client then asks ``/models``).
    """
    extra = extra or {}
    env = os.environ if env is None else env
    base = _first(
        extra.get("base_url"),
        env.get("RETELL_LLM_BASE_URL"),
        env.get("OPENAI_BASE_URL"),
        DEFAULT_BASE_URL,
    )
    timeout = _first(extra.get("timeout"), env.get("RETELL_LLM_TIMEOUT"), DEFAULT_TIMEOUT)
    cfg = Config(
        base_url=str(base).rstrip("/"),
        model=_first(extra.get("model"), env.get("RETELL_LLM_MODEL")),
        api_key=_first(
            extra.get("api_key"), env.get("RETELL_LLM_API_KEY"), env.get("OPENAI_API_KEY")
        ),
        timeout=float(timeout),
    )
    for key in ("retries", "max_tokens", "temperature", "backoff"):
        if extra.get(key) is not None:
            cfg = replace(cfg, **{key: type(getattr(cfg, key))(extra[key])})
    return cfg


class Client:
    """Chat completions against one OpenAI-compatible server.

    Args:
        config: where and how; see :class:`Config`.
        transport: an httpx transport, for tests (``httpx.MockTransport``).
    """

    def __init__(self, config: Config, *, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        headers = {"Content-Type": "application/json"}
        if config.api_key:
            headers["Authorization"] = f"Bearer {config.api_key}"
        # connect timeout kept short so "nobody there" is known within seconds, whatever the
        # read timeout (a slow model on 2 cores may legitimately take a minute to answer).
        timeout = httpx.Timeout(config.timeout, connect=min(5.0, config.timeout))
        self._http = httpx.Client(headers=headers, timeout=timeout, transport=transport)
        self._model: str | None = config.model
        self._model_checked = False
        # which response_format the server accepted last; None = not yet known
        self._format: str | None = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- errors ------------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        return f"{self.config.base_url}{path}"

    def _connection_error(self) -> LLMConnectionError:
        return LLMConnectionError(
            f"no LLM server answered at {self.config.base_url} — start one (make llm-server) "
            "or set RETELL_LLM_BASE_URL"
        )

    def _timeout_error(self) -> LLMTimeoutError:
        return LLMTimeoutError(
            f"the LLM server at {self.config.base_url} did not answer within "
            f"{self.config.timeout:g} s — try a smaller model or raise RETELL_LLM_TIMEOUT"
        )

    def _status_error(self, resp: httpx.Response, model: str | None) -> LLMError:
        detail = _error_detail(resp)
        if resp.status_code in (401, 403):
            return LLMAuthError(
                f"the LLM server at {self.config.base_url} refused the API key "
                f"(HTTP {resp.status_code}) — set RETELL_LLM_API_KEY (or OPENAI_API_KEY)"
            )
        if resp.status_code in (400, 404) and model and _mentions_model(resp):
            return self._model_error(model)
        hint = ""
        if resp.status_code in (404, 405):
            hint = " — check RETELL_LLM_BASE_URL (OpenAI-compatible servers usually end in /v1)"
        return LLMError(
            f"the LLM server at {self.config.base_url} answered HTTP {resp.status_code}"
            + (f": {detail[:160]}" if detail else "")
            + hint
        )

    def _model_error(self, model: str | None) -> LLMModelError:
        return LLMModelError(
            f"the LLM server at {self.config.base_url} does not know the model {model!r} — "
            "set RETELL_LLM_MODEL to one it serves (GET /models lists them)"
        )

    # -- transport ----------------------------------------------------------------------------

    def _request(
        self, method: str, path: str, body: dict[str, Any] | None = None
    ) -> httpx.Response:
        """One request with retries on transient failures; LLMError on anything else."""
        attempt = 0
        while True:
            try:
                resp = self._http.request(method, self._url(path), json=body)
            except httpx.ConnectError as exc:
                # refused / DNS failure: fail fast, retrying will not make a server appear
                raise self._connection_error() from exc
            except httpx.ConnectTimeout as exc:
                raise self._connection_error() from exc
            except httpx.TimeoutException as exc:
                # not retried: a model that needed more than the timeout once will again, and
                # the user must hear about it within the timeout, not a multiple of it
                raise self._timeout_error() from exc
            except httpx.TransportError as exc:  # connection reset mid-answer, etc.
                if attempt >= self.config.retries:
                    raise LLMError(
                        f"the LLM server at {self.config.base_url} dropped the connection ({exc})"
                    ) from exc
            else:
                if resp.status_code not in _RETRY_STATUS or attempt >= self.config.retries:
                    return resp
            time.sleep(self.config.backoff * (2**attempt))
            attempt += 1

    def models(self) -> list[str]:
        """Ids the server lists at ``GET /models`` (an empty list if it lists none)."""
        resp = self._request("GET", "/models")
        if resp.status_code != 200:
            raise self._status_error(resp, None)
        return _model_ids(resp)

    def model(self) -> str:
        """The configured model, or the first one the server lists.

        A configured model is checked once against ``GET /models`` when the server lists any:
        llama.cpp answers for whatever name it is sent, so without this check a mistyped
        RETELL_LLM_MODEL would pass silently there while Ollama, vLLM and OpenAI refuse it.
        """
        if self._model is None:
            ids = self.models()
            if not ids:
                raise LLMModelError(
                    f"the LLM server at {self.config.base_url} lists no model — "
                    "set RETELL_LLM_MODEL"
                )
            self._model = ids[0]
            self._model_checked = True
        elif not self._model_checked:
            resp = self._request("GET", "/models")
            if resp.status_code in (401, 403):
                raise self._status_error(resp, None)
            ids = _model_ids(resp) if resp.status_code == 200 else []
            if ids and self._model not in ids:
                raise self._model_error(self._model)
            self._model_checked = True
        return self._model

    def chat(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int | None = None,
    ) -> str:
        """The assistant's answer to ``messages`` (text; possibly cut off or not JSON at all).

        With a ``schema`` the server is asked for JSON: first as OpenAI's ``json_schema``
        response format; a server that rejects that (llama.cpp wants ``json_object`` with a
        ``schema``) is asked again that way, then without any response format. What worked is
        remembered for the next call.
        """
        model = self.model()
        body: dict[str, Any] = {
            "model": model,
            "messages": messages,
            "temperature": self.config.temperature,
            "max_tokens": max_tokens or self.config.max_tokens,
        }
        formats = [None]
        if schema is not None:
            order = ["json_schema", "json_object", "none"]
            if self._format in order:
                order.remove(self._format)
                order.insert(0, self._format)
            formats = order  # type: ignore[assignment]
        last: httpx.Response | None = None
        for fmt in formats:
            payload = dict(body)
            if fmt == "json_schema" and schema is not None:
                payload["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": "answer", "schema": schema},
                }
            elif fmt == "json_object" and schema is not None:
                payload["response_format"] = {"type": "json_object", "schema": schema}
            resp = self._request("POST", "/chat/completions", payload)
            if resp.status_code == 200:
                self._format = fmt
                return _content(resp)
            last = resp
            if resp.status_code != 400 or _mentions_model(resp):
                break
        assert last is not None
        raise self._status_error(last, model)


def _model_ids(resp: httpx.Response) -> list[str]:
    """The ids of a ``GET /models`` answer (an empty list when it lists none or is not JSON)."""
    try:
        data = resp.json().get("data") or []
        return [str(m["id"]) for m in data if isinstance(m, dict) and "id" in m]
    except (ValueError, AttributeError, KeyError):
        return []


def _content(resp: httpx.Response) -> str:
    try:
        data = resp.json()
        msg = data["choices"][0]["message"]
        content = msg.get("content")
        return content if isinstance(content, str) else ""
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return ""


def _error_detail(resp: httpx.Response) -> str:
    try:
        data = resp.json()
    except ValueError:
        return resp.text.strip()[:300]
    err = data.get("error") if isinstance(data, dict) else None
    if isinstance(err, dict):
        return str(err.get("message") or err.get("type") or "")
    if isinstance(err, str):
        return err
    return json.dumps(data)[:300]


def _mentions_model(resp: httpx.Response) -> bool:
    low = _error_detail(resp).lower()
    return "model" in low and any(
        w in low for w in ("not found", "not exist", "unknown", "invalid", "no such", "not support")
    )
