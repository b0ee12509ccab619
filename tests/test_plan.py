"""The planner: K contiguous covering parts, cut where the topic shifts, budgets carried."""

from __future__ import annotations

from pathlib import Path

import pytest

from retell.ingest import from_text
from retell.ingest.article import Article
from retell.plan import Part, dangles, default_segments, plan

FIXTURES = Path(__file__).parent / "fixtures"


def _check_cover(parts: tuple[Part, ...], n: int) -> None:
    assert parts[0].first == 0
    assert parts[-1].last == n
    for a, b in zip(parts, parts[1:], strict=False):
        assert a.last == b.first
    assert all(p.last > p.first for p in parts)
    assert [p.index for p in parts] == list(range(len(parts)))


def test_seed_gives_six_contiguous_covering_parts(seed_text: str) -> None:
    article = from_text(seed_text)
    parts = plan(article)
    assert len(parts) == 6
    _check_cover(parts, len(article.sentences))
    assert all(p.budget == 90 for p in parts)


def test_seed_cuts_at_paragraph_breaks(seed_text: str) -> None:
    article = from_text(seed_text)
    for p in plan(article)[1:]:
        s = article.sentences
        assert s[p.first].paragraph != s[p.first - 1].paragraph


def test_no_part_starts_on_a_continuation(seed_text: str) -> None:
    for name in ("cnndm_dev_00.txt", "cnndm_dev_05.txt", "cnndm_dev_12.txt"):
        article = from_text((FIXTURES / name).read_text(encoding="utf-8"))
        for p in plan(article)[1:]:
            assert not dangles(article.sentences[p.first].text), article.sentences[p.first].text


def test_parts_are_not_equal_slices_but_follow_topics(seed_text: str) -> None:
    article = from_text(seed_text)
    parts = plan(article)
    # The seed's second paragraph (Gorkov's case) is one part on its own.
    second = article.paragraphs[1]
    assert any(p.first == second.first and p.last == second.last for p in parts)


FOOTBALL = [
    "The striker scored twice as the football club won the derby at the stadium.",
    "The club's manager praised the striker after the football match on Saturday.",
    "Fans in the stadium sang as the striker celebrated his second goal.",
    "The football club now sits top of the league after the derby win.",
    "The manager said the club would keep the striker despite offers from rivals.",
    "The league title race tightened as the derby ended with the club ahead.",
]
COOKING = [
    "Bake the bread in a hot oven until the crust turns golden brown.",
    "The recipe calls for flour, yeast, water and a pinch of salt in the dough.",
    "Knead the dough for ten minutes so the bread rises evenly in the oven.",
    "Let the dough rest overnight and the crust of the bread will crackle.",
    "Bakers say the flour matters more than the oven for a good loaf of bread.",
    "Slice the bread once the loaf has cooled and the crust has set.",
]


@pytest.mark.parametrize("paragraphs", [False, True])
def test_boundary_at_topic_shift(paragraphs: bool) -> None:
    if paragraphs:  # paragraphs that do not match the topics: cohesion must still win
        text = " ".join(FOOTBALL[:4]) + "\n\n" + " ".join(FOOTBALL[4:] + COOKING)
    else:
        text = " ".join(FOOTBALL + COOKING)
    article = from_text(text)
    assert len(article.sentences) == 12
    parts = plan(article, segments=2, words=60)
    assert [(p.first, p.last) for p in parts] == [(0, 6), (6, 12)]


def test_three_topics_three_parts() -> None:
    travel = [
        "The airline cancelled flights at the airport after the storm hit the runway.",
        "Passengers waited at the airport as the airline rebooked their flights.",
        "The runway reopened and the first flights left the airport by evening.",
        "The airline said passengers on cancelled flights would get refunds.",
    ]
    article = from_text(" ".join(FOOTBALL[:4] + COOKING[:4] + travel))
    parts = plan(article, segments=3, words=40)
    assert [(p.first, p.last) for p in parts] == [(0, 4), (4, 8), (8, 12)]


def test_default_k_from_length_and_clamps() -> None:
    short = from_text("One sentence here about a thing. Another one about it.")
    assert default_segments(short) == 1
    parts = plan(short, segments=8)
    assert len(parts) == 2  # never more parts than sentences
    _check_cover(parts, 2)
    assert plan(Article(text="", sentences=(), paragraphs=())) == ()


def test_budget_carried(seed_text: str) -> None:
    parts = plan(from_text(seed_text), segments=4, words=120)
    assert len(parts) == 4
    assert {p.budget for p in parts} == {120}


@pytest.mark.parametrize("name", ["cnndm_dev_00.txt", "cnndm_dev_05.txt", "cnndm_dev_12.txt"])
def test_cnndm_articles_plan_covers(name: str) -> None:
    article = from_text((FIXTURES / name).read_text(encoding="utf-8"))
    parts = plan(article)
    assert 1 <= len(parts) <= 10
    _check_cover(parts, len(article.sentences))


def _quote_heavy() -> str:
    """Prose about a council plan around one long quotation that runs over four paragraphs, each
    re-opened with a mark and only the last closed (DailyMail's style): too long for a segment."""
    prose = [
        f"The council approved plan number {i} for the harbour district on Tuesday evening after "
        f"a long debate in which members from every ward weighed its cost against the benefit."
        for i in range(1, 9)
    ]
    quote = [
        "The mayor said: 'We have waited for this harbour for many years and now the work can "
        "begin in earnest across the whole district, street by street and quay by quay.",
        "'Every family on the waterfront will see the difference within a year, and the traders "
        "who kept going through the floods will finally have the market they were promised.",
        "'Nobody should pretend the cost is small, but the cost of doing nothing was larger, and "
        "the people of this town have paid it for long enough in flooded shops and lost trade.",
        "'So we start on Monday, and we will not stop until the last stone of the new sea wall "
        "is in place and the last of the old warehouses has been turned into homes.'",
    ]
    return "\n\n".join([*prose[:4], *quote, *prose[4:]])


def test_quotation_too_long_for_a_segment_counts_for_no_part() -> None:
    from retell.plan import usable_words

    article = from_text(_quote_heavy())
    usable, inside = usable_words(article, 90)
    quote_ids = [s.index for s in article.sentences if "harbour for many" in s.text] + [
        s.index for s in article.sentences if s.text.startswith("'")
    ]
    assert len(quote_ids) >= 4
    assert all(usable[i] == 0 for i in quote_ids)
    assert inside  # the sentences that go on the quotation
    # K from the words a segment can use: the 8 prose paragraphs (232 words) make one part,
    # where all 359 words would have made two, one of them with nothing it could write
    assert round(article.words / 170) == 2
    assert default_segments(article) == 1


def test_no_part_begins_inside_a_quotation() -> None:
    article = from_text(_quote_heavy())
    from retell.plan import usable_words

    _, inside = usable_words(article, 200)
    for k in (2, 3, 4):
        parts = plan(article, segments=k, words=200)
        _check_cover(parts, len(article.sentences))
        assert not {p.first for p in parts} & inside, (k, parts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 1990, he competed in the Eurovision Song Contest, finishing 17th.", True),
        ("Last season, she attended every home game apart from three.", True),
        ("A devoted fan, she was known as 'grandma' by several players.", True),
        ("Today, in a controversial new paper, he brings a new warning.", True),
        ("In 1990, Kayahan competed in the Eurovision Song Contest.", False),
        ("Today, in a paper published in Oxford Open Climate Change, he brings a warning.", True),
        ("After Smith arrived in London, he left.", False),
        ("Hall stayed on the turf and, after returning to his feet, he was replaced.", False),
        ("In the end, the council approved the plan.", False),
    ],
)
def test_a_pronoun_subject_after_a_fronted_adverbial(text: str, expected: bool) -> None:
    """The part that opened on such a sentence would never say who "he" is."""
    from retell.plan import fronted_pronoun

    assert fronted_pronoun(text) is expected


def test_quote_links_answer_for_whichever_article_is_asked() -> None:
    from retell.writable import quote_links

    other = from_text('He said "we will stay." Then he left. She said nothing at all.')
    assert quote_links(other) == (frozenset(), frozenset())
    again = from_text('"We will stay, and we will fight.\n\n"We will win," she said. It rained.')
    assert quote_links(again) == quote_links(again) != (frozenset(), frozenset())
