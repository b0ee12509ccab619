"""What a report is made of: written sentences that cite their sources, segments, the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from retell.check.model import Finding
from retell.ingest.article import Article


@dataclass(frozen=True)
class Written:
    """One sentence of the report and the ids of the source sentences that support it.

    ``origin`` says who wrote it: ``extractive`` (taken or trimmed from the source), ``model``
    (an LLM wrote it and it passed the check) or ``fallback`` (the model's sentence failed the
    check and the extractive engine's sentence replaced it).
    """

    text: str
    sources: tuple[str, ...]
    origin: str = "extractive"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sources": list(self.sources), "origin": self.origin}


@dataclass(frozen=True)
class Segment:
    """One paragraph of the report: the sentences, the closing question, the title shown above."""

    heading: str
    sentences: tuple[Written, ...]
    question: str

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences) + len(self.question.split())

    def to_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "question": self.question,
            "words": self.words,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass(frozen=True)
class Report:
    """A finished report (``retell.report/1``). It never carries an error finding."""

    engine: str
    brand: str
    section: str
    headline: str
    segments: tuple[Segment, ...]
    article: Article = field(repr=False)
    findings: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "schema": "retell.report/1",
            "engine": self.engine,
            "brand": self.brand,
            "section": self.section,
            "headline": self.headline,
            "segments": [s.to_dict() for s in self.segments],
            "findings": [f.to_dict() for f in self.findings],
            "source": {
                "title": a.title,
                "url": a.url,
                "words": a.words,
                "sentences": [
                    {"id": s.id, "text": s.text, "start": s.start, "end": s.end}
                    for s in a.sentences
                ],
            },
        }

    def render(self, fmt: str = "text") -> str:
        from retell.render import render_report

        return render_report(self, fmt)
