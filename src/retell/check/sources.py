"""The source's facts, extracted per sentence on first use and kept for every rewrite sentence.

Why a module of its own: the rules (``rules.py``) and the figure comparisons (``figures.py``)
both read these tables; extraction is lazy because most rewrites touch only a few sentences of a
long article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TypeVar

from retell import facts as _facts
from retell.check import extract as X
from retell.check.align import SourceIndex
from retell.facts.model import Kind

T = TypeVar("T")


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
        # the functions below close over locals, never over ``self``: a cycle through ``self``
        # would leave the whole source (index, tokens, facts) to the cyclic garbage collector,
        # whose passes over that much cost more than the audit's own work
        facts = self.facts = _facts.lazy(index.article)  # offsets into the article: no shift
        self.dates: _PerSentence[tuple[X.Date, ...]] = _PerSentence(
            n, lambda i: tuple(X.dates(facts.of_kind(i, Kind.DATE)))
        )
        self.numbers: _PerSentence[tuple[X.Number, ...]] = _PerSentence(
            n, lambda i: tuple(X.numbers(facts.of_kind(i, Kind.NUMBER)))
        )
        names: _PerSentence[tuple[X.Name, ...]] = _PerSentence(
            n, lambda i: tuple(X.names(facts.of_kind(i, Kind.NAME)))
        )
        self.names = names
        self.hedges: _PerSentence[tuple[X.Hedge, ...]] = _PerSentence(
            n, lambda i: tuple(X.hedges(facts.of_kind(i, Kind.HEDGE)))
        )
        self.acronyms: _PerSentence[frozenset[str]] = _PerSentence(n, lambda i: _acronyms(names[i]))
        # quote-normalised words, dots removed (U.K. -> uk), padded with spaces
        self.lower_text: _PerSentence[str] = _PerSentence(
            n, lambda i: " " + " ".join(X.quote_words(sents[i].text.replace(".", ""))) + " "
        )
        self.name_words: _PerSentence[frozenset[str]] = _PerSentence(
            n, lambda i: frozenset(w for name in names[i] for w in name.words)
        )

    @cached_property
    def number_sents(self) -> tuple[int, ...]:
        """The sentences that may hold a number (most of a long article holds none)."""
        return tuple(
            s.index for s in self.index.sentences if self.facts.may_hold(s.index, Kind.NUMBER)
        )

    @cached_property
    def date_sents(self) -> tuple[int, ...]:
        return tuple(
            s.index for s in self.index.sentences if self.facts.may_hold(s.index, Kind.DATE)
        )

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


def _acronyms(names: Sequence[X.Name]) -> frozenset[str]:
    a: set[str] = set()
    for name in names:
        if len(name.words) > 1:
            a.add(X.acronym(name.words))
            a.add(X.acronym(name.words[1:]))
        a.add(name.words[-1].replace(".", ""))
    return frozenset(a)


def source_facts(index: SourceIndex) -> SourceFacts:
    return SourceFacts(index)
