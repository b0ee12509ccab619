"""Negation and antonym comparisons: a rewrite word that says the opposite of the source's.

Why a module of its own: these are token-level diffs against the lexicon (antonyms, valence),
independent of the fact slots ``rules.py`` compares; ``Rules.check`` decides which source
sentences to diff and builds the findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from operator import itemgetter

from retell.check.text import Lexicon, Token

STRICT_NEG = frozenset(
    ["not", "n't", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot"]
)
# stop words that still carry a fact: "before" for "after" moves an event (he/she was tried:
# no gain on audit-dev, two false alarms)
FUNCTION_CONTRASTS = frozenset(["before", "after", "above", "below", "inside", "outside"])


# words that deny what follows them, as a negation does
_DENIALS = frozenset(
    ["unlikely", "fail", "refuse", "without", "lack", "unable", "hardly", "barely", "deny"]
    + ["decline", "prevent", "stop"]
)
# … and those of them a rewrite may deny with where the source affirms ("failed to capture")
_DENYING = frozenset(["fail", "unable", "prevent"])


_LOWER = itemgetter(1)  # Token.lower and Token.lemma, read in C
_LEMMA = itemgetter(2)


def compared(t: Token) -> bool:
    return t.content or t.lower in FUNCTION_CONTRASTS


def antonym_swaps(
    rtoks: Sequence[Token], stoks: Sequence[Token], lex: Lexicon
) -> list[tuple[Token, Token]]:
    """Words the rewrite put in place of their antonym (aligned by a word-level diff)."""
    out: list[tuple[Token, Token]] = []
    sl = set(map(_LEMMA, stoks))
    if sl.issuperset(map(_LEMMA, rtoks)):
        return out  # every rewrite word is the source's: none stands in for an opposite
    cands = [t for t in rtoks if t.lemma not in sl and compared(t) and _may_swap(t, lex)]
    if not cands:
        return out
    ra = [t.lemma for t in rtoks]
    rl = set(ra)
    if not _any_opposite(cands, stoks, rl, lex):
        return out  # no word with an opposite on the other side: the diff would find nothing
    sa = [t.lemma for t in stoks]
    may = set(cands)  # only these can pass a test below (the others are skipped unread)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ra, sa, autojunk=False).get_opcodes():
        if op != "replace":
            continue
        for t in rtoks[i1:i2]:
            if t not in may:
                continue
            vt = valence(lex, t)
            for st in stoks[max(j1 - 1, 0) : j2 + 1]:
                if not compared(st) or st.lemma in rl:
                    continue
                if (
                    lex.antonym(t.lemma, st.lemma)
                    or lex.antonym(t.lower, st.lower)
                    or _compound_swap(t.lower, st.lower, lex)
                ):
                    out.append((t, st))
                    break
                vs = valence(lex, st)
                if vt * vs <= -1.5 and abs(vt) >= 1.0 and abs(vs) >= 1.0 and j2 - j1 <= 3:
                    out.append((t, st))  # troubled -> triumphant: valence flips
                    break
    return out


def _may_swap(t: Token, lex: Lexicon) -> bool:
    """Whether a word can be found swapped at all: it has an antonym (by lemma or form), is a
    hyphenated compound, or has a clear valence — each test of the diff needs one of these."""
    return (
        t.lemma in lex.antonyms
        or t.lower in lex.antonyms
        or "-" in t.lower
        or abs(valence(lex, t)) >= 1.0
    )


def _any_opposite(cands: list[Token], stoks: Sequence[Token], rl: set[str], lex: Lexicon) -> bool:
    """Whether some source word passes one of the diff's tests against some candidate (a
    superset of what the diff finds, as it ignores where the words stand): when none does, the
    diff is skipped. Source words the rewrite also says (lemmas ``rl``) are skipped, as the diff
    skips them; the antonym tests first: the source's valences are read only for a candidate
    with a clear valence of its own."""
    comp = [
        st for st in stoks if (st.content or st.lower in FUNCTION_CONTRASTS) and st.lemma not in rl
    ]
    s_lemmas = {st.lemma for st in comp}
    s_lowers = {st.lower for st in comp}
    hyphen: list[str] | None = None
    vals: set[float] | None = None
    for t in cands:
        ants = lex.antonyms.get(t.lemma)
        if ants is not None and not ants.isdisjoint(s_lemmas):
            return True
        ants = lex.antonyms.get(t.lower)
        if ants is not None and not ants.isdisjoint(s_lowers):
            return True
        if "-" in t.lower:
            if hyphen is None:
                hyphen = [x for x in s_lowers if "-" in x]
            if any(_compound_swap(t.lower, x, lex) for x in hyphen):
                return True
        vt = valence(lex, t)
        if abs(vt) >= 1.0:
            if vals is None:
                vals = {v for st in comp if abs(v := valence(lex, st)) >= 1.0}
            if any(vt * vs <= -1.5 for vs in vals):
                return True
    return False


def _compound_swap(a: str, b: str, lex: Lexicon) -> bool:
    """Hyphenated compounds that differ in one part, those parts opposites ("one-month" for
    "one-year", "left-wing" for "right-wing")."""
    if "-" not in a or "-" not in b:
        return False
    pa, pb = a.split("-"), b.split("-")
    if len(pa) != len(pb):
        return False
    diff = [(x, y) for x, y in zip(pa, pb, strict=True) if x != y]
    return len(diff) == 1 and lex.antonym(*diff[0])


def valence(lex: Lexicon, t: Token) -> float:
    return lex.valence.get(t.lower) or lex.valence.get(t.lemma) or 0.0


def negation_flip(
    rtoks: Sequence[Token], stoks: Sequence[Token]
) -> tuple[Token, Token, bool] | None:
    """A negation present on one side only, next to a word both sides share.

    Returns (rewrite token, source token, dropped?) — dropped when the source negates and the
    rewrite does not; the rewrite token is then the shared word, the source token the negation.
    """
    # each test below starts from a negation (or a denying word) of one side: most sentence
    # pairs have none, and need none of the position tables
    r_neg = not (
        STRICT_NEG.isdisjoint(map(_LOWER, rtoks)) and _DENYING.isdisjoint(map(_LEMMA, rtoks))
    )
    s_neg = not STRICT_NEG.isdisjoint(map(_LOWER, stoks))
    if not r_neg and not s_neg:
        return None

    def negated(seq: Sequence[Token], k: int) -> bool:
        return any(t.lower in STRICT_NEG for t in seq[max(0, k - 4) : k])

    def denied(seq: Sequence[Token], k: int) -> bool:
        """The source says it is not so a little further back ("was not deemed to be a
        threat") or with a word that denies it ("is unlikely to recapture")."""
        return any(t.lower in STRICT_NEG or t.lemma in _DENIALS for t in seq[max(0, k - 7) : k])

    def heads(seq: Sequence[Token], k: int) -> list[Token]:
        out = [t for t in seq[k + 1 : k + 5] if t.content and t.lower.isalpha()][:2]
        return out

    if r_neg:
        s_pos: dict[str, list[int]] = {}
        for k, t in enumerate(stoks):
            if t.content:
                s_pos.setdefault(t.lemma, []).append(k)
        s_only = any(t.lower == "only" for t in stoks)
        for k, t in enumerate(rtoks):
            if t.lower in STRICT_NEG or t.lemma in _DENYING:
                if s_only and any(x.lower in ("until", "till") for x in rtoks[k : k + 9]):
                    continue  # "not … until 1997" says what "only after 1997" says
                for h in heads(rtoks, k):
                    occ = s_pos.get(h.lemma, [])
                    if occ and not any(denied(stoks, j) for j in occ):
                        return t, stoks[occ[0]], False
    if not s_neg:
        return None
    r_pos: dict[str, list[int]] = {}
    for k, t in enumerate(rtoks):
        if t.content:
            r_pos.setdefault(t.lemma, []).append(k)
    for k, t in enumerate(stoks):
        if t.lower in STRICT_NEG:
            # dropped: the negated word must be an ordinary word (a name after "not" is rarely
            # what is negated) said in the same context — a content word just before the
            # negation also next to it in the rewrite — or any later mention counts as a flip
            before = {x.lemma for x in stoks[max(0, k - 4) : k] if x.content}
            for h in heads(stoks, k):
                if h.text[:1].isupper() and k > 0:
                    continue
                occ = [
                    j
                    for j in r_pos.get(h.lemma, [])
                    if before & {x.lemma for x in rtoks[max(0, j - 6) : j + 3] if x.content}
                ]
                if occ and not any(negated(rtoks, j) for j in occ):
                    return rtoks[occ[0]], t, True
    return None
