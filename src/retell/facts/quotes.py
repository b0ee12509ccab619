"""Direct speech: quoted spans and who said them.

News prose quotes in straight ("…", '…') and curly (“…”, ‘…’) marks; the seed even opens with a
right single quote (’They are not animals!’). Apostrophes use the same characters, so a single
mark opens a quote only after a space, dash, bracket or colon and before a non-space, and closes
one only before a space or punctuation. Quotes are found per paragraph (speech may run across
sentences) and then clipped to each sentence.

``Fact.value`` of a quote: its words lower-cased, punctuation (and censoring asterisks) dropped.
A quote of at most three words with no ! or ? is a scare-quoted term ("zeroed out", "torture
pits"): ``unit="term"`` so the check can treat it gently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retell.facts.names import Found as _Name

__all__ = ["Span", "find_spans", "words", "speaker", "is_term", "SPEECH_VERBS"]

_DOUBLE_OPEN = "“"
_DOUBLE_CLOSE = "”"
_SINGLE = "‘’'"
_BEFORE_OPEN = set(' \t\n—–-([:"“/')
_AFTER_CLOSE = set(' \t\n.,;:!?—–-)]"”…')
# ``x[…]*`` for ``x+``: a pattern opening on a character set, not a repeat, is scanned for it in C
_WORD = re.compile(r"[^\W_][^\W_]*(?:['’][^\W_]+)*")

SPEECH_VERBS = (
    "said|says|say|saying|told|tells|telling|added|adds|asked|asks|asking|wrote|writes|writing|"
    "declared|declares|stated|states|explained|explains|screamed|shouted|yelled|insisted|insists|"
    "claimed|claims|warned|warns|noted|notes|tweeted|posted|replied|recalled|continued|admitted|"
    "acknowledged|urged|calling|called|calls|described|describing|announced|added|exclaimed|"
    "whispered|cried|pleaded|joked|agreed|argued|argues|responded|concluded|spewed|branded|dubbed"
)
_SPEECH_SET = frozenset(SPEECH_VERBS.split("|"))
_WORD_RE = re.compile(r"\w\w*")  # \w+, opening on a character set (see _WORD)
_EXCLAIM = re.compile(r"[!?]")
_JUST_BEFORE_VERB = re.compile(r"^(?:['’]s)?\s*(?:\w+ly\s+)?$")  # "Smith’s quickly said"
_NAME_THEN_VERB = re.compile(
    rf"(?:['’]s)?(?:,[^,'\"‘’“”]{{1,50}},)?\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b", re.IGNORECASE
)  # "Smith said", "Mr Smith, 54, said"
_ACCORDING_LEFT = re.compile(r"\baccording\s+to\s+(?P<who>[^,;:]{1,60}?)\s*[,:]\s*$", re.IGNORECASE)
_PRONOUN = r"(?:he|she|they|i|we|you)"


@dataclass(frozen=True)
class Span:
    """A quote: offsets of its opening mark and of the end of its closing mark (or paragraph)."""

    open: int
    close: int  # index just after the closing mark (or the paragraph end when unclosed)
    inner_start: int
    inner_end: int


def words(text: str) -> str:
    """Quote value: words lower-cased, apostrophes straightened, punctuation dropped.

    Straightened before the split (``_WORD`` takes ’ and ' alike, so the words are the same):
    one ``replace`` over the text instead of one per word."""
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


def is_term(text: str) -> bool:
    """A scare-quoted term rather than speech: at most three words and no ! or ?."""
    w = _WORD.findall(text)
    return 0 < len(w) <= 3 and not _EXCLAIM.search(text)


_LONGEST = 2000  # characters; DailyMail runs of quoted sentences reach ~1,100
# `` and '' are tokenised (PTB) quote marks: ``|''|[“”"], written to open on one character set
# (the engine then skips to the next mark in C) with the second ` or ' checked after it
_DOUBLE_RE = re.compile(r"""[`'“”"](?:(?<=`)`|(?<=')'|(?<=[“”"]))""")
_CLITIC = re.compile(r"['’](?:s|re|ll|ve|d|m|t|em)\b", re.IGNORECASE)  # "you 're" in tokenised text
_SINGLE_RE = re.compile(r"[‘’']")


def _found(text: str, p0: int, p1: int, marks: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of ``marks`` in ``text[p0:p1]`` in text order, each mark read left to right without
    overlap: what a regex scan for them finds, but ``str.find`` skips to each one at memchr
    speed where the scan tests every character of a whole article's text."""
    out = []
    for mark in marks:
        n = len(mark)
        i = text.find(mark, p0, p1)
        while i >= 0:
            out.append((i, i + n))
            i = text.find(mark, i + n, p1)
    out.sort()
    return out


_DOUBLE_MARKS = ('"', "“", "”", "``", "''")  # what _DOUBLE_RE matches
_SINGLE_MARKS = ("'", "‘", "’")  # what _SINGLE_RE matches


def _double_spans(text: str, p0: int, p1: int) -> list[tuple[int, int]]:
    """Double-quoted spans. Curly marks say which way they face; a straight mark opens after a
    space or bracket and closes before one. A mark that can only open while a quote is open
    starts a new quote (speech continued over paragraphs re-opens without closing)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, e in _found(text, p0, p1, _DOUBLE_MARKS):
        c = text[i:e]
        prev = text[i - 1] if i > p0 else " "
        nxt = text[e] if e < p1 else " "
        if c in (_DOUBLE_OPEN, "``"):
            can_open, can_close = True, False
        elif c in (_DOUBLE_CLOSE, "''"):
            can_open, can_close = False, True
        else:
            can_open = (prev in _BEFORE_OPEN or prev in "'‘") and not nxt.isspace()
            can_close = not prev.isspace() and (nxt in _AFTER_CLOSE or nxt in "'’")
            if not can_open and not can_close:
                can_open = can_close = True  # "word"word: let the state decide
        if open_at is None:
            if can_open:
                open_at = i
        elif can_close:
            spans.append((open_at, e))
            open_at = None
        elif can_open:
            spans.append((open_at, _trim_end(text, open_at, i)))
            open_at = i
    if open_at is not None and p1 - open_at > 2:
        spans.append((open_at, _unclosed_end(text, open_at, p1)))
    return spans


def _unclosed_end(text: str, start: int, p1: int) -> int:
    """Where a quote that never closes ends: the paragraph end when the paragraph is short (speech
    running on to the next paragraph), else the last sentence end within 400 characters —
    flattened text has no paragraphs, and a lost mark must not swallow the rest of it."""
    if p1 - start <= 400:
        return p1
    window = text[start : start + 400]
    cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
    return start + cut + 1 if cut > 0 else start + 400


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _single_spans(
    text: str, p0: int, p1: int, taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, _ in _found(text, p0, p1, _SINGLE_MARKS):
        prev = text[i - 1] if i > p0 else " "
        nxt = text[i + 1] if i + 1 < p1 else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # apostrophe inside a word (most marks: tested before the spans)
        if taken and any(a <= i < b for a, b in taken):
            continue
        if prev.isspace() and _CLITIC.match(text, i):
            continue  # "you 're", "it 's": a clitic split off by a tokeniser
        can_open = prev in _BEFORE_OPEN and not nxt.isspace() and not nxt.isdigit()
        can_close = not prev.isspace() and (nxt in _AFTER_CLOSE)
        if open_at is None:
            if can_open:
                open_at = i
        elif can_close:
            if 1 < i - open_at <= _LONGEST:
                spans.append((open_at, i + 1))  # longer than any speech: marks lost their pairs
            open_at = None
    return spans


def find_spans(text: str, p0: int, p1: int) -> list[Span]:
    """Quotes in the paragraph ``text[p0:p1]``, in order."""
    doubles = _double_spans(text, p0, p1)
    singles = _single_spans(text, p0, p1, doubles)
    out = []
    end = -1
    for a, b in sorted(doubles + singles, key=lambda ab: (ab[0], -ab[1])):
        if a < end:
            continue  # nested or crossing: the outer quote holds it
        end = b
        inner_start = a + 2 if text.startswith("``", a) else a + 1
        inner_end = b - 1 if b <= p1 and text[b - 1] in "”\"’'" else b
        if text.startswith("''", b - 2) and b - 2 >= inner_start:
            inner_end = b - 2
        out.append(Span(a, b, inner_start, max(inner_start, inner_end)))
    return out


_RIGHT_PRONOUN = re.compile(
    rf"^\s*[,—–-]?\s*(?P<who>{_PRONOUN})\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b", re.I
)
_RIGHT_VERB_FIRST = re.compile(
    rf"^\s*[,—–-]?\s*(?:{SPEECH_VERBS})\s+(?P<who>{_PRONOUN}\b|(?:the|a|an)\s+[\w-]+(?:\s+[\w-]+)?)?",
    re.I,
)
_RIGHT_NP = re.compile(
    rf"^\s*[,—–-]?\s*(?P<who>(?:the|a|an|one|another)\s+[\w-]+(?:\s+[\w-]+){{0,2}}?)\s+(?:{SPEECH_VERBS})\b",
    re.I,
)
_END_PRONOUN = re.compile(rf"(?:^|\s)(?P<who>{_PRONOUN})\s+(?:\w+ly\s+)?$", re.I)
_END_NP = re.compile(
    r"(?:^|\s)(?P<who>(?:the|a|an|one|another)\s+(?:[\w-]+\s+){0,2}[\w-]+)\s*$", re.I
)
_WITH_NP = re.compile(
    r"\b(?:with|as)\s+(?P<who>(?:the|a|an|one|another|some)\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s*$", re.I
)
_SUBJECT = re.compile(
    rf"^\W*(?:\w+,\s+)?(?P<who>{_PRONOUN}\b|(?:the|a|an|one|another|some)\s+(?:[\w’'-]+\s+){{0,4}}?[\w’'-]+(?=\s*,|\s+(?:who|which|that)\b|\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b))",
    re.I,
)
_MARK_OUTSIDE_WORD = re.compile(r"[\"“”]|(?<![A-Za-z])['‘’]|['‘’](?![A-Za-z])")
_POSSESSIVE_LEAD = re.compile(r"^\W*(?P<who>his|her|their)\s+[\w-]+\W*$", re.I)


_GAP_TO_NAME = re.compile(r"^\s*[,—–-]?\s*(?:[A-Z][\w.]*\s+){0,3}$")


def speaker(text: str, s0: int, s1: int, q: Span, names: Sequence[_Name]) -> str | None:
    """Who speaks the quote ``q`` in the sentence ``text[s0:s1]``: a name's value, a pronoun
    ("he", "her" — resolve later), a noun phrase ("one commander"), or None."""
    right = text[min(q.close, s1) : s1]
    after = q.close
    for n in names:
        near = after <= n.start <= after + 40 and _GAP_TO_NAME.match(text[after : n.start])
        if near and _NAME_THEN_VERB.match(text, n.end, s1):
            return n.value
    m = _RIGHT_PRONOUN.match(right)
    if m:
        return m.group("who").lower()
    m = _RIGHT_VERB_FIRST.match(right)
    if m:
        vend = q.close + (m.start("who") if m.group("who") else m.end())
        for n in names:  # "said Smith", "said Prime Minister David Cameron"
            if vend - 2 <= n.start <= vend + 40 and _GAP_TO_NAME.match(text[vend - 1 : n.start]):
                return n.value
        if m.group("who"):
            return m.group("who").lower()
    m = _RIGHT_NP.match(right)
    if m:
        return m.group("who").lower()
    left = text[s0 : q.open]
    m = _POSSESSIVE_LEAD.match(left)
    if m:
        return m.group("who").lower()
    m = _ACCORDING_LEFT.search(left)
    if m:  # 'According to Smith, "…"'
        inside = [n for n in names if s0 + m.start("who") <= n.start < s0 + m.end("who")]
        return inside[0].value if inside else m.group("who").lower()
    verbs = [w for w in _WORD_RE.finditer(left) if w.group().lower() in _SPEECH_SET]
    if verbs:
        v = verbs[-1]
        if _MARK_OUTSIDE_WORD.search(left, v.end()):
            return None  # another quote sits between the verb and this one
        before = left[: v.start()]
        # a name, pronoun or noun phrase right before the verb
        for n in reversed(names):
            if n.end <= s0 + v.start() and _JUST_BEFORE_VERB.match(text[n.end : s0 + v.start()]):
                return n.value
        for rx in (_END_PRONOUN, _WITH_NP):
            m = rx.search(before, max(0, len(before) - 60))
            if m:
                return m.group("who").lower()
        cands = [n for n in names if n.end <= s0 + v.start() and n.kind not in ("norp",)]
        persons = [n for n in cands if n.kind != "org"] or cands
        if persons:
            return persons[-1].value
        m = _SUBJECT.match(text[s0 : s0 + v.start() + len(v.group(0))])
        if m:
            return m.group("who").lower()
        m = _END_NP.search(before, max(0, len(before) - 60))
        if m:
            return m.group("who").lower()
        return None
    if left.rstrip().endswith(":"):
        cands = [n for n in names if n.end <= q.open and n.kind != "norp"]
        if cands:
            return cands[-1].value
        m = _SUBJECT.match(left)
        if m:
            return m.group("who").lower()
    return None
