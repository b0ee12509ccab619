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

from retell.check.text import Token, lexicon, tokens, word_info, words
from retell.ingest.article import Article

EXACT, RELATED, BROADER = 1.0, 0.85, 0.6


class SourceSentence:
    """A source sentence's word sets (built fast from plain strings); tokens with offsets are
    made only for the few sentences a rewrite is compared with."""

    __slots__ = (
        "index",
        "id",
        "start",
        "end",
        "text",
        "lemmas",
        "lowers",
        "bigrams",
        "seq",
        "_toks",
    )

    def __init__(self, index: int, id: str, start: int, end: int, text: str) -> None:
        self.index, self.id, self.start, self.end, self.text = index, id, start, end, text
        lows = [w.lower() for w in words(text)]
        info = [word_info(w) for w in lows]
        self.lowers = frozenset(lows)
        self.lemmas = frozenset(lem for lem, c in info if c)
        seq = [lem for (lem, _), w in zip(info, lows, strict=True) if w[:1].isalnum()]
        self.bigrams = frozenset(zip(seq, seq[1:], strict=False))
        self.seq = seq  # lemmas of the words (punctuation left out), in order
        self._toks: tuple[Token, ...] | None = None

    @property
    def toks(self) -> tuple[Token, ...]:
        if self._toks is None:
            self._toks = tuple(tokens(self.text, self.start))
        return self._toks


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
        sents = []
        df: dict[str, int] = {}
        post: dict[str, list[int]] = {}
        for s in article.sentences:
            ss = SourceSentence(s.index, s.id, s.start, s.end, s.text)
            sents.append(ss)
            for x in ss.lemmas:
                df[x] = df.get(x, 0) + 1
            for x in ss.lemmas | ss.lowers:
                post.setdefault(x, []).append(s.index)
        self._post = post
        self._related: dict[int, frozenset[str]] = {}
        self._seq: tuple[list[str], list[int], dict[tuple[str, str], list[int]]] | None = None
        self.sentences: tuple[SourceSentence, ...] = tuple(sents)
        n = max(1, len(sents))
        self._n = n
        self._df = df
        self.all_lemmas = frozenset(df)
        self.all_lowers = frozenset(x for s in sents for x in s.lowers)
        self.all_bigrams = frozenset(b for s in sents for b in s.bigrams)
        self.by_text = {_norm(s.text): s.index for s in sents}
        self.id_index = {s.id: s.index for s in sents}
        self._broader: dict[int, frozenset[int]] = {}

    @property
    def sequence(self) -> tuple[list[str], list[int], dict[tuple[str, str], list[int]]]:
        """The whole source as one lemma sequence, the sentence of each position, and where each
        lemma bigram occurs (for copy-fragment features; built on first use)."""
        if self._seq is None:
            seq: list[str] = []
            sid: list[int] = []
            for s in self.sentences:
                seq.extend(s.seq)
                sid.extend([s.index] * len(s.seq))
            big: dict[tuple[str, str], list[int]] = {}
            for k in range(len(seq) - 1):
                big.setdefault((seq[k], seq[k + 1]), []).append(k)
            self._seq = (seq, sid, big)
        return self._seq

    def related_of(self, i: int) -> frozenset[str]:
        """Words related (WordNet synonyms, derivations) to the lemmas of source sentence i."""
        if i not in self._related:
            lex = lexicon()
            self._related[i] = frozenset(
                r for x in self.sentences[i].lemmas for r in lex.related(x)
            )
        return self._related[i]

    def related_in_source(self, lem: str) -> bool:
        """Whether a word or one of its WordNet relatives occurs anywhere in the source."""
        return any(r in self._df for r in lexicon().related(lem))

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
        scores = [0.0] * len(self.sentences)
        post = self._post
        for t, w in zip(content, weights, strict=False):
            exact = set(post.get(t.lemma, ()))
            exact.update(post.get(t.lower, ()))
            for i in exact:
                scores[i] += w
            rel: set[int] = set()
            for r in lex.related(t.lemma):
                rel.update(post.get(r, ()))
            for i in rel - exact:
                scores[i] += w * RELATED
        scores = [x / total for x in scores]
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
        rels = [lex.related(t.lemma) for t in content]
        per: dict[int, tuple[float, ...]] = {}
        for win in windows:
            for i in win:
                if i not in per:
                    per[i] = self._match_one(content, rels, i)
            m = tuple(max(x) for x in zip(*(per[i] for i in win), strict=True)) if content else ()
            cov = sum(x * w for x, w in zip(m, weights, strict=True)) / total
            ex = sum(w for x, w in zip(m, weights, strict=True) if x == EXACT) / total
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

    def _match_one(
        self, content: Sequence[Token], rels: Sequence[frozenset[str]], i: int
    ) -> tuple[float, ...]:
        """Per content token: EXACT, RELATED or 0 against source sentence i."""
        s = self.sentences[i]
        lemmas, lowers = s.lemmas, s.lowers
        m = []
        for t, rel in zip(content, rels, strict=True):
            if t.lemma in lemmas or t.lower in lowers:
                m.append(EXACT)
            elif not rel.isdisjoint(lemmas):
                m.append(RELATED)
            else:
                m.append(0.0)
        return tuple(m)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
