"""Alignment: which source sentences (a window of 1–3) support a rewrite sentence.

Why this way: rewrites merge and split sentences and paraphrase, so each rewrite sentence is
scored against every source sentence by IDF-weighted recall of its content lemmas, counting a
WordNet synonym or derivation as a near match and a generalisation (hypernym) as a weaker one;
then contiguous windows of up to three sentences around the best candidates (and the writer's
cited ids) compete. Everything the source offers is precomputed once per source in
:class:`SourceIndex`, so aligning a sentence is a few hundred set look-ups.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from retell.check.text import Token, lexicon, tokens
from retell.ingest.article import Article

EXACT, RELATED, BROADER = 1.0, 0.85, 0.6


@dataclass(frozen=True)
class SourceSentence:
    index: int
    id: str
    start: int
    end: int
    text: str
    toks: tuple[Token, ...]
    lemmas: frozenset[str]
    lowers: frozenset[str]
    related: frozenset[str]
    bigrams: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Alignment:
    """The best window for a rewrite sentence and how each of its content words is matched."""

    window: tuple[int, ...]  # source sentence indices
    coverage: float  # weighted recall of content words in the window (0..1)
    exact: float  # same, counting exact lemma matches only
    best_single: int  # the one source sentence that matches best (-1 when none)
    single_cov: float
    match: tuple[float, ...]  # per content token of the rewrite sentence: 1 / .85 / .6 / 0
    content: tuple[Token, ...]
    weights: tuple[float, ...]
    single: tuple[float, ...] = ()  # each window sentence's own score against the rewrite


class SourceIndex:
    """A source article prepared for alignment: tokens, lemma sets, synonyms, IDF."""

    def __init__(self, article: Article) -> None:
        self.article = article
        lex = lexicon()
        sents = []
        df: dict[str, int] = {}
        for s in article.sentences:
            toks = tuple(tokens(s.text, s.start))
            lem = frozenset(t.lemma for t in toks if t.content)
            low = frozenset(t.lower for t in toks)
            rel = frozenset(r for x in lem for r in lex.related(x))
            lseq = [t.lemma for t in toks if t.lower[0].isalnum()]
            bi = frozenset(zip(lseq, lseq[1:], strict=False))
            sents.append(
                SourceSentence(s.index, s.id, s.start, s.end, s.text, toks, lem, low, rel, bi)
            )
            for x in lem:
                df[x] = df.get(x, 0) + 1
        self.sentences: tuple[SourceSentence, ...] = tuple(sents)
        n = max(1, len(sents))
        self._n = n
        self._df = df
        self.all_lemmas = frozenset(df)
        self.all_lowers = frozenset(x for s in sents for x in s.lowers)
        self.all_related = frozenset(r for s in sents for r in s.related)
        self.all_bigrams = frozenset(b for s in sents for b in s.bigrams)
        self.by_text = {_norm(s.text): s.index for s in sents}
        self.id_index = {s.id: s.index for s in sents}
        self._broader: dict[int, frozenset[int]] = {}

    def idf(self, lem: str) -> float:
        return math.log(1.0 + self._n / (1.0 + self._df.get(lem, 0))) + 0.5

    def broader_of(self, i: int) -> frozenset[int]:
        """Synset ids (with two levels of hypernyms) of the nouns/verbs of source sentence i."""
        if i not in self._broader:
            lex = lexicon()
            out: set[int] = set()
            for x in self.sentences[i].lemmas:
                out.update(lex.broader(x))
            self._broader[i] = frozenset(out)
        return self._broader[i]

    def align(self, toks: Sequence[Token], cited: Iterable[str] = ()) -> Alignment:
        """Align the content tokens of one rewrite sentence to the best window of the source."""
        content = tuple(t for t in toks if t.content)
        weights = tuple(self.idf(t.lemma) for t in content)
        total = sum(weights) or 1.0
        if not self.sentences:
            return Alignment((), 0.0, 0.0, -1, 0.0, tuple(0.0 for _ in content), content, weights)
        lex = lexicon()
        scores = []
        for s in self.sentences:
            sc = 0.0
            for t, w in zip(content, weights, strict=False):
                if t.lemma in s.lemmas or t.lower in s.lowers:
                    sc += w
                elif t.lemma in s.related or any(r in s.lemmas for r in lex.related(t.lemma)):
                    sc += w * RELATED
            scores.append(sc / total)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        cands = set(order[:3])
        cands.update(self.id_index[c] for c in cited if c in self.id_index)
        windows: set[tuple[int, ...]] = set()
        n = len(self.sentences)
        for c in cands:
            for a in range(max(0, c - 2), c + 1):
                for b in range(c + 1, min(n, a + 3) + 1):
                    windows.add(tuple(range(a, b)))
        top = order[:2]
        if len(top) == 2:
            windows.add(tuple(sorted(top)))
        cited_ix = tuple(sorted(self.id_index[c] for c in cited if c in self.id_index))
        if cited_ix:
            windows.add(cited_ix[:3])
        best: tuple[float, tuple[int, ...], tuple[float, ...], float] | None = None
        for win in windows:
            m, cov, ex = self._match(content, weights, win, total)
            gap = win[-1] - win[0] + 1 - len(win)
            key = cov - 0.04 * (len(win) - 1) - (0.1 if gap else 0.0)
            if best is None or key > best[0]:
                best = (key, win, m, ex)
        assert best is not None
        _, win, m, ex = best
        # generalisations: a word unmatched so far may be a hypernym of a window word
        if any(x == 0.0 for x in m):
            syn: set[int] = set()
            for i in win:
                syn |= self.broader_of(i)
            mm = list(m)
            for k, t in enumerate(content):
                if mm[k] == 0.0 and t.lemma.isalpha() and set(lex.synsets(t.lemma)) & syn:
                    mm[k] = BROADER
            m = tuple(mm)
        cov = sum(x * w for x, w in zip(m, weights, strict=False)) / total
        return Alignment(
            win,
            cov,
            ex,
            order[0],
            scores[order[0]],
            m,
            content,
            weights,
            tuple(scores[i] for i in win),
        )

    def _match(
        self, content: Sequence[Token], weights: Sequence[float], win: Sequence[int], total: float
    ) -> tuple[tuple[float, ...], float, float]:
        lex = lexicon()
        lemmas: set[str] = set()
        lowers: set[str] = set()
        related: set[str] = set()
        for i in win:
            s = self.sentences[i]
            lemmas |= s.lemmas
            lowers |= s.lowers
            related |= s.related
        m = []
        cov = ex = 0.0
        for t, w in zip(content, weights, strict=False):
            if t.lemma in lemmas or t.lower in lowers:
                m.append(EXACT)
                ex += w
            elif t.lemma in related or any(r in lemmas for r in lex.related(t.lemma)):
                m.append(RELATED)
            else:
                m.append(0.0)
            cov += m[-1] * w
        return tuple(m), cov / total, ex / total


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
