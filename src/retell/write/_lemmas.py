"""One cached door to lemminflect: the write stage asks about the same few thousand words often."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas


@lru_cache(maxsize=65536)
def pos_of(word: str) -> dict[str, tuple[str, ...]]:
    """Universal POS tag → lemmas lemminflect knows for ``word`` (``{}`` when unknown).

    The result is shared between callers: treat it as read-only.
    """
    return dict(getAllLemmas(word))
