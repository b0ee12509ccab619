"""Facts of the seed article: the numbers, dates, names, quotes and hedges the check relies on.

Each test names the fact the Metro Report rewrite got wrong or kept, so a regression here is a
fact the audit would stop seeing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from retell import facts
from retell.facts import Fact, Kind
from retell.ingest import from_text
from retell.ingest.article import Article

FIXTURES = Path(__file__).parent / "fixtures" / "facts"


@pytest.fixture(scope="module")
def seed() -> Article:
    return from_text((FIXTURES / "seed_article.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_facts(seed: Article) -> list[Fact]:
    return [f for fs in facts.of_article(seed) for f in fs]


def of_kind(fs: list[Fact], kind: Kind) -> list[Fact]:
    return [f for f in fs if f.kind is kind]


def one(fs: list[Fact], kind: Kind, text: str) -> Fact:
    hits = [f for f in fs if f.kind is kind and f.text == text]
    assert hits, f"no {kind.value} {text!r} in {[f.text for f in of_kind(fs, kind)]}"
    return hits[0]


def test_offsets_point_into_the_article(seed: Article, seed_facts: list[Fact]) -> None:
    assert seed_facts
    for f in seed_facts:
        assert seed.text[f.start : f.end] == f.text
        s = seed.sentences[f.sentence]
        assert s.start <= f.start < f.end <= s.end


def test_of_article_is_indexed_by_sentence(seed: Article) -> None:
    per = facts.of_article(seed)
    assert len(per) == len(seed.sentences)
    for s in seed.sentences:
        assert facts.of_sentence(seed, s) == per[s.index]
        assert all(f.sentence == s.index for f in per[s.index])


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("1.2 million", "1200000", "about", "casualties"),
        ("325,000", "325000", "up to", "deaths"),
        ("50,000", "50000", "more than", "soldiers"),
        ("10%", "10", "nearly", "%"),
        ("16,000", "16000", "more than", "personnel"),
        ("13,500", "13500", "more than", "conscripts"),
        ("four", "4", None, "days"),
        ("seven", "7", None, "months"),
        ("600,000", "600000", None, "casualties"),
        ("55,000", "55000", None, "deaths"),
        ("two", "2", None, "soldiers"),
        ("thousands", "thousands", None, "soldiers"),
    ],
)
def test_seed_numbers(
    seed_facts: list[Fact], text: str, value: str, qualifier: str | None, unit: str
) -> None:
    f = one(seed_facts, Kind.NUMBER, text)
    assert (f.value, f.qualifier, f.unit) == (value, qualifier, unit)


def test_number_hedges_are_also_hedge_facts(seed_facts: list[Fact]) -> None:
    hedges = {(f.text, f.value) for f in of_kind(seed_facts, Kind.HEDGE)}
    for pair in [
        ("about", "about"),
        ("up to", "up to"),
        ("over", "more than"),
        ("Over", "more than"),
        ("more than", "more than"),
        ("nearly", "nearly"),
    ]:
        assert pair in hedges


def test_years_are_dates_not_numbers(seed_facts: list[Fact]) -> None:
    numbers = {f.text for f in of_kind(seed_facts, Kind.NUMBER)}
    assert not numbers & {"2024", "2025", "2022"}


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("late August 2024", "2024-08", "late"),
        ("September 2025", "2025-09", None),
        ("February 2022", "2022-02", None),
        ("January 2025", "2025-01", None),
        ("2024", "2024", None),
    ],
)
def test_seed_dates(seed_facts: list[Fact], text: str, value: str, qualifier: str | None) -> None:
    f = one(seed_facts, Kind.DATE, text)
    assert (f.value, f.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ilya Gorkov", "ilya gorkov"),
        ("Oksana Krasnova", "oksana krasnova"),
        ("Vitaly Borodin", "vitaly borodin"),
        ("Volodymyr Zelensky", "volodymyr zelensky"),
        (
            "Centre for Strategic and International Studies",
            "centre for strategic and international studies",
        ),
        ("CSIS", "csis"),
        ("The New York Times", "new york times"),
        ("Tuva", "tuva"),
        ("I Want To Live", "i want to live"),
        ("Gorkov", "gorkov"),
        ("Putin", "putin"),
        ("Kyiv", "kyiv"),
        ("UN", "un"),
    ],
)
def test_seed_names(seed_facts: list[Fact], text: str, value: str) -> None:
    assert one(seed_facts, Kind.NAME, text).value == value


def test_possessive_is_not_part_of_the_name(seed_facts: list[Fact]) -> None:
    names = of_kind(seed_facts, Kind.NAME)
    assert not [f for f in names if "’" in f.text or "'s" in f.text]
    assert sum(1 for f in names if f.value == "gorkov") >= 3  # "Gorkov’s case", twice plain


def test_title_is_a_qualifier(seed_facts: list[Fact]) -> None:
    z = one(seed_facts, Kind.NAME, "Volodymyr Zelensky")
    assert (z.qualifier, z.unit) == ("president", "person")


def test_sentence_initial_words_are_not_names(seed_facts: list[Fact]) -> None:
    texts = {f.text for f in of_kind(seed_facts, Kind.NAME)}
    for word in [
        "The",
        "One",
        "However",
        "Footage",
        "Soldiers",
        "Social",
        "Released",
        "According",
        "These",
        "Yet",
        "Her",
        "They",
        "January",
        "September",
        "Washington-based",
    ]:
        assert word not in texts
    assert not [t for t in texts if t.startswith(("The ", "However", "One "))] or texts & {
        "The New York Times"
    } == {t for t in texts if t.startswith("The ")}


QUOTES = [
    ("They are not animals!", "oksana krasnova", None),
    ("You need to work, not **** off. Did I tell you where to go?", "one commander", None),
    (
        "Given my psychological state, sending a former prisoner of war to an active combat zone is a rash decision.",
        "one russian soldier",
        None,
    ),
    (
        "How can I carry out the orders of the command if this whole situation is affecting me mentally?",
        "one soldier",
        None,
    ),
    ("signing my own death warrant.", "gorkov", None),
    ("****ing f*****s.", "one commander", "term"),  # "Later, he …": the commander before
    ("torture pits", None, "term"),
    ("zeroed out,", None, "term"),
    ("sacred warriors,", None, "term"),
]


@pytest.mark.parametrize(("text", "speaker", "unit"), QUOTES)
def test_seed_quotes(
    seed_facts: list[Fact], text: str, speaker: str | None, unit: str | None
) -> None:
    f = one(seed_facts, Kind.QUOTE, text)
    assert f.unit == unit
    if speaker:
        assert f.speaker == speaker


def test_quote_value_is_lower_case_words(seed_facts: list[Fact]) -> None:
    f = one(seed_facts, Kind.QUOTE, "They are not animals!")
    assert f.value == "they are not animals"


def test_hedges_and_attributions(seed_facts: list[Fact]) -> None:
    hedges = {f.value for f in of_kind(seed_facts, Kind.HEDGE)}
    assert {"reportedly", "according to", "accused"} <= hedges
    attrs = {(f.value, f.qualifier) for f in of_kind(seed_facts, Kind.ATTRIBUTION)}
    assert ("un", "according to") in attrs
    assert ("reports", "according to") in attrs
    assert ("new york times", "published") in attrs
    assert any(
        v == "centre for strategic and international studies" and q == "reported" for v, q in attrs
    )


def test_negations(seed_facts: list[Fact]) -> None:
    negs = [(f.text, f.value) for f in of_kind(seed_facts, Kind.NEGATION)]
    assert ("denied", "denied") in negs
    assert ("cannot", "not") in negs
    assert ("without", "without") in negs
    assert ("not", "not") in negs


def test_aliases(seed: Article) -> None:
    al = facts.aliases(seed)
    assert al.canonical("Gorkov") == "ilya gorkov"
    assert al.canonical("Gorkov’s") == "ilya gorkov"
    assert al.canonical("CSIS") == "centre for strategic and international studies"
    assert al.canonical("Centre for Strategic and International Studies") == al.canonical("CSIS")
    assert al.canonical("Zelensky") == "volodymyr zelensky"
    assert al.is_known("Zelensky") and al.is_known("the New York Times") and al.is_known("Krasnova")
    assert al.is_known("United Nations")
    assert not al.is_known("Moscow") and not al.is_known("Kremlin")
    assert al.same("CSIS", "Centre for Strategic and International Studies")
    assert not al.same("Gorkov", "Borodin")


def test_rewrite_facts() -> None:
    text = (FIXTURES / "seed_rewrite.txt").read_text(encoding="utf-8")
    fs = [f for s in facts.of_article(from_text(text)) for f in s]
    dates = {(f.text, f.value, f.qualifier) for f in of_kind(fs, Kind.DATE)}
    assert ("late 2024", "2024", "late") in dates
    assert ("January", "--01", None) in dates
    assert ("last year", "last year", None) in dates
    nums = {(f.text, f.value, f.qualifier) for f in of_kind(fs, Kind.NUMBER)}
    assert ("1.2 million", "1200000", None) in nums  # the dropped "about"
    assert ("150", "150", "at least") in nums
    quotes = {f.value: f.speaker for f in of_kind(fs, Kind.QUOTE)}
    assert quotes["they are not animals"] == "she"
    assert quotes["zero out"] is None
    assert quotes["i saw it all with my own eyes"] == "ilya gorkov"  # carried from "he told"
    attrs = {(f.speaker, f.value, f.qualifier) for f in of_kind(fs, Kind.ATTRIBUTION)}
    assert ("he", "ilya gorkov", "told") in attrs
    assert ("a 2025 CSIS report", "csis", "according to") in attrs
    names = {f.value for f in of_kind(fs, Kind.NAME)}
    assert {"kremlin", "moscow", "csis", "zelensky"} <= names
    assert not [f for f in of_kind(fs, Kind.NUMBER) if f.text == "zero"]


def test_public_api_is_exported() -> None:
    for name in facts.__all__:
        assert hasattr(facts, name), name
    assert {"of_sentence", "of_article", "of_text", "aliases", "numbers", "dates"} <= set(
        facts.__all__
    )


def test_of_sentence_of_a_foreign_sentence_still_points_into_the_article(seed: Article) -> None:
    from dataclasses import replace

    s = seed.sentences[26]
    moved = replace(s, index=99)  # not the article's own sentence object at that index
    fs = facts.of_sentence(seed, moved)
    assert {f.value for f in fs if f.kind is Kind.NUMBER} == {"1200000", "325000"}
    assert all(seed.text[f.start : f.end] == f.text for f in fs)


def test_cached_per_article(seed: Article) -> None:
    assert facts.of_article(seed) is facts.of_article(seed)
    assert facts.aliases(seed) is facts.aliases(seed)


def test_index_by_kind_and_value(seed: Article) -> None:
    idx = facts.index(seed)
    assert [f.text for f in idx[Kind.NUMBER]["1200000"]] == ["1.2 million"]
    assert {f.text for f in idx[Kind.DATE]["2024"]} == {"2024"}
    assert len(idx[Kind.NAME]["gorkov"]) >= 3
    assert "150" not in idx[Kind.NUMBER]


def test_lower_case_text_names_are_unknown_words() -> None:
    got = [
        f.value for f in facts.of_text("natalia moon moved to the philippines with ismol family")
    ]
    assert "natalia" in got and "ismol" in got and "moved" not in got
    assert [f.value for f in facts.of_text("Natalia moved to the Philippines.")
            if f.kind is Kind.NAME] == ["natalia", "philippines"]  # fmt: skip


def test_told_an_outlet_is_an_attribution() -> None:
    fs = facts.of_text("The camps are full, he told the New York Times.")
    assert any(f.kind is Kind.ATTRIBUTION and f.value == "new york times" for f in fs)
    fs = facts.of_text("She told John Smith the news.")
    assert not any(f.kind is Kind.ATTRIBUTION and f.value == "john smith" for f in fs)


def test_within_days_is_a_relative_date() -> None:
    fs = facts.of_text("They were sent back within days of their release.")
    assert [(f.text, f.unit) for f in fs if f.kind is Kind.DATE] == [("within days", "relative")]


def test_lazy_matches_of_article_but_for_speakers(seed: Article) -> None:
    lazy = facts.lazy(seed)
    full = facts.of_article(seed)
    assert len(lazy) == len(full)
    for i in (0, 5, len(full) - 1):
        strip = [(f.kind, f.start, f.end, f.value) for f in full[i]]
        assert [(f.kind, f.start, f.end, f.value) for f in lazy[i]] == strip or any(
            f.kind in (Kind.QUOTE, Kind.ATTRIBUTION) for f in full[i]
        )


def test_mention_tests_ignore_case_like_the_regex() -> None:
    """The quick mention tests search lower-cased text with patterns that open on a letter; they
    must answer as the plain IGNORECASE alternation does, also for the letters that fold
    differently (dotless i, long s, I with a dot) and at word edges."""
    import re

    from retell.facts import cues, dates, numbers
    from retell.facts._words import Caseless, any_word

    def alternation(words: frozenset[str]) -> str:
        return r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b"

    cases = ["THREE people", "Twenty", "no figure here", "in MID-March", "ſix", "İne", "thırty",
             "According To them", "Reportedly", "a DOZEN", "Kelvin K one", "ſaid to", "xone",
             "one_", "_one", "1one", "oneone", "according  to", "Mayday", "may", "£5", "mıd-"]  # fmt: skip
    for fn, pattern in (
        (numbers.mentions, r"[\d$£€¥]|" + alternation(numbers._NUM_TRIGGERS | numbers._AFTER_A)),
        (dates.mentions, r"\d|mid-|" + alternation(dates._CORE)),
        (cues.mentions_hedge, cues._HEDGE_RE.pattern),
    ):
        rx = re.compile(pattern, re.IGNORECASE)
        for text in cases:
            assert fn(text) == (rx.search(text) is not None), (fn.__name__, text)
    with pytest.raises(ValueError):
        Caseless("[A-Z]")
    with pytest.raises(ValueError):
        any_word(["-dash"])


def test_numbers_do_not_depend_on_which_kind_was_asked_first() -> None:
    """Lazy extraction: a sentence's numbers are the same whether its names were asked first."""
    from retell.facts import lazy

    fixtures = Path(__file__).parent / "fixtures"
    # lower-cased text (as FRANK's summaries are): "many tens" was a name when names were asked
    # first, and so "tens of thousands" no number
    texts = ["western officials estimate it to be in the many tens of thousands and growing."]
    for name in ("seed_article.txt", "cnndm_dev_00.txt", "cnndm_dev_05.txt", "cnndm_dev_12.txt"):
        text = (fixtures / name).read_text("utf-8")
        texts += [text, text.lower()]
    for variant in texts:
        art = from_text(variant)
        names_first, numbers_first = lazy(art), lazy(art)
        for i in range(len(art.sentences)):
            names_first.of_kind(i, Kind.NAME)
            a = names_first.of_kind(i, Kind.NUMBER)
            b = numbers_first.of_kind(i, Kind.NUMBER)
            assert a == b, art.sentences[i].text
