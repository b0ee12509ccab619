"""Closing questions: one open question to the reader per segment, about that segment's subject.

Why open templates around a noun phrase copied from the segment: the seed rewrite's questions
("What does this desperation say about the war's toll…?") smuggle in claims. A question that only
asks for the reader's view asserts nothing, and a subject copied verbatim from the segment — lower
case only, so no names, no numbers, no quotes — cannot introduce a fact the source lacks.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter

from retell.ingest.article import Article, Sentence
from retell.model import Written
from retell.write._lemmas import noun_lemma, noun_table, pos_of_lower

__all__ = ["TEMPLATES", "Subject", "question", "subjects"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Each template has one {s} slot (the subject with its determiner). Variants in [sg|pl] agree
# with the subject's number. None of them asserts anything about the subject.
TEMPLATES: tuple[tuple[str, str], ...] = (
    ("make", "What do you make of {s} as described in this part of the story?"),
    ("know", "What more would you want to know about {s} before judging?"),
    ("view", "What would change your view on {s}, if anything at all?"),
    ("ask", "What questions would you ask about {s} if you could?"),
    ("light", "Who do you think could shed more light on {s}?"),
    ("reaction", "What is your first reaction to {s} as reported here?"),
    ("explain", "How would you explain {s} to a friend who missed this story?"),
    ("change", "[Does|Do] {s} change how you see this story, and why?"),
    ("weigh", "How much weight would you give to {s} in this story?"),
    ("tell", "What do you think {s} [tells|tell] us about the wider story?"),
)
MIN_WORDS, MAX_WORDS = 8, 14

_DETERMINERS = _words(
    "a an the this that these those his her its their our my your some any each every no "
    "such many much more most other another all both few several own same"
)
_STOP = _DETERMINERS | _words(
    "and or but if of to in on at by for with from into as than then so not be is are was "
    "were been being has have had do does did will would can could may might must shall "
    "should he she it they we you i him them us me who whom which what where when why how "
    "there here also only just even very about over after before up down out off one two "
    "three four five six seven eight nine ten first second last next new old said says say "
    "told according while per cent percent mr mrs ms dr yesterday today tomorrow now ago "
    "later year years week weeks month months day days time times way ways thing things lot "
    "part kind sort number people man woman men women someone something anything everything "
    "nothing video picture photo image report statement story news article s t like well "
    "back still yet however because though although despite during without within against "
    "between through around among under above below since until including made make"
)


_PRONOUNS = _words(
    "i me you he him she her it we us they them myself yourself himself herself itself ourselves "
    "themselves yourselves anyone anybody everyone everybody somebody nobody none"
)
_EXTRA_STOP = _words(
    "okay ok yes etc pretty fairly following whole entire certain various others former latter "
    "million millions billion billions thousand thousands hundred hundreds dozen dozens half "
    "twice once single double whose whatever whether either neither onto upon via toward towards "
    "amid beyond across behind along ever never always often already again almost really too "
    "instead rather quite perhaps away together recently immediately previously currently"
)
_CLAUSE_OPENERS = _words("that how what why whether where who")
_PREPOSITIONS = _words(
    "of in on at by for with from into onto about over under against between through during "
    "after before without within amid among like than to via towards toward behind beyond"
)
# Nouns too generic to carry a question ("the age", "the name"): kept, but scored down.
_GENERIC = _words(
    "age name names following night nights morning evening hour hours minute minutes moment "
    "look spot end start side member members group official officials source sources person "
    "family friend friends home house world country city area room line seat love average"
)
# Words that head a noun phrase badly ("levels of …" → take what follows instead).
_WEAK_HEADS = _words(
    "level levels lot lots number numbers kind sort type part rest majority amount range series "
    "form side end top use case cases example result fact point place area percent brink verge"
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*|\S")


@dataclass(frozen=True)
class Subject:
    """A noun phrase copied from the segment: its words, head lemma, number and determiner."""

    text: str
    head: str
    plural: bool
    determiner: str  # "the" or "" (bare plural / mass noun)
    score: float

    @property
    def phrase(self) -> str:
        return f"{self.determiner} {self.text}".strip()


def question(
    article: Article,
    sentences: Sequence[Written] | Sequence[Sentence],
    *,
    used: set[str],
) -> str:
    """One closing question about the segment's most salient subject not used yet.

    Args:
        article: the whole article (for contrast: what is special to this segment).
        sentences: the segment's sentences (written or source); the subject is copied from them.
        used: what this report has used: template keys (``t:…``), subject heads (``s:…``) and
            whole questions; the chosen ones are added, so a report's questions differ.
    Returns:
        A question of 8–14 words ending in "?", with no digit, name or quotation.
    """
    texts = tuple(s.text for s in sentences)
    # The extractive engine sizes its one-segment summary by the question the pipeline will
    # write for it, so the same question is asked for twice: remember the last few answers.
    key = (article.text, len(article.sentences), texts, frozenset(used))
    hit = _MEMO.get(key)
    if hit is None:
        hit = _choose(article, texts, used)
        if len(_MEMO) >= _MEMO_SIZE:
            # the oldest entry; another thread may have changed the dict meanwhile
            with contextlib.suppress(KeyError, RuntimeError, StopIteration):
                del _MEMO[next(iter(_MEMO))]
        _MEMO[key] = hit
    q, added = hit
    used.update(added)
    return q


_MEMO: dict[tuple[str, int, tuple[str, ...], frozenset[str]], tuple[str, tuple[str, ...]]] = {}
_MEMO_SIZE = 64


def _choose(article: Article, texts: Sequence[str], used: set[str]) -> tuple[str, tuple[str, ...]]:
    """The question and what it adds to ``used`` (see :func:`question`); ``used`` is not changed."""
    cands = _ranked(article, texts)
    fresh = [c for c in cands if f"s:{c[2]}" not in used] or cands
    order = [t for t in TEMPLATES if f"t:{t[0]}" not in used] or list(TEMPLATES)
    for _, text, head, plural, det in fresh[:6]:
        phrase = f"{det} {text}".strip()  # Subject.phrase
        for key, template in order:
            q = _fill(template, phrase, plural)
            if MIN_WORDS <= len(q.split()) <= MAX_WORDS and q not in used:
                return q, (f"t:{key}", f"s:{head}", q)
    return _fallback(used)


def _fallback(used: set[str]) -> tuple[str, tuple[str, ...]]:
    """No usable subject (very short or all-names segment): a fixed open question."""
    options = (
        "What do you make of what you have just read here?",
        "What would you want to ask the people involved in this?",
        "How does this part of the story change your view, if at all?",
    )
    for q in options:
        if f"q:{q}" not in used:
            return q, (f"q:{q}",)
    return options[0], ()


_NUMBER_VARIANT = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")  # "[sg|pl]" in a template


def _numbered(template: str, idx: int) -> str:
    """The template with each "[sg|pl]" resolved: singular for ``idx`` 0, plural for 1."""
    return _NUMBER_VARIANT.sub(lambda m: m.group(1 + idx), template)


# each template's singular and plural wording, made once
_NUMBERED = {
    template: (_numbered(template, 0), _numbered(template, 1)) for _, template in TEMPLATES
}


def _fill(template: str, phrase: str, plural: bool) -> str:
    """The template for a subject ``phrase`` (its determiner included) of that number."""
    text = _NUMBERED[template][1 if plural else 0].replace("{s}", phrase)
    return text[0].upper() + text[1:]


def subjects(article: Article, texts: Sequence[str]) -> list[Subject]:
    """Candidate subjects of a segment, best first.

    A candidate is a run of lower-case content words in the text ending in a word that can be a
    noun (``gladiator-style fights``, ``torture pits``), optionally ``X of Y``. Score: how often
    its head's lemma occurs in the segment, weighted by how concentrated it is here rather than
    across the article (tf·idf-like), with a small bonus for phrases seen twice.
    """
    return [
        Subject(text, head, plural, det, -neg)
        for neg, text, head, plural, det in _ranked(article, texts)
    ]


# A candidate of :func:`_ranked`: (minus its score, text, head lemma, plural, determiner).
_Ranked = tuple[float, str, str, bool, str]


def _ranked(article: Article, texts: Sequence[str]) -> list[_Ranked]:
    """:func:`subjects` as plain tuples, in the same order: the question reads the first few
    only, so the others are never made into :class:`Subject` objects."""
    capitalised, art_lemmas = _article_words(article.text)
    seg = [_text_chunks(text, capitalised) for text in texts]
    seg_lemmas = _lemma_counts(Counter(chain.from_iterable(words for _, words in seg)))
    phrases: dict[str, int] = {}  # a plain dict: Counter's __missing__ is a Python call
    info: dict[str, tuple[str, bool, str, int]] = {}
    for cands, _ in seg:
        for phrase, determined, head, plural, n_words in cands:
            phrases[phrase] = phrases.get(phrase, 0) + 1
            det = "the" if determined else info.get(phrase, ("", False, "", 0))[2]
            info[phrase] = (head, plural, det, n_words)
    n_art = max(1, len(article.sentences))
    out = []
    for phrase, n in phrases.items():
        head, plural, det, n_words = info[phrase]
        if not plural and not det and n_words == 1 and _countable_singular(head):
            continue  # a bare singular count noun never seen after a determiner: likely a verb
        tf = seg_lemmas.get(head, 0) or n
        df = art_lemmas.get(head, 0) or tf
        score = tf * math.log(1.0 + n_art * tf / df) * (1.0 + 0.3 * (n - 1))
        score *= 1.0 + 0.15 * (n_words - 1)
        if n == 1 and "ADJ" in pos_of_lower(head):
            score *= 0.25  # "the custom white", "the good": adjectives lemminflect lists as nouns
        if head in _GENERIC:
            score *= 0.3
        out.append((-score, phrase, head, plural, det))
    out.sort()  # by score, then text: the texts differ, so the rest is never compared
    return out


# A chunk of one text as :func:`_ranked` reads it: (phrase, whether a determiner or possessive
# goes before it, head lemma, whether the head is plural, number of words).
_Cand = tuple[str, bool, str, bool, int]


@lru_cache(maxsize=256)
def _text_chunks(text: str, capitalised: frozenset[str]) -> tuple[list[_Cand], tuple[str, ...]]:
    """The candidates of one segment text (its :func:`_chunks` as :data:`_Cand`) and its
    lower-case words, lower-cased (cached: the engine asks for the question of several
    candidate summaries that share sentences). Read-only."""
    toks = _WORD.findall(text)
    lows = list(map(str.lower, toks))
    infos = list(map(_word_info, toks))
    # noun_lemma(w) is table.get(w, w) for a lower-cased w: a dict look-up instead of a call
    table = noun_table()
    cands = []
    for start, end, head_i in _chunks(toks, lows, infos, capitalised):
        prev = lows[start - 1] if start > 0 else ""
        head = lows[head_i]
        lemma = _lemma(head) if table is None else table.get(head, head)
        determined = prev in _DETERMINERS or prev.endswith(_POSSESSIVE)
        if not determined and end - start > 1 and prev not in _PREPOSITIONS:
            determined = _countable_singular(lemma)  # "a Sikh community leader"
        plural = infos[head_i] & _PLURAL != 0
        cands.append((" ".join(toks[start:end]), determined, lemma, plural, end - start))
    # the words that open on a lower-case letter (a token is never empty): their lemmas are
    # counted for the few heads asked about (:class:`_LemmaCounts`), not looked up one by one
    return cands, tuple(compress(lows, map(str.islower, map(_FIRST, toks))))


_FIRST = itemgetter(0)
_POSSESSIVE = ("'s", "\u2019s", "s'", "s\u2019")


# A word token of _WORD that opens on a lower-case letter. _WORD takes a maximal run of
# [A-Za-z0-9'’-] from its first letter or digit (quote marks and hyphens before it are tokens of
# their own), so such a token is what follows those leading marks at the start of a run.
_LOWER_TOKEN = re.compile(r"(?<![A-Za-z0-9'\u2019-])['\u2019-]*([a-z][A-Za-z0-9'\u2019-]*)")


def _lower_words(text: str) -> Counter[str]:
    """``Counter(map(str.lower, _LOWER_TOKEN.findall(text)))``, made in C.

    Why: the regex, a lower-casing of each word and the count were a third of a question's time
    on an article not seen before. A token of :data:`_LOWER_TOKEN` is a maximal run of
    ``[A-Za-z0-9'’-]`` without its leading quotes and hyphens, when what is left opens on a
    lower-case letter. So: ``’`` becomes byte 1 (a byte 1 of the text, not a word character,
    first becomes a space), every byte that is not a word character (a non-ASCII character's
    bytes too) a space, one regex deletes the leading quotes of each run and the runs opening
    on a capital or a digit, and the rest is lower-cased, split and counted.
    """
    return _lower_words_of(text.encode("utf-8", "surrogatepass"))


def _lower_words_of(b: bytes) -> Counter[str]:
    """:func:`_lower_words` of a text's UTF-8 bytes."""
    if b"\x01" in b:
        b = b.replace(b"\x01", b" ")
    b = _NOT_LOWER.sub(b"", b" " + b.replace(_RSQUO, b"\x01").translate(_RUN_BYTES)).lower()
    if b"\x01" in b:
        return Counter(b.replace(b"\x01", _RSQUO).decode("utf-8").split())
    return Counter(b.decode("ascii").split())


_RSQUO = "\u2019".encode()
_RUN_BYTES = bytes(
    c if c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'-\x01" else 32
    for c in range(256)
)
# At a run's start (after a space): its quotes and hyphens, and the rest of the run too when it
# opens on a capital or a digit. Opening on a character set: the regex engine scans in C.
_NOT_LOWER = re.compile(
    rb"['\x01A-Z0-9-](?<= ['\x01A-Z0-9-])(?:(?<=[A-Z0-9])[^ ]*|['\x01-]*(?:[A-Z0-9][^ ]*)?)"
)


class _LemmaCounts:
    """How often a text's lower-case words have each noun lemma, counted for a lemma when asked
    (a segment asks about a few heads; looking every word up in the lemma table was most of the
    question's time, and each look-up in that big table is a miss of a cold CPU cache)."""

    __slots__ = ("_reverse", "_table", "_text", "_words")

    def __init__(self, words: Counter[str], table: dict[str, str], text: str | None) -> None:
        """``words``: the lower-case words, lower-cased, and how often each occurs; ``text``:
        the text, when ``words`` is its :func:`_lower_words` (which leaves out what a non-ASCII
        lemma may count: such a lemma is then counted from the text the long way)."""
        self._text = text
        self._words = words
        self._table = table
        self._reverse = _noun_forms()

    def get(self, lemma: str, default: int = 0) -> int:
        if self._text is not None and not lemma.isascii():
            # _WORD also makes a token of a lone non-ASCII letter ("é"), which _LOWER_TOKEN
            # leaves out: such a lemma (never a subject's head) is counted the long way.
            table = self._table
            return (
                sum(
                    n
                    for tok, n in Counter(_WORD.findall(self._text)).items()
                    if tok[:1].islower() and table.get(tok.lower(), tok.lower()) == lemma
                )
                or default
            )
        # the words whose lemma it is: itself unless it has another, and its other forms
        words = self._words
        n = 0 if lemma in self._table else words.get(lemma, 0)
        for form in self._reverse.get(lemma, ()):
            n += words.get(form, 0)
        return n or default


def _lemma_counts(words: Counter[str]) -> Counter[str] | _LemmaCounts:
    """Noun lemmas of a segment's lower-case words (``words``: lower-cased, with counts)."""
    table = noun_table()
    if table is not None:
        return _LemmaCounts(words, table, None)
    out: Counter[str] = Counter()  # pragma: no cover - another lemminflect
    for word, n in words.items():  # pragma: no cover
        out[_lemma(word)] += n
    return out  # pragma: no cover


@lru_cache(maxsize=1)
def _noun_forms() -> dict[str, tuple[str, ...]]:
    """Noun lemma → the lower-case words whose first noun lemma it is (other than itself)."""
    out: dict[str, list[str]] = {}
    for word, lemma in (noun_table() or {}).items():
        out.setdefault(lemma, []).append(word)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=16)
def _article_words(text: str) -> tuple[frozenset[str], Counter[str] | _LemmaCounts]:
    """The article's :func:`_capitalised_words` and the noun lemmas of its lower-case words,
    from one encoding of its text (cached: one article, many segments, and the engine asks for
    its one-segment question too)."""
    data = text.encode("utf-8", "surrogatepass")
    capitalised = _capitalised_of(data)
    table = noun_table()
    if table is not None:
        return capitalised, _LemmaCounts(_lower_words_of(data), table, text)
    out: dict[str, int] = {}  # pragma: no cover - another lemminflect
    for tok, n in Counter(_WORD.findall(text)).items():  # pragma: no cover
        if tok[:1].islower():
            lem = _lemma(tok)
            out[lem] = out.get(lem, 0) + n
    return capitalised, Counter(out)  # pragma: no cover


# words after which a noun-or-verb word ("use", "fear", "claim") is the verb of a clause
_CLAUSE_SUBJECTS = frozenset(["who", "which", "that", "they", "we", "i", "you", "he", "she", "it"])


def _chunks(
    toks: list[str], lows: list[str], infos: list[int], capitalised: frozenset[str]
) -> list[tuple[int, int, int]]:
    """(start, end, head index) of noun-phrase-like runs: lower-case modifiers then a noun.

    ``lows`` is ``toks`` lower-cased and ``infos`` their :func:`_word_info` (made once: the
    tests below ask about a word more than once).
    """
    out = []
    n = len(toks)
    content = list(map(bool, infos))  # a word's info is 0 when it is no content word
    # a content word is lower case already; most segments hold none the article capitalises
    if not capitalised.isdisjoint(compress(toks, content)):
        for k in range(n):
            if content[k] and toks[k] in capitalised:
                content[k] = False
    i = 0
    while i < n:
        if not content[i]:
            try:
                i = content.index(True, i)  # the next content word, found in C
            except ValueError:
                break
        j = i
        while j < n and content[j]:
            j += 1
        # the run toks[i:j]; end it at its last word that can head a noun phrase here
        end = j
        while end > i and not _head_ok(lows, infos, end - 1):
            end -= 1
        if end > i:
            start = max(i, end - 3)
            while start < end - 1 and not infos[start] & _MODIFIER:
                start += 1
            if any(not info & _MODIFIER for info in infos[start : end - 1]):
                start = end - 1
            for t in range(start, end - 1):
                if infos[t] & _PLURAL:
                    start = t + 1  # "visits car-boot sales": a plural before a noun is a verb
            if start < end - 1 and start > 0 and lows[start - 1] in _CLAUSE_SUBJECTS:
                start += 1  # "commanders who use abuse": after a subject the word is its verb
            elif start < end - 1 and start > 0 and lows[start - 1] == "to" and infos[start] & _VERB:
                start += 1  # "to tackle migrant deaths": after "to" a verb-or-noun is the verb
            head_i = end - 1
            if lows[head_i] in _WEAK_HEADS and end + 1 < n and lows[end] == "of":
                k = end + 1
                while k < n and lows[k] in _DETERMINERS:
                    k += 1
                m = k
                while m < n and m - k < 2 and content[m]:
                    m += 1
                while m > k and not _head_ok(lows, infos, m - 1):
                    m -= 1
                if m > k:
                    out.append((k, m, m - 1))
            else:
                out.append((start, end, head_i))
                if end + 1 < n and lows[end] == "of" and end - start == 1:
                    k = end + 1
                    if k < n and content[k] and _head_ok(lows, infos, k):
                        m = k + 1
                        # the noun phrase must end there: not before another content word,
                        # nor before one left out only because the article capitalises it
                        # elsewhere ("critic of mainstream [climate policy]")
                        if not (m < n and (content[m] or lows[m] in capitalised)):
                            out.append((start, m, head_i))  # "punishment of deserters"
        i = j + 1
    return out


def _head_ok(lows: list[str], infos: list[int], i: int) -> bool:
    """Can the content word ``lows[i]`` head a noun phrase here? Reject verbs that lemminflect
    also lists as nouns.

    Verbal forms (``beating``, ``accused``, ``left``) count only straight after a determiner; a
    noun/verb word followed by a determiner or pronoun is a verb with its object (``show a``).
    """
    info = infos[i]
    if not info & (_VERB_TOO | _VERB_FORM):
        return info & _NOUN != 0
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if nxt in _DETERMINERS or nxt in _PRONOUNS or nxt in _CLAUSE_OPENERS:
        return False
    prev = lows[i - 1] if i > 0 else ""
    if prev and prev[:1].islower() and _is_plural(prev) and _nounish(prev):
        return False  # "the protests spread": a plural noun, then its verb
    return info & _VERB_TOO != 0 or prev in _DETERMINERS


# What :func:`_word_info` knows of a word, as bits. As a head (at most one of the three): a
# noun only; a noun and a verb in its base form; a verbal form ("beating", "accused", "left":
# a head only straight after a determiner).
_CONTENT_WORD, _NOUN, _VERB_TOO, _VERB_FORM, _MODIFIER, _PLURAL, _VERB = (1 << k for k in range(7))


@lru_cache(maxsize=65536)
def _word_info(tok: str) -> int:
    """0 unless ``tok`` is a lower-case content word (whatever the article writes with a
    capital); else what it can be: the bits above, whatever its neighbours.

    One look-up per token, and one set of tests per new word: the chunker asks each content word
    whether it is a noun, a modifier, a plural, a verb.
    """
    # the cheap tests first; a token that fits _CONTENT is its own lower case
    if not (
        tok[:1].islower()
        and len(tok) > 2
        and tok not in _NOT_CONTENT
        and tok.isascii()
        and _CONTENT.fullmatch(tok) is not None
    ):
        return 0
    pos = pos_of_lower(tok)
    info = _CONTENT_WORD
    if _nounish_of(tok, pos):
        if "VERB" not in pos:
            info |= _NOUN
        # membership in lemminflect's tuples directly (a set of each cost more than the test)
        elif tok.endswith(_VERBAL) or (tok not in pos["VERB"] and tok not in pos.get("NOUN", ())):
            info |= _VERB_FORM
        else:
            info |= _VERB_TOO
    if _modifier_of(tok, pos):
        info |= _MODIFIER
    if _plural_of(tok, pos):
        info |= _PLURAL
    if "VERB" in pos:
        info |= _VERB
    return info


_CONTENT = re.compile(r"[a-z]+(?:-[a-z]+)*")
_NOT_CONTENT = _STOP | _EXTRA_STOP | _PRONOUNS
_VERBAL = ("ing", "ed")
_ADJECTIVAL = ("anti-", "pro-", "non-", "self-", "post-", "pre-", "well-")
_ABSTRACT = ("ion", "ment", "ness", "ity", "ism", "ship")


# The tests below take a lower-case word and its ``pos_of_lower``.


@lru_cache(maxsize=65536)
def _nounish(low: str) -> bool:
    return _nounish_of(low, pos_of_lower(low))


def _nounish_of(low: str, pos: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``low`` can be a noun."""
    if low.startswith(_ADJECTIVAL):
        return False  # adjectival compounds: "anti-corruption (unit)"
    if not pos:
        if "-" in low:
            last = low.rsplit("-", 1)[1]
            return last not in _STOP and "NOUN" in pos_of_lower(last)
        return low.endswith(_ABSTRACT)
    return "NOUN" in pos and not ("ADV" in pos and low.endswith("ly"))


def _modifier_of(low: str, pos: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``low`` can go before a head noun."""
    if not pos:
        return "-" in low
    if "ADJ" in pos:
        return True
    if low.endswith(_VERBAL):
        return False
    # no adjective: an adverb or verb only is no modifier
    return "NOUN" in pos or not ("ADV" in pos or "VERB" in pos)


_lemma = noun_lemma


@lru_cache(maxsize=65536)
def _is_plural(low: str) -> bool:
    return _plural_of(low, pos_of_lower(low))


def _plural_of(low: str, pos: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``low`` is a plural noun form: a noun lemma other than itself ("data" → datum),
    not "…ss"."""
    forms = pos.get("NOUN")
    if not forms:
        return False
    return forms.count(low) != len(forms) and not low.endswith("ss")


def _countable_singular(head: str) -> bool:
    """Guess: abstract nouns (-ion, -ness, -ity, -ism, -ure, -age) read well bare.

    -ance/-ence words are often countable ("conference", "sentence"), and "the violence" reads
    fine, so they count as countable and get "the".
    """
    return not head.endswith(("ion", "ness", "ity", "ism", "ship", "ure", "age", "ing"))


@lru_cache(maxsize=16)
def _capitalised_words(text: str) -> frozenset[str]:
    """Lower-cased words the article writes with a capital mid-sentence: names, not subjects.

    (The question writer reads them from :func:`_article_words`.)"""
    return _capitalised_of(text.encode("utf-8", "surrogatepass"))


def _capitalised_of(data: bytes) -> frozenset[str]:
    """:func:`_capitalised_words` of a text's UTF-8 bytes.

    On the bytes: the pattern is all ASCII and a non-ASCII character's bytes match none of it,
    so the matches are the same; the engine runs faster on bytes than on a str with wide
    characters (’, “).
    """
    found = _CAPITALISED.findall(data)
    return frozenset(b" ".join(found).lower().decode("ascii").split())


# The capital first, the look-behind after it: a pattern opening on a character set is scanned
# for in C (one opening on a look-behind was tried at every position of the article).
_CAPITALISED = re.compile(rb"([A-Z](?<=[a-z,;] [A-Z])[a-z]+)")
