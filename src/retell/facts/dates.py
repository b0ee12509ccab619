"""Dates and times: find them, normalise them to comparable values, and test containment.

The rewrite in the seeds moves "late August 2024" to "late 2024" and "January 2025" to "January";
the check must see the first as a change and the second as a loss of precision. So a date becomes
an ISO-like value plus a precision and an optional period qualifier, and :func:`contains` compares
the calendar intervals they denote.

Value formats (``Fact.value``):
  "2024-08-25" day · "2024-08" month · "2024" year · "1990s" decade · "--01" month without year ·
  "--01-05" day without year · "15:30" time of day · relative dates keep their lower-cased text
  ("last year", "friday", "yesterday").
``Fact.qualifier`` holds "early" / "mid" / "late" / "spring" … ; ``Fact.unit`` the precision:
"day", "month", "year", "decade", "time" or "relative".
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from retell.facts._words import Caseless, Toks, any_word
from retell.facts._words import wordset as _wordset

__all__ = ["DateValue", "Found", "contains", "equal", "fields", "find", "parse"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = _wordset("monday tuesday wednesday thursday friday saturday sunday")
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}

_QUALS = {
    "early": "early", "mid": "mid", "late": "late", "the end of": "late", "end of": "late",
    "the beginning of": "early", "beginning of": "early", "the start of": "early",
    "start of": "early", "the middle of": "mid", "middle of": "mid", "the turn of": "early",
    "spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
    "winter": "winter",
}  # fmt: skip
_MONTH = (
    r"(?P<{n}>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
_Q = r"(?:(?P<{n}>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|turn)\s+of|spring|summer|autumn|fall|winter)(?:\s+of)?[\s-]+)?"
_YEAR = r"(?P<{n}>1[6-9]\d\d|20\d\d)(?!\d|,\d|\s*%)"
_DAY = r"(?P<{n}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

_DATE_RE = re.compile(
    "|".join(
        [
            # ISO 2024-08-25
            r"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-2]\d|3[01])\b)",
            # [qual] Month day, year | Month day | Month year | Month
            rf"(?P<mdy>(?<![\w-]){_Q.format(n='q1')}{_MONTH.format(n='m1')}(?:\s+{_DAY.format(n='d1')}\b(?!\s*(?:%|,\d)))?(?:\s?,?\s+(?:of\s+)?{_YEAR.format(n='y1')})?)",
            # [qual] day Month [year]
            rf"(?P<dmy>\b{_Q.format(n='q2')}{_DAY.format(n='d2')}\s+(?:of\s+)?{_MONTH.format(n='m2')}(?:\s?,?\s+{_YEAR.format(n='y2')})?)",
            # decades: the 1990s, the '90s
            r"(?P<dec>(?<![\w-])(?:(?P<dq>early|mid|late)[\s-]+)?(?:(?P<decade>1[6-9]\d0|20\d0)|['’](?P<dec2>\d0))s\b)",
            # a season or financial year: 2014-15, 2014/15
            r"(?P<yrange>(?<![\w$£€.,-])(?P<ya>1[6-9]\d\d|20\d\d)[-/–](?P<yb>\d\d)(?![\d\w-]))",
            # [qual] year
            rf"(?P<yr>(?<![\w$£€.,-]){_Q.format(n='q3')}{_YEAR.format(n='y3')}(?!-\d|\.\d|\w))",
            # times of day
            r"(?P<time>\b(?P<hh>[01]?\d|2[0-3])(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|\b(?P<hh2>[01]?\d|2[0-3]):(?P<mm2>[0-5]\d)\b|\b(?:noon|midnight)\b)",
            # relative dates
            r"(?P<rel>\b(?:(?:last|next|this|on|past|previous|coming)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b"
            r"|\b(?:yesterday|today|tonight|tomorrow)\b"
            r"|\b(?:last|next|this|past|previous|coming|earlier\s+this|later\s+this)\s+(?:year|month|week|weekend|decade|century|spring|summer|autumn|fall|winter|night|morning|evening)\b"
            r"|\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few|a\s+few)\s+(?:years?|months?|weeks?|days?|decades?|hours?)\s+(?:ago|earlier)\b"
            r"|\bwithin\s+(?:(?:a|an|one|two|three|a\s+few|several)\s+)?(?:hours?|days?|weeks?|months?|years?)\b)",
        ]
    ),
    re.IGNORECASE,
)
# Month names are capitalised in English; the regex is case-insensitive for everything else.
_MONTH_CASE = re.compile(r"[A-Z]")
_SPACES = re.compile(r"\s+")
_TIME_VALUE = re.compile(r"\d\d:\d\d")
_MAY_CONTEXT = re.compile(
    r"(?:\b(?:in|on|since|until|till|by|early|late|mid|last|next|this|of|from|through|during|before|after|between|and|to|each|every)\s+|-)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateValue:
    """A normalised date: ``value`` (see module doc), ``qualifier``, ``precision``."""

    value: str
    qualifier: str | None
    precision: str

    @property
    def relative(self) -> bool:
        return self.precision == "relative"


@dataclass(frozen=True)
class Found:
    """A date found in a text: span (offsets into the text searched) and its reading."""

    start: int
    end: int
    date: DateValue


def _qual(text: str | None) -> str | None:
    if not text:
        return None
    return _QUALS.get(_SPACES.sub(" ", text.lower()).replace(" of of", " of"))


def _month_ok(text: str, m: re.Match[str], group: str, lower: bool = False) -> bool:
    """Reject lower-case month words (unless the whole sentence is lower case, as benchmark
    summaries are) and the modal "May" / the verb "March" without date context."""
    word = m.group(group)
    cap = _MONTH_CASE.match(word) is not None
    if not cap and not lower:
        return False
    if word.lower() in ("may", "march"):
        has_num = any(m.group(g) for g in ("d1", "y1", "d2", "y2"))
        if not cap and not has_num:
            return False
        before = text[max(0, m.start(group) - 12) : m.start(group)]
        if not has_num and not _MAY_CONTEXT.search(before) and not m.group("q1"):
            return False
    return True


def _read(text: str, m: re.Match[str], lower: bool = False) -> DateValue | None:
    if m.group("iso"):
        return DateValue(f"{m.group('iy')}-{m.group('im')}-{m.group('id')}", None, "day")
    if m.group("mdy") or m.group("dmy"):
        mg, dg, yg = ("m1", "d1", "y1") if m.group("mdy") else ("m2", "d2", "y2")
        if not _month_ok(text, m, mg, lower):
            return None
        month = MONTHS[m.group(mg).lower().rstrip(".")]
        day = m.group(dg)
        year = m.group(yg)
        q = _qual(m.group("q1") or m.group("q2"))
        if day:
            d = int(day)
            if year and d > calendar.monthrange(int(year), month)[1]:
                return None
            return DateValue(f"{year or '-'}-{month:02d}-{d:02d}", q, "day")
        return DateValue(f"{year}-{month:02d}" if year else f"--{month:02d}", q, "month")
    if m.group("dec"):
        d2 = m.group("dec2")
        decade = m.group("decade") or (("20" if d2 in ("00", "10") else "19") + d2 if d2 else "")
        return DateValue(f"{decade}s", _qual(m.group("dq")), "decade")
    if m.group("yr"):
        return DateValue(m.group("y3"), _qual(m.group("q3")), "year")
    if m.group("time"):
        t = m.group("time").lower()
        if t in ("noon", "midnight"):
            return DateValue("12:00" if t == "noon" else "00:00", None, "time")
        hh = int(m.group("hh") or m.group("hh2"))
        mm = int(m.group("mm") or m.group("mm2") or 0)
        ap = (m.group("ap") or "").lower().replace(".", "")
        if ap == "pm" and hh < 12:
            hh += 12
        elif ap == "am" and hh == 12:
            hh = 0
        return DateValue(f"{hh:02d}:{mm:02d}", None, "time")
    if m.group("rel"):
        t = _SPACES.sub(" ", m.group("rel").lower())
        t = t[3:] if t.startswith("on ") else t
        return DateValue(t, None, "relative")
    return None


_CORE = frozenset(
    [*MONTHS, *WEEKDAYS, "yesterday", "today", "tonight", "tomorrow", "noon", "midnight"]
    + [
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "weekend",
        "decade",
        "decades",
        "century",
        "day",
        "days",
        "hours",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "night",
        "morning",
        "evening",
    ]
)
_QUAL_HEADS = frozenset(["mid", "early", "late"])
_TRIGGER_WORDS = _CORE | _QUAL_HEADS
# Words a date can start with before its trigger: "late August", "the end of 2024", "two years
# ago", "last year", "on Friday".
_PREFIX = _wordset(
    """early mid late the end beginning start middle turn of last next this past previous coming
    earlier later on a an few several one two three four five six seven eight nine ten twelve within
    spring summer autumn fall winter ' ’"""
)


def _possessive_trigger(lows: list[str]) -> bool:
    return any(w[:-2] in _CORE for w in lows if w.endswith(("’s", "'s")))


def find(
    text: str, start: int = 0, end: int | None = None, toks: Toks | None = None
) -> list[Found]:
    """All dates and times in ``text[start:end]``, offsets into ``text``.

    The expression is tried only around trigger tokens (a digit, a month or weekday, a period word
    such as "year"), starting up to three tokens earlier so "late August 2024", "the end of 2024",
    "two years ago" and "last year" are read whole.
    """
    end = len(text) if end is None else end
    if toks is None:
        toks = Toks(text, start, end)
    if (
        not toks.digits
        and _CORE.isdisjoint(toks.lows)
        and "mid-" not in toks.ltext
        and not (("’s" in toks.ltext or "'s" in toks.ltext) and _possessive_trigger(toks.lows))
    ):
        return []
    spans, lows = toks.spans, toks.lows
    lower = toks.ltext == text[start:end]  # a sentence written all in lower case
    out: list[Found] = []
    last = start
    # the tokens that can pass the trigger test below, picked in one comprehension; without a
    # digit or a possessive (the text is ASCII, so no other kind of digit) two tests are enough
    ltext = toks.ltext
    if toks.digits or "'s" in ltext or not ltext.isascii():
        ks = [
            k
            for k, low in enumerate(lows)
            if low in _TRIGGER_WORDS or "-" in low or low[0].isdigit() or low.endswith(("’s", "'s"))
        ]
    else:
        ks = [k for k, low in enumerate(lows) if low in _TRIGGER_WORDS or "-" in low]
    for k in ks:
        low = lows[k]
        c = low[0]
        if low.endswith(("’s", "'s")):
            low = low[:-2]  # "Yesterday’s top temperature"
        if (
            not c.isdigit()
            and low not in _CORE
            and (c not in "mel" or low.split("-", 1)[0] not in _QUAL_HEADS)
        ):
            continue
        a, b = spans[k]
        if a < last:
            continue
        b = a + len(low)  # the trigger without a possessive
        for j in range(max(0, k - 3), k + 1):
            p = spans[j][0]
            if p < last or (j < k and lows[j] not in _PREFIX and not lows[j][0].isdigit()):
                continue
            m = _DATE_RE.match(text, p, end)
            if not m or m.end() < b:
                continue
            if m.group("yrange"):  # two years, each with its own span
                ya, yb = m.group("ya"), m.group("yb")
                second = ya[:2] + yb
                if 0 < int(second) - int(ya) <= 10:  # 2014-15, 2010-12
                    out.append(Found(m.start("ya"), m.end("ya"), DateValue(ya, None, "year")))
                    out.append(Found(m.start("yb"), m.end("yb"), DateValue(second, None, "year")))
                    last = m.end()
                    break
                continue
            dv = _read(text, m, lower)
            if dv is None:
                continue
            if dv.precision == "year" and _looks_like_count(text, m.end()):
                continue
            out.append(Found(m.start(), m.end(), dv))
            last = m.end()
            break
    return out


_COUNT_AFTER = re.compile(r"\s+(?:[A-Z]\w+\s+)?([a-z]+s)\b")


def _looks_like_count(text: str, end: int) -> bool:
    """ "2000 soldiers" is a number, "in 2000 soldiers" rarely a date: a plural noun follows."""
    m = _COUNT_AFTER.match(text, end)
    return m is not None and m.group(1) not in ("was", "has", "is", "as", "this", "its", "his")


_VALUE_RE = re.compile(
    r"^(?:(?P<y>\d{4}|-)(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?|--(?P<m2>\d\d)(?:-(?P<d2>\d\d))?|(?P<dec>\d{3}0)s)$"
)


def parse(text: str, qualifier: str | None = None) -> DateValue | None:
    """Read a date from a value ("2024-08", "--01", "1990s") or from prose ("late August 2024",
    "last year"). Returns None when the text holds no date."""
    t = text.strip()
    vm = _VALUE_RE.match(t)
    if vm:
        if vm.group("dec"):
            return DateValue(t, qualifier, "decade")
        d = vm.group("d") or vm.group("d2")
        mo = vm.group("m") or vm.group("m2")
        return DateValue(t, qualifier, "day" if d else "month" if mo else "year")
    if _TIME_VALUE.fullmatch(t):
        return DateValue(t, None, "time")
    found = find(t)
    if found:
        dv = found[0].date
        return dv if qualifier is None else DateValue(dv.value, qualifier, dv.precision)
    low = _SPACES.sub(" ", t.lower())
    if low in WEEKDAYS or low in ("yesterday", "today", "tomorrow", "tonight"):
        return DateValue(low, None, "relative")
    return None


def fields(x: Any) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of an absolute date (prose, value, DateValue or Fact), None where the
    date does not say; all None for relative dates, times and text without a date."""
    dv = _coerce(x)
    if dv is None or dv.precision in ("relative", "time"):
        return (None, None, None)
    if dv.precision == "decade":
        return (None, None, None)
    m = _VALUE_RE.match(dv.value)
    if not m:
        return (None, None, None)
    y = m.group("y")
    mo = m.group("m") or m.group("m2")
    d = m.group("d") or m.group("d2")
    return (int(y) if y and y != "-" else None, int(mo) if mo else None, int(d) if d else None)


def _coerce(x: Any) -> DateValue | None:
    if isinstance(x, DateValue):
        return x
    if isinstance(x, str):
        return parse(x)
    value = getattr(x, "value", None)
    if isinstance(value, str):
        return parse(value, getattr(x, "qualifier", None))
    return None


def _interval(dv: DateValue) -> tuple[int | None, int, int] | None:
    """(year or None, first day, last day+1) as ordinals within a reference year; None if unknown.

    Without a year the days count from 1 January of a leap year, so "--02-29" exists.
    """
    v = dv.value
    if dv.precision == "decade":
        y0 = int(v[:4])
        lo, hi = _dt.date(y0, 1, 1).toordinal(), _dt.date(y0 + 10, 1, 1).toordinal()
        return (None, *_narrow(lo, hi, dv.qualifier))
    m = _VALUE_RE.match(v)
    if not m or m.group("dec"):
        return None
    ys = m.group("y")
    year = int(ys) if ys and ys != "-" else None
    ref = year if year is not None else 2000
    mo = m.group("m") or m.group("m2")
    d = m.group("d") or m.group("d2")
    if mo is None:
        lo, hi = _dt.date(ref, 1, 1).toordinal(), _dt.date(ref + 1, 1, 1).toordinal()
    elif d is None:
        mi = int(mo)
        lo = _dt.date(ref, mi, 1).toordinal()
        hi = lo + calendar.monthrange(ref, mi)[1]
    else:
        lo = _dt.date(ref, int(mo), int(d)).toordinal()
        hi = lo + 1
    if mo is None and dv.qualifier in _SEASONS:
        a, b = _SEASONS[dv.qualifier]
        lo = _dt.date(ref, a, 1).toordinal()
        hi = _dt.date(ref + b // 12, b % 12 + 1, 1).toordinal()
        return (year, lo, hi)
    return (year, *_narrow(lo, hi, dv.qualifier))


def _narrow(lo: int, hi: int, qual: str | None) -> tuple[int, int]:
    """Early / mid / late as the first, middle and last third of the period."""
    if qual not in ("early", "mid", "late"):
        return lo, hi
    third = (hi - lo) / 3
    if qual == "early":
        return lo, lo + round(third)
    if qual == "mid":
        return lo + round(third), lo + round(2 * third)
    return lo + round(2 * third), hi


def contains(outer: Any, inner: Any) -> bool:
    """True when every day ``inner`` can mean is a day ``outer`` can mean.

    Arguments are prose ("late August 2024"), values ("2024-08"), :class:`DateValue` or a Fact.
    "2024" contains "late August 2024"; "late 2024" does not contain "late August 2024" (late 2024
    is September–December); "--01" (January, year unknown) contains "2025-01" but not the reverse.
    Relative dates ("last year", "friday") contain only the same relative date. A rewrite's date
    is supported by a source date when ``contains(rewrite_date, source_date)``.
    """
    o, i = _coerce(outer), _coerce(inner)
    if o is None or i is None:
        return False
    if o.relative or i.relative or o.precision == "time" or i.precision == "time":
        return o.value == i.value and o.qualifier == i.qualifier
    oi, ii = _interval(o), _interval(i)
    if oi is None or ii is None:
        return False
    oy, olo, ohi = oi
    iy, ilo, ihi = ii
    if o.precision == "decade" or i.precision == "decade":
        if i.precision == "decade" and o.precision != "decade":
            return False
        # decades carry their own years in the ordinals
        if o.precision == "decade" and i.precision != "decade":
            if iy is None:
                return False
            return olo <= ilo and ihi <= ohi
        return olo <= ilo and ihi <= ohi
    if oy is not None and iy is None:
        return False
    if oy is None and iy is not None:
        # Compare on the calendar only: read the inner date again without its year.
        if i.precision == "year":
            return False
        yearless = _interval(DateValue("-" + i.value[4:], i.qualifier, i.precision))
        if yearless is None:
            return False
        ilo, ihi = yearless[1], yearless[2]
    return olo <= ilo and ihi <= ohi


def equal(a: Any, b: Any) -> bool:
    """Same date at the same precision (each contains the other)."""
    return contains(a, b) and contains(b, a)


_MENTION_DIGIT = re.compile(r"\d")
_MENTION_WORD = Caseless(any_word(_CORE) + "|mid-")  # one lower-casing, one scan for both


def mentions(text: str) -> bool:
    """Whether ``text`` may hold a date (a digit, a month, a weekday, a period word): a cheap
    test that lets a caller skip :func:`find` on most sentences of a long article."""
    return _MENTION_DIGIT.search(text) is not None or _MENTION_WORD.found(text)
