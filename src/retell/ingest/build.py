"""Plain text → :class:`Article`: title line, paragraphs, sentences, boilerplate left out.

Offsets point into the text exactly as given. Nothing is rewritten: a title line, a dateline,
a caption or a "Scroll down for video" simply gets no sentence (and is listed in
``Article.skipped`` with the reason, for anyone who wants to show what was left out).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from retell.errors import EmptyInputError
from retell.ingest.article import Article, Paragraph, Sentence, new_sentence
from retell.ingest.junk import (
    is_junk,
    junk_kind,
    junk_word_spans,
    lead_junk,
    lead_junk_marks,
)
from retell.ingest.lang import ensure_english
from retell.ingest.split import paragraphs, sentences

__all__ = ["build_article", "find_title"]

_TERMINAL = re.compile(r"""[.!?\u2026:;]['"\u2019\u201d)\]]*$""")
_BULLET_MARKS = ("-", "*", "+", "\u2022", "\u25cf", "\u25aa")
_BULLET = re.compile(r"[-*+\u2022\u25cf\u25aa]\s+")  # one of _BULLET_MARKS, then spaces
_MD_HEADING = re.compile(r"#{1,6}\s+")
# PTB-tokenised text (" , ", " 's", " n't"): its " ." ends every sentence, it marks no caption.
_TOKENISED = re.compile(r"\w , \w|\w (?:'s|n't|'re|'ll) ")


# Each _TOKENISED alternative holds one of " , ", " 's ", " 're ", " 'll ", " n't ": a text with
# none of them needs no regex scan. They are looked for by two patterns each opening on one
# character, the comma or the apostrophe (the engine skips to it in a tight C loop; a set of
# both, or five ``find``s of marks ending in a space, stopped far more often), the space and
# "n" before them checked by look-behinds.
_TOKENISED_COMMA = re.compile(r",(?<= ,) ")
_TOKENISED_APOSTROPHE = re.compile(r"'(?:(?<= ')(?:s|re|ll) |(?<= n')t )")


def _is_tokenised(text: str) -> bool:
    """Whether the text's first 20,000 characters are PTB-tokenised (two " , "-style marks)."""
    if (
        _TOKENISED_COMMA.search(text, 0, 20000) is None
        and _TOKENISED_APOSTROPHE.search(text, 0, 20000) is None
    ):
        return False
    return len(_TOKENISED.findall(text, 0, 20000)) >= 2


def find_title(text: str) -> tuple[str | None, int]:
    """A title on the first line, and where the body starts (0 when there is no title).

    A title is a ``# `` heading, or a short first line (at most 20 words, 200 characters)
    that does not end in a full stop and is followed by a blank line and more text.
    """
    lead = len(text) - len(text.lstrip())
    nl = text.find("\n", lead)
    if nl < 0:
        return None, 0
    line = text[lead:nl].strip()
    rest = text[nl:]
    heading = _MD_HEADING.match(line)
    if heading and rest.strip():
        title = line[heading.end() :].strip().rstrip("#").strip()
        return (title or None), nl
    if not re.match(r"[ \t\r]*\n", rest[1:]) or not rest.strip():
        return None, 0  # not followed by a blank line, or nothing after it
    if len(line) > 200 or len(line.split()) > 20 or line.endswith((".", ",", ";", ":")):
        return None, 0
    if lead_junk(line, 0, len(line)) or is_junk(line):
        return None, 0
    return line, nl


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph into its lines when they are separate units, not hard-wrapped prose.

    One paragraph per line (no blank lines between) is common in pasted text; a hard-wrapped
    paragraph has lines that mostly stop mid-sentence. Lines are kept apart when most of them
    end a sentence or when any is longer than a typical wrap width.
    """
    block = text[start:end]
    if "\n" not in block:
        return [(start, end)]
    spans = []
    pos = start
    for line in block.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    if len(spans) < 2:
        return spans
    ends = sum(1 for a, b in spans[:-1] if _TERMINAL.search(text[a:b]))
    longest = max(b - a for a, b in spans)
    if ends >= 0.6 * (len(spans) - 1) or longest > 120:
        return spans
    return [(spans[0][0], spans[-1][1])]


def _is_heading(text: str, start: int, end: int) -> bool:
    """A subhead or label block ("Metro Report / World News"): short, no line ends a sentence."""
    block = text[start:end]
    return len(block.split(None, 20)) <= 20 and not any(  # more than 20 words: 21 parts
        _TERMINAL.search(line.strip()) for line in block.split("\n")
    )


_BYLINE_LINE = re.compile(
    r"[Bb]y\s+([A-Z][^\n|]{1,80}?)\s*(?:[|\u2022\u00b7,]\s*(?:\d|Updated|Published).*)?$"
)


def _find_byline(text: str, units: list[tuple[int, int]]) -> str | None:
    """A "By Maria Lopez" line among the first blocks of a pasted article, without the "By"."""
    for a, b in units:
        for line in text[a:b].split("\n"):
            m = _BYLINE_LINE.fullmatch(line.strip())
            if m and len(m.group(1).split()) <= 8 and not m.group(1).rstrip().endswith("."):
                return m.group(1).strip().rstrip(",")
    return None


def _captions_marked(found: list[list[tuple[int, int, str, str | None]]]) -> bool:
    """Whether a detached final " ." marks captions here rather than tokenised sentences.

    In DailyMail articles captions, list items and subheads end " ." among ordinary sentences;
    in tokenised text (CNN/DM highlights, model summaries) every sentence ends that way. So
    only a text of six sentences or more, at least three ending normally, loses its captions.
    """
    kinds = [k for row in found for _, _, _, k in row if k != "boilerplate"]
    captions = kinds.count("caption")
    normal = len(kinds) - captions
    return len(kinds) >= 6 and normal >= 3 and captions <= 0.9 * len(kinds)


def _holds_span(spans: list[tuple[int, int]], starts: list[int], s0: int, s1: int) -> bool:
    """Whether one of ``spans`` (sorted; ``starts`` their starts) lies within [s0, s1)."""
    for a, b in spans[bisect_left(starts, s0) :]:
        if a >= s1:
            return False
        if b <= s1:
            return True
    return False


def build_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    byline: str | None = None,
    date: str | None = None,
    section_hint: str | None = None,
    detect_title: bool = True,
    check_language: bool = True,
    name: str = "",
) -> Article:
    """Split ``text`` into paragraphs and sentences and wrap it as an :class:`Article`.

    Raises:
        EmptyInputError: nothing but a title or boilerplate is left.
        NotEnglishError: the sentences are clearly in another language.
    """
    body_start = 0
    skipped: list[tuple[int, int, str]] = []
    if detect_title:
        title_line, body_start = find_title(text)
        if title_line is not None:
            lead = len(text) - len(text.lstrip())
            skipped.append((lead, body_start, "title"))
            title = title or title_line
    units: list[tuple[int, int]] = []
    for p0, p1 in paragraphs(text):
        if p1 <= body_start:
            continue
        units.extend(_lines(text, max(p0, body_start), p1))
    units = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in units]
    units = [(a, b) for a, b in units if a < b]
    headings = {u for u in units if _is_heading(text, *u)}
    if len(headings) == len(units):
        headings = set()  # nothing but short lines: they are the text, not its signposts
    if byline is None:
        byline = _find_byline(text, units[:3])
    if title is None and detect_title and units and units[0] in headings and byline:
        # "Floods hit town / By Maria Lopez, 14 March": a headline over its byline.
        head_line = text[units[0][0] : units[0][1]].split("\n")[0].strip()
        if not _BYLINE_LINE.fullmatch(head_line) and not is_junk(head_line):
            title = head_line
    # First pass: sentence spans per unit, datelines skipped, each sentence's junk kind. What
    # no sentence can hold (a bullet mark, a dateline's bracket or dash, a boilerplate word)
    # is looked for once in the whole text rather than in every sentence.
    bullets = any(c in text for c in _BULLET_MARKS)
    leads = lead_junk_marks(text)
    junk_words = junk_word_spans(text)
    if junk_words:
        junk_words.sort()
    junk_starts = [a for a, _ in junk_words or ()]
    found: list[list[tuple[int, int, str, str | None]]] = []
    for u0, u1 in units:
        if (u0, u1) in headings:
            skipped.append((u0, u1, "heading"))
            continue
        row: list[tuple[int, int, str, str | None]] = []
        for s0, s1 in sentences(text, u0, u1):
            if bullets and text.startswith(_BULLET_MARKS, s0, s1):
                bullet = _BULLET.match(text, s0, s1)
                if bullet:
                    s0 = bullet.end()
            at = bisect_left(leads, s0)
            if at < len(leads) and leads[at] < s1:
                skip = lead_junk(text, s0, s1)
                if skip:
                    skipped.append((s0, s0 + skip, "dateline"))
                    s0 += skip
            anywhere = junk_words is None or (
                bool(junk_words) and _holds_span(junk_words, junk_starts, s0, s1)
            )
            sentence = text[s0:s1]
            row.append((s0, s1, sentence, junk_kind(sentence, anywhere=anywhere)))
        found.append(row)
    drop_captions = _captions_marked(found) and not _is_tokenised(text)
    sents: list[Sentence] = []
    paras: list[Paragraph] = []
    for row in found:
        first = len(sents)
        for s0, s1, sentence, kind in row:
            if kind == "boilerplate" or (kind == "caption" and drop_captions):
                skipped.append((s0, s1, kind))
                continue
            n = len(sents)
            sents.append(new_sentence(f"s{n + 1}", n, sentence, s0, s1, len(paras)))
        if len(sents) > first:
            paras.append(
                Paragraph(len(paras), sents[first].start, sents[-1].end, first, len(sents))
            )
    if not sents:
        label = f"{name} " if name else "the input "
        raise EmptyInputError(
            f"{label}has no article sentences (only a title, captions or boilerplate); "
            "give retell the article's body text"
        )
    if check_language:
        ensure_english(" ".join([s.text for s in sents[:40]]), name)
    return Article(
        text=text,
        sentences=tuple(sents),
        paragraphs=tuple(paras),
        title=title,
        byline=byline,
        date=date,
        section_hint=section_hint,
        url=url,
        skipped=tuple(sorted(skipped)),
    )
