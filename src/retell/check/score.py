"""The learned part of the check: per-sentence features and a logistic support score.

Why a tiny logistic regression: the summary-level decision (consistent or not) must be fast, pure
Python and explainable. Weights are trained by ``scripts/train_audit.py`` on
``bench/audit-dev.jsonl`` only (grouped cross-validation by article) and shipped as JSON in
``retell/data/audit_model.json``; when the file is missing a hand-set fallback is used.
"""

from __future__ import annotations

import json
import math
import re
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from retell.check.align import Alignment, SourceIndex, SourceSentence
from retell.check.text import Token, lexicon, word_info

# the features of a minimal-edit diff against the window, and of runs copied from the source:
# computed as groups, only when the shipped model weighs one of them
_EDIT = (
    "lcs_ratio",
    "subst_n",
    "subst_intr",
    "insert_n",
    "pair_support",
    "subst_unrel",
    "subst_sister",
    "subst_adj",
)
_FRAGMENTS = ("frag_n", "frag_density", "frag_jumps", "frag_far", "frag_cover")

FEATURES = (
    "cov",
    "exact",
    "single_cov",
    "extrinsic",
    "extrinsic_n",
    "unmatched_n",
    "bi_win",
    "bi_src",
    "tri_src",
    "log_len",
    "inversions",
    "quote_bad",
    "date_bad",
    "num_bad",
    "num_warn",
    "name_abs",
    "name_far",
    "attr_bad",
    "hedge_drop",
    "neg_flip",
    "antonym",
    "neg_r",
    "window_len",
    *_EDIT,
    *_FRAGMENTS,
)


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float  # a sentence whose support falls under it gets a claim_unsupported error

    def prob(self, feats: Mapping[str, float]) -> float:
        z = self.bias
        for name, w, m, s in zip(self.features, self.weights, self.mean, self.scale, strict=False):
            z += w * (feats.get(name, 0.0) - m) / (s or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_FALLBACK = Model(
    ("cov", "extrinsic", "name_abs", "num_bad", "antonym", "neg_flip"),
    (9.0, -4.0, -2.0, -2.0, -2.0, -2.0),
    -4.5,
    (0.0,) * 6,
    (1.0,) * 6,
    0.35,
)


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (``retell/data/audit_model.json``), or a hand-set fallback."""
    try:
        raw = resources.files("retell.data").joinpath("audit_model.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return _FALLBACK
    d = json.loads(raw)
    return Model(
        tuple(d["features"]),
        tuple(d["weights"]),
        float(d["bias"]),
        tuple(d["mean"]),
        tuple(d["scale"]),
        float(d["threshold"]),
    )


def weighed(m: Model) -> frozenset[str]:
    """The features ``m`` gives a non-zero weight: the only ones its probability reads (a zero
    weight times a finite feature adds nothing to the sum)."""
    return frozenset(name for name, w in zip(m.features, m.weights, strict=False) if w != 0.0)


def features(
    ix: SourceIndex,
    toks: Sequence[Token],
    al: Alignment,
    rule_feats: Mapping[str, float],
    need: frozenset[str] | None = None,
) -> dict[str, float]:
    """Numbers describing how well one rewrite sentence is supported by its window.

    ``need`` (None: all of them) names the features wanted: a group of features none of whose
    names is wanted is left out of the answer, and so is its cost (the audit asks only for what
    the shipped model weighs; training asks for everything)."""

    def want(*names: str) -> bool:
        return need is None or not need.isdisjoint(names)

    total = sum(al.weights) or 1.0
    f = {"cov": al.coverage, "exact": al.exact, "single_cov": al.single_cov}
    if want("extrinsic", "extrinsic_n"):
        extr = [
            w
            for t, w, m in zip(al.content, al.weights, al.match, strict=False)
            if m == 0.0
            and not ix.has_lemma(t.lemma)
            and not ix.related_in_source(t.lemma)
            and not ix.has_word(t.lower)
        ]
        f["extrinsic"] = sum(extr) / total
        f["extrinsic_n"] = float(len(extr))
    f["unmatched_n"] = float(sum(1 for m in al.match if m == 0.0))
    if want("bi_win", "bi_src", "tri_src"):
        seq = [t.lemma for t in toks if t.lower[0].isalnum()]
        bis = list(zip(seq, seq[1:], strict=False))
        tris = list(zip(seq, seq[1:], seq[2:], strict=False))
        wbi: set[tuple[str, str]] = set()
        for i in al.window:
            wbi |= ix.sentences[i].bigrams
        known = {b: ix.has_bigram(*b) for b in set(bis)}
        f["bi_win"] = sum(b in wbi for b in bis) / len(bis) if bis else 1.0
        f["bi_src"] = sum(known[b] for b in bis) / len(bis) if bis else 1.0
        f["tri_src"] = (
            (sum(known[(a, b)] and known[(b, c)] for a, b, c in tris) / len(tris)) if tris else 1.0
        )
    f["log_len"] = math.log(1 + len(al.content))
    if want("inversions"):
        f["inversions"] = _inversions(ix, al)
    f["window_len"] = float(len(al.window))
    if want(*_EDIT):
        f.update(
            _edit_features(
                ix,
                toks,
                al,
                need is None or "lcs_ratio" in need,
                need is None or "pair_support" in need,
            )
        )
    if want(*_FRAGMENTS):
        f.update(_fragments(ix, toks))
    f.update(rule_feats)
    return f


def _edit_features(
    ix: SourceIndex, toks: Sequence[Token], al: Alignment, lcs: bool = True, pairs: bool = True
) -> dict[str, float]:
    """Minimal-edit signals against the window: words replaced or inserted, pairs kept together.

    Without ``lcs`` (the share of words the diff matches is not wanted) the diff is run only
    when some content word of the rewrite is neither in the window nor related to a word there:
    only such a word can count as replaced or inserted, so without one every count is 0.
    Without ``pairs`` the share of content word pairs kept near each other is left out."""
    lex = lexicon()
    rt = [t for t in toks if t.lower[0].isalnum()]
    # the window's words, lemmas and lemma set: each source sentence's are made once
    win = [ix.sentences[i] for i in al.window]
    st: Sequence[Token]
    if len(win) == 1:
        st, wl = win[0].word_toks, win[0].word_lemma_set
    else:
        st = [t for s in win for t in s.word_toks]
        wl = frozenset().union(*(s.word_lemma_set for s in win))
    if not rt or not st:
        return dict.fromkeys(_EDIT, 0.0)
    subst = intr = ins = unrel = sister = adj = 0
    out: dict[str, float] = {}
    if lcs or any(
        t.content
        and t.lemma not in wl
        and t.lower not in wl
        and lex.related(t.lemma).isdisjoint(wl)
        for t in rt
    ):
        ra = [t.lemma for t in rt]
        sa = [x for s in win for x in s.word_lemmas]
        sm = SequenceMatcher(None, ra, sa, autojunk=False)
        out["lcs_ratio"] = sum(b.size for b in sm.get_matching_blocks()) / len(ra)
        opcodes = sm.get_opcodes()
    else:
        opcodes = []
    for op, i1, i2, j1, j2 in opcodes:
        if op not in ("replace", "insert"):
            continue
        block = {t.lemma for t in st[j1:j2]}
        for t in rt[i1:i2]:
            if not t.content or t.lemma in wl or t.lower in wl:
                continue
            rel = lex.related(t.lemma)
            if rel & wl:
                continue
            if op == "replace" and block:
                subst += 1
                intr += ix.has_lemma(t.lemma)
                mine = lex.broader(t.lemma)
                if any(
                    mine & lex.broader(x.lemma) for x in st[max(j1 - 1, 0) : j2 + 1] if x.content
                ):
                    sister += 1
                else:
                    unrel += 1
                    adj += _is_adjective(t.lower)
            else:
                ins += 1
    if pairs:
        pos: dict[str, list[int]] = {}
        for k, t in enumerate(st):
            if t.content:
                pos.setdefault(t.lemma, []).append(k)
        content = [t.lemma for t in rt if t.content and t.lemma in pos]
        kept = list(zip(content, content[1:], strict=False))
        near = sum(1 for a, b in kept if any(abs(x - y) <= 6 for x in pos[a] for y in pos[b]))
        out["pair_support"] = near / len(kept) if kept else 1.0
    out.update(
        {
            "subst_n": float(subst),
            "subst_intr": float(intr),
            "insert_n": float(ins),
            "subst_unrel": float(unrel),
            "subst_sister": float(sister),
            "subst_adj": float(adj),
        }
    )
    return out


def _fragments(ix: SourceIndex, toks: Sequence[Token]) -> dict[str, float]:
    """Copied fragments (greedy longest runs of 2+ lemmas found in the source): how many, how
    long, and how often consecutive ones come from different source sentences — stitching
    pieces of different sentences is how extractive-looking summaries go wrong."""
    r = [t.lemma for t in toks if t.lower[:1].isalnum()]
    n = len(r)
    i = 0
    frags: list[tuple[int, int]] = []  # (length, source sentence)
    sents = ix.sentences
    while i < n - 1:
        best_len, best_sent = 0, -1
        a, b = r[i], r[i + 1]
        # the sentences holding the pair, and those ending on ``a`` before one opening on ``b``
        # (a run may go on into the next sentence): no other sentence can start a run here
        across = ix.joining_mask(a, b)
        for si in ix.sentences_in(ix.bigram_mask(a, b) | across):
            seq = sents[si].seq
            last = len(seq) - (0 if across >> si & 1 else 1)
            p = -1
            while True:  # each place of ``a`` before ``last``, found by C-level ``index``
                try:
                    p = seq.index(a, p + 1, last)
                except ValueError:
                    break
                k = _run(sents, si, p, r, i)
                if k < 2:
                    continue
                if k > best_len:
                    best_len, best_sent = k, si
        if best_len >= 2:
            frags.append((best_len, best_sent))
            i += best_len
        else:
            i += 1
    covered = sum(x for x, _ in frags)
    jumps = far = 0
    for (_, x), (_, y) in zip(frags, frags[1:], strict=False):
        if x != y:
            jumps += 1
            far += abs(x - y) > 1
    return {
        "frag_n": float(len(frags)),
        "frag_density": sum(x * x for x, _ in frags) / n if n else 0.0,
        "frag_jumps": float(jumps),
        "frag_far": float(far),
        "frag_cover": covered / n if n else 0.0,
    }


def _run(sents: Sequence[SourceSentence], si: int, p: int, r: Sequence[str], i: int) -> int:
    """How many lemmas of ``r`` from ``i`` on follow the source from position ``p`` of sentence
    ``si`` (a run may go on into the next sentences)."""
    k, n = 0, len(r)
    seq = sents[si].seq
    while i + k < n:
        while p + k >= len(seq):
            p -= len(seq)
            si += 1
            if si >= len(sents):
                return k
            seq = sents[si].seq
        if seq[p + k] != r[i + k]:
            return k
        k += 1
    return k


def _is_adjective(word: str) -> bool:
    from retell.facts._words import all_lemmas as getAllLemmas  # noqa: N812

    lem = getAllLemmas(word)
    return "ADJ" in lem and "NOUN" not in lem


def _inversions(ix: SourceIndex, al: Alignment) -> float:
    """Share of matched word pairs whose order differs from the source (swapped roles)."""
    if len(al.window) != 1:
        return 0.0
    pos: dict[str, int] = {}
    for k, t in enumerate(ix.sentences[al.window[0]].toks):
        if t.content:
            pos.setdefault(t.lemma, k)
    seq = [
        pos[t.lemma]
        for t, m in zip(al.content, al.match, strict=False)
        if m == 1.0 and t.lemma in pos
    ]
    n = len(seq)
    if n < 3:
        return 0.0
    inv = sum(1 for a in range(n) for b in range(a + 1, n) if seq[a] > seq[b])
    return inv / (n * (n - 1) / 2)


_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "its",
        "their",
        "theirs",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
        "we",
        "i",
        "you",
        "us",
        "our",
        "my",
        "your",
        "whom",
        "whose",
    ]
)
_NOT_NAMES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "lord",
        "lady",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_LINKS = frozenset(
    [
        "in",
        "on",
        "at",
        "of",
        "for",
        "from",
        "with",
        "by",
        "and",
        "or",
        "but",
        "to",
        "as",
        "after",
        "before",
        "during",
        "near",
        "since",
        "into",
    ]
)
# a capitalised word after a lower-case word, a figure or a comma and a space; written to open on
# the capital (the look-behind after it checks the two characters before), so the engine skips
# to the next capital in C instead of trying the look-behind at every position (2x faster)
_CAPS = re.compile(r"[A-Z](?<=[a-z0-9,;:] [A-Z])[a-z]+(?:-[A-Z]?[a-z]+)*")
_NAMES: weakref.WeakKeyDictionary[SourceIndex, frozenset[str]] = weakref.WeakKeyDictionary()


def _name_words(ix: SourceIndex) -> frozenset[str]:
    """Lower-case words the source writes capitalised inside a sentence (after a lower-case
    word, a figure or a comma): its names."""
    got = _NAMES.get(ix)
    if got is None:
        got = frozenset(map(str.lower, _CAPS.findall(ix.article.text)))
        _NAMES[ix] = got
    return got


class Swap(NamedTuple):
    """A rewrite name put next to copied words where the source has another name."""

    token: Token  # the rewrite's name
    sentence: int  # the source sentence the words are copied from
    word: int  # index (among its words) of the source's name there
    words: str  # the copied words


def reattached(ix: SourceIndex, toks: Sequence[Token]) -> list[Swap]:
    """Copied fragments (runs of 3+ lemmas in one source sentence, two of them content words)
    that the rewrite attaches to another name: the name just before (or after) the run is one
    the source gives elsewhere, while the source puts another name in that place — the right
    words around the wrong agent or object ("Kompany was sent on their way by …" for "fans were
    sent on their way by …"). Only runs next to a name of the source are looked up: the longest
    source match starting just after it or ending just before it."""
    at = [k for k, t in enumerate(toks) if t.lower[:1].isalnum()]
    rt = [toks[k] for k in at]
    r = [t.lemma for t in rt]
    n = len(r)
    sents = ix.sentences
    names = _name_words(ix)
    out: list[Swap] = []

    def swapped(mine: Token, theirs: str, near: Sequence[str]) -> bool:
        return (
            mine.content
            and mine.lower not in near  # a co-agent ("Sturridge and Sterling were …")
            and mine.lower[:4] != theirs[:4]  # a spelling or a derivation: Georgia, Georgian
            and mine.lower in names
            and theirs in names
            and theirs not in _PRONOUNS
            and theirs not in _NOT_NAMES
            and mine.lower not in _NOT_NAMES
            and word_info(theirs)[1]
            and mine.lemma != theirs
            and mine.lower != theirs
            and not ix.has_bigram(mine.lemma, theirs)
            and not ix.has_bigram(theirs, mine.lemma)
        )

    for q, t in enumerate(rt):
        if not t.content or t.lower not in names:
            continue
        # left: a run starting just after the name, its source preceded by another name
        i = q + 1
        if n - i >= 3 and at[i] == at[q] + 1 and r[i] not in _LINKS:
            k, si, p = _longest(ix, r, i, 1)
            if k >= 3 and p > 0 and sum(x.content for x in rt[i : i + k]) >= 2:
                lows = _alnum_lows(sents[si])
                if lows and swapped(t, lows[p - 1], lows[max(0, p - 4) : p]):
                    out.append(Swap(t, si, p - 1, " ".join(x.text for x in rt[i : i + k])))
                    continue
        # right: a run ending just before the name, its source followed by another name
        e = q - 1
        if e >= 2 and at[q] == at[e] + 1:
            k, si, p = _longest(ix, r, e, -1)  # p: the run's last word in the source
            if k >= 3 and sum(x.content for x in rt[e - k + 1 : q]) >= 2:
                lows = _alnum_lows(sents[si])
                if lows and p + 1 < len(lows) and swapped(t, lows[p + 1], lows[p + 1 : p + 5]):
                    out.append(Swap(t, si, p + 1, " ".join(x.text for x in rt[e - k + 1 : q])))
    return out


def _longest(ix: SourceIndex, r: Sequence[str], i: int, step: int) -> tuple[int, int, int]:
    """The longest run of lemmas of ``r`` from position ``i`` on (``step`` 1) or back from it
    (``step`` -1) found in one source sentence: (length, sentence, position there of ``r[i]``)."""
    best = (0, -1, -1)
    if not 0 <= i + step < len(r):
        return best
    a, b = r[i], r[i + step]
    pair = (a, b) if step == 1 else (b, a)
    sents = ix.sentences
    for si in ix.sentences_with_bigram(*pair):
        ss = sents[si]
        seq = ss.seq
        p = -1
        while True:
            try:
                p = seq.index(a, p + 1)
            except ValueError:
                break
            k = 1  # seq[p] is r[i]; the run goes on while both have words
            if step == 1:
                most = min(len(r) - i, len(seq) - p)
                while k < most and seq[p + k] == r[i + k]:
                    k += 1
            else:
                most = min(i, p) + 1
                while k < most and seq[p - k] == r[i - k]:
                    k += 1
            if k > best[0]:
                best = (k, si, p)
    return best


def _alnum_lows(ss: SourceSentence) -> list[str]:
    """A source sentence's words without punctuation, as its ``seq`` counts them ([] when the
    two disagree)."""
    return ss.seq_words
