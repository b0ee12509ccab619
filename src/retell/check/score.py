"""The learned part of the check: per-sentence features and a logistic support score.

Why a tiny logistic regression: the summary-level decision (consistent or not) must be fast, pure
Python and explainable. Weights are trained by ``scripts/train_audit.py`` on
``bench/audit-dev.jsonl`` only (grouped cross-validation by article) and shipped as JSON in
``retell/data/audit_model.json``; when the file is missing a hand-set fallback is used.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

from retell.check.align import Alignment, SourceIndex, SourceSentence
from retell.check.text import Token, lexicon

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
    "lcs_ratio",
    "subst_n",
    "subst_intr",
    "insert_n",
    "pair_support",
    "subst_unrel",
    "subst_sister",
    "subst_adj",
    "frag_n",
    "frag_density",
    "frag_jumps",
    "frag_far",
    "frag_cover",
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


def features(
    ix: SourceIndex, toks: Sequence[Token], al: Alignment, rule_feats: Mapping[str, float]
) -> dict[str, float]:
    """Numbers describing how well one rewrite sentence is supported by its window."""
    total = sum(al.weights) or 1.0
    extr = [
        w
        for t, w, m in zip(al.content, al.weights, al.match, strict=False)
        if m == 0.0
        and not ix.has_lemma(t.lemma)
        and not ix.related_in_source(t.lemma)
        and not ix.has_word(t.lower)
    ]
    unmatched = sum(1 for m in al.match if m == 0.0)
    seq = [t.lemma for t in toks if t.lower[0].isalnum()]
    bis = list(zip(seq, seq[1:], strict=False))
    tris = list(zip(seq, seq[1:], seq[2:], strict=False))
    wbi: set[tuple[str, str]] = set()
    for i in al.window:
        wbi |= ix.sentences[i].bigrams
    bi_win = sum(b in wbi for b in bis) / len(bis) if bis else 1.0
    known = {b: ix.has_bigram(*b) for b in set(bis)}
    bi_src = sum(known[b] for b in bis) / len(bis) if bis else 1.0
    tri_src = (
        (sum(known[(a, b)] and known[(b, c)] for a, b, c in tris) / len(tris)) if tris else 1.0
    )
    f = {
        "cov": al.coverage,
        "exact": al.exact,
        "single_cov": al.single_cov,
        "extrinsic": sum(extr) / total,
        "extrinsic_n": float(len(extr)),
        "unmatched_n": float(unmatched),
        "bi_win": bi_win,
        "bi_src": bi_src,
        "tri_src": tri_src,
        "log_len": math.log(1 + len(al.content)),
        "inversions": _inversions(ix, al),
        "window_len": float(len(al.window)),
    }
    f.update(_edit_features(ix, toks, al))
    f.update(_fragments(ix, toks))
    f.update(rule_feats)
    return f


def _edit_features(ix: SourceIndex, toks: Sequence[Token], al: Alignment) -> dict[str, float]:
    """Minimal-edit signals against the window: words replaced or inserted, pairs kept together."""
    lex = lexicon()
    rt = [t for t in toks if t.lower[0].isalnum()]
    st = [t for i in al.window for t in ix.sentences[i].toks if t.lower[0].isalnum()]
    if not rt or not st:
        return {
            "lcs_ratio": 0.0,
            "subst_n": 0.0,
            "subst_intr": 0.0,
            "insert_n": 0.0,
            "pair_support": 0.0,
            "subst_unrel": 0.0,
            "subst_sister": 0.0,
            "subst_adj": 0.0,
        }
    ra = [t.lemma for t in rt]
    sa = [t.lemma for t in st]
    sm = SequenceMatcher(None, ra, sa, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    wl = {t.lemma for t in st}
    subst = intr = ins = unrel = sister = adj = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
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
    pos: dict[str, list[int]] = {}
    for k, t in enumerate(st):
        if t.content:
            pos.setdefault(t.lemma, []).append(k)
    content = [t.lemma for t in rt if t.content and t.lemma in pos]
    pairs = list(zip(content, content[1:], strict=False))
    near = sum(1 for a, b in pairs if any(abs(x - y) <= 6 for x in pos[a] for y in pos[b]))
    return {
        "lcs_ratio": matched / len(ra),
        "subst_n": float(subst),
        "subst_intr": float(intr),
        "insert_n": float(ins),
        "pair_support": near / len(pairs) if pairs else 1.0,
        "subst_unrel": float(unrel),
        "subst_sister": float(sister),
        "subst_adj": float(adj),
    }


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
        pb = ix.sentences_with_lemma(b)
        if not pb:
            i += 1
            continue
        nb = set(pb)
        for si in ix.sentences_with_lemma(a):
            seq = sents[si].seq
            inside = si in nb and (a, b) in sents[si].bigrams
            # a run may also start at a sentence's last word and go on into the next one
            across = seq[-1:] == [a] and si + 1 in nb and sents[si + 1].seq[:1] == [b]
            if not inside and not across:
                continue
            for p in range(len(seq) - (0 if across else 1)):
                if seq[p] != a:
                    continue
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
