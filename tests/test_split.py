"""The sentence splitter: the seed's count, and the cases news prose throws at it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retell.ingest.split import normalise_quotes, paragraphs, sentences

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


def test_seed_has_46_sentences() -> None:
    text = (FIXTURES / "seed_001.txt").read_text(encoding="utf-8")
    spans = [s for p0, p1 in paragraphs(text) for s in sentences(text, p0, p1)]
    assert len(spans) == 46
    joined = [text[a:b] for a, b in spans]
    assert any(s.startswith("One commander") and s.endswith("where to go?\u2019") for s in joined)
    assert len(paragraphs(text)) == 9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He met Gov. Brown.", 2),
        ("The U.S. Army said so. It was late.", 2),
        ("He lives in the U.S. The weather is fine.", 2),
        ("Sales rose 1.2 percent. Profits fell 3.5%.", 2),
        ("J. K. Rowling wrote it. George W. Bush read it.", 2),
        ("He arrived on Jan. 5 at No. 10 Downing Street. Then he left.", 2),
        ("I said no. Then he left.", 2),
        ("Apple Inc. Chief Executive Tim Cook spoke. Apple Inc. The company grew.", 3),
        ("It began at 6 a.m. Monday and ended at 5 p.m. The crowd left.", 2),
        ("He paused... then went on. She waited\u2026 Nothing happened.", 3),
        ("'Stop!' he shouted. Nobody did.", 2),
        ("\u2018Why?\u2019 she asked. \u2018Because,\u2019 he said.", 2),
        (
            "He told them: \u2018You need to work. Did I tell you where to go?\u2019 Then he left.",
            2,
        ),
        ('She said: "We will fight. We will win." The crowd cheered.', 2),
        (
            '"We are devastated. He was a wonderful son," the family said. They asked for privacy.',
            2,
        ),
        ("It was the '90s. Things were different.", 2),
        ("Her outburst\u2014\u2019They are not animals!\u2019\u2014shocked many. Then silence.", 2),
        ("The soldiers' families waited. None came home.", 2),
        ("Dr. Jones (left) spoke. She smiled.", 2),
        ("Prices rose (by 3 per cent.) The bank said so.", 2),
        ("Plain text without a final stop", 1),
        ("'Hence we search. We are hopeful,' Sgt Walker said. Police agreed.", 2),
        ("He said: 'It works. It is fast.' Then he left.", 2),
        ("He said: 'It works well. 'It is fast and cheap. 'We like it.' Then he left.", 4),
        ("The firm paid its pension debt.But a public fund saved it.", 2),
        ('They have little choice."England\'s system fails," he said.', 2),
        ('He said it was "a good day."The crowd cheered.', 2),
        ("She met Mrs.Smith on Tuesday.", 1),
        ("Growth hit 2.5%.The bank was pleased.", 2),
        ("He was born in Washington, D.C. He moved to Ohio.", 2),
        ("Sen. Elizabeth Warren, D-Mass., said so. Lt. Gov. Dan Patrick did not.", 2),
        ("It is 5 a.m. in Tokyo. Markets are shut.", 2),
        ("She is a Ph.D. student. He holds a Ph.D. The lab hired both.", 3),
        ("About approx. 50 people came. Mt. Everest is high.", 2),
        ("Chelsea vs. Arsenal ended 1-1. It rained.", 2),
        ("The Jan. 6 committee met in Nov. The report followed.", 2),
        ("The Dow fell 1.2%. The S&P 500 rose.", 2),
        ("He lacked vitamin D. The doctor said so.", 2),
        ("E. coli was found. Mr. and Mrs. Smith left.", 2),
        ("He paused . . . then went on. She waited . . . Nothing happened.", 3),
    ],
)
def test_cases(text: str, expected: int) -> None:
    assert len(split(text)) == expected, split(text)


def test_offsets_point_into_original_text() -> None:
    text = "\u201cIt\u2019s over,\u201d he said. \u2018Really.\u2019 Yes."
    spans = sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "\u201cIt\u2019s over,\u201d he said.",
        "\u2018Really.\u2019",
        "Yes.",
    ]


def test_normalise_keeps_length() -> None:
    text = "\u201c\u2018a\u2019\u201d \u00abb\u00bb"
    assert len(normalise_quotes(text)) == len(text)
    assert normalise_quotes(text) == '"\'a\'" "b"'


def test_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    text = "He said: 'It went on. " + "And on and on. " * 60 + "The end."
    assert len(split(text)) > 50


def test_paragraph_spans() -> None:
    text = "  One. Two.\n\n\nThree.\n \nFour.\n"
    assert [text[a:b] for a, b in paragraphs(text)] == ["One. Two.", "Three.", "Four."]


def test_window_offsets() -> None:
    text = "Skip this. Keep one. Keep two."
    assert [text[a:b] for a, b in sentences(text, 11, len(text))] == ["Keep one.", "Keep two."]


def test_tokenised_lower_case_text() -> None:
    assert len(split("he scored 17 goals . the 27-year-old could move . he played on loan .")) == 3


def test_seed_golden_spans() -> None:
    """Everyone downstream keys on s1…s46: a change to any span must be deliberate."""
    import json

    from retell.ingest import from_text

    text = (FIXTURES / "seed_001.txt").read_text(encoding="utf-8")
    gold = json.loads((FIXTURES / "seed_001.sentences.json").read_text(encoding="utf-8"))
    got = [
        {"id": s.id, "start": s.start, "end": s.end, "paragraph": s.paragraph, "text": s.text}
        for s in from_text(text).sentences
    ]
    assert got == gold


def _reference_quote_events(flat: str) -> list[tuple[int, str, bool]]:
    """The quote-mark rules written out character by character (what the pattern encodes)."""
    import re

    open_before = frozenset(" \t\n\r([{\u2014\u2013-:/\u00a0")
    events = []
    for i, c in enumerate(flat):
        if c not in "'\"":
            continue
        prev = flat[i - 1] if i > 0 else " "
        nxt = flat[i + 1] if i + 1 < len(flat) else " "
        if prev in open_before and not nxt.isspace():
            if not re.match(r"'\d\ds\b", flat[i:]):
                events.append((i, c, True))
        elif not prev.isspace() and not nxt.isalnum():
            events.append((i, c, False))
    return events


@pytest.mark.parametrize(
    "flat",
    [
        "he said: 'Stop. Now.' Then 'the '90s' ended",
        "'Go!' he said.\u00a0'Yes'\u2009'no' \"x\"",
        "a -'b' (\"c\") [ 'd' ]{'e'} \u2014\"f\"\u2013'g'/'h' _'_ 'i'_ 1'2 '",
        "'",
        "x' 'x ' Russia's '80s' '9s ''",
    ],
)
def test_quote_events_follow_the_rules(flat: str) -> None:
    from retell.ingest.split import _quote_events

    assert _quote_events(flat) == _reference_quote_events(flat)


@pytest.mark.parametrize(
    "flat",
    [
        "He met Mr. Smith at 5 p.m. in the U.S. The talks ended.Then 'we left.' Done... Yes",
        "The debt.But 'Stop.' she said. (It rose 5%.) The end.  \"Next\" time",
    ],
)
def test_single_mark_patterns_match_as_the_general_ones(flat: str) -> None:
    from retell.ingest import split

    def spans(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
        return [tuple(m.span(g) for g in range(rx.groups + 1)) for m in rx.finditer(text)]

    assert spans(split._CANDIDATE_DOT, flat) == spans(split._CANDIDATE, flat)
    single = flat.replace('"', "'")
    assert spans(split._QUOTE_EVENT_SINGLE, single) == spans(split._QUOTE_EVENT, single)
    double = flat.replace("'", '"')
    assert spans(split._QUOTE_EVENT_DOUBLE, double) == spans(split._QUOTE_EVENT, double)
