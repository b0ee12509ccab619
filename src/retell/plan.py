"""Plan: cut the article into K contiguous parts by topic, each with a word budget."""

from __future__ import annotations

from dataclasses import dataclass

from retell.ingest.article import Article, Sentence


@dataclass(frozen=True)
class Part:
    """A contiguous run of source sentences [first, last) that one segment will retell."""

    index: int
    first: int
    last: int
    budget: int

    def sentences(self, article: Article) -> tuple[Sentence, ...]:
        return article.sentences[self.first : self.last]
