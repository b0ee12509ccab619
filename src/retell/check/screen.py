"""Screening written text for any engine: sentences, and the reader questions and headlines the
check itself treats as opinion.

The check reads a question or a headline-like line as ``opinion`` and checks nothing in it, so
"Why did 999 generals resign?" would pass. Everything an engine (the extractive one, the LLM, a
plugin) proposes as a question or headline is therefore also read as a plain statement here and
refused if it carries a number, date, name or quote the source lacks, or strays off topic. The
report pipeline and the LLM gate share these functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from retell.check.model import KINDS, Finding, SentenceVerdict
from retell.ingest.article import Article

__all__ = [
    "SentenceChecker",
    "clean_headline",
    "clean_question",
    "on_topic",
    "passes",
    "states_no_new_fact",
]


class SentenceChecker(Protocol):
    def sentence(
        self, text: str, cited: Sequence[str] = ()
    ) -> tuple[SentenceVerdict, Sequence[Finding]]: ...


def passes(
    checker: SentenceChecker, text: str, cited: Sequence[str] = ()
) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
    """Whether ``text`` passes; the check's error messages; the source ids that support it."""
    verdict, findings = checker.sentence(text, tuple(cited))
    errors = tuple(f.message for f in findings if f.severity == "error")
    ok = not errors and verdict.status != "unsupported"
    problems = errors or (() if ok else ("no source sentence supports it",))
    return ok, problems, tuple(verdict.support)


# finding kinds that mean a fact (not the wording) is wrong: a question or headline carrying one
# is dropped even though the check treats questions and headings as opinion. The three left out
# judge how a claim is put (hedged, attributed, supported at all), which a question does not do.
_FACT_KINDS = frozenset(KINDS) - {"hedge_dropped", "attribution_changed", "claim_unsupported"}


def states_no_new_fact(checker: SentenceChecker, text: str) -> bool:
    """Whether ``text`` passes the check and, read as a statement, adds no number/name/quote.

    Why the second reading: the check calls questions and headline-like lines ``opinion`` and
    checks nothing in them, so "Is 999 the real toll?" would pass as a question. Read as the
    statement "Is 999 the real toll." its number is checked like any other.
    """
    ok, _, _ = passes(checker, text)
    if not ok:
        return False
    statement = text.rstrip(" ?!.") + "."
    _, findings = checker.sentence(statement, ())
    return not any(f.severity == "error" and f.kind in _FACT_KINDS for f in findings)


_ASKING = frozenset(
    [
        "what",
        "which",
        "when",
        "where",
        "whose",
        "would",
        "could",
        "should",
        "will",
        "does",
        "have",
        "about",
        "with",
        "from",
        "your",
        "their",
        "there",
        "they",
        "this",
        "that",
        "these",
        "those",
        "more",
        "most",
        "think",
        "like",
        "many",
        "much",
        "into",
        "over",
        "than",
        "them",
        "been",
        "were",
        "being",
        "make",
        "made",
        "know",
    ]
)
_WORD = re.compile(r"[a-z][a-z'’-]{3,}")


def on_topic(text: str, article: Article, share: float = 0.5) -> bool:
    """Whether the text's content words come from the article (one stray word is tolerated).

    At least ``share`` of the content words (beyond the words any reader question uses) must
    occur in the article, unless only one of them does not.

    The check reads a question as opinion and checks nothing in it, so this is what keeps a
    question about "the sea" (because a planted line asked for a poem) out of a report on a
    bridge. Words are compared on their first five letters so inflections still match.
    """
    words = [w for w in _WORD.findall(text.lower()) if w not in _ASKING]
    if not words:
        return True
    low = article.text.lower()
    known = {w[:5] for w in _WORD.findall(low)}
    missing = sum(w[:5] not in known and w not in low for w in words)
    return missing <= 1 or len(words) - missing >= share * len(words)


def clean_question(
    checker: SentenceChecker, question: str | None, article: Article | None = None
) -> str | None:
    """The question if it is one, on the article's topic and adds no fact; ``None`` otherwise.

    Digits are refused outright: a reader question needs no figure, and a figure in a question
    is how an invented (or planted) number would slip past a check that skips questions.
    """
    if not question:
        return None
    q = " ".join(question.split())
    if not q.endswith("?") or not 3 <= len(q.split()) <= 30 or re.search(r"\d", q):
        return None
    if article is not None and not on_topic(q, article):
        return None
    return q if states_no_new_fact(checker, q) else None


def clean_headline(
    checker: SentenceChecker, headline: str | None, article: Article | None = None
) -> str | None:
    """The headline if it is a plausible one, on topic and adds no fact the source lacks."""
    if not headline:
        return None
    h = " ".join(headline.split()).strip().rstrip(".")
    if not 3 <= len(h.split()) <= 16 or h.endswith("?") or "\n" in headline.strip():
        return None
    if article is not None and not on_topic(h, article, 0.75):
        return None
    return h if states_no_new_fact(checker, h) else None
