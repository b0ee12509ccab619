"""The baseline both benchmarks time and score against: sumy's LexRank, as sumy runs it.

sumy's default ``Tokenizer("english")`` splits sentences with NLTK's punkt, whose data cannot be
downloaded here. The issues name the replacement: pysbd for sentences. Words are left to sumy's
own word tokenizer (NLTK's Treebank-style ``NLTKWordTokenizer``, which needs no data) and its own
``_is_word`` filter, so the baseline does the work sumy does by default and nothing less: a
cheaper regex for words would make sumy look faster than it is and every ratio look worse.
"""

from __future__ import annotations

from typing import Any


class PysbdTokenizer:
    """Duck-types sumy's Tokenizer: pysbd sentences, sumy's default word tokenisation."""

    language = "english"

    def __init__(self) -> None:
        import pysbd
        from nltk.tokenize import NLTKWordTokenizer
        from sumy.nlp.tokenizers import Tokenizer

        self._seg = pysbd.Segmenter(language="en", clean=False)
        self._words = NLTKWordTokenizer()
        self._is_word = Tokenizer._is_word  # sumy's filter: letters, apostrophes, hyphens

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in self._seg.segment(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._words.tokenize(sentence) if self._is_word(w))


class LexRank:
    """sumy's LexRankSummarizer with its English stemmer and stop words."""

    def __init__(self) -> None:
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words

        self.tokenizer = PysbdTokenizer()
        self.summarizer = LexRankSummarizer(Stemmer("english"))
        self.summarizer.stop_words = get_stop_words("english")

    def sentences(self, text: str, count: Any) -> list[str]:
        """The top sentences; ``count`` is a number or a callable over rated sentences (sumy's API)."""
        from sumy.parsers.plaintext import PlaintextParser

        doc = PlaintextParser.from_string(text, self.tokenizer).document
        return [str(s) for s in self.summarizer(doc, count)]

    def words(self, text: str, n: int) -> str:
        """Sentences by rating, best first, added until ``n`` words, cut to exactly ``n``."""

        def until_n_words(infos: list[Any]) -> list[Any]:
            out, count = [], 0
            for info in infos:
                if count >= n:
                    break
                out.append(info)
                count += len(str(info.sentence).split())
            return out

        return " ".join(" ".join(self.sentences(text, until_n_words)).split()[:n])
