"""``frozen``: a frozen dataclass instance made from its fields' dict, for the hottest makers.

Why: a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (about
1 µs for a six-field Sentence, more for a nine-field Fact), and ingest and the fact finder make
one per sentence and per fact of every text. Giving the new instance its ``__dict__`` in one
step makes the same object (equal, same hash and repr, pickles the same) in a third of the
time. Only for classes without ``__post_init__``, ``__slots__`` or field defaults that the
caller would leave out: the caller passes every field.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["frozen"]

_new = object.__new__
_setattr = object.__setattr__


def frozen(cls: type[T], fields: dict[str, Any]) -> T:
    """``cls(**fields)`` for a frozen dataclass ``cls``, ``fields`` holding every field."""
    obj = _new(cls)
    _setattr(obj, "__dict__", fields)
    return obj
