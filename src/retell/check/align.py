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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from retell._once import once
from retell.check.text import Token, lexicon, tokens, word_info, words
from retell.ingest.article import Article

EXACT, RELATED, BROADER = 1.0, 0.85, 0.6
_JOINER = re.compile(r"[-.]")  # what makes a hyphenated or dotted word


class SourceSentence:
    """A source sentence's words; lemma sets, bigrams and tokens with offsets are made on first
    use (a rewrite is compared with a few source sentences, not all of them).

    Each is made once (:class:`~retell._once.once`), then is a plain attribute of the instance: the
    features' loops, which read ``seq`` and ``bigrams`` hundreds of times an audit, pay no
    function call for it.
    """

    def __init__(self, index: int, id: str, start: int, end: int, text: str) -> None:
        self.index, self.id, self.start, self.end, self.text = index, id, start, end, text

    @once
    def lows(self) -> list[str]:
        """The words, lower case."""
        return words(self.text.lower())

    @once
    def info(self) -> list[tuple[str, bool]]:
        """(lemma, is a content word) of each word."""
        return list(map(word_info, self.lows))

    @once
    def lemmas(self) -> frozenset[str]:
        """Lemmas of the content words."""
        return frozenset([lem for lem, c in self.info if c])

    @once
    def lowers(self) -> frozenset[str]:
        return frozenset(self.lows)

    @once
    def seq(self) -> list[str]:
        """Lemmas of the words (punctuation left out), in order."""
        # filter(None, …) drops the Nones in C: a word's lemma is never empty
        return list(filter(None, map(_seq_lemma, self.lows)))

    @once
    def seq_words(self) -> list[str]:
        """The words of :attr:`seq`, lower case ([] when the two do not line up)."""
        lows = [w for w in self.lows if w[:1].isalnum()]
        return lows if len(lows) == len(self.seq) else []

    @once
    def bigrams(self) -> frozenset[tuple[str, str]]:
        seq = self.seq
        return frozenset(zip(seq, seq[1:], strict=False))

    @once
    def toks(self) -> tuple[Token, ...]:
        return tuple(tokens(self.text, self.start))

    @once
    def word_toks(self) -> tuple[Token, ...]:
        """The tokens that open on a letter or figure: its words, punctuation left out."""
        return tuple([t for t in self.toks if t.lower[0].isalnum()])

    @once
    def word_lemmas(self) -> list[str]:
        """The lemmas of :attr:`word_toks`, in order."""
        return [t.lemma for t in self.word_toks]

    @once
    def word_lemma_set(self) -> frozenset[str]:
        return frozenset(self.word_lemmas)


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
    """A source article prepared for alignment: tokens, lemma sets, synonyms, IDF.

    Postings (which sentences hold a word or lemma) are bit masks, bit ``i`` for sentence ``i``:
    merging a word's postings into its lemma's is one ``|``, the sentences two words share one
    ``&``, and a window's match of a rewrite word a test of two masks — no per-sentence sets.
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        self.sentences: tuple[SourceSentence, ...] = tuple(
            SourceSentence(s.index, s.id, s.start, s.end, s.text) for s in article.sentences
        )
        self._n = max(1, len(self.sentences))
        self.id_index = {s.id: s.index for s in self.sentences}
        # everything below is built on first use: a report copied sentence by sentence is
        # checked by its verbatim text alone and never pays for word postings
        self._where: dict[str, int] | None = None
        self._clem: dict[str, int] | None = None
        self._anylem: dict[str, int] | None = None
        self._parts: dict[str, int] | None = None
        self._lists: dict[int, list[int]] = {}
        self._idf: dict[str, float] = {}
        self._token_masks: dict[tuple[str, str], tuple[int, int, int, int]] = {}
        self._related: dict[int, frozenset[str]] = {}
        self._by_text: dict[str, int] | None = None
        self._by_prefix: dict[str, list[str]] | None = None
        self._broader: dict[int, frozenset[int]] = {}
        self._edges: tuple[dict[str, int], dict[str, int]] | None = None
        self._bigram_masks: dict[tuple[str, str], int] = {}

    # -- postings: which sentences hold a word ------------------------------------------------
    @property
    def _words(self) -> dict[str, int]:
        """Each distinct lower-case word: the mask of the sentences holding it. Read from each
        sentence's own word list, so the words split once serve postings, lemma sets and
        bigrams alike."""
        if self._where is None:
            where: dict[str, int] = {}
            get = where.get
            for ss in self.sentences:
                bit = 1 << ss.index
                for low in ss.lows:  # a repeated word sets its bit again: no set needed
                    where[low] = get(low, 0) | bit
            self._where = where
        return self._where

    def _content(self) -> tuple[dict[str, int], dict[str, int]]:
        """(content lemmas, any lemma — stop words included: :meth:`_lemma_post`), each with
        the mask of the sentences holding it; lemmas are looked up once per distinct word, not
        per token. A word's or lemma's postings (``post``) are the two masks of the words and
        of the content lemmas or-ed together where asked, not a third table."""
        if self._clem is None:
            where = self._where or self._words
            clem: dict[str, int] = {}
            anylem: dict[str, int] = {}
            get, aget = clem.get, anylem.get
            for (lem, c), at in zip(map(word_info, where), where.values(), strict=True):
                anylem[lem] = aget(lem, 0) | at
                if c:
                    clem[lem] = get(lem, 0) | at
            self._clem = clem
            self._anylem = anylem
            return clem, anylem
        assert self._anylem is not None
        return self._clem, self._anylem

    def _post(self, word: str) -> int:
        """The sentences holding a lower-case word, or a word whose content lemma it is."""
        return (self._where or self._words).get(word, 0) | (self._clem or self._content()[0]).get(
            word, 0
        )

    def _lemma_post(self) -> dict[str, int]:
        """Any lemma, stop words included (copied fragments follow every word)."""
        return self._anylem or self._content()[1]

    def _part_post(self) -> dict[str, int]:
        """Parts of hyphenated and dotted words: Kyiv-based -> kyiv; U.K. -> uk."""
        if self._parts is None:
            out: dict[str, int] = {}
            where = self._where or self._words
            # the few words holding either, found by a C-level scan of the words joined by
            # spaces (a word holds none), not a test of each word
            joined = " ".join(where)
            end = -1
            for m in _JOINER.finditer(joined):
                if m.start() < end:
                    continue  # another mark of the same word
                end = joined.find(" ", m.start())
                end = len(joined) if end < 0 else end
                low = joined[joined.rfind(" ", 0, m.start()) + 1 : end]
                at = where[low]
                for part in (*low.split("-"), low.replace(".", "")):
                    if part and part != low:
                        out[part] = out.get(part, 0) | at
            self._parts = out
        return self._parts

    def _list(self, mask: int) -> list[int]:
        """The sentence indices of a mask, ascending (kept: callers treat it as read-only)."""
        got = self._lists.get(mask)
        if got is None:
            got = self._lists[mask] = _bits(mask)
        return got

    @property
    def by_text(self) -> dict[str, int]:
        """Sentence index by normalised text (a verbatim copy is supported by definition)."""
        if self._by_text is None:
            self._by_text = {_norm(s.text): s.index for s in self.sentences}
        return self._by_text

    def has_lemma(self, lem: str) -> bool:
        """Whether a content lemma occurs anywhere in the source."""
        return lem in (self._clem or self._content()[0])

    def has_word(self, low: str) -> bool:
        """Whether a lower-case word occurs anywhere in the source."""
        return low in (self._where or self._words)

    def sentences_with(self, word: str) -> list[int]:
        """Indices of the sentences holding a lower-case word or content lemma (in order)."""
        return self._list(self._post(word))

    def sentences_naming(self, word: str) -> set[int]:
        """Sentences holding a word, also as part of a hyphenated or dotted one (Kyiv-based,
        U.K.): where a name word may be given."""
        return set(self._list(self._post(word) | self._part_post().get(word, 0)))

    def sentences_with_lemma(self, lem: str) -> list[int]:
        """Sentences holding a word with this lemma, stop words included."""
        return self._list(self._lemma_post().get(lem, 0))

    def words_like(self, w: str) -> list[str]:
        """Source words sharing the first four letters of ``w`` and within three letters of its
        length (Russian / Russia, English / England)."""
        if self._by_prefix is None:
            by: dict[str, list[str]] = {}
            where = self._where or self._words
            clem = self._clem or self._content()[0]
            # the words, then the content lemmas that are no word of the source
            for x in (*where, *(x for x in clem if x not in where)):
                if len(x) >= 4:
                    by.setdefault(x[:4], []).append(x)
            self._by_prefix = by
        return [x for x in self._by_prefix.get(w[:4], ()) if abs(len(x) - len(w)) <= 3]

    def has_bigram(self, a: str, b: str) -> bool:
        """Whether lemma ``a`` directly followed by ``b`` occurs in some source sentence."""
        return self.bigram_mask(a, b) != 0

    def sentences_with_bigram(self, a: str, b: str) -> list[int]:
        """The sentences (ascending) where lemma ``a`` is directly followed by ``b``: only those
        holding both lemmas are looked at, so a loop over them need not read the bigrams of every
        sentence holding ``a``."""
        return self._list(self.bigram_mask(a, b))

    def bigram_mask(self, a: str, b: str) -> int:
        """:meth:`sentences_with_bigram` as a mask (remembered: the score's features, copied
        fragments and name swaps ask about the same pairs of a rewrite sentence)."""
        got = self._bigram_masks.get((a, b))
        if got is not None:
            return got
        post = self._lemma_post()
        both = post.get(a, 0) & post.get(b, 0)
        out = 0
        if both:
            sents = self.sentences
            for i in self._list(both):
                if (a, b) in sents[i].bigrams:
                    out |= 1 << i
        self._bigram_masks[(a, b)] = out
        return out

    def joining_mask(self, a: str, b: str) -> int:
        """The sentences whose last word (as :attr:`SourceSentence.seq` lists it) has lemma
        ``a`` while the next sentence's first has ``b``: where a copied run goes on into the
        next sentence. From each sentence's first and last words, not its whole sequence."""
        if self._edges is None:
            ends: dict[str, int] = {}
            starts: dict[str, int] = {}
            for ss in self.sentences:
                bit = 1 << ss.index
                lows = ss.lows
                for w in lows:
                    if w[:1].isalnum():
                        lem = word_info(w)[0]
                        starts[lem] = starts.get(lem, 0) | bit
                        break
                for w in reversed(lows):
                    if w[:1].isalnum():
                        lem = word_info(w)[0]
                        ends[lem] = ends.get(lem, 0) | bit
                        break
            self._edges = (ends, starts)
        ends, starts = self._edges
        return ends.get(a, 0) & (starts.get(b, 0) >> 1)

    def sentences_in(self, mask: int) -> list[int]:
        """The sentence indices of a mask, ascending (read-only)."""
        return self._list(mask)

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
        clem = self._clem or self._content()[0]
        return any(r in clem for r in lexicon().related(lem))

    def idf(self, lem: str) -> float:
        got = self._idf.get(lem)
        if got is None:
            df = (self._clem or self._content()[0]).get(lem, 0).bit_count()
            got = self._idf[lem] = math.log(1.0 + self._n / (1.0 + df)) + 0.5
        return got

    def broader_of(self, i: int) -> frozenset[int]:
        """Synset ids (with two levels of hypernyms) of the nouns/verbs of source sentence i."""
        if i not in self._broader:
            lex = lexicon()
            out: set[int] = set()
            for x in self.sentences[i].lemmas:
                out.update(lex.broader(x))
            self._broader[i] = frozenset(out)
        return self._broader[i]

    def _masks_of(self, lemma: str, lower: str) -> tuple[int, int, int, int]:
        """A rewrite word's sentences (kept per word: the attribution check re-aligns a
        sentence's words, and a report's candidates share theirs): holding its lemma or form,
        holding only a relative (words and content lemmas alike: the scores), holding its
        content lemma or form, and holding a relative's content lemma (the window match)."""
        where = self._where or self._words
        clem = self._clem or self._content()[0]
        wget, cget = where.get, clem.get
        exact = wget(lemma, 0) | cget(lemma, 0) | wget(lower, 0) | cget(lower, 0)
        rel = crel = 0
        related = lexicon().related(lemma)
        for r in where.keys() & related:
            rel |= where[r]
        for r in clem.keys() & related:
            rel |= clem[r]
            crel |= clem[r]
        return exact, rel & ~exact, cget(lemma, 0) | wget(lower, 0), crel

    def align(self, toks: Sequence[Token], cited: Iterable[str] = ()) -> Alignment:
        """Align the content tokens of one rewrite sentence to the best window of the source.

        Each content word's sentences come as masks: those holding it (its lemma or its own
        form: a full match in the scores) and those holding a WordNet relative (0.85). The
        window match uses the same masks over content lemmas: a word is EXACT in a window when
        a window sentence holds its lemma or form, RELATED when one holds a relative's lemma.
        """
        content = tuple([t for t in toks if t.content])
        idf = self._idf
        weights = tuple([idf[t.lemma] if t.lemma in idf else self.idf(t.lemma) for t in content])
        total = sum(weights) or 1.0
        if not self.sentences:
            return Alignment((), 0.0, 0.0, -1, 0.0, tuple(0.0 for _ in content), content, weights)
        lex = lexicon()
        n = len(self.sentences)
        scores = [0.0] * n
        lists, known = self._list, self._token_masks
        exact_in: list[int] = []  # per content token: window sentences matching it exactly
        related_in: list[int] = []  # … or by a relative's content lemma
        for t, w in zip(content, weights, strict=False):
            masks = known.get((t.lemma, t.lower))
            if masks is None:
                masks = known[(t.lemma, t.lower)] = self._masks_of(t.lemma, t.lower)
            exact, related, hit, near = masks
            for i in lists(exact):
                scores[i] += w
            for i in lists(related):
                scores[i] += w * RELATED
            exact_in.append(hit)
            related_in.append(near)
        scores = [x / total for x in scores]
        order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)  # stable
        cands = set(order[:3])
        cands.update(self.id_index[c] for c in cited if c in self.id_index)
        windows: set[tuple[int, ...]] = set()
        region = 0  # the sentences of all windows: those of each candidate and two either side
        for c in cands:
            lo = max(0, c - 2)
            region |= ((1 << (min(n, c + 3) - lo)) - 1) << lo
            for a in range(lo, c + 1):
                for b in range(c + 1, min(n, a + 3) + 1):
                    windows.add(tuple(range(a, b)))
        top = order[:2]
        if len(top) == 2:
            windows.add(tuple(sorted(top)))  # candidates: in the region
        cited_ix = tuple(sorted(self.id_index[c] for c in cited if c in self.id_index))
        if cited_ix:
            windows.add(cited_ix[:3])  # candidates too
        # each window's coverage summed over the words some sentence of the region matches, in
        # word order (a word matched nowhere there adds 0.0 to every window, which leaves a
        # float sum as it is); the match tuple and the exact share only for the winner
        live = [
            (ex & region, rl & region, w, RELATED * w)
            for ex, rl, w in zip(exact_in, related_in, weights, strict=True)
            if (ex | rl) & region
        ]
        best: tuple[float, tuple[int, ...], int] | None = None
        for win in windows:
            lo, size = win[0], len(win)
            gap = win[-1] - lo + 1 - size
            if gap:
                wm = 0
                for i in win:
                    wm |= 1 << i
            else:
                wm = ((1 << size) - 1) << lo
            got: float = 0
            for hit, near, w, wr in live:
                if hit & wm:
                    got += w
                elif near & wm:
                    got += wr
            key = got / total - 0.04 * (size - 1) - (0.1 if gap else 0.0)
            if best is None or key > best[0]:
                best = (key, win, wm)
        assert best is not None
        _, win, wm = best
        m = tuple(
            EXACT if hit & wm else RELATED if near & wm else 0.0
            for hit, near in zip(exact_in, related_in, strict=True)
        )
        ex = sum(w for x, w in zip(m, weights, strict=True) if x == EXACT) / total
        # generalisations: a word unmatched so far may be a hypernym of a window word (the
        # window's synsets are gathered only once such a word has a synset: most unmatched
        # words are names and figures, which have none)
        if 0.0 in m:
            syn: set[int] | None = None
            mm = list(m)
            for k, t in enumerate(content):
                if mm[k] == 0.0 and t.lemma.isalpha():
                    senses = lex.synsets(t.lemma)
                    if not senses:
                        continue
                    if syn is None:
                        syn = set()
                        for i in win:
                            syn |= self.broader_of(i)
                    if not syn.isdisjoint(senses):
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


@lru_cache(maxsize=200_000)
def _seq_lemma(low: str) -> str | None:
    """A word's lemma as :attr:`SourceSentence.seq` lists it, or None for punctuation (cached
    per word: every source sentence's sequence is read word by word)."""
    return word_info(low)[0] if low[:1].isalnum() else None


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, ascending."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
