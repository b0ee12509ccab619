"""A report as Markdown, for newsletter producers.

Layout::

    **Metro Report** · World News

    # The headline

    First paragraph's sentences… *Its closing question?*

    Second paragraph…

Each segment's title is the headline repeated (the seed's slide layout); printed six times under an
``# headline`` it would only be noise, so a ``## title`` is written per segment only when some
segment's title differs from the headline. The question is in italics so it reads as the turn to the
reader. Article text is escaped so a stray ``*`` or ``[`` in a quote cannot change the formatting.
An optional "Sources" list maps each sentence to its source sentence ids; it is off by default to
keep the copy clean.
"""

from __future__ import annotations

import re

from retell.model import Report, Segment
from retell.render.report_text import clean, segment_title

__all__ = ["escape", "render_markdown"]

# Characters that start inline formatting, links, code or raw HTML anywhere in a line.
_INLINE = re.compile(r"([\\`*_~\[\]<>|])")
# What would turn the start of a line into a heading, quote, list item or rule.
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape(text: str) -> str:
    """Backslash-escape Markdown syntax in ``text`` (whitespace collapsed to single spaces)."""
    text = _INLINE.sub(r"\\\1", clean(text))
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)


def _escape_marker(marker: str) -> str:
    # "1." → "1\." (a list marker's punctuation is what CommonMark lets us escape).
    return marker[:-1] + "\\" + marker[-1]


def _paragraph(segment: Segment) -> str:
    parts = [escape(s.text) for s in segment.sentences if clean(s.text)]
    question = escape(segment.question)
    if question:
        parts.append(f"*{question}*")
    return " ".join(parts)


def _sources(report: Report) -> list[str]:
    lines = ["## Sources", ""]
    for n, segment in enumerate(report.segments, 1):
        cited = [", ".join(s.sources) or "none" for s in segment.sentences]
        lines.append(f"{n}. " + " · ".join(cited))
    return lines


def render_markdown(report: Report, *, sources: bool = False) -> str:
    """The report as Markdown, ending with one newline.

    Args:
        report: the finished report.
        sources: also list, per segment, the source sentence ids behind each sentence.

    Returns:
        A kicker line (bold brand · section), the headline as ``#``, then one paragraph per
        segment ending with its question in italics.
    """
    brand, section = escape(report.brand), escape(report.section)
    kicker = " · ".join(p for p in (f"**{brand}**" if brand else "", section) if p)
    lines = [kicker, ""] if kicker else []
    lines += [f"# {escape(report.headline)}", ""]
    headline = clean(report.headline)
    titled = any(segment_title(report, s) != headline for s in report.segments)
    for segment in report.segments:
        if titled:
            lines += [f"## {escape(segment_title(report, segment))}", ""]
        lines += [_paragraph(segment), ""]
    if sources:
        lines += _sources(report) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
