"""Names of people, organisations and places, found by rules (no language model).

A name is a run of capitalised words, possibly joined by "of", "the", "for", "and" (inside
organisation names), "de", "van", "al"… An all-capitals token is an acronym; "(CSIS)" after a name
is its expansion. The first word of a sentence (or of quoted speech) is capitalised anyway: it
starts a name only when it is not an ordinary English word — lemminflect's lexicon knows "The",
"However", "Footage" and "Released" but not "Gorkov" or "Ukraine". Month and weekday names are
dates, not names.

``Fact.value`` of a name: lower case, curly apostrophes straightened, possessive and a leading
"the" removed, dots dropped from acronyms ("Gorkov’s" → "gorkov", "The New York Times" → "new
york times", "U.S." → "us"). ``qualifier``: a title in front ("president", "gen."); ``unit``: a
rough type when it is easy — "person", "org", "norp" (nationality adjective), or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from retell.facts._words import TOKEN, Toks, Vocab
from retell.facts._words import all_lemmas as getAllLemmas  # noqa: N812 - cached, no copy
from retell.facts._words import wordset as _wordset

__all__ = ["Found", "find", "normalise", "is_common_word", "ORG_WORDS", "TITLES"]

# Tokens: acronyms with dots (U.S., U.N.), words with inner apostrophes/hyphens, or punctuation.
_TOKEN = TOKEN
_CONNECT = _wordset("of the for and de da del der van von al el bin du la le y")
TITLES = {
    "president": "president", "pres.": "president", "gen.": "gen.", "general": "gen.",
    "dr.": "dr.", "dr": "dr.", "doctor": "dr.", "mr.": "mr.", "mr": "mr.", "mrs.": "mrs.",
    "mrs": "mrs.", "ms.": "ms.", "ms": "ms.", "prof.": "prof.", "professor": "prof.",
    "sen.": "sen.", "senator": "sen.", "rep.": "rep.", "gov.": "gov.", "governor": "gov.",
    "lt.": "lt.", "col.": "col.", "colonel": "col.", "sgt.": "sgt.", "sergeant": "sgt.",
    "capt.": "capt.", "captain": "capt.", "maj.": "maj.", "major": "maj.", "adm.": "adm.",
    "admiral": "adm.", "pope": "pope", "king": "king", "queen": "queen", "prince": "prince",
    "princess": "princess", "chancellor": "chancellor", "minister": "minister",
    "secretary": "secretary", "judge": "judge", "justice": "justice", "officer": "officer",
    "detective": "detective", "sheriff": "sheriff", "coach": "coach", "rev.": "rev.",
    "sir": "sir", "lord": "lord", "lady": "lady", "dame": "dame", "chief": "chief",
    "prime minister": "prime minister", "foreign minister": "foreign minister",
    "vice president": "vice president", "speaker": "speaker", "mayor": "mayor",
    "activist": "activist", "spokesman": "spokesman", "spokeswoman": "spokeswoman",
    "inspector": "inspector", "constable": "constable", "superintendent": "superintendent",
    "commissioner": "commissioner", "commander": "commander", "ambassador": "ambassador",
    "congressman": "congressman", "congresswoman": "congresswoman",
    "lieutenant": "lt.", "corporal": "cpl.", "cpl.": "cpl.", "private": "pvt.", "pvt.": "pvt.",
    "bishop": "bishop", "archbishop": "archbishop", "cardinal": "cardinal", "rabbi": "rabbi",
    "imam": "imam", "father": "father", "sister": "sister", "director": "director",
    "chairman": "chairman", "chairwoman": "chairwoman", "ceo": "ceo", "mp": "mp",
    "attorney general": "attorney general", "defense secretary": "defense secretary",
    "defence secretary": "defence secretary", "home secretary": "home secretary",
    "foreign secretary": "foreign secretary", "secretary of state": "secretary of state",
    "president-elect": "president-elect", "vice-president": "vice president",
    "architect": "architect", "artisan": "artisan", "attorney": "attorney", "lawyer": "lawyer",
    "designer": "designer", "journalist": "journalist", "photographer": "photographer",
    "actor": "actor", "actress": "actress", "singer": "singer", "rapper": "rapper",
    "author": "author", "writer": "writer", "producer": "producer", "chef": "chef",
    "footballer": "footballer", "striker": "striker", "midfielder": "midfielder",
    "defender": "defender", "goalkeeper": "goalkeeper", "manager": "manager", "boss": "boss",
    "reporter": "reporter", "analyst": "analyst", "economist": "economist",
    "scientist": "scientist", "researcher": "researcher", "nurse": "nurse", "teacher": "teacher",
    "pastor": "pastor", "priest": "priest", "businessman": "businessman",
    "businesswoman": "businesswoman", "billionaire": "billionaire", "entrepreneur": "entrepreneur",
    "founder": "founder", "comedian": "comedian", "prosecutor": "prosecutor", "presenter": "presenter",
    "broadcaster": "broadcaster", "artist": "artist", "musician": "musician",
    "skipper": "skipper", "winger": "winger", "model": "model", "star": "star",
}  # fmt: skip
ORG_WORDS = _wordset("""centre center institute university college ministry department agency times post news
    council party company inc inc. corp corp. ltd bank studies commission organisation
    organization union association court army navy police committee project foundation group
    office service services network fund forces force guard club league federation parliament
    assembly congress senate government administration authority board bureau school hospital
    church museum airlines airways press media journal herald tribune telegraph guardian
    reuters unit brigade battalion regiment corps team watch""")
_PLACE_WORDS = _wordset(
    "new north south east west united saint st. san los las port fort mount lake cape"
)
_NOT_NAME = _wordset("""i the a an and or but if of in on at to for with by from as it its he she they we you
    his her their our my your this that these those there here who what when where why how
    however meanwhile despite yet still also one another some many most all any each every
    both either neither nor no not according after before while since though
    although because unless until than then so such during among amid within against through
    throughout upon toward towards across behind beyond beside besides below beneath inside
    outside onto via except unlike near whether whose whom which everyone everybody someone
    somebody anyone anybody nobody nothing something anything everything
    zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion dozens hundreds thousands millions""")
_MONTHS_DAYS = _wordset("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday""")
_DEMONYM_END = ("ian", "ean", "ese", "ish", "ch")
_DEMONYMS = _wordset("""american african mexican korean german cuban kenyan moroccan afghan pakistani israeli
    iraqi saudi yemeni somali kuwaiti qatari emirati thai greek dutch swiss arab muslim jewish
    catholic sikh hindu nepali bangladeshi omani tajik uzbek kazakh turkmen sudanese""")
_DEMONYM_WORDS = _wordset(
    """russian ukrainian british french chinese japanese vietnamese italian spanish
    australian canadian indian iranian syrian egyptian turkish polish swedish norwegian
    danish finnish irish scottish welsh english brazilian argentine nigerian palestinian
    lebanese libyan jordanian belgian austrian hungarian romanian bulgarian serbian croatian
    czech slovak portuguese venezuelan colombian peruvian chilean cuban haitian jamaican
    ethiopian ghanaian south-african filipino indonesian malaysian korean taiwanese tibetan
    mongolian georgian armenian azerbaijani belarusian estonian latvian lithuanian european
    asian african latin western eastern northern southern"""
)
_DEMONYM_ANY = _DEMONYMS | _DEMONYM_WORDS
_POSSESSIVE_NAMES = _wordset("Day Eve Island Square Hospital Church College School Cathedral")
_OPENERS = frozenset("'\"‘’“”([—–-:")
# "Smith said …": an ordinary word does not speak, so a capitalised one before "said" is a name.
_SAID_AFTER = re.compile(
    r"(?:,[^,]{1,40},)?\s+(?:said|says|told|tells|added|wrote|insisted|warned)\b"
)
_GROUPS = _wordset(
    """police staff government army military family crew media press council committee team
    company club ministry court jury management board authorities officials"""
)


@lru_cache(maxsize=4096)
def _plural(low: str) -> bool:
    """A plural noun ("officials", "witnesses"): it has a lemma other than itself."""
    lemmas = getAllLemmas(low).get("NOUN", ())
    return bool(lemmas) and low not in lemmas


_TITLE_CASE_SMALL = _wordset("a an the and or but of in on at to for by with from as vs nor")
_INITIAL_AFTER = _OPENERS | frozenset(".!?")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: str
    title: str | None
    kind: str | None


@lru_cache(maxsize=8192)
def is_common_word(word: str) -> bool:
    """An ordinary English word (a capitalised one can still start a sentence without a name)."""
    w = word.lower().strip("'’.")
    head, sep, tail = w.replace("’", "'").partition("'")
    if (
        sep
        and tail in ("m", "s", "d", "ve", "ll", "re", "t")
        and (tail != "s" or head in _NOT_NAME)
    ):
        return head in _NOT_NAME or bool(getAllLemmas(head)) or head == "i"
    if w in _NOT_NAME:
        return True
    if w in _MONTHS_DAYS:
        return False
    return bool(getAllLemmas(w))


@lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    """Comparable form of a name: "The New York Times" → "new york times", "Gorkov’s" → "gorkov"."""
    n = name.replace("’", "'").replace("‘", "'").strip(" '\".,;:")
    n = _POSSESSIVE_END.sub("", n)
    n = _SPACES.sub(" ", n).lower()
    if _DOTTED.fullmatch(n):
        n = n.replace(".", "")
    if n.startswith("the "):
        n = n[4:]
    return n


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _strip_possessive(text: str, s: int, e: int) -> int:
    if e <= s or text[e - 1] not in "s’'":
        return e  # no possessive can end here (most names): no slice, no suffix tests
    seg = text[s:e]
    for suf in ("’s", "'s", "’", "'"):
        if seg.endswith(suf) and len(seg) > len(suf) + 1:
            return e - len(suf)
    return e


def find(
    text: str,
    start: int,
    end: int,
    vocab: Vocab | frozenset[str] = frozenset(),
    tokens: Toks | None = None,
    skip: list[tuple[int, int]] | None = None,
) -> list[Found]:
    """Names in ``text[start:end]`` (one sentence), offsets into ``text``.

    ``vocab`` holds the lower-case words the article uses in lower case anywhere; a capitalised
    sentence-initial word that appears there ("Footage", "Soldiers") is an ordinary word.
    """
    if tokens is None:
        tokens = Toks(text, start, end)
    toks, words, lows = tokens.spans, tokens.words, tokens.lows
    caps = [k for k, w in enumerate(words) if w[0].isupper()]
    if skip and caps:  # words inside dates ("Yesterday", "Monday") are not names
        for a, b in skip:  # one pass per date (a sentence has one or two), no generator per word
            caps = [k for k in caps if not a <= toks[k][0] < b]
        if not caps:
            return []
    if not caps:
        return [] if words != lows else _unknown_words(tokens)
    # A Title Case line (a headline): every word but short function words is capitalised.
    headline = (
        len(caps) >= 5
        and words[-1] not in (".", "!", "?", "…")  # a headline has no full stop; prose does
        and not any(w[0].islower() and w not in _TITLE_CASE_SMALL for w in words)
    )
    out: list[Found] = []
    n = len(toks)
    free = 0
    for i in caps:
        if i < free:
            continue
        w = words[i]
        if lows[i] in _MONTHS_DAYS:
            continue
        if headline:
            # Title Case line: every word is capitalised, so keep only unusual single words.
            if not _common_start(w, vocab, named=False):
                found = _make(text, toks, words, lows, i, i)
                if found:
                    out.append(found)
            continue
        # at the start of the sentence or of quoted speech a capital says nothing
        initial = i == 0 or words[i - 1] in _INITIAL_AFTER
        # collect a run of capitalised tokens joined by single spaces (and connectors)
        j = i
        run_end = i
        has_org_connector = False
        while j < n:
            wj = words[j]
            if j > i and toks[j][0] != toks[j - 1][1] + 1:
                break  # not separated by exactly one space
            if j > i and text[toks[j - 1][1]] != " ":
                break
            if _is_cap(wj) and wj[:1].isalnum():
                if lows[j] in _MONTHS_DAYS and j > i:
                    break
                if j > i and _is_demonym(lows[j]) and (j + 1 >= n or words[j + 1][0].islower()):
                    break  # "the London Russian embassy": London, then Russian as an adjective
                run_end = j
                if "-" in wj and not wj.split("-")[-1][:1].isupper():
                    break  # "Washington-based": the name ends inside the token
                if wj.endswith(("’s", "'s", "’", "'")):
                    # a possessive ends the run, except in "Valentine's Day"
                    if j + 1 < n and words[j + 1] in _POSSESSIVE_NAMES:
                        j += 1
                        continue
                    break
                j += 1
                continue
            low = lows[j]
            if j > i and low in _CONNECT and j + 1 < n and _is_cap(words[j + 1]):
                if low == "and" and not has_org_connector:
                    break
                if low in ("of", "for"):
                    # "Bank of England", "Prince of Wales", but not "Phuoc Wagner of Kingston"
                    if not any(_OF_HEAD(lows[k]) for k in range(i, j)):
                        break
                    has_org_connector = True
                j += 1
                continue
            break
        first, last = i, run_end
        # drop ordinary words at the start of a sentence / quote ("The", "However", "Footage")
        said = (
            initial
            and first == last
            and _SAID_AFTER.match(text, toks[last][1], end) is not None
            and lows[first] not in _GROUPS
            and not _plural(lows[first])
        )
        while first <= last and initial and not said and _common_start(words[first], vocab):
            w0 = lows[first]
            if first > i and lows[first - 1] in ("the", "a", "an") and w0 not in _NOT_NAME:
                break  # only the sentence's first word is capitalised anyway: "The Trump …"
            plain = w0 not in _NOT_NAME and w0 not in _DESCRIPTORS and not w0.endswith("ly")
            if plain and _looks_like_a_name(lows, first, last):
                break  # "United Nations", "New York", "Centre for Strategic … Studies"
            first += 1
            while first <= last and lows[first] in _CONNECT:
                first += 1
        # a title inside the run splits it: "US President Barack Obama" → "US", "Barack Obama"
        cut = _title_inside(lows, first, last)
        if cut is not None:
            lone_common = initial and first == cut - 1 and _common_start(words[first], vocab, False)
            found = None if lone_common else _make(text, toks, words, lows, first, cut - 1)
            if found:  # "Circuit Judge Tim Barnack" at a sentence start: no "Circuit"
                out.append(found)
            first = cut
        if first <= last:
            found = _make(text, toks, words, lows, first, last)
            if found:
                out.append(found)
        free = max(j, run_end + 1)
    return out


# Words that describe the name after them at a sentence start ("Former United", "Even Jimmy
# Carter"): never the first word of a name there.
_DESCRIPTORS = _wordset(
    """acting former even now once following other whatever only also then fellow veteran late ex
    current incoming outgoing retired disgraced embattled controversial famous legendary young
    old local official upmarket conservative liberal republican democrat tory unionist
    nationalist socialist communist top-flight rival"""
)


_OF_HEADS = _wordset(
    """republic kingdom state states islands island isle bay gulf duke duchess earl count
    countess house museum church cathedral day bank university school college department
    ministry secretary minister chancellor governor mayor director board office court council
    league cup church order society academy institute"""
)


def _OF_HEAD(low: str) -> bool:  # noqa: N802 - reads like the set it tests
    return low in _OF_HEADS or low in ORG_WORDS or low in TITLES


def _is_demonym(low: str) -> bool:
    """A listed nationality word (endings alone would split "Kim Kardashian said")."""
    return low in _DEMONYMS or low in _DEMONYM_WORDS


def _looks_like_a_name(lows: list[str], first: int, last: int) -> bool:
    """Two or more capitalised words at a sentence start name something even when the first is
    an ordinary word ("United Nations", "New York"); joined by "of"/"for" they must also hold
    an organisation word ("Centre for … Studies", not "Footage of Gorkov")."""
    words = lows[first : last + 1]
    if len(words) < 2 or all(w in _NOT_NAME for w in words[1:]):
        return False  # "Did I tell you …" is no name
    if any(w in _CONNECT for w in words):
        return any(w in ORG_WORDS for w in words)
    return True


def _title_len(lows: list[str], k: int, last: int) -> int:
    """How many words of a title start at ``k`` ("secretary of state" → 3), 0 if none."""
    for n in (3, 2):
        if k + n - 1 <= last and " ".join(lows[k : k + n]) in TITLES:
            return n
    w = lows[k]
    return 1 if (w in TITLES or w + "." in TITLES) else 0


def _title_inside(lows: list[str], first: int, last: int) -> int | None:
    """Index of a title strictly inside ``[first, last]`` after a non-title word and before a
    name ("US President Barack Obama" → the index of "President"), or None."""
    k = first
    while k <= last and (n := _title_len(lows, k, last)):
        k += n
    for j in range(k + 1, last):
        n = _title_len(lows, j, last)
        if not n or j + n > last or lows[j - 1] in _CONNECT:
            continue
        # "Justice Department" is no title; "Police Chief Allen Banks" is: a full name follows
        if lows[j] not in _TITLE_ADJ or (
            last - (j + n) >= 1 and not any(w in ORG_WORDS for w in lows[j + n : last + 1])
        ):
            return j
    return None


def _common_start(word: str, vocab: Vocab | frozenset[str], named: bool = True) -> bool:
    low = word.lower().strip("'’")
    if low.endswith(("’s", "'s")):
        low, word = low[:-2], word[:-2]  # "Children’s diets"
    if "-" in low and not word.split("-")[-1][:1].isupper():
        low, word = low.split("-")[0], word.split("-")[0]  # "Fashion-conscious travellers"
    if low in _DESCRIPTORS:
        return True
    if (low in TITLES or low + "." in TITLES) and low not in _TITLE_ADJ:
        return False  # "Ms King said…": the title introduces a name
    if low in _NOT_NAME:
        return True
    if word.isupper() and len(word) > 1:
        return False  # an acronym
    if named and isinstance(vocab, Vocab) and low not in _GROUPS and vocab.named(word):
        return False  # "Banks was arrested" when the article also says "… told Banks"
    return low in vocab or is_common_word(low)


def _make(
    text: str,
    toks: list[tuple[int, int]],
    words: list[str],
    all_lows: list[str],
    first: int,
    last: int,
) -> Found | None:
    """The name of tokens ``first..last`` (``all_lows``: every token lower-cased), or None."""
    title: str | None = None
    # titles: "President Volodymyr Zelensky", "Prime Minister Ahmet Davutoglu", "activist X"
    lows = all_lows[first : last + 1]
    if len(lows) >= 3 and lows[0] in _DEMONYM_ANY and not any(w in ORG_WORDS for w in lows):
        lows, first = lows[1:], first + 1  # "Vietnamese Binh Wagner" → "Binh Wagner"
    k = 0
    while first + k < last and (n := _title_len(lows, k, last - first)):
        phrase = " ".join(lows[k : k + n])
        title = TITLES.get(phrase) or TITLES[phrase + "."]
        k += n
    rest = lows[k:]
    if not rest:
        return None  # a title alone ("Prime Minister") names no one
    if k and (rest[0] in _CONNECT or any(w in ORG_WORDS for w in rest)):
        k, title = 0, None  # "Prince of Wales", "Justice Department": the title is the name
    first += k
    while first <= last and words[first] in _CONNECT:
        first += 1
    while last >= first and all_lows[last] in _CONNECT:
        last -= 1
    if first > last:
        return None
    if title is None and first > 0:
        prev = words[first - 1].lower()
        prev2 = f"{words[first - 2]} {prev}".lower() if first > 1 else ""
        if prev2 in TITLES:
            title = TITLES[prev2]
        elif prev in TITLES and not _is_cap(words[first - 1]):
            title = TITLES[prev]
    s = toks[first][0]
    e = toks[last][1]
    if "-" in words[last] and not words[last].split("-")[-1][:1].isupper():
        e = toks[last][0] + words[last].index("-")
    e = _strip_possessive(text, s, e)
    span = text[s:e]
    if not span or span == "I" or (len(span) == 1 and not span.isupper()) or _is_contraction(span):
        return None
    # a single capitalised common word mid-sentence is kept (titles of works, "Want", "Live")
    # but a lone "The"/"One" is not a name
    if first == last and all_lows[first] in _NOT_NAME:
        return None
    value = normalise(span)
    if not value or value in _MONTHS_DAYS:
        return None
    return Found(s, e, value, title, _kind(text, e, span, value, title))


def _is_contraction(span: str) -> bool:
    """ "I'm", "He's", "Don't": a pronoun or verb with a clitic, not a name."""
    if "'" not in span and "’" not in span:
        return False
    head, sep, tail = span.replace("’", "'").partition("'")
    return (
        bool(sep)
        and " " not in span
        and (tail.lower() in ("m", "d", "ve", "ll", "re", "t") or head.lower() in _NOT_NAME)
    )


_TITLE_ADJ = _wordset(
    "general major justice chief speaker officer coach minister secretary private father sister "
    "director commander model star manager boss host"
)
_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$")


_NEXT_LOWER = re.compile(r"[\s-]+[a-z]")
_POSSESSIVE_END = re.compile(r"'s?$")
_SPACES = re.compile(r"\s+")
_DOTTED = re.compile(r"(?:[a-z]\.){2,}")  # "u.s." -> "us"


def _kind(text: str, end: int, span: str, value: str, title: str | None) -> str | None:
    """A rough type: "org", "person", "norp" (a nationality used as an adjective) or None."""
    may_be_norp, kind = _span_kind(span, value, title)
    if may_be_norp and _NEXT_LOWER.match(text, end, end + 30):
        return "norp"
    return kind


@lru_cache(maxsize=8192)
def _span_kind(span: str, value: str, title: str | None) -> tuple[bool, str | None]:
    """What :func:`_kind` reads from the name alone (an article names the same people again and
    again): whether it is a nationality word, which is "norp" when a lower-case word follows,
    and its type otherwise."""
    demonym = " " not in value and (value.endswith(_DEMONYM_END) or value in _DEMONYMS)
    acronym = len(span) > 1 and " " not in span and span.replace(".", "").isupper()
    upper_part = not acronym and any(len(w) > 1 and w.isupper() for w in span.split())
    return demonym and value not in ORG_WORDS, _kind_of(value, title, acronym, upper_part)


@lru_cache(maxsize=8192)
def _kind_of(value: str, title: str | None, acronym: bool, upper_part: bool) -> str | None:
    lows = value.split()
    if any(w in ORG_WORDS for w in lows):
        return "org"
    if acronym:
        return "org"
    if upper_part:
        return None
    if title and title not in ("king", "queen"):
        return "person"
    plain = not any(w in _CONNECT or w in _PLACE_WORDS or _is_demonym(w) for w in lows) and not any(
        ch.isdigit() for ch in value
    )
    if (
        2 <= len(lows) <= 3
        and plain
        and not is_common_word(lows[-1])
        and not _ROMAN.match(lows[-1])
    ):
        return "person"
    return None


def _unknown_words(tokens: Toks) -> list[Found]:
    """Names in text written all in lower case (some benchmark summaries, chat input), where
    capitals say nothing: words no English dictionary knows ("nigalidze", "tamang").

    Such a word is three or more ASCII letters (the tokens are lower-cased), tested without a
    regex per token."""
    return [
        Found(a, a + len(low), low, None, None)
        for (a, _), low in zip(tokens.spans, tokens.lows, strict=True)
        if len(low) > 2
        and low.isalpha()
        and low.isascii()
        and low not in _MONTHS_DAYS
        and not is_common_word(low)
    ]
