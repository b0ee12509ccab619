"""Aliases: the other ways an article's names may be written.

A rewrite says "Gorkov" where the source said "Ilya Gorkov", "CSIS" where it spelled out the
Centre for Strategic and International Studies, "the New York Times" for "The New York Times".
:class:`Aliases` maps each such short form to one canonical full name so the check can tell a
supported name from an invented one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from retell.facts._words import wordset as _wordset
from retell.facts.names import TITLES, normalise

__all__ = ["Aliases", "COUNTRY_OF", "SAME", "WELL_KNOWN", "build"]

# Acronyms news prose uses without spelling them out.
WELL_KNOWN: dict[str, str] = {
    "un": "united nations", "us": "united states", "usa": "united states",
    "uk": "united kingdom", "eu": "european union", "nato": "north atlantic treaty organization",
    "who": "world health organization", "fbi": "federal bureau of investigation",
    "cia": "central intelligence agency", "imf": "international monetary fund",
    "nhs": "national health service", "bbc": "british broadcasting corporation",
}  # fmt: skip
# Names that news prose uses for one another: any member the article holds makes the others known.
SAME: tuple[frozenset[str], ...] = (
    frozenset({"united kingdom", "uk", "britain", "great britain"}),
    frozenset({"united states", "us", "usa", "america", "united states of america"}),
    frozenset({"united nations", "un"}),
    frozenset({"european union", "eu"}),
    frozenset({"russia", "russian federation"}),
)
_SKIP_INITIAL = _wordset("of the for and on in at de")


def _initials(full: str) -> str:
    return "".join(w[0] for w in full.split() if w not in _SKIP_INITIAL and w[:1].isalpha())


@dataclass(frozen=True)
class Aliases:
    """Name lookups for one article.

    ``names``: every canonical name value the article holds; ``mapping``: alias → canonical full
    name (surnames, acronyms, expansions, "the"-less forms). All keys and values are lower case,
    normalised like ``Fact.value`` of a NAME.
    """

    names: frozenset[str] = frozenset()
    mapping: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def canonical(self, name: str) -> str:
        """The article's full form of ``name`` ("Gorkov’s" → "ilya gorkov", "CSIS" → "centre for
        strategic and international studies", "President Zelensky" → "volodymyr zelensky"), or
        ``name`` normalised when the article lacks it."""
        for n in _forms(name):
            if n in self.mapping:
                return self.mapping[n]
            owners = {self.mapping.get(f, f) for f in self.names if f.endswith(" " + n)}
            if len(owners) == 1:  # "York Times" → "new york times"
                return owners.pop()
        return normalise(name)

    def is_known(self, name: str) -> bool:
        """True when the article names ``name`` in this or another form.

        Also accepts the last words of a known name ("Zelensky" for "Volodymyr Zelensky") and a
        name behind a title ("President Zelensky") — but not a name's first words: "New York" is
        a city, not "The New York Times".
        """
        for n in _forms(name):
            if n in self.names or n in self.mapping:
                return True
            tail = " " + n
            if any(full.endswith(tail) for full in self.names):
                return True
        return False

    def same(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` name the same thing in this article."""
        return self.canonical(a) == self.canonical(b)


def _forms(name: str) -> list[str]:
    """``name`` normalised, without the dots of an acronym, and without leading title words."""
    n = normalise(name)
    if not n:
        return []
    out = [n]
    if "." in n:
        out.append(n.replace(".", ""))
    words = n.split()
    k = 0
    while k < len(words) - 1 and (words[k] in TITLES or words[k] + "." in TITLES):
        k += 1
    if k:
        out.append(" ".join(words[k:]))
    return out


# Nationality words and the country they belong to: "Russian troops" speaks of Russia.
COUNTRY_OF: dict[str, str] = {
    "russian": "russia", "ukrainian": "ukraine", "british": "britain", "american": "america",
    "chinese": "china", "french": "france", "german": "germany", "italian": "italy",
    "spanish": "spain", "japanese": "japan", "indian": "india", "iranian": "iran",
    "iraqi": "iraq", "syrian": "syria", "israeli": "israel", "palestinian": "palestine",
    "turkish": "turkey", "egyptian": "egypt", "australian": "australia", "canadian": "canada",
    "mexican": "mexico", "brazilian": "brazil", "afghan": "afghanistan", "pakistani": "pakistan",
    "saudi": "saudi arabia", "polish": "poland", "dutch": "netherlands", "irish": "ireland",
    "scottish": "scotland", "welsh": "wales", "english": "england", "greek": "greece",
    "swedish": "sweden", "norwegian": "norway", "korean": "korea", "nigerian": "nigeria",
    "kenyan": "kenya", "libyan": "libya", "lebanese": "lebanon", "cuban": "cuba",
}  # fmt: skip


def build(
    found: Iterable[tuple[str, str | None]], acronyms: Iterable[tuple[str, str]] = ()
) -> Aliases:
    """Aliases from the article's names (value, kind) and its "(ACRONYM)" expansions
    (acronym value, expansion value)."""
    names: list[str] = []
    kinds: dict[str, str | None] = {}
    for value, kind in found:
        if value not in kinds:
            names.append(value)
            kinds[value] = kind
    mapping: dict[str, str] = {}
    for acr, full in acronyms:
        mapping.setdefault(acr, full)
        mapping.setdefault(full, full)
    name_set = set(names)
    # acronyms whose initials match a name in the article ("UN" ↔ "united nations")
    by_initials: dict[str, str] = {}
    for v in names:
        if " " in v:
            by_initials.setdefault(_initials(v), v)
    for v in names:
        if " " not in v and v not in mapping:
            if v in by_initials:
                mapping[v] = by_initials[v]
            elif v in WELL_KNOWN:
                mapping[v] = WELL_KNOWN[v]
                mapping.setdefault(WELL_KNOWN[v], WELL_KNOWN[v])
    # surnames of people: the last word of a two- or three-word person name
    surname_owner: dict[str, str] = {}
    for v in names:
        parts = v.split()
        if kinds.get(v) == "person" and 2 <= len(parts) <= 4:
            surname_owner.setdefault(parts[-1], v)
    for last, full in surname_owner.items():
        mapping.setdefault(last, full)
    # single-word names that are the surname of a longer name found elsewhere
    for v in names:
        if " " not in v and v not in mapping:
            owners = [
                f for f in names if f != v and f.split()[-1:] == [v] and kinds.get(f) != "org"
            ]
            if owners:
                mapping[v] = owners[0]
    for v in names:  # "Russian" names Russia: the country is known, and the same thing
        country = COUNTRY_OF.get(v)
        if country:
            full = mapping.get(country, country)
            mapping[v] = full
            mapping.setdefault(country, full)
    present = set(names) | set(mapping)
    for group in SAME:
        held = [g for g in group if g in present]
        if held:
            full = mapping.get(held[0], held[0])
            for g in group:
                mapping.setdefault(g, full)
    for v in names:  # "University of Oregon" is also "Oregon University"
        if v.startswith("university of ") and " " not in v[14:]:
            mapping.setdefault(f"{v[14:]} university", v)
    for v in names:
        mapping.setdefault(v, mapping.get(v, v))
        name_set.add(v)
    name_set.update(mapping.values())
    return Aliases(frozenset(name_set), MappingProxyType(mapping))
