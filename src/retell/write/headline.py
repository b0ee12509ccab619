"""Headline: the source's own title when it has one, else a traceable compression of its lead.

Why deletion only: a headline is the most-read line of a report and the easiest place to invent a
fact (the seed's rewrite did). A headline whose words are a subsequence of one source sentence can
be traced back to that sentence, and deleting a framing adverbial, an attribution tail or a
trailing clause keeps the claim the source made while dropping detail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from retell.ingest.article import Article, Sentence
from retell.plan import content_words
from retell.write._lemmas import pos_of_lower

__all__ = ["MAX_WORDS", "Headline", "clean_title", "compress", "headline", "make_headline"]


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string, so long word lists stay readable."""
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    """A set of phrases written as one "|"-separated string."""
    return frozenset(text.split("|"))


MAX_WORDS = 12

# Site names that follow a title after " | ", " - ", " – " or " — ".
_SITES = _phrases(
    "cnn|cnn.com|bbc|bbc news|bbc sport|daily mail|daily mail online|mail online|mailonline|"
    "the guardian|guardian|reuters|ap|ap news|associated press|the new york times|"
    "new york times|nytimes|the washington post|washington post|fox news|nbc news|abc news|"
    "cbs news|sky news|the independent|independent|the telegraph|telegraph|the times|metro|"
    "metro news|the sun|al jazeera|npr|politico|bloomberg|financial times|ft|the economist|"
    "usa today|the verge|techcrunch|wired|ars technica|espn|yahoo news|huffpost|the atlantic|"
    "vox|axios|cnbc|forbes|business insider|insider|time|newsweek|euronews|dw|france 24|"
    "the hill|los angeles times|la times"
)
_SEP = re.compile(r"\s+[|\-\u2013\u2014:]\s+|\s*\|\s*")
_WORD = re.compile(r"\S+")

# Lead junk in news copy: "(CNN) --", "LONDON, England (CNN) --", "By . Jane Doe . PUBLISHED: …".
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .,'-]{0,60})?\((?:CNN|AP|Reuters|AFP|CNN Student News)\)\s*(?:--|\u2014|\u2013|-)?\s*"
)
_DATELINE_CAPS = re.compile(r"^\s*[A-Z][A-Z .,'-]{2,40}\s(?:--|\u2014|\u2013)\s+")
_PAREN = re.compile(r"\s*\([^()]{0,80}\)")
_ATTRIB_TAIL = re.compile(
    r",\s*(?:(?:according to|as reported by)\b[^,;]*"
    r"|(?:[A-Za-z.'\-]+\s){0,4}(?:said|says|reported|reports|told [^,;]{1,40}|announced|added|"
    r"claimed|confirmed|stated|tweeted|wrote)(?:\s+(?:on|in|at|this|last|earlier)\s+\w+)?)"
    r"\s*[.!?]?\s*$"
)
_APPOSITIVE = re.compile(
    r",\s+(?:who|which|whose|one of|a|an|the|now|then|also|aged|known as)\b[^,]{1,60},\s+(?=[a-z])"
)
_LEAD_PREP = _words(
    "in on at after before during amid as when while since for following despite with "
    "without under over across from by behind earlier last this yesterday today tonight now "
    "until within according meanwhile however but and so still yet also"
)
_TAIL_SPLIT = re.compile(
    r"\s+(?=(?:that|which|who|whom|whose|where|as|after|before|because|while|when|since|but|"
    r"although|though|despite|amid|following|including|with|even|until)\b)"
)
_ARTICLES = {"the", "a", "an"}
_SMALL = _words(
    "a an the and but or nor for so yet as at by in of off on per to up via from into over "
    "with than vs"
)
_PARTICLES = _words("van von de da del der den la le bin al di du")
_DANGLING = _SMALL | _phrases(
    "is|are|was|were|be|been|has|have|had|his|her|its|their|this|that|these|those|who|which|"
    "not|will|would|can|could|after|before|about|said|says|says:|said:|has been|being|"
    # comparatives and quantifiers want what follows ("… by More" cut from "by more than 80")
    "more|less|fewer|most|least|some|any|each|every|our|my|your|such|due"
)


@dataclass(frozen=True)
class Headline:
    """A headline and the ids of the source sentences it was taken from (empty for a title)."""

    text: str
    sources: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.text


def clean_title(title: str) -> str:
    """The title without a trailing (or leading) site name such as " | CNN" or " - BBC News".

    Only parts that name a known site, or short all-capitalised brand-like parts after " | ", are
    removed; a dash inside the title itself ("Ukraine - live") is kept when it is not a site.
    """
    t = " ".join(title.split())
    parts = [p for p in _SEP.split(t) if p]
    if len(parts) > 1:
        seps = _SEP.findall(t)
        while len(parts) > 1 and _is_site(parts[-1], seps[-1] if seps else ""):
            parts.pop()
            seps = seps[:-1]
        while len(parts) > 1 and _is_site(parts[0], seps[0] if seps else ""):
            parts.pop(0)
            seps = seps[1:]
        out = parts[0]
        for sep, part in zip(seps, parts[1:], strict=False):
            out += sep + part
        t = out
    return t.strip().rstrip(".").strip()


def _is_site(part: str, sep: str) -> bool:
    p = part.strip().lower()
    if p in _SITES or re.fullmatch(r"[\w.-]+\.(?:com|co\.uk|org|net|news|io)", p):
        return True
    words = part.split()
    # after a pipe, a short Capitalised part is a brand more often than part of the title
    return "|" in sep and len(words) <= 3 and all(w[:1].isupper() for w in words)


def headline(article: Article) -> str:
    """The headline text (see :func:`make_headline`)."""
    return make_headline(article).text


def make_headline(article: Article) -> Headline:
    """The cleaned source title, else the lead sentence compressed by deletion to ≤ 12 words.

    Args:
        article: the ingested article.
    Returns:
        A :class:`Headline`; ``sources`` holds the id of the sentence it was compressed from.
    """
    if article.title and article.title.strip():
        cleaned = clean_title(article.title)
        if cleaned and _about_the_story(cleaned, article):
            return Headline(cleaned)
    ranked: list[tuple[int, int, Headline]] = []
    for i, sent in enumerate(_lead_candidates(article.sentences, 5)):
        text, clean = _compress(sent.text)
        if len(text.split()) < 3:
            continue
        # prefer, in reading order: a clean deletion that reads as a headline; then one that
        # needed a hard cut; then anything
        rank = 0 if _good(text) and clean else 1 if _good(text) else 2
        if rank == 0:
            return Headline(text, (sent.id,))  # the best rank, earliest: nothing later can win
        ranked.append((rank, i, Headline(text, (sent.id,))))
    if ranked:
        return min(ranked, key=lambda r: (r[0], r[1]))[2]
    if article.sentences:
        s = article.sentences[0]
        words = s.text.split()[:MAX_WORDS]
        return Headline(_title_case(" ".join(words).rstrip(".,;:!?")), (s.id,))
    return Headline("")


def _about_the_story(title: str, article: Article) -> bool:
    """Whether a title names something the story's opening speaks of: a site's generic page
    title ("News from The Associated Press", "Home") shares no content word with it."""
    words = set(content_words(title))
    if not words or not article.sentences:
        return True  # nothing to compare: keep the editor's title
    opening = " ".join(s.text for s in article.sentences[:8])
    return bool(words & set(content_words(opening)))


def _lead_candidates(sentences: Sequence[Sentence], limit: int = 8) -> Iterator[Sentence]:
    """Sentences fit to be a headline's source, lead first: skip bylines, captions, questions.

    At most ``limit`` of them, judged one at a time as they are asked for: the headline is most
    often the first one's, and the rest need not be read.
    """
    found = 0
    for s in sentences[:8]:
        if found >= limit:
            break
        t = s.text.strip()
        low = t.lower()
        words = t.split()
        if len(words) < 6 or low.startswith(("by ", "published:", "updated:", "last updated")):
            continue
        if t.endswith(" .") or ":" in words[0]:
            continue  # photo captions ("Defeated: Napoleon lost … .")
        if "scroll down" in low or t.endswith("?") or t.startswith(("'", '"', "\u2018", "\u201c")):
            continue
        found += 1
        yield s


def compress(sentence: str, limit: int = MAX_WORDS) -> str:
    """Shorten one sentence to ≤ ``limit`` words by deleting words (see :func:`_compress`)."""
    return _compress(sentence, limit)[0]


def _compress(sentence: str, limit: int = MAX_WORDS) -> tuple[str, bool]:
    """Shorten one sentence to ≤ ``limit`` words by deleting words, never adding or changing any.

    Steps, each applied only while the text is too long (the first three always): strip a
    dateline; drop parentheticals; drop an attribution tail ("…, police said"); drop a leading
    adverbial ("In late August 2024, …"); drop trailing subordinate or relative clauses; drop
    articles (headline style); cut at the last comma; last resort, cut at a word boundary that
    does not leave a dangling function word.
    """
    t = _DATELINE.sub("", sentence.strip())
    t = _DATELINE_CAPS.sub("", t)
    t = _PAREN.sub("", t)
    t = t.strip().rstrip(".!?;:").strip()
    t = _ATTRIB_TAIL.sub("", t).strip() or t
    t = _drop_lead_adverbial(t)
    n = _n(t)  # counted again only when a step changed the text
    if n > limit:
        t = _APPOSITIVE.sub(" ", t, count=1)
        n = _n(t)
    if n > limit:
        t = _drop_tails(t, limit)
        n = _n(t)
    if n > limit and ", " in t:
        head = t.split(", ")[0]
        if _n(head) >= 5:
            t = head
            n = _n(t)
    if n > limit:
        words = t.split()  # "the" goes, "The" inside a name ("The Beatles") stays
        t = " ".join(
            w
            for i, w in enumerate(words)
            if not (w in _ARTICLES or (i == 0 and w.lower() in _ARTICLES))
        )
        n = _n(t)
    if n > limit:
        t = _COORD.sub(_drop_conjunct, t)
        n = _n(t)
    clean = True
    if n > limit:
        t, clean = _cut(t.split(), limit)
    t = t.strip().rstrip(",;:-\u2014\u2013").strip()
    t = re.sub(r",\s+\S+$", "", t) if _n(t) > 5 else t  # "…, especially"
    words = t.split()
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()  # whatever step cut the sentence, it never ends on a function word
        clean = False
    t = " ".join(words).rstrip(",;:-\u2014\u2013").strip()
    t = re.sub(r"^[\"'\u2018\u201c]+|[\"'\u2019\u201d]+$", "", t) if t.count('"') % 2 else t
    return _title_case(t), clean


_COORD = re.compile(r"(?<=[a-z]) (?:or|and) ([a-z][a-z-]+)(?= )")


def _drop_conjunct(m: re.Match[str]) -> str:
    """Drop the second of two coordinated nouns/adjectives ("desertion or disobedience")."""
    pos = pos_of_lower(m.group(1))
    if "VERB" in pos and "NOUN" not in pos or m.group(1).endswith("ed"):
        return m.group(0)
    return "" if ("NOUN" in pos or "ADJ" in pos) else m.group(0)


_CUT_BEFORE = _words(
    "to in for at with from on by after before into during over near outside inside across "
    "amid against as since than"
)
_REPORTING = _words(
    "say tell warn concede announce claim admit believe reveal suggest insist confirm report "
    "show find argue think know fear hope expect accept deny state explain add note agree "
    "realise realize learn discover seem be feel mean ensure decide vow promise"
)


def _good(t: str) -> bool:
    """A usable headline: 5+ words, balanced quotes, and a verb somewhere after the first word."""
    words = t.split()
    quotes = re.findall(
        r"(?<![A-Za-z])['\u2018\u2019\"\u201c\u201d]|['\u2018\u2019\"\u201c\u201d](?![A-Za-z])", t
    )
    if len(words) < 5 or len(quotes) % 2 or words[-1].lower() in _DANGLING:
        return False
    first = words[0].lower().strip("'\"\u2018\u201c")
    if first in _SUBORDINATORS or first in _CUT_BEFORE or first in _OPENERS:
        return False  # "Because they left …", "Between X and Y …": the main clause was lost
    if _participle(words[-1]) and words[-2].lower() in _AUX:
        return False  # "… Were Left", "… Was Used": a passive cut from its complement
    return any("VERB" in pos_of_lower(w.lower().strip(",;:'\"")) for w in words[1:])


_SUBORDINATORS = _words(
    "because although though as when while if after before since unless until whereas once to "
    "whether"
)
_AUX = _words("is are was were be been being has have had will would")
# a fragment's first word: the sentence's subject or main clause is elsewhere
_OPENERS = _words(
    "between among amid despite without thanks and but or yet so which who whom whose"
)


def _verb_only(word: str) -> bool:
    """A word lemminflect knows only as a verb ("left", "used", "changed")."""
    pos = pos_of_lower(word.lower().strip(",;:'\""))
    return "VERB" in pos and not ({"NOUN", "ADJ", "ADV", "PROPN"} & set(pos))


def _participle(word: str) -> bool:
    """An inflected verb form ("left", "used", "told"): after be/have it wants a complement."""
    w = word.lower().strip(",;:'\"")
    verbs = pos_of_lower(w).get("VERB", ())
    return bool(verbs) and w not in verbs and not w.endswith("s")


def _cut(words: list[str], limit: int) -> tuple[str, bool]:
    """Last resort: end before a preposition (a dropped phrase), never on a function word.

    Returns the text and whether the cut was clean (before a preposition, not mid-phrase).
    """
    for k in range(min(limit, len(words) - 1), 3, -1):
        prev = words[k - 1].lower().strip(",;:")
        passive = _participle(prev) and k > 1 and words[k - 2].lower() in _AUX
        if words[k].lower() in _CUT_BEFORE and prev not in _DANGLING and not _verb_only(prev):
            if passive:
                continue
            return " ".join(words[:k]), True
    words = words[:limit]
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    return " ".join(words), False


def _n(t: str) -> int:
    return len(t.split())


def _drop_lead_adverbial(t: str) -> str:
    """Drop "In late August 2024, " style openers when what follows still has ≥ 5 words."""
    m = re.match(r"^([^,]{2,80}),\s+(.*)$", t)
    if not m:
        return t
    first = m.group(1).split()[0].lower()
    if first in _LEAD_PREP and _n(m.group(2)) >= 5:
        return m.group(2)
    return t


def _drop_tails(t: str, limit: int) -> str:
    """Cut the sentence before a relative/subordinate clause, keeping at least a clause's worth."""
    best = t
    cuts = [m.start() for m in _TAIL_SPLIT.finditer(t)]
    for pos in reversed(cuts):
        head = t[:pos].rstrip(" ,;:")
        prev = head.split()[-3:]
        if t[pos:].lstrip().startswith("that ") and any(
            set(pos_of_lower(w.lower()).get("VERB", ())) & _REPORTING for w in prev
        ):
            continue  # "X said that …": the that-clause is the claim, keep it
        best = head
        if _n(head) < 5:
            break
        if head.split()[-1].lower() in _DANGLING:
            continue
        if _n(head) <= limit:
            return head
    return best


def _title_case(t: str) -> str:
    """Title Case that only ever raises a lower-case initial, so the words stay traceable."""
    words = t.split()
    out = []
    # (``islower()`` first: a word with no capital needs no look at each of its letters)
    for i, w in enumerate(words):
        bare = w.lower()
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if i > 0 and bare in _PARTICLES and nxt[:1].isupper():
            out.append(w)  # "Louis van Gaal"
        elif i > 0 and bare in _SMALL and not out[-1].endswith(":"):
            out.append(w)
        elif w[:1].islower() and (w[1:].islower() or not any(c.isupper() for c in w[1:])):
            out.append(w[0].upper() + w[1:])
        elif (
            w[:1] in _OPEN_QUOTES
            and w[1:2].islower()
            and (w[2:].islower() or not any(c.isupper() for c in w[2:]))
        ):
            out.append(w[0] + w[1].upper() + w[2:])  # "'offensive'" → "'Offensive'"
        else:
            out.append(w)
    return " ".join(out)


_OPEN_QUOTES = frozenset("'\"\u2018\u201c")
