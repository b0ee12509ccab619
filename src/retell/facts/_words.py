"""Small shared helpers for the facts modules."""

from __future__ import annotations


def wordset(words: str) -> frozenset[str]:
    """A set from a space-separated word list (keeps long vocabularies readable)."""
    return frozenset(words.split())
