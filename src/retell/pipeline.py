"""The two jobs, end to end: ``report`` (ingest → plan → write → check → repair) and ``audit``.

The pipeline runs one direction. What an engine writes is checked with the same
:class:`~retell.check.Checker` that ``retell audit`` uses; every sentence with an error finding
is dropped (repair) and the check runs again on what is left, so a report never carries an error
finding whatever the engine did. Headline and questions the engine did not give (or that failed
the check) come from the model-free ``write`` stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from retell import ingest, write
from retell.check import Checker
from retell.check.model import Audit, Finding
from retell.check.screen import clean_headline, clean_question
from retell.engines import Draft, Options, get_engine
from retell.errors import InputError, UsageError
from retell.ingest.article import Article, Paragraph, Sentence
from retell.model import Report, Segment
from retell.plan import Part, plan

DEFAULT_BRAND = "Metro Report"
DEFAULT_WORDS = 90
MAX_REPAIR_ROUNDS = 4


def _as_article(source: str | Article) -> Article:
    if isinstance(source, Article):
        return source
    if not isinstance(source, str):
        raise UsageError("give the article as text (a str) or as a retell Article")
    return ingest.from_text(source)


def _validate(segments: int | None, words: int | None) -> None:
    if segments is not None and not 1 <= segments <= 10:
        raise UsageError(f"--segments must be between 1 and 10 (got {segments})")
    if words is not None and not 20 <= words <= 400:
        raise UsageError(f"--words must be between 20 and 400 (got {words})")


def report(
    source: str | Article,
    segments: int | None = None,
    words: int | None = None,
    engine: str = "extractive",
    brand: str | None = None,
    section: str | None = None,
    *,
    options: Mapping[str, Any] | None = None,
) -> Report:
    """Turn an article into a checked, segmented report.

    Args:
        source: the article as plain text, Markdown or HTML, or an already ingested Article.
        segments: how many segments (1–10); chosen from the article's length when None.
        words: the word budget of each segment, its question included (default 90).
        engine: a registered engine name (``extractive``, ``llm`` or a plugin's).
        brand: the brand line (default "Metro Report").
        section: the section label; chosen from metadata or the text when None.
        options: engine-specific settings (for ``llm``: base_url, model, api_key, timeout).

    Returns:
        A Report whose every sentence cites its source sentences and which carries no error finding.

    Raises:
        UsageError: an option is out of range or the engine is unknown.
        InputError: the text is empty, not English or has no article in it.
        EngineError: the engine failed (for ``llm``: the server could not be used).
    """
    _validate(segments, words)
    article = _as_article(source)
    if not article.sentences:
        raise InputError("the article has no sentences to report on: give a longer text")
    budget = words or DEFAULT_WORDS
    parts = plan(article, segments, budget)
    chosen = get_engine(engine)
    draft = chosen.write(article, parts, Options(words=budget, extra=dict(options or {})))
    checker = Checker(article)
    head = _headline(article, draft, checker)
    segs = _segments(article, parts, draft, head, checker)
    segs, findings = _repair(article, segs, checker)
    if not segs:
        raise InputError(
            "nothing in the article could be reported faithfully: is it a news article?"
        )
    return Report(
        engine=chosen.name,
        brand=brand or DEFAULT_BRAND,
        section=section or write.section(article),
        headline=head,
        segments=tuple(segs),
        article=article,
        findings=findings,
    )


def _headline(article: Article, draft: Draft, checker: Checker) -> str:
    given = clean_headline(checker, draft.headline, article)
    if given:
        return given
    made = write.headline(article)
    return getattr(made, "text", made)


def _segments(
    article: Article, parts: tuple[Part, ...], draft: Draft, head: str, checker: Checker
) -> list[Segment]:
    used: set[str] = set()
    out: list[Segment] = []
    for dseg in draft.segments[: len(parts)]:
        sentences = tuple(dseg.sentences)
        if not sentences:
            continue
        question = clean_question(checker, dseg.question, article)
        if question is None:
            question = write.question(article, sentences, used=used)
        out.append(Segment(heading=head, sentences=sentences, question=question.strip()))
    return out


def report_as_rewrite(segments: list[Segment]) -> tuple[Article, dict[int, tuple[str, ...]]]:
    """The report's body as an Article (one paragraph a segment), and what each sentence cites.

    The self-check audits this like any other rewrite; questions are sentences too (the check
    gives them status ``opinion``).
    """
    text_parts: list[str] = []
    sents: list[Sentence] = []
    paras: list[Paragraph] = []
    cited: dict[int, tuple[str, ...]] = {}
    pos = 0
    for p_index, seg in enumerate(segments):
        if p_index:
            text_parts.append("\n\n")
            pos += 2
        p_start, first = pos, len(sents)
        pieces = [(w.text, w.sources) for w in seg.sentences] + [(seg.question, ())]
        for i, (text, sources) in enumerate(pieces):
            if i:
                text_parts.append(" ")
                pos += 1
            n = len(sents)
            sents.append(Sentence(f"r{n + 1}", n, text, pos, pos + len(text), p_index))
            cited[n] = tuple(sources)
            text_parts.append(text)
            pos += len(text)
        paras.append(Paragraph(p_index, p_start, pos, first, len(sents)))
    return Article("".join(text_parts), tuple(sents), tuple(paras)), cited


def _repair(
    article: Article, segs: list[Segment], checker: Checker
) -> tuple[list[Segment], tuple[Finding, ...]]:
    """Drop every written sentence the check finds an error in, until none is left."""
    for _ in range(MAX_REPAIR_ROUNDS):
        rewrite, cited = report_as_rewrite(segs)
        result = checker.audit(rewrite, cited)
        bad = {f.rewrite.sentence for f in result.findings if f.severity == "error"}
        if not bad:
            return segs, result.findings
        segs = _without(segs, bad, article)
    rewrite, cited = report_as_rewrite(segs)
    result = checker.audit(rewrite, cited)
    return segs, tuple(f for f in result.findings if f.severity != "error")


def _without(segs: list[Segment], bad: set[int], article: Article) -> list[Segment]:
    out: list[Segment] = []
    n = 0
    used = {s.question for s in segs}
    for seg in segs:
        keep = []
        for w in seg.sentences:
            if n not in bad:
                keep.append(w)
            n += 1
        q_bad = n in bad
        n += 1
        if not keep:
            continue
        question = seg.question
        if q_bad:
            question = write.question(article, tuple(keep), used=used)
        out.append(Segment(seg.heading, tuple(keep), question))
    return out


def audit(source: str | Article, rewrite: str | Article) -> Audit:
    """Check a rewrite against its source, fact by fact.

    Args:
        source: the original article (text, Markdown or HTML, or an Article).
        rewrite: the rewrite to check (any text; offsets in findings point into it as given).

    Returns:
        An Audit; ``audit.consistent`` is True when no error finding was made.
    """
    src = _as_article(source)
    rew = rewrite if isinstance(rewrite, Article) else ingest.from_text(rewrite)
    return Checker(src).audit(rew)
