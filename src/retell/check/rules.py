"""Fact-by-fact comparison of one rewrite sentence with its aligned source window.

Each rule compares one slot — numbers, dates, names, quotes, hedges, attributions, negation —
and yields findings with the smallest rewrite span and the source span it was compared with.
Severity follows DESIGN: ``error`` when a fact is invented or wrong, ``warning`` when it is
weakened, shifted or less precise.

The number and date comparisons live in :mod:`retell.check.figures` and the name look-ups in
:mod:`retell.check.rules_names` (``Rules`` inherits both), the negation and antonym diffs in
:mod:`retell.check.polarity`, the source's per-sentence facts in :mod:`retell.check.sources`:
each a module small enough to read whole.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter

from retell.check import extract as X
from retell.check.align import Alignment, SourceIndex
from retell.check.model import Finding, Span
from retell.check.polarity import (
    FUNCTION_CONTRASTS,
    STRICT_NEG,
    antonym_swaps,
    negation_flip,
    valence,
)
from retell.check.rules_names import NameRules
from retell.check.score import reattached
from retell.check.sources import SourceFacts
from retell.check.text import Lexicon, Token, lexicon
from retell.facts._words import Caseless, any_word
from retell.facts.cues import HEDGES

# hedges (retell.facts' canonical values) whose loss turns a report into a fact (modals count
# only with strong alignment)
_REPORT_HEDGES = frozenset(["reportedly", "allegedly", "apparently", "suspected", "unconfirmed"])
_MODAL_HEDGES = frozenset(["may", "likely", "possibly"])
# the hedge words (retell.facts' cues) that give one of those values: a source sentence without
# any of them cannot have its hedge dropped, so its facts need not be extracted for the test
_DROPPABLE = Caseless(
    any_word(w for w, v in HEDGES.items() if v in _REPORT_HEDGES or v in _MODAL_HEDGES)
)


# "day after day", "side by side", "face to face", "hand in hand": a word said twice on purpose
_IDIOM_LINKS = frozenset(["after", "by", "to", "for", "in", "on", "upon"])


class Rules(NameRules):
    """The comparisons, bound to one source (its index and facts); numbers and dates are
    compared by the inherited :class:`~retell.check.figures.FigureRules`, names by
    :class:`~retell.check.rules_names.NameRules`."""

    def __init__(self, index: SourceIndex, facts: SourceFacts) -> None:
        super().__init__(index, facts)
        self._valence_memo: dict[int, frozenset[bool]] = {}

    # -- helpers ------------------------------------------------------------------------------
    def _near(self, win: Sequence[int], reach: int) -> list[int]:
        n = len(self.ix.sentences)
        lo = max(0, min(win) - reach) if win else 0
        hi = min(n, max(win) + reach + 1) if win else 0
        return list(range(lo, hi))

    # -- rules --------------------------------------------------------------------------------
    def check(
        self, index: int, text: str, start: int, toks: Sequence[Token], al: Alignment
    ) -> tuple[list[Finding], dict[str, float], list[tuple[int, int]]]:
        """Findings for one rewrite sentence, the counts the learned score uses, and the spans
        of its quotes found verbatim in the source."""
        out: list[Finding] = []
        feats: dict[str, float] = {}
        win = al.window
        near = self._near(win, 2)
        every = range(len(self.ix.sentences))

        def rspan(a: int, b: int) -> Span:
            return Span(text[a - start : b - start], a, b, index)

        # quotes -----------------------------------------------------------------------------
        fs = X.facts_of(text)
        qspans = []
        verified: list[tuple[int, int]] = []
        for q in X.quotes(fs, start):
            qspans.append((q.start, q.end))
            joined = " " + " ".join(q.words) + " "
            if joined in self.sf.words:
                verified.append((q.start, q.end))
                continue
            best, bi = 0.0, -1
            qc = _content_lemmas(q.text)
            for k, sq in enumerate(self.sf.quotes):
                sc = _content_lemmas(sq.text)
                if not qc or not sc:
                    continue
                ov = _shared(qc, sc) / min(len(qc), len(sc))
                if ov > best:
                    best, bi = ov, k
            shared4 = bi >= 0 and _shares_ngram(q.words, self.sf.quotes[bi].words, 4)
            if not shared4:  # a word or two changed: "we will not surrender" for "never"
                for k, sq in enumerate(self.sf.quotes):
                    if (
                        len(q.words) >= 3
                        and SequenceMatcher(None, q.words, sq.words).ratio() >= 0.6
                    ):
                        bi, shared4 = k, True
                        break
            if bi >= 0 and ((best >= 0.4 and best * min(len(qc), 99) >= 2) or shared4):
                sq = self.sf.quotes[bi]
                lem_same = {t.lemma for t in _toks(q.text)} <= {t.lemma for t in _toks(sq.text)}
                sev = "warning" if lem_same else "error"
                out.append(
                    Finding(
                        "quote_altered",
                        sev,
                        f"quote differs from the source's words: “{sq.text.strip()}”",
                        rspan(q.start, q.end),
                        Span(sq.text, sq.start, sq.end, self.sf.quote_sents[bi]),
                    )
                )
            elif len(q.words) <= 3 and all(f" {w} " in self.sf.words for w in q.words):
                verified.append((q.start, q.end))
                continue  # a scare-quoted word or two the source uses
            else:
                out.append(
                    Finding(
                        "quote_unsupported",
                        "error",
                        f"the quote “{q.text.strip()}” appears nowhere in the source",
                        rspan(q.start, q.end),
                    )
                )
        feats["quote_bad"] = float(
            sum(f.kind.startswith("quote") and f.severity == "error" for f in out)
        )

        # dates ------------------------------------------------------------------------------
        rdates = X.dates(fs, start)
        nd = 0
        for d in rdates:
            f = self._date(d, win, near, rspan)
            if f:
                out.append(f)
                nd += f.severity == "error"
        feats["date_bad"] = float(nd)

        # numbers ----------------------------------------------------------------------------
        nn = nw = 0
        for num in X.numbers(fs, start, qspans):
            f = self._number(num, win, near, every, rspan, toks)
            if f:
                out.append(f)
                nn += f.severity == "error" and f.kind != "hedge_dropped"
                nw += f.severity == "warning"
        feats["num_bad"] = float(nn)
        feats["num_warn"] = float(nw)

        # names ------------------------------------------------------------------------------
        found, n_abs, n_far, n_first = self._names(fs, start, text, qspans, win, near, rspan)
        out.extend(found)
        # the right words around the wrong name ------------------------------------------------
        flagged = {f.rewrite.start for f in out}
        n_swap = 0
        for sw in reattached(self.ix, toks):
            t = sw.token
            if t.start in flagged:
                continue
            s_toks = [x for x in self.ix.sentences[sw.sentence].toks if x.lower[:1].isalnum()]
            if sw.word >= len(s_toks):
                continue
            s_tok = s_toks[sw.word]
            n_swap += 1
            out.append(
                Finding(
                    "entity_changed",
                    "error",
                    f"the source says “{sw.words}” of “{s_tok.text}”, not of “{t.text}”",
                    rspan(t.start, t.end),
                    self._sspan(sw.sentence, s_tok.start, s_tok.end),
                )
            )
        feats["name_swap"] = float(n_swap)
        feats["name_abs"] = float(n_abs)
        feats["name_first"] = float(n_first)
        feats["name_far"] = float(n_far)

        # attribution ------------------------------------------------------------------------
        for at in X.attributions(fs, start):
            agent = at.agents
            claim = [t for t in toks if not (at.start <= t.start < at.end)]
            cal = self.ix.align(claim)
            bs = cal.best_single
            if bs < 0 or cal.single_cov < 0.3:
                continue
            if all(
                self.name_in(a, [bs]) or self._surname_in(a, bs) or self._given_name_only(a, [bs])
                for a in agent
            ):
                continue
            out.append(
                Finding(
                    "attribution_changed",
                    "error",
                    f"the source does not attribute this to “{at.text.strip()}”",
                    rspan(agent[0].start, agent[-1].end),
                    self._sspan(bs),
                )
            )
        feats["attr_bad"] = float(sum(f.kind == "attribution_changed" for f in out))

        # hedges -----------------------------------------------------------------------------
        rh = {h.value for h in X.hedges(fs)}
        if not rh:
            for i, own in zip(win, al.single, strict=False):
                s = self.ix.sentences[i]
                if (own < 0.35 and i != al.best_single) or not _DROPPABLE.found(s.text):
                    continue
                for h in self.sf.hedges[i]:
                    hl = h.value
                    if hl not in _REPORT_HEDGES and not (
                        hl in _MODAL_HEDGES and al.coverage > 0.75
                    ):
                        continue
                    tok = self._matched_near(s.toks, h.start, h.end, toks)
                    if tok is None:
                        continue
                    out.append(
                        Finding(
                            "hedge_dropped",
                            "warning",
                            f"the source hedges this: “{h.text}”",
                            rspan(tok.start, tok.end),
                            self._sspan(i, h.start, h.end),
                        )
                    )
                    break
        feats["hedge_drop"] = float(sum(f.kind == "hedge_dropped" for f in out))

        # negation and antonyms --------------------------------------------------------------
        n_neg = sum(map(STRICT_NEG.__contains__, map(_LOWER, toks)))
        flip = 0
        wsel = [
            self.ix.sentences[i].toks
            for i, own in zip(win, al.single or (1.0,) * len(win), strict=False)
            if own >= 0.3 or i == al.best_single
        ]
        wtoks = wsel[0] if len(wsel) == 1 else list(chain.from_iterable(wsel))
        f_neg = negation_flip(toks, wtoks) if al.coverage >= 0.5 else None
        if f_neg is not None:
            rt, st, dropped = f_neg
            msg = (
                f"the source says “{st.text}” here; the rewrite drops the negation"
                if dropped
                else "the rewrite negates what the source states"
            )
            out.append(
                Finding(
                    "negation_flipped",
                    "error",
                    msg,
                    rspan(rt.start, rt.end),
                    self._sspan(self._sent_of(st.start), st.start, st.end),
                )
            )
            flip += 1
        lex = lexicon()
        ant = 0
        swaps = antonym_swaps(toks, wtoks, lex)
        seen = {t.start for t, _ in swaps}
        # (word, its antonyms, the sign of a clear valence or None) of the words not yet swapped
        cands = []
        keyed = _antonym_or_valence(lex)  # a word in neither table is no candidate
        for t in toks:
            if (
                (t.lemma in keyed or t.lower in keyed)
                and (t.content or t.lower in FUNCTION_CONTRASTS)
                and t.start not in seen
            ):
                ants = _antonyms_of(lex, t)
                v = valence(lex, t)
                if ants or abs(v) >= 1.0:
                    cands.append((t.lemma, ants, v > 0 if abs(v) >= 1.0 else None))
        for i in win if cands else ():
            # each window sentence on its own too: a word of one sentence ("at least two")
            # must not hide the swap against another ("the most bang"); only sentences holding
            # an antonym or an opposite-valence word of a word they lack are diffed
            ss = self.ix.sentences[i]
            lems, lows = ss.lemmas, ss.lowers
            vals = None
            hit = False
            for lem, ants, sign in cands:
                if lem in lems:
                    continue
                if ants and (not ants.isdisjoint(lems) or not ants.isdisjoint(lows)):
                    hit = True
                    break
                if sign is not None:
                    vals = self._valences(i) if vals is None else vals
                    if sign in vals:
                        hit = True
                        break
            if not hit:
                continue
            for t, st in antonym_swaps(toks, ss.toks, lex):
                if t.start not in seen:
                    seen.add(t.start)
                    swaps.append((t, st))
        for t, st in swaps:
            out.append(
                Finding(
                    "negation_flipped",
                    "error",
                    f"“{t.text}” says the opposite of the source's “{st.text}”",
                    rspan(t.start, t.end),
                    self._sspan(self._sent_of(st.start), st.start, st.end),
                )
            )
            ant += 1
        feats["neg_flip"] = float(flip)
        feats["antonym"] = float(ant)
        feats["neg_r"] = float(n_neg)

        # the same two words twice ----------------------------------------------------------
        rep = self._repeated(toks)
        if rep is not None:
            a, b = rep
            out.append(
                Finding(
                    "claim_unsupported",
                    "error",
                    f"“{text[a - start : b - start]}” is said twice: the sentence repeats itself "
                    "where the source does not",
                    rspan(a, b),
                )
            )
        feats["repeated"] = float(rep is not None)
        return out, feats, verified

    def _repeated(self, toks: Sequence[Token]) -> tuple[int, int] | None:
        """A word said again after a function word or three, or (offsets of its second
        occurrence) two content words said twice in one rewrite
        sentence ("eastenders actress mitchell mitchell … eastenders actress mitchell
        mitchell") when no source sentence says them twice: the loop of a garbled summary,
        which states a relation the source does not ("apple has begun legal action against
        apple")."""
        # both tests need a content word said twice (a word again after a function word is a
        # content word: it has a content word's lemma); most sentences say none twice
        lems = list(compress(map(_LEMMA, toks), map(_CONTENT, toks)))
        if len(set(lems)) == len(lems):
            return None
        words = [t for t in toks if t.lower[:1].isalnum()]
        # a word again after a function word or three: "a wall of a wall", "the assembly's
        # assembly", "the beast in the beast"
        marked = [t for t in toks if t.lower[:1].isalnum() or t.lower == "'s"]
        for i, t in enumerate(marked):
            if not (t.content and t.lower.isalpha()):
                continue
            for j in range(i + 2, min(len(marked), i + 5)):
                if marked[j - 1].content:
                    break
                if marked[j].lemma == t.lemma:
                    run = [x.lemma for x in marked[i : j + 1] if x.lower != "'s"]
                    idiom = j == i + 2 and (
                        marked[i + 1].lower in _IDIOM_LINKS  # day after day, side by side
                        or (marked[i + 1].lower == "and" and t.lower.endswith("er"))
                    )  # bigger and bigger
                    if not idiom and not self._says(run):
                        return t.start, marked[j].end
                    break
        seen: set[tuple[str, str]] = set()
        for x, y in zip(words, words[1:], strict=False):
            if not (x.content and y.content and x.lower.isalpha() and y.lower.isalpha()):
                continue
            if x.text[:1].isupper() and y.text[:1].isupper():
                continue  # a name said twice ("New York police … a New York man") is no loop
            pair = (x.lemma, y.lemma)
            if pair not in seen:
                seen.add(pair)
                continue
            sents = self.ix.sentences
            twice = any(
                sum(1 for p in zip(q, q[1:], strict=False) if p == pair) >= 2
                for q in (sents[i].seq for i in self.ix.sentences_with_bigram(*pair))
            )
            if not twice:
                return x.start, y.end
        return None

    def _says(self, run: Sequence[str]) -> bool:
        """Whether a source sentence holds this run of lemmas, in order and contiguous."""
        n = len(run)
        with_run = (
            self.ix.sentences_with_bigram(run[0], run[1])
            if n >= 2
            else self.ix.sentences_with_lemma(run[0])
        )
        for i in with_run:
            q = self.ix.sentences[i].seq
            if any(q[k : k + n] == list(run) for k in range(len(q) - n + 1)):
                return True
        return False

    def _valences(self, i: int) -> frozenset[bool]:
        """For each clearly valenced word of source sentence i, whether it is negative: a
        rewrite word of the other sign (``v > 0`` equal to this) may flip it."""
        got = self._valence_memo.get(i)
        if got is None:
            get = lexicon().valence.get
            ss = self.ix.sentences[i]
            vs = {*map(get, ss.lows), *map(get, ss.lemmas)}  # each distinct valence once
            got = frozenset(v < 0 for v in vs if v is not None and abs(v) >= 1.0)
            self._valence_memo[i] = got
        return got

    @staticmethod
    def _matched_near(
        stoks: Sequence[Token], a: int, b: int, rtoks: Sequence[Token]
    ) -> Token | None:
        """The rewrite token matching a content word next to a source hedge (its closest one)."""
        rl = {t.lemma: t for t in rtoks if t.content}
        k0 = next((k for k, t in enumerate(stoks) if t.start >= a), len(stoks))
        for d in range(1, 6):
            for k in (k0 + d, k0 - d):
                if 0 <= k < len(stoks) and stoks[k].content and stoks[k].lemma in rl:
                    return rl[stoks[k].lemma]
        return None


@lru_cache(maxsize=1)
def _antonym_or_valence(lex: Lexicon) -> frozenset[str]:
    """The words the lexicon gives an antonym or a valence (one lexicon per process)."""
    return frozenset(lex.antonyms) | frozenset(lex.valence)


_NO_ANTONYMS: frozenset[str] = frozenset()
_LOWER, _LEMMA, _CONTENT = itemgetter(1), itemgetter(2), itemgetter(5)  # Token's, read in C


def _antonyms_of(lex: Lexicon, t: Token) -> Set[str]:
    """The antonyms of a word's lemma and of its form (the lexicon's own set when only one has
    any: read, never changed)."""
    a = lex.antonyms.get(t.lemma)
    b = lex.antonyms.get(t.lower)
    if a is None:
        return _NO_ANTONYMS if b is None else b
    return a if b is None else a | b


def _shares_ngram(a: Sequence[str], b: Sequence[str], n: int) -> bool:
    grams = {tuple(b[i : i + n]) for i in range(len(b) - n + 1)}
    return any(tuple(a[i : i + n]) in grams for i in range(len(a) - n + 1))


@lru_cache(maxsize=4096)
def _content_lemmas(text: str) -> frozenset[str]:
    """Content lemmas of a quote (cached: each rewrite quote is compared with every source
    quote, whose lemmas are the same each time)."""
    return frozenset(t.lemma for t in _toks(text) if t.content)


def _shared(a: frozenset[str], b: frozenset[str]) -> int:
    """How many lemmas of a the other set holds, directly or as a derivation (mental/mentally)."""
    lex = lexicon()
    return sum(1 for x in a if x in b or lex.derived.get(x, set()) & b)


def _toks(text: str) -> list[Token]:
    from retell.check.text import tokens

    return tokens(text)
