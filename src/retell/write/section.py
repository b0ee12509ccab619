"""Section label: from the article's metadata when it names one, else from a weighted cue lexicon.

Why a hand-written lexicon: nine coarse labels need no model, the cues are easy to audit and to
extend (``retell/data/sections.json``), and a wrong label costs little — it is a tag, not a claim.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from retell.ingest.article import Article
from retell.write._lemmas import known_words, pos_of

__all__ = ["SECTIONS", "section", "section_from_hint", "section_scores"]

SECTIONS = (
    "World News",
    "Politics",
    "Business",
    "Technology",
    "Science",
    "Health",
    "Sport",
    "Entertainment",
    "Lifestyle",
)
_TOKEN = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
_BY_LOWER = {s.lower(): s for s in SECTIONS}


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[str, dict[str, float]]]:
    raw = json.loads((Path(__file__).parent.parent / "data" / "sections.json").read_text("utf-8"))
    return dict(raw["hints"]), {
        k: {c: float(w) for c, w in v.items()} for k, v in raw["cues"].items()
    }


def section(article: Article) -> str:
    """One of :data:`SECTIONS` for the article.

    Metadata first (``article.section_hint``, then the URL path), because an editor already chose;
    otherwise the best-scoring section of the cue lexicon over title and text. A tie goes to
    World News when the article has war or foreign-affairs cues, else to the first tied section.
    """
    label = section_from_hint(article.section_hint) or section_from_url(article.url)
    if label:
        return label
    scores = section_scores(article)
    best = max(scores.values())
    if best <= 0:
        return "World News"
    tied = [s for s in SECTIONS if scores[s] >= best - 1e-9]
    if len(tied) > 1 and scores["World News"] > 0:
        return "World News"
    return tied[0]


def section_from_hint(hint: str | None) -> str | None:
    """Map a section hint ("world", "Sport", "tvshowbiz", "money/markets") to a label, or None."""
    if not hint:
        return None
    h = hint.strip().lower()
    if h in _BY_LOWER:
        return _BY_LOWER[h]
    hints, _ = _lexicon()
    for part in re.split(r"[^a-z0-9_-]+", h):
        if part in hints:
            return hints[part]
        if part.rstrip("s") in hints:
            return hints[part.rstrip("s")]
    return None


def section_from_url(url: str | None) -> str | None:
    """A label from the URL's path segments (``/sport/football/…`` → Sport), or None."""
    if not url:
        return None
    try:
        path = urlparse(url).path
    except ValueError:
        return None
    hints, _ = _lexicon()
    for seg in path.lower().split("/")[:-1] or path.lower().split("/"):
        if seg in hints:
            return hints[seg]
    host = (urlparse(url).hostname or "").split(".")
    for part in host[:-2]:  # sport.example.com, money.example.co.uk
        if part in hints:
            return hints[part]
    return None


def section_scores(article: Article) -> dict[str, float]:
    """Each section's score: Σ weight × (1 + ln count) over its cues found in title and text.

    The title counts twice as a second pass, since it is the densest statement of the topic.
    Only the cues the text holds are visited (a set intersection finds the single words); each
    section's terms are still added in lexicon order, so the sums are the same floats.
    """
    text = _lowered(article)
    toks, leads = _tokens_of(text)
    counts = _cue_counts(toks)
    singles, phrases = _cue_index()
    terms: list[list[tuple[int, float]]] = [[] for _ in SECTIONS]
    for cue in counts.keys() & singles.keys():
        n = counts[cue]
        if n:
            for sec_i, order, weight in singles[cue]:
                terms[sec_i].append((order, weight * (1.0 + math.log(n))))
    # Tests before the regex, cheapest first: a counted phrase's last word opens a token (it
    # follows a space), alone or with "s" or before an apostrophe or hyphen; and the phrase is a
    # substring. ``counts`` holds every phrase's last word, and that word with "s", that is a
    # token; ``leads`` the opening run of each token with an apostrophe or hyphen, and more.
    # Two set intersections find the phrases that pass the first test (most fail it); the
    # order of the terms does not matter, each section's are sorted below.
    by_word = _phrases_by_word()
    passed = {k for w in by_word.keys() & counts.keys() for k in by_word[w]}
    passed.update(k for w in by_word.keys() & leads for k in by_word[w])
    for k in sorted(passed):
        cue, _, where = phrases[k]
        if cue.encode() in text:
            n = _phrase_count(text, cue)
            if n:
                for sec_i, order, weight in where:
                    terms[sec_i].append((order, weight * (1.0 + math.log(n))))
    out: dict[str, float] = {}
    for sec_i, sec in enumerate(SECTIONS):
        score = 0.0
        for _, term in sorted(terms[sec_i]):
            score += term
        out[sec] = score
    return out


@lru_cache(maxsize=1)
def _cue_index() -> tuple[
    dict[str, tuple[tuple[int, int, float], ...]],
    tuple[tuple[str, str, tuple[tuple[int, int, float], ...]], ...],
]:
    """Single-word cues → (section index, order in its section, weight), and the phrase cues."""
    singles: dict[str, list[tuple[int, int, float]]] = {}
    phrases: dict[str, list[tuple[int, int, float]]] = {}
    for sec_i, (_, sec_cues) in enumerate(_cue_lists()):
        for order, (cue, weight, phrase) in enumerate(sec_cues):
            (phrases if phrase else singles).setdefault(cue, []).append((sec_i, order, weight))
    return (
        {c: tuple(v) for c, v in singles.items()},
        tuple((c, c.rsplit(" ", 1)[1], tuple(v)) for c, v in phrases.items()),
    )


@lru_cache(maxsize=1)
def _phrases_by_word() -> dict[str, tuple[int, ...]]:
    """Each phrase cue's last word, and that word with "s" → the phrases' indexes in
    :func:`_cue_index`."""
    out: dict[str, list[int]] = {}
    for k, (_, last, _) in enumerate(_cue_index()[1]):
        for word in (last, last + "s"):
            out.setdefault(word, []).append(k)
    return {w: tuple(v) for w, v in out.items()}


@lru_cache(maxsize=1)
def _cue_lists() -> tuple[tuple[str, tuple[tuple[str, float, bool], ...]], ...]:
    """Per section (in :data:`SECTIONS` order), its cues in lexicon order: (cue, weight, phrase?)."""
    _, cues = _lexicon()
    return tuple(
        (sec, tuple((c, w, " " in c) for c, w in cues.get(sec, {}).items())) for sec in SECTIONS
    )


def _cue_counts(toks: list[str]) -> dict[str, int]:
    """:func:`_term_counts` for the single-word cues only (the token's own count plus the forms
    whose lemma it is), from the text's tokens (:func:`_tokens`); also the counts of the phrase
    cues' last words (:func:`_counted_tokens`), which no score reads.

    Only cue counts are ever read, so only the tokens that are a cue or a form of one are
    counted: ``filter`` with a set's ``__contains__`` keeps them in C, and counting those few is
    cheaper than counting every word of the article.
    """
    by_form = _cue_lemmas_by_form()
    if by_form is None:  # pragma: no cover - another lemminflect
        return _term_counts_of(toks)
    counted = _counted_tokens()
    own = Counter(filter(counted.__contains__, toks))
    out: dict[str, int] = dict(own)
    for tok in own.keys() & by_form.keys():  # only words with a cue among their lemmas
        n = own[tok]
        for lem in by_form[tok]:
            out[lem] = out.get(lem, 0) + n
    return out


def _lowered(article: Article) -> bytes:
    """The title twice and the text, lower-cased, as UTF-8: what the section is scored on.

    Why bytes: a cue, a token and the look-arounds of a phrase's pattern are all ASCII, and
    UTF-8 writes an ASCII letter only for that letter, so they find the same in the bytes as in
    the str. Lower-casing the bytes changes only ASCII letters, which is what ``str.lower`` does
    to them; to any other character it does what no cue or token can see, except "İ" and the
    Kelvin sign, which it turns into ASCII ("i̇", "k"): a text with either takes ``str.lower``.
    Most articles hold a "’" or "“" and are stored wide, where ``str.lower`` is slow.
    """
    text = article.text
    title = article.title
    whole = f"{title}\n{title}\n{text}" if title else text
    if whole.isascii() or ("\u0130" not in whole and "\u212a" not in whole):
        return whole.encode("utf-8", "surrogatepass").lower()
    low = text.lower()
    if title:
        low = title.lower() + "\n" + title.lower() + "\n" + low
    return low.encode("utf-8", "surrogatepass")


def _tokens(text: str) -> tuple[list[str], set[str]]:
    """``_TOKEN.findall(text)`` for a lower-cased ``text``; and the run of letters before each
    apostrophe or hyphen inside a token (``"minister's"`` → ``"minister"``).

    Why not the regex: it cost a third of the section's time. A token of :data:`_TOKEN` is a
    maximal run of ``[a-z'-]`` stripped of its leading and trailing quotes and hyphens (the
    regex opens and closes on a letter and is greedy; each run holds at most one token). So the
    text is encoded, every other byte (a non-ASCII character's bytes too) becomes a space with
    one ``bytes.translate``, the quotes and hyphens at the edges of runs are deleted, and the
    rest is a ``split`` — all in C.

    The runs before an apostrophe or hyphen are, with the tokens, what a phrase cue's last word
    must be among to occur (see :func:`section_scores`); a run before a later apostrophe of the
    same token (``"rock'n'roll"`` → ``"n"``) is in too: harmless, the test only spares a regex.
    """
    return _tokens_of(text.encode("utf-8", "surrogatepass"))


def _tokens_of(text: bytes) -> tuple[list[str], set[str]]:
    """:func:`_tokens` of a lower-cased text's UTF-8 bytes."""
    b = _EDGES.sub(b"", b" " + text.translate(_RUN_BYTES) + b" ")
    pieces = b.translate(_HYPHEN_TO_QUOTE).decode("ascii").split("'")
    pieces.pop()
    return b.decode("ascii").split(), {p.rpartition(" ")[2] for p in pieces}


_RUN_BYTES = bytes(c if c in b"abcdefghijklmnopqrstuvwxyz'-" else 32 for c in range(256))
_HYPHEN_TO_QUOTE = bytes.maketrans(b"-", b"'")
# quotes and hyphens after a space (a run's start), or before one (its end); opening on a
# character set, so the regex engine scans for it in C
_EDGES = re.compile(rb"['-](?:(?<= ['-])['-]*|['-]*(?= ))")


@lru_cache(maxsize=1)
def _counted_tokens() -> frozenset[str]:
    """The tokens whose counts a section score can read: single-word cues and their forms; and
    each phrase cue's last word, alone and with "s" (whether it is a token)."""
    by_form = _cue_lemmas_by_form() or {}
    singles, phrases = _cue_index()
    lasts = [w for _, last, _ in phrases for w in (last, last + "s")]
    return frozenset(singles) | frozenset(by_form) | frozenset(lasts)


def _term_counts(text: str) -> Counter[str]:
    """Counts of each token and of its noun/verb lemma ("soldiers" also counts as "soldier")."""
    return _term_counts_of(_TOKEN.findall(text))


def _term_counts_of(tokens: list[str]) -> Counter[str]:
    """:func:`_term_counts` of a text's tokens."""
    toks = Counter(tokens)
    out: dict[str, int] = dict(toks)  # a plain dict: Counter's __missing__ is a Python call
    by_form = _cue_lemmas_by_form()
    if by_form is None:  # pragma: no cover - another lemminflect: every word looked up
        for tok, n in toks.items():
            for lem in _other_lemmas(tok):
                out[lem] = out.get(lem, 0) + n
        return Counter(out)
    for tok in toks.keys() & by_form.keys():  # only words with a cue among their lemmas
        n = toks[tok]
        for lem in by_form[tok]:
            out[lem] = out.get(lem, 0) + n
    return Counter(out)


@lru_cache(maxsize=1)
def _cue_lemmas_by_form() -> dict[str, tuple[str, ...]] | None:
    """Word → its lemmas (other than itself) that are single-word cues, for every word that has one.

    Only cue counts are ever read, so only a lemma that is a cue needs counting. Looking a token
    up here is one dict access; asking lemminflect about each new word of each article (names,
    rare words) was half of the section's time. Built once (~20 ms) from lemminflect's tables.
    """
    tables = known_words()
    if tables is None:  # pragma: no cover - another lemminflect: look words up one by one
        return None
    _, cues = _lexicon()
    singles = {c for sec in cues.values() for c in sec if " " not in c}
    out: dict[str, tuple[str, ...]] = {}
    for table in tables:
        for word, pos in table.items():
            if word in out or not word.islower():
                continue  # a token is lower case: only lower-case entries are ever looked up
            if any(f.lower() in singles for forms in pos.values() for f in forms):
                lems = tuple(lem for lem in _other_lemmas(word) if lem in singles)
                if lems:
                    out[word] = lems
    return out


@lru_cache(maxsize=65536)
def _other_lemmas(tok: str) -> tuple[str, ...]:
    """The lemmas of ``tok`` other than itself (cached: the same words recur across articles)."""
    return tuple(sorted({lem for forms in pos_of(tok).values() for lem in forms} - {tok}))


def _phrase_count(text: bytes, phrase: str) -> int:
    """Occurrences of ``phrase`` (or it with "s") not inside a longer word, in a lower-cased
    text's UTF-8 bytes (see :func:`_lowered`)."""
    return len(_phrase_pattern(phrase).findall(text))


@lru_cache(maxsize=1024)
def _phrase_pattern(phrase: str) -> re.Pattern[bytes]:
    """``(?<![a-z])phrase s?(?![a-z])`` on bytes, written to open on the phrase's first letter:
    the same matches, but the regex engine scans for that letter in C instead of trying the
    look-behind at every position of the article. (Not a letter before that first letter
    ``c``: not ``[a-z]c`` before the position after it.)"""
    if not phrase:
        return re.compile(rb"(?<![a-z])s?(?![a-z])")
    first = re.escape(phrase[0].encode())
    rest = re.escape(phrase[1:].encode())
    return re.compile(first + b"(?<![a-z]" + first + b")" + rest + rb"s?(?![a-z])")
