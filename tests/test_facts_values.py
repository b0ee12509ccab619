"""Normalisation helpers the check reuses: numbers.parse, dates.parse/contains, and facts of
short CNN/DailyMail sentences (copied into tests/fixtures/facts/cnn_sentences.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from retell.facts import Kind, dates, numbers, of_text

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
CNN = (FIXTURES / "cnn_sentences.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.2 million", 1_200_000),
        ("1,200,000", 1_200_000),
        ("1200000", 1_200_000),
        ("nearly 10%", 10),
        ("four days", 4),
        ("seven months", 7),
        ("13,500", 13_500),
        ("over 16,000", 16_000),
        ("up to 325,000", 325_000),
        ("two hundred and fifty thousand", 250_000),
        ("a dozen", 12),
        ("dozens", 24),
        ("thousands", 2000),
        ("half", 0.5),
        ("two-thirds", 2 / 3),
        ("a third", 1 / 3),
        ("£80million", 80_000_000),
        ("1.3 billion", 1_300_000_000),
        ("half a million", 500_000),
        ("one", 1),
        ("zero", 0),
    ],
)
def test_parse(text: str, value: float) -> None:
    got = numbers.parse(text)
    assert got is not None and got == pytest.approx(value, rel=1e-4)


@pytest.mark.parametrize("text", ["", "soldiers", "One was suspended", "the 17th"])
def test_parse_none(text: str) -> None:
    assert numbers.parse(text) is None


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("about 1.2 million casualties", "1200000", "about", "casualties"),
        ("nearly 10% of all troops", "10", "nearly", "%"),
        ("over 16,000 military personnel", "16000", "more than", "personnel"),
        ("up to 325,000 deaths", "325000", "up to", "deaths"),
        ("at least 150 such deaths", "150", "at least", "deaths"),
        ("some 500 people", "500", "about", "people"),
        ("fewer than 20 cases", "20", "fewer than", "cases"),
        ("100 or more protesters", "100", "at least", None),
        ("a 34-year-old man", "34", None, "year-old"),
        ("55,000 confirmed deaths", "55000", None, "deaths"),
    ],
)
def test_find_qualifier_and_unit(
    text: str, value: str, qualifier: str | None, unit: str | None
) -> None:
    q = numbers.find(text)[0]
    assert (q.value, q.qualifier, q.unit) == (value, qualifier, unit)


def test_unit_key() -> None:
    assert numbers.unit_key("casualties") == numbers.unit_key("casualty") == "casualty"
    assert numbers.unit_key("deaths") == "death"
    assert numbers.qualifier_of("over") == "more than"


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "precision"),
    [
        ("late August 2024", "2024-08", "late", "month"),
        ("September 2025", "2025-09", None, "month"),
        ("January 2025", "2025-01", None, "month"),
        ("January", "--01", None, "month"),
        ("2024", "2024", None, "year"),
        ("late 2024", "2024", "late", "year"),
        ("mid-2024", "2024", "mid", "year"),
        ("March 29, 1949", "1949-03-29", None, "day"),
        ("5 January 2025", "2025-01-05", None, "day"),
        ("the 1990s", "1990s", None, "decade"),
        ("last year", "last year", None, "relative"),
        ("Friday", "friday", None, "relative"),
        ("yesterday", "yesterday", None, "relative"),
        ("3:30 p.m.", "15:30", None, "time"),
    ],
)
def test_date_parse(text: str, value: str, qualifier: str | None, precision: str) -> None:
    d = dates.parse(text)
    assert d is not None and (d.value, d.qualifier, d.precision) == (value, qualifier, precision)


def test_may_is_a_month_only_in_date_context() -> None:
    assert [d.date.value for d in dates.find("The vote was held in May 2019.")] == ["2019-05"]
    assert [d.date.value for d in dates.find("They met on May 5.")] == ["--05-05"]
    assert dates.find("Officials said the soldiers May face charges.") == []
    fs = of_text("May 2019 was wet, and the river may flood again.")
    assert [(f.kind, f.value) for f in fs if f.kind in (Kind.DATE, Kind.HEDGE)] == [
        (Kind.DATE, "2019-05"),
        (Kind.HEDGE, "may"),
    ]


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("2024", "2024-08", True),
        ("2024", "late August 2024", True),
        ("August 2024", "late August 2024", True),
        ("late August 2024", "August 2024", False),
        ("late 2024", "late August 2024", False),
        ("late August 2024", "late 2024", False),
        ("late 2024", "October 2024", True),
        ("January", "January 2025", True),
        ("January 2025", "January", False),
        ("2025", "January 2025", True),
        ("2025", "2024", False),
        ("the 1990s", "1994", True),
        ("last year", "last year", True),
        ("last year", "2024", False),
        ("summer 2024", "July 2024", True),
    ],
)
def test_contains(outer: str, inner: str, expected: bool) -> None:
    assert dates.contains(outer, inner) is expected


def test_equal() -> None:
    assert dates.equal("2024-08", "August 2024")
    assert not dates.equal("late 2024", "late August 2024")


def kinds(line: int, kind: Kind) -> list[tuple[str, str, str | None, str | None]]:
    return [(f.text, f.value, f.qualifier, f.unit) for f in of_text(CNN[line]) if f.kind is kind]


def test_cnn_percent_and_currency() -> None:
    assert ("50 per cent", "50", None, "%") in kinds(0, Kind.NUMBER)
    assert ("200million", "200000000", "about", "bags") in kinds(1, Kind.NUMBER)
    assert ("£80million", "80000000", None, "£") in kinds(3, Kind.NUMBER)
    assert ("22%", "22", None, "%") in kinds(7, Kind.NUMBER)
    assert ("$25,000", "25000", None, "$") in kinds(4, Kind.NUMBER)
    assert ("£17,000", "17000", "nearly", "£") in kinds(4, Kind.NUMBER)


def test_cnn_word_numbers_and_years() -> None:
    assert ("four million", "4000000", None, "copies") in kinds(2, Kind.NUMBER)
    assert ("1991", "1991", None, "year") in kinds(2, Kind.DATE)
    assert ("20", "20", None, "publishers") in kinds(2, Kind.NUMBER)
    nums = kinds(11, Kind.NUMBER)
    assert [n[1] for n in nums] == ["3000000", "6500000"]


def test_cnn_quote_with_title_speaker() -> None:
    fs = of_text(CNN[5])
    q = [f for f in fs if f.kind is Kind.QUOTE][0]
    assert q.speaker == "green"
    assert ("10 per cent", "10", "at least", "%") in kinds(5, Kind.NUMBER)
    name = [f for f in fs if f.kind is Kind.NAME][0]
    assert (name.text, name.qualifier) == ("Green", "mr.")


def test_cnn_one_in_twelve_and_attribution() -> None:
    assert ("one in 12", "0.0833", None, "drivers") in kinds(6, Kind.NUMBER)
    names = [n[1] for n in kinds(6, Kind.NAME)]
    assert "bernie rankin" in names and "however" not in names
    assert any(v == "bernie rankin" and q == "said" for _, v, q, _u in kinds(6, Kind.ATTRIBUTION))


def test_cnn_reported_price_and_vague_counts() -> None:
    assert ("1999", "1999", None, "year") in kinds(8, Kind.DATE)
    assert any(h[1] == "reportedly" for h in kinds(8, Kind.HEDGE))
    assert ("a million", "1000000", "more than", "infections") in kinds(9, Kind.NUMBER)
    assert ("dozens", "dozens", None, None) in kinds(9, Kind.NUMBER)
    assert ("never", "never", None, None) in kinds(9, Kind.NEGATION)
    assert ("January", "--01", None, "month") in kinds(9, Kind.DATE)


def test_cnn_dates_and_names() -> None:
    assert ("April 5", "--04-05", None, "day") in kinds(10, Kind.DATE)
    assert "world health organization report" in [n[1] for n in kinds(10, Kind.NAME)]
    assert ("Friday", "friday", None, "relative") in kinds(12, Kind.DATE)
    assert ("66", "66", None, None) in kinds(12, Kind.NUMBER)
    assert ("March 29, 1949", "1949-03-29", None, "day") in kinds(13, Kind.DATE)
    assert {"kayahan acar", "izmir", "turkey"} <= {n[1] for n in kinds(13, Kind.NAME)}


def test_and_joins_number_words_only_after_a_scale() -> None:
    assert [q.value for q in numbers.find("two hundred and fifty soldiers")] == ["250"]
    assert [(q.value, q.unit) for q in numbers.find("two and a half years")] == [("2.5", "years")]
    assert [q.value for q in numbers.find("between one and one hundred")] == ["100"]


def test_zero_as_a_verb_is_not_a_number() -> None:
    assert numbers.find("they 'zero out' those who refuse") == []
    assert [q.value for q in numbers.find("zero deaths were reported")] == ["0"]


def test_numbers_and_prepositions_do_not_start_names() -> None:
    fs = of_text("Ten people died. During the night, Ten Downing Street said nothing.")
    names = {f.text for f in fs if f.kind is Kind.NAME}
    assert "Ten" not in names and "During" not in names


def test_dailymail_continued_quote_pieces_carry_no_marks() -> None:
    text = (
        "'This is a rare model cel painted by the department. 'It would be one of the earliest "
        "versions,' he said."
    )
    qs = [f for f in of_text(text) if f.kind is Kind.QUOTE]
    assert qs and all(not f.text.startswith("'") and not f.text.endswith("'") for f in qs)
    assert qs[-1].speaker == "he"


def test_speaker_after_verb_with_possessive_in_between() -> None:
    text = "One former prisoner of war wrote to Moscow's ombudsman: 'How can I carry out orders?'"
    q = [f for f in of_text(text) if f.kind is Kind.QUOTE][0]
    assert q.speaker == "one former prisoner of war"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Yesterday US President Barack Obama said so.",
            [("US", None), ("Barack Obama", "president")],
        ),
        ("The Prime Minister David Cameron spoke.", [("David Cameron", "prime minister")]),
        ("He met Secretary of State John Kerry.", [("John Kerry", "secretary of state")]),
        (
            "Dr. Jane Smith and Gen. Mark Milley met President Biden.",
            [("Jane Smith", "dr."), ("Mark Milley", "gen."), ("Biden", "president")],
        ),
        ("Officials at the Bank of England said.", [("Bank of England", None)]),
        (
            "The Bank of England and the Prince of Wales met.",
            [("Bank of England", None), ("Prince of Wales", None)],
        ),
        ("The Justice Department said.", [("Justice Department", None)]),
        ("He met George W. Bush on the way.", [("George W. Bush", None)]),
        ("Phuoc Wagner of Kingston said so.", [("Phuoc Wagner", None), ("Kingston", None)]),
        ("Vietnamese Binh Wagner smiled.", [("Binh Wagner", None)]),
        (
            "Round Rock Police Chief Allen Banks said.",
            [("Round Rock Police", None), ("Allen Banks", "chief")],
        ),
        ("Designer Marc Jacobs agreed.", [("Marc Jacobs", "designer")]),
        ("Former United striker Andy Cole said.", [("Andy Cole", "striker")]),
        ("Yesterday Obama said so.", [("Obama", None)]),
        ("United Nations officials met.", [("United Nations", None)]),
        ("New York police said it.", [("New York", None)]),
        ("Footage of Gorkov surfaced.", [("Gorkov", None)]),
        ("Paint hit the London Russian embassy.", [("London", None), ("Russian", None)]),
        ("Yesterday Kim Kardashian said so.", [("Kim Kardashian", None)]),
        ("Fashion-conscious travellers came.", []),
        ("Children’s diets differ.", []),
        ("Circuit Judge Tim Barnack spoke.", [("Tim Barnack", "judge")]),
        ("Did I tell you where to go?", []),
        ("Smith said so, and Jones said no.", [("Smith", None), ("Jones", None)]),
    ],
)
def test_titles_are_qualifiers_even_inside_a_run(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(f.text, f.qualifier) for f in of_text(text) if f.kind is Kind.NAME] == expected


def test_title_case_headline_keeps_only_unusual_words() -> None:
    line = "Desertion and Defiance: The Brutal Fate of Russian Soldiers Who Disobey Orders"
    assert [f.text for f in of_text(line) if f.kind is Kind.NAME] == ["Russian"]


def test_lower_case_sentences_still_have_months() -> None:
    # benchmark summaries are often lower-cased whole
    found = [d.date.value for d in dates.find("the attack happened on january 5 , 2015 in paris .")]
    assert found == ["2015-01-05"]
    assert [d.date.value for d in dates.find("it opened in may 2019 .")] == ["2019-05"]
    assert dates.find("officials may decide in a march on friday .")[0].date.value == "friday"
    # in ordinary prose a lower-case month word is not a date
    assert dates.find("The troops march on. They may win.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister.",
        "The President and the Prime Minister met.",
        "'",
        '"Unclosed quote runs on and on',
        "‘’ ’‘ '' \"\"",
        "Mr. Dr. Gen.",
        "İstanbul’s ÇOK 1,2,3 — 4-5 % $ £",
        "a 1.2.3 .5 10-20 2024-13-45 Feb. 30, 2023 25:99 p.m.",
    ],
)
def test_odd_text_never_breaks_offsets(text: str) -> None:
    for f in of_text(text):
        assert text[f.start : f.end] == f.text and f.start < f.end


def test_bounds_and_fields() -> None:
    assert numbers.bound("about") == "approx" and numbers.bound("up to") == "upper"
    assert numbers.bound("more than") == "lower" and numbers.bound(None) is None
    assert dates.fields("late August 2024") == (2024, 8, None)
    assert dates.fields("January") == (None, 1, None)
    assert dates.fields("March 29, 1949") == (1949, 3, 29)
    assert dates.fields("last year") == (None, None, None)


def test_nested_and_broken_quotes_never_overlap() -> None:
    text = (
        "Jamie said Terry asked 'to take it out. \"I love tampons!\" he said, in that way.' "
        "She refers to 'Tampon tea,' with her. In the letter he called them 'false,' "
        "'hate filled libelous tales.' He said: 'Enabled and protected by the Internet, people lie.'"
    )
    qs = sorted((f for f in of_text(text) if f.kind is Kind.QUOTE), key=lambda f: f.start)
    for a, b in zip(qs, qs[1:], strict=False):
        assert a.end <= b.start
    values = [f.value for f in qs]
    assert "tampon tea" in values and "hate filled libelous tales" in values
    assert values[-1] == "enabled and protected by the internet people lie"
    assert qs[-1].speaker == "he"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1.2m people fled", "1200000", "people"),
        ("a 10m wall", "10", "m"),
        ("$5m in aid", "5000000", "$"),
        ("3bn users", "3000000000", "users"),
        ("50k fans", "50000", "fans"),
    ],
)
def test_short_scales(text: str, value: str, unit: str) -> None:
    q = numbers.find(text)[0]
    assert (q.value, q.unit) == (value, unit)


def test_tokenised_text_quotes_and_clitics() -> None:
    # FRANK-style summaries: lower case, PTB quote marks, clitics split off
    t = "he said : `` i 'm on television and you 're in a trailer , honey , '' she said . it 's fine ."
    qs = [f for f in of_text(t) if f.kind is Kind.QUOTE]
    assert [(f.text, f.speaker) for f in qs] == [
        ("i 'm on television and you 're in a trailer , honey ,", "she")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It cost US$3.5 billion.", [("3500000000", "$")]),
        ("Between 5,000 and 6,000 people fled.", [("5000", "people"), ("6000", "people")]),
        ("a 10-20 minute wait", [("10", "minute"), ("20", "minute")]),
        ("They won 4-1 on Saturday.", [("4", None), ("1", None)]),
    ],
)
def test_ranges_scores_and_currency_prefixes(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(q.value, q.unit) for q in numbers.find(text)] == expected


def test_short_decade() -> None:
    d = dates.find("In the '90s, prices rose.")[0]
    assert (d.date.value, d.date.precision) == ("1990s", "decade")
    assert not [f for f in of_text("In the '90s, prices rose.") if f.kind is Kind.NUMBER]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500,000 Sikhs could play a role", [("500000", "sikhs")]),
        ("a 40ft (12 metres) wall", [("40", "ft"), ("12", "metres")]),
        ("a 5,000 square foot terrace", [("5000", "foot")]),
        ("Richard Stanwick, 43, was among them", [("43", "age")]),
        ("In 2015, 40 of them came", [("2015", None), ("40", None)]),
    ],
)
def test_more_units(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(q.value, q.unit) for q in numbers.find(text)] == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("'We will win,' said Prime Minister David Cameron.", "david cameron"),
        ("'We will win,' Cameron told reporters.", "cameron"),
        ('"We will win," a police spokesman told CNN.', "a police spokesman"),
        ('Smith said: "We will win."', "smith"),
        ('According to Smith, "we will win."', "smith"),
        ('"We will win," Mr Smith, 54, said.', "smith"),
        ('She told the BBC: "We will win."', "she"),
        ('In a statement, the ministry said: "We will win."', "the ministry"),
    ],
)
def test_speakers(text: str, speaker: str) -> None:
    assert [f.speaker for f in of_text(text) if f.kind is Kind.QUOTE] == [speaker]


def test_a_word_named_mid_sentence_is_a_name_at_the_start_too() -> None:
    text = "Banks was arrested on Monday. Police later spoke to Banks, who denied it."
    assert [f.text for f in of_text(text) if f.kind is Kind.NAME] == ["Banks", "Banks"]
    text = "Footage showed the scene. The court saw the footage."
    assert [f.text for f in of_text(text) if f.kind is Kind.NAME] == []


def test_possessive_dates() -> None:
    assert [(f.text, f.value) for f in of_text("Yesterday’s top temperature was high.")] == [
        ("Yesterday", "yesterday")
    ]


def test_groups_that_say_things_are_not_names() -> None:
    for text in ["Police said the man fled.", "Officials told reporters.", "Witnesses said so."]:
        assert not [f for f in of_text(text) if f.kind is Kind.NAME]


def test_year_ranges_are_two_years() -> None:
    fs = [f for f in of_text("The 2014-15 season ended.") if f.kind is Kind.DATE]
    assert [(f.text, f.value) for f in fs] == [("2014", "2014"), ("15", "2015")]
    assert not [f for f in of_text("The 2014-15 season ended.") if f.kind is Kind.NUMBER]
    fs = [f for f in of_text("Figures for 2010/12 rose.") if f.kind is Kind.DATE]
    assert [f.value for f in fs] == ["2010", "2012"]
