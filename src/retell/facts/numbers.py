"""Numbers and quantities: find them in prose and normalise them so two texts can be compared.

"1.2 million", "1,200,000" and "1200000" must compare equal, "nearly 10%" must keep its hedge,
"four days" must be 4 days. Everything here is regular expressions plus a small word table; values
are computed with :class:`~decimal.Decimal` so "1.3 billion" is exactly 1300000000.

Value format (``Fact.value``): a canonical decimal string — integers without separators
("1200000"), other numbers with at most four decimals ("0.3333"). Percentages keep the number as
written ("10", unit "%"). Vague plurals keep their word ("thousands"); :func:`parse` turns them
into the smallest amount they imply (``parse("thousands") == 2000``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from retell.facts._words import Caseless, Toks, any_word
from retell.facts._words import wordset as _wordset

__all__ = [
    "BOUNDS",
    "QUALIFIERS",
    "Quantity",
    "bound",
    "find",
    "fmt",
    "parse",
    "qualifier_of",
    "unit_key",
]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SHORT_SCALES = {"k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12}
_VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2 * 10**6,
    "billions": 2 * 10**9, "tens of thousands": 20000, "hundreds of thousands": 200000,
    "tens of millions": 2 * 10**7, "hundreds of millions": 2 * 10**8,
}  # fmt: skip
_FRACTIONS = {
    "half": Decimal(1) / 2, "halves": Decimal(1) / 2, "third": Decimal(1) / 3,
    "thirds": Decimal(1) / 3, "quarter": Decimal(1) / 4, "quarters": Decimal(1) / 4,
    "fifth": Decimal(1) / 5, "fifths": Decimal(1) / 5, "tenth": Decimal(1) / 10,
    "tenths": Decimal(1) / 10,
}  # fmt: skip

# Hedges that bound a number, canonical phrase last. Longest first so "just over" beats "over".
QUALIFIERS: dict[str, str] = {
    "more than": "more than", "over": "more than", "above": "more than",
    "upwards of": "more than", "in excess of": "more than", "just over": "more than",
    "well over": "more than", "exceeding": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "up to",
    "no more than": "up to",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "circa": "about", "approx.": "about", "an estimated": "estimated",
    "estimated": "estimated", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "just under": "nearly", "fewer than": "fewer than", "less than": "fewer than",
    "under": "fewer than", "below": "fewer than",
}  # fmt: skip
_QUAL_RE = re.compile(
    r"(?:^|(?<=[\s(—–-]))("
    + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)
_POST_QUAL_RE = re.compile(r"\s+(or more|or so|and counting|or fewer|or less)\b", re.IGNORECASE)
_POST_QUAL = {"or more": "at least", "or so": "about", "and counting": "at least",
              "or fewer": "up to", "or less": "up to"}  # fmt: skip

_W = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_NUMWORDS = rf"(?:{_W})(?:(?:\s+|-|(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+)(?:{_W}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE_AFTER = (
    r"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion)\b|(?P<short>k|m|mn|bn|b|tn)\b)"
)
_PCT = r"(?P<pct>\s*%|\s+per\s?cent\b|\s+percent\b|\s+percentage\s+points?\b)"

_NUMBER_RE = re.compile(
    rf"""
    (?P<vague>\b(?:tens|hundreds)\s+of\s+(?:thousands|millions)\b|\b(?:dozens|scores|hundreds|thousands|millions|billions)\b)
    |(?P<halfa>\bhalf\s+an?\s+(?P<hscale>dozen|hundred|thousand|million|billion)\b)
    |(?P<frac>\b(?:a|one|two|three|four|nine)[\s-](?:half|halves|thirds?|quarters?|fifths?|tenths?)\b
        |\b(?:half)\b(?=\s+(?:of|a|an|the|their|its|his|her|all)\b))
    |(?P<onein>\b(?:one|1)\s+in\s+(?P<den>\d+|{_NUMWORDS})\b)
    |(?:(?P<cur>(?:US|A|C|HK)?\$|£|€|¥)\s?)?
     (?:(?P<digits>(?<![\w.,])(?:{_DIGITS}))|(?P<words>\b(?:a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?{_NUMWORDS}\b))
     (?P<andhalf>\s+and\s+a\s+half\b)?
     {_SCALE_AFTER}?
     {_PCT}?
     (?P<ord>(?:st|nd|rd|th)\b)?
    """,
    re.VERBOSE | re.IGNORECASE,
)

_TIME_UNITS = _wordset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries night nights"
)
_COUNT_NOUNS = _wordset(
    "people personnel police staff troops children women men cattle sheep fish aircraft "
    "foot feet mile kilometre kilometer metre meter pound ton tonne inch acre gallon litre liter "
    "police militia crew"
)
_NOT_PLURAL = _wordset(
    "was has is as its this his hers yours ours theirs always perhaps whereas across unless "
    "besides thus plus less always various previous serious famous numerous dangerous news "
    "does its"
)
_STOP = _wordset(
    "the a an to in on at and or for with by from after before since who that which were was "
    "have has had is are be been being said says than as of into per each more less but while "
    "when where it its he she they we you i his her their our this these those not no also "
    "during over under about around up out"
)
_ATTACHED_UNIT = re.compile(r"(ft|km|kg|cm|mm|mph|kph|lbs?|oz|mg|ml|C|F|GB|MB|TB)\b")
_CAPITAL_PLURAL = re.compile(r"\s*(?:[^\w\s]|[a-z]|$)")  # no capitalised word follows
_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w’'-]*)")
_HYPHEN_UNIT = re.compile(r"-([a-z]+)(?:-([a-z]+))?\b")
_SPACES = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"[\s-]+")  # "two hundred-and fifty" -> its words


@dataclass(frozen=True)
class Quantity:
    """One number found in a text: its span (offsets into the text searched) and reading."""

    start: int
    end: int
    value: str
    number: float
    qualifier: str | None
    qualifier_start: int | None
    qualifier_end: int | None
    unit: str | None


def fmt(x: Decimal | float | int) -> str:
    """Canonical decimal string: integers without separators, else at most four decimals."""
    d = Decimal(str(x)) if not isinstance(x, Decimal) else x
    if d == d.to_integral_value():
        return str(int(d))
    q = d.quantize(Decimal("0.0001"))
    s = format(q, "f").rstrip("0").rstrip(".")
    return s or "0"


def _words_value(text: str) -> Decimal | None:
    """Value of a run of number words: "two hundred and fifty thousand" → 250000."""
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    for w in _WORD_SPLIT.split(text.lower()):
        if w in ("and", ""):
            continue
        if w == "a":
            current = Decimal(1) if current == 0 else current
            seen = True
            continue
        if w in _UNITS:
            current += _UNITS[w] if w != "dozen" else 0
            if w == "dozen":
                current = (current or Decimal(1)) * 12
            seen = True
        elif w == "hundred":
            current = (current or Decimal(1)) * 100
            seen = True
        elif w in _SCALES:
            total += (current or Decimal(1)) * _SCALES[w]
            current = Decimal(0)
            seen = True
        else:
            return None
    return total + current if seen else None


def _digits_value(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _match_value(m: re.Match[str]) -> Decimal | None:
    if m.group("vague"):
        return Decimal(_VAGUE[_SPACES.sub(" ", m.group("vague").lower())])
    if m.group("frac"):
        parts = _WORD_SPLIT.split(m.group("frac").lower())
        if len(parts) == 1:
            return _FRACTIONS["half"]
        n = Decimal(1) if parts[0] in ("a", "one") else Decimal(_UNITS[parts[0]])
        return n * _FRACTIONS[parts[1]]
    if m.group("halfa"):
        w = m.group("hscale").lower()
        return Decimal(12 if w == "dozen" else _SCALES[w]) / 2
    if m.group("onein"):
        den_text = m.group("den")
        den = _digits_value(den_text) if den_text[0].isdigit() else _words_value(den_text)
        return Decimal(1) / den if den else None
    base = _digits_value(m.group("digits")) if m.group("digits") else _words_value(m.group("words"))
    if base is None:
        return None
    if m.group("andhalf"):
        base += Decimal("0.5")
    if m.group("scale"):
        base *= _SCALES[m.group("scale").lower()]
    elif m.group("short"):
        base *= _SHORT_SCALES[m.group("short").lower()]
    return base


def parse(text: str) -> float | None:
    """The number a short phrase states, or None: "1.2 million" → 1200000.0, "nearly 10%" → 10.0,
    "four days" → 4.0, "a third" → 0.333…, "thousands" → 2000.0 (the least it implies).

    Hedges and units around the number are ignored; use :func:`find` to get them too.
    """
    t = text.strip()
    low = _SPACES.sub(" ", t.lower())
    if low in _VAGUE:
        return float(_VAGUE[low])
    if low in ("half", "a half", "one half"):
        return 0.5
    if low in _UNITS:  # "one", "zero": find() keeps them only before a unit
        return float(_UNITS[low])
    qs = find(t)
    return qs[0].number if qs else None


def unit_key(unit: str | None) -> str | None:
    """A unit reduced for comparison: lower case, crude singular ("casualties" → "casualty")."""
    if not unit:
        return unit
    u = unit.lower()
    if u.endswith("ies") and len(u) > 4:
        return u[:-3] + "y"
    if u.endswith(("ses", "xes", "ches", "shes")):
        return u[:-2]
    if u.endswith("s") and not u.endswith("ss") and len(u) > 3:
        return u[:-1]
    return u


BOUNDS: dict[str, str] = {
    "about": "approx", "nearly": "approx", "estimated": "approx",
    "up to": "upper", "fewer than": "upper",
    "more than": "lower", "at least": "lower",
}  # fmt: skip


def bound(qualifier: str | None) -> str | None:
    """Which side a hedge bounds the number from: "approx" (about, nearly, estimated), "upper"
    (up to, fewer than) or "lower" (more than, at least); None for no or unknown hedge."""
    return BOUNDS.get(qualifier) if qualifier else None


def qualifier_of(text: str) -> str | None:
    """Canonical form of a number hedge ("over" → "more than"), or None if it is not one."""
    return QUALIFIERS.get(text.strip().lower())


def _unit_after(text: str, end: int, value: Decimal) -> str | None:
    """The counted noun after a number: first plural-looking word within four words, skipping
    adjectives ("55,000 confirmed deaths" → "deaths", "50,000 Russian soldiers" → "soldiers")."""
    h = _HYPHEN_UNIT.match(text, end)
    if h:  # "34-year-old", "four-day"
        return h.group(1) + ("-" + h.group(2) if h.group(2) else "")
    a = _ATTACHED_UNIT.match(text, end)
    if a:  # "40ft", "29.4C", "5kg"
        return a.group(1)
    pos = end
    first: str | None = None
    for i in range(4):
        w = _WORD_AFTER.match(text, pos)
        if not w:
            break
        word = w.group(1).rstrip("’'")
        low = word.lower()
        pos = w.end()
        if low == "of" and i == 0:
            continue
        if low in _STOP:
            break
        if low in _TIME_UNITS or low in _COUNT_NOUNS:
            return low
        plural = (
            low.endswith("s")
            and not low.endswith(("ss", "us", "is"))
            and len(low) > 3
            and low not in _NOT_PLURAL
        )
        if plural and (word[0].islower() or _CAPITAL_PLURAL.match(text, pos)):
            return low  # "500,000 Sikhs could", "300 thousand Turkish Liras ("
        if first is None and word[0].islower():
            first = low
        if text[pos : pos + 1] in (",", ".", ";", ":"):
            break
    if value == 1 and first:
        return first
    return None


_NUM_TRIGGERS = frozenset(
    [
        *_UNITS,
        *_SCALES,
        "dozens",
        "scores",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "tens",
        "half",
    ]
)
_AFTER_A = frozenset(
    [
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "third",
        "quarter",
        "half",
        "fifth",
        "tenth",
    ]
)
_CURRENCY_START = frozenset("$£€¥")
_HYPHEN_DIGIT = re.compile(r"-(?=\d)")


# Tokens that may open a number whatever their first character: the currency signs (always a
# token of their own), the number words, and "a"/"an" before "hundred", "third"…
_START_WORDS = _NUM_TRIGGERS | _CURRENCY_START | frozenset(["a", "an"])


def candidates(text: str, toks: Toks) -> list[int]:
    """Token starts where a number can begin: digits, currency, number words, "a million"."""
    lows = toks.lows
    if (
        not toks.digits
        and _NUM_TRIGGERS.isdisjoint(lows)
        and _AFTER_A.isdisjoint(lows)
        and "-" not in toks.ltext
        and not any(c in toks.ltext for c in _CURRENCY_START)
    ):
        return []
    # only these tokens can add a start below; the rest are skipped in one comprehension
    ks = [k for k, low in enumerate(lows) if low in _START_WORDS or "-" in low or low[0].isdigit()]
    if not ks:
        return []
    out = []
    n = len(lows)
    spans = toks.spans
    for k in ks:
        low = lows[k]
        c = low[0]
        if (
            c.isdigit()
            or c in _CURRENCY_START
            or low in _NUM_TRIGGERS
            or ("-" in low and low.split("-", 1)[0] in _NUM_TRIGGERS)
        ):
            out.append(spans[k][0])
        elif k + 1 < n and low in ("a", "an"):
            nxt = lows[k + 1]
            if nxt in _AFTER_A or nxt.split("-", 1)[0] in _AFTER_A:
                out.append(spans[k][0])
        if "-" in low and c.isdigit():
            # "10-20", "4-1": the number after the hyphen is a number too
            a = spans[k][0]
            out.extend(a + h.start() + 1 for h in _HYPHEN_DIGIT.finditer(low))
    return out


def find(
    text: str,
    start: int = 0,
    end: int | None = None,
    skip: list[tuple[int, int]] | None = None,
    toks: Toks | None = None,
) -> list[Quantity]:
    """All numbers in ``text[start:end]`` with offsets into ``text``.

    ``skip`` lists spans already claimed (dates, names) that must not be read as numbers; ``toks``
    the sentence's token spans when the caller has them. A lone "one" is kept only before a time
    unit ("one day"); ordinals ("17th") are not quantities.
    """
    end = len(text) if end is None else end
    if toks is None:
        toks = Toks(text, start, end)
    return find_from(text, candidates(text, toks), start, end, skip)


def find_from(
    text: str,
    starts: list[int],
    start: int,
    end: int,
    skip: list[tuple[int, int]] | None = None,
) -> list[Quantity]:
    """:func:`find` from the :func:`candidates` a caller has already (it asks for them first, to
    skip sentences without a number): the token scan is not run twice."""
    skip = skip or []
    out: list[Quantity] = []
    last = start
    for p in starts:
        if p < last:
            continue
        m = _NUMBER_RE.match(text, p, end)
        if not m:
            continue
        s, e = m.start(), m.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        last = e
        if m.group("ord") or any(a < e and s < b for a, b in skip):
            continue
        words = m.group("words")
        if words and words.lower() == "one" and not m.group("scale"):
            nxt = _WORD_AFTER.match(text, e)
            if not (nxt and nxt.group(1).lower() in _TIME_UNITS):
                continue
        value = _match_value(m)
        if value is None:
            continue
        vague = m.group("vague")
        val = _SPACES.sub(" ", vague.lower()) if vague else fmt(value)
        unit: str | None
        if m.group("pct"):
            pct = m.group("pct").strip().lower()
            unit = "percentage points" if "point" in pct else "%"
        elif m.group("cur"):
            unit = m.group("cur")
        elif m.group("short") and m.group("short").lower() in ("m", "b") and not m.group("cur"):
            # "1.2m people" is 1,200,000 people; "10m" alone is ten metres
            unit = _unit_after(text, e, value)
            if unit is None:
                unit = m.group("short").lower()
                value = _digits_value(m.group("digits") or "") or value
                val = fmt(value)
        else:
            unit = _unit_after(text, e, value)
            if unit is None and words and words.lower() == "zero":
                continue  # "'zero out' those who refuse": a verb, not a count
            if unit is None and _AGE.match(text, e) and _AGE_BEFORE.search(text, max(0, s - 40), s):
                unit = "age"  # "Richard Stanwick, 43, was": a person's age
        qual, qs, qe = None, None, None
        qm = _QUAL_RE.search(text, max(start, s - 25), s)
        if qm:
            qual, qs, qe = QUALIFIERS[qm.group(1).lower()], qm.start(1), qm.end(1)
        else:
            pm = _POST_QUAL_RE.match(text, e)
            if pm and pm.end(1) <= end:
                qual, qs, qe = _POST_QUAL[pm.group(1).lower()], pm.start(1), pm.end(1)
        out.append(Quantity(s, e, val, float(value), qual, qs, qe, unit))
    return _share_range_units(text, out)


_AGE = re.compile(r",")
_AGE_BEFORE = re.compile(r"[A-Z][\w’'-]+,\s$")
_RANGE_GAP = re.compile(r"\s*(?:and|to|or|-|–)\s*$")


def _share_range_units(text: str, qs: list[Quantity]) -> list[Quantity]:
    """ "between 5,000 and 6,000 people", "10 to 15 people": the first end counts people too."""
    for k in range(len(qs) - 2, -1, -1):
        a, b = qs[k], qs[k + 1]
        if a.unit is None and b.unit and _RANGE_GAP.match(text[a.end : b.start]):
            qs[k] = replace(a, unit=b.unit)
    return qs


_DIGIT_OR_CURRENCY = re.compile(r"[\d$£€¥]")
_NUMBER_WORD = Caseless(any_word(_NUM_TRIGGERS | _AFTER_A))


def mentions(text: str) -> bool:
    """Whether ``text`` may hold a number (a digit, a currency sign or a number word): a cheap
    test that lets a caller skip :func:`find` on most sentences of a long article."""
    return _DIGIT_OR_CURRENCY.search(text) is not None or _NUMBER_WORD.found(text)
