"""One cached door to lemminflect: the write stage asks about the same few thousand words often.

Why not just ``lemminflect.getAllLemmas``: it deep-copies its table entries on every call, which
made a first look-up cost ~25 µs — most of the write stage's time on an article it has not seen.
:func:`pos_of` reads the same two tables (lemmas, then overrides) and applies the same
capitalisation, without the copies; it falls back to the public call if lemminflect's insides
ever change shape. ``tests/test_write.py`` checks both agree word for word.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from lemminflect import getAllLemmas

from retell.facts._words import all_lemmas


@lru_cache(maxsize=65536)
def pos_of(word: str) -> dict[str, tuple[str, ...]]:
    """Universal POS tag → lemmas lemminflect knows for ``word`` (``{}`` when unknown).

    The result is shared between callers: treat it as read-only.
    """
    tables = _tables()
    if tables is None:
        return dict(getAllLemmas(word))
    lemma_dict, overrides = tables
    low = word.lower()
    found = lemma_dict.get(low)
    extra = overrides.get(low)
    if not found and not extra:
        return {}
    merged: dict[str, Any] = dict(found or {})
    if extra:
        merged.update(extra)
    style = _caps(word)
    out: dict[str, Any] = {  # lemminflect's values are tuples; a bare string would stay one
        k: tuple(map(style, v)) if isinstance(v, (list, tuple)) else style(v)
        for k, v in merged.items()
    }
    return out


pos_of_lower: Callable[[str], dict[str, tuple[str, ...]]] = all_lemmas
"""``pos_of`` for a word that is its own lower case, from the cache the facts and the check use.

Why: the question writer asks about each new word of an article and the check asks about most of
them again; one look-up each instead of two. For such a word lemminflect's capitalisation rule
is the lower case, which ``all_lemmas`` applies: the two agree on every lower-case word of
lemminflect's tables (and on unknown words: no lemmas).
"""


def _caps(word: str) -> Callable[[str], str]:
    """lemminflect's capitalisation rule: the lemmas take the style of the word asked about."""
    if word.isupper():
        return str.upper
    if word and word[0].isupper():
        return str.capitalize
    return str.lower


def noun_lemma(word: str) -> str:
    """The first noun lemma of ``word`` lower-cased, or the lower-cased word when it has none.

    The same as ``(pos_of(w).get("NOUN") or (w,))[0]`` for ``w = word.lower()``, by one dict
    access: the question writer asks this of every word of every article, most of them new.
    """
    low = word.lower()
    table = _NOUNS or _noun_lemmas()
    if table is None:  # pragma: no cover - another lemminflect
        forms = pos_of(low).get("NOUN")
        return forms[0] if forms else low
    return table.get(low, low)


_NOUNS: dict[str, str] = {}  # _noun_lemmas() once built (saves a cache call per word)


@lru_cache(maxsize=1)
def _noun_lemmas() -> dict[str, str] | None:
    """Lower-case word → its first noun lemma, where that differs from the word (built once)."""
    tables = _tables()
    if tables is None:  # pragma: no cover
        return None
    lemma_dict, overrides = tables
    out: dict[str, str] = {}
    for word in (*lemma_dict, *(w for w in overrides if w not in lemma_dict)):
        if word != word.lower():
            continue  # looked up by the lower-cased word only
        extra = overrides.get(word) or {}
        forms = extra["NOUN"] if "NOUN" in extra else (lemma_dict.get(word) or {}).get("NOUN")
        if not forms:
            continue
        first = forms[0].lower()  # pos_of applies the lower-case style of the word
        if first != word:
            out[word] = first
    _NOUNS.update(out)
    return out


def noun_table() -> dict[str, str] | None:
    """The table behind :func:`noun_lemma` (``table.get(low, low)``), for loops over many words;
    None if lemminflect's insides have changed (then call :func:`noun_lemma`)."""
    return _NOUNS or _noun_lemmas()


def known_words() -> tuple[Mapping[str, Any], ...] | None:
    """lemminflect's tables (lower-case word → POS → lemmas), to search them by lemma; or None."""
    return _tables()


@lru_cache(maxsize=1)
def _tables() -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    """lemminflect's lemma and override tables, or None if its private API has changed."""
    try:
        from lemminflect.core.Lemmatizer import Lemmatizer

        lem = Lemmatizer()
        tables = (lem._getLemmaDict(), lem._getOverridesDict())
    except (ImportError, AttributeError, OSError):  # pragma: no cover - another lemminflect
        return None
    if not all(isinstance(t, Mapping) for t in tables):  # pragma: no cover
        return None
    return tables
