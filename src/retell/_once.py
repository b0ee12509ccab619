"""``once``: a property computed on first read, then a plain attribute of the instance.

Why not ``functools.cached_property``: on Python 3.11 it takes an ``RLock`` on every first read,
a microsecond per property per sentence, and the planner, the engines and the check read
per-sentence properties (``Sentence.words``, a source sentence's words and lemmas) many times.
The value is stored in the instance's ``__dict__``, which later reads find before this
descriptor; a frozen dataclass's ``__setattr__`` is not involved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

__all__ = ["once"]


class once(Generic[T]):  # noqa: N801 - used as a decorator, like cached_property
    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> once[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | once[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value
