"""Plan: cut the article into K contiguous parts by topic, each with a word budget.

Why topic and not equal slices: each part becomes one paragraph of the report with its own
closing question, so a part should be about one thing. Boundaries are chosen where lexical
cohesion dips (TextTiling-style depth scores between blocks of sentences), preferring paragraph
breaks, under a penalty for unbalanced part lengths and a floor on each part's size so that every
part holds enough source text to fill its budget. A small dynamic programme picks the K-1 cuts.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import _count_elements  # type: ignore[attr-defined]
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain
from operator import add, mul

from retell.ingest.article import Article, Sentence
from retell.writable import is_junk, quote_links

DEFAULT_WORDS = 90
WORDS_PER_PART = 170  # source words per part when K is not given (the seed's 1,008 words → 6)
MAX_PARTS = 10
PARAGRAPH_BONUS = 0.4
CONTINUATION_PENALTY = 0.6


@dataclass(frozen=True)
class Part:
    """A contiguous run of source sentences [first, last) that one segment will retell."""

    index: int
    first: int
    last: int
    budget: int

    def sentences(self, article: Article) -> tuple[Sentence, ...]:
        return article.sentences[self.first : self.last]


_STOP = """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours said says say told tell according one two new year years
    mr mrs ms would could may might must shall us per via"""
STOPWORDS = frozenset(_STOP.split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*")
_SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "ly", "s")
# The suffixes by their last letter, in the order above: only those can end a word.
_SUFFIXES_ENDING = {c: tuple(x for x in _SUFFIXES if x[-1] == c) for c in "ygsdr"}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to make 'soldier'/'soldiers', 'desert'/'deserted' meet."""
    return _stem(word.lower())


def _stem(w: str) -> str:
    """:func:`stem` of a word already lower-cased."""
    w = w.replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if not w.endswith(_SUFFIXES):
        return w  # one C call rules out every suffix (most words)
    for suf in _SUFFIXES_ENDING[w[-1]]:
        if len(w) - len(suf) >= 3 and w.endswith(suf):
            w = w[: -len(suf)]
            if suf in ("ies", "ied"):
                w += "y"
            break
    return w


def content_words(text: str) -> list[str]:
    """Stemmed lower-case words of ``text`` without stopwords: what lexical cohesion compares."""
    return list(content_stems(text))


@lru_cache(maxsize=16384)
def content_stems(text: str) -> tuple[str, ...]:
    """:func:`content_words` as a tuple, cached by text: the planner, the engine's salience and
    repetition scores and its candidate features all compare the same sentences.

    Words are looked up in a plain dict with ``map`` (no Python call per known word); only the
    words not seen before are stemmed, one by one.
    """
    toks = _WORD.findall(text)
    cache = _STEM_OF
    got = list(map(cache.get, toks))
    if None in got:
        if len(cache) > _STEM_CACHE_SIZE:
            cache.clear()  # a long-running server meets ever new words: stay bounded
        for i, g in enumerate(got):
            if g is None:
                got[i] = cache[toks[i]] = _content_stem(toks[i])
    return tuple(filter(None, got))


_STEM_OF: dict[str, str] = {}  # word as written → _content_stem(word)
_STEM_CACHE_SIZE = 200_000


def _content_stem(word: str) -> str:
    """The stem of one word, or "" for a stopword or a one-letter word."""
    w = word.lower()  # (a word of _WORD: its letters are ASCII, lower-cased once for all)
    return "" if w in STOPWORDS or len(w) < 2 else _stem(w)


def cosine(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Cosine similarity of two bags of words (0 when either is empty).

    Counts are integers, so every sum is exact whatever its order: the shared words are found
    by a set intersection and the products summed by ``map`` (in C), not one Python step per word.
    """
    dot = _dot(a, b)
    return dot / (norm(a) * norm(b)) if dot else 0.0


def cosine_normed(a: Mapping[str, int], na: float, b: Mapping[str, int], nb: float) -> float:
    """:func:`cosine` given both bags' :func:`norm`: the same float, for a bag compared many
    times (the engine's part centroid and article bag)."""
    dot = _dot(a, b)
    return dot / (na * nb) if dot else 0.0


def norm(bag: Mapping[str, int]) -> float:
    """The Euclidean norm of a bag of words."""
    return math.sqrt(sum(map(mul, bag.values(), bag.values())))


def _dot(a: Mapping[str, int], b: Mapping[str, int]) -> int:
    if not a or not b:
        return 0
    common = a.keys() & b.keys()
    return sum(map(mul, map(a.__getitem__, common), map(b.__getitem__, common))) if common else 0


# Openers that need the previous sentence to be understood.
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "this", "these", "those", "his", "her", "hers", "its", "their"}
    | {"theirs", "him", "them", "such", "that", "both", "another", "neither", "either"}
)
# Connectives that tie a sentence to the one before it.
_CONNECTIVE = re.compile(
    r"^(?:However|Meanwhile|Moreover|Furthermore|Nevertheless|Nonetheless|But|Yet|And|Still|"
    r"Instead|Also|Thus|Therefore|Hence|Otherwise|Even so|Despite this|In addition|Then)\b"
)
_FIRST_WORD = re.compile(r"[\"'\u2018\u201c(]*([A-Za-z]+)")


# A fronted adverbial and then a pronoun subject: "In 1990, he competed…", "Last season, she…",
# "A devoted fan, she was…". The opener must be one that cannot itself name who is meant, and
# no capital may come before the pronoun (a name there may be its antecedent).
_FRONTED_PRONOUN = re.compile(
    r"^(?:In|At|On|After|Before|When|While|If|As|Since|Last|Later|Earlier|Today|Yesterday|Then|"
    r"Now|Once|During|Despite|Although|Though|Until|By|For|With|Without|Unlike|Like|Following|"
    r"Within|Over|Under|Two|Three|Four|Five|Six|Ten|A|An|Still|Also|Instead|Meanwhile|"
    r"[A-Z][a-z]+(?:ing|ly|ed))\b[^,;:\"\u201c\u201d\u2018\u2019'A-Z]{0,70},\s+"
    r"(?:[^,;:\"\u201c\u201d\u2018\u2019'A-Z]{1,70},\s+){0,2}(?:he|she|they|his|her|their|him|them)\b"
)

# A fronted prepositional or time phrase may hold names ("Today, in a paper published in Oxford
# Open Climate Change, he…", "On a visit to Hartlepool, he…"): a pronoun subject after it still
# has no antecedent there (a subordinate clause's subject could be one, so those stay without).
_FRONTED_PHRASE_PRONOUN = re.compile(
    r"^(?:In|At|On|During|Despite|By|For|With|Without|Within|Over|Under|Following|Today|"
    r"Yesterday|Last|Later|Earlier|Now|Then|Still|Also|Instead|Meanwhile)\b"
    r"[^,;:\"\u201c\u201d\u2018\u2019']{0,100},\s+(?:[^,;:\"\u201c\u201d\u2018\u2019']{1,100},\s+){0,2}"
    r"(?:he|she|they|his|her|their|him|them)\b"
)


# Cached, as :func:`dangles`: the planner asks of every sentence, the engine of every variant.
@lru_cache(maxsize=8192)
def fronted_pronoun(text: str) -> bool:
    """Does ``text`` put a pronoun subject right after a fronted adverbial ("Last season, she
    attended…")? Then it cannot open a part: nothing before it in the part says who is meant.

    Kept apart from :func:`dangles`: inside a segment such a sentence may follow a gap (the
    person was named earlier in it), and the one-segment summary, which opens on the lead, lost
    ROUGE in cross-validation when these counted as dangling everywhere (-0.08 R1).
    """
    if "," not in text:
        return False  # (both patterns need a comma after the opener: most sentences, in C)
    t = text.lstrip()
    return _FRONTED_PRONOUN.match(t) is not None or _FRONTED_PHRASE_PRONOUN.match(t) is not None


# Cached by text: the planner asks of every sentence, then the engine of each variant (most are
# the sentence as it is).
@lru_cache(maxsize=8192)
def dangles(text: str) -> bool:
    """Does ``text`` open on a pronoun, a connective or a lower-case continuation?"""
    t = text.lstrip()
    if not t:
        return False
    if _CONNECTIVE.match(t):
        return True
    m = _FIRST_WORD.match(t)
    if not m:
        return False
    word = m.group(1)
    if word[0].islower():
        return True  # a continuation the splitter cut off
    return word.lower() in PRONOUNS


def default_segments(article: Article, budget: int = DEFAULT_WORDS) -> int:
    """K from the article's length: about one part per 170 words a segment can use, 1..10.

    Junk and quotations too long for any segment (:func:`usable_words`) do not count: a
    quote-heavy article would otherwise get parts with nothing in them to write.
    """
    return _parts_for(usable_words(article, budget)[0])


def _parts_for(usable: Sequence[int]) -> int:
    return max(1, min(MAX_PARTS, round(sum(usable) / WORDS_PER_PART)))


def depth_scores(stems: Sequence[Sequence[str]], block: int) -> list[float]:
    """TextTiling depth at each gap g (between sentence g-1 and g), index 0 unused.

    The gap score is the cosine between the bags of the ``block`` sentences before and after the
    gap (``stems``: each sentence's :func:`content_stems`); the depth is how far it dips below the
    nearest peaks on either side. Deep dips = topic shifts.
    """
    n = len(stems)
    # The window after gap g is the one before gap g + block: each window is counted once, in C
    # from its sentences' stems, with its norm (integer counts: the same bag, in any order). A
    # plain dict, filled by the C counter Counter() fills itself with (collections'), without
    # Counter's Python-level set-up per window.
    windows: dict[tuple[int, int], tuple[dict[str, int], float]] = {}

    def window(first: int, last: int) -> tuple[dict[str, int], float]:
        got = windows.get((first, last))
        if got is None:
            bag: dict[str, int] = {}
            _count_elements(bag, chain.from_iterable(stems[first:last]))
            got = windows[first, last] = (bag, norm(bag))
        return got

    gap = [0.0] * n
    for g in range(1, n):
        left, left_norm = window(max(0, g - block), g)
        right, right_norm = window(g, min(n, g + block))
        gap[g] = cosine_normed(left, left_norm, right, right_norm)
    # The nearest peak on the left of g: climb while the scores do not fall. Where the score
    # left of g is at least g's, that climb goes on as the one from g - 1 (so each is one step).
    peak_l = gap[:]
    for g in range(2, n):
        if gap[g - 1] >= gap[g]:
            peak_l[g] = peak_l[g - 1]
    peak_r = gap[:]
    for g in range(n - 2, 0, -1):
        if gap[g + 1] >= gap[g]:
            peak_r[g] = peak_r[g + 1]
    depth = [0.0] * n
    for g in range(1, n):
        depth[g] = (peak_l[g] - gap[g]) + (peak_r[g] - gap[g])
    return depth


QUOTE_PENALTY = 5.0


def usable_words(article: Article, budget: int) -> tuple[list[int], frozenset[int]]:
    """Words each sentence can give a segment — 0 for junk, and for every sentence of a quotation
    that is too long for any segment or has junk in it (it is written whole or not at all) — and
    the sentences that go on a quotation begun before them."""
    continues, goes_on = quote_links(article)
    sents = article.sentences
    out = [0 if is_junk(s.text) else s.words for s in sents]
    limit = budget - 6  # the most words of sentences a segment takes (extractive.write_parts)
    i = 0
    while i < len(sents):
        j = i
        while j in goes_on and j + 1 < len(sents):
            j += 1
        if j > i and (sum(out[i : j + 1]) > limit or 0 in out[i : j + 1]):
            out[i : j + 1] = [0] * (j + 1 - i)
        i = j + 1
    return out, continues


def plan(
    article: Article, segments: int | None = None, words: int | None = None
) -> tuple[Part, ...]:
    """Cut ``article`` into K contiguous, covering, non-empty parts, at topic shifts.

    ``segments`` is K (default from length, clamped to 1..10 and to the number of sentences);
    ``words`` is each part's budget (default 90), counting the segment's closing question.
    """
    budget = words or DEFAULT_WORDS
    n = len(article.sentences)
    if n == 0:
        return ()
    whole = (Part(0, 0, n, budget),)
    if segments is not None and min(segments, n) <= 1:
        return whole
    usable, inside = usable_words(article, budget)
    k = _parts_for(usable) if segments is None else segments  # see default_segments
    k = max(1, min(k, MAX_PARTS, n))
    if k == 1:
        return whole
    cuts = _cuts(article, k, budget, usable, inside)
    bounds = [0, *cuts, n]
    return tuple(Part(i, bounds[i], bounds[i + 1], budget) for i in range(k))


def _cuts(
    article: Article, k: int, budget: int, usable: list[int], inside: frozenset[int]
) -> list[int]:
    """The K-1 sentence indices where parts begin, by dynamic programming over gaps."""
    sents = article.sentences
    n = len(sents)
    block = max(2, min(4, n // (2 * k)))
    depth = depth_scores([content_stems(s.text) for s in sents], block)
    para_gaps = {g for g in range(1, n) if sents[g].paragraph != sents[g - 1].paragraph}
    # Paragraph breaks are the writer's own topic marks: prefer them (a bonus, not a rule, so a
    # clear shift in mid-paragraph still wins over a paragraph break inside one topic).
    for g in para_gaps:
        depth[g] += PARAGRAPH_BONUS
    # A sentence that opens on "He", "This", "However"… continues the one before: a part that
    # began there would open on something its reader has not seen.
    for g in range(1, n):
        if dangles(sents[g].text) or fronted_pronoun(sents[g].text):
            depth[g] -= CONTINUATION_PENALTY
    for g in inside:  # a part must not begin inside a quotation
        if 0 < g < n:
            depth[g] -= QUOTE_PENALTY
    cum = [0, *accumulate(usable)]
    total = cum[-1]
    mean = total / k
    need = 0.85 * budget - 10  # source words a part needs to fill its budget within -15%
    floor = min(need, 0.6 * mean)
    everywhere = set(range(1, n))
    # The DP is O(K·m²) in the m gaps it may cut at: on long articles, try the deepest gaps
    # first (a cut elsewhere is rarely chosen anyway), then every gap if that is infeasible.
    m = max(6 * k, 40)
    tries = [(everywhere, floor), (everywhere, 0.0)]
    if m < n - 1:  # (stable: of equal depths, the earlier gap)
        tries.insert(0, (set(sorted(everywhere, key=depth.__getitem__, reverse=True)[:m]), floor))
    for allowed, min_words in tries:
        cuts = _best_cuts(k, n, cum, mean, depth, allowed, min_words)
        if cuts is not None:
            return cuts
    # Unreachable while k <= n (single-sentence parts are always feasible), kept for safety.
    return list(range(1, k))


def _best_cuts(
    k: int,
    n: int,
    cum: list[int],
    mean: float,
    depth: list[float],
    allowed: set[int],
    min_words: float,
) -> list[int] | None:
    """Maximise the depth at the cuts minus the squared relative imbalance of part lengths.

    best[i]: the best score of j parts covering sentences [0, ends[i]), for j = 1, 2, … k. Usable
    words are never negative, so a part is never shorter for beginning earlier or ending later:
    the parts long enough (``min_words``) to end at an end are those from the first starts, more
    of them the later it ends, and j parts can cover the ends from the first they reach on. So
    each step works only over the ends j parts reach and the parts after them can begin at, and
    every score it compares is a finite one: the same choices as over all pairs, in less time.
    """
    starts = sorted(allowed)  # where a part may begin, besides 0
    ends = [*starts, n]  # where a part may end: ends[i] is where the part after starts[i - 1] ends
    last = len(ends) - 1
    start_cum = [cum[s] for s in starts]
    start_depth = [depth[s] for s in starts]
    end_cum = [cum[e] for e in ends]
    at_least = math.ceil(min_words)  # (a part's words are an integer)
    # fit[i]: the parts from starts[0], … starts[fit[i] - 1] to ends[i] are long enough.
    fit = [bisect_right(start_cum, ce - at_least, 0, i) for i, ce in enumerate(end_cum)]
    reached = bisect_left(end_cum, at_least)  # the first end one part reaches
    if reached > last:
        return None
    # The ends step j may stop at (j < k): those where a part of step j + 1 may begin, from the
    # last part's starts down.
    stops = [fit[last]]
    for _ in range(k - 3):
        stops.append(fit[stops[-1] - 1] if stops[-1] else 0)
    stops.reverse()
    lowest = reached
    rows: dict[int, list[float]] = {}  # each part's cost is worked out once, for every step

    def costs_to(i: int) -> list[float]:
        """The costs of the parts long enough from starts[lowest], starts[lowest + 1]… to ends[i]."""
        row = rows.get(i)
        if row is None:
            ce = end_cum[i]
            row = rows[i] = [-(((ce - cs - mean) / mean) ** 2) for cs in start_cum[lowest : fit[i]]]
        return row

    best = [-(((ce - mean) / mean) ** 2) for ce in end_cum]  # (unread before `reached`)
    back: list[list[int]] = []
    for j in range(2, k + 1):
        # The ends j parts reach: where a part long enough begins at an end j - 1 parts reach.
        first = bisect_right(fit, reached)
        ahead = stops[j - 2] if j < k else last + 1
        if first >= ahead:
            return None
        top_of = [-math.inf] * len(ends)  # (for the ends j parts do not reach, or need not)
        arg_of = [-1] * len(ends)
        prev = best[reached:]
        gains = start_depth[reached:]
        for i in range(first, ahead) if j < k else (last,):
            # Each start's score, in C: (best + cost) + depth, in the order the sum was always
            # taken. max() keeps the first of equal scores, and so does index().
            scores = list(map(add, map(add, prev, costs_to(i)[reached - lowest :]), gains))
            top = max(scores)
            top_of[i] = top
            arg_of[i] = starts[reached + scores.index(top)]
        best = top_of
        back.append(arg_of)
        reached = first
    idx = {e: i for i, e in enumerate(ends)}
    cuts = []
    e = n
    for arg_of in reversed(back):
        e = arg_of[idx[e]]
        cuts.append(e)
    return sorted(cuts)
