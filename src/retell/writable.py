"""What a report may copy from its source, whatever engine writes it.

Two rules, asked by the planner (how many words each part can really use) and by the extractive
engine (which sentences it may write):

- **junk is never written**: boilerplate ("Scroll down for video", "Click here") and photo
  captions, which CNN/DailyMail text carries as sentences (lines ending " .", "Label: …",
  "(pictured left)", "This photo shows …");
- **a quotation is written whole or not at all**: DailyMail runs one quotation over several
  sentences and paragraphs, and one of its sentences alone is an unattributed fragment with an
  unbalanced mark (:func:`quote_links`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

from retell.facts.quotes import find_spans
from retell.ingest.article import Article, Sentence

__all__ = ["PHOTO_REF", "QuoteLinks", "first_quote_mark", "is_junk", "quote_links"]

_JUNK = re.compile(
    r"(scroll down|click here|read more|follow @|watch the video|video courtesy|"
    r"sign up for|share this|updated:|published:|\bcnn\b.*contributed to this report)",
    re.I,
)

# Photo directions in captions-turned-prose ("Smith (pictured left) said…"): removing them
# cannot change a claim, and more than one in a sentence makes it a caption.
PHOTO_REF = re.compile(
    r"\s*\((?:pictured(?: (?:left|right|above|below|centre|center|top|bottom))?|"
    r"(?:(?:far|second|third|fourth|top|bottom|front|back|pictured) )?(?:from )?(?:left|right)"
    r"(?: to right| to left)?|centre|center|middle|above|below|top|bottom|l-r|"
    r"(?:first|second|third|top|bottom|main|inset) (?:picture|photo|image)|"
    r"file (?:picture|photo)(?: used)?|illustrated)\)",
    re.I,
)


_CAPTION_LABEL = re.compile(r"([A-Z][\w'\u2019-]*(?: [\w'\u2019-]+){0,3}): (?![\"'\u2018\u201c])")
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|revealed|explained|insisted|wrote|writes|posted|"
    r"tweeted|asked|claimed|admitted|declared|warned|stated|recalled|continued)\b",
    re.I,
)


# Photo directions written without brackets ("Pat, 69, pictured left in her outfit, …").
_PICTURED_AT = re.compile(r"\bpictured (?:far |second )?(?:left|right|centre|center|above|below)\b")
# Present-tense verbs of a scene in a picture, as captions describe it.
_SCENE = re.compile(
    r"\b(?:celebrates?|poses?|(?:is|are) (?:seen|pictured|shown)|smiles?|looks? on|waves?|"
    r"arrives?|walks?|shakes? hands|embraces?|hugs?|shows?|gestures?|reacts?)\b"
)
# A caption that names its picture: "A sketch shows…", "This photo shows…".
_PHOTO_SHOWS = re.compile(
    r"(?:An?|The|This|These) (?:courtroom |court |handout |artist's )?(?:sketch|photo|photograph|"
    r"picture|image|still|screengrab|screenshot)e?s? (?:above |below |here )?shows?\b"
)


# Words each _JUNK alternative contains: an ASCII text without any of them cannot match, and
# ruling that out with substring tests is ~20x faster than the case-insensitive search.
_JUNK_WORDS = (
    "scroll down",
    "click here",
    "read more",
    "follow @",
    "watch the video",
    "video courtesy",
    "sign up for",
    "share this",
    "updated:",
    "published:",
    "contributed to this report",
)


# The only characters beyond ASCII that a case-insensitive regex takes for an ASCII letter
# (İ ı ſ and the Kelvin sign; found by trying every code point), and no such character stands
# for a space, "@" or ":".
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _has_junk(text: str) -> bool:
    """``_JUNK.search(text)``, answered without the regex when no junk word is there at all."""
    # Ignoring case is lower-casing for ASCII, and for any text without the four characters
    # above: a match of _JUNK is then ASCII, and the lower-cased text holds its junk word.
    # (Otherwise, the regex decides: it was 3/4 of this test's time on curly-quoted text.)
    # One substring test per word, in C, costs a third less than one regex of all the words,
    # which tries each of them wherever one of their first letters stands.
    if text.isascii() or _FOLDS_TO_ASCII.search(text) is None:
        low = text.lower()
        if not any(map(low.__contains__, _JUNK_WORDS)):
            return False
    return _JUNK.search(text) is not None


@lru_cache(maxsize=4096)
def is_junk(text: str) -> bool:
    """Boilerplate and photo captions that must never be written (CNN/DM: lines ending " .").

    Cached: the planner asks first (what a part can use), then the engine (what it may write).
    """
    t = text.strip()
    # (fewer than 4 words: splitting at most 3 times gives fewer than 4 pieces, and makes only 4)
    if len(t.split(None, 3)) < 4 or _has_junk(t) or t.endswith((" .", ":")) or "|" in t:
        return True
    label = _CAPTION_LABEL.match(t) if ": " in t else None
    if label and not _SPEECH.search(label.group(1)):
        return True  # "Guilty: Susan Monica was found…" — a photo caption with its label
    # A photo direction in a long "sentence" is a caption the splitter glued to prose
    # ("Bass (right) told… crying' The proposal took place…"): neither can be written safely.
    refs = len(PHOTO_REF.findall(t)) if "(" in t else 0
    if "pictured " in t:
        refs += len(_PICTURED_AT.findall(t))
    if refs >= 2 or (refs == 1 and len(t.split()) > 30):
        return True
    # A photo direction with a present-tense scene verb is a caption ("Manfredi (centre)
    # celebrates with his team-mates"); prose about the pictured person says what they *did*.
    if refs and _SCENE.search(t) and not _SPEECH.search(t):
        return True
    return _PHOTO_SHOWS.match(t) is not None


_LAST_LINKS: tuple[Article, tuple[frozenset[int], frozenset[int]]] | None = None


def quote_links(article: Article) -> tuple[frozenset[int], frozenset[int]]:
    """:func:`_quote_links`, kept for the last article asked about (by identity, not equality):
    the planner asks first, then the engine, about the same article object. The answer is two
    frozensets, so sharing it is safe; the entry is one immutable tuple, swapped whole."""
    global _LAST_LINKS
    last = _LAST_LINKS
    if last is not None and last[0] is article:
        return last[1]
    got = _quote_links(article)
    _LAST_LINKS = (article, got)
    return got


def _quote_links(article: Article) -> tuple[frozenset[int], frozenset[int]]:
    """(continues, goes_on): indices of the sentences that carry on a quotation begun in the
    sentence before, and of those whose quotation goes on into the sentence after.

    Why: a quotation is written whole or not at all. DailyMail runs one quotation over several
    sentences and paragraphs — each paragraph re-opens with a mark, only the last closes, and the
    speaker is named in one of them — so one of its sentences alone is an unattributed fragment
    with an unbalanced mark. The quotes are the facts' (:func:`retell.facts.quotes.find_spans`),
    found over runs of paragraphs that each re-open with a mark (a single-quoted paragraph left
    open is no quote on its own); a double-quoted one left open is re-opened by the next quote
    right after it.
    """
    regions = _regions(article)
    if not regions:
        return frozenset(), frozenset()
    text = article.text
    sents = article.sentences
    starts = [s.start for s in sents]
    goes_on: set[int] = set()
    for r0, r1 in regions:
        _link(text, sents, starts, r0, r1, goes_on)
    return frozenset(i + 1 for i in goes_on), frozenset(goes_on)


def _regions(article: Article) -> list[list[int]]:
    """The runs of paragraphs :func:`_quote_links` finds quotes over, as [start, end] offsets
    (none when no sentence can be linked)."""
    sents = article.sentences
    text = article.text
    if len(sents) < 2 or not any(c in text for c in _MARKS):
        return []
    regions: list[list[int]] = []
    for p in article.paragraphs or sents:
        if regions and p.start < len(text) and text[p.start] in _MARKS:
            regions[-1][1] = p.end  # DailyMail: the quotation goes on in this paragraph
        else:
            regions.append([p.start, p.end])
    return regions


def _link(
    text: str, sents: Sequence[Sentence], starts: list[int], r0: int, r1: int, goes_on: set[int]
) -> None:
    """Add to ``goes_on`` the sentences whose quotation, found in ``text[r0:r1]``, goes on."""
    spans = find_spans(text, r0, r1)
    for n, q in enumerate(spans):
        a = max(0, bisect_right(starts, q.inner_start) - 1)
        if sents[a].end <= q.inner_start:
            a += 1  # it opens between sentences (in text ingest left out)
        b = max(0, bisect_left(starts, q.inner_end) - 1)  # the last sentence it reaches
        goes_on.update(range(a, b))
        if (
            q.inner_end == q.close  # no closing mark
            and n + 1 < len(spans)
            and not text[q.close : spans[n + 1].open].strip()
        ):
            goes_on.add(b)  # re-opened right after: the same speech goes on


class QuoteLinks:
    """:func:`quote_links` asked sentence by sentence, with the quotes found only as far into
    the article as the sentences asked about.

    Why: the one-segment summary reads its first ~9 sentences of ~23, and finding every
    quotation of an article (what :func:`quote_links` does) cost it ~45 µs warm, more cold.
    A region's quotes link no sentence before the one holding the region's start (its spans
    open inside it, and both ends of a link are found by bisecting the sentence starts at or
    after that offset), so the answers for the first sentences need only the regions starting
    near them: they are exactly :func:`quote_links`'s.
    """

    __slots__ = ("_article", "_done", "_goes_on", "_regions", "_starts")

    def __init__(self, article: Article) -> None:
        self._article = article
        self._done = 0
        self._goes_on: set[int] = set()
        self._regions: list[tuple[int, int, int]] = []
        last = _LAST_LINKS
        if last is not None and last[0] is article:  # the planner found them all already
            self._goes_on.update(last[1][1])
        else:
            starts = self._starts = [s.start for s in article.sentences]
            # Each region with the lowest sentence index its links can hold (sorted by it:
            # the regions' links are independent, so their order changes no answer).
            self._regions = sorted(
                (bisect_left(starts, r0) - 1, r0, r1) for r0, r1 in _regions(article)
            )

    def of(self, index: int) -> tuple[bool, bool]:
        """(continues, goes_on) of sentence ``index``: ``index in quote_links(article)[0]``,
        ``index in quote_links(article)[1]``."""
        regions = self._regions
        if self._done < len(regions):
            article = self._article
            goes_on = self._goes_on
            while self._done < len(regions) and regions[self._done][0] <= index:
                _, r0, r1 = regions[self._done]
                _link(article.text, article.sentences, self._starts, r0, r1, goes_on)
                self._done += 1
        return index - 1 in self._goes_on, index in self._goes_on


_MARKS = "'\"\u2018\u2019\u201c\u201d`"


def first_quote_mark(text: str, limit: int) -> int:
    """Where the first mark that could open a quotation is in ``text[:limit]`` (``limit`` when
    there is none): any double mark, or a single one that does not follow a letter or digit (an
    apostrophe inside a word opens nothing; see :mod:`retell.facts.quotes`).

    Why: :func:`quote_links` scans the whole article, and a summary only looks at its first
    sentences. A sentence that ends before this point neither carries on a quotation (none has
    begun) nor has one going on past it (none opens in or before it), so for such sentences
    both answers are "no" without the scan.
    """
    first = limit
    for mark in ('"', "\u201c", "\u201d", "`"):
        i = text.find(mark, 0, first)
        if i >= 0:
            first = i
    for mark in ("'", "\u2018", "\u2019"):
        i = text.find(mark, 0, first)
        while i >= 0:
            if i == 0 or not text[i - 1].isalnum():
                first = i
                break
            i = text.find(mark, i + 1, first)
    return first
