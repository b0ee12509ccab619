"""Fetch a URL safely: http(s) only, public addresses only, bounded in time, size and hops.

``retell serve`` will fetch URLs its users type, so this is written as if the caller were
hostile: every hop's host is resolved and refused when any address is loopback, private,
link-local, reserved or multicast (server-side request forgery), redirects are followed by hand
(at most five, each checked), the body is streamed and cut at a size cap, and the whole
exchange has a deadline. ``allow_private=True`` lifts only the address check (tests, intranets).

Each hop connects to the very address that was checked (the URL's host is replaced by it; the
Host header and TLS server name keep the real name, so certificates are still verified against
it), so a DNS answer that changes between check and connect (rebinding) gains nothing.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from retell.errors import BlockedAddressError, FetchError

__all__ = ["Fetched", "USER_AGENT", "check_address", "fetch"]


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("retell")
    except Exception:  # not installed (running from a checkout)
        return "0"


USER_AGENT = f"retell/{_version()} (news article retelling and fact audit)"
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
TOTAL_TIMEOUT = 20.0
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1"


@dataclass(frozen=True)
class Fetched:
    """A fetched body: the final URL (after redirects), the bytes and the media type."""

    url: str
    content: bytes
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None


def check_address(url: str, *, allow_private: bool = False) -> str | None:
    """Refuse a URL that is not http(s) or whose host resolves to a non-public address.

    Returns:
        The checked address to connect to (so the connection cannot go to another address
        the name resolves to a moment later), or None when ``allow_private`` skips the check.

    Raises:
        FetchError: not an http(s) URL, no host, or the host does not resolve.
        BlockedAddressError: the host resolves to a loopback/private/link-local/reserved address.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http:// and https:// addresses can be fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: no host name in the address; check the URL")
    if allow_private:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url}: the port is not a number; check the URL") from None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise FetchError(
            f"could not fetch {url}: the host name {host} does not resolve; check the address"
        ) from None
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        if not addr.is_global or addr.is_multicast:
            raise BlockedAddressError(
                f"refusing to fetch {url}: {host} is a loopback, private, link-local or reserved "
                f"address ({addr}); only public web pages are fetched unless you pass --allow-private"
            )
    return str(infos[0][4][0]).split("%")[0]


def _pin(url: str, address: str | None) -> tuple[httpx.URL | str, dict[str, str], dict[str, str]]:
    """The URL with its host replaced by the checked address, the Host header and TLS name."""
    if address is None:
        return url, {}, {}
    try:
        u = httpx.URL(url)
    except httpx.InvalidURL:
        raise FetchError(f"{url} is not a valid URL; check the address") from None
    ext = {"sni_hostname": u.raw_host.decode("ascii")} if u.scheme == "https" else {}
    return u.copy_with(host=address), {"Host": u.netloc.decode("ascii")}, ext


def _media_type(header: str) -> tuple[str, str | None]:
    media = header.split(";")[0].strip().lower()
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", header, re.I)
    return media, (m.group(1).lower() if m else None)


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    timeout: float = TOTAL_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """GET ``url`` and return its body, following at most ``max_redirects`` redirects.

    Args:
        url: an http:// or https:// address.
        allow_private: permit loopback/private addresses (tests, intranet pages).
        max_bytes: refuse bodies larger than this (checked on Content-Length and while reading).
        max_redirects: how many redirects to follow before giving up.
        timeout: seconds for the whole exchange (connecting alone gets at most 10 s).
        transport: an httpx transport to use instead of the network (tests).

    Raises:
        BlockedAddressError: a hop resolves to a non-public address.
        FetchError: unreachable, timed out, HTTP error status, too many redirects, too large.
    """
    deadline = time.monotonic() + timeout
    limits = httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout))
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT}
    current = url
    with httpx.Client(
        timeout=limits, follow_redirects=False, headers=headers, transport=transport
    ) as client:
        for _hop in range(max_redirects + 1):
            pinned = check_address(current, allow_private=allow_private)
            target, hop_headers, ext = _pin(current, pinned)
            try:
                with client.stream("GET", target, headers=hop_headers, extensions=ext) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location", "")
                        if not location:
                            raise FetchError(f"{current} redirected without a Location header")
                        current = urljoin(current, location)
                        continue
                    return _read(url, current, resp, max_bytes, deadline)
            except httpx.TimeoutException:
                raise FetchError(
                    f"could not fetch {url}: timed out after {timeout:.0f} s; "
                    "try again later or save the page and pass the file"
                ) from None
            except httpx.InvalidURL:
                raise FetchError(f"{url} is not a valid URL; check the address") from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"could not fetch {url}: {type(exc).__name__} ({exc}); "
                    "check the address and your connection, or save the page and pass the file"
                ) from None
    raise FetchError(
        f"could not fetch {url}: more than {max_redirects} redirects (a redirect loop?); "
        "open it in a browser and pass the final address"
    )


def _read(url: str, final: str, resp: httpx.Response, max_bytes: int, deadline: float) -> Fetched:
    """Check the status, then stream the body under the size cap and the deadline."""
    if resp.status_code >= 400:
        raise FetchError(
            f"could not fetch {url}: the server answered HTTP {resp.status_code}; "
            "check the address, or save the page and pass the file"
        )
    media, charset = _media_type(resp.headers.get("content-type", ""))
    too_big = FetchError(
        f"could not fetch {url}: the page is larger than {max_bytes // 1_000_000} MB; "
        "save the article's text and pass the file"
    )
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        if time.monotonic() > deadline:
            raise FetchError(
                f"could not fetch {url}: the download took too long; "
                "try again later or save the page and pass the file"
            )
        chunks.append(chunk)
    return Fetched(url=final, content=b"".join(chunks), content_type=media, charset=charset)
