"""The typed facts found in a sentence.

A fact is the unit the check compares: the report's self-check and the audit both ask, for each
fact of a written sentence, whether the source holds the same fact (same kind, same normalised
``value``, same qualifier). Offsets are into the text of the document the sentence belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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

    ``value`` is the normalised form compared across texts: a number as a canonical decimal string
    ("1200000", "0.1" for 10%), a date as the most precise ISO-like form known ("2024-08", "2025",
    "2024-08/late"), a name lower-cased ("ilya gorkov"), a quote as its words lower-cased without
    punctuation, a hedge as its canonical phrase ("about", "up to", "more than", "reportedly").
    ``qualifier`` is the hedge attached to a number or date ("about", "up to", "late"); ``unit`` the
    thing counted ("casualties", "%", "days"); ``speaker`` who a quote or attribution names.
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
