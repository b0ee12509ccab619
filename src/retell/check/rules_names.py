"""The name rules: whether a rewrite's names are the source's, here, elsewhere, or nowhere.

Why a module of its own: a name is found by more than its words — a surname alone, a derivation
or demonym ("British" for "UK"), a near form ("Russia" for "Russian"), an acronym — and the look-
ups that settle it are remembered per source; ``Rules`` (``rules.py``) inherits them and adds the
name findings to the other slots' at their place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from retell.check import extract as X
from retell.check.align import SourceIndex
from retell.check.figures import FigureRules
from retell.check.model import Finding, Span
from retell.check.sources import SourceFacts
from retell.check.text import is_word, lexicon

_DEMONYMS = {
    "british": {"uk", "britain"},
    "uk": {"britain", "british"},
    "britain": {"uk", "british"},
    "french": {"france"},
    "dutch": {"netherlands", "holland"},
    "welsh": {"wales"},
    "scottish": {"scotland"},
    "irish": {"ireland"},
    "swiss": {"switzerland"},
    "greek": {"greece"},
    "spanish": {"spain"},
    "american": {"us", "usa", "america"},
    "us": {"american", "america", "usa"},
    "chinese": {"china"},
    "japanese": {"japan"},
    "german": {"germany"},
    "italian": {"italy"},
    "turkish": {"turkey"},
    "israeli": {"israel"},
    "iraqi": {"iraq"},
    "afghan": {"afghanistan"},
}

# the initials of the connectors a name may hold that ``extract.acronym`` keeps: da, del, der,
# du, van, von, al, el, bin, la, le, y
_CONNECTOR_INITIALS = frozenset("dvaebly")


@lru_cache(maxsize=1024)
def _as_word(w: str) -> re.Pattern[str]:
    """``w`` as a whole word of lower-case text, a dot allowed after each letter (u.s. for us)."""
    return re.compile(r"(?<!\w)" + r"\.?".join(map(re.escape, w)) + r"\.?(?!\w)")


class NameRules(FigureRules):
    """The name look-ups and findings, bound to one source (its index and facts)."""

    def __init__(self, index: SourceIndex, facts: SourceFacts) -> None:
        super().__init__(index, facts)
        self._where_memo: dict[tuple[str, bool], frozenset[int]] = {}
        self._naming_memo: dict[tuple[tuple[str, ...], str], frozenset[int] | None] = {}
        self._spelled: dict[int, tuple[str, frozenset[str] | None]] = {}

    def name_in(self, name: X.Name, sents: Sequence[int]) -> bool:
        """Whether a name is given in these source sentences: the full name, each of its words
        (a person by surname, "President Zelensky"), an acronym (CSIS, U.K.) or a demonym."""
        common = self._naming(name.words, name.text)
        return common is None or not common.isdisjoint(sents)

    def _named_anywhere(self, name: X.Name) -> bool:
        """:meth:`name_in` for every source sentence."""
        common = self._naming(name.words, name.text)
        return common is None or bool(common)

    def _naming(self, words: tuple[str, ...], text: str) -> frozenset[int] | None:
        """The sentences giving every word of a name (None: it has no word to look for);
        remembered per name, which the rules ask about for the window, near it and anywhere."""
        key = (words, text)
        if key in self._naming_memo:
            return self._naming_memo[key]
        ws = [w.replace(".", "") for w in words if w not in ("of", "for", "and", "the", "de")]
        ws = [w for w in ws if w]
        got: frozenset[int] | None = None
        if ws:
            common: set[int] | None = None
            caps = text.replace(".", "")
            for w in ws:
                # an acronym of a source name: CSIS, UN (or any short word in lower-case text)
                acr = len(w) <= 6 and (w.upper() in caps or (caps.islower() and len(w) <= 4))
                where = self._where(w, acr)
                common = set(where) if common is None else common & where
                if not common:
                    break
            got = frozenset(common or ())
        self._naming_memo[key] = got
        return got

    def _where(self, w: str, acronym: bool) -> frozenset[int]:
        """The source sentences that give name word ``w``: the word itself, a derivation or
        demonym, its stem before a hyphen, a near form of a name word there, or — when none
        does — an acronym of a name there. Postings first; names only where needed."""
        got = self._where_memo.get((w, acronym))
        if got is not None:
            return got
        ix = self.ix
        out = ix.sentences_naming(w)
        for related in (lexicon().derived.get(w, ()), _DEMONYMS.get(w, ())):
            for r in related:
                out.update(ix.sentences_naming(r))
        base = w.split("-")[0]
        if base != w:
            out.update(ix.sentences_naming(base))
        if not out and len(w) >= 6:  # Russian/Russia, English/England: only against names
            for x in ix.words_like(w):
                out.update(i for i in ix.sentences_naming(x) if x in self.sf.name_words[i])
        if not out and acronym and len(w) >= 2 and w.isalnum():
            out.update(
                i
                for i in range(len(ix.sentences))
                if self._may_spell(w, i) and w in self.sf.acronyms[i]
            )
        got = self._where_memo[(w, acronym)] = frozenset(out)
        return got

    def _may_spell(self, w: str, i: int) -> bool:
        """False only when source sentence i cannot have ``w`` among its names' acronyms
        (``SourceFacts.acronyms``), read off its text without extracting
        its names: the scan for an acronym reads every sentence, and most are ruled out here.

        A name's words are its tokens in lower case, each opening on a capital (or a connector:
        "van", "al", "bin"…). So the initials need a capital for each letter of ``w`` (or a
        connector's initial), and a last word ``w`` must be a word of the lower-cased text, dots
        aside (U.S.). Texts whose lower case is not letter for letter (dotted capital I, Greek
        capital sigma) are not ruled out.
        """
        got = self._spelled.get(i)
        if got is None:
            text = self.ix.sentences[i].text
            lower = text.lower()
            upper: frozenset[str] | None = None
            if len(lower) == len(text) and "\u03a3" not in text:
                upper = frozenset(map(str.lower, filter(str.isupper, set(text))))
            got = self._spelled[i] = (lower, upper)
        low, caps = got
        if caps is None:
            return True
        if all(c in caps or c in _CONNECTOR_INITIALS for c in w):
            return True
        return _as_word(w).search(low) is not None

    def _names(
        self,
        fs: X.Facts,
        start: int,
        text: str,
        qspans: Sequence[tuple[int, int]],
        win: Sequence[int],
        near: Sequence[int],
        rspan: Callable[[int, int], Span],
    ) -> tuple[list[Finding], int, int, int]:
        """The findings on the rewrite sentence's names, and how many are given nowhere, only
        elsewhere in the source, or without the first name the writer added."""
        n_abs = n_far = n_first = 0
        lex = lexicon()
        out: list[Finding] = []
        for name in X.names(fs, start):
            if len(name.words) == 1 and name.text.islower() and name.words[0] in lex.senses:
                continue  # lower-case text: a word WordNet knows is no name
            if any(a <= name.start and name.end <= b for a, b in qspans):
                continue
            if self.name_in(name, win):
                continue
            if self._named_anywhere(name):
                n_far += 1
                wnames = [
                    n
                    for i in win
                    for n in self.sf.names[i]
                    if not self._rew_has(n, text) and not self._one_name(n, name)
                ]
                literal = all(
                    self.ix.sentences_naming(w.replace(".", ""))
                    for w in name.words
                    if w not in ("of", "for", "and", "the", "de")
                )
                # named elsewhere only through a demonym or a derivation ("U.K." for a far
                # "British"): too loose to say the window's own name was replaced
                if wnames and literal and not self.name_in(name, near):
                    src = wnames[0]
                    out.append(
                        Finding(
                            "entity_changed",
                            "error",
                            f"“{name.text}” is not who/what the source names here (“{src.text}”)",
                            rspan(name.start, name.end),
                            Span(src.text, src.start, src.end, self._sent_of(src.start)),
                        )
                    )
                continue
            if self._given_name_only(name, near):
                n_first += 1
                out.append(
                    Finding(
                        "name_unsupported",
                        "warning",
                        f"the source never gives the first name “{name.text.split()[0]}”",
                        rspan(name.start, name.start + len(name.text.split()[0])),
                    )
                )
                continue
            n_abs += 1
            out.append(
                Finding(
                    "name_unsupported",
                    "error",
                    f"“{name.text}” appears nowhere in the source",
                    rspan(name.start, name.end),
                )
            )
        return out, n_abs, n_far, n_first

    def _given_name_only(self, name: X.Name, near: Sequence[int]) -> bool:
        """A full name whose surname the source gives here but whose first name it never does
        ("Alan Curtis" for the source's "Curtis"): a writer's outside knowledge, not an invented
        person — a warning, not an error."""
        words = name.words
        parts = name.text.split()
        if (
            len(words) != 2
            or len(parts) != 2
            or not parts[0].isalpha()
            or not parts[0][:1].isupper()
            or parts[0].isupper()
            or is_word(words[1])  # "Coma Cluster", "UFO Media": a thing's name, not a person's
            or self._where(words[0], False)
        ):
            return False
        sub = X.Name(parts[1], name.end - len(parts[1]), name.end, words[1:])
        if not self.name_in(sub, near):
            return False
        # the source giving this surname another first name is a changed person, not a gap
        for i in self.ix.sentences_naming(words[1]):
            for n in self.sf.names[i]:
                if len(n.words) >= 2 and n.words[-1] == words[1] and n.words[0] != words[0]:
                    return False
        return True

    def _sent_of(self, pos: int) -> int:
        for s in self.ix.sentences:
            if s.start <= pos < s.end:
                return s.index
        return 0

    def _one_name(self, a: X.Name, b: X.Name) -> bool:
        """Whether two names are parts of one name the source gives ("Jack" and "Thompson" of
        "Jack Thompson"): the window calling him "Jack" names no one else."""
        w = self.sf.words
        return f" {a.words[-1]} {b.words[0]} " in w or f" {b.words[-1]} {a.words[0]} " in w

    def _surname_in(self, name: X.Name, i: int) -> bool:
        """A full name the source gives, its last word in sentence i ("Jurgen Klopp" for the
        source's "Dortmund manager Klopp says")."""
        return (
            len(name.words) > 1
            and i in self.ix.sentences_naming(name.words[-1].replace(".", ""))
            and self._named_anywhere(name)
        )

    @staticmethod
    def _rew_has(name: X.Name, text: str) -> bool:
        return name.words[-1] in text.lower()
