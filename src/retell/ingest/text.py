"""Bytes to text, and what kind of text it is (HTML, Markdown or plain).

Decoding is strict on purpose: UTF-8 first (a BOM is honoured), then cp1252 or latin-1 only
when the result still looks like prose. Anything with NUL bytes or mostly control characters is
an image, a PDF or an archive, and the user should be told so rather than fed mojibake.
"""

from __future__ import annotations

import re

from retell.errors import BinaryInputError, EmptyInputError

__all__ = ["decode", "ensure_text", "looks_like_html", "looks_like_markdown"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAGIC = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.epub file)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel file",
}
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S
)
_HTML_TAG = re.compile(
    r"<(?:body|article|main|div|p|h[1-6]|section|span|a|br|meta|title)\b[^<>]{0,500}>", re.I
)
_MD_SIGNS = re.compile(
    r"^(?:#{1,6}\s+\S|[-*+]\s+\S|\d+\.\s+\S|>\s|```)|\[[^\]\n]{1,300}\]\([^)\s]{1,500}\)|\*\*[^*\n]{1,300}\*\*|!\[",
    re.M,
)


def _describe(name: str) -> str:
    return f"{name} " if name else ""


def decode(data: bytes, name: str = "") -> str:
    """Decode ``data`` as text.

    Args:
        data: the raw bytes of a file, standard input or an HTTP body.
        name: what to call the input in messages (a path, a URL, "standard input").

    Returns:
        The text, with a UTF-8 byte-order mark removed.

    Raises:
        EmptyInputError: no bytes, or only whitespace.
        BinaryInputError: NUL bytes, a known binary signature, or bytes that decode to no text.
    """
    label = _describe(name)
    if not data.strip():
        raise EmptyInputError(f"{label}is empty; give retell an article (text, Markdown or HTML)")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(
                f"{label}looks like {kind} (binary data), not text; save the article as .txt, .md or .html"
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return ensure_text(data.decode("utf-16"), name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise BinaryInputError(
            f"{label}contains binary data (NUL bytes), not text; "
            "save the article as .txt, .md or .html"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
        for codec in ("cp1252", "latin-1"):
            try:
                text = data.decode(codec)
                break
            except UnicodeDecodeError:
                continue
        if not text or not _looks_like_prose(text):
            raise BinaryInputError(
                f"{label}is binary or not readable text (not UTF-8, cp1252 or latin-1); "
                "save it as UTF-8 text and try again"
            ) from None
    return ensure_text(text, name)


def ensure_text(text: str, name: str = "") -> str:
    """Check a string already in hand: not empty, not binary garbage; return it unchanged."""
    label = _describe(name)
    if not text or text.isspace():  # ``not text.strip()``, without copying the text
        raise EmptyInputError(f"{label}is empty; give retell an article (text, Markdown or HTML)")
    head = text[:20000]
    if "\x00" in text or _controls(head) > max(8, len(head) // 100):
        raise BinaryInputError(
            f"{label}contains binary data, not text; save the article as .txt, .md or .html"
        )
    return text


# The bytes of _CONTROL's characters. In UTF-8 every byte of a character beyond ASCII is 0x80
# or more, so deleting these bytes from the encoded text deletes exactly those characters.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _controls(text: str) -> int:
    """``len(_CONTROL.findall(text))``: two C passes over bytes, ~3x faster than the regex."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def _looks_like_prose(text: str) -> bool:
    """Whether a cp1252/latin-1 decoding is plausibly text: mostly letters, spaces, punctuation."""
    sample = text[:20000]
    if not sample:
        return False
    if len(_CONTROL.findall(sample)) > len(sample) // 200:
        return False
    high = sum(1 for c in sample if ord(c) > 0x7E)
    return high <= len(sample) // 10


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or fragment rather than prose mentioning a tag."""
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAG.findall(head)) >= 3 and "</" in head


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` carries enough Markdown markup to be worth stripping."""
    head = text[:20000]
    if re.match(r"\s*#\s+\S", head):
        return True
    return len(_MD_SIGNS.findall(head)) >= 3
