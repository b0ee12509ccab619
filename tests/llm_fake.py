"""A fake OpenAI-compatible server for the llm engine's tests: real HTTP on 127.0.0.1, scripted.

Why a real socket and not only ``httpx.MockTransport``: connection refused, timeouts and the CLI
going through its own client are behaviours of the network path, and the engine is configured by
URL like a user would. ``reply`` decides each answer from the request, so a test can play a
well-behaved model, one that obeys instructions planted in the article, or a broken server.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Callable[[dict[str, Any]], "tuple[int, Any] | str"]


def chat_body(content: str, finish: str = "stop") -> dict[str, Any]:
    """A chat completion answer carrying ``content``."""
    return {
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish,
                "message": {"role": "assistant", "content": content},
            }
        ],
    }


class FakeServer:
    """Answers ``GET /v1/models`` and ``POST /v1/chat/completions`` with ``reply(request)``.

    ``reply`` returns either the assistant's text (HTTP 200) or ``(status, json_body)``.
    Every request body is kept in ``requests``; ``delay`` seconds are slept before answering.
    """

    def __init__(
        self,
        reply: Reply,
        *,
        models: tuple[str, ...] = ("fake-model", "m"),
        key: str | None = None,
        delay: float = 0.0,
    ) -> None:
        self.reply = reply
        self.models = models
        self.key = key
        self.delay = delay
        self.requests: list[dict[str, Any]] = []
        self.model_requests = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

            def _auth_ok(self) -> bool:
                if fake.key is None:
                    return True
                if self.headers.get("Authorization") == f"Bearer {fake.key}":
                    return True
                self._send(401, {"error": {"message": "Incorrect API key provided"}})
                return False

            def do_GET(self) -> None:  # noqa: N802
                if not self._auth_ok():
                    return
                if self.path.rstrip("/") == "/v1/models":
                    fake.model_requests += 1
                    self._send(200, {"object": "list", "data": [{"id": m} for m in fake.models]})
                else:
                    self._send(404, {"error": "not found"})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if not self._auth_ok():
                    return
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, {"error": "not found"})
                    return
                fake.requests.append(body)
                if fake.delay:
                    time.sleep(fake.delay)
                out = fake.reply(body)
                if isinstance(out, str):
                    self._send(200, chat_body(out))
                else:
                    self._send(*out)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def fake_server(reply: Reply, **kw: Any) -> Iterator[FakeServer]:
    with FakeServer(reply, **kw) as server:
        yield server


def closed_port() -> int:
    """A local port nothing listens on (bound then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def user_text(request: dict[str, Any]) -> str:
    """The last user message of a chat request (what the model is asked now)."""
    msgs = [m for m in request.get("messages", []) if m.get("role") == "user"]
    return str(msgs[-1]["content"]) if msgs else ""


class FakeChecker:
    """A small stand-in for ``retell.check.Checker`` so gate tests do not move with its tuning.

    A sentence is ``unsupported`` when fewer than half its content words occur in its best source
    sentence; a number or a capitalised word (not the first) absent from the source is an error
    finding; a question is ``opinion``.
    """

    def __init__(self, article: Any) -> None:
        from retell.check.model import Finding, SentenceVerdict, Span

        self._Finding, self._Verdict, self._Span = Finding, SentenceVerdict, Span
        self.article = article
        self.calls: list[str] = []
        self._words = [set(_content(s.text)) for s in article.sentences]
        self._text = article.text.lower()

    def sentence(self, text: str, cited: Any = ()) -> tuple[Any, tuple[Any, ...]]:
        self.calls.append(text)
        span = self._Span(text, 0, len(text), 0)
        if text.rstrip().endswith("?"):
            return self._Verdict(0, text, 0, len(text), "opinion", (), 1.0), ()
        findings = []
        tokens = re.findall(r"[\w’']+", text)
        for i, tok in enumerate(tokens):
            novel = tok.lower() not in self._text
            if novel and (tok[0].isdigit() or (i > 0 and tok[0].isupper())):
                kind = "number_unsupported" if tok[0].isdigit() else "name_unsupported"
                findings.append(
                    self._Finding(kind, "error", f"“{tok}” appears nowhere in the source", span)
                )
        words = set(_content(text))
        best, score = -1, 0.0
        for k, src in enumerate(self._words):
            s = len(words & src) / (len(words) or 1)
            if s > score:
                best, score = k, s
        status = "supported" if score >= 0.8 else "partial" if score >= 0.5 else "unsupported"
        support = (self.article.sentences[best].id,) if best >= 0 and score >= 0.5 else ()
        return self._Verdict(0, text, 0, len(text), status, support, score), tuple(findings)


_STOP = set(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "or",
        "for",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "it",
        "its",
    ]
)


def _content(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9’']+", text.lower()) if w not in _STOP]
