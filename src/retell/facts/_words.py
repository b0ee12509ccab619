"""Small shared helpers for the facts modules: word sets, the tokeniser, the article vocabulary.

Every extractor scans the same tokens of a sentence and tries its (anchored) regular expression
only where a token could start its kind of fact — a digit, a month, "about", "said". Anchored
matches at a handful of positions cost far less than scanning each sentence with several large
alternations, which is what keeps a whole article near a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# Acronyms with dots (U.S.), title abbreviations before a name (Dr. Smith), words with inner
# apostrophes and hyphens, or any other single non-space character.
# The lookahead lets most tokens skip the abbreviation alternatives at once.
TOKEN = re.compile(
    r"(?=[A-Z][A-Za-z]{0,3}\.)(?:(?:[A-Z]\.){2,}"
    r"|(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Prof|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Rev|Pres|St|Jr)\.(?= [A-Z]))"
    r"|[\w][\w'’]*(?:-[\w'’]+)*|\S"
)


_DIGIT = re.compile(r"\d")
# The only characters IGNORECASE matching folds other than ``str.lower`` does (İ, ı, ſ match
# i, i, s there), found by comparing the two over every code point.
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")


def any_word(words: Iterable[str]) -> str:
    """A pattern for ``\\b(?:w1|w2|…)\\b`` (lower-case words or phrases, each opening on a
    letter) that opens on the word's first letter instead of on ``\\b``: the engine then skips
    in C to the next letter some word starts with, 1.5x faster on a sentence. The boundary
    before the word is the look-behind after its first letter (no word character before it)."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        if not w[:1].isalpha() or w != w.lower():
            raise ValueError(f"any_word needs lower-case words opening on a letter: {w!r}")
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    groups = [
        f"{re.escape(c)}(?<!\\w{re.escape(c)})(?:{'|'.join(rests)})"
        for c, rests in sorted(by_first.items())
    ]
    return "(?:" + "|".join(groups) + r")\b"


class Caseless:
    """A case-insensitive ``search`` run as a case-sensitive one over the lower-cased text.

    Why: with IGNORECASE the regex engine tries every alternative at every position; without
    it, it skips positions no alternative can start at, three to five times faster on a
    sentence. The answer is the same: ``str.lower`` folds every character as IGNORECASE does
    except the three of ``_FOLDS_APART``, and a text holding one of them is searched the slow
    way. The pattern must be written in lower case.
    """

    __slots__ = ("_ci", "_low")

    def __init__(self, pattern: str) -> None:
        if pattern != pattern.lower():
            raise ValueError(f"Caseless needs a lower-case pattern: {pattern[:40]!r}")
        self._ci = re.compile(pattern, re.IGNORECASE)
        self._low = re.compile(pattern)

    def found(self, text: str) -> bool:
        """Whether the pattern matches anywhere in ``text``, case ignored."""
        if text.isascii() or _FOLDS_APART.search(text) is None:
            return self._low.search(text.lower()) is not None
        return self._ci.search(text) is not None


def wordset(words: str) -> frozenset[str]:
    """A set from a space-separated word list (keeps long vocabularies readable)."""
    return frozenset(words.split())


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans of ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    return [m.span() for m in TOKEN.finditer(text, start, end)]


class Vocab:
    """Is a word used in lower case somewhere in the text? Answered lazily and remembered.

    A capitalised sentence-initial word that the article also writes in lower case ("Footage",
    "Soldiers") is an ordinary word, not a name.
    """

    __slots__ = ("_text", "_memo", "_named")

    def __init__(self, text: str) -> None:
        self._text = text
        self._memo: dict[str, bool] = {}
        self._named: dict[str, bool] = {}

    def named(self, word: str) -> bool:
        """Is capitalised ``word`` used mid-sentence somewhere ("… told Banks", "by Green,")?
        Then it is a name at a sentence start too, even if it is also an English word."""
        hit = self._named.get(word)
        if hit is None:
            hit = self._named[word] = self._find_named(word)
        return hit

    def _find_named(self, word: str) -> bool:
        text, n = self._text, len(word)
        i = text.find(word, 2)
        while i >= 0:
            after = text[i + n] if i + n < len(text) else " "
            if (
                text[i - 1] == " "
                and not after.isalpha()
                and (text[i - 2].isalpha() or text[i - 2] == ",")
            ):
                k = i - 2  # the word before: lower case, or ending in a comma
                while k > 0 and not text[k - 1].isspace():
                    k -= 1
                if text[k].islower() or text[i - 2] == ",":
                    return True
            i = text.find(word, i + 1)
        return False

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        hit = self._memo.get(word)
        if hit is None:
            hit = self._memo[word] = self._find(word)
        return hit

    def _find(self, word: str) -> bool:
        text, n = self._text, len(word)
        i = text.find(word)
        while i >= 0:
            before = text[i - 1] if i else " "
            after = text[i + n] if i + n < len(text) else " "
            if not before.isalpha() and not after.isalpha():
                return True
            i = text.find(word, i + 1)
        return False


class Toks:
    """The tokens of one sentence, computed once and shared by every extractor."""

    __slots__ = ("spans", "words", "lows", "ltext", "digits")

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        end = len(text) if end is None else end
        found = list(TOKEN.finditer(text, start, end))  # C-level maps below, no Python loops
        self.spans: list[tuple[int, int]] = list(map(re.Match.span, found))
        self.words: list[str] = list(map(re.Match.group, found))
        self.lows: list[str] = list(map(str.lower, self.words))
        self.ltext = text[start:end].lower()
        self.digits = _DIGIT.search(text, start, end) is not None


_NO_LEMMAS: dict[str, tuple[str, ...]] = {}
_Table = dict[str, dict[str, tuple[str, ...]]]  # word -> part of speech -> lemmas


@lru_cache(maxsize=100_000)
def all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's dictionary lemmas of a word by part of speech ({"VERB": ("rise",)}), read
    straight from its tables (``getAllLemmas`` deep-copies its answer on every call, which cost
    more than the rest of a look-up) and cached per word. Treat the result as read-only.

    A new word (most of an article's, the first time) is a miss: two dict look-ups and one
    small dict built, with no copy of a table entry that overrides do not touch."""
    low = word.lower()
    table, overrides = _tables()
    base = table.get(low)
    over = overrides.get(low)
    if base and over:
        merged = {**base, **over}
    elif base:
        merged = base
    elif over:
        merged = over
    else:
        return _NO_LEMMAS
    return {k: tuple(map(str.lower, v)) for k, v in merged.items()}


@lru_cache(maxsize=1)
def _tables() -> tuple[_Table, _Table]:
    """lemminflect's lemma table and its overrides, loaded on first use."""
    lu = _lemmatizer()
    return lu._getLemmaDict(), lu._getOverridesDict()


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    from lemminflect import Lemmatizer

    return Lemmatizer()
