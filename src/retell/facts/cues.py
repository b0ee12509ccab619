"""Hedges, attributions and negations: the small words that decide what a sentence claims.

The seed's rewrite drops "about", "up to" and "reportedly" and turns "according to reports" into
plain statements; the check finds that by comparing these cues. Each cue is found by a regular
expression and reduced to a canonical phrase (``Fact.value``) so "might" and "may", "over" and
"more than" compare equal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retell.facts._words import Caseless, Toks, any_word
from retell.facts._words import wordset as _wordset
from retell.facts.names import Found as _Name
from retell.facts.quotes import SPEECH_VERBS

__all__ = ["Cue", "hedges", "negations", "attributions", "HEDGES", "NEGATIONS"]

HEDGES: dict[str, str] = {
    "reportedly": "reportedly", "allegedly": "allegedly", "alleged": "allegedly",
    "purportedly": "allegedly", "supposedly": "allegedly", "apparently": "apparently",
    "seemingly": "apparently", "appears to": "apparently", "appear to": "apparently",
    "appeared to": "apparently", "seems to": "apparently", "seem to": "apparently",
    "seemed to": "apparently", "likely": "likely", "probably": "likely", "unlikely": "unlikely",
    "possibly": "possibly", "perhaps": "possibly", "maybe": "possibly", "possible": "possibly",
    "may": "may", "might": "may", "could": "may", "estimated": "estimated",
    "estimates": "estimated", "an estimated": "estimated", "suspected": "suspected",
    "claimed": "claimed", "claims": "claimed", "claiming": "claimed", "claim": "claimed",
    "believed to": "believed", "thought to": "believed", "said to": "believed",
    "understood to": "believed", "expected to": "expected", "according to": "according to",
    "unconfirmed": "unconfirmed", "unverified": "unconfirmed", "nearly": "nearly",
    "almost": "nearly", "accused of": "accused", "accused": "accused", "rumoured": "rumoured",
    "rumored": "rumoured", "a reported": "reportedly",
}  # fmt: skip
_HEDGE_RE = re.compile(
    r"\b(" + "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_HEDGE_MENTION = Caseless(any_word(HEDGES))  # the same words, for the quick test
# the tests around a cue, compiled once (not looked up in ``re``'s cache on every call)
_SPACES = re.compile(r"\s+")
_NOT_AFTER = re.compile(r"\s*(?:not|n['’]t|never)\b", re.IGNORECASE)  # "could not"
_THAT_TO_AFTER_CLAIM = re.compile(r"s?\s+(?:that|to)\b")  # "claim(s) that"
_THAT_TO_AFTER = re.compile(r"\s+(?:that|to)\b")  # "possible that"
_OF_AFTER = re.compile(r"\s+(?:of|him|her|them)\b")  # "accused of"
_DIGIT_AFTER = re.compile(r"\.?\s*\d")  # "No. 10"
_SOURCE_WORD = re.compile(r"[\w’'-]+")

NEGATIONS: dict[str, str] = {
    "not": "not", "n't": "not", "n’t": "not", "cannot": "not", "never": "never", "no": "no",
    "none": "none", "nobody": "nobody", "no one": "nobody", "nothing": "nothing",
    "neither": "neither", "nor": "nor", "without": "without", "denied": "denied",
    "denies": "denied", "deny": "denied", "denying": "denied", "refused": "refused",
    "refuse": "refused", "refuses": "refused", "refusing": "refused", "refusal": "refused",
    "failed to": "failed to", "fails to": "failed to", "failing to": "failed to",
    "fail to": "failed to", "unable to": "not", "no longer": "no longer",
}  # fmt: skip
_NEG_RE = re.compile(
    r"(?<=\w)(n['’]t)\b|\b("
    + "|".join(
        re.escape(h)
        for h in sorted(NEGATIONS, key=len, reverse=True)
        if "'" not in h and "’" not in h
    )
    + r")\b(?!\.\s*\d)",
    re.IGNORECASE,
)

_ATTR_VERBS = (
    "said|says|told|tells|reported|reports|announced|announces|confirmed|confirms|confirming|"
    "stated|states|claimed|claims|claiming|added|wrote|writes|revealed|reveals|estimated|estimates|"
    "acknowledged|acknowledging|tweeted|insisted|warned|explained|noted|testified|alleged|alleges|"
    "saying|reporting|announcing|found|showed|shows|concluded|according"
)
_AFTER_NAME_VERB = re.compile(
    rf"(?:['’]s)?\s*(?:\([A-Z][\w.&]*\)\s*)?(?:,\s*[^,]{{1,60}},\s*)?(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?P<v>{_ATTR_VERBS})\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<src>(?:[\w’'.&-]+)(?:\s+(?!from\b|in\b|on\b|at\b|that\b|which\b|who\b|since\b|last\b|this\b)[\w’'.&-]+){0,6})",
    re.IGNORECASE,
)
_BY = re.compile(
    r"\b(?P<v>reported|published|shared|released|revealed|obtained|confirmed|cited)\s+by\s+", re.I
)
_WHO_BEFORE = re.compile(
    r"\b(?P<who>he|she|they|we|i|police|officials|authorities|investigators|prosecutors|witnesses|"
    r"sources|experts|analysts|researchers|doctors|the\s+\w+)\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_SAY = _wordset(
    "said says told reported added wrote claimed confirmed stated announced insisted warned"
)
_VERB_THEN_NAME = re.compile(rf"\b(?P<v>{SPEECH_VERBS})\s+$", re.IGNORECASE)
_DETERMINERS = _wordset("a an the some several")
_TOLD = re.compile(r"\b(?P<v>told|tells|telling)\s+(?:the\s+)?$", re.IGNORECASE)
_BY_GAP = re.compile(r"(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}", re.IGNORECASE)
_ATTR_WORDS = (
    frozenset(_ATTR_VERBS.split("|"))
    | frozenset(SPEECH_VERBS.split("|"))
    | _wordset("reported published shared released revealed obtained confirmed cited")
)


@dataclass(frozen=True)
class Cue:
    """A hedge, negation or attribution found in a sentence (offsets into the text searched)."""

    start: int
    end: int
    value: str
    speaker: str | None = None
    verb: str | None = None


_HEDGE_FIRST = frozenset(h.split()[0] for h in HEDGES)
_NEG_FIRST = frozenset(h.split()[0] for h in NEGATIONS if "'" not in h and "’" not in h)


def _starts(toks: Toks, first: frozenset[str]) -> list[int]:
    return [toks.spans[k][0] for k, low in enumerate(toks.lows) if low in first]


def mentions_hedge(text: str) -> bool:
    """Whether ``text`` may hold a hedge word (a cheap test before :func:`hedges`)."""
    return _HEDGE_MENTION.found(text)


def hedges(
    text: str,
    s0: int,
    s1: int,
    taken: Sequence[tuple[int, int]] = (),
    toks: Toks | None = None,
) -> list[Cue]:
    """Hedge words in ``text[s0:s1]`` outside the spans in ``taken`` (number qualifiers, dates).

    "could not" is inability, not a hedge; a capitalised "May" inside a sentence is the month.
    """
    if toks is None:
        toks = Toks(text, s0, s1)
    if _HEDGE_FIRST.isdisjoint(toks.lows):
        return []
    out: list[Cue] = []
    last = s0
    for p in _starts(toks, _HEDGE_FIRST):
        if p < last:
            continue
        m = _HEDGE_RE.match(text, p, s1)
        if not m:
            continue
        a, b = m.start(1), m.end(1)
        last = b
        if any(x < b and a < y for x, y in taken):
            continue
        low = _SPACES.sub(" ", m.group(1).lower())
        if low == "could" and _NOT_AFTER.match(text[b : b + 8]):
            continue
        if low == "may" and m.group(1) == "May" and a > s0:
            continue
        if low == "claim" and not _THAT_TO_AFTER_CLAIM.match(text[b : b + 6]):
            continue
        if low == "possible" and not _THAT_TO_AFTER.match(text[b : b + 6]):
            continue
        if low == "accused" and not _OF_AFTER.match(text[b : b + 6]):
            continue
        out.append(Cue(a, b, HEDGES[low]))
    return out


def negations(text: str, s0: int, s1: int, toks: Toks | None = None) -> list[Cue]:
    """Negation cues: not, n't, never, no, none, nobody, without, denied, refused, failed to…"""
    if toks is None:
        toks = Toks(text, s0, s1)
    if _NEG_FIRST.isdisjoint(toks.lows) and "n't" not in toks.ltext and "n’t" not in toks.ltext:
        return []
    out: list[Cue] = []
    last = s0
    for (a, b), low in zip(toks.spans, toks.lows, strict=True):
        if a < last:
            continue
        if low[-1] == "t" and low.endswith(("n't", "n’t")) and len(low) > 3:
            out.append(Cue(b - 3, b, "not"))
            continue
        if low not in _NEG_FIRST:
            continue
        m = _NEG_RE.match(text, a, s1)
        if not m or not m.group(2):
            continue
        low = _SPACES.sub(" ", m.group(2).lower())
        a, b = m.start(2), m.end(2)
        last = b
        if low == "no" and m.group(2) == "No" and _DIGIT_AFTER.match(text[b : b + 3]):
            continue  # "No. 10"
        out.append(Cue(a, b, NEGATIONS[low]))
    return out


def _canonical_source(src: str, names: Sequence[_Name], a: int, b: int) -> str:
    inside = [n.value for n in names if a <= n.start and n.end <= b and n.kind != "norp"]
    if inside:
        return " ".join(inside)
    words = [w for w in _SOURCE_WORD.findall(src.lower()) if w not in _DETERMINERS]
    return " ".join(words)


def attributions(
    text: str,
    s0: int,
    s1: int,
    names: Sequence[_Name],
    toks: Toks | None = None,
) -> list[Cue]:
    """Who the sentence says said or reported it: "according to X", "X said", "said X",
    "published by X", "X, a spokesman, said". ``speaker`` is the source as written, ``value``
    its canonical form (the names inside, lower case), ``verb`` the reporting verb."""
    out: list[Cue] = []
    seen: set[tuple[int, int]] = set()

    def add(a: int, b: int, src_a: int, src_b: int, verb: str) -> None:
        if (a, b) in seen:
            return
        seen.add((a, b))
        src = text[src_a:src_b].strip(" ,")
        out.append(Cue(a, b, _canonical_source(src, names, src_a, src_b), src, verb.lower()))

    if toks is None:
        toks = Toks(text, s0, s1)
    according = "according" in toks.ltext
    if not according and _ATTR_WORDS.isdisjoint(toks.lows):
        return out
    if according:
        for am in _ACCORDING.finditer(text, s0, s1):
            end = am.end("src")
            while end > am.start("src") and text[end - 1] in ".,;:!?":
                end -= 1  # "according to a 2025 CSIS report." ends before the full stop
            add(am.start(), end, am.start("src"), end, "according to")
    has_by = "by" in toks.lows
    for n in names:
        if n.kind == "norp" or not (s0 <= n.start < s1):
            continue
        m = _AFTER_NAME_VERB.match(text, n.end, s1)
        if m and m.group("v").lower() != "according":
            add(n.start, m.end("v"), n.start, n.end, m.group("v"))
            continue
        vm = _VERB_THEN_NAME.search(text, max(s0, n.start - 20), n.start)
        if vm and (vm.start() == s0 or text[s0 : vm.start()].rstrip()[-1:] in (",", "—", "–")):
            add(vm.start("v"), n.end, n.start, n.end, vm.group("v"))
            continue
        tm = _TOLD.search(text, max(s0, n.start - 12), n.start)
        if tm and (n.kind == "org" or text[n.start : n.end].isupper()):
            # "he told the New York Times", "told the BBC": the outlet that reports it
            add(tm.start("v"), n.end, n.start, n.end, tm.group("v"))
            continue
        if not has_by:
            continue
        bms = list(_BY.finditer(text, max(s0, n.start - 50), n.start))
        bm = bms[-1] if bms else None
        if bm and _BY_GAP.fullmatch(text, bm.end(), n.start):
            add(bm.start(), n.end, n.start, n.end, bm.group("v"))
    for (a, b), low in zip(toks.spans, toks.lows, strict=True):
        if low not in _SAY:
            continue
        pm = _WHO_BEFORE.search(text, max(s0, a - 40), a)
        if pm is None or any(x <= pm.start() < y for x, y in seen):
            continue
        add(pm.start(), b, pm.start("who"), pm.end("who"), text[a:b])
    out.sort(key=lambda c: c.start)
    return out
