"""Rules of the check on small made-up pairs: a name moved onto words the source says of someone
else, contrasts WordNet leaves out, and first names the source never gives."""

from __future__ import annotations

from retell.check import audit_texts

_MATCH = (
    "Arsenal beat Chelsea 2-0 at the Emirates on Sunday. "
    "Manager Arsene Wenger praised his defence after the game. "
    "Fans of Tottenham were sent on their way by club legend Steve Perryman before kick-off."
)


def test_a_name_put_on_what_the_source_says_of_another_is_flagged() -> None:
    a = audit_texts(_MATCH, "Fans of Chelsea were sent on their way by club legend Steve Perryman.")
    found = [f for f in a.errors if f.kind == "entity_changed"]
    assert found and found[0].rewrite.text == "Chelsea", [(f.kind, f.message) for f in a.findings]
    assert found[0].source is not None and found[0].source.text == "Tottenham"


def test_the_same_name_on_the_same_words_is_not_flagged() -> None:
    a = audit_texts(
        _MATCH, "Fans of Tottenham were sent on their way by club legend Steve Perryman."
    )
    assert not [f for f in a.findings if f.kind == "entity_changed"]
    b = audit_texts(_MATCH, "Arsenal beat Chelsea 2-0 at the Emirates on Sunday.")
    assert b.consistent


def test_closed_class_contrasts_are_opposites() -> None:
    src = (
        "The protesters poured yellow and blue paint on the road. "
        "Police arrived after the crowd had left the square."
    )
    a = audit_texts(src, "The protesters poured pink and blue paint on the road.")
    assert any(f.kind == "negation_flipped" and f.rewrite.text == "pink" for f in a.errors)
    b = audit_texts(src, "Police arrived before the crowd had left the square.")
    assert any(f.kind == "negation_flipped" and f.rewrite.text == "before" for f in b.errors)
    c = audit_texts(src, "Police arrived after the crowd had left the square.")
    assert c.consistent


def test_a_first_name_the_source_never_gives_is_a_warning() -> None:
    src = (
        "Swansea City have appointed a new manager. Curtis said the club faced a difficult "
        "season. The Welsh side sit 15th in the table."
    )
    a = audit_texts(src, "Alan Curtis said the club faced a difficult season.")
    assert a.consistent, [(f.kind, f.severity, f.message) for f in a.findings]
    assert any(f.kind == "name_unsupported" and f.severity == "warning" for f in a.findings)
    # another first name for a surname the source gives in full is another person
    src2 = src.replace("Curtis said", "Alan Curtis said")
    b = audit_texts(src2, "Tom Curtis said the club faced a difficult season.")
    assert not b.consistent


def test_a_negation_the_source_also_makes_a_few_words_back_is_no_flip() -> None:
    src = (
        "Avian influenza usually spreads through poultry, and was not deemed to be a threat to "
        "humans until a 1997 outbreak in Hong Kong. Officials say the risk remains low."
    )
    a = audit_texts(src, "Bird flu was not considered a threat to humans until 1997.")
    assert not [f for f in a.findings if f.kind == "negation_flipped"]
    b = audit_texts(
        src, "Avian influenza spreads through poultry and was deemed a threat to humans."
    )
    assert any(f.kind == "negation_flipped" for f in b.errors)
    c = audit_texts(
        "Rodgers says Sturridge is unlikely to recapture his very best form this season.",
        "Rodgers concedes that Sturridge will not recapture his best form this season.",
    )
    assert not [f for f in c.findings if f.kind == "negation_flipped"]


def test_failing_to_do_what_the_source_says_was_done_negates_it() -> None:
    src = "The telescope captured a new image of the distant galaxy cluster on Monday."
    a = audit_texts(
        src, "The telescope failed to capture a new image of the distant galaxy cluster."
    )
    assert any(f.kind == "negation_flipped" for f in a.errors)
    b = audit_texts(
        "The company declined to comment on the report.",
        "The company failed to comment on the report.",
    )
    assert not [f for f in b.findings if f.kind == "negation_flipped"]


def test_a_country_the_source_names_only_by_a_far_demonym_is_no_changed_entity() -> None:
    src = (
        "Activists in London dumped yellow and blue paint in front of the Russian embassy. "
        "The protest comes on the eve of the anniversary of the invasion. "
        "Police arrested four people at the scene. "
        "The group formed to protest Brexit. "
        "The phrase refers to British soldiers in the First World War."
    )
    a = audit_texts(
        src, "U.K. activists dumped yellow and blue paint in front of the Russian embassy."
    )
    assert not [f for f in a.errors if f.kind == "entity_changed"], a.findings


def test_a_sentence_that_says_the_same_two_words_twice_is_flagged() -> None:
    src = (
        "Apple warned users after cyber-thieves stole accounts. "
        "The company said the security tool will be available in the spring."
    )
    a = audit_texts(src, "Apple warned users after Apple warned cyber-thieves about accounts.")
    assert any(f.kind == "claim_unsupported" and "said twice" in f.message for f in a.errors)
    b = audit_texts(src, "Apple warned users after cyber-thieves stole accounts.")
    assert b.consistent
    d = audit_texts(src, "Contraband was thrown over the wall of a wall, the company said.")
    assert any("said twice" in f.message and f.rewrite.text == "wall of a wall" for f in d.errors)
    # a name said twice is no loop
    ny = audit_texts(
        "New York police said a man was arrested on Monday. The man lives in New York.",
        "New York police said a New York man was arrested on Monday.",
    )
    assert not [f for f in ny.findings if "said twice" in f.message]
    # a word said twice on purpose is no loop
    for idiom in ("day after day", "side by side", "bigger and bigger"):
        e = audit_texts(src, f"Apple warned users {idiom} after cyber-thieves stole accounts.")
        assert not [f for f in e.findings if "said twice" in f.message], idiom
    # a source that says them twice itself allows it
    c = audit_texts(
        "Ice cream and more ice cream: the shop sells ice cream all day.",
        "The shop sells ice cream and more ice cream.",
    )
    assert not [f for f in c.findings if "said twice" in f.message]


def test_a_compound_with_one_part_turned_around_is_a_contrast() -> None:
    src = "Activists marked the one-year anniversary of the invasion with a protest in London."
    a = audit_texts(
        src, "Activists marked the one-month anniversary of the invasion with a protest."
    )
    assert any(f.kind == "negation_flipped" and f.rewrite.text == "one-month" for f in a.errors)
    b = audit_texts(
        src, "Activists marked the one-year anniversary of the invasion with a protest."
    )
    assert b.consistent
