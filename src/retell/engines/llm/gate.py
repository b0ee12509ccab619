"""The gate: what the model wrote reaches the draft only if the check finds it supported.

A model sentence passes when the check makes no error finding on it and does not call it
``unsupported``. Failures are sent back to the model once with the check's messages; what still
fails is replaced by the extractive engine's sentences for the same part (origin ``fallback``),
so whatever the model does — invent, obey an instruction planted in the article, answer junk —
the draft holds only sentences the check accepts or sentences taken from the source. Headlines
and questions that fail are dropped (``None``); the pipeline's model-free writer fills them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from retell.check import screen
from retell.check.screen import SentenceChecker, on_topic, passes, states_no_new_fact
from retell.engines.llm.parse import ParsedSentence
from retell.engines.llm.prompt import copies_example, looks_like_instruction
from retell.ingest.article import Article
from retell.model import Written
from retell.plan import Part

__all__ = [
    "Checked",
    "SentenceChecker",
    "check_sentences",
    "merge_with_fallback",
    "passes",
    "clean_question",
    "clean_headline",
    "extractive_fallback",
    "on_topic",
    "well_formed",
    "states_no_new_fact",
]


@dataclass(frozen=True)
class Checked:
    """A model sentence with the check's verdict on it."""

    text: str
    sources: tuple[str, ...]
    ok: bool
    problems: tuple[str, ...]
    errors: int = 0  # error findings the check made (facts wrong or invented), for benchmarks


_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text.lower()).strip(" .")


_END = re.compile(r"""[.!]['"’”)\]]*$""")


def well_formed(text: str) -> bool:
    """One finished sentence of reasonable length that does not repeat itself.

    Small models loop ("Footage showed X. Footage showed X. Footage…") and run into the token
    limit mid-sentence; the check judges facts, not form, so this refuses such text first.
    """
    words = text.lower().split()
    if not 4 <= len(words) <= 50 or not _END.search(text.rstrip()):
        return False
    grams = [tuple(words[i : i + 5]) for i in range(len(words) - 4)]
    return len(grams) == len(set(grams))


def check_sentences(
    checker: SentenceChecker, article: Article, part: Part, sentences: Sequence[ParsedSentence]
) -> list[Checked]:
    """Check each model sentence; keep its cited ids only if they exist in the article.

    A sentence that cites nothing usable is credited with the ids the check aligned it to, so
    every kept sentence cites its sources. Duplicates and questions (they belong at the end of
    the segment, not in its body) fail.
    """
    known = {s.id for s in article.sentences}
    seen: set[str] = set()
    out: list[Checked] = []
    for s in sentences:
        cited = tuple(i for i in s.sources if i in known)
        key = _norm(s.text)
        if key in seen or s.text.rstrip().endswith("?") or len(s.text.split()) < 3:
            out.append(Checked(s.text, cited, False, ("not a statement of the article's facts",)))
            continue
        if not well_formed(s.text):
            out.append(Checked(s.text, cited, False, ("write one complete, short sentence",)))
            continue
        seen.add(key)
        verdict, findings = checker.sentence(s.text, cited)
        errors = tuple(f.message for f in findings if f.severity == "error")
        ok = not errors and verdict.status != "unsupported"
        problems = errors or (() if ok else ("no source sentence supports it",))
        if copies_example(s.text, article.text):
            ok, problems = False, ("it copies the example, not the article",)
        out.append(Checked(s.text, cited or tuple(verdict.support), ok, problems, len(errors)))
    return out


def clean_question(
    checker: SentenceChecker, question: str | None, article: Article | None = None
) -> str | None:
    """:func:`retell.check.screen.clean_question`, also refusing a copy of the prompt's example."""
    if question and article is not None and copies_example(question, article.text):
        return None
    return screen.clean_question(checker, question, article)


def clean_headline(
    checker: SentenceChecker, headline: str | None, article: Article | None = None
) -> str | None:
    """:func:`retell.check.screen.clean_headline`, also refusing a copy of the prompt's example."""
    if headline and article is not None and copies_example(headline, article.text):
        return None
    return screen.clean_headline(checker, headline, article)


def _first_index(article: Article, sources: Sequence[str], default: int) -> int:
    idx = [article.sentence(i).index for i in sources if i in {s.id for s in article.sentences}]
    return min(idx) if idx else default


def merge_with_fallback(
    article: Article,
    part: Part,
    kept: Sequence[Checked],
    failed: bool,
    fallback: Callable[[], Sequence[Written]],
    budget: int,
) -> tuple[Written, ...]:
    """The part's sentences: the model's that passed, then extractive ones if something failed.

    When nothing failed, the model's sentences stand alone (origin ``model``). When something
    failed, the extractive engine's sentences for the part fill in (origin ``fallback``), skipping
    those whose sources a kept model sentence already covers, up to the word budget; the result is
    put back in source order so the segment still reads as the article runs.
    """
    model = [Written(c.text, c.sources, "model") for c in kept if c.ok]
    words = sum(len(w.text.split()) for w in model)
    chosen: list[Written] = []
    for w in model:
        if chosen and words > budget * 1.4:
            break
        chosen.append(w)
    if failed or not chosen:
        covered = {i for w in chosen for i in w.sources}
        total = sum(len(w.text.split()) for w in chosen)
        for w in fallback():
            if covered & set(w.sources):
                continue
            n = len(w.text.split())
            if chosen and total + n > budget * 1.15:
                break
            chosen.append(replace(w, origin="fallback"))
            covered.update(w.sources)
            total += n
    order = {id(w): k for k, w in enumerate(chosen)}
    chosen.sort(key=lambda w: (_first_index(article, w.sources, part.first), order[id(w)]))
    return tuple(chosen)


def extractive_fallback(article: Article, part: Part, options: Any) -> tuple[Written, ...]:
    """The extractive engine's sentences for ``part`` (or the part's own sentences, in order).

    Sentences addressed to a model ("ignore previous instructions…") are skipped: they are in
    the source, but they are not news, and a report that repeats them has been steered.
    """
    try:
        from retell.engines import get_engine

        draft = get_engine("extractive").write(article, [part], options)
        if draft.segments and draft.segments[0].sentences:
            kept = tuple(
                w for w in draft.segments[0].sentences if not looks_like_instruction(w.text)
            )
            if kept:
                return kept
    except Exception:  # noqa: BLE001 - the fallback must never fail the report
        pass
    out: list[Written] = []
    total = 0
    for s in part.sentences(article):
        if looks_like_instruction(s.text):
            continue
        if out and total + s.words > part.budget:
            break
        out.append(Written(s.text, (s.id,), "extractive"))
        total += s.words
    return tuple(out)
