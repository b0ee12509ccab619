"""The extractive engine: every written sentence is a source sentence (or a permitted trim of it).

Why extractive by default: nothing can be invented. The only edits allowed are trims that cannot
change meaning — dropping a leading discourse connective ("However," "But" "Meanwhile,") — and a
sentence that opens on a pronoun or connective whose antecedent was left out is never written
alone: the engine either also takes the sentence before it, trims the connective, or picks another.

Two jobs:
- :func:`write_parts` — per planned part, the sentences that carry it (salience within the part and
  the article, fact density, position, no repetition across parts), in source order, filling the
  part's budget minus its closing question within ±15 %, chosen by a small exact dynamic programme.
- :func:`summarize` — the one-segment short summary (``retell.report(text, segments=1, words=60)``):
  whole candidate summaries from the first sentences are scored by a linear model, learned by
  ``scripts/train_extractive.py`` to predict the ROUGE gain over the article's lead at equal length
  (weights in ``retell/data/extractive.json``, evaluated in plain Python).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain, repeat
from operator import mul
from pathlib import Path
from typing import Any

from retell.engines import Draft, DraftSegment, Engine, Options, hookimpl
from retell.ingest.article import Article, Sentence
from retell.model import Written
from retell.plan import (
    Part,
    content_stems,
    dangles,
    fronted_pronoun,
    norm,
)
from retell.writable import PHOTO_REF, is_junk, quote_links

ORIGIN = "extractive"

# Leading discourse connectives that may be dropped without changing what is claimed. Those
# marked with a comma only count when followed by one ("Still," but not "Still more…").
_TRIM = re.compile(
    r"^(?:(?:However|Meanwhile|Moreover|Furthermore|Nevertheless|Nonetheless|Additionally),?\s+|"
    r"(?:Still|Also|Yet|Indeed|In addition|Separately|Besides|Then|Now|So),\s+|"
    r"(?:But|And)\s+(?=\w))"
)


def trim(text: str) -> str | None:
    """``text`` without a leading discourse connective, capitalised; None if there is none."""
    t = text.lstrip()
    m = _TRIM.match(t)
    if not m:
        return None
    rest = t[m.end() :]
    if not rest or not rest[0].isalpha():
        return None
    return rest[0].upper() + rest[1:]


# A leading "(CNN)" dateline: removing it (and photo directions, writable.PHOTO_REF) cannot
# change a claim.
_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z ,.'-]{0,40})?\(CNN\)\s*(?:--|\u2014|-)?\s*")


def clean(text: str) -> str:
    """``text`` without photo directions or a "(CNN)" dateline: the form the engine writes."""
    t = _DATELINE.sub("", text.strip(), count=1) if "(CNN)" in text else text.strip()
    t = PHOTO_REF.sub("", t) if "(" in t else t
    return t if t else text.strip()


# Asides between commas that may be dropped: a non-restrictive relative clause (", who…,"), an
# appositive after a name (", a Russian soldier,") or an age (", 60,"). Never one that carries an
# attribution, a hedge, a negation, a quote or a contrast — dropping those could change a claim —
# and never inside quoted speech (a quotation is reproduced whole or not at all).
_ASIDE = re.compile(r",\s+((?:who|whose|which|a|an|\d{1,3})\b[^,;:()\"\u201c\u201d]*?),\s+")
_UNSAFE = re.compile(
    r"\b(?:said|say|says|told|tell|according|reported|reportedly|allegedly|alleged|claim\w*|"
    r"believ\w*|thought|suspect\w*|accus\w*|not|n't|never|no|nor|only|except|but|however|"
    r"although|though|unless|if|may|might|could|would|should|about|nearly|almost|up to|"
    r"around|approximately|estimated|more than|less than|at least|at most)\b|'|\u2018|\u2019",
    re.I,
)
_NOT_AFTER = frozenset(
    [
        "a",
        "an",
        "the",
        "her",
        "his",
        "their",
        "its",
        "my",
        "our",
        "your",
        "from",
        "of",
        "in",
        "at",
        "on",
        "for",
        "with",
        "by",
        "to",
        "as",
    ]
)
_LIST_NEXT = re.compile(r"(?:and|or|nor|but|as well|&)\b", re.I)


_QUOTE_MARK = re.compile(r"[\"\u201c\u201d\u2018]|(?:^|(?<=\s))'|'(?=\s|$|[,.;:!?])")


def drop_asides(text: str) -> str | None:
    """``text`` without its safe asides between commas; None if there is none."""
    if text.count(",") < 2:
        return None  # an aside sits between two commas
    found = list(_ASIDE.finditer(text))
    if not found:
        return None  # (asked first: the cheaper scan, and the usual answer)
    out = text
    quotes = [q.start() for q in _QUOTE_MARK.finditer(text)]
    if len(quotes) % 2:
        return None  # speech left open (it goes on in the next sentence): all of it is quoted
    last_quote = quotes[-1] if quotes else -1
    for m in reversed(found):
        if m.start() < last_quote:
            continue  # inside or before quoted speech: leave the quotation whole
        aside = m.group(1)
        n = len(aside.split())
        if m.start() == 0 or not 1 <= n <= 18 or _UNSAFE.search(aside):
            continue
        before = text[: m.start()].rstrip()
        after = text[m.end() :]
        head = aside.split()[0].lower()
        if _LIST_NEXT.match(after) or not after[:1].islower():
            continue  # a list item or a new clause, not an aside
        near_before = before.split()[-4:]
        near_after = after.split()[:4]
        if any("," in w for w in near_before) or any("," in w for w in near_after[:3]):
            continue  # chained asides ("His father, Tom Smith, 62, said"): leave them all
        if near_after[0].lower().strip(",") in _NOT_AFTER:
            continue  # what follows is not the main verb: the aside is part of a list or chain
        if head in ("a", "an") or head.isdigit():
            # appositive or age: only right after a name ("Ilya Gorkov, a soldier, was…")
            last = before.split()[-1] if before.split() else ""
            if not last[:1].isupper() or n > 12:
                continue
        out = out[: m.start()] + " " + out[m.end() :]
    return out if out != text else None


@dataclass(frozen=True)
class Variant:
    """One way to write a source sentence: as it is, or trimmed.

    ``needs_prev``: only written right after the sentence before it (a dangling pronoun or
    connective, or the next sentence of a quotation). ``needs_next``: only written with the
    sentence after it (a quotation that goes on past this sentence).
    """

    index: int
    text: str
    words: int
    needs_prev: bool
    trimmed: bool
    needs_next: bool = False


def variants(s: Sentence, continues: bool = False, goes_on: bool = False) -> list[Variant]:
    """The ways ``s`` may be written (none for junk); ``continues``/``goes_on``: ``s`` is in a
    quotation begun before it / going on after it (see :func:`quote_links`)."""
    if is_junk(s.text):
        return []
    text = clean(s.text)
    first = s.index == 0  # the article's own opening: its reader had nothing before it either

    def make(t: str, trimmed: bool) -> Variant:
        n = s.words if t == s.text else len(t.split())  # (the sentence's own count is kept)
        return Variant(s.index, t, n, continues or (not first and dangles(t)), trimmed, goes_on)

    out = [make(text, False)]
    t = trim(text)
    if t is not None:
        out.append(make(t, True))
    short = drop_asides(t or text)
    if short is not None:
        out.append(make(short, True))
    return out


def duplicates(sents: Sequence[Sentence]) -> set[int]:
    """Indices of sentences that repeat an earlier one (a caption restating the prose, a pasted
    paragraph): the same content words, or nearly (Jaccard ≥ 0.8). Never written twice."""
    # Jaccard ≥ 0.8 needs sizes within 0.8 of each other: earlier sentences are kept by their
    # number of words, and only the sizes in that range are compared at all.
    seen: dict[int, list[frozenset[str]]] = {}
    out = set()
    # The words of all earlier sentences. This sentence A repeats an earlier B (|B| ≥ 0.8 |A|)
    # when they share ≥ 0.8 |A ∪ B| = 0.8 (|A| + |B| - shared) ≥ 0.8 (1.8 |A| - shared) words,
    # which asks for ≥ 0.8 |A|: with fewer of its words among all earlier ones, it repeats none
    # (96 % of sentences on rouge-dev, answered by one intersection instead of one per earlier
    # sentence). Counts are integers and 0.8 |A| a multiple of 0.2: no float rounding is near.
    earlier: set[str] = set()
    for s in sents:
        words = frozenset(content_stems(s.text))
        n = len(words)
        if words and len(words & earlier) >= 0.8 * n:
            for size in range(int(0.8 * n), int(1.25 * n) + 1):
                if not 0.8 * n <= size <= 1.25 * n or size not in seen:
                    continue
                # |A ∪ B| = |A| + |B| - |A ∩ B|, and the test only gets truer as the shared
                # words grow: the one earlier sentence sharing the most words decides.
                shared = max(map(len, map(words.intersection, seen[size])))
                if shared >= 0.8 * (n + size - shared):
                    out.add(s.index)
                    break
        earlier |= words
        seen.setdefault(n, []).append(words)
    return out


# ---------------------------------------------------------------------------------------------
# Facts: density of numbers, dates, names and quotes per sentence.


def fact_counts(article: Article) -> list[int]:
    """About how many checkable facts (numbers, dates, names, quotes) each sentence holds.

    An estimate from three patterns — digit runs, runs of capitalised words after a sentence's
    first word, and pairs of quote marks — not the facts themselves: salience only weighs the
    density (one term in five), and running the fact extractor over every sentence of the
    article was a third of a default report's time. On rouge-dev the estimate correlates at 0.9
    with the extractor's counts (tests/test_extractive.py keeps it close).
    """
    return [
        len(_DIGITS.findall(t)) + len(_CAPITALISED.findall(t)) + len(_QUOTE_MARKS.findall(t)) // 2
        for t in (s.text for s in article.sentences)
    ]


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# a capitalised word (and the capitalised words that follow it) that does not open the sentence
# (the capital first, its conditions looked back at from after it: the regex then scans for
# capitals in C rather than trying the lookbehinds at every position)
_CAPITALISED = re.compile(
    r"[A-Z](?<=(?<![.!?] )(?<!^)\b[A-Z])[A-Za-z'\u2019-]+"
    r"(?:\s+(?:of |de |van |von )?[A-Z][A-Za-z'\u2019-]+)*"
)
# double marks, and single marks that are not apostrophes inside a word (a mark first, then
# the apostrophe ruled out: one character class to scan for)
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u2018'](?<![A-Za-z]'(?=[A-Za-z]))")


# ---------------------------------------------------------------------------------------------
# Multi-part reports.


def _scores(
    article: Article,
    part: Part,
    facts: list[int],
    all_stems: Sequence[tuple[str, ...]],
    art_bag: Counter[str],
    norms: Sequence[float],
    art_norm: float,
) -> list[float]:
    """Salience of each sentence of ``part``. ``all_stems``: each sentence's content stems,
    ``norms`` the Euclidean norm of their bags, ``art_norm`` that of ``art_bag`` (computed once,
    not once per cosine)."""
    sents = part.sentences(article)
    stems = all_stems[part.first : part.last]
    # The part's counts in one C-level pass (the same integers as adding bag after bag)
    centroid = Counter(chain.from_iterable(stems))
    c_norm = norm(centroid)
    out = []
    for pos, (s, st) in enumerate(zip(sents, stems, strict=True)):
        density = min(1.0, facts[s.index] / max(1.0, s.words / 12))
        position = 1.0 / (1.0 + 0.4 * pos)
        na = norms[s.index]
        out.append(
            0.35 * _cosine_within(st, na, centroid, c_norm)
            + 0.25 * _cosine_within(st, na, art_bag, art_norm)
            + 0.2 * density
            + 0.2 * position
        )
    return out


def _cosine_within(stems: Sequence[str], na: float, bag: Counter[str], nb: float) -> float:
    """:func:`retell.plan.cosine_normed` of the bag of ``stems`` (norm ``na``) and a ``bag`` that
    holds every one of them (its part's or its article's): the same float, with no bag made per
    sentence. The dot product is the bag's count of each stem, summed stem by stem (integers:
    exact in any order)."""
    dot = sum(map(bag.__getitem__, stems))
    return dot / (na * nb) if dot else 0.0


def _norm_of(stems: Sequence[str]) -> float:
    """:func:`retell.plan.norm` of the bag of ``stems``: the same float, and no Counter when no
    word repeats (then every count is 1)."""
    if len(set(stems)) == len(stems):
        return math.sqrt(len(stems))
    counts = Counter(stems)
    return math.sqrt(sum(map(mul, counts.values(), counts.values())))


def select(
    vs: Sequence[list[Variant]],
    values: Sequence[float],
    lo: float,
    hi: float,
    target: float,
) -> list[Variant]:
    """Exact choice of variants (at most one per sentence, in order) filling [lo, hi] words.

    Maximises the sum of value × words; a dangling variant is allowed only right after the
    sentence before it, and one whose quotation goes on only right before the sentence after it.
    Outside the window, the choice closest to it.
    """
    cap4 = 4 * int(hi)
    # state: words * 4 + took -> (value, back-pointer); took: 0 the previous sentence was left
    # out, 1 it was written, 2 it was written and its quotation goes on (this one must follow).
    # (One int per state, not a (words, took) pair: nothing to build or hash but an int.)
    states: dict[int, tuple[float, Any]] = {0: (0.0, None)}
    for i, opts in enumerate(vs):
        nxt: dict[int, tuple[float, Any]] = {}
        get = nxt.get
        vi = values[i]
        if len(opts) == 1 and not opts[0].needs_prev:
            # One variant that may follow anything (most sentences): the loop below without
            # its inner loop and tests, the same states in the same order.
            v = opts[0]
            step = 4 * v.words
            gain = vi * v.words
            took2 = 2 if v.needs_next else 1
            for key, entry in states.items():
                val = entry[0]
                took = key & 3
                base = key - took
                if took < 2:
                    cur = get(base)
                    if cur is None or cur[0] < val:
                        nxt[base] = entry
                if base + step <= cap4 or not base:
                    val2 = val + gain
                    key2 = base + step + took2
                    cur = get(key2)
                    if cur is None or cur[0] < val2:
                        nxt[key2] = (val2, (entry[1], v))
            states = nxt
            continue
        # Per variant, what every state reads: the same products as computed state by state.
        prepared = [
            (v, v.needs_prev, 4 * v.words, vi * v.words, 2 if v.needs_next else 1) for v in opts
        ]
        for key, entry in states.items():
            val = entry[0]
            took = key & 3
            base = key - took  # the same words, the previous sentence left out
            if took < 2:
                cur = get(base)
                if cur is None or cur[0] < val:
                    nxt[base] = entry
            for v, needs_prev, step, gain, took2 in prepared:
                if needs_prev and not took:
                    continue
                if base + step > cap4 and base:
                    continue  # over the cap (only a sentence taken alone may go over it)
                val2 = val + gain
                key2 = base + step + took2
                cur = get(key2)
                if cur is None or cur[0] < val2:
                    nxt[key2] = (val2, (entry[1], v))
        states = nxt
    best: tuple[float, Any] | None = None
    best_key = -math.inf
    for key, (val, bp) in states.items():
        if bp is None or key & 3 == 2:
            continue  # nothing chosen, or a quotation cut off before it closes
        w = key >> 2
        inside = lo <= w <= hi
        miss = 0.0 if inside else min(abs(w - lo), abs(w - hi))
        rank = val - 0.05 * abs(w - target) - 1000.0 * miss
        if rank > best_key:
            best, best_key = (val, bp), rank
    chosen: list[Variant] = []
    bp = best[1] if best else None
    while bp is not None:
        bp, v = bp
        chosen.append(v)
    return chosen[::-1]


def write_parts(
    article: Article, parts: Sequence[Part], question_words: int = 10
) -> tuple[DraftSegment, ...]:
    """The sentences of each part, within ±15 % of its budget counting the closing question."""
    facts = fact_counts(article)
    # Each sentence's stems (cached: the planner's), not bags of them: the salience and repetition
    # cosines read a sentence's counts only through its stems and its norm.
    stems = [content_stems(s.text) for s in article.sentences]
    norms = [_norm_of(st) for st in stems]
    dupes = duplicates(article.sentences)
    art_bag = Counter(chain.from_iterable(stems))
    art_norm = norm(art_bag)
    taken: Counter[str] = Counter()
    continues, goes_on = quote_links(article)
    segments = []
    for part in parts:
        sents = part.sentences(article)
        scores = _scores(article, part, facts, stems, art_bag, norms, art_norm)
        if taken:
            # Repetition across parts: a sentence saying again what an earlier part said.
            norm_taken = norm(taken)
            for j, s in enumerate(sents):
                # the dot product with its bag: what was taken of each of its stems, summed
                # stem by stem (integers: exact in any order)
                dot = sum(map(taken.get, stems[s.index], repeat(0)))
                if dot and dot > 0.5 * norms[s.index] * norm_taken:
                    scores[j] *= 0.3
        vs = [
            [] if s.index in dupes else variants(s, s.index in continues, s.index in goes_on)
            for s in sents
        ]
        for j, opts in enumerate(vs):
            if j == 0:  # the part's first sentence opens a paragraph: nothing before it counts
                vs[j] = [v for v in opts if not v.needs_prev and not fronted_pronoun(v.text)]
            elif sents[j].index and any(fronted_pronoun(v.text) for v in opts):
                # "Last season, she …" only right after the sentence before it: written after
                # a gap it could open the segment, which would never say who "she" is
                vs[j] = [replace(v, needs_prev=True) for v in opts]
        # A part with nothing writable (all junk or continuations) stays empty: the pipeline
        # leaves its segment out rather than print a caption or a dangling "He said…".
        budget = part.budget
        # Aim at the budget less the question, a little under rather than over: the questions the
        # pipeline writes run 8–14 words, so a window of -8..+4 around the target keeps the whole
        # segment within ±15 % whichever length the question turns out to have.
        target = budget - question_words
        lo = max(0.85 * budget - question_words + 2, target - 8)
        hi = min(1.15 * budget - question_words - 2, target + 4)
        chosen = select(vs, scores, lo, hi, target)
        written = tuple(Written(v.text, (article.sentences[v.index].id,), ORIGIN) for v in chosen)
        for v in chosen:
            taken.update(stems[v.index])
        segments.append(DraftSegment(written))
    return tuple(segments)


# ---------------------------------------------------------------------------------------------
# The one-segment short summary.

LEAD_WINDOW = 7  # candidates are drawn from the first usable sentences (overridden by the model)
MAX_PICK = 5


@dataclass(frozen=True)
class Model:
    """The learned candidate scorer: linear weights by feature name, and its candidate space."""

    weights: dict[str, float]
    window: int = LEAD_WINDOW
    max_pick: int = MAX_PICK


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (no weights when none is shipped: then a lead-like default)."""
    path = Path(__file__).resolve().parent.parent / "data" / "extractive.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError:
        return Model({})
    return Model(
        {str(k): float(v) for k, v in data.get("weights", {}).items()},
        int(data.get("window", LEAD_WINDOW)),
        int(data.get("max_pick", MAX_PICK)),
    )


def summarize(
    article: Article, words: int = 60, question_words: int | None = None
) -> tuple[Written, ...]:
    """The sentences of a one-segment summary of ``words`` (±15 %) counting its question.

    For ``words=60``: 37–61 words of sentences, so that with its question (8–14 words) the
    segment stays within 51–69 words.
    The candidate with the highest predicted ROUGE gain over the article's lead at equal length
    wins — among those that leave room for the question. ``question_words`` is the question's
    length when the caller knows it; when it does not, the question the pipeline will write for
    a one-segment report is measured (it is deterministic: same sentences, same question) for
    candidates long enough for it to matter.
    """
    from retell.engines.extractive_features import candidates, ranked, scores

    limit = int(words * 1.15)
    lower = round(words * 0.85)
    if question_words is None:  # the question is measured per candidate (admissible)
        lo, hi = max(1, lower - MAX_QUESTION_WORDS), limit - MIN_QUESTION_WORDS
    else:
        lo, hi = max(1, lower - question_words), limit - question_words
    m = model()
    # The scores without the feature dicts when the weights allow (the same floats, in the same
    # order); else every candidate's features, as training sees them.
    found = ranked(article, lo, hi, m.window, m.max_pick, m.weights)
    if found is None:
        cands = candidates(article, lo, hi, m.window, m.max_pick)
        found = [
            (p, c.chosen, c.words) for p, c in zip(scores(cands, m.weights), cands, strict=True)
        ]
    predicted = [f[0] for f in found]
    order = sorted(range(len(found)), key=predicted.__getitem__, reverse=True)
    # Candidates too long for even the shortest question the pipeline writes are ruled out
    # without writing theirs, and those that fit any question it writes are admitted so:
    # admissible's answer, for the real question writer, without ~80 µs per question.
    shortest = 0 if question_words is not None else _shortest_question()
    for i in order:
        _, chosen, n_words = found[i]
        if n_words + shortest > limit:
            continue
        if (
            question_words is not None
            or (lower <= n_words + shortest and n_words + MAX_QUESTION_WORDS <= limit)
            or admissible(article, chosen, n_words, lower, limit)
        ):
            return _written(article, chosen)
    # No admissible set among the first sentences: fill from the whole article.
    part = Part(0, 0, len(article.sentences), words)
    qw = MAX_QUESTION_WORDS if question_words is None else question_words
    return write_parts(article, [part], qw)[0].sentences


def admissible(
    article: Article, chosen: Sequence[Variant], n_words: int, lower: int, limit: int
) -> bool:
    """Whether sentences of ``n_words`` plus the question the pipeline would close them with
    make ``lower``..``limit`` words. The question is only written when its 8–14 words decide it.

    Why measure rather than assume 10 words: a one-sentence lead of 38 words with a 13-word
    question is a valid summary, and such candidates won in cross-validation (+0.2 R1).
    """
    if n_words + MAX_QUESTION_WORDS <= limit and n_words + MIN_QUESTION_WORDS >= lower:
        return True
    return lower <= n_words + _question_length(article, chosen) <= limit


QUESTION_WORDS = 10  # what a closing question is assumed to take when nobody says
MIN_QUESTION_WORDS = 8  # the pipeline's questions run 8–14 words (retell.write.questions)
MAX_QUESTION_WORDS = 14


@lru_cache(maxsize=1)
def _shortest_question() -> int:
    """The fewest words :func:`_question_length` can answer (10 with the shipped templates).

    Why: 60- and 61-word candidates (the window's top, 8 words under the limit) were a third
    of the questions written to size candidates, and none can take a question: with no word
    used yet, the question is a template filled with a subject phrase of one word or more
    (its words are whitespace-free tokens: each adds one) and kept when it has 8–14 words
    (so at least as many as with a one-word phrase, and 8), else the first fallback question.
    """
    try:
        from retell.write.questions import MIN_WORDS, TEMPLATES, _fallback, _fill
    except ImportError:  # no question writer: it is assumed to be the longest
        return MAX_QUESTION_WORDS
    filled = [
        max(MIN_WORDS, len(_fill(template, "x", plural).split()))
        for _, template in TEMPLATES
        for plural in (False, True)
    ]
    return min([*filled, len(_fallback(set())[0].split())])


def _written(article: Article, chosen: Sequence[Variant]) -> tuple[Written, ...]:
    return tuple(Written(v.text, (article.sentences[v.index].id,), ORIGIN) for v in chosen)


def _question_length(article: Article, chosen: Sequence[Variant]) -> int:
    """Words of the question the pipeline would close this one-segment report with."""
    try:
        from retell.write.questions import question
    except ImportError:  # no question writer: assume the longest question
        return MAX_QUESTION_WORDS
    return len(question(article, _written(article, chosen), used=set()).split())


class ExtractiveEngine:
    """The default engine: no model, nothing invented."""

    name = "extractive"

    def write(self, article: Article, parts: Sequence[Part], options: Options) -> Draft:
        given = options.extra.get("question_words")
        qw = None if given is None else int(given)
        if len(parts) == 1:
            part = parts[0]
            if part.first == 0 and part.last == len(article.sentences):
                return Draft((DraftSegment(summarize(article, part.budget, qw)),))
        return Draft(write_parts(article, parts, QUESTION_WORDS if qw is None else qw))


@hookimpl
def register_engines(register: Callable[[Engine], None]) -> None:
    register(ExtractiveEngine())
