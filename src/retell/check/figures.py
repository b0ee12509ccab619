"""Number and date comparisons of a rewrite sentence with its source window, and their findings.

Why a module of its own: figures follow their own logic — rounding ("1.2 million" for
"1.23 million"), coarser or shifted dates, qualifiers ("at least"), figures that traded places
in the window — apart from the word-level rules in ``rules.py``, which inherit these builders.
"""

from __future__ import annotations

from collections.abc import Sequence

from retell.check import extract as X
from retell.check.align import SourceIndex
from retell.check.model import Finding, Span
from retell.check.sources import SourceFacts
from retell.check.text import Token


class FigureRules:
    """The number and date comparisons, bound to one source (its index and facts)."""

    def __init__(self, index: SourceIndex, facts: SourceFacts) -> None:
        self.ix = index
        self.sf = facts

    # -- helpers ------------------------------------------------------------------------------
    def _sspan(self, i: int, start: int | None = None, end: int | None = None) -> Span:
        s = self.ix.sentences[i]
        a = s.start if start is None else start
        b = s.end if end is None else end
        return Span(self.ix.article.text[a:b], a, b, i)

    def _at(
        self, kind: str, severity: str, message: str, sp: Span, i: int, s: X.Number | X.Date
    ) -> Finding:
        """A finding on rewrite span ``sp`` against source fact ``s`` of sentence ``i`` (the
        shape every figure finding with a source side shares)."""
        return Finding(kind, severity, message, sp, self._sspan(i, s.start, s.end))

    def _number_swapped(
        self,
        num: X.Number,
        same: Sequence[tuple[int, X.Number]],
        wn: Sequence[tuple[int, X.Number]],
        toks: Sequence[Token],
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
        ctx = context(toks, num.start, num.end)  # the rewrite's words around the figure
        if not ctx:
            return None
        sents = self.ix.sentences
        if any(ctx & context(sents[i].toks, s.start, s.end) for i, s in same):
            return None
        for i, s in others:
            if len(ctx & context(sents[i].toks, s.start, s.end)) >= 2:
                return self._at(
                    "number_changed",
                    "error",
                    f"“{num.text}” is the source's figure for something else; here it says "
                    f"“{s.text}”",
                    sp,
                    i,
                    s,
                )
        return None

    def _date(self, d: X.Date, win: Sequence[int], near: Sequence[int], rspan) -> Finding | None:
        wd = [(i, s) for i in win for s in self.sf.dates[i]]
        nd: list[tuple[int, X.Date]] = []  # the sentences near: read only when the window fails

        sp = rspan(d.start, d.end)
        if d.relative and d.year is None:
            key = d.relative.split()[-1]  # "last year": only sentences saying "year"
            for i in sorted(set(near) | set(self.ix.sentences_with(key))):
                if any(s.relative == d.relative for s in self.sf.dates[i]):
                    return None
            if wd:
                i, s = wd[0]
                return self._at(
                    "date_changed",
                    "warning",
                    f"“{d.text}” — the source dates this “{s.text}”",
                    sp,
                    i,
                    s,
                )
            return Finding(
                "date_unsupported", "error", f"the source gives no date “{d.text}” here", sp
            )
        wabs = [x for x in wd if not x[1].relative]
        nabs: list[tuple[int, X.Date]] = []
        for pool, far in ((wabs, False), (nabs, True)):
            if far:
                nd.extend((i, s) for i in near for s in self.sf.dates[i])
                nabs.extend(x for x in nd if not x[1].relative)
            exact = [x for x in pool if _same_date(d, x[1])]
            if exact:
                return None
            comp = [x for x in pool if _compatible(d, x[1])]
            if comp:
                i, s = comp[0]
                return self._at(
                    "date_changed",
                    "warning",
                    f"“{d.text}” is less precise than, or shifts, the source's “{s.text}”",
                    sp,
                    i,
                    s,
                )
            if pool and not far:
                i, s = pool[0]
                return self._at(
                    "date_changed",
                    "error",
                    f"“{d.text}” does not match the source's “{s.text}”",
                    sp,
                    i,
                    s,
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
            return self._at(
                "date_unsupported",
                "warning",
                f"the source dates this only relatively (“{s.text}”); “{d.text}” cannot be confirmed",
                sp,
                i,
                s,
            )
        # the first date anywhere that could be this one (sentences read only up to it)
        first = next(
            (
                (i, s)
                for i in self.sf.date_sents
                for s in self.sf.dates[i]
                if _compatible(d, s) or _same_date(d, s)
            ),
            None,
        )
        if first is not None:
            i, s = first
            return self._at(
                "date_unsupported",
                "error",
                f"the source gives “{s.text}” only for something else, not for this",
                sp,
                i,
                s,
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
        toks: Sequence[Token] = (),
    ) -> Finding | None:
        sp = rspan(num.start, num.end)
        numbers = self.sf.numbers
        wn = [(i, s) for i in win for s in numbers[i]]
        # the window, then (only when the window does not hold the number) the sentences near
        # it, then every sentence: of the wider pools only the first same figure counts, so
        # their sentences are read (and their numbers extracted) only up to it; which sentences
        # may hold a number at all is looked up only when every sentence is searched
        for k in range(3):
            if k == 0:
                same = [x for x in wn if _same_num(num, x[1])]
            else:
                pool = near if k == 1 else self.sf.number_sents
                first = next(((i, s) for i in pool for s in numbers[i] if _same_num(num, s)), None)
                same = [first] if first is not None else []
            if same:
                i, s = same[0]
                if s.qualifier and not num.qualifier and k != 2:
                    return self._at(
                        "hedge_dropped",
                        "warning",
                        f"the source says “{s.qual_text} {s.text}”, not just “{num.text}”",
                        sp,
                        i,
                        s,
                    )
                if (
                    s.qualifier
                    and num.qualifier
                    and {s.qualifier, num.qualifier} == {"upper", "lower"}
                ):
                    return self._at(
                        "number_changed",
                        "warning",
                        f"“{num.text}” turns the source's bound around (“{s.text}”)",
                        sp,
                        i,
                        s,
                    )
                if k == 2:
                    return self._at(
                        "number_unsupported",
                        "error",
                        f"“{num.text}” comes from another part of the source",
                        sp,
                        i,
                        s,
                    )
                if k == 0:
                    return self._number_swapped(num, same, wn, toks, sp)
                return None
        if num.vague:
            return None
        if num.value in ("2", "3") and num.unit is not None:
            return None  # "two soldiers", "three times": too common to call invented
        same_unit = [x for x in wn if x[1].unit and num.unit and x[1].unit[:4] == num.unit[:4]]
        if same_unit:
            i, s = same_unit[0]
            return self._at(
                "number_changed", "error", f"“{num.text}” — the source says “{s.text}”", sp, i, s
            )
        return Finding(
            "number_unsupported", "error", f"“{num.text}” appears nowhere in the source", sp
        )


def context(toks: Sequence[Token], a: int, b: int, reach: int = 3) -> frozenset[str]:
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
