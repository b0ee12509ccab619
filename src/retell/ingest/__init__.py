"""Ingest: any source (text, Markdown, HTML, URL, stdin) → :class:`Article`."""

from __future__ import annotations

from retell.ingest.article import Article, Paragraph, Sentence
from retell.ingest.split import paragraphs, sentences

__all__ = ["Article", "Paragraph", "Sentence", "from_text"]


def from_text(text: str, *, title: str | None = None, url: str | None = None) -> Article:
    """Build an article from plain text; offsets point into ``text`` exactly as given."""
    sents: list[Sentence] = []
    paras: list[Paragraph] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        first = len(sents)
        for s_start, s_end in sentences(text, p_start, p_end):
            n = len(sents)
            sents.append(Sentence(f"s{n + 1}", n, text[s_start:s_end], s_start, s_end, p_index))
        paras.append(Paragraph(p_index, p_start, p_end, first, len(sents)))
    return Article(text=text, sentences=tuple(sents), paragraphs=tuple(paras), title=title, url=url)
