"""The check on the seed pair: every planted defect is flagged, faithful sentences are not, and the
source audited against itself is consistent."""

from __future__ import annotations

import pytest

from retell.check import Checker, audit_texts
from retell.check.model import Audit, Finding
from retell.ingest import from_text


@pytest.fixture(scope="module")
def audit(seed_text: str, rewrite_text: str) -> Audit:
    return audit_texts(seed_text, rewrite_text)


def _flags(audit: Audit, phrase: str) -> list[Finding]:
    """Findings (error or warning) whose rewrite span overlaps ``phrase`` in the rewrite."""
    text = audit.rewrite_text
    a = text.find(phrase)
    assert a >= 0, phrase
    b = a + len(phrase)
    return [
        f
        for f in audit.findings
        if f.severity in ("error", "warning") and f.rewrite.start < b and a < f.rewrite.end
    ]


DEFECTS = [
    # (phrase in the rewrite, acceptable kinds, must be an error)
    (
        "In late 2024, two soldiers were forced into a pit",
        {"date_unsupported", "claim_unsupported", "date_changed"},
        True,
    ),
    ("At least 150", {"number_unsupported"}, True),
    ("101", {"number_unsupported"}, True),
    ("People in wheelchairs are sent to the front", {"quote_unsupported"}, True),
    ("I saw it all with my own eyes", {"quote_unsupported"}, True),
    ("How can I carry out orders if my mental state is shattered?", {"quote_altered"}, False),
    ("a 2025 CSIS report", {"date_unsupported", "date_changed"}, False),
    ("325,000", {"hedge_dropped"}, False),
    ("1.2 million", {"hedge_dropped"}, False),
    ("Thousands of soldiers have faced similar torture", {"hedge_dropped"}, False),
    ("In late 2024, he and a fellow soldier", {"date_changed", "date_unsupported"}, False),
    ("In January, footage", {"date_changed"}, False),
    ("last year", {"date_unsupported", "date_changed"}, False),
    ("Moscow's ombudsman", {"name_unsupported", "entity_changed", "attribution_changed"}, False),
    (
        "he told the New York Times",
        {"attribution_changed", "name_unsupported", "entity_changed"},
        False,
    ),
    ("according to activist Vitaly Borodin", {"attribution_changed"}, False),
    ("The Kremlin denies", {"name_unsupported", "entity_changed", "attribution_changed"}, False),
    (
        "within days of their release",
        {"date_changed", "date_unsupported", "claim_unsupported"},
        False,
    ),
]


@pytest.mark.parametrize(("phrase", "kinds", "error"), DEFECTS)
def test_seed_defect_is_flagged(audit: Audit, phrase: str, kinds: set[str], error: bool) -> None:
    found = _flags(audit, phrase)
    assert any(f.kind in kinds for f in found), (phrase, [(f.kind, f.rewrite.text) for f in found])
    if error:
        assert any(f.severity == "error" for f in found), phrase


FAITHFUL = [
    "One was suspended upside down, stripped to his underwear",
    "These punishments are not isolated.",
    "Soldiers accused of disobedience risk rape, gladiator-style fights to the death",
    "Their refusal to take a photo with a Russian flag",
    "More than 16,000 have been prosecuted for desertion-related offenses",
    "Financial extortion schemes are also rampant.",
    "'They are not animals!' she declared.",
    "Ukraine has lost 600,000, with 55,000 confirmed dead by Zelensky's count.",
    "Over 50,000 Russian soldiers have deserted since the invasion began",
]


@pytest.mark.parametrize("phrase", FAITHFUL)
def test_faithful_sentence_has_no_error(audit: Audit, phrase: str) -> None:
    a = audit.rewrite_text.find(phrase)
    assert a >= 0
    errs = [f for f in audit.errors if f.rewrite.start <= a + len(phrase) and a <= f.rewrite.end]
    assert not errs, [(f.kind, f.rewrite.text, f.message) for f in errs]


def test_questions_and_headings_are_opinion(audit: Audit) -> None:
    qs = [v for v in audit.sentences if v.text.strip().endswith("?") and "'" not in v.text]
    assert qs and all(v.status == "opinion" for v in qs)
    assert not [f for f in audit.findings if f.rewrite.sentence in {v.index for v in qs}]


def test_seed_rewrite_is_inconsistent(audit: Audit) -> None:
    assert not audit.consistent
    assert audit.score < 0.5
    assert len(audit.errors) >= 8


def test_source_against_itself_is_consistent(seed_text: str) -> None:
    a = audit_texts(seed_text, seed_text)
    assert a.consistent and not a.errors
    assert all(v.status == "supported" for v in a.sentences if v.status != "opinion")
    assert a.score > 0.5


def test_sentence_api_verbatim_copy(seed_text: str) -> None:
    art = from_text(seed_text)
    checker = Checker(art)
    s = art.sentences[5]
    verdict, findings = checker.sentence(s.text)
    assert verdict.status == "supported" and verdict.support == (s.id,) and findings == ()


def test_cited_ids_are_used(seed_text: str) -> None:
    art = from_text(seed_text)
    checker = Checker(art)
    rew = from_text("Gorkov refused to return to his unit.")
    a = checker.audit(rew, {0: ["s44"]})
    assert a.sentences[0].support


@pytest.mark.parametrize(
    "sentence",
    ["These punishments are not isolated.", "Financial extortion schemes are also rampant."],
)
def test_faithful_sentence_is_supported(audit: Audit, sentence: str) -> None:
    """'supported' keeps its meaning whatever the scale of the shipped model's scores."""
    v = next(v for v in audit.sentences if v.text.strip() == sentence)
    assert v.status == "supported", (v.status, v.score)


def test_hedge_dropped_message_quotes_the_source_hedge() -> None:
    from retell.check import audit_texts

    src = "The institute reported that Russia has suffered about 1.2 million casualties since then."
    rew = "Russia has suffered 1.2 million casualties since then, the institute reported."
    found = [f for f in audit_texts(src, rew).findings if f.kind == "hedge_dropped"]
    assert found, "dropping 'about' must be flagged"
    assert "“about 1.2 million”" in found[0].message


_KAYAHAN = (
    "Kayahan, one of Turkey's best-loved singers, died of cancer on Friday at the age of 66. "
    "He had performed most recently in Istanbul. The performer was first diagnosed with cancer "
    "in 1990, and his songs were sung across the country. His family said he died peacefully."
)


def test_a_rewrite_opening_on_a_pronoun_names_no_one() -> None:
    a = audit_texts(_KAYAHAN, "He performed most recently in Istanbul. Kayahan died at 66.")
    assert any(f.severity == "error" and f.rewrite.text == "He" for f in a.findings), (
        "an opening 'He' says nothing about who is meant"
    )
    # a verbatim copy of a source sentence never gets an error, even when it opens on "He"
    c = audit_texts(_KAYAHAN, "He had performed most recently in Istanbul.")
    assert c.consistent
    # the same sentence after the person is named is fine
    b = audit_texts(
        _KAYAHAN, "Kayahan died of cancer at 66. He had performed recently in Istanbul."
    )
    assert not any(f.rewrite.text == "He" for f in b.findings)


def test_a_pronoun_of_a_gender_the_source_never_uses_is_an_error() -> None:
    a = audit_texts(
        _KAYAHAN, "Kayahan died of cancer at 66; her songs were sung across the country."
    )
    assert any(f.kind == "entity_changed" and f.rewrite.text == "her" for f in a.findings)
    b = audit_texts(
        _KAYAHAN, "Kayahan died of cancer at 66; his songs were sung across the country."
    )
    assert not any(f.kind == "entity_changed" for f in b.findings)


def test_part_of_a_full_name_is_not_someone_else() -> None:
    src = (
        "Bunkie King met the Australian actor Jack Thompson when she was 15. "
        "Thompson was twice her age. Jack now lives with Leona in regional NSW."
    )
    a = audit_texts(src, "Thompson now lives with Leona in regional NSW.")
    assert not any(f.kind == "entity_changed" for f in a.findings)


def test_an_attribution_by_surname_in_the_source_holds() -> None:
    src = (
        "Jurgen Klopp conceded that Bayern Munich were the better team on Saturday. "
        "Dortmund manager Klopp says that Bayern deserved to claim the three points."
    )
    a = audit_texts(src, "Bayern deserved to claim the three points, Jurgen Klopp says.")
    assert not any(f.kind == "attribution_changed" for f in a.findings)


_BOJ = (
    "The Bank of Japan said on Wednesday it would conduct emergency bond buying. "
    "The 10-year yield touched 0.505% for a second straight session, breaching the bank's "
    "0.5% cap. Some 32,000 documents were released."
)


def test_figures_that_trade_places_are_flagged() -> None:
    rew = "The 10-year yield touched 0.5% for a second session, breaching the bank's 0.505% cap."
    a = audit_texts(_BOJ, rew)
    assert any(f.kind == "number_changed" and f.severity == "error" for f in a.findings)
    ok = "The 10-year yield touched 0.505% for a second session, breaching the bank's 0.5% cap."
    assert audit_texts(_BOJ, ok).consistent


def test_a_more_precise_different_figure_is_not_a_rounding() -> None:
    a = audit_texts(_BOJ, "Some 32,500 documents were released.")
    assert any(f.kind.startswith("number") and f.severity == "error" for f in a.findings)
    b = audit_texts(
        "Officials said 1.21 million people voted.", "Officials said 1.2 million voted."
    )
    assert not any(f.kind.startswith("number") and f.severity == "error" for f in b.findings)


def test_an_antonym_swap_against_any_window_sentence_is_flagged() -> None:
    src = (
        "The administration unveiled details of how it will get the most bang for the billions "
        "it has to spur the chip sector. The plans include at least two research hubs."
    )
    rew = "The administration unveiled how it will get the least bang for the billions it has."
    a = audit_texts(src, rew)
    assert any(f.kind == "negation_flipped" and f.rewrite.text == "least" for f in a.findings)


def test_a_checker_is_freed_without_the_cycle_collector(seed_text: str, rewrite_text: str) -> None:
    """No reference cycle holds a source: a cycle would leave the index, tokens and facts of
    every audited source to the cyclic collector, whose passes then cost more than the audit."""
    import gc
    import weakref

    enabled = gc.isenabled()
    gc.disable()
    try:
        checker = Checker(from_text(seed_text))
        checker.audit(from_text(rewrite_text))
        assert checker.facts.names[0] is not None  # the lazy per-sentence tables were used
        gone = weakref.ref(checker.index)
        del checker
        assert gone() is None
    finally:
        if enabled:
            gc.enable()


def test_the_audit_scores_as_all_features_would(seed_text: str, rewrite_text: str) -> None:
    """The audit computes only the features the model weighs; every sentence's support score
    is still what the model gives the full feature set (which ``each`` hands to training)."""
    from retell.check.score import weighed

    checker = Checker(from_text(seed_text))
    rewrite = from_text(rewrite_text)
    audit = checker.audit(rewrite)
    full = {s.index: (v, feats) for s, v, _, feats in checker.each(rewrite)}
    assert weighed(checker.model) < set(next(f for _, f in full.values() if f))
    scored = 0
    for v in audit.sentences:
        other, feats = full[v.index]
        assert v == other
        if feats:
            assert v.score == checker.model.prob(feats)
            scored += 1
    assert scored >= 5


def test_tokens_split_and_strip_as_before() -> None:
    """The per-word table of ``tokens`` gives what the word-by-word reading gives."""
    from retell.check.text import tokens

    toks = tokens("He didn’t say it’s U.S. policy, Mr. Smith's aide said.", 10)
    assert [t.text for t in toks] == [
        "He",
        "did",
        "n’t",
        "say",
        "it",
        "’s",
        "U.S.",
        "policy",
        ",",
        "Mr",
        "Smith",
        "'s",
        "aide",
        "said",
    ]  # the full stop of "said." is dropped, as the check always read it
    assert [t.lower for t in toks][1:6] == ["did", "n't", "say", "it", "'s"]
    text = "He didn’t say it’s U.S. policy, Mr. Smith's aide said."
    assert toks[0].start == 10 and toks[-1].end == 10 + len(text) - 1
    assert tokens("He didn’t say it’s U.S. policy, Mr. Smith's aide said.", 10) == toks
