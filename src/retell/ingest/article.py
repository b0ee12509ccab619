"""The value objects ingest produces: an article, its paragraphs and its sentences.

Offsets are character offsets into ``Article.text``. For plain text that is the text exactly as the
user gave it (so audit findings point into the user's own file); for HTML it is the main text that
extraction kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from retell._frozen import frozen
from retell._once import once


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, with a stable id (``s1``, ``s2``… in reading order)."""

    id: str
    index: int
    text: str
    start: int
    end: int
    paragraph: int

    @once
    def words(self) -> int:
        """How many words (whitespace-separated pieces): counted once, on first read."""
        return len(self.text.split())


def new_sentence(sid: str, index: int, text: str, start: int, end: int, paragraph: int) -> Sentence:
    """``Sentence(sid, index, text, start, end, paragraph)``, made the way ingest needs it: fast.

    Ingest makes one for every sentence of every text: :func:`~retell._frozen.frozen` makes
    the same object in a third of the time of the dataclass's ``__init__``.
    """
    return frozen(
        Sentence,
        {
            "id": sid,
            "index": index,
            "text": text,
            "start": start,
            "end": end,
            "paragraph": paragraph,
        },
    )


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

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    def sentence(self, sid: str) -> Sentence:
        """The sentence with id ``sid`` (raises KeyError for an unknown id)."""
        return self._by_id[sid]

    @once
    def _by_id(self) -> dict[str, Sentence]:
        """The sentences by id, made on the first look-up: most articles are never asked one."""
        return {s.id: s for s in self.sentences}

    def paragraph_sentences(self, p: Paragraph) -> tuple[Sentence, ...]:
        return self.sentences[p.first : p.last]
