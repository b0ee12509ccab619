"""The check's view of :mod:`retell.facts`: the same facts, in the shapes the rules compare.

No extraction happens here — every number, date, name, quote, hedge and attribution comes from
``retell.facts`` (one fact extractor for the whole pipeline). This module only picks the facts
of a sentence by kind and re-reads their values as comparable fields: a number's hedge as the
side it bounds (``numbers.bound``), a date as (year, month, day) (``dates.fields``), a name or
quote as its words.

Facts are given as a tuple of :class:`~retell.facts.model.Fact` plus the offset to add (a
rewrite sentence is read on its own, offsets into the sentence; source facts already carry
offsets into the article, offset 0). Each shape is an immutable named tuple, as the check's
tokens are: every rewrite sentence and every source sentence read makes a handful.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from retell.facts import dates as _dates
from retell.facts import numbers as _numbers
from retell.facts import of_text
from retell.facts import quotes as _quotes
from retell.facts.model import Fact, Kind

Facts = Sequence[Fact]


@lru_cache(maxsize=8192)
def facts_of(text: str) -> tuple[Fact, ...]:
    """Facts of one stand-alone sentence, offsets into ``text`` (cached: the report's self-check
    and the LLM gate see the same sentences many times)."""
    return of_text(text)


class Number(NamedTuple):
    text: str
    start: int
    end: int
    value: str  # canonical decimal string ("1200000"; "10" with unit "%") or a vague word
    qualifier: str | None  # the side it bounds: approx | upper | lower
    qual_text: str | None  # the hedge's canonical phrase: "about", "up to", …
    unit: str | None

    @property
    def vague(self) -> bool:
        """ "thousands", "dozens": an order of magnitude, not a figure."""
        return not self.value[:1].isdigit()


def numbers(fs: Facts, offset: int = 0, skip: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """The numbers among ``fs`` outside ``skip`` (offsets after shifting)."""
    out = []
    for f in fs:
        if f.kind is not Kind.NUMBER:
            continue
        a, b = f.start + offset, f.end + offset
        if any(x < b and a < y for x, y in skip):
            continue
        out.append(Number(f.text, a, b, f.value, _numbers.bound(f.qualifier), f.qualifier, f.unit))
    return out


class Date(NamedTuple):
    text: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    qualifier: str | None  # early | mid | late | a season
    relative: str | None  # "last year", "friday", "yesterday"; "decade" for the 1990s

    def fields(self) -> tuple[int | None, int | None, int | None]:
        return (self.year, self.month, self.day)


def dates(fs: Facts, offset: int = 0) -> list[Date]:
    """The calendar dates among ``fs`` (times of day are left out: they rarely carry the fact)."""
    out = []
    for f in fs:
        if f.kind is not Kind.DATE or f.unit == "time":
            continue
        if f.unit == "decade":
            y, m, d, rel = int(f.value[:4]), None, None, "decade"
        elif f.unit == "relative":
            y, m, d, rel = None, None, None, f.value
        else:
            (y, m, d), rel = _dates.fields(f.value), None
        out.append(Date(f.text, f.start + offset, f.end + offset, y, m, d, f.qualifier, rel))
    return out


class Name(NamedTuple):
    text: str
    start: int
    end: int
    words: tuple[str, ...]  # the normalised name's words: lower case, "the" and possessive gone


def names(fs: Facts, offset: int = 0) -> list[Name]:
    return [
        Name(f.text, f.start + offset, f.end + offset, tuple(f.value.split()))
        for f in fs
        if f.kind is Kind.NAME
    ]


def acronym(words: tuple[str, ...]) -> str:
    """Initials of a multi-word name, skipping function words ("CSIS", "UN")."""
    return "".join(w[0] for w in words if w not in ("of", "for", "and", "the", "de", "in", "on"))


class Quote(NamedTuple):
    text: str  # the words inside the marks
    start: int
    end: int
    words: tuple[str, ...]


def quote_words(text: str) -> tuple[str, ...]:
    """Words as quotes are compared: lower case, straight apostrophes, no punctuation."""
    return tuple(_quotes.words(text.replace("*", "")).split())


def quotes(fs: Facts, offset: int = 0) -> list[Quote]:
    return [
        Quote(f.text, f.start + offset, f.end + offset, tuple(f.value.split()))
        for f in fs
        if f.kind is Kind.QUOTE
    ]


class Hedge(NamedTuple):
    text: str
    start: int
    end: int
    value: str  # canonical: "reportedly", "allegedly", "may", "according to", …


def hedges(fs: Facts, offset: int = 0) -> list[Hedge]:
    """Hedges of the claim itself (a number's own hedge is compared with the number)."""
    return [
        Hedge(f.text, f.start + offset, f.end + offset, f.value)
        for f in fs
        if f.kind is Kind.HEDGE and f.unit != "number"
    ]


class Attribution(NamedTuple):
    text: str  # the source as written: "activist Vitaly Borodin", "the New York Times"
    start: int  # the whole attribution phrase ("according to …", "X said")
    end: int
    agents: tuple[Name, ...]  # the names inside it


def attributions(fs: Facts, offset: int = 0) -> list[Attribution]:
    """Attributions that name who said it (a pronoun or "officials" names no one to check)."""
    nm = names(fs, offset)
    out = []
    for f in fs:
        if f.kind is not Kind.ATTRIBUTION:
            continue
        a, b = f.start + offset, f.end + offset
        agents = tuple(n for n in nm if a <= n.start and n.end <= b)
        if agents:
            out.append(Attribution(f.speaker or f.text, a, b, agents))
    return out
