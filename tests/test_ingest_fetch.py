"""Fetching URLs against a local server: allowed only with allow_private, bounded, redirects."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from retell.errors import BinaryInputError, BlockedAddressError, FetchError, InputError
from retell.ingest import load
from retell.ingest.fetch import USER_AGENT, check_address, fetch

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE = (FIXTURES / "news_world.html").read_bytes()
SEEN_AGENTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(
        self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/world/floods":
            self._send(200, ARTICLE, "text/html; charset=utf-8")
        elif self.path == "/go":
            self._send(302, b"", "text/plain", {"Location": "/world/floods"})
        elif self.path == "/loop":
            self._send(302, b"", "text/plain", {"Location": "/loop"})
        elif self.path == "/plain":
            body = b"Title line\n\nThe council met on Tuesday. It approved the budget."
            self._send(200, body, "text/plain; charset=utf-8")
        elif self.path == "/json":
            self._send(200, b'{"a": 1}', "application/json")
        elif self.path == "/feed":
            self._send(200, b"<?xml version='1.0'?><rss></rss>", "application/rss+xml")
        elif self.path == "/latin1":
            body = (
                "<html><body><p>The caf\u00e9 owner said the council approved the budget on "
                "Tuesday night after a long debate about rising costs and two library closures "
                "in town.</p></body></html>"
            )
            self._send(200, body.encode("latin-1"), "text/html; charset=iso-8859-1")
        elif self.path == "/pdf":
            self._send(200, b"%PDF-1.4 binary", "application/pdf")
        elif self.path == "/big":
            self._send(200, b"<p>" + b"word " * 300_000 + b"</p>", "text/html")
        elif self.path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the cap must hold while streaming
            for _ in range(50):
                self.wfile.write(b"x" * 10_000)
        else:
            self._send(404, b"not found", "text/plain")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the size-cap tests hang up mid-body on purpose


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_local_fetch_allowed_with_allow_private(server: str) -> None:
    art = load(f"{server}/world/floods", allow_private=True)
    assert art.title == "Floods force thousands from homes in river valley"
    assert len(art.sentences) == 8
    assert SEEN_AGENTS[-1] == USER_AGENT and "retell" in USER_AGENT


def test_local_fetch_refused_by_default(server: str) -> None:
    with pytest.raises(BlockedAddressError) as err:
        load(f"{server}/world/floods")
    assert "127.0.0.1" in str(err.value)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/x",
        "http://10.0.0.1/x",
        "http://192.168.1.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://0.0.0.0/x",
        "http://[::ffff:127.0.0.1]/x",
    ],
)
def test_private_addresses_refused(url: str) -> None:
    with pytest.raises(BlockedAddressError):
        check_address(url)


def test_redirect_followed(server: str) -> None:
    got = fetch(f"{server}/go", allow_private=True)
    assert got.url.endswith("/world/floods")
    assert got.content_type == "text/html" and got.charset == "utf-8"


def test_redirect_loop(server: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch(f"{server}/loop", allow_private=True)
    assert "redirect" in str(err.value)


def test_redirect_to_private_address_is_checked() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/admin"})

    with pytest.raises(BlockedAddressError):
        fetch("http://93.184.216.34/story", transport=httpx.MockTransport(handler))


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_oversized_body(server: str, path: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch(f"{server}{path}", allow_private=True, max_bytes=100_000)
    assert "larger than" in str(err.value)


def test_default_cap_applies_to_load(server: str) -> None:
    got = fetch(f"{server}/big", allow_private=True)  # 1.5 MB is under the 5 MB default
    assert len(got.content) > 1_000_000


def test_http_error(server: str) -> None:
    with pytest.raises(FetchError) as err:
        load(f"{server}/missing", allow_private=True)
    assert "404" in str(err.value)


def test_plain_text_url(server: str) -> None:
    art = load(f"{server}/plain", allow_private=True)
    assert art.title == "Title line" and len(art.sentences) == 2


def test_pdf_url(server: str) -> None:
    with pytest.raises(BinaryInputError):
        load(f"{server}/pdf", allow_private=True)


def test_unreachable_names_the_url() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    with pytest.raises(FetchError) as err:
        load(url, allow_private=True)
    assert url in str(err.value)
    assert not isinstance(err.value, BlockedAddressError)


def test_unresolvable_host() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Name or service not known", request=request)

    url = "http://no-such-host.invalid/story"
    with pytest.raises(FetchError) as err:
        fetch(url, allow_private=True, transport=httpx.MockTransport(handler))
    assert url in str(err.value)


@pytest.mark.parametrize("path", ["/json", "/feed"])
def test_not_an_article_url(server: str, path: str) -> None:
    with pytest.raises(InputError) as err:
        load(f"{server}{path}", allow_private=True)
    assert "not an article" in str(err.value)


def test_declared_charset_is_used(server: str) -> None:
    art = load(f"{server}/latin1", allow_private=True)
    assert "caf\u00e9 owner" in art.sentences[0].text


def test_connection_is_pinned_to_the_checked_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that resolves to a public address is fetched from that very address."""
    import retell.ingest.fetch as fetch_mod

    def fake_getaddrinfo(host: str, port: int, *args: object, **kw: object) -> list[tuple]:
        assert host == "news.example"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=ARTICLE, headers={"Content-Type": "text/html"})

    monkeypatch.setattr(fetch_mod.socket, "getaddrinfo", fake_getaddrinfo)
    got = fetch("https://news.example/world/floods", transport=httpx.MockTransport(handler))
    assert got.url == "https://news.example/world/floods"
    assert seen[0].url.host == "93.184.216.34"
    assert seen[0].headers["Host"] == "news.example"
    assert seen[0].extensions["sni_hostname"] == "news.example"
