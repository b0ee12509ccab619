"""Candidate summaries and their features, for the extractive engine's one-segment summary.

Why whole candidates and features relative to the lead: on CNN/DM the article's first N words
(LEAD) are a strong summary, and picking sentences one at a time loses to it. Scoring whole
candidate summaries — sets of 1–3 sentences (or trims of them) from the first eight usable ones
that fill the word window — by the ROUGE gain they are predicted to have over the lead at the
same length turns the problem into "when and how to deviate from the lead". Everything is precomputed per sentence as bit masks over
the article's vocabulary, so a candidate costs a handful of integer ORs and popcounts.

Shared by the engine at run time and by ``scripts/train_extractive.py`` (same features, by name).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, count, repeat
from operator import mul
from typing import Any, NamedTuple

from retell.engines.extractive import Variant, variants
from retell.ingest.article import Article
from retell.plan import content_stems, dangles
from retell.writable import QuoteLinks, first_quote_mark

_QUOTE_CHARS = ('"', "\u201c", "\u201d")

FEATURES: tuple[str, ...] = (
    "bias",
    "overlap_lead",
    "distinct_gain",
    "tf_gain",
    "top_gain",
    "rep_gain",
    "bigram_gain",
    "first",
    "pure_lead",
    "npick",
    "mean_pos",
    "max_pos",
    "skips",
    "quote_frac",
    "number_rate",
    "trimmed",
    "fill",
    "short_first",
    "s_len",
    "s_central",
    "s_first_sim",
    "s_quote_start",
    "s_names",
    "s_said",
    "s_comma",
    "s_digit",
    "s_question",
    "s_pos",
    "s_pos0",
    "s_short",
    "s_first_person",
)
SENT_FEATURES = tuple(k for k in FEATURES if k.startswith("s_"))
# The same sentence features, as the candidate's minus the lead's at equal length.
FEATURES = FEATURES + tuple("d_" + k for k in SENT_FEATURES)
_SF_NAMES = tuple((k, "d_" + k) for k in SENT_FEATURES)
_DIGIT = re.compile(r"\d")
_NUMBERS = re.compile(r"\d+")
_SAID = re.compile(r"\b(?:said|says|told|according|added|explained|claimed)\b")
_SAID_WORDS = ("said", "says", "told", "according", "added", "explained", "claimed")
# First person outside a quotation is the writer's voice ("I spoke to…", "our reporter"), or a
# quotation whose marks are in another sentence: highlights are third-person reports.
# Counted, so written to scan for its first letters in C: \b(?:I|I'm|I've|I'd|we|We|my|My|our|
# Our|me|us)\b matches where this does ("I'm" is an "I" before a word boundary), once each.
_FIRST_PERSON = re.compile(
    r"[IwWmMoOu](?<=\b.)(?:(?<=I)|(?<=w)e|(?<=W)e|(?<=m)[ye]|(?<=M)y|(?<=o)ur|(?<=O)ur|(?<=u)s)\b"
)
_CAP = re.compile(r"[A-Z](?<=[\w,;:] [A-Z])[a-z]+")  # opens on its capital: scanned for in C


def _said(text: str) -> bool:
    """``_SAID.search(text)``, without the regex when none of its words is in ``text`` at all."""
    for w in _SAID_WORDS:
        if w in text:
            return _SAID.search(text) is not None
    return False


@dataclass
class Candidate:
    """A candidate summary: the variants chosen (in source order) and its feature values."""

    chosen: tuple[Variant, ...]
    words: int
    features: dict[str, float] = field(default_factory=dict)


class _Unit(NamedTuple):
    """One variant of a window sentence with what candidates read of it. (A named tuple, not a
    frozen dataclass: one is built per variant of every summary, and a tuple is built in C.)"""

    variant: Variant
    pos: int  # position among the usable sentences of the window
    mask: int
    bigrams: int
    tf: float
    quote: bool
    numbers: int
    sf: tuple[float, ...]  # sentence features, summed word-weighted over a candidate


# Stemmed content words, as the cohesion and candidate features compare them (cached by text: a
# sentence is stemmed for the vocabulary, again for each of its variants and its centrality, and
# the lead's words one by one; the planner and the multi-part engine compare the same sentences).
_stems = content_stems


def candidates(
    article: Article,
    lo: int,
    hi: int,
    window: int,
    max_pick: int,
    units_out: list[tuple[Variant, tuple[float, ...]]] | None = None,
) -> list[Candidate]:
    """Every admissible candidate summary of lo..hi words, with its features.

    ``units_out`` (for training) receives each usable sentence variant with its sentence features.
    """
    prep = _prepare(article, lo, hi, window, units_out, full=True)
    if prep is None:
        return []
    return _enumerate(prep, lo, hi, window, max_pick)


@dataclass
class _Prepared:
    """What every candidate's features are computed from: the window's units and the lead's
    masks, weights and sentence features at each length (``full``: also what only zero-weight
    features of the shipped model read — bigrams, tf weights, the top words)."""

    units: list[list[_Unit]]
    lead_mask: list[int]
    lead_bi: list[int]
    lead_tf: list[float]
    lead_sf: list[list[float]]  # (full only)
    lead_parts: list[tuple[int, tuple[float, ...] | None]]  # the lead's sentences: words, sf
    top: int
    rep: int


def _prepare(
    article: Article,
    lo: int,
    hi: int,
    window: int,
    units_out: list[tuple[Variant, tuple[float, ...]]] | None,
    *,
    full: bool,
) -> _Prepared | None:
    sents = article.sentences
    if not sents:
        return None
    stems_of = [_stems(s.text) for s in sents]
    # One count over all sentences: the same counts in the same (first-seen) order as
    # updating sentence by sentence.
    tf: Counter[str] = Counter(chain.from_iterable(stems_of))
    df: Counter[str] = Counter(chain.from_iterable(map(set, stems_of)))
    # Which bit a word gets changes no feature (all are popcounts and cosines): the top-ten
    # ranking is only needed for top_gain.
    ranked = tf.most_common() if full else []
    if full:
        bit = {w: i for i, (w, _) in enumerate(ranked)}
        rep = 0
        for i in [bit[w] for w, c in df.items() if c >= 2]:
            rep |= 1 << i
    else:
        # The words of two sentences or more take the lowest bits (picked out in C, no loop
        # per word), so that their mask is a run of ones.
        many = list(compress(df, map((1).__lt__, df.values())))
        bit = dict(zip(chain(many, compress(df, map((2).__gt__, df.values()))), count()))
        rep = (1 << len(many)) - 1
    weight = {w: math.log1p(c) for w, c in tf.items()} if full else {}
    top = 0
    for w, _ in ranked[:10] if full else ():
        top |= 1 << bit[w]
    bbit: dict[tuple[str, str], int] = {}
    if full:
        bigram_tf: Counter[tuple[str, str]] = Counter()
        for st in stems_of:
            bigram_tf.update(zip(st, st[1:], strict=False))
        for bg, c in bigram_tf.items():
            if c >= 2:
                bbit[bg] = len(bbit)

    encoded: dict[str, tuple[int, int, float, int]] = {}

    def encode(text: str) -> tuple[int, int, float, int]:
        got = encoded.get(text)
        if got is None:
            got = encoded[text] = _encode(text) if full else _encode_mask(text)
        return got

    def _mask(st: Sequence[str]) -> int:
        m = 0
        for b in map(bit.get, st):
            if b is not None:
                m |= 1 << b
        return m

    def _encode(text: str) -> tuple[int, int, float, int]:
        st = _stems(text)
        bm = 0
        for bg in zip(st, st[1:], strict=False):
            b = bbit.get(bg)
            if b is not None:
                bm |= 1 << b
        return _mask(st), bm, sum(weight.get(w, 0.0) for w in st), st.__len__()

    def _encode_mask(text: str) -> tuple[int, int, float, int]:
        st = _stems(text)
        return _mask(st), 0, 0.0, len(st)

    # The lead at every length up to hi: masks and weights of its first n words.
    lead_mask = [0] * (hi + 1)
    lead_bi = [0] * (hi + 1)
    lead_tf = [0.0] * (hi + 1)
    n = 0
    m = bm = 0
    tfs = 0.0
    prev: str | None = None
    lead_words: list[int] = []  # words of each lead sentence (Sentence.words splits again)
    for s in sents:
        toks = s.text.split()
        lead_words.append(len(toks))
        if not full and n + len(toks) < lo:
            # Lengths below lo are never read: a whole sentence before them adds its mask at
            # once (its stems are its words' stems, in order: no word spans whitespace).
            m |= encode(s.text)[0]
            n += len(toks)
            continue
        for tok in toks:
            if n >= hi:
                break
            n += 1
            if full:
                for w in _stems(tok):
                    b = bit.get(w)
                    if b is not None:
                        m |= 1 << b
                    tfs += weight.get(w, 0.0)
                    if prev is not None:
                        bb = bbit.get((prev, w))
                        if bb is not None:
                            bm |= 1 << bb
                    prev = w
                lead_mask[n], lead_bi[n], lead_tf[n] = m, bm, tfs
            else:
                for w in _stems(tok):
                    b = bit.get(w)
                    if b is not None:
                        m |= 1 << b
                lead_mask[n] = m
        if n >= hi:
            break
    for k in range(n + 1, hi + 1):
        lead_mask[k], lead_bi[k], lead_tf[k] = m, bm, tfs

    art_norm = math.sqrt(sum(map(mul, tf.values(), tf.values()))) or 1.0  # integers: exact

    def central(text: str) -> float:
        # Cosine with the article's word counts. Every term is an integer, so the sums are
        # exact whatever their order: counting the stems themselves gives the same float.
        st = _stems(text)
        distinct = set(st)
        if len(distinct) == len(st) and distinct <= tf.keys():
            # No word twice (most sentences): every count is 1, no Counter needed
            if not st:
                return 0.0
            return sum(map(tf.__getitem__, st)) / (art_norm * math.sqrt(len(st)))
        counts = Counter(st)
        if counts.keys() <= tf.keys():  # (as good as always: its words are the sentence's)
            vals = counts.values()
            dot = sum(map(mul, vals, map(tf.__getitem__, counts)))
            sq = sum(map(mul, vals, vals))
        else:
            dot = sq = 0
            for w, v in counts.items():
                c = tf.get(w)
                if c is not None:
                    dot += v * c
                    sq += v * v
        if not sq:
            return 0.0
        return dot / (art_norm * math.sqrt(sq))

    first_mask = 0
    units: list[list[_Unit]] = []
    first_sf: dict[int, tuple[float, ...]] = {}  # sentence → its first unit's features
    seen: list[int] = []  # masks of the sentences so far, to skip repeats
    # No sentence ending before this is in a quotation (the window rarely reaches past 3x its
    # size in sentences; a sentence beyond that asks the quotations).
    quiet_until = first_quote_mark(article.text, sents[min(len(sents), 3 * window) - 1].end)
    # The quotations found only as far as the window reads (writable.quote_links's answers)
    links: QuoteLinks | None = None
    for s in sents:
        if len(units) >= window:
            break
        if s.end <= quiet_until:
            opts = variants(s)
        else:
            if links is None:
                links = QuoteLinks(article)
            opts = variants(s, *links.of(s.index))
        if not opts:
            continue
        if s.index == 0:
            # A teaser opening on a pronoun ("It is the sort of advert to strike fear…") points
            # forward at what the summary would leave out: not a summary's first sentence.
            opts = [
                Variant(v.index, v.text, v.words, dangles(v.text), v.trimmed, v.needs_next)
                for v in opts
            ]
        base = encode(opts[0].text)[0]
        if base and base in seen:
            continue  # a repeat of an earlier sentence (a caption restating the prose)
        seen.append(base)
        pos = len(units)
        row: list[_Unit] = []
        for v in opts:
            mk, bmk, t, _ = encode(v.text)
            if pos == 0 and not first_mask:
                first_mask = mk
            nw = max(1, v.words)
            sf = (
                math.log(nw),
                central(v.text),
                (mk & first_mask).bit_count() / max(1, (mk | first_mask).bit_count()),
                1.0 if v.text[:1] in "\"'\u2018\u201c" else 0.0,
                len(_CAP.findall(v.text)) / nw,
                # (the substring tests rule most sentences out faster than the regex)
                1.0 if _said(v.text) else 0.0,
                v.text.count(",") / nw,
                1.0 if _DIGIT.search(v.text) else 0.0,
                1.0 if v.text.rstrip("'\"\u2019\u201d").endswith("?") else 0.0,
                pos / 10,
                # The lead sentence is special (CV over 155 articles: +0.4 R1/R2 with this flag),
                # and so is a short one (under 15 words: a one-line hook, not a full report).
                1.0 if pos == 0 else 0.0,
                1.0 if nw < 15 else 0.0,
                # CV over 155 articles, 10 fold assignments: +0.07 R1, +0.05 R2.
                len(_FIRST_PERSON.findall(v.text)) / nw,
            )
            if units_out is not None:
                units_out.append((v, sf))
            if not row:
                first_sf[s.index] = sf
            row.append(
                _Unit(
                    v,
                    pos,
                    mk,
                    bmk,
                    t,
                    any(c in v.text for c in _QUOTE_CHARS) if full else False,
                    len(_NUMBERS.findall(v.text)) if full else 0,
                    tuple(map(mul, sf, repeat(nw))),  # (x * nw, in C)
                )
            )
        units.append(row)
    if not units:
        return None
    # The lead's sentences up to hi words: each lead word carries its sentence's features (a
    # sentence the window left out carries none).
    lead_parts = [(nw, first_sf.get(sents[i].index)) for i, nw in enumerate(lead_words)]
    lead_sf = _lead_sf(lead_parts, lo, hi) if full else []
    return _Prepared(units, lead_mask, lead_bi, lead_tf, lead_sf, lead_parts, top, rep)


def _lead_sf(
    parts: list[tuple[int, tuple[float, ...] | None]], lo: int, hi: int
) -> list[list[float]]:
    """Sentence features summed over the lead's first n words, for every n of lo..hi (the
    lengths below lo are never read)."""
    nsf = len(SENT_FEATURES)
    # The lists are only read once stored, so one list may fill several lengths.
    lead_sf = [[0.0] * nsf] * (hi + 1)
    acc = [0.0] * nsf
    n = 0
    for words, per_word in parts:
        if per_word is None:  # its words carry nothing (adding 0.0 changes no sum): lengths only
            end = min(hi, n + words)
            for k in range(max(n + 1, lo), end + 1):
                lead_sf[k] = acc
            n = end
        else:
            for _ in range(words):
                if n >= hi:
                    break
                n += 1
                acc = [a + p for a, p in zip(acc, per_word, strict=True)]
                if n >= lo:
                    lead_sf[n] = acc
        if n >= hi:
            break
    for k in range(n + 1, hi + 1):
        lead_sf[k] = acc
    return lead_sf


def _enumerate(prep: _Prepared, lo: int, hi: int, window: int, max_pick: int) -> list[Candidate]:
    units = prep.units
    lead_mask, lead_bi, lead_tf, lead_sf = prep.lead_mask, prep.lead_bi, prep.lead_tf, prep.lead_sf
    top, rep = prep.top, prep.rep
    first_words = units[0][0].variant.words
    n_top = max(1, top.bit_count())
    out: list[Candidate] = []
    prev_index = [u[0].variant.index for u in units]

    def emit(chosen: list[_Unit], words: int) -> None:
        mask = bm_ = 0
        tfc = 0.0
        quote_w = nums = trimmed = 0
        agg = [0.0] * len(SENT_FEATURES)
        for u in chosen:
            agg = [a + x for a, x in zip(agg, u.sf, strict=True)]
            mask |= u.mask
            bm_ |= u.bigrams
            tfc += u.tf
            if u.quote:
                quote_w += u.variant.words
            nums += u.numbers
            trimmed += u.variant.trimmed
        lm = lead_mask[words]
        lcount = max(1, lm.bit_count())
        poss = [u.pos for u in chosen]
        skips = poss[-1] - poss[0] + 1 - len(poss)
        pure = poss == list(range(len(poss))) and not trimmed
        f = {
            "bias": 1.0,
            "overlap_lead": (mask & lm).bit_count() / lcount,
            "distinct_gain": (mask.bit_count() - lm.bit_count()) / words,
            "tf_gain": (tfc - lead_tf[words]) / words,
            "top_gain": ((mask & top).bit_count() - (lm & top).bit_count()) / n_top,
            "rep_gain": ((mask & rep).bit_count() - (lm & rep).bit_count()) / words,
            "bigram_gain": (bm_.bit_count() - lead_bi[words].bit_count()) / words,
            "first": 1.0 if poss[0] == 0 else 0.0,
            "pure_lead": 1.0 if pure else 0.0,
            "npick": float(len(chosen)),
            "mean_pos": sum(poss) / len(poss) / window,
            "max_pos": poss[-1] / window,
            "skips": float(skips),
            "quote_frac": quote_w / words,
            "number_rate": nums / words,
            "trimmed": float(trimmed),
            "fill": words / hi,
            "short_first": 1.0 if poss[0] == 0 and first_words < 12 else 0.0,
        }
        for (name, d_name), a, ls in zip(_SF_NAMES, agg, lead_sf[words], strict=True):
            f[name] = a / words
            f[d_name] = (a - ls) / words
        out.append(Candidate(tuple(u.variant for u in chosen), words, f))

    def dfs(start: int, chosen: list[_Unit], words: int) -> None:
        # A quotation that goes on past the last pick: only its next sentence may follow.
        stop = _goes_on(chosen[-1].variant, units, start) if chosen else len(units)
        if chosen and lo <= words and not chosen[-1].variant.needs_next:
            emit(chosen, words)
        if len(chosen) >= max_pick:
            return
        for i in range(start, stop):
            for u in units[i]:
                w2 = words + u.variant.words
                if w2 > hi:
                    continue
                if u.variant.needs_prev and not (
                    chosen
                    and i > 0
                    and chosen[-1].variant.index == prev_index[i - 1]
                    and prev_index[i - 1] == u.variant.index - 1
                ):
                    continue
                chosen.append(u)
                dfs(i + 1, chosen, w2)
                chosen.pop()

    dfs(0, [], 0)
    return out


def _goes_on(last: Variant, units: list[list[_Unit]], start: int) -> int:
    """Where the next pick's unit range ends after ``last``: all units, or only the next one when
    ``last``'s quotation goes on and that unit is its next sentence (else none)."""
    if not last.needs_next:
        return len(units)
    if start < len(units) and units[start][0].variant.index == last.index + 1:
        return start + 1
    return start


# Features the quick ranking computes; a model weighting any other feature is ranked by
# :func:`candidates` and :func:`scores` (the quick path would not see that feature).
_QUICK_BASE = ("bias", "rep_gain", "first", "pure_lead", "mean_pos", "fill", "trimmed")
_QUICK = (
    frozenset(_QUICK_BASE) | frozenset(SENT_FEATURES) | frozenset("d_" + k for k in SENT_FEATURES)
)


def ranked(
    article: Article, lo: int, hi: int, window: int, max_pick: int, weights: dict[str, Any]
) -> list[tuple[float, tuple[Variant, ...], int]] | None:
    """Each candidate of :func:`candidates` as (its :func:`scores` value, variants, words), in
    the same order; None when the weights read a feature this quick path does not compute.

    Why a second path: the engine needs the scores, not the feature dicts, and the shipped
    weights read only a few features. The score is linear, so it is regrouped: every sentence
    feature's two terms (the candidate's, and the candidate's minus the lead's) fold into one
    number per unit and one per lead length; what depends only on the length is computed once
    per length. The same value up to float rounding (the sums run in another order). The
    candidates are walked depth first as :func:`candidates` walks them.
    """
    if not weights or any(v != 0.0 and k not in _QUICK for k, v in weights.items() if k in _ALL):
        return None
    prep = _prepare(article, lo, hi, window, None, full=False)
    if prep is None:
        return []
    units = prep.units
    rep = prep.rep
    w_bias, w_rep, w_first, w_pure, w_mean, w_fill, w_trim = (
        weights.get(k, 0.0) for k in _QUICK_BASE
    )
    w_d = [weights.get("d_" + k, 0.0) for k in SENT_FEATURES]
    w_sd = [weights.get(k, 0.0) + d for k, d in zip(SENT_FEATURES, w_d, strict=True)]
    # Per length n: the terms of the lead at n words, and those of n alone.
    lead_s = [0.0] * (hi + 1)
    acc = 0.0
    n = 0
    for words, per_word in prep.lead_parts:
        p = 0.0 if per_word is None else sum(map(mul, w_d, per_word))
        for _ in range(min(words, hi - n)):
            n += 1
            acc += p
            lead_s[n] = acc
    for k in range(n + 1, hi + 1):
        lead_s[k] = acc
    base = [0.0] * (hi + 1)
    sub = [0.0] * (hi + 1)
    for k in range(max(1, lo), hi + 1):
        base[k] = w_bias + w_fill * (k / hi)
        sub[k] = w_rep * (prep.lead_mask[k] & rep).bit_count() + lead_s[k]
    # Per unit: its repeated words, its sentence term and its trim.
    by_row = [
        [
            (u.variant, u.mask & rep, sum(map(mul, w_sd, u.sf)), w_trim * u.variant.trimmed)
            for u in row
        ]
        for row in units
    ]
    prev_index = [u[0].variant.index for u in units]
    mean_div = 1.0 / window
    out: list[tuple[float, tuple[Variant, ...], int]] = []
    chosen: list[Variant] = []

    def dfs(
        start: int, words: int, rmask: int, s_sum: float, extra: float, pure: bool, sum_pos: int
    ) -> None:
        k = len(chosen)
        if k:
            last = chosen[-1]
            stop = _goes_on(last, units, start)
            if lo <= words and not last.needs_next:
                sc = (
                    base[words]
                    + (w_rep * rmask.bit_count() + s_sum - sub[words]) / words
                    + extra
                    + (w_pure if pure else 0.0)
                    + w_mean * (sum_pos / k * mean_div)
                )
                out.append((sc, tuple(chosen), words))
            if k >= max_pick:
                return
        else:
            stop = len(units)
        for i in range(start, stop):
            for v, rm, us, ut in by_row[i]:
                w2 = words + v.words
                if w2 > hi:
                    continue
                if v.needs_prev and not (
                    k
                    and i > 0
                    and chosen[-1].index == prev_index[i - 1]
                    and prev_index[i - 1] == v.index - 1
                ):
                    continue
                chosen.append(v)
                dfs(
                    i + 1,
                    w2,
                    rmask | rm,
                    s_sum + us,
                    extra + ut + (w_first if not k and i == 0 else 0.0),
                    pure and i == k and not v.trimmed,
                    sum_pos + i,
                )
                chosen.pop()

    dfs(0, 0, 0, 0.0, 0.0, True, 0)
    return out


_ALL = frozenset(FEATURES)


def score(c: Candidate, weights: dict[str, Any]) -> float:
    """The predicted ROUGE gain of ``c`` over the lead at equal length (higher is better).

    Without learned weights: prefer the lead's own sentences, filling the window.
    """
    if not weights:
        f = c.features
        return 2.0 * f["pure_lead"] + f["first"] + f["fill"] - f["mean_pos"] - 0.1 * f["skips"]
    return sum(weights.get(k, 0.0) * v for k, v in c.features.items())


def scores(cands: list[Candidate], weights: dict[str, Any]) -> list[float]:
    """:func:`score` of each candidate, the same floats, with the weights looked up once.

    Every candidate's features come in the same order (``emit`` writes them so), and the sum runs
    over them in that order, as :func:`score` does.
    """
    if not weights or not cands:
        return [score(c, weights) for c in cands]
    keys = tuple(cands[0].features)
    w = [weights.get(k, 0.0) for k in keys]
    out = []
    for c in cands:
        f = c.features
        if len(f) != len(w) or next(iter(f)) != keys[0]:  # pragma: no cover - another emitter
            out.append(score(c, weights))
        else:
            out.append(sum(map(mul, w, f.values())))
    return out
