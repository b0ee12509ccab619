"""The ``llm`` engine: any OpenAI-compatible server writes the report, the check gates it.

Registered through the same ``register_engines`` hook as any third-party engine. Per planned part:
ask the model (:mod:`.prompt`), read its answer however the server shaped it (:mod:`.parse`),
check every sentence (:mod:`.gate`), send the failures back once with the check's findings, and
replace what still fails by the extractive engine's sentences. Each :class:`~retell.model.Written`
says whether the model (``model``) or the extractive fallback (``fallback``) wrote it.

Options (``Options.extra``; flags first, then the environment — see
:func:`retell.engines.llm.client.resolve_config`): ``base_url``, ``model``, ``api_key``,
``timeout`` (seconds), ``progress`` (bool: a line per part on stderr; default: when stderr is a
terminal), ``budget`` (seconds for the whole report, default 100; 0 = no limit: once the next
call would not fit, repair rounds and then whole parts go to the extractive fallback), plus
``retries``, ``max_tokens``, ``temperature``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO, cast

from retell.engines import Draft, DraftSegment, Engine, Options, hookimpl
from retell.engines.llm.client import Client, Config, resolve_config
from retell.engines.llm.gate import (
    SentenceChecker,
    check_sentences,
    clean_headline,
    clean_question,
    extractive_fallback,
    merge_with_fallback,
)
from retell.engines.llm.parse import ParsedAnswer, parse_answer
from retell.engines.llm.prompt import SCHEMA, part_messages, repair_messages
from retell.ingest.article import Article
from retell.plan import Part

__all__ = ["DEFAULT_BUDGET", "LLMEngine", "PartStats", "register_engines"]

#: seconds a whole report may spend on model calls before the remaining parts (or repair rounds)
#: go to the extractive fallback: a small model on two shared cores must not take minutes
DEFAULT_BUDGET = 100.0


@dataclass
class PartStats:
    """What happened to one part (for the progress line and bench/llm.py)."""

    index: int
    seconds: float = 0.0
    calls: int = 0
    proposed: int = 0
    failed_first: int = 0
    errors_first: int = 0  # error findings on the first answer's sentences (before the gate)
    kept: int = 0
    replaced: int = 0
    skipped: bool = False  # the time budget was spent before this part: no model call
    problems: list[str] = field(default_factory=list)


def _make_checker(article: Article) -> SentenceChecker:
    from retell import check

    factory: Any = check.Checker  # the check's own constructor: Checker(source_article)
    return cast(SentenceChecker, factory(article))


class LLMEngine:
    """Writes each part with a chat model and keeps only what the check accepts."""

    name = "llm"

    def __init__(
        self,
        *,
        checker_factory: Callable[[Article], SentenceChecker] | None = None,
        stream: TextIO | None = None,
    ) -> None:
        self._checker_factory = checker_factory or _make_checker
        self._stream = stream
        #: per-part statistics of the last :meth:`write` (read by bench/llm.py)
        self.last_stats: list[PartStats] = []

    def _progress(self, options: Options) -> TextIO | None:
        stream = self._stream or sys.stderr
        want = options.extra.get("progress")
        if want is None:
            want = bool(getattr(stream, "isatty", lambda: False)())
        return stream if want else None

    def write(self, article: Article, parts: Sequence[Part], options: Options) -> Draft:
        """Write every part; raises an :class:`~retell.errors.LLMError` if the server fails."""
        config = resolve_config(options.extra)
        checker = self._checker_factory(article)
        out = self._progress(options)
        self.last_stats = []
        segments: list[DraftSegment] = []
        headline: str | None = None
        budget = _budget(options)
        started = time.monotonic()
        with Client(config) as client:
            client.model()  # fail fast (no server / no model) before any work
            for k, part in enumerate(parts):
                stats = PartStats(index=k)
                t0 = time.monotonic()
                clock = _Clock(started, budget, self.last_stats)
                if clock.room_for(1):
                    seg, head = self._part(
                        client, config, checker, article, part, options, stats, k == 0, clock
                    )
                else:  # out of time: the source's own sentences, no model call
                    stats.skipped = True
                    seg, head = self._fallback_only(article, part, options, stats), None
                stats.seconds = time.monotonic() - t0
                self.last_stats.append(stats)
                segments.append(seg)
                if k == 0:
                    headline = head
                if out is not None:
                    print(
                        f"llm: part {k + 1}/{len(parts)} {stats.seconds:.1f} s — "
                        f"{stats.kept} from the model, {stats.replaced} from the source"
                        + (" (time budget spent: model skipped)" if stats.skipped else ""),
                        file=out,
                        flush=True,
                    )
        return Draft(tuple(segments), headline)

    def _fallback_only(
        self, article: Article, part: Part, options: Options, stats: PartStats
    ) -> DraftSegment:
        written = merge_with_fallback(
            article,
            part,
            (),
            failed=True,
            fallback=lambda: extractive_fallback(article, part, options),
            budget=part.budget or options.words,
        )
        stats.replaced = len(written)
        return DraftSegment(written, None)

    def _part(
        self,
        client: Client,
        config: Config,
        checker: SentenceChecker,
        article: Article,
        part: Part,
        options: Options,
        stats: PartStats,
        first: bool,
        clock: _Clock | None = None,
    ) -> tuple[DraftSegment, str | None]:
        budget = part.budget or options.words
        messages = part_messages(
            part.sentences(article), words=budget, headline=first, title=article.title
        )
        # room for the segment's words as tokens plus the JSON around them, and no more: a
        # rambling model must not cost minutes (the server may cap it further)
        max_tokens = min(config.max_tokens, int(budget * 1.6) + 80)
        t_call = time.monotonic()
        answer_text = client.chat(messages, schema=SCHEMA, max_tokens=max_tokens)
        stats.calls += 1
        answer = parse_answer(answer_text)
        sentences, question = _first_segment(answer)
        checked = check_sentences(checker, article, part, sentences)
        stats.proposed = len(checked)
        bad = [c for c in checked if not c.ok]
        stats.failed_first = len(bad)
        stats.errors_first = sum(c.errors for c in checked)
        if bad and (clock is None or clock.room_for(1, since=t_call)):
            # once, with the findings: a model that can follow instructions usually fixes it.
            # (Junk — nothing usable at all — goes straight to the fallback: no findings to send.)
            failures = [(c.text, c.problems) for c in bad]
            retry_text = client.chat(
                repair_messages(messages, answer_text, failures),
                schema=SCHEMA,
                max_tokens=max_tokens,
            )
            stats.calls += 1
            retry = parse_answer(retry_text)
            r_sentences, r_question = _first_segment(retry)
            rechecked = check_sentences(checker, article, part, r_sentences)
            # keep the better attempt's passing sentences, the retry's when equally good
            if sum(c.ok for c in rechecked) >= sum(c.ok for c in checked) and rechecked:
                checked, question = rechecked, r_question or question
                answer = ParsedAnswer(answer.headline or retry.headline, answer.segments)
            bad = [c for c in checked if not c.ok]
        stats.problems = [p for c in bad for p in c.problems]
        written = merge_with_fallback(
            article,
            part,
            checked,
            failed=bool(bad) or not checked,
            fallback=lambda: extractive_fallback(article, part, options),
            budget=budget,
        )
        stats.kept = sum(1 for w in written if w.origin == "model")
        stats.replaced = sum(1 for w in written if w.origin != "model")
        head = clean_headline(checker, answer.headline, article) if first else None
        return DraftSegment(written, clean_question(checker, question, article)), head


def _budget(options: Options) -> float | None:
    """Seconds the whole report may take (``extra["budget"]``; 0 or negative: no limit)."""
    value = options.extra.get("budget", DEFAULT_BUDGET)
    if value is None:
        return DEFAULT_BUDGET
    seconds = float(value)
    return seconds if seconds > 0 else None


@dataclass
class _Clock:
    """Whether another model call fits in the time budget, judged by the calls so far."""

    started: float
    budget: float | None
    done: list[PartStats]

    def room_for(self, calls: int, since: float | None = None) -> bool:
        if self.budget is None:
            return True
        now = time.monotonic()
        n = sum(s.calls for s in self.done)
        spent = sum(s.seconds for s in self.done)
        per_call = spent / n if n else 0.0
        if since is not None:  # the call just made in this part is the freshest estimate
            per_call = max(per_call, now - since)
        return now - self.started + calls * per_call <= self.budget


def _first_segment(answer: ParsedAnswer) -> tuple[list[Any], str | None]:
    sentences: list[Any] = []
    question: str | None = None
    for seg in answer.segments:  # a model may split one part into several: take them all
        sentences.extend(seg.sentences)
        question = seg.question or question
    return sentences, question


@hookimpl
def register_engines(register: Callable[[Engine], None]) -> None:
    register(LLMEngine())
