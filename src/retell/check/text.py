"""Words for the check: tokens with offsets, lemmas, stop words and the WordNet relations.

Why its own tokenizer: the check needs character offsets into the text as given (findings point
into the user's file) and must run in well under a millisecond per sentence, so a single regular
expression and cached lemmas, nothing heavier.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# a word, a figure, or any other character; words first (the commonest: the engine then fails one
# alternative less per word; a character opens at most one of the first two, so the same tokens)
_WORD = re.compile(
    r"[A-Za-z\u00c0-\u024f]+(?:[.'\u2019-][A-Za-z\u00c0-\u024f]+)*\.?|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?|\S"
)

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "then",
        "than",
        "so",
        "as",
        "of",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "on",
        "onto",
        "to",
        "with",
        "without",
        "about",
        "above",
        "after",
        "against",
        "along",
        "among",
        "around",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "during",
        "except",
        "inside",
        "near",
        "off",
        "out",
        "outside",
        "over",
        "past",
        "since",
        "through",
        "throughout",
        "till",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "within",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "itself",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "we",
        "us",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "whoever",
        "whatever",
        "be",
        "been",
        "being",
        "am",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "ought",
        "also",
        "just",
        "only",
        "very",
        "too",
        "quite",
        "rather",
        "such",
        "both",
        "each",
        "either",
        "neither",
        "all",
        "any",
        "some",
        "few",
        "more",
        "most",
        "other",
        "another",
        "own",
        "same",
        "s",
        "'s",
        "t",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "one",
        "ones",
        "which",
        "while",
        "whereas",
        "because",
        "though",
        "although",
        "however",
        "yet",
        "still",
        "even",
        "ever",
        "again",
        "further",
        "once",
        "not",
        "no",
        "nor",
        "never",
        "n't",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "declare",
        "declared",
        "declares",
        "insist",
        "insisted",
        "add",
        "added",
        "explain",
        "explained",
        "note",
        "noted",
        "remark",
        "remarked",
    ]
)
NEGATIONS = frozenset(
    [
        "not",
        "n't",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "nowhere",
        "cannot",
        "without",
        "lack",
        "lacks",
        "lacked",
        "fail",
        "fails",
        "failed",
        "deny",
        "denies",
        "denied",
        "refuse",
        "refused",
        "refuses",
    ]
)
_IRREGULAR = {"n't": "not", "ca": "can", "wo": "will", "'s": "'s", "men": "man", "women": "woman"}


class Token(NamedTuple):
    """A word of a text: surface form, lower case, lemma, character offsets, and whether it is a
    content word (not a stop word or punctuation). A tuple: the check makes tens of thousands."""

    text: str
    lower: str
    lemma: str
    start: int
    end: int
    content: bool


def words(text: str) -> list[str]:
    """The word strings of ``text`` as :func:`tokens` splits them (fast: no offsets, no objects).

    Without an apostrophe in the text no word splits in two: only a final dot is dropped (not
    an abbreviation's: U.S., e.g.), in one comprehension instead of the loop below."""
    found = _WORD.findall(text)
    if "'" not in text and "\u2019" not in text:
        return [t[:-1] if t[-1] == "." and len(t) > 2 and "." not in t[:-1] else t for t in found]
    out = []
    for t in found:
        if t[-1] == "." and len(t) > 1 and not _is_abbrev(t):
            t = t[:-1]
        if ("'" in t or "\u2019" in t) and len(t) > 3:
            low = t.lower().replace("\u2019", "'")
            if low.endswith("n't"):
                out += [t[:-3], "n't"]
                continue
            if low.endswith("'s"):
                out += [t[:-2], "'s"]
                continue
        out.append(t)
    return out


def word_set(low_text: str) -> set[str]:
    """The distinct words of lower-case text, as :func:`words` splits them: one C-level pass,
    then only tokens with a final dot or an apostrophe are split again."""
    ws = set(_WORD.findall(low_text))
    odd = [t for t in ws if t[-1] == "." or "'" in t or "\u2019" in t]
    for t in odd:
        ws.discard(t)
        ws.update(words(t))
    return ws


@lru_cache(maxsize=200_000)
def word_info(low: str) -> tuple[str, bool]:
    """(lemma, is a content word) of a lower-case word; cached."""
    low = low.replace("\u2019", "'")
    if low == "n't":
        return "not", False
    if low == "'s":
        return "'s", False
    return _info(low)


@lru_cache(maxsize=200_000)
def _info(low: str) -> tuple[str, bool]:
    lem = lemma(low)
    return lem, lem not in STOP and low[:1].isalnum()


_new = tuple.__new__  # a Token made in C: NamedTuple's own __new__ is a Python function


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; offsets are shifted by ``offset`` (a sentence's start in its document).

    A matched word's fields are looked up in :data:`_FIELDS` (one dict look-up instead of the
    checks below); a word that splits in two (didn't, it's) is read the long way each time."""
    out: list[Token] = []
    add, info, new, tok, known = out.append, _info, _new, Token, _FIELDS.get
    for m in _WORD.finditer(text):
        t = m.group()
        a = offset + m.start()
        x = known(t, _UNSEEN)
        if x is _UNSEEN:
            x = _fields(t)
        if x is not None:
            word, low, lem, n, c = x
            add(new(tok, (word, low, lem, a, a + n, c)))
            continue
        if t[-1] == "." and len(t) > 1 and not _is_abbrev(t):
            t = t[:-1]
        low = t.lower()
        if "\u2019" in low:
            low = low.replace("\u2019", "'")
        if low.endswith("n't"):  # didn't -> did + n't (the negation counts)
            k = len(t) - 3
            lem, c = info(low[:k])
            add(new(tok, (t[:k], low[:k], lem, a, a + k, c)))
            add(new(tok, (t[k:], "n't", "not", a + k, a + len(t), False)))
        else:  # it's -> it + 's
            k = len(t) - 2
            lem, c = info(low[:k])
            add(new(tok, (t[:k], low[:k], lem, a, a + k, c)))
            add(new(tok, (t[k:], "'s", "'s", a + k, a + len(t), False)))
    return out


# a matched word's (text, lower case, lemma, length, is content) as one token, or None when it
# splits in two (didn't, it's): filled by _fields, cleared when it grows past 200,000 words
_FIELDS: dict[str, tuple[str, str, str, int, bool] | None] = {}
_UNSEEN: tuple[str, str, str, int, bool] = ("", "", "", -1, False)  # told apart by identity


def _fields(t: str) -> tuple[str, str, str, int, bool] | None:
    """What :func:`tokens` makes of matched word ``t`` (None: it splits), remembered."""
    key = t
    if t[-1] == "." and len(t) > 1 and not _is_abbrev(t):
        t = t[:-1]
    low = t.lower()
    if "\u2019" in low:
        low = low.replace("\u2019", "'")
    got: tuple[str, str, str, int, bool] | None = None
    if not ("'" in low and len(low) > 3 and (low.endswith("n't") or low.endswith("'s"))):
        lem, c = _info(low)
        got = (t, low, lem, len(t), c)
    if len(_FIELDS) >= 200_000:
        _FIELDS.clear()
    _FIELDS[key] = got
    return got


def _is_abbrev(t: str) -> bool:
    return "." in t[:-1] or len(t) <= 2


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """A lemma for a lower-case word (verbs and nouns via lemminflect; cached)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if not word.isalpha() or len(word) < 3:
        return word
    from retell.facts._words import all_lemmas as getAllLemmas  # noqa: N812

    lem = getAllLemmas(word)
    verb = lem.get("VERB") or lem.get("AUX")
    if verb and verb[0] != word:  # an inflected verb ("rose", "fell", "saw"): the verb's lemma
        return str(verb[0])
    for pos in ("NOUN", "VERB", "AUX", "ADJ", "ADV"):
        if pos in lem:
            return str(lem[pos][0])
    return word


class Lexicon:
    """WordNet relations from the packaged table: synonyms, generalisations, antonyms, derivations."""

    def __init__(self, lines: list[str]) -> None:
        section = ""
        syn_words: list[list[str]] = []
        syn_hyper: list[list[int]] = []
        self.senses: dict[str, tuple[int, ...]] = {}
        self.antonyms: dict[str, set[str]] = {}
        self.derived: dict[str, set[str]] = {}
        self.valence: dict[str, float] = {}  # VADER sentiment, -4..4
        for line in lines:
            if line.startswith("#"):
                section = line[1:].strip()
                continue
            if section == "syn":
                ws, _, hs = line.partition("|")
                syn_words.append(ws.split())
                syn_hyper.append([int(h) for h in hs.split()])
            elif section == "sense":
                w, *ids = line.split()
                self.senses[w] = tuple(int(i) for i in ids)
            elif section == "val":
                w, v = line.split()
                self.valence[w] = float(v)
            elif section in ("ant", "der"):
                a, b = line.split()
                table = self.antonyms if section == "ant" else self.derived
                table.setdefault(a, set()).add(b)
                table.setdefault(b, set()).add(a)
        self._hyper = syn_hyper
        self._words = syn_words

    def related(self, word: str) -> frozenset[str]:
        """Words that may stand for ``word`` in a faithful paraphrase (synonyms, derivations)."""
        return _related(self, word)

    def broader(self, word: str) -> frozenset[int]:
        """Synset ids of ``word`` and of their hypernyms up to two levels (for generalisations)."""
        return _broader(self, word)

    def synsets(self, word: str) -> tuple[int, ...]:
        return self.senses.get(word, ())

    def antonym(self, a: str, b: str) -> bool:
        return b in self.antonyms.get(a, ())


@lru_cache(maxsize=100_000)
def _related(lex: Lexicon, word: str) -> frozenset[str]:
    out = {word}
    for s in lex.senses.get(word, ())[:6]:
        out.update(lex._words[s])
    out.update(lex.derived.get(word, ()))
    return frozenset(out)


@lru_cache(maxsize=100_000)
def _broader(lex: Lexicon, word: str) -> frozenset[int]:
    out: set[int] = set(lex.senses.get(word, ()))
    frontier = list(out)
    for _ in range(2):
        nxt = [h for s in frontier for h in lex._hyper[s]]
        out.update(nxt)
        frontier = nxt
    return frozenset(out)


@lru_cache(maxsize=100_000)
def is_word(word: str) -> bool:
    """Whether a lower-case word is ordinary English (lemminflect knows it), not a proper name."""
    from retell.facts._words import all_lemmas as getAllLemmas  # noqa: N812

    return bool(getAllLemmas(word)) or word in STOP


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged WordNet table, loaded once per process (~0.3 s)."""
    try:
        data = resources.files("retell.data").joinpath("lexicon.txt.gz").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):  # pragma: no cover - broken install
        return Lexicon([])
    return Lexicon(gzip.decompress(data).decode("utf-8").splitlines())
