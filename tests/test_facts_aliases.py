"""Aliases: the short forms a rewrite may use for the article's names."""

from __future__ import annotations

from retell import facts
from retell.facts.aliases import build
from retell.ingest import from_text

TEXT = (
    "The United Nations said on Monday that Ilya Gorkov had been released. "
    "The Centre for Strategic and International Studies (CSIS) counted the dead. "
    "Ms Bunkie King told The New York Times she was relieved.\n\n"
    "The UN and CSIS disagree. Gorkov declined to comment, King said."
)


def test_acronyms_surnames_and_expansions() -> None:
    al = facts.aliases(from_text(TEXT))
    assert al.canonical("UN") == al.canonical("United Nations") == "united nations"
    assert al.canonical("CSIS") == "centre for strategic and international studies"
    assert al.canonical("Gorkov’s") == "ilya gorkov"
    assert al.canonical("King") == "bunkie king"
    assert al.canonical("the New York Times") == "new york times"
    assert al.same("CSIS", "Centre for Strategic and International Studies")
    assert not al.same("UN", "CSIS")


def test_is_known_accepts_last_words_only() -> None:
    al = facts.aliases(from_text(TEXT))
    assert al.is_known("Gorkov") and al.is_known("York Times") and al.is_known("U.N.")
    assert not al.is_known("New York")  # a city, not the newspaper
    assert not al.is_known("Ilya Petrov")
    assert not al.is_known("Kremlin")
    assert not al.is_known("")


def test_unknown_names_canonicalise_to_themselves() -> None:
    al = facts.aliases(from_text(TEXT))
    assert al.canonical("Moscow’s") == "moscow"


def test_build_from_values() -> None:
    al = build(
        [("european union", "org"), ("eu", "org"), ("jane smith", "person"), ("smith", None)]
    )
    assert al.canonical("EU") == "european union"
    assert al.canonical("Smith") == "jane smith"
    assert al.is_known("European Union")


def test_country_names_and_university_order() -> None:
    al = facts.aliases(
        from_text(
            "Protesters gathered outside the embassy in Britain. The University of Oregon said."
        )
    )
    assert al.is_known("U.K.") and al.is_known("United Kingdom")
    assert al.same("UK", "Britain")
    assert al.is_known("Oregon University")
    assert not al.is_known("United States")


def test_titles_nationalities_and_name_tails() -> None:
    al = facts.aliases(
        from_text(
            "Russian troops advanced, President Volodymyr Zelensky said. "
            "American officials told The New York Times."
        )
    )
    assert al.canonical("President Zelensky") == "volodymyr zelensky"
    assert al.is_known("President Zelensky") and al.is_known("Mr Zelensky")
    assert al.is_known("Russia") and al.same("Russian", "Russia")
    assert al.is_known("United States") and al.is_known("US")
    assert al.canonical("York Times") == "new york times"
    assert not al.is_known("China")
