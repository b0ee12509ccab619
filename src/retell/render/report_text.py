"""A report as plain text, in the seed's layout.

The layout is the one the Metro Report desk pastes into its slide tool (``seeds/000_…``)::

    Metro Report
    World News

    <segment title>

    <paragraph: sentences, then the closing question>

    <segment title>
    …

One line per paragraph and nothing wrapped: the slide tool wraps for itself, and a hard line break
inside a paragraph would become a line break on the slide.
"""

from __future__ import annotations

from retell.model import Report, Segment

__all__ = ["clean", "paragraph", "render_text", "segment_title"]


def clean(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space.

    Why: a source sentence can span a line break of the original file; printed as is it would
    break the one-line-per-paragraph layout.
    """
    return " ".join(text.split())


def paragraph(segment: Segment) -> str:
    """The segment as one paragraph: its sentences joined by spaces, then its question."""
    parts = [clean(s.text) for s in segment.sentences]
    parts.append(clean(segment.question))
    return " ".join(p for p in parts if p)


def segment_title(report: Report, segment: Segment) -> str:
    """The title shown above a segment: its own heading, or the headline when it has none."""
    return clean(segment.heading) or clean(report.headline)


def render_text(report: Report) -> str:
    """The report in the seed's layout, ending with one newline.

    Args:
        report: the finished report.

    Returns:
        Brand line, section line, a blank line, then for each segment its title, a blank line,
        its paragraph and a blank line between segments.
    """
    lines = [clean(report.brand), clean(report.section), ""]
    for segment in report.segments:
        lines += [segment_title(report, segment), "", paragraph(segment), ""]
    # The seed has no blank line after the last paragraph; a file still ends with a newline.
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
