"""Sentence and paragraph splitting: fast regular expressions, tuned for news prose.

pysbd breaks inside curly-quoted speech, misses ``.'`` before a capital and costs ~20 ms per
article. This splitter works on a copy of the text with curly quotes straightened (same length, so
offsets stay valid) and returns offsets, never rewritten text. It knows:

* abbreviations that never end a sentence because a name follows (``Mr.``, ``Gov.``, ``St.``), ones
  that end it only when an ordinary sentence opener follows (``U.S.``, ``Inc.``, ``a.m.``) and ones
  that are abbreviations only before a number (``No. 10``, ``Jan. 5``);
* initials (``J. K. Rowling``), decimals (``1.2`` never has a space after the point), ellipses;
* quotations: a quoted utterance that opens inside a sentence (``he said: 'Stop. Now.'``) stays
  part of that sentence, as an editor would count it; ``'Stop!' he said`` is one sentence too.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable

__all__ = ["ABBREVIATIONS", "normalise_quotes", "paragraphs", "sentences"]

_QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Titles and words that a name or a noun always follows: never the end of a sentence.
_TITLES = _words(
    """Mr Mrs Ms Messrs Mme Dr Prof Gov Govs Sen Sens Rep Reps Gen Col Lt Maj Sgt Cpl Pvt Capt Cmdr
    Adm Brig Rev Fr Hon Pres Supt Insp Det Const Atty Amb Sec Secs St Ste Mt Ft Pt Gov.-elect
    Vol Ch Art Sec Para Sgt.-Maj vs v Nr Ref Figs Fig cf viz approx ca"""
)
# Abbreviations that often close a sentence: split only when an ordinary opener follows.
_ENDABLE = _words(
    """Jr Sr Inc Ltd Co Corp Cos Bros Plc plc LLC LLP etc al esp Assn Dept Univ Ave Blvd Rd Sq
    Tues Thurs Wed Fri Sat Sun Mon Tue Thu Sept"""
)
# Abbreviations only before a number: "No. 10", "Jan. 5", "pp. 3", "Ch. 4".
_BEFORE_NUMBER = _words(
    """No Nos no nos Nr Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec pp p Vol vol Ch ch
    Art Sec Para Fig fig Ex"""
)
ABBREVIATIONS = _TITLES | _ENDABLE | _BEFORE_NUMBER

# Words that commonly open a sentence in news prose; after "U.S." or "Inc." they signal an end.
_OPENERS = _words(
    """The A An In On At It Its He She His Her They Their Them We Our I You Your But And Or So Yet
    Now Then This That These Those There Here Some Many Most Few All Both Each Every No Not None
    If When While Although Though As After Before Since Until Because However Meanwhile Still
    Also Even Last Next Earlier Later Today Yesterday Tomorrow On Officials Police Authorities
    What Who Why How Where Which For From By With Without To Of One Two Three Such Other Another
    According Despite During Under Over More Only Just Mr Mrs Ms Dr"""
)

# A candidate boundary, found by one scan for the marks. Spaced: terminal punctuation (groups
# 1 and 2: its first mark and the rest of the run), optional closing quotes/brackets (group 3),
# whitespace (group 4). Tight (group 5, empty): a full stop, "!" or "?" with no space after it
# ("debt.But"), after two small letters or a digit, a "%" or a bracket, before a capitalised
# word. The mark opens the pattern, the letters before it are look-behinds after it: a pattern
# that opens on a character set is scanned for that set in C; one opening on a look-behind, or
# an alternation of groups, is tried at every position. A tight mark is never inside a spaced
# boundary nor at its first mark, so the matches are those of two scans, in the order of cuts.
_CANDIDATE_PATTERN = (
    r"""({mark})(?:({mark}*)(['")\]]*)(\s+)"""
    r"""|{tight}(?:(?<=[a-z][a-z].)|(?<=[0-9%)].))(?=['"]?[A-Z][a-z])())"""
)
_CANDIDATE = re.compile(_CANDIDATE_PATTERN.format(mark="[.!?\u2026]", tight="(?<=[.!?])"))
# The same for a paragraph whose only mark is the full stop (most of them): a pattern opening
# on one character is scanned for it by a tight loop in C, ~3x faster than for a set.
_CANDIDATE_DOT = re.compile(_CANDIDATE_PATTERN.format(mark=r"\.", tight=""))
_SPACED_ELLIPSIS = re.compile(r"\.(?: \.){2,}")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TOKEN = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-"


def _token_before(flat: str, i: int) -> str:
    """``_TOKEN.search(flat, max(0, i - 40), i).group(1)``, or "" when it finds none.

    The search's match is the run of letters, dots and hyphens that ends at ``i``, from its
    first letter: two C-level strips find it without trying each of 40 start positions. Most
    often it is a plain word after a space, found by ``rfind`` without the strips.
    """
    space = flat.rfind(" ", i - 40 if i > 40 else 0, i)
    if space >= 0:
        word = flat[space + 1 : i]
        if word.isalpha() and word.isascii():  # only a-z and A-Z, all token characters
            return word
    seg = flat[max(0, i - 40) : i]
    if seg.endswith("\n"):
        seg = seg[:-1]  # "$" also matches before a final newline
    return seg[len(seg.rstrip(_TOKEN_CHARS)) :].lstrip(".-")


_NEXT_WORD = re.compile(r"""['"(\[]*([A-Za-z]+)""")
_QUOTE_REACH = 600  # a quote still open this far ahead is taken to be unclosed, not speech


# The same map as (from, to) pairs: a handful of ``str.replace`` scans cost ~1 µs where
# ``str.translate`` with a dict walks the text character by character (~0.15 ms an article).
_QUOTE_PAIRS = tuple((chr(k), v) for k, v in _QUOTE_MAP.items())


def normalise_quotes(text: str) -> str:
    """Straighten curly quotes and guillemets without changing the length of the text."""
    if text.isascii():
        return text  # no curly quote can be there
    for curly, straight in _QUOTE_PAIRS:
        if curly in text:
            text = text.replace(curly, straight)
    return text


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the blank-line separated paragraphs of ``text``, stripped of outer whitespace."""
    spans = []
    pos = 0
    for m in [*_PARA.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            spans.append((pos + lead, pos + trail))
        if m:
            pos = m.end()
    return spans


# A quote mark that opens: after the start, a space, a dash, a colon or a bracket, before a
# non-space, not "'90s" (group 1). One that closes: after a non-space and before neither a
# letter nor a digit, unless it could have opened, that is after a non-space other than those
# (group 2) or before a space or the end (group 3). The conditions tested by the engine leave
# one Python step per mark instead of a dozen. The mark comes first, the conditions on the
# character before it as look-behinds after it: a pattern opening on a character set is scanned
# for that set in C; one opening on a look-behind is tried at every position (10x slower).
_QUOTE_EVENT_PATTERN = (
    r"""{q}(?:(?<![^ \t\n\r(\[{{\u2014\u2013\-:/\u00a0].)(?!(?<=')\d\ds\b)(?=\S)()"""
    r"""|(?<=[^\s(\[{{\u2014\u2013\-:/].)(?![^\W_])()|(?<=\S.)(?!\S)())"""
)
_QUOTE_EVENT = re.compile(_QUOTE_EVENT_PATTERN.format(q="['\"]"))  # both: what the tests check
# The same for each kind of mark alone: scanned ~3x faster, a tight loop in C for one character.
_QUOTE_EVENT_SINGLE = re.compile(_QUOTE_EVENT_PATTERN.format(q="'"))
_QUOTE_EVENT_DOUBLE = re.compile(_QUOTE_EVENT_PATTERN.format(q='"'))


def _quote_events(flat: str) -> list[tuple[int, str, bool]]:
    """Quote marks in ``flat`` as (position, mark, opens); apostrophes left out.

    A mark opens when the character before it (a space at the start) is a space, an opening
    bracket, a dash, a colon or a slash and the one after it (a space at the end) is not a
    space, unless it starts "'90s"; otherwise it closes when the one before is not a space and
    the one after not a letter or digit. A mark between two letters is an apostrophe
    ("Russia's"); one standing alone is noise.
    """
    single = "'" in flat
    if '"' not in flat:
        return _marks(_QUOTE_EVENT_SINGLE, flat, "'") if single else []
    events = _marks(_QUOTE_EVENT_DOUBLE, flat, '"')
    if single:
        # Both kinds: each scanned for alone (~3x faster than a scan for the set, see above),
        # then put in order. A match is the mark alone, so the same marks match as in one scan.
        events += _marks(_QUOTE_EVENT_SINGLE, flat, "'")
        events.sort()
    return events


def _marks(rx: re.Pattern[str], flat: str, mark: str) -> list[tuple[int, str, bool]]:
    """The events that ``rx``, the pattern for one kind of ``mark``, finds in ``flat``."""
    return [(m.start(), mark, m.lastindex == 1) for m in rx.finditer(flat)]


def _closing(events: list[tuple[int, str, bool]], k: int, mark: str, limit: int) -> int:
    """Where the quote ``mark`` open now closes (among ``events[k:]``, before ``limit``), or -1.

    A new opening of the same mark first means the quote was never closed (DailyMail runs
    quoted paragraphs together, each opening with ``'`` and only the last one closing).
    """
    for pos, m, opens in events[k:]:
        if pos >= limit:
            return -1
        if m == mark:
            return -1 if opens else pos
    return -1


def _keeps_quote_together(
    flat: str, events: list[tuple[int, str, bool]], k: int, stack: list[tuple[str, bool]], cut: int
) -> bool:
    """Whether the boundary at ``cut`` falls inside speech that belongs to one sentence.

    Speech quoted inside a sentence ("he said: 'Stop. Now.' Then…") always does; speech that
    opens a sentence does when an attribution follows it ("'Stop. Now,' he said.").
    """
    mark, inside = stack[-1]
    close = _closing(events, k, mark, cut + _QUOTE_REACH)
    if close < 0:
        return False
    if inside:
        return True
    before = flat[close - 1] if close > 0 else ""
    after = flat[close + 1 : close + 3]
    return before in ",;\u2014-" or (after[:1] == " " and after[1:2].islower())


def _next_word(flat: str, i: int) -> str:
    """The word that starts at ``i`` (after opening quotes or brackets), or "" when none does."""
    m = _NEXT_WORD.match(flat, i)
    return m.group(1) if m else ""


def _is_boundary(flat: str, m: re.Match[str]) -> bool:
    """Whether the punctuation matched by ``m`` ends a sentence, judged by the words around it.

    Most candidates are decided by the characters around the mark; the word before it is only
    looked at for a lone full stop before a capital, the word after it only for an abbreviation
    or an initial (about one candidate in twenty).
    """
    i, e = m.start(), m.end()
    nxt = flat[e : e + 1]
    if not nxt:
        return True
    punct = flat[i : m.end(2)]
    if punct[0] in "!?" and "." not in punct and "\u2026" not in punct:
        # ! and ? end a sentence unless speech goes on in lower case ("'Stop!' he said").
        return not nxt.islower()
    if punct == "." and i > 0 and flat[i - 1] == " ":
        return True  # a detached " ." (tokenised text, DailyMail captions) is never a decimal
    if nxt.islower():
        return False
    if not (nxt.isupper() or nxt.isdigit() or nxt in "'\"([*\u2022-\u00a9"):
        return False
    if len(punct) > 1 or m.group(3):
        return True  # an ellipsis before a capital, or a full stop inside a closing quote
    token = _token_before(flat, i)
    if len(token) > 1 and token not in ABBREVIATIONS and "." not in token:
        return True  # an ordinary word, as before most full stops: one look-up settles it
    if not token:
        return True
    if token in _BEFORE_NUMBER and nxt.isdigit():
        return False
    if token in _TITLES:
        return False
    if token in _ENDABLE or "." in token.strip("."):
        # "in the U.S. The …" ends a sentence; "U.S. Army", "Apple Inc. Chief …" do not.
        return _next_word(flat, e) in _OPENERS
    if len(token) == 1 and token.isupper():
        # An initial ("J. K. Rowling", "George W. Bush"), unless a real sentence opener follows.
        word = _next_word(flat, e)
        return len(word) > 1 and word in _OPENERS
    return True


def _tight_ok(flat: str, i: int) -> bool:
    """A full stop with no space after it ("debt.But") ends a sentence unless it closes an
    abbreviation ("Mrs.Smith") — BBC text often lost the space."""
    token = _token_before(flat, i)
    return not token or (token not in ABBREVIATIONS and "." not in token)


def _candidates(flat: str) -> Iterable[re.Match[str]]:
    """``_CANDIDATE.finditer(flat)``, found faster when the paragraph allows it.

    Most paragraphs have no "!", "?" or ellipsis: ``_CANDIDATE_DOT`` finds the same matches
    (~3x faster). Many others have one or two: the full stops are still found by
    ``_CANDIDATE_DOT``, the other marks by ``find``, and each is matched where it stands. A
    match is kept unless it starts inside the one kept before, as ``finditer`` would skip it.
    That is exact while no full stop comes right before another mark (".!", "...?"), where
    ``_CANDIDATE``'s run of marks could be cut in a different place; then it is used itself.
    """
    if "!" not in flat and "?" not in flat and "\u2026" not in flat:
        return _CANDIDATE_DOT.finditer(flat)
    if ".!" in flat or ".?" in flat or ".\u2026" in flat:
        return _CANDIDATE.finditer(flat)
    found = list(_CANDIDATE_DOT.finditer(flat))
    dots = len(found)
    for mark in "!?\u2026":
        at = flat.find(mark)
        while at >= 0:
            m = _CANDIDATE.match(flat, at)
            if m:
                found.append(m)
            at = flat.find(mark, at + 1)
    if len(found) == dots:
        return found
    found.sort(key=_START)
    kept = []
    end = 0
    for m in found:
        if m.start() >= end:
            kept.append(m)
            end = m.end()
    return kept


_START = operator.methodcaller("start")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text[start:end]`` as offsets into ``text``.

    Call it once per paragraph: quotation tracking starts afresh at ``start``.
    """
    end = len(text) if end is None else end
    flat = normalise_quotes(text[start:end])  # only the window: callers go paragraph by paragraph
    if ". ." in flat:  # a spaced ellipsis ". . ." is one mark, not three detached full stops
        flat = _SPACED_ELLIPSIS.sub(lambda e: "\u2026" * len(e.group()), flat)
    n = len(flat)
    events = _quote_events(flat)
    upcoming = events[0][0] if events else n  # where the next quote mark is
    stack: list[tuple[str, bool]] = []  # open quotes: (mark, opened inside a sentence)
    k = 0
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _candidates(flat):
        tight = m.lastindex == 5
        if tight:
            if not _tight_ok(flat, m.start()):
                continue
            cut = nxt = m.end()
        else:
            cut, nxt = m.start(4), m.end()
        while upcoming < cut:
            qpos, mark, opens = events[k]
            k += 1
            upcoming = events[k][0] if k < len(events) else n
            if opens:
                # Quotes nest by alternating marks; the same mark opening again means the last
                # one was never closed. Depth is capped so unclosed quotes cost nothing.
                if stack and stack[-1][0] == mark:
                    stack.pop()
                inside = qpos > pos and (not flat[pos].isspace() or bool(flat[pos:qpos].strip()))
                stack = [*stack[-3:], (mark, inside)]
            elif stack and stack[-1][0] == mark:
                stack.pop()
            elif mark == '"' and any(s[0] == '"' for s in stack):
                while stack and stack.pop()[0] != '"':
                    pass
        if tight:
            q = flat[cut] if cut < n else ""
            if q in "'\"":
                if stack and stack[-1][0] == q:  # 'debt."The': the quote closes this sentence
                    stack.pop()
                    cut = nxt = cut + 1
                else:  # 'debt."England's': it opens the next one
                    stack = []
        elif not _is_boundary(flat, m):
            continue
        elif stack and flat[nxt : nxt + 1] == stack[-1][0]:
            stack = []  # "… colour. 'If we …": a new quoted paragraph; the last one never closed
        elif stack and _keeps_quote_together(flat, events, k, stack, cut):
            continue
        # The span holds this match's mark (pos is at most where the match starts, cut after
        # the mark): it is never blank.
        spans.append((start + pos, start + cut))
        if stack:
            stack = [(mark, False) for mark, _ in stack]
        pos = nxt
    tail = len(flat[pos:n].rstrip())
    if tail:
        spans.append((start + pos, start + pos + tail))
    return spans
