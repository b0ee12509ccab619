"""Unit tests of the check's pieces: alignment, names by surname and acronym, number forms,
hedges, negation, quotes, and the retell.audit/1 JSON shape."""

from __future__ import annotations

import json

import pytest

from retell.check import Checker, audit_texts
from retell.check import extract as X
from retell.check.model import KINDS, SEVERITIES, STATUSES
from retell.facts import of_text
from retell.ingest import from_text

SOURCE = (
    "The Centre for Strategic and International Studies (CSIS) said Russia has suffered about "
    "1.2 million casualties, including up to 325,000 deaths. "
    "President Volodymyr Zelensky confirmed 55,000 deaths on Friday. "
    "Prices rose sharply in late August 2024, the ministry reported. "
    "The mayor did not resign after the vote. "
    "Thousands of soldiers were reportedly subjected to torture by their commanders. "
    "'We will never surrender,' the general told reporters."
)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(from_text(SOURCE))


def kinds(checker: Checker, text: str) -> dict[str, str]:
    _, fs = checker.sentence(text)
    return {f.kind: f.severity for f in fs}


def test_alignment_finds_paraphrased_sentence(checker: Checker) -> None:
    v, _ = checker.sentence("Zelensky confirmed that 55,000 people died on Friday.")
    assert "s2" in v.support


def test_surname_and_acronym_are_known_names(checker: Checker) -> None:
    assert "name_unsupported" not in kinds(checker, "Zelensky confirmed 55,000 deaths on Friday.")
    k = kinds(checker, "CSIS said Russia has suffered about 1.2 million casualties.")
    assert "name_unsupported" not in k
    assert (
        kinds(checker, "Putin confirmed 55,000 deaths on Friday.").get("name_unsupported")
        == "error"
    )


def test_number_forms_are_normalised(checker: Checker) -> None:
    k = kinds(checker, "CSIS said Russia has suffered about 1,200,000 casualties.")
    assert "number_unsupported" not in k and "number_changed" not in k
    assert [
        n.value for n in X.numbers(of_text("nearly 10% of 1.2 million, twelve and 13,500"))
    ] == [
        "10",
        "1200000",
        "12",
        "13500",
    ]


def test_number_changed_and_invented(checker: Checker) -> None:
    k = kinds(checker, "Zelensky confirmed 65,000 deaths on Friday.")
    assert k.get("number_changed") == "error" or k.get("number_unsupported") == "error"


def test_hedge_dropped(checker: Checker) -> None:
    assert (
        kinds(checker, "CSIS said Russia has suffered 1.2 million casualties.").get("hedge_dropped")
        == "warning"
    )
    assert (
        kinds(
            checker, "Russia has suffered about 1.2 million casualties, including 325,000 deaths."
        ).get("hedge_dropped")
        == "warning"
    )
    assert (
        kinds(checker, "Thousands of soldiers were subjected to torture by their commanders.").get(
            "hedge_dropped"
        )
        == "warning"
    )
    assert "hedge_dropped" not in kinds(
        checker, "Thousands of soldiers were reportedly subjected to torture by their commanders."
    )


def test_negation_flipped(checker: Checker) -> None:
    assert kinds(checker, "The mayor resigned after the vote.").get("negation_flipped") == "error"
    assert (
        kinds(checker, "Prices fell sharply in late August 2024, the ministry reported.").get(
            "negation_flipped"
        )
        == "error"
    )
    assert "negation_flipped" not in kinds(checker, "The mayor did not resign after the vote.")


def test_quotes(checker: Checker) -> None:
    assert not kinds(checker, "'We will never surrender,' the general told reporters.")
    assert kinds(checker, "'We will not surrender,' the general told reporters.").get(
        "quote_altered"
    )
    assert (
        kinds(checker, "'The war is lost,' the general said.").get("quote_unsupported") == "error"
    )


def test_dates(checker: Checker) -> None:
    assert (
        kinds(checker, "Prices rose sharply in late 2024, the ministry reported.").get(
            "date_changed"
        )
        == "warning"
    )
    assert (
        kinds(checker, "Prices rose sharply in March 2023, the ministry reported.").get(
            "date_changed"
        )
        == "error"
    )


def test_json_shape_and_offsets() -> None:
    rewrite = (
        "Russia has suffered 1.2 million casualties, CSIS said. Putin confirmed 65,000 deaths "
        "on Monday. What happens next?"
    )
    a = audit_texts(SOURCE, rewrite)
    d = json.loads(json.dumps(a.to_dict()))
    assert d["schema"] == "retell.audit/1"
    assert d["consistent"] is False and 0.0 <= d["score"] <= 1.0
    assert set(d["summary"]) == {"sentences", "supported", "errors", "warnings"}
    assert d["summary"]["errors"] == sum(f["severity"] == "error" for f in d["findings"])
    for f in d["findings"]:
        assert f["kind"] in KINDS and f["severity"] in SEVERITIES and f["message"]
        r = f["rewrite"]
        assert rewrite[r["start"] : r["end"]] == r["text"]
        if f["source"]:
            s = f["source"]
            assert SOURCE[s["start"] : s["end"]] == s["text"]
    for s in d["sentences"]:
        assert s["status"] in STATUSES
        assert rewrite[s["start"] : s["end"]] == s["text"]
    assert d["sentences"][-1]["status"] == "opinion"


def test_consistent_iff_no_errors() -> None:
    a = audit_texts(SOURCE, "Zelensky confirmed 55,000 deaths on Friday.")
    assert a.consistent == (not a.errors)
    assert a.consistent


def test_lowercase_text_names_are_unknown_words() -> None:
    found = [
        n.text for n in X.names(of_text("natalia moon moved to the philippines with ismol family"))
    ]
    assert "natalia" in found and "ismol" in found and "moved" not in found
    src = Checker(from_text("Natalia Moon moved to the Philippines in 2012."))
    _, fs = src.sentence("natalia moon moved to the philippines in 2012 .")
    assert not [f for f in fs if f.severity == "error"]
    _, fs = src.sentence("natalia kowalski moved to the philippines in 2012 .")
    assert any(f.kind == "name_unsupported" and f.rewrite.text == "kowalski" for f in fs)


def test_shipped_model_is_sign_constrained() -> None:
    from retell.check.score import model

    m = model()
    w = dict(zip(m.features, m.weights, strict=True))
    assert 0.0 < m.threshold < 1.0
    for name in ("cov", "single_cov", "bi_src", "lcs_ratio"):
        assert w.get(name, 0.0) >= 0.0, name
    for name in ("extrinsic", "name_abs", "num_bad", "quote_bad", "subst_unrel"):
        assert w.get(name, 0.0) <= 0.0, name
    assert m.prob({"cov": 1.0, "single_cov": 1.0, "bi_src": 1.0, "lcs_ratio": 1.0}) > m.prob(
        {"cov": 0.2, "single_cov": 0.2, "bi_src": 0.1, "lcs_ratio": 0.2, "extrinsic": 0.8}
    )


def test_postings_masks_match_sentence_words() -> None:
    """The bit-mask postings list exactly the sentences whose words hold a word or lemma."""
    from retell.check.align import SourceIndex

    ix = SourceIndex(from_text(SOURCE))
    for word in ("deaths", "death", "the", "friday", "zelensky", "resign"):
        want = [s.index for s in ix.sentences if word in s.lowers or word in s.lemmas]
        got = ix.sentences_with(word)
        assert got == sorted(got)
        assert set(want) <= set(got)
    assert ix.sentences_with("nowhere-in-the-source") == []
    assert ix.sentences_with_bigram("55,000", "death") == [1]
    assert ix.has_bigram("55,000", "death") and not ix.has_bigram("death", "55,000")
    assert ix.sentences_with_bigram("death", "55,000") == []


def test_window_scores_match_per_sentence_recall(checker: Checker) -> None:
    """A window's coverage is the IDF-weighted recall of the rewrite's content words in it."""
    from retell.check.text import tokens

    toks = tokens("Zelensky confirmed 55,000 deaths on Friday.")
    al = checker.index.align(toks)
    total = sum(al.weights)
    assert al.coverage == pytest.approx(
        sum(m * w for m, w in zip(al.match, al.weights, strict=True)) / total
    )
    assert al.window and al.best_single in al.window


def test_bigram_and_joining_masks_agree_with_the_sequences() -> None:
    """The masks the copied-fragment loops visit: a pair inside a sentence, and a sentence's
    last word before the next one's first (each sentence's ``seq`` is the truth)."""
    from retell.check.align import SourceIndex

    ix = SourceIndex(from_text("Prices rose in May. Rents rose too. Prices fell in June."))
    seqs = [s.seq for s in ix.sentences]
    for a, b in [("price", "rise"), ("rise", "in"), ("may", "rent"), ("too", "price"), ("in", "x")]:
        inside = sum(1 << i for i, q in enumerate(seqs) if (a, b) in zip(q, q[1:], strict=False))
        assert ix.bigram_mask(a, b) == inside
        assert ix.sentences_with_bigram(a, b) == [i for i in range(3) if inside >> i & 1]
        joining = sum(1 << i for i in range(2) if seqs[i][-1:] == [a] and seqs[i + 1][:1] == [b])
        assert ix.joining_mask(a, b) == joining
    assert ix.joining_mask("may", "rent") == 1
    assert ix.bigram_mask("price", "rise") == 1


def test_words_and_tokens_split_figures_words_and_marks_alike() -> None:
    """Figures, words (with inner dots, apostrophes and hyphens) and any other mark, split the
    same way by the fast word list and by the tokens with offsets."""
    from retell.check.text import tokens, words

    text = "The U.S. didn't pay 1,200.5 on the 3rd -- Kyiv-based Mr. Smith's 4th, e.g. 10s!"
    want = [
        "The", "U.S.", "did", "n't", "pay", "1,200.5", "on", "the", "3rd", "-", "-", "Kyiv-based",
        "Mr", "Smith", "'s", "4th", ",", "e.g.", "10s", "!",
    ]  # fmt: skip
    assert words(text) == want
    toks = tokens(text, 5)
    assert [t.text for t in toks] == want
    assert all(text[t.start - 5 : t.end - 5] == t.text for t in toks)
