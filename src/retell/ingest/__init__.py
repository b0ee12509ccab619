"""Ingest: any source (text, Markdown, HTML, URL, stdin) → :class:`Article`.

    load(source)          a path (.txt, .md, .html; HTML also by content), an http(s) URL, or "-"
    from_text(text)       text in hand (HTML recognised by content); offsets into ``text`` as given
    from_html(html)       an HTML page; offsets into the extracted article text
    from_markdown(md)     Markdown; offsets into the text left once markup is stripped
    from_bytes(data)      bytes of unknown kind (an upload), decoded and recognised by content

Every failure is a :class:`~retell.errors.RetellError` whose message says what to do.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from retell.errors import BinaryInputError, InputError
from retell.ingest.article import Article, Paragraph, Sentence
from retell.ingest.build import build_article
from retell.ingest.html import from_html
from retell.ingest.markdown import strip_markdown
from retell.ingest.text import decode, ensure_text, looks_like_html, looks_like_markdown

__all__ = [
    "Article",
    "Paragraph",
    "Sentence",
    "from_bytes",
    "from_html",
    "from_markdown",
    "from_text",
    "load",
]

_MAX_FILE = 20_000_000
_HTML_EXT = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"})
_MD_EXT = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_TEXT_EXT = frozenset({".txt", ".text"})
_BINARY_EXT = {
    ".pdf": "a PDF",
    ".docx": "a Word document",
    ".doc": "a Word document",
    ".odt": "an OpenDocument file",
    ".epub": "an e-book",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".gif": "an image",
    ".zip": "an archive",
}
_NOT_ARTICLE = {
    "application/json": "JSON data",
    "application/ld+json": "JSON data",
    "application/javascript": "a script",
    "text/javascript": "a script",
    "text/css": "a style sheet",
    "text/csv": "a CSV table",
    "application/rss+xml": "a news feed (RSS)",
    "application/atom+xml": "a news feed (Atom)",
}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def from_text(text: str, *, title: str | None = None, url: str | None = None) -> Article:
    """Build an article from text in hand; offsets point into ``text`` exactly as given.

    HTML is recognised by content and handed to :func:`from_html` (offsets then point into the
    extracted text). A first line that looks like a title (short, no final full stop, then a
    blank line) or a ``# `` heading becomes ``Article.title`` and is not a body sentence.

    Raises:
        EmptyInputError, BinaryInputError, NotEnglishError, NoArticleError (HTML).
    """
    ensure_text(text)
    if looks_like_html(text):
        return from_html(text, url, title=title)
    return build_article(text, title=title, url=url)


def from_markdown(
    md: str, *, title: str | None = None, url: str | None = None, name: str = ""
) -> Article:
    """Build an article from Markdown: headings, emphasis, links, images and lists stripped.

    ``Article.text`` is the stripped text (paragraphs separated by blank lines); a leading
    ``# `` heading becomes the title.
    """
    ensure_text(md, name)
    text, md_title = strip_markdown(md)
    ensure_text(text, name or "the Markdown text")
    return build_article(
        text, title=title or md_title, url=url, detect_title=not md_title, name=name
    )


def from_bytes(
    data: bytes, *, name: str = "", url: str | None = None, kind: str | None = None
) -> Article:
    """Decode ``data`` and build an article, recognising HTML and Markdown by content.

    Args:
        data: the raw bytes.
        name: how to call the input in messages (a path, a URL, "standard input").
        url: the page's address, if known.
        kind: "html", "markdown" or "text" to skip recognition by content.
    """
    text = decode(data, name)
    if kind == "html" or (kind is None and looks_like_html(text)):
        return from_html(text, url, name=name)
    if kind == "markdown" or (kind is None and looks_like_markdown(text)):
        return from_markdown(text, url=url, name=name)
    return build_article(text, url=url, name=name)


def _load_url(source: str, allow_private: bool) -> Article:
    from retell.ingest.fetch import fetch  # httpx is only needed for URLs

    got = fetch(source, allow_private=allow_private)
    media = got.content_type
    if media.startswith(("image/", "audio/", "video/", "font/")) or media in (
        "application/pdf",
        "application/zip",
        "application/octet-stream",
        "application/msword",
    ):
        raise BinaryInputError(
            f"{source} is {media} (binary data), not a web page or text; "
            "give retell the address of an HTML article, or save its text and pass the file"
        )
    kind = _NOT_ARTICLE.get(media) or (
        "a news feed (RSS/Atom)" if media.endswith(("rss+xml", "atom+xml")) else None
    )
    if kind:
        raise InputError(
            f"{source} is {kind} ({media}), not an article; give the address of one article page"
        )
    if got.charset and got.content:
        try:
            text = got.content.decode(got.charset)
        except (LookupError, UnicodeDecodeError):
            text = decode(got.content, source)
        text = ensure_text(text, source)
    else:
        text = decode(got.content, source)
    if media in ("text/html", "application/xhtml+xml") or looks_like_html(text):
        return from_html(text, got.url, name=source)
    if media == "text/markdown" or (media != "text/plain" and looks_like_markdown(text)):
        return from_markdown(text, url=got.url, name=source)
    return build_article(text, url=got.url, name=source)


def _load_path(source: str) -> Article:
    path = Path(source).expanduser()
    hint = "check the path, or give an http(s) URL, or - for standard input"
    try:
        if path.is_dir():
            raise InputError(f"{source} is a folder, not a file; {hint}")
        if not path.exists():
            raise InputError(f"{source}: no such file; {hint}")
        if path.stat().st_size > _MAX_FILE:
            raise InputError(
                f"{source} is larger than {_MAX_FILE // 1_000_000} MB; "
                "that is not one article — pass the article alone"
            )
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{source}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{source} could not be read ({exc.strerror}); {hint}") from None
    ext = path.suffix.lower()
    if ext in _BINARY_EXT and not data[:1000].lstrip().startswith(b"<"):
        raise BinaryInputError(
            f"{source} is {_BINARY_EXT[ext]} (binary); retell reads text, Markdown or HTML — "
            "save the article as .txt, .md or .html"
        )
    if ext in _HTML_EXT:
        return from_bytes(data, name=source, kind="html")
    if ext in _MD_EXT:
        return from_bytes(data, name=source, kind="markdown")
    text = decode(data, source)
    if looks_like_html(text):
        return from_html(text, name=source)
    if ext not in _TEXT_EXT and looks_like_markdown(text):
        return from_markdown(text, name=source)
    return build_article(text, name=source)


def load(source: str, *, allow_private: bool = False) -> Article:
    """Read an article from a file path, an http(s) URL, or ``"-"`` (standard input).

    Args:
        source: the path, the URL or "-".
        allow_private: let a URL resolve to a loopback/private address (tests, intranets).

    Raises:
        InputError: missing or unreadable file (and its subclasses: EmptyInputError,
            BinaryInputError, NoArticleError, NotEnglishError).
        FetchError: the URL could not be fetched; BlockedAddressError for private addresses.
    """
    if not source.strip():
        raise InputError(
            "no input given; pass a file path, an http(s) URL, or - for standard input"
        )
    if source == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return from_bytes(data, name="standard input")
    if _URL.match(source):
        if not source.lower().startswith(("http://", "https://")):
            raise InputError(
                f"{source}: only http:// and https:// addresses can be fetched; "
                "download the page and pass the file"
            )
        return _load_url(source, allow_private)
    return _load_path(source)
