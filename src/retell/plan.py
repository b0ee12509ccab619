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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import mul

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


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to make 'soldier'/'soldiers', 'desert'/'deserted' meet."""
    return _stem(word)


def _stem(word: str) -> str:
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if not w.endswith(_SUFFIXES):
        return w  # one C call rules out every suffix (most words)
    for suf in _SUFFIXES:
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
    w = word.lower()
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


def depth_scores(bags: Sequence[Counter[str]], block: int) -> list[float]:
    """TextTiling depth at each gap g (between sentence g-1 and g), index 0 unused.

    The gap score is the cosine between the ``block`` sentences before and after the gap; the
    depth is how far it dips below the nearest peaks on either side. Deep dips = topic shifts.
    """
    n = len(bags)
    gap = [0.0] * n
    # The windows slide one sentence at a time: add the sentence entering each, take away the
    # one leaving (the same integer counts as summing the window afresh at every gap).
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    for b in bags[:block]:
        _add(right, b, 1)
    for g in range(1, n):
        _add(left, bags[g - 1], 1)
        if g - block - 1 >= 0:
            _add(left, bags[g - block - 1], -1)
        _add(right, bags[g - 1], -1)
        if g + block - 1 < n:
            _add(right, bags[g + block - 1], 1)
        gap[g] = cosine(left, right)
    depth = [0.0] * n
    for g in range(1, n):
        peak_l = gap[g]
        i = g - 1
        while i >= 1 and gap[i] >= peak_l:
            peak_l = gap[i]
            i -= 1
        peak_r = gap[g]
        i = g + 1
        while i < n and gap[i] >= peak_r:
            peak_r = gap[i]
            i += 1
        depth[g] = (peak_l - gap[g]) + (peak_r - gap[g])
    return depth


def _add(window: dict[str, int], bag: Mapping[str, int], sign: int) -> None:
    """Add (sign 1) or take away (sign -1) a sentence's counts; words that reach 0 leave."""
    for w, c in bag.items():
        v = window.get(w, 0) + sign * c
        if v:
            window[w] = v
        else:
            del window[w]


_LAST_BAGS: tuple[Article, tuple[Counter[str], ...]] | None = None


def sentence_bags(article: Article) -> tuple[Counter[str], ...]:
    """Each sentence's content-word counts (:func:`content_stems`), kept for the last article
    asked about (by identity): the planner's cohesion and the engine's salience and repetition
    compare the same bags. Shared: callers only read them."""
    global _LAST_BAGS
    last = _LAST_BAGS
    if last is not None and last[0] is article:
        return last[1]
    bags = tuple([Counter(content_stems(s.text)) for s in article.sentences])
    _LAST_BAGS = (article, bags)
    return bags


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
    bags = sentence_bags(article)
    block = max(2, min(4, n // (2 * k)))
    depth = depth_scores(bags, block)
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
    cum = [0]
    for w in usable:
        cum.append(cum[-1] + w)
    total = cum[-1]
    mean = total / k
    need = 0.85 * budget - 10  # source words a part needs to fill its budget within -15%
    floor = min(need, 0.6 * mean)
    everywhere = set(range(1, n))
    # The DP is O(K·m²) in the m gaps it may cut at: on long articles, try the deepest gaps
    # first (a cut elsewhere is rarely chosen anyway), then every gap if that is infeasible.
    m = max(6 * k, 40)
    deepest = set(sorted(everywhere, key=lambda g: -depth[g])[:m])
    for allowed, min_words in ((deepest, floor), (everywhere, floor), (everywhere, 0.0)):
        if allowed is deepest and len(deepest) == len(everywhere):
            continue
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
    """Maximise the depth at the cuts minus the squared relative imbalance of part lengths."""
    starts = sorted({0, *allowed})
    neg = -1e18
    # best[j][i]: best score with j parts covering sentences [0, starts[i]).
    ends = [*starts[1:], n]
    idx = {p: i for i, p in enumerate([*starts[1:], n])}
    best = [[neg] * len(ends) for _ in range(k + 1)]
    back = [[-1] * len(ends) for _ in range(k + 1)]

    def cost(a: int, b: int) -> float | None:
        w = cum[b] - cum[a]
        if w < min_words or b <= a:
            return None
        return -(((w - mean) / mean) ** 2)

    for e_i, e in enumerate(ends):
        c = cost(0, e)
        if c is not None:
            best[1][e_i] = c
    # Each part (s, e)'s cost does not depend on how many parts came before it: compute it once,
    # not once per part count (the same terms, added in the same order as before).
    pairs: list[list[tuple[int, int, float, float]]] = []
    inner = [(s, idx[s], cum[s], depth[s]) for s in starts[1:]]
    for e in ends:
        row = []
        ce = cum[e]
        for s, s_i, cs, d in inner:  # cost(s, e) written out: this loop is the DP's O(m²)
            if s >= e:
                break
            w = ce - cs
            if w >= min_words:
                row.append((s, s_i, -(((w - mean) / mean) ** 2), d))
        pairs.append(row)
    for j in range(2, k + 1):
        prev_best = best[j - 1]
        for e_i, row in enumerate(pairs):
            top = neg
            arg = -1
            for s, s_i, c, d in row:
                prev = prev_best[s_i]
                if prev <= neg:
                    continue
                v = prev + c + d
                if v > top:
                    top, arg = v, s
            best[j][e_i] = top
            back[j][e_i] = arg
    if best[k][idx[n]] <= neg:
        return None
    cuts = []
    e = n
    for j in range(k, 1, -1):
        s = back[j][idx[e]]
        cuts.append(s)
        e = s
    return sorted(cuts)
