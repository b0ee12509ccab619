"""Check: align a rewrite to its source, sentence by sentence, and find what it gets wrong.

One module serves both the report's self-verification (``Checker.sentence`` screens candidate
sentences, fast enough to call per candidate) and ``retell audit`` (``Checker.audit``).

    checker = Checker(source_article)
    audit = checker.audit(rewrite_article)          # -> Audit (retell.audit/1)
    verdict, findings = checker.sentence("…")       # one standalone sentence
    audit_texts(source_text, rewrite_text)          # both ingested with retell.ingest.from_text

The facts compared (numbers, dates, names, quotes, hedges, attributions) come from
:mod:`retell.facts`, the pipeline's one fact extractor: ``retell.facts.lazy`` for the source
(only the sentences and kinds a rewrite sentence is compared with are extracted) and
``retell.facts.of_text`` for each rewrite sentence. Building a Checker costs next to nothing;
the source's word postings are built when the first non-verbatim sentence is aligned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from retell.check.align import SourceIndex
from retell.check.extract import facts_of
from retell.check.model import Audit, Finding, SentenceVerdict, Span
from retell.check.rules import Rules
from retell.check.score import features, model, weighed
from retell.check.sources import source_facts
from retell.check.text import Token, tokens
from retell.facts._words import Caseless
from retell.facts.model import Kind
from retell.facts.quotes import _DOUBLE_RE as _DOUBLE_MARK  # where quote spans may open
from retell.facts.quotes import _SINGLE_RE as _SINGLE_MARK
from retell.ingest.article import Article, Sentence

__all__ = ["Audit", "Checker", "Finding", "SentenceVerdict", "Span", "audit_texts"]

_FRAMING = Caseless(  # case ignored
    r"\b(speaks? volumes|staggering|harrowing|grim|grotesque|shocking|chilling|disturbing|"
    r"horrifying|devastating|tragic|stark|sobering|remarkable|striking|troubling|alarming|"
    r"laid bare|paints? a picture|raises? questions|remains? to be seen|time will tell)\b"
)
# "supported" needs a support score this far above the model's threshold (the first shipped
# model had its threshold at 0.53 and called 0.6 supported); relative, so a retrained model with a
# different scale keeps the meaning
_SUPPORTED_MARGIN = 0.07
_END = re.compile(r"""[.!?…]['"’”)\]]*\s*$""")
_ASKS = re.compile(r"""\?['"’”)\]]*\s*$""")
_DIGIT = re.compile(r"\d")


def _kind_of_sentence(text: str) -> str | None:
    """'question', 'heading' or 'framing' when a sentence states nothing checkable."""
    t = text.strip()
    if not t:
        return "heading"
    if _ASKS.search(t) and not _ends_in_quote(t):
        return "question"
    if not _END.search(t):
        words = t.split()
        caps = sum(1 for w in words if w[:1].isupper())
        if len(words) <= 4 or caps / len(words) >= 0.5 or "\n" in t:
            return "heading"
    if _FRAMING.found(t) and len(t.split()) <= 25 and not _DIGIT.search(t):
        return "framing"
    return None


def _ends_in_quote(t: str) -> bool:
    """Whether the sentence's final question mark belongs to quoted speech. A quote opens only
    on a quotation mark, so a sentence without one (a report's closing questions) needs no
    fact extraction to tell."""
    from retell.check.extract import quotes

    if not (_DOUBLE_MARK.search(t) or _SINGLE_MARK.search(t)):
        return False
    return any(q.end >= len(t.rstrip()) - 2 for q in quotes(facts_of(t)))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


# a rewrite that opens on a pronoun never says who it is about: BUMP's coreference errors put
# "He" where the reference named the person ("it" is left out: "It was…" opens many sentences)
_OPENING_PRONOUN = frozenset(["he", "she", "they", "his", "her", "their", "him", "them"])
_MALE = frozenset(["he", "him", "his", "himself"])
_FEMALE = frozenset(["she", "her", "hers", "herself"])
_GENDERED = _MALE | _FEMALE
# \b(?:he|him|his|himself|she|her|hers|herself)\b, written to open on a letter: the regex engine
# then skips to the next "h" or "s" in C instead of trying each position (2-3x faster on an
# article); the look-behind after that letter is the word boundary before it
_PRONOUN_WORD = re.compile(r"(?:h(?<!\wh)(?:e|im|is|imself|er|ers|erself)|s(?<!\ws)he)\b")


class Checker:
    """Everything the check needs from one source, built once and reused for many rewrites."""

    def __init__(self, source: Article) -> None:
        self.source = source
        self.index = SourceIndex(source)
        self.facts = source_facts(self.index)
        self.rules = Rules(self.index, self.facts)
        self.model = model()
        # what the support score reads: the audit computes only these features (``each`` hands
        # out all of them, for training)
        self._weighed = weighed(self.model)
        self._genders: tuple[int, int] | None = None

    def _source_genders(self) -> tuple[int, int]:
        """How often the source says he/him/his/himself and she/her/hers/herself."""
        if self._genders is None:
            ws = _PRONOUN_WORD.findall(self.source.text.lower())
            self._genders = (sum(w in _MALE for w in ws), sum(w in _FEMALE for w in ws))
        return self._genders

    def _pronouns(
        self, index: int, text: str, start: int, toks: Sequence[Token], opening: bool
    ) -> list[Finding]:
        """Who a pronoun stands for, where the source settles it: a rewrite opening on "He"
        names no one; "she" in a rewrite of a source that only ever says "he" (and at least
        twice) speaks of someone the source does not."""
        out: list[Finding] = []
        words = [t for t in toks if t.lower[:1].isalpha()]
        if opening and words and words[0].lower in _OPENING_PRONOUN:
            t = words[0]
            out.append(
                Finding(
                    "claim_unsupported",
                    "error",
                    f"the rewrite opens with “{t.text}” without saying who is meant",
                    Span(t.text, t.start, t.end, index),
                    None,
                )
            )
        if _GENDERED.isdisjoint([t.lower for t in words]):
            return out
        male, female = self._source_genders()
        for t in words:
            if (t.lower in _FEMALE and female == 0 and male >= 2) or (
                t.lower in _MALE and male == 0 and female >= 2
            ):
                other = "he/his" if female == 0 else "she/her"
                out.append(
                    Finding(
                        "entity_changed",
                        "error",
                        f"“{t.text}”: the source speaks of no one this way (only “{other}”)",
                        Span(t.text, t.start, t.end, index),
                        None,
                    )
                )
                break
        return out

    # -- one sentence -------------------------------------------------------------------------
    def _check(
        self,
        index: int,
        text: str,
        start: int,
        cited: Sequence[str],
        opening: bool = False,
        every_feature: bool = False,
    ) -> tuple[SentenceVerdict, tuple[Finding, ...], dict[str, float]]:
        end = start + len(text)
        exact = self.index.by_text.get(_norm(text))
        if exact is not None:  # copied verbatim: supported by definition
            sid = self.index.sentences[exact].id
            return SentenceVerdict(index, text, start, end, "supported", (sid,), 1.0), (), {}
        kind = _kind_of_sentence(text)
        if kind is not None:
            return SentenceVerdict(index, text, start, end, "opinion", (), 1.0), (), {}
        toks = tokens(text, start)
        # numbers and dates are checked, not used to find the window: an invented date must not
        # pull the alignment towards the one sentence that happens to carry it
        facts = [
            (f.start + start, f.end + start)
            for f in facts_of(text)
            if f.kind in (Kind.DATE, Kind.NUMBER)
        ]
        kept = toks
        if facts:
            inside: set[int] = set()
            for a, b in facts:
                inside.update(range(a, b))
            kept = [t for t in toks if t.start not in inside]
        al = self.index.align(kept, cited)
        found, rule_feats, verified = self.rules.check(index, text, start, toks, al)
        found.extend(self._pronouns(index, text, start, toks, opening))
        if verified:  # words of a quote found verbatim in the source are supported
            m = tuple(
                1.0 if any(a <= t.start < b for a, b in verified) else x
                for t, x in zip(al.content, al.match, strict=False)
            )
            total = sum(al.weights) or 1.0
            cov = sum(x * w for x, w in zip(m, al.weights, strict=False)) / total
            al = replace(al, match=m, coverage=cov)
        feats = features(self.index, toks, al, rule_feats, None if every_feature else self._weighed)
        p = self.model.prob(feats)
        support = tuple(self.index.sentences[i].id for i in al.window)
        has_error = any(f.severity == "error" for f in found)
        if p < self.model.threshold and not has_error and al.content:
            src = self.index.sentences[al.best_single] if al.best_single >= 0 else None
            weak = len(al.content) <= 3  # too short to judge: warn only
            found.append(
                Finding(
                    "claim_unsupported",
                    "warning" if weak else "error",
                    f"the source does not support this claim (support {p:.2f})",
                    Span(text, start, end, index),
                    Span(src.text, src.start, src.end, src.index) if src else None,
                )
            )
            has_error = not weak
        if p < self.model.threshold:
            status = "unsupported"
        elif has_error or found or p < self.model.threshold + _SUPPORTED_MARGIN:
            status = "partial"
        else:
            status = "supported"
        if status == "unsupported" and al.coverage < 0.25:
            support = ()
        found.sort(key=lambda f: (f.rewrite.start, f.rewrite.end))
        return SentenceVerdict(index, text, start, end, status, support, p), tuple(found), feats

    def sentence(
        self, text: str, cited: Sequence[str] = ()
    ) -> tuple[SentenceVerdict, tuple[Finding, ...]]:
        """Check one standalone sentence (offsets into ``text``; sentence index 0)."""
        v, f, _ = self._check(0, text, 0, cited)
        return v, f

    # -- a whole rewrite ----------------------------------------------------------------------
    def audit(self, rewrite: Article, cited: Mapping[int, Sequence[str]] | None = None) -> Audit:
        """Check every sentence of ``rewrite``; ``cited`` gives the source ids a writer claims."""
        verdicts = []
        findings: list[Finding] = []
        for _s, v, f, _ in self._each(rewrite, cited, every_feature=False):
            verdicts.append(v)
            findings.extend(f)
        checked = [v.score for v in verdicts if v.status != "opinion"]
        score = min(checked) if checked else 1.0
        if any(f.severity == "error" for f in findings):
            score = min(score, self.model.threshold * 0.999)
        else:
            score = max(score, self.model.threshold)
        return Audit(
            score=score,
            findings=tuple(findings),
            sentences=tuple(verdicts),
            source_text=self.source.text,
            rewrite_text=rewrite.text,
        )

    def each(
        self, rewrite: Article, cited: Mapping[int, Sequence[str]] | None = None
    ) -> Iterator[tuple[Sentence, SentenceVerdict, tuple[Finding, ...], dict[str, float]]]:
        """Each rewrite sentence with its verdict, findings and features; the first sentence
        that states something (not a heading, question or framing) is the opening."""
        return self._each(rewrite, cited, every_feature=True)

    def _each(
        self, rewrite: Article, cited: Mapping[int, Sequence[str]] | None, every_feature: bool
    ) -> Iterator[tuple[Sentence, SentenceVerdict, tuple[Finding, ...], dict[str, float]]]:
        opened = False
        for s in rewrite.sentences:
            v, f, feats = self._check(
                s.index,
                s.text,
                s.start,
                (cited or {}).get(s.index, ()),
                not opened,
                every_feature,
            )
            opened = opened or v.status != "opinion"
            yield s, v, f, feats

    def features(self, rewrite: Article) -> list[dict[str, float]]:
        """Per-sentence features (for training and benchmarks; opinion/verbatim sentences omitted)."""
        return [feats for _, _, _, feats in self.each(rewrite) if feats]


def audit_texts(source_text: str, rewrite_text: str) -> Audit:
    """Audit a rewrite against its source, both given as plain text."""
    from retell.ingest import from_text

    return Checker(from_text(source_text)).audit(from_text(rewrite_text))
