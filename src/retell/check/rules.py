"""Fact-by-fact comparison of one rewrite sentence with its aligned source window.

Each rule compares one slot — numbers, dates, names, quotes, hedges, attributions, negation —
and yields findings with the smallest rewrite span and the source span it was compared with.
Severity follows DESIGN: ``error`` when a fact is invented or wrong, ``warning`` when it is
weakened, shifted or less precise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from functools import cached_property
from typing import TypeVar

from retell import facts as _facts
from retell.check import extract as X
from retell.check.align import Alignment, SourceIndex
from retell.check.model import Finding, Span
from retell.check.text import NEGATIONS, Lexicon, Token, lexicon
from retell.facts.model import Kind

# hedges (retell.facts' canonical values) whose loss turns a report into a fact (modals count
# only with strong alignment)
_REPORT_HEDGES = frozenset(["reportedly", "allegedly", "apparently", "suspected", "unconfirmed"])
T = TypeVar("T")
_MODAL_HEDGES = frozenset(["may", "likely", "possibly"])
_STRICT_NEG = frozenset(
    ["not", "n't", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot"]
)


_DEMONYMS = {
    "british": {"uk", "britain"},
    "uk": {"britain", "british"},
    "britain": {"uk", "british"},
    "french": {"france"},
    "dutch": {"netherlands", "holland"},
    "welsh": {"wales"},
    "scottish": {"scotland"},
    "irish": {"ireland"},
    "swiss": {"switzerland"},
    "greek": {"greece"},
    "spanish": {"spain"},
    "american": {"us", "usa", "america"},
    "us": {"american", "america", "usa"},
    "chinese": {"china"},
    "japanese": {"japan"},
    "german": {"germany"},
    "italian": {"italy"},
    "turkish": {"turkey"},
    "israeli": {"israel"},
    "iraqi": {"iraq"},
    "afghan": {"afghanistan"},
}


class _PerSentence(Sequence[T]):
    """A per-source-sentence value computed on first use (most rewrites touch few sentences)."""

    def __init__(self, n: int, fn: Callable[[int], T]) -> None:
        self._n = n
        self._fn = fn
        self._cache: dict[int, T] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> T:  # type: ignore[override]
        if not 0 <= i < self._n:
            raise IndexError(i)
        if i not in self._cache:
            self._cache[i] = self._fn(i)
        return self._cache[i]


class SourceFacts:
    """Facts of the source sentences, extracted lazily, once per sentence."""

    def __init__(self, index: SourceIndex) -> None:
        self.index = index
        n = len(index.sentences)
        sents = index.sentences
        self.facts = _facts.lazy(index.article)  # offsets into the article: no shift
        self.dates: _PerSentence[tuple[X.Date, ...]] = _PerSentence(
            n, lambda i: tuple(X.dates(self.facts.of_kind(i, Kind.DATE)))
        )
        self.numbers: _PerSentence[tuple[X.Number, ...]] = _PerSentence(
            n, lambda i: tuple(X.numbers(self.facts.of_kind(i, Kind.NUMBER)))
        )
        self.names: _PerSentence[tuple[X.Name, ...]] = _PerSentence(
            n, lambda i: tuple(X.names(self.facts.of_kind(i, Kind.NAME)))
        )
        self.hedges: _PerSentence[tuple[X.Hedge, ...]] = _PerSentence(
            n, lambda i: tuple(X.hedges(self.facts.of_kind(i, Kind.HEDGE)))
        )
        self.acronyms: _PerSentence[frozenset[str]] = _PerSentence(n, self._acronyms)
        # quote-normalised words, dots removed (U.K. -> uk), padded with spaces
        self.lower_text: _PerSentence[str] = _PerSentence(
            n, lambda i: " " + " ".join(X.quote_words(sents[i].text.replace(".", ""))) + " "
        )
        self.name_words: _PerSentence[frozenset[str]] = _PerSentence(
            n, lambda i: frozenset(w for name in self.names[i] for w in name.words)
        )

    @cached_property
    def number_sents(self) -> tuple[int, ...]:
        """The sentences that may hold a number (most of a long article holds none)."""
        return tuple(s.index for s in self.index.sentences if _facts.numbers.mentions(s.text))

    @cached_property
    def date_sents(self) -> tuple[int, ...]:
        return tuple(s.index for s in self.index.sentences if _facts.dates.mentions(s.text))

    def _acronyms(self, i: int) -> frozenset[str]:
        a: set[str] = set()
        for name in self.names[i]:
            if len(name.words) > 1:
                a.add(X.acronym(name.words))
                a.add(X.acronym(name.words[1:]))
            a.add(name.words[-1].replace(".", ""))
        return frozenset(a)

    @cached_property
    def _quotes(self) -> tuple[tuple[X.Quote, ...], tuple[int, ...]]:
        qs, qsent = [], []
        for s in self.index.sentences:
            for q in X.quotes(self.facts.of_kind(s.index, Kind.QUOTE)):
                qs.append(q)
                qsent.append(s.index)
        return tuple(qs), tuple(qsent)

    @property
    def quotes(self) -> tuple[X.Quote, ...]:
        return self._quotes[0]

    @property
    def quote_sents(self) -> tuple[int, ...]:
        return self._quotes[1]

    @cached_property
    def words(self) -> str:
        """All quote-normalised words of the source, space separated, padded."""
        return " " + " ".join(X.quote_words(self.index.article.text)) + " "


def source_facts(index: SourceIndex) -> SourceFacts:
    return SourceFacts(index)


class Rules:
    """The comparisons, bound to one source (its index and facts)."""

    def __init__(self, index: SourceIndex, facts: SourceFacts) -> None:
        self.ix = index
        self.sf = facts
        self._where_memo: dict[tuple[str, bool], frozenset[int]] = {}
        self._valence_memo: dict[int, frozenset[bool]] = {}

    # -- helpers ------------------------------------------------------------------------------
    def _sspan(self, i: int, start: int | None = None, end: int | None = None) -> Span:
        s = self.ix.sentences[i]
        a = s.start if start is None else start
        b = s.end if end is None else end
        return Span(self.ix.article.text[a:b], a, b, i)

    def _near(self, win: Sequence[int], reach: int) -> list[int]:
        n = len(self.ix.sentences)
        lo = max(0, min(win) - reach) if win else 0
        hi = min(n, max(win) + reach + 1) if win else 0
        return list(range(lo, hi))

    def name_in(self, name: X.Name, sents: Sequence[int]) -> bool:
        """Whether a name is given in these source sentences: the full name, each of its words
        (a person by surname, "President Zelensky"), an acronym (CSIS, U.K.) or a demonym."""
        words = [
            w.replace(".", "") for w in name.words if w not in ("of", "for", "and", "the", "de")
        ]
        words = [w for w in words if w]
        if not words:
            return True
        common: set[int] | None = None
        caps = name.text.replace(".", "")
        for w in words:
            # an acronym of a source name: CSIS, UN (or any short word in lower-case text)
            acr = len(w) <= 6 and (w.upper() in caps or (caps.islower() and len(w) <= 4))
            where = self._where(w, acr)
            common = set(where) if common is None else common & where
            if not common:
                return False
        assert common is not None
        return any(i in common for i in sents)

    def _where(self, w: str, acronym: bool) -> frozenset[int]:
        """The source sentences that give name word ``w``: the word itself, a derivation or
        demonym, its stem before a hyphen, a near form of a name word there, or — when none
        does — an acronym of a name there. Postings first; names only where needed."""
        got = self._where_memo.get((w, acronym))
        if got is not None:
            return got
        ix = self.ix
        out = ix.sentences_naming(w)
        for r in lexicon().derived.get(w, set()) | _DEMONYMS.get(w, set()):
            out.update(ix.sentences_naming(r))
        base = w.split("-")[0]
        if base != w:
            out.update(ix.sentences_naming(base))
        if not out and len(w) >= 6:  # Russian/Russia, English/England: only against names
            for x in ix.words_like(w):
                out.update(i for i in ix.sentences_naming(x) if x in self.sf.name_words[i])
        if not out and acronym and len(w) >= 2 and w.isalnum():
            out.update(i for i in range(len(ix.sentences)) if w in self.sf.acronyms[i])
        got = self._where_memo[(w, acronym)] = frozenset(out)
        return got

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
            f = self._number(num, win, near, every, rspan, _context(toks, num.start, num.end))
            if f:
                out.append(f)
                nn += f.severity == "error" and f.kind != "hedge_dropped"
                nw += f.severity == "warning"
        feats["num_bad"] = float(nn)
        feats["num_warn"] = float(nw)

        # names ------------------------------------------------------------------------------
        n_abs = n_far = 0
        lex = lexicon()
        for name in X.names(fs, start):
            if len(name.words) == 1 and name.text.islower() and name.words[0] in lex.senses:
                continue  # lower-case text: a word WordNet knows is no name
            if any(a <= name.start and name.end <= b for a, b in qspans):
                continue
            if self.name_in(name, win):
                continue
            if self.name_in(name, every):
                n_far += 1
                wnames = [
                    n
                    for i in win
                    for n in self.sf.names[i]
                    if not self._rew_has(n, text) and not self._one_name(n, name)
                ]
                if wnames and not self.name_in(name, near):
                    src = wnames[0]
                    out.append(
                        Finding(
                            "entity_changed",
                            "error",
                            f"“{name.text}” is not who/what the source names here (“{src.text}”)",
                            rspan(name.start, name.end),
                            Span(src.text, src.start, src.end, self._sent_of(src.start)),
                        )
                    )
                continue
            n_abs += 1
            out.append(
                Finding(
                    "name_unsupported",
                    "error",
                    f"“{name.text}” appears nowhere in the source",
                    rspan(name.start, name.end),
                )
            )
        feats["name_abs"] = float(n_abs)
        feats["name_far"] = float(n_far)

        # attribution ------------------------------------------------------------------------
        for at in X.attributions(fs, start):
            agent = at.agents
            claim = [t for t in toks if not (at.start <= t.start < at.end)]
            cal = self.ix.align(claim)
            bs = cal.best_single
            if bs < 0 or cal.single_cov < 0.3:
                continue
            if all(self.name_in(a, [bs]) or self._surname_in(a, bs) for a in agent):
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
                if own < 0.35 and i != al.best_single:
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
        rneg = [t for t in toks if t.lower in _STRICT_NEG]
        flip = 0
        wtoks = [
            t
            for i, own in zip(win, al.single or (1.0,) * len(win), strict=False)
            if own >= 0.3 or i == al.best_single
            for t in self.ix.sentences[i].toks
        ]
        f_neg = _negation_flip(list(toks), wtoks) if al.coverage >= 0.5 else None
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
        swaps = _antonym_swaps(list(toks), wtoks, lex)
        seen = {t.start for t, _ in swaps}
        # (word, its antonyms, the sign of a clear valence or None) of the words not yet swapped
        cands = []
        for t in toks:
            if t.content and t.start not in seen:
                ants = lex.antonyms.get(t.lemma, set()) | lex.antonyms.get(t.lower, set())
                v = _valence(lex, t)
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
            for t, st in _antonym_swaps(list(toks), list(ss.toks), lex):
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
        feats["neg_r"] = float(len(rneg))
        return out, feats, verified

    def _valences(self, i: int) -> frozenset[bool]:
        """For each clearly valenced word of source sentence i, whether it is negative: a
        rewrite word of the other sign (``v > 0`` equal to this) may flip it."""
        got = self._valence_memo.get(i)
        if got is None:
            lex = lexicon()
            vs = [lex.valence.get(w) or 0.0 for w in self.ix.sentences[i].lows]
            vs += [lex.valence.get(lem) or 0.0 for lem in self.ix.sentences[i].lemmas]
            got = frozenset(v < 0 for v in vs if abs(v) >= 1.0)
            self._valence_memo[i] = got
        return got

    def _sent_of(self, pos: int) -> int:
        for s in self.ix.sentences:
            if s.start <= pos < s.end:
                return s.index
        return 0

    def _one_name(self, a: X.Name, b: X.Name) -> bool:
        """Whether two names are parts of one name the source gives ("Jack" and "Thompson" of
        "Jack Thompson"): the window calling him "Jack" names no one else."""
        w = self.sf.words
        return f" {a.words[-1]} {b.words[0]} " in w or f" {b.words[-1]} {a.words[0]} " in w

    def _surname_in(self, name: X.Name, i: int) -> bool:
        """A full name the source gives, its last word in sentence i ("Jurgen Klopp" for the
        source's "Dortmund manager Klopp says")."""
        return (
            len(name.words) > 1
            and i in self.ix.sentences_naming(name.words[-1].replace(".", ""))
            and self.name_in(name, range(len(self.ix.sentences)))
        )

    @staticmethod
    def _rew_has(name: X.Name, text: str) -> bool:
        return name.words[-1] in text.lower()

    @staticmethod
    def _matched_near(
        stoks: Sequence[Token], a: int, b: int, rtoks: Sequence[Token]
    ) -> Token | None:
        """The rewrite token matching a content word next to a source hedge (its closest one)."""
        rl = {t.lemma: t for t in rtoks if t.content}
        idx = [k for k, t in enumerate(stoks) if t.start >= a]
        k0 = idx[0] if idx else len(stoks)
        for d in range(1, 6):
            for k in (k0 + d, k0 - d):
                if 0 <= k < len(stoks) and stoks[k].content and stoks[k].lemma in rl:
                    return rl[stoks[k].lemma]
        return None

    def _number_swapped(
        self,
        num: X.Number,
        same: Sequence[tuple[int, X.Number]],
        wn: Sequence[tuple[int, X.Number]],
        ctx: frozenset[str],
        sp: Span,
    ) -> Finding | None:
        """The window's figures traded places ("touched 0.5% … breaching the 0.505% cap" for
        the source's "touched 0.505% … the 0.5% cap"): the source's occurrences of the figure
        share no word around it with the rewrite's, and another figure of the window does."""
        others = [
            (i, s) for i, s in wn if not _same_num(num, s) and (s.unit or "") == (num.unit or "")
        ]
        if not others:
            return None
        sents = self.ix.sentences
        if any(ctx & _context(sents[i].toks, s.start, s.end) for i, s in same):
            return None
        for i, s in others:
            if len(ctx & _context(sents[i].toks, s.start, s.end)) >= 2:
                return Finding(
                    "number_changed",
                    "error",
                    f"“{num.text}” is the source's figure for something else; here it says "
                    f"“{s.text}”",
                    sp,
                    self._sspan(i, s.start, s.end),
                )
        return None

    def _date(self, d: X.Date, win: Sequence[int], near: Sequence[int], rspan) -> Finding | None:
        wd = [(i, s) for i in win for s in self.sf.dates[i]]
        nd = [(i, s) for i in near for s in self.sf.dates[i]]

        def alld() -> list[tuple[int, X.Date]]:
            return [(i, s) for i in self.sf.date_sents for s in self.sf.dates[i]]

        sp = rspan(d.start, d.end)
        if d.relative and d.year is None:
            key = d.relative.split()[-1]  # "last year": only sentences saying "year"
            for i in sorted(set(near) | set(self.ix.sentences_with(key))):
                if any(s.relative == d.relative for s in self.sf.dates[i]):
                    return None
            if wd:
                i, s = wd[0]
                return Finding(
                    "date_changed",
                    "warning",
                    f"“{d.text}” — the source dates this “{s.text}”",
                    sp,
                    self._sspan(i, s.start, s.end),
                )
            return Finding(
                "date_unsupported", "error", f"the source gives no date “{d.text}” here", sp
            )
        wabs = [x for x in wd if not x[1].relative]
        nabs = [x for x in nd if not x[1].relative]
        for pool, far in ((wabs, False), (nabs, True)):
            exact = [x for x in pool if _same_date(d, x[1])]
            if exact:
                return None
            comp = [x for x in pool if _compatible(d, x[1])]
            if comp:
                i, s = comp[0]
                return Finding(
                    "date_changed",
                    "warning",
                    f"“{d.text}” is less precise than, or shifts, the source's “{s.text}”",
                    sp,
                    self._sspan(i, s.start, s.end),
                )
            if pool and not far:
                i, s = pool[0]
                return Finding(
                    "date_changed",
                    "error",
                    f"“{d.text}” does not match the source's “{s.text}”",
                    sp,
                    self._sspan(i, s.start, s.end),
                )
        rel = [
            x
            for x in wd + nd
            if x[1].relative
            and x[1].relative != "immediately"
            and not x[1].relative.startswith("within")
        ]
        if rel:
            i, s = rel[0]
            return Finding(
                "date_unsupported",
                "warning",
                f"the source dates this only relatively (“{s.text}”); “{d.text}” cannot be confirmed",
                sp,
                self._sspan(i, s.start, s.end),
            )
        comp = [x for x in alld() if _compatible(d, x[1]) or _same_date(d, x[1])]
        if comp:
            i, s = comp[0]
            return Finding(
                "date_unsupported",
                "error",
                f"the source gives “{s.text}” only for something else, not for this",
                sp,
                self._sspan(i, s.start, s.end),
            )
        return Finding(
            "date_unsupported", "error", f"the date “{d.text}” appears nowhere in the source", sp
        )

    def _number(
        self,
        num: X.Number,
        win: Sequence[int],
        near: Sequence[int],
        every: Sequence[int],
        rspan,
        ctx: frozenset[str] = frozenset(),
    ) -> Finding | None:
        sp = rspan(num.start, num.end)
        wn = [(i, s) for i in win for s in self.sf.numbers[i]]
        nn: list[tuple[int, X.Number]] = []
        an: list[tuple[int, X.Number]] = []
        for k, pool in enumerate((wn, nn, an)):
            if k == 1:  # the wider pools only when the window does not hold the number
                pool.extend((i, s) for i in near for s in self.sf.numbers[i])
            if k == 2:
                pool.extend((i, s) for i in self.sf.number_sents for s in self.sf.numbers[i])
            same = [x for x in pool if _same_num(num, x[1])]
            if same:
                i, s = same[0]
                if s.qualifier and not num.qualifier and pool is not an:
                    return Finding(
                        "hedge_dropped",
                        "warning",
                        f"the source says “{s.qual_text} {s.text}”, not just “{num.text}”",
                        sp,
                        self._sspan(i, s.start, s.end),
                    )
                if (
                    s.qualifier
                    and num.qualifier
                    and {s.qualifier, num.qualifier} == {"upper", "lower"}
                ):
                    return Finding(
                        "number_changed",
                        "warning",
                        f"“{num.text}” turns the source's bound around (“{s.text}”)",
                        sp,
                        self._sspan(i, s.start, s.end),
                    )
                if pool is an and pool is not wn:
                    return Finding(
                        "number_unsupported",
                        "error",
                        f"“{num.text}” comes from another part of the source",
                        sp,
                        self._sspan(i, s.start, s.end),
                    )
                if pool is wn and ctx:
                    return self._number_swapped(num, same, wn, ctx, sp)
                return None
        if num.vague:
            return None
        if num.value in ("2", "3") and num.unit is not None:
            return None  # "two soldiers", "three times": too common to call invented
        same_unit = [x for x in wn if x[1].unit and num.unit and x[1].unit[:4] == num.unit[:4]]
        if same_unit:
            i, s = same_unit[0]
            return Finding(
                "number_changed",
                "error",
                f"“{num.text}” — the source says “{s.text}”",
                sp,
                self._sspan(i, s.start, s.end),
            )
        return Finding(
            "number_unsupported", "error", f"“{num.text}” appears nowhere in the source", sp
        )


def _context(toks: Sequence[Token], a: int, b: int, reach: int = 3) -> frozenset[str]:
    """Content lemmas within ``reach`` words either side of the span [a, b) (the span's own
    words left out): what a number is attached to."""
    k0 = next((k for k, t in enumerate(toks) if t.end > a), len(toks))
    k1 = next((k for k, t in enumerate(toks) if t.start >= b), len(toks))
    near = list(toks[max(0, k0 - reach) : k0]) + list(toks[k1 : k1 + reach])
    return frozenset(t.lemma for t in near if t.content and t.lower[:1].isalpha())


def _same_num(a: X.Number, b: X.Number) -> bool:
    if a.value == b.value:
        return True
    try:
        x, y = float(a.value), float(b.value)
    except ValueError:
        return False
    # within 2% only as a rounding: the rewrite's figure is the rounder one (1.2 million for
    # 1.23 million), not a more precise different one (32,500 for 32,000)
    return y != 0 and abs(x - y) / abs(y) <= 0.02 and _sig(a.value) < _sig(b.value)


def _sig(value: str) -> int:
    """Significant digits of a canonical decimal string ("1200000" -> 2, "0.505" -> 3)."""
    digits = value.replace(".", "").replace("-", "").lstrip("0").rstrip("0")
    return len(digits)


def _same_date(a: X.Date, b: X.Date) -> bool:
    return a.fields() == b.fields() and a.qualifier == b.qualifier and a.relative == b.relative


def _compatible(a: X.Date, b: X.Date) -> bool:
    """Whether a could be a coarser or shifted description of b (no field contradicts)."""
    if a.year is None and a.month is None and a.day is None:
        return False
    for x, y in zip(a.fields(), b.fields(), strict=False):
        if x is not None and y is not None and x != y:
            return False
    return all(x is None or y is not None for x, y in zip(a.fields(), b.fields(), strict=False))


def _antonym_swaps(
    rtoks: list[Token], stoks: list[Token], lex: Lexicon
) -> list[tuple[Token, Token]]:
    """Words the rewrite put in place of their antonym (aligned by a word-level diff)."""
    ra = [t.lemma for t in rtoks]
    sa = [t.lemma for t in stoks]
    out = []
    rl = set(ra)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ra, sa, autojunk=False).get_opcodes():
        if op != "replace":
            continue
        for t in rtoks[i1:i2]:
            if not t.content or t.lemma in sa:
                continue
            vt = _valence(lex, t)
            for st in stoks[max(j1 - 1, 0) : j2 + 1]:
                if not st.content or st.lemma in rl:
                    continue
                if lex.antonym(t.lemma, st.lemma) or lex.antonym(t.lower, st.lower):
                    out.append((t, st))
                    break
                vs = _valence(lex, st)
                if vt * vs <= -1.5 and abs(vt) >= 1.0 and abs(vs) >= 1.0 and j2 - j1 <= 3:
                    out.append((t, st))  # troubled -> triumphant: valence flips
                    break
    return out


def _valence(lex: Lexicon, t: Token) -> float:
    return lex.valence.get(t.lower) or lex.valence.get(t.lemma) or 0.0


def _negation_flip(rtoks: list[Token], stoks: list[Token]) -> tuple[Token, Token, bool] | None:
    """A negation present on one side only, next to a word both sides share.

    Returns (rewrite token, source token, dropped?) — dropped when the source negates and the
    rewrite does not; the rewrite token is then the shared word, the source token the negation.
    """

    def negated(seq: list[Token], k: int) -> bool:
        return any(t.lower in _STRICT_NEG for t in seq[max(0, k - 4) : k])

    def heads(seq: list[Token], k: int) -> list[Token]:
        out = [t for t in seq[k + 1 : k + 5] if t.content and t.lower.isalpha()][:2]
        return out

    s_pos: dict[str, list[int]] = {}
    for k, t in enumerate(stoks):
        if t.content:
            s_pos.setdefault(t.lemma, []).append(k)
    r_pos: dict[str, list[int]] = {}
    for k, t in enumerate(rtoks):
        if t.content:
            r_pos.setdefault(t.lemma, []).append(k)
    s_only = any(t.lower == "only" for t in stoks)
    for k, t in enumerate(rtoks):
        if t.lower in _STRICT_NEG:
            if s_only and any(x.lower in ("until", "till") for x in rtoks[k : k + 9]):
                continue  # "not … until 1997" says what "only after 1997" says
            for h in heads(rtoks, k):
                occ = s_pos.get(h.lemma, [])
                if occ and not any(negated(stoks, j) for j in occ):
                    return t, stoks[occ[0]], False
    for k, t in enumerate(stoks):
        if t.lower in _STRICT_NEG:
            # dropped: the negated word must be an ordinary word (a name after "not" is rarely
            # what is negated) said in the same context — a content word just before the
            # negation also next to it in the rewrite — or any later mention counts as a flip
            before = {x.lemma for x in stoks[max(0, k - 4) : k] if x.content}
            for h in heads(stoks, k):
                if h.text[:1].isupper() and k > 0:
                    continue
                occ = [
                    j
                    for j in r_pos.get(h.lemma, [])
                    if before & {x.lemma for x in rtoks[max(0, j - 6) : j + 3] if x.content}
                ]
                if occ and not any(negated(rtoks, j) for j in occ):
                    return rtoks[occ[0]], t, True
    return None


def _shares_ngram(a: Sequence[str], b: Sequence[str], n: int) -> bool:
    grams = {tuple(b[i : i + n]) for i in range(len(b) - n + 1)}
    return any(tuple(a[i : i + n]) in grams for i in range(len(a) - n + 1))


def _content_lemmas(text: str) -> set[str]:
    return {t.lemma for t in _toks(text) if t.content}


def _shared(a: set[str], b: set[str]) -> int:
    """How many lemmas of a the other set holds, directly or as a derivation (mental/mentally)."""
    lex = lexicon()
    return sum(1 for x in a if x in b or lex.derived.get(x, set()) & b)


def _toks(text: str) -> list[Token]:
    from retell.check.text import tokens

    return tokens(text)


_ = (re, NEGATIONS)
