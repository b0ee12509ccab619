"""The facts the check compares, found in one sentence: numbers, dates, names, quotes, hedges,
attributions and negations.

Why here and not only in ``retell.facts``: the check has to run on any text (lower-cased benchmark
summaries, headlines, reader questions) within a fraction of a millisecond, and needs a few extra
slots (a number's qualifier class, a date as comparable fields, a quote's word sequence). The
shapes follow ``retell.facts.model.Fact`` (text, start, end, value, qualifier, unit, speaker)
so the two can be swapped when the facts module covers the same ground.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retell.check.text import is_word, lexicon

# --- numbers -------------------------------------------------------------------------------------

_QUAL = {
    "about": "approx",
    "around": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "nearly": "approx",
    "almost": "approx",
    "some": "approx",
    "close to": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "an approximate": "approx",
    "circa": "approx",
    "up to": "upper",
    "as many as": "upper",
    "as much as": "upper",
    "at most": "upper",
    "less than": "upper",
    "fewer than": "upper",
    "under": "upper",
    "below": "upper",
    "no more than": "upper",
    "just under": "upper",
    "more than": "lower",
    "over": "lower",
    "at least": "lower",
    "upwards of": "lower",
    "in excess of": "lower",
    "above": "lower",
    "just over": "lower",
    "well over": "lower",
}
_WORDNUM = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
    "a dozen": 12,
    "half": 0.5,
}
_SCALE = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "m": 1e6,
    "bn": 1e9,
    "k": 1e3,
    "mn": 1e6,
}
_VAGUE = {
    "dozens": "dozens",
    "hundreds": "hundreds",
    "thousands": "thousands",
    "millions": "millions",
    "billions": "billions",
}
_QUAL_RE = "|".join(sorted((re.escape(q) for q in _QUAL), key=len, reverse=True))
_WN_RE = "|".join(sorted(_WORDNUM, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?i)(?<![\w.,])(?:(?P<q>{_QUAL_RE})\s+)?"
    rf"(?P<n>\d{{1,2}}-\d{{1,2}}(?![\d-])|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_WN_RE})\b|a\s+(?=(?:hundred|thousand|million|billion)\b)|one\s+(?=(?:hundred|thousand|million|billion)\b)|dozens|hundreds|thousands|millions|billions)"
    r"(?:[\s-]*(?P<s>hundred|thousand|million|billion|trillion|bn|mn|m|k)\b)?"
    r"(?P<p>\s*(?:%|percent\b|per\s+cent\b))?"
)
_UNIT = re.compile(r"[\s-]*(?:of\s+)?([A-Za-z]+)")


@dataclass(frozen=True)
class Number:
    text: str
    start: int
    end: int
    value: str  # canonical: "1200000", "0.1" (for 10%), or a vague word "thousands"
    qualifier: str | None  # approx | upper | lower
    qual_text: str | None
    unit: str | None


def _canon(x: float) -> str:
    return f"{x:.6g}" if x != int(x) else str(int(x))


def numbers(text: str, offset: int = 0, skip: list[tuple[int, int]] | None = None) -> list[Number]:
    """Numbers of a sentence, with their hedge ("about", "up to") and the thing they count."""
    out = []
    for m in _NUMBER.finditer(text):
        n = m.group("n").strip().lower()
        s = (m.group("s") or "").lower()
        a, b = m.start() + offset, m.end() + offset
        if skip and any(x < b and a < y for x, y in skip):
            continue
        if n in _VAGUE:
            value = n
        elif re.fullmatch(r"\d+-\d+", n):
            value = n  # a score or a range, "4-1": compared as written
        else:
            if n in ("a", "one"):
                base = 1.0
            elif n in _WORDNUM:
                base = float(_WORDNUM[n])
            else:
                try:
                    base = float(n.replace(",", ""))
                except ValueError:
                    continue
            if not s and not m.group("p") and re.fullmatch(r"(19|20)\d\d", n):
                continue  # a year: dates() handles it
            if s in ("m", "k", "bn", "mn") and not re.match(r"\d", n):
                continue
            v = base * _SCALE.get(s, 1.0)
            if m.group("p"):
                v = v / 100.0
            value = _canon(v)
        q = m.group("q")
        um = _UNIT.match(text, m.end())
        unit = um.group(1).lower() if um else None
        if (
            q
            and q.lower() in ("some", "over", "under", "above", "below")
            and not re.match(r"\d", n)
        ):
            q = None
        out.append(
            Number(
                m.group().strip(),
                a,
                b,
                value,
                _QUAL[q.lower()] if q else None,
                q.lower() if q else None,
                unit,
            )
        )
    return out


# --- dates ---------------------------------------------------------------------------------------

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DQ = r"(?P<q>early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|end\s+of|start\s+of)[\s-]+"
_DATE = re.compile(
    rf"(?i)\b(?:{_DQ})?(?:"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<m>{_MON_RE})\b\.?(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
    rf"|(?P<y2>(?:19|20)\d\d)(?!s\b|,\d|\.\d)\b"
    rf"|(?P<dec>(?:19|20)\d0s)"
    rf"|(?P<rel>(?:last|this|next|past|previous)\s+(?:year|month|week|weekend|summer|winter|spring|autumn|fall|decade|century|{_DAYS})|yesterday|today|tomorrow|tonight|recently|immediately|within\s+(?:days|weeks|months|hours|minutes|a\s+(?:day|week|month|year)))"
    rf"|(?P<wd>{_DAYS})\b)"
)


_DATE_HINT = re.compile(
    rf"(?i)\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|{_DAYS}|yesterday|today|"
    r"tomorrow|tonight|within|immediately|(?:last|this|next|past|previous)\s+(?:year|month|week|"
    r"summer|winter|spring|autumn|fall|decade|century|mon|tue|wed|thu|fri|sat|sun))"
)


@dataclass(frozen=True)
class Date:
    text: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    qualifier: str | None  # early | mid | late | end | start
    relative: str | None  # "last year", "monday", "yesterday"…

    def fields(self) -> tuple[int | None, int | None, int | None]:
        return (self.year, self.month, self.day)


def dates(text: str, offset: int = 0) -> list[Date]:
    """Dates and times of a sentence as comparable fields (year, month, day, qualifier)."""
    if not _DATE_HINT.search(text):
        return []
    out = []
    for m in _DATE.finditer(text):
        mon = m.group("m")
        if (
            mon
            and mon.lower()
            in (
                "may",
                "mar",
                "march",
                "jan",
                "dec",
                "sep",
                "aug",
                "jun",
                "oct",
                "nov",
                "feb",
                "apr",
                "jul",
            )
            and not (m.group("d1") or m.group("d2") or m.group("y"))
        ):
            if mon.lower() in ("may", "march") and not mon[0].isupper():
                continue
            if len(mon) == 3 and mon.lower() != "may":
                continue
        if m.group("rel") and m.group("rel").lower() == "recently":
            continue
        q = m.group("q")
        qual = q.split()[-2] if q and len(q.split()) > 2 else (q.split()[0].lower() if q else None)
        if qual:
            qual = {"beginning": "start", "the": "end"}.get(qual.lower(), qual.lower())
        year = m.group("y") or m.group("y2")
        day = m.group("d1") or m.group("d2")
        rel = m.group("rel") or m.group("wd")
        dec = m.group("dec")
        out.append(
            Date(
                m.group(),
                m.start() + offset,
                m.end() + offset,
                int(year) if year else (int(dec[:4]) if dec else None),
                MONTHS[mon.lower().rstrip(".")] if mon else None,
                int(day) if day else None,
                qual,
                " ".join(rel.lower().split()) if rel else ("decade" if dec else None),
            )
        )
    return out


# --- names ---------------------------------------------------------------------------------------

_CAPWORD = re.compile(r"[A-Z][\w\u00c0-\u024f'’.&-]*|[a-z]+(?=[ \t]+[A-Z])")
_LINKERS = frozenset(["of", "for", "and", "the", "de", "al", "von", "van", "bin", "la", "du"])
_NOT_NAMES = frozenset(
    [
        "i",
        "i'm",
        "i've",
        "i'd",
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "it",
        "we",
        "they",
        "his",
        "her",
        "its",
        "our",
        "their",
        "my",
        "your",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "as",
        "at",
        "in",
        "on",
        "by",
        "for",
        "of",
        "to",
        "from",
        "with",
        "after",
        "before",
        "since",
        "until",
        "mr",
        "unk",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "lord",
        "lady",
    ]
)


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int
    words: tuple[str, ...]  # lower case, "the" and possessive stripped


_HAS_UPPER = re.compile(r"[A-Z]")
_CHUNK = re.compile(r"[^\s\u2014\u2013\"()\[\]:;!?]+")


def _clean(w: str) -> str:
    return re.sub(r"(?:['’]s|['’.,])$", "", w).lower()


def names(text: str, offset: int = 0, sentence_start: bool = True) -> list[Name]:
    """Capitalised names (people, organisations, places, acronyms) of a sentence."""
    if not _HAS_UPPER.search(text):
        return _lowercase_names(text, offset)
    spans: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []
    for m in _CHUNK.finditer(text):
        g = m.group()
        if not cur and not g[0].isupper() and g[0] not in "'‘’":
            continue
        w = g.strip("'‘’,")
        a = m.start() + m.group().find(w) if w else m.start()
        if cur and any(c in text[cur[-1][1] : a] for c in "()\n"):
            spans.append(cur)
            cur, pending = [], []
        if w and w[0].isupper():
            cur.extend(pending)
            pending = []
            cur.append((a, a + len(w)))
            if m.group().rstrip("'’").endswith((",", ".")) and not re.fullmatch(r"(?:[A-Z]\.)+", w):
                spans.append(cur)
                cur = []
        elif w.lower() in _LINKERS and cur:
            pending.append((a, a + len(w)))
        else:
            if cur:
                spans.append(cur)
            cur, pending = [], []
    if cur:
        spans.append(cur)
    out = []
    for sp in spans:
        words = [text[a:b] for a, b in sp]
        # sentence-initial or function words in front are not part of a name
        while sp:
            w0 = _clean(words[0])
            first = (
                sp[0][0] == 0
                or not text[: sp[0][0]].strip()
                or text[: sp[0][0]].rstrip()[-1] in "\"'‘“:—(-"
            )
            if (
                w0 in _NOT_NAMES
                or w0 in _LINKERS
                or w0 in MONTHS
                or w0 in _DAYS.split("|")
                or (
                    first
                    and sentence_start
                    and (is_word(w0) or _common(w0))
                    and len(sp) >= 1
                    and not (
                        len(sp) > 1
                        and w0
                        in ("new", "united", "south", "north", "west", "east", "saudi", "hong")
                    )
                )
            ):
                sp, words = sp[1:], words[1:]
                continue
            break
        while sp and _clean(words[-1]) in _LINKERS:
            sp, words = sp[:-1], words[:-1]
        if not sp:
            continue
        clean = tuple(c for c in (_clean(w) for w in words) if c)
        if not clean or all(c in MONTHS or c in _NOT_NAMES for c in clean):
            continue
        a, b = sp[0][0], sp[-1][1]
        while b > a and text[b - 1] in ".,'’":
            if text[b - 1] == "." and re.search(r"(?:^|[\s.])[A-Z]\.$", text[a:b]):
                break
            b -= 1
        if text[a:b].endswith(("'s", "’s")):
            b -= 2
        out.append(Name(text[a:b], a + offset, b + offset, clean))
    return out


_LOWER_WORD = re.compile(r"[a-z][a-z'-]{2,}")


def _lowercase_names(text: str, offset: int) -> list[Name]:
    """In all-lower-case text (some benchmark summaries) capitals say nothing: take words no
    English dictionary knows (lemminflect, WordNet) as names — "nigalidze", "tamang"."""
    lex = lexicon()
    out = []
    for m in _LOWER_WORD.finditer(text):
        w = m.group().strip("'-")
        if len(w) < 3 or "-" in w or "'" in w or w in lex.senses or is_word(w) or w in MONTHS:
            continue
        out.append(Name(w, m.start() + offset, m.start() + len(w) + offset, (w,)))
    return out


def _common(w: str) -> bool:
    from retell.check.text import STOP

    return w in STOP


def acronym(words: tuple[str, ...]) -> str:
    """Initials of a multi-word name, skipping function words ("CSIS", "UN")."""
    return "".join(w[0] for w in words if w not in ("of", "for", "and", "the", "de", "in", "on"))


# --- quotes --------------------------------------------------------------------------------------

_STRAIGHT = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"}
)
_OPEN_BEFORE = ' \t\n([{\u2014\u2013-:/\u00a0"'
_QWORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Quote:
    text: str  # the words inside the marks
    start: int
    end: int
    words: tuple[str, ...]


def quote_words(text: str) -> tuple[str, ...]:
    """A quote's words, lower case, punctuation and asterisks aside."""
    return tuple(_QWORD.findall(text.translate(_STRAIGHT).lower().replace("*", "")))


def quotes(text: str, offset: int = 0) -> list[Quote]:
    """Direct speech in quote marks (straight or curly, single or double)."""
    s = text.translate(_STRAIGHT)
    out = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if (
            c in "'\""
            and (i == 0 or s[i - 1] in _OPEN_BEFORE)
            and i + 1 < n
            and not s[i + 1].isspace()
        ):
            j = i + 1
            close = -1
            while j < n:
                if s[j] == c and (j + 1 == n or not s[j + 1].isalnum()) and not s[j - 1].isspace():
                    if (
                        c == "'"
                        and j + 1 < n
                        and s[j + 1] == "s"
                        and (j + 2 == n or not s[j + 2].isalnum())
                    ):
                        j += 1
                        continue
                    close = j
                    break
                j += 1
            if close > 0:
                inner = text[i + 1 : close]
                ws = quote_words(inner)
                if ws:
                    out.append(Quote(inner, offset + i + 1, offset + close, ws))
                i = close + 1
                continue
        i += 1
    return out


# --- hedges, attributions ------------------------------------------------------------------------

_HEDGE = re.compile(
    r"(?i)\b(reportedly|allegedly|apparently|purportedly|supposedly|possibly|probably|likely|"
    r"may|might|could|believed to|thought to|said to|suspected|alleged|unconfirmed|"
    r"according to reports|reports say|it is claimed|claimed)\b"
)
_ATTR = re.compile(
    r"(?i)\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?P<a>[^,.;:]+)"
    r"|\b(?:told|tells|telling)\s+(?:the\s+)?(?P<b>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
)


@dataclass(frozen=True)
class Hedge:
    text: str
    start: int
    end: int


def hedges(text: str, offset: int = 0) -> list[Hedge]:
    return [Hedge(m.group(), m.start() + offset, m.end() + offset) for m in _HEDGE.finditer(text)]


@dataclass(frozen=True)
class Attribution:
    text: str  # the agent phrase: "activist Vitaly Borodin", "the New York Times"
    start: int
    end: int
    cue_start: int  # where the whole attribution phrase begins ("according to …")


def attributions(text: str, offset: int = 0) -> list[Attribution]:
    out = []
    for m in _ATTR.finditer(text):
        g = "a" if m.group("a") else "b"
        agent = m.group(g).strip().rstrip(".,")
        if g == "a" and agent.lower() in ("reports", "report", "sources", "officials"):
            continue
        a = m.start(g)
        out.append(Attribution(agent, a + offset, a + len(agent) + offset, m.start() + offset))
    return out
