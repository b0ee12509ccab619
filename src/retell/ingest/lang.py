"""Is this English? A script check and a stop-word vote; no model, well under a millisecond.

retell's rules (hedges, attributions, abbreviations, number words) are written for English, so a
German or Chinese article would come out as confident nonsense. Two cheap signals suffice:

* the script of the letters: mostly CJK, Cyrillic, Arabic, Greek, Hebrew, Devanagari, Thai…
  letters is not English;
* for Latin script, the share of words that are the commonest function words of English,
  German, French, Spanish, Italian, Portuguese, Dutch, Swedish/Norwegian/Danish, Polish, Turkish.
  Lists hold only words distinctive for their language ("die", "in", "a" are left out), so a
  handful of foreign names or a quoted phrase does not tip an English article.
"""

from __future__ import annotations

import re
from collections import Counter

from retell.errors import NotEnglishError

__all__ = ["OTHER", "declared_language", "detect_language", "ensure_english"]

_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("\u3040-\u30ff", "Japanese"),
    ("\uac00-\ud7af\u1100-\u11ff", "Korean"),
    ("\u4e00-\u9fff\u3400-\u4dbf", "Chinese"),
    ("\u0400-\u04ff", "Russian (Cyrillic script)"),
    ("\u0600-\u06ff\u0750-\u077f", "Arabic"),
    ("\u0590-\u05ff", "Hebrew"),
    ("\u0370-\u03ff", "Greek"),
    ("\u0900-\u097f", "Hindi (Devanagari script)"),
    ("\u0e00-\u0e7f", "Thai"),
    ("\u1000-\u109f", "Burmese"),
    ("\u0980-\u09ff", "Bengali"),
    ("\u0b80-\u0bff", "Tamil"),
    ("\u0c00-\u0c7f", "Telugu"),
    ("\u0c80-\u0cff", "Kannada"),
    ("\u0d00-\u0d7f", "Malayalam"),
    ("\u0d80-\u0dff", "Sinhala"),
    ("\u0a00-\u0a7f", "Punjabi (Gurmukhi script)"),
    ("\u0a80-\u0aff", "Gujarati"),
    ("\u0e80-\u0eff", "Lao"),
    ("\u1780-\u17ff", "Khmer"),
    ("\u10a0-\u10ff", "Georgian"),
    ("\u0530-\u058f", "Armenian"),
    ("\u1200-\u137f", "Amharic (Ethiopic script)"),
    ("\u0f00-\u0fff", "Tibetan"),
)
_DENSE = 3
_DENSE_SCRIPTS = frozenset({"Japanese", "Korean", "Chinese"})
_SCRIPT_RES = tuple((re.compile(f"[{rng}]"), name) for rng, name in _SCRIPTS)
_NON_LATIN = re.compile("[" + "".join(rng for rng, _ in _SCRIPTS) + "]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[a-z\u00e0-\u024f]+(?:'[a-z]+)?")

_STOP: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in {
        "English": "the and of to is was that for with on are be by this have has from at it "
        "as his her they which been were would will their not but or an who said its had he "
        "she we more after about than when there also can could into",
        "German": "der und das ist nicht ein eine mit den dem auch sich von auf für des zu "
        "wird wurde sind werden bei nach aus wie noch nur oder aber wenn hat haben sie er "
        "im vom zum zur über einer eines einem dass diese dieser",
        "French": "le la les et des est une du que qui dans pour pas sur au avec il elle sont "
        "ont être été par mais ou aux ces cette leur nous vous plus fait comme selon lors",
        "Spanish": "el los las y del que es una por con para se al lo como pero sus fue han "
        "ha este esta son entre también desde hasta muy cuando sobre ser según",
        "Italian": "il di che è e gli della per una sono non con del si le al da nel alla "
        "anche come ma questo questa ha hanno essere dei delle stato",
        "Portuguese": "o os as e do da dos das em que não uma um com para por mais foi são "
        "ao pela pelo seu sua também como mas está ser já",
        "Dutch": "de het een en van is dat op te zijn niet met voor er maar ook als bij "
        "uit aan door werd wordt nog wel naar hebben heeft deze",
        "Swedish": "och att det som är för på med av till den har inte ett om var jag men "
        "hade kan också vid efter",
        "Polish": "i w nie na się z że do jest to jak po co tak ale od przez dla są jego "
        "już było może",
        "Turkish": "ve bir bu da de için ile olarak çok daha olan gibi ama sonra kadar ancak değil",
    }.items()
}
# Words several languages share would let one vote for another; each counts for none.
_SHARED = frozenset(w for w, n in Counter(w for s in _STOP.values() for w in s).items() if n > 1)
_STOP = {name: words - _SHARED for name, words in _STOP.items()}
# Each remaining word votes for exactly one language: one look-up per distinct word of the sample.
_LANG_OF = {w: name for name, words in _STOP.items() for w in words}
_FOREIGN_WORDS = frozenset(w for w, name in _LANG_OF.items() if name != "English")
_MIN_WORDS = 12  # below this a stop-word vote means little; only the script check applies
# English prose has a fifth or more of its words in the English list (0.21 at least over the
# CNN/DM and FRANK/SummEdits articles); a Latvian, Czech or Indonesian text, none of whose
# languages has a list here, has almost none. Below this share, with enough words, it is not
# English even if we cannot say what it is.
_MIN_FOREIGN_WORDS = 30
_FOREIGN_SHARE = 0.05
OTHER = "another language"


# Bytes kept by the fast tokenisation: the letters a-z and the apostrophe; all else is a space.
_KEEP = bytes(c if 97 <= c <= 122 or c == 39 else 32 for c in range(256))
# The same, with A-Z lower-cased on the way: the tokenisation of a text not yet lower-cased.
_KEEP_FOLDED = bytes(c + 32 if 65 <= c <= 90 else k for c, k in enumerate(_KEEP))
_LATIN_LETTER = re.compile("[\u00e0-\u024f]")
# An apostrophe that is not between two letters is in no word: it separates, as a space does.
_LONE_APOSTROPHE = re.compile(r"'(?:(?<![a-z]')|(?![a-z]))")
# Letters between two apostrophes: "rock'n'roll" is two words, "rock'n" and "roll".
_CHAIN = re.compile(r"'[a-z]+'")

# Counting letters by their UTF-8 bytes. Every letter of a script in _SCRIPTS is U+0370 or
# above and outside U+2000-U+2FFF (whose lead byte, E2, is that of curly quotes and dashes): its
# lead byte is one of CD-E1 or E3-ED. Deleting all other bytes leaves at least one byte per such
# letter, so fewer than ten bytes left means fewer than ten letters, with no regex scan.
_NOT_SCRIPT_LEAD = bytes(b for b in range(256) if not (0xCD <= b <= 0xE1 or 0xE3 <= b <= 0xED))
# The characters whose lower case is in _LATIN_LETTER's range, is ASCII while they are not, or
# is two characters: U+00C0-U+024F (UTF-8 lead bytes C3-C9), and U+212A, U+212B, U+2C7E and
# U+2C7F (E2 84 and E2 B1 open them). A text with none of them lower-cases, for the a-z
# tokenisation, exactly as its ASCII letters do, and no "é" sends it to ``_WORD``.
_NOT_LATIN_LEAD = bytes(b for b in range(256) if not 0xC3 <= b <= 0xC9)


def _tokens(low: str) -> tuple[int, list[str]]:
    """How many words ``_WORD.findall(low)`` finds, and a list holding each of them that is a
    stop word as often as the matches do (in another order, with other words among them).

    ``findall`` makes a match for each of ~500 words (~40 µs). When the only letters are a-z
    (no "é"), a byte table turns everything else into spaces and ``split`` cuts the words in
    C (~15 µs). An apostrophe not between letters ("'hello'") is in no word: it becomes a
    space too. Then a piece with at most one apostrophe ("turkey's") is one word; the rare
    others ("rock'n'roll") are cut by ``_WORD`` itself, and since no stop word has an
    apostrophe, the piece left in the list counts for no language.
    """
    if not low.isascii() and _LATIN_LETTER.search(low):
        words = _WORD.findall(low)
        return len(words), words
    return _split_flat(low.encode("ascii", "replace").translate(_KEEP).decode("ascii"))


def _sample_tokens(sample: str, data: bytes | None) -> tuple[int, list[str]]:
    """``_tokens(sample.lower())``, lower-casing in the byte table when that is the same.

    Args:
        data: ``sample`` in UTF-8, or None when it is ASCII.
    """
    if data is not None and (
        data.translate(None, _NOT_LATIN_LEAD) or b"\xe2\x84" in data or b"\xe2\xb1" in data
    ):
        return _tokens(sample.lower())  # "é" may be there: str.lower, then perhaps _WORD
    return _split_flat(sample.encode("ascii", "replace").translate(_KEEP_FOLDED).decode("ascii"))


def _split_flat(flat: str) -> tuple[int, list[str]]:
    """The words of ``flat`` (only a-z, apostrophes and spaces), counted as ``_WORD`` does."""
    if "'" in flat:
        flat = _LONE_APOSTROPHE.sub(" ", flat)
    words = flat.split()
    n = len(words)
    odd = _CHAIN.search(flat)
    while odd:  # a piece that is not one word: one in ``words``, k words by _WORD
        pos = odd.start()
        start = flat.rfind(" ", 0, pos) + 1
        end = flat.find(" ", pos)
        if end < 0:
            end = len(flat)
        cut = _WORD.findall(flat, start, end)
        n += len(cut) - 1
        words += cut
        odd = _CHAIN.search(flat, end)
    return n, words


def detect_language(text: str, *, unknown: bool = False) -> str | None:
    """The language ``text`` looks like ("English", "German", "Chinese"…), or None if unsure.

    Args:
        unknown: also answer :data:`OTHER` for a long text with almost no English function
            words (Latvian, Indonesian…: languages without a word list here). Web pages ask for
            it; plain text does not, since a garbled summary ("mike tindall , UNK dude , …")
            must still be audited rather than refused.
    """
    return _detect(text, unknown=unknown, refusing=False)


def _detect(text: str, *, unknown: bool, refusing: bool) -> str | None:
    """:func:`detect_language`; when ``refusing``, None also for every text it would call
    English, and the vote is skipped when no other language can have won it."""
    sample = text[:3000]  # ~500 words: plenty for a vote, and keeps this well under 1 ms
    data = None if sample.isascii() else sample.encode("utf-8", "surrogatepass")  # O(1) test
    others = 0
    if data is not None and len(data.translate(None, _NOT_SCRIPT_LEAD)) >= 10:
        others = len(_NON_LATIN.findall(sample))
    latin = len(_LATIN.findall(sample)) if others >= 10 else 0
    # A Chinese, Japanese or Korean character holds about as much as three Latin letters: a
    # page of Chinese lyrics with pinyin under each line is Chinese, not English.
    for rx, name in _SCRIPT_RES if others >= 10 and others * _DENSE >= latin * 0.5 else ():
        n = len(rx.findall(sample))
        if n >= 10 and n * (_DENSE if name in _DENSE_SCRIPTS else 1) >= latin * 0.5:
            return name
    n, words = _sample_tokens(sample, data)
    if n < _MIN_WORDS:
        return None
    if refusing:
        # Another language wins with a tenth of the words at least. English prose holds a few
        # words of other lists ("i", "per", "come"): when all of them together are fewer, no
        # single language's share can reach that.
        present = _FOREIGN_WORDS.intersection(words)
        if not present or sum(map(words.count, present)) / n < 0.1:
            return None
    # Each stop word found votes for its language; the counting is done in C.
    hits = dict.fromkeys(_STOP, 0)
    hits.update(Counter(map(_LANG_OF.__getitem__, filter(_LANG_OF.__contains__, words))))
    scores = {name: hits[name] / n for name in _STOP}
    best = max(scores, key=lambda k: scores[k])
    if best != "English" and scores[best] >= 0.1 and scores["English"] < scores[best] * 0.6:
        return best
    if refusing:
        return None
    if scores["English"] >= 0.08:
        return "English"
    if unknown and len(words) >= _MIN_FOREIGN_WORDS and scores["English"] < _FOREIGN_SHARE:
        return OTHER
    return None


def ensure_english(text: str, name: str = "") -> None:
    """Raise :class:`NotEnglishError` when ``text`` is clearly in another language.

    Raises:
        NotEnglishError: naming the language it looks like, and saying retell needs English.
    """
    lang = _detect(text, unknown=False, refusing=True)
    if lang is not None:
        label = f"{name} " if name else "the text "
        raise NotEnglishError(
            f"{label}looks like {lang}, not English; retell only handles English articles "
            "(translate it first)"
        )


_CODES = {
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "sv": "Swedish",
    "no": "Norwegian",
    "nb": "Norwegian",
    "nn": "Norwegian",
    "da": "Danish",
    "fi": "Finnish",
    "pl": "Polish",
    "cs": "Czech",
    "sk": "Slovak",
    "hu": "Hungarian",
    "ro": "Romanian",
    "tr": "Turkish",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "et": "Estonian",
    "id": "Indonesian",
    "ms": "Malay",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "ru": "Russian",
    "uk": "Ukrainian",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "hr": "Croatian",
    "el": "Greek",
    "ar": "Arabic",
    "fa": "Persian",
    "he": "Hebrew",
    "hi": "Hindi",
    "th": "Thai",
    "my": "Burmese",
}
# <html lang="de-DE">, <html xml:lang="zh-CN">, <meta http-equiv="content-language" content="fr">,
# <meta property="og:locale" content="es_ES">.
_HTML_LANG = re.compile(
    r"<html\b[^>]{0,500}?\b(?:xml:)?lang\s*=\s*[\"']?([A-Za-z]{2,3})(?![A-Za-z])", re.I
)
_META_LANG = re.compile(
    r"""<meta\b(?=[^<>]{0,300}(?:http-equiv\s*=\s*["']?content-language|property\s*=\s*["']og:locale["']))"""
    r"""[^<>]{0,300}\bcontent\s*=\s*["']?([A-Za-z]{2,3})(?![A-Za-z])""",
    re.I,
)


def declared_language(html: str) -> str | None:
    """The language an HTML page declares ("German", "English"…), or None if it declares none.

    Only a tie-breaker: a page's own text decides when it is clear, because templates declare
    the wrong language often enough (an English edition left at ``lang="de"``).
    """
    head = html[:20000]
    m = _HTML_LANG.search(head) or _META_LANG.search(head)
    if not m:
        return None
    code = m.group(1).lower()
    if code in ("en", "eng"):
        return "English"
    if code in ("und", "mul", "zxx", "mis"):
        return None  # ISO 639 "undetermined", "multiple", "no linguistic content"
    return _CODES.get(code, f"{OTHER} ({code})")
