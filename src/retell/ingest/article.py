"""The value objects ingest produces: an article, its paragraphs and its sentences.

Offsets are character offsets into ``Article.text``. For plain text that is the text exactly as the
user gave it (so audit findings point into the user's own file); for HTML it is the main text that
extraction kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class _once(Generic[T]):  # noqa: N801 - used as a decorator, like cached_property
    """A value computed on first read and stored in the instance's ``__dict__``, which later
    reads find before this descriptor: a plain attribute look-up from then on (the planner and
    the engines read ``Sentence.words`` many times a sentence). ``cached_property`` would take
    a lock on every first read; a frozen dataclass's own ``__setattr__`` is not involved."""

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _once[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | _once[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, with a stable id (``s1``, ``s2``… in reading order)."""

    id: str
    index: int
    text: str
    start: int
    end: int
    paragraph: int

    @_once
    def words(self) -> int:
        """How many words (whitespace-separated pieces): counted once, on first read."""
        return len(self.text.split())


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: its span in the text and the range of its sentence indices [first, last)."""

    index: int
    start: int
    end: int
    first: int
    last: int


@dataclass(frozen=True)
class Article:
    """An article ready for the pipeline: text, paragraphs, sentences and what metadata we found."""

    text: str
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    section_hint: str | None = None
    url: str | None = None
    # Spans of the text that got no sentence, with why: "title", "heading", "dateline",
    # "boilerplate" (captions, bylines, "Scroll down for video"…). Added by ingest.
    skipped: tuple[tuple[int, int, str], ...] = ()
    _by_id: dict[str, Sentence] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({s.id: s for s in self.sentences})

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    def sentence(self, sid: str) -> Sentence:
        """The sentence with id ``sid`` (raises KeyError for an unknown id)."""
        return self._by_id[sid]

    def paragraph_sentences(self, p: Paragraph) -> tuple[Sentence, ...]:
        return self.sentences[p.first : p.last]
