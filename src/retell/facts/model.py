"""The typed facts found in a sentence.

A fact is the unit the check compares: the report's self-check and the audit both ask, for each
fact of a written sentence, whether the source holds the same fact (same kind, same normalised
``value``, same qualifier). Offsets are into the text of the document the sentence belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum

from retell._frozen import frozen


class Kind(str, Enum):
    NUMBER = "number"  # 1.2 million, nearly 10%, four days, seven months, 13,500
    DATE = "date"  # late August 2024, September 2025, January, last year, Friday
    NAME = "name"  # people, organisations, places
    QUOTE = "quote"  # direct speech, with its speaker when known
    HEDGE = "hedge"  # about, up to, nearly, more than, reportedly, allegedly, according to
    ATTRIBUTION = "attribution"  # who said / reported it: "according to the UN", "X said"
    NEGATION = "negation"  # not, never, no, denied…


@dataclass(frozen=True)
class Fact:
    """One typed fact with its span.

    ``value`` is the normalised form compared across texts; ``qualifier`` and ``unit`` carry what
    else the kind needs. As :mod:`retell.facts` fills them:

    ========== ============================== ======================= =========================
    kind       value                          qualifier               unit
    ========== ============================== ======================= =========================
    NUMBER     "1200000", "10" (for 10%),     its hedge: "about",     counted noun "casualties",
               "0.3333", vague "thousands"    "up to", "more than",   "%", "$", "year-old"
                                              "nearly", "at least",…
    DATE       "2024-08", "2025", "--01",     "early"/"mid"/"late",   precision: "day", "month",
               "1990s", "15:30", relative     season                  "year", "decade", "time",
               text "last year", "friday"                             "relative"
    NAME       "ilya gorkov", "csis"          title: "president"      "person"/"org"/"norp"/None
    QUOTE      words, lower case, no          "partial" when the      "term" for a short
               punctuation                    quote runs on           scare-quoted phrase
    HEDGE      "about", "reportedly", "may"   —                       "number" when it bounds one
    ATTRIBUTION the source: "un", "csis",     reporting verb "said",  —
               a resolved "ilya gorkov"       "according to"
    NEGATION   "not", "never", "denied"…      —                       —
    ========== ============================== ======================= =========================

    ``speaker`` is who a quote or attribution names (a name's value, a noun phrase such as "one
    commander", or a pronoun when it could not be resolved; an attribution keeps the source as
    written). Numbers' values parse with ``retell.facts.numbers.parse``; dates compare with
    ``retell.facts.dates.contains``.
    """

    kind: Kind
    text: str
    start: int
    end: int
    sentence: int
    value: str
    qualifier: str | None = None
    unit: str | None = None
    speaker: str | None = None


_FIELDS = ("kind", "text", "start", "end", "sentence", "value", "qualifier", "unit", "speaker")
assert tuple(f.name for f in fields(Fact)) == _FIELDS, "fact() must set the fields Fact has"


def fact(
    kind: Kind,
    text: str,
    start: int,
    end: int,
    sentence: int,
    value: str,
    qualifier: str | None = None,
    unit: str | None = None,
    speaker: str | None = None,
) -> Fact:
    """``Fact(...)`` for the extractor, made by :func:`~retell._frozen.frozen`: building an
    article's few dozen facts through the dataclass's ``__init__`` cost as much as finding some
    of them."""
    return frozen(
        Fact,
        {
            "kind": kind,
            "text": text,
            "start": start,
            "end": end,
            "sentence": sentence,
            "value": value,
            "qualifier": qualifier,
            "unit": unit,
            "speaker": speaker,
        },
    )
