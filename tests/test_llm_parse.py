"""retell.engines.llm.parse: every shape a server or a small model answers in."""

from __future__ import annotations

import json

import pytest

from retell.engines.llm.parse import extract_json, parse_answer

GOOD = {
    "headline": "Council shuts bridge",
    "segments": [
        {
            "sentences": [
                {"text": "The council shut the bridge.", "sources": ["s1"]},
                {"text": "Repairs take three months.", "sources": ["s2", "s3"]},
            ],
            "question": "Will you drive around?",
        }
    ],
}


def test_plain_json() -> None:
    ans = parse_answer(json.dumps(GOOD))
    assert ans.headline == "Council shuts bridge"
    seg = ans.segments[0]
    assert [s.text for s in seg.sentences] == [
        "The council shut the bridge.",
        "Repairs take three months.",
    ]
    assert seg.sentences[1].sources == ("s2", "s3")
    assert seg.question == "Will you drive around?"


def test_fenced_block_inside_prose() -> None:
    text = (
        "Sure! Here is the JSON:\n```json\n" + json.dumps(GOOD, indent=2) + "\n```\nHope it helps."
    )
    assert parse_answer(text).segments[0].question == "Will you drive around?"


def test_json_with_whitespace_padding_from_grammar() -> None:
    text = '{\n\t\t \t "headline"\n\t\t : "cat"\n\t\t }'
    assert parse_answer(text).headline == "cat"


def test_truncated_output_drops_the_incomplete_tail() -> None:
    full = json.dumps(GOOD)
    cut = full[: full.index("Repairs") + 6]  # inside the second sentence's text
    ans = parse_answer(cut)
    assert ans.headline == "Council shuts bridge"
    assert [s.text for s in ans.segments[0].sentences] == ["The council shut the bridge."]
    assert ans.segments[0].question is None


def test_truncated_in_question_keeps_sentences() -> None:
    full = json.dumps(GOOD)
    ans = parse_answer(full[: full.index("Will you") + 4])
    assert len(ans.segments[0].sentences) == 2
    assert ans.segments[0].question is None


@pytest.mark.parametrize("junk", ["", "I cannot do that.", "{{{", "[1, 2", "null", '"text"'])
def test_junk_is_empty_not_an_error(junk: str) -> None:
    assert parse_answer(junk).empty


def test_lenient_shapes() -> None:
    ans = parse_answer(
        '{"sentences": ["A plain string sentence.", {"sentence": "Another one.", "source": "s4, 5"}],'
        ' "question": "Why?"}'
    )
    seg = ans.segments[0]
    assert seg.sentences[0].sources == ()
    assert seg.sentences[1].text == "Another one."
    assert seg.sentences[1].sources == ("s4", "s5")


def test_ids_normalised_and_nonsense_dropped() -> None:
    ans = parse_answer(
        '{"segments": [{"sentences": [{"text": "X y z.", "sources": ["[s3]", 7, "S9", "s3", "abc"]}]}]}'
    )
    assert ans.segments[0].sentences[0].sources == ("s3", "s7", "s9")


def test_non_text_values_are_dropped() -> None:
    ans = parse_answer(
        '{"headline": 5, "segments": [{"sentences": [{"text": 12}, {"text": "  "}]}]}'
    )
    assert ans.headline is None and ans.empty


def test_extract_json_prefers_the_first_object() -> None:
    assert extract_json('noise {"a": 1} and {"b": 2}') == {"a": 1}
