"""Facts: the typed, normalised claims of each sentence — numbers, dates, names, quotes, hedges,
attributions and negations — with exact offsets into the article text.

The check compares a rewrite to its source fact by fact, so everything here is about finding the
same fact written two ways: values are normalised (see :mod:`retell.facts.model`), aliases link
"Gorkov" to "Ilya Gorkov" and "CSIS" to its expansion. Rules and regular expressions only — no
language model (lemminflect's word list only tells ordinary words from names) — so an article
takes two or three milliseconds and results are cached per article.

Public API::

    of_sentence(article, sentence) -> tuple[Fact, ...]
    of_article(article) -> tuple[tuple[Fact, ...], ...]     # indexed by sentence index
    aliases(article) -> Aliases                              # .canonical(), .is_known(), .same()
    index(article) -> {Kind: {value: (Fact, …)}}             # look-up by normalised value
    of_text(text) -> tuple[Fact, ...]                        # a stand-alone span (one sentence)
    lazy(article)[i] -> tuple[Fact, ...]                     # one sentence, extracted on first use
    numbers.parse("1.2 million") -> 1200000.0                # + find, fmt, unit_key, bound
    dates.parse("late August 2024") -> DateValue("2024-08", "late", "month")
    dates.contains(outer, inner) -> bool                     # + equal, fields
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType

from retell.facts import aliases as _aliases
from retell.facts import cues, dates, numbers
from retell.facts._extract import Context, Staged
from retell.facts._extract import context as _context
from retell.facts._extract import extract as _extract
from retell.facts._words import Vocab
from retell.facts._words import wordset as _wordset
from retell.facts.aliases import Aliases
from retell.facts.model import Fact, Kind
from retell.ingest.article import Article, Sentence

__all__ = [
    "Aliases",
    "Fact",
    "Kind",
    "aliases",
    "dates",
    "index",
    "lazy",
    "numbers",
    "of_article",
    "of_sentence",
    "of_text",
]

_QUOTE_MARKS = frozenset("'\"‘’“”")
_PRONOUNS = _wordset("he she his her him")  # "they" is left as written: often a group
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")


def of_text(text: str, start: int = 0, end: int | None = None, index: int = 0) -> tuple[Fact, ...]:
    """Facts of one stand-alone span of text (a rewrite's sentence, a headline), offsets into
    ``text``. Without an article around it, quotes are read inside the span only."""
    end = len(text) if end is None else end
    ctx = Context(text, [(start, end)], Vocab(text[start:end]))
    return tuple(_extract(text, index, start, end, ctx))


class Lazy(Sequence[tuple[Fact, ...]]):
    """Facts of each sentence of one article, extracted when first asked for.

    Why: the check compares a short rewrite with the few source sentences it aligns to, so
    extracting all of a long article (``of_article``) would be wasted. Same extraction as
    ``of_article`` with the article's context (quotes across sentences, its vocabulary), but
    without the article-wide passes: a quote's speaker is only what its own sentence says.
    """

    def __init__(self, article: Article) -> None:
        self._article = article
        self._ctx: Context | None = None
        self._memo: dict[int, tuple[Fact, ...]] = {}
        self._staged: dict[int, Staged] = {}
        self._mentions: dict[tuple[int, Kind], bool] = {}

    def __len__(self) -> int:
        return len(self._article.sentences)

    def __getitem__(self, i: int) -> tuple[Fact, ...]:  # type: ignore[override]
        got = self._memo.get(i)
        if got is None:
            got = self._memo[i] = tuple(self._stage(i).all())
        return got

    def of_kind(self, i: int, kind: Kind) -> tuple[Fact, ...]:
        """Only the facts of one kind of sentence ``i`` (and only what that kind needs is run:
        the numbers of a sentence without digits or number words cost nothing)."""
        if i not in self._staged and not self.may_hold(i, kind):
            return ()  # a cheap look at the text rules the kind out: no tokens, no extraction
        return self._stage(i).of_kind(kind)

    def may_hold(self, i: int, kind: Kind) -> bool:
        """False only when sentence ``i`` cannot hold a fact of ``kind`` (see ``_may_hold``);
        remembered, since the check asks again for the sentences it pools."""
        key = (i, kind)
        got = self._mentions.get(key)
        if got is None:
            s = self._article.sentences[i]
            if kind is Kind.HEDGE:  # a number's own hedge, or a hedge word
                got = self.may_hold(i, Kind.NUMBER) or cues.mentions_hedge(s.text)
            elif kind is Kind.QUOTE:  # quotes come only from the article's quote spans
                got = bool(self._context().quotes_in(s.start, s.end))
            else:
                got = _may_hold(s.text, kind)
            self._mentions[key] = got
        return got

    def _context(self) -> Context:
        if self._ctx is None:
            self._ctx = _context(self._article)
        return self._ctx

    def _stage(self, i: int) -> Staged:
        st = self._staged.get(i)
        if st is None:
            s = self._article.sentences[i]
            st = Staged(self._article.text, s.index, s.start, s.end, self._context())
            self._staged[i] = st
        return st


def _may_hold(text: str, kind: Kind) -> bool:
    """False only when ``text`` cannot hold a fact of ``kind`` (no digit or number word for a
    number, no month, weekday or period word for a date, no hedge word for a hedge)."""
    if kind is Kind.NUMBER:
        return numbers.mentions(text)
    if kind is Kind.DATE:
        return dates.mentions(text)
    if kind is Kind.HEDGE:
        return numbers.mentions(text) or cues.mentions_hedge(text)
    return True


def lazy(article: Article) -> Lazy:
    """Per-sentence facts of ``article`` computed on first use (see :class:`Lazy`)."""
    return Lazy(article)


def of_sentence(article: Article, sentence: Sentence) -> tuple[Fact, ...]:
    """Facts of ``sentence`` with offsets into ``article.text`` (cached with the article)."""
    sents = article.sentences
    if 0 <= sentence.index < len(sents) and sents[sentence.index] == sentence:
        return of_article(article)[sentence.index]
    ctx = _context(article)
    return tuple(_extract(article.text, sentence.index, sentence.start, sentence.end, ctx))


def of_article(article: Article) -> tuple[tuple[Fact, ...], ...]:
    """Facts of every sentence of ``article``, indexed by sentence index (cached per article).

    Quote speakers given as pronouns ("he", "her outburst") are resolved to the last person
    named before them in the same paragraph when there is one.
    """
    if not _hashable(article):
        return _of_article(article)
    return _of_article_cached(article)


def _hashable(article: Article) -> bool:
    try:
        hash(article)
    except TypeError:  # a field that is not hashable: compute without the cache
        return False
    return True


@lru_cache(maxsize=64)
def _of_article_cached(article: Article) -> tuple[tuple[Fact, ...], ...]:
    return _of_article(article)


def _of_article(article: Article) -> tuple[tuple[Fact, ...], ...]:
    """Extract every sentence, then the article-wide passes: quote pieces share a speaker,
    pronouns resolve to people, bare quote sentences carry the speaker on."""
    ctx = _context(article)
    text = article.text
    per = [_extract(text, s.index, s.start, s.end, ctx) for s in article.sentences]
    _share_speakers(per, ctx)
    al: Aliases | None = None
    persons: dict[str, str | None] = {}
    for i, facts in enumerate(per):
        para = article.sentences[i].paragraph
        for k, f in enumerate(facts):
            pronoun = f.speaker if f.kind is Kind.QUOTE else f.value
            if f.kind not in (Kind.QUOTE, Kind.ATTRIBUTION) or pronoun not in _PRONOUNS:
                continue
            if al is None:  # only articles with a pronoun to resolve pay for this
                al = _build_aliases(per, text)
                persons = _genders(article, per, al)
            who = _resolve(
                per, article, i, para, f.start, al, persons, _PRONOUN_GENDER.get(pronoun)
            )
            if who is None and f.kind is Kind.QUOTE:
                who = _previous_speaker(per, article, i, para)
            if who and f.kind is Kind.QUOTE:
                facts[k] = replace(f, speaker=who)
            elif who:
                facts[k] = replace(f, value=who)  # speaker keeps the text as written ("he")
    _carry_speakers(article, per)
    return tuple(tuple(f) for f in per)


_GENDER = {"ms.": "f", "mrs.": "f", "queen": "f", "princess": "f", "lady": "f", "dame": "f",
           "spokeswoman": "f", "mr.": "m", "king": "m", "prince": "m", "sir": "m", "lord": "m",
           "spokesman": "m"}  # fmt: skip
_PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}


_GENDERED = re.compile(r"\b(?:(he|his|him|himself)|(she|her|hers|herself))\b", re.IGNORECASE)


def _genders(article: Article, per: list[list[Fact]], al: Aliases) -> dict[str, str | None]:
    """Every person (canonical name) with "m" / "f" when the article tells: a title ("Ms King")
    or a pronoun later in a sentence that names only that person before it ("Gorkov … his mother")."""
    persons: dict[str, str | None] = {}
    text = article.text
    for fs in per:
        names_here = [f for f in fs if f.kind is Kind.NAME and f.unit != "norp"]
        for f in names_here:
            full = al.canonical(f.value)
            if f.unit == "person" or full in persons:
                g = _GENDER.get(f.qualifier or "")
                if g or full not in persons:
                    persons[full] = g or persons.get(full)
        if not names_here:
            continue
        s = article.sentences[fs[0].sentence]
        for m in _GENDERED.finditer(text, s.start, s.end):
            before = {al.canonical(f.value) for f in names_here if f.end <= m.start()}
            people = [n for n in before if n in persons]
            if len(people) == 1 and persons.get(people[0]) is None:
                persons[people[0]] = "m" if m.group(1) else "f"
    return persons


def _previous_speaker(per: list[list[Fact]], article: Article, i: int, para: int) -> str | None:
    """The speaker of the last quote in the two sentences before ``i`` (same paragraph) when it is
    not itself a pronoun: "One commander … screamed: '…' Later, he spewed …, calling them '…'"."""
    for j in range(i - 1, max(-1, i - 3), -1):
        if article.sentences[j].paragraph != para:
            break
        for f in reversed(per[j]):
            if f.kind is Kind.QUOTE and f.speaker and f.speaker not in _PRONOUNS:
                return f.speaker
    return None


def _carry_speakers(article: Article, per: list[list[Fact]]) -> None:
    """A sentence that is nothing but a quote, with no speaker of its own, continues the speech
    of the quoted sentence before it ("'…,' he told the Times. 'I saw it all.'"), or failing that
    introduces the one after it."""
    sents = article.sentences

    def bare(i: int) -> int | None:
        s = sents[i]
        for k, f in enumerate(per[i]):
            if (
                f.kind is Kind.QUOTE
                and f.speaker is None
                and (f.end - f.start) >= 0.8 * (s.end - s.start - 2)
            ):
                return k
        return None

    def speaker_of(i: int) -> str | None:
        if not 0 <= i < len(sents):
            return None
        whos = [
            f.speaker for f in per[i] if f.kind is Kind.QUOTE and f.speaker and f.unit != "term"
        ]
        return whos[-1] if whos else None

    for direction in (-1, 1):
        for i in range(len(sents)):
            k = bare(i)
            j = i + direction
            if k is None or not 0 <= j < len(sents) or sents[j].paragraph != sents[i].paragraph:
                continue
            who = speaker_of(j)
            if who:
                per[i][k] = replace(per[i][k], speaker=who)


def _share_speakers(per: list[list[Fact]], ctx: Context) -> None:
    """A quote running over several sentences gets the speaker found in any of its pieces."""
    pieces: dict[int, list[tuple[int, int]]] = {}
    for i, fs in enumerate(per):
        for k, f in enumerate(fs):
            if f.kind is Kind.QUOTE and f.qualifier == "partial":
                for n, q in enumerate(ctx.quotes):
                    if q.inner_start <= f.start and f.end <= q.inner_end:
                        pieces.setdefault(n, []).append((i, k))
                        break
    for members in pieces.values():
        whos = [per[i][k].speaker for i, k in members if per[i][k].speaker]
        if not whos:
            continue
        who = next((w for w in whos if w not in _PRONOUNS), whos[0])
        for i, k in members:
            f = per[i][k]
            if f.speaker != who:
                per[i][k] = Fact(
                    f.kind, f.text, f.start, f.end, f.sentence, f.value, f.qualifier, f.unit, who
                )


def _resolve(
    per: list[list[Fact]],
    article: Article,
    i: int,
    para: int,
    before: int,
    al: Aliases,
    persons: dict[str, str | None],
    gender: str | None,
) -> str | None:
    """The last person named before offset ``before`` in sentence ``i`` or the three before it
    (same paragraph), skipping people whose title says the other gender ("Ms King" is no "he")."""
    for j in range(i, max(-1, i - 4), -1):
        if article.sentences[j].paragraph != para:
            break
        cands = [f for f in per[j] if f.kind is Kind.NAME and (j < i or f.end <= before)]
        for f in reversed(cands):
            full = al.canonical(f.value)
            if f.unit == "person" or full in persons:
                g = persons.get(full) or persons.get(f.value)
                if gender and g and g != gender:
                    continue
                return full
    return None


def _build_aliases(per: list[list[Fact]], text: str) -> Aliases:
    found: list[tuple[str, str | None]] = []
    acronyms: list[tuple[str, str]] = []
    for facts in per:
        nm = [f for f in facts if f.kind is Kind.NAME]
        for k, f in enumerate(nm):
            found.append((f.value, f.unit))
            m = _ACRONYM_AFTER.match(text, f.end)
            if m and k + 1 < len(nm) and nm[k + 1].start == m.start(1) and " " in f.value:
                acronyms.append((nm[k + 1].value, f.value))
    return _aliases.build(found, acronyms)


def index(article: Article) -> Mapping[Kind, Mapping[str, tuple[Fact, ...]]]:
    """The article's facts by kind and value, for look-ups such as "does the source state
    1200000 anywhere?" (``index(a)[Kind.NUMBER].get("1200000")``). Cached with the article."""
    return _index_cached(article) if _hashable(article) else _index_of(article)


@lru_cache(maxsize=64)
def _index_cached(article: Article) -> Mapping[Kind, Mapping[str, tuple[Fact, ...]]]:
    return _index_of(article)


def _index_of(article: Article) -> Mapping[Kind, Mapping[str, tuple[Fact, ...]]]:
    by: dict[Kind, dict[str, list[Fact]]] = {k: {} for k in Kind}
    for fs in of_article(article):
        for f in fs:
            by[f.kind].setdefault(f.value, []).append(f)
    return MappingProxyType(
        {k: MappingProxyType({v: tuple(fs) for v, fs in d.items()}) for k, d in by.items()}
    )


def aliases(article: Article) -> Aliases:
    """Every name of ``article`` with its short forms: surnames, acronyms and expansions."""
    return _aliases_cached(article) if _hashable(article) else _aliases_of(article)


@lru_cache(maxsize=64)
def _aliases_cached(article: Article) -> Aliases:
    return _aliases_of(article)


def _aliases_of(article: Article) -> Aliases:
    per = [list(fs) for fs in of_article(article)]
    return _build_aliases(per, article.text)
