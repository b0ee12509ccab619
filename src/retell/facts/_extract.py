"""Extraction of one sentence's facts, in stages that run only when asked for.

Why stages: ``of_article`` wants every kind of fact of every sentence, but the check asks for
one kind of a few sentences ("the numbers of the source sentences near this one"). Each stage
runs once and feeds the stages after it: dates first ("2024" and "late August" must not be read
as numbers or names), then names, numbers (outside dates and names), quotes (their speaker is a
name), hedges (outside numbers' own hedges), attributions and negations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from operator import attrgetter

from retell.facts import cues, dates, names, numbers, quotes
from retell.facts._words import Toks, Vocab
from retell.facts.model import Fact, Kind, fact
from retell.facts.quotes import Span as QuoteSpan
from retell.ingest.article import Article

_QUOTE_MARKS = frozenset("'\"‘’“”")
_BY_SPAN = attrgetter("start", "end")  # (start, end) of a fact, read in C
_WORD_BEFORE = re.compile(r"(\w[\w'’.&-]*)\s*$")
_WORD_AFTER = re.compile(r"\s*(\w[\w'’.&-]*)")


class Context:
    """What sentence extraction needs from the whole article: its vocabulary (lazy by itself)
    and its quotes, found paragraph by paragraph the first time a sentence asks for them."""

    __slots__ = ("vocab", "_paras", "_text", "_quotes", "_closes")

    def __init__(
        self, text: str, paras: Sequence[tuple[int, int]], vocab: Vocab | None = None
    ) -> None:
        self._text = text
        self._paras = paras
        self.vocab = vocab if vocab is not None else Vocab(text)
        self._quotes: tuple[QuoteSpan, ...] | None = None
        self._closes: tuple[int, ...] = ()

    @property
    def quotes(self) -> tuple[QuoteSpan, ...]:
        if self._quotes is None:
            spans: list[QuoteSpan] = []
            for p0, p1 in self._paras:
                spans.extend(quotes.find_spans(self._text, p0, p1))
            spans.sort(key=lambda q: q.open)
            self._quotes = tuple(spans)
            self._closes = tuple(q.close for q in spans)
        return self._quotes

    def quotes_in(self, s0: int, s1: int) -> list[QuoteSpan]:
        """The quotes that reach into ``[s0, s1)``."""
        qs = self.quotes
        out = []
        for q in qs[bisect_right(self._closes, s0) :]:
            if q.open >= s1:
                break
            out.append(q)
        return out


def context(article: Article) -> Context:
    paras = [(p.start, p.end) for p in article.paragraphs] or [
        (s.start, s.end) for s in article.sentences
    ]
    return Context(article.text, paras)


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(x < b and a < y for x, y in spans)


_ORDER = (
    Kind.DATE,
    Kind.NUMBER,
    Kind.NAME,
    Kind.QUOTE,
    Kind.HEDGE,
    Kind.ATTRIBUTION,
    Kind.NEGATION,
)


class Staged:
    """The facts of sentence ``text[s0:s1]``, each kind computed on first use."""

    def __init__(self, text: str, index: int, s0: int, s1: int, ctx: Context) -> None:
        self.text, self.index, self.s0, self.s1, self.ctx = text, index, s0, s1, ctx
        self.toks = Toks(text, s0, s1)
        self._dates: list[dates.Found] | None = None
        self._dspans: list[tuple[int, int]] | None = None
        self._names: list[names.Found] | None = None
        self._numbers: list[Fact] | None = None
        self._taken: list[tuple[int, int]] = []
        self._by_kind: dict[Kind, tuple[Fact, ...]] = {}

    # -- stages -------------------------------------------------------------------------------
    def _found_dates(self) -> list[dates.Found]:
        if self._dates is None:
            self._dates = dates.find(self.text, self.s0, self.s1, self.toks)
        return self._dates

    def _date_spans(self) -> list[tuple[int, int]]:
        """The dates' spans (read-only: names and numbers both skip them)."""
        if self._dspans is None:
            self._dspans = [(d.start, d.end) for d in self._found_dates()]
        return self._dspans

    def _found_names(self) -> list[names.Found]:
        if self._names is None:
            ds = self._date_spans()
            found = names.find(self.text, self.s0, self.s1, self.ctx.vocab, self.toks, ds)
            if ds:
                found = [n for n in found if not _overlaps(n.start, n.end, ds)]
            self._names = found
        return self._names

    def _number_facts(self) -> list[Fact]:
        """Numbers and the hedges that bound them ("about", "up to")."""
        if self._numbers is None:
            text, index = self.text, self.index
            out: list[Fact] = []
            taken = list(self._date_spans())
            starts = numbers.candidates(text, self.toks)
            if starts:
                found = numbers.find_from(text, starts, self.s0, self.s1, self._date_spans())
                # a number inside a name ("Apollo 11", "One Direction") is no quantity; names are
                # asked for only when a number touches a capitalised word — whether or not they
                # were found already, so the answer does not depend on which kind was asked first
                if found and any(self._by_capital(q) for q in found):
                    spans = [(n.start, n.end) for n in self._found_names()]
                    found = [q for q in found if not _overlaps(q.start, q.end, spans)]
                for q in found:
                    out.append(
                        fact(Kind.NUMBER, text[q.start : q.end], q.start, q.end, index,
                             q.value, q.qualifier, q.unit)
                    )  # fmt: skip
                    taken.append((q.start, q.end))
                    if q.qualifier and q.qualifier_start is not None:
                        qs, qe = q.qualifier_start, q.qualifier_end or q.qualifier_start
                        out.append(
                            fact(Kind.HEDGE, text[qs:qe], qs, qe, index, q.qualifier,
                                 unit="number")
                        )  # fmt: skip
                        taken.append((qs, qe))
            self._taken = taken
            self._numbers = out
        return self._numbers

    def _by_capital(self, q: numbers.Quantity) -> bool:
        text = self.text
        if text[q.start].isupper():
            return True
        before = _WORD_BEFORE.search(text, max(self.s0, q.start - 40), q.start)
        after = _WORD_AFTER.match(text, q.end, self.s1)
        return bool(
            (before and before.group(1)[0].isupper()) or (after and after.group(1)[0].isupper())
        )

    def _compute(self, kind: Kind) -> list[Fact]:
        text, index, s0, s1, toks = self.text, self.index, self.s0, self.s1, self.toks
        if kind is Kind.DATE:
            return [
                fact(Kind.DATE, text[d.start : d.end], d.start, d.end, index,
                     d.date.value, d.date.qualifier, d.date.precision)
                for d in self._found_dates()
            ]  # fmt: skip
        if kind is Kind.NAME:
            return [
                fact(Kind.NAME, text[n.start : n.end], n.start, n.end, index, n.value, n.title,
                     n.kind)
                for n in self._found_names()
            ]  # fmt: skip
        if kind is Kind.NUMBER:
            return [f for f in self._number_facts() if f.kind is Kind.NUMBER]
        if kind is Kind.QUOTE:
            return self._quotes()
        if kind is Kind.HEDGE:
            out = [f for f in self._number_facts() if f.kind is Kind.HEDGE]
            for c in cues.hedges(text, s0, s1, self._taken, toks):
                out.append(fact(Kind.HEDGE, text[c.start : c.end], c.start, c.end, index, c.value))
            return out
        if kind is Kind.ATTRIBUTION:
            return [
                fact(Kind.ATTRIBUTION, text[c.start : c.end], c.start, c.end, index, c.value,
                     c.verb, None, c.speaker)
                for c in cues.attributions(text, s0, s1, self._found_names(), toks)
            ]  # fmt: skip
        return [
            fact(Kind.NEGATION, text[c.start : c.end], c.start, c.end, index, c.value)
            for c in cues.negations(text, s0, s1, toks)
        ]

    def _quotes(self) -> list[Fact]:
        text, s0, s1 = self.text, self.s0, self.s1
        out = []
        for qspan in self.ctx.quotes_in(s0, s1):
            a, b = max(qspan.inner_start, s0), min(qspan.inner_end, s1)
            if a >= b:
                continue
            while a < b and (text[a].isspace() or text[a] in _QUOTE_MARKS):
                a += 1  # a continued quote re-opens each sentence with a mark (DailyMail style)
            while b > a and (text[b - 1].isspace() or text[b - 1] in _QUOTE_MARKS):
                b -= 1
            inner = text[a:b]
            value = quotes.words(inner)
            if not value:
                continue
            partial = qspan.inner_start < s0 or qspan.inner_end > s1
            whole = text[qspan.inner_start : qspan.inner_end]
            who = quotes.speaker(text, s0, s1, qspan, self._found_names())
            out.append(
                fact(
                    Kind.QUOTE, inner, a, b, self.index, value,
                    "partial" if partial else None,
                    "term" if quotes.is_term(whole) else None,
                    who,
                )
            )  # fmt: skip
        return out

    # -- access -------------------------------------------------------------------------------
    def of_kind(self, kind: Kind) -> tuple[Fact, ...]:
        got = self._by_kind.get(kind)
        if got is None:
            got = self._by_kind[kind] = tuple(self._compute(kind))
        return got

    def all(self) -> list[Fact]:
        out = [f for k in _ORDER for f in self.of_kind(k)]
        out.sort(key=_BY_SPAN)
        return out


def extract(text: str, index: int, s0: int, s1: int, ctx: Context) -> list[Fact]:
    """Every fact of sentence ``text[s0:s1]``, in text order."""
    return Staged(text, index, s0, s1, ctx).all()
