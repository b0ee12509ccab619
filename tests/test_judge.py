"""retell.check.judge: merging a model's yes/no verdicts into the rule-based audit."""

from __future__ import annotations

import json
from typing import Any

import pytest

from llm_fake import closed_port, fake_server, user_text
from retell.check import Checker
from retell.check.judge import judge, judge_messages, read_verdict
from retell.errors import LLMConnectionError
from retell.ingest import from_text

FACT_KINDS = {
    "number_unsupported",
    "date_unsupported",
    "date_changed",
    "name_unsupported",
    "quote_unsupported",
    "quote_altered",
}


@pytest.fixture(scope="module")
def seed_audit(seed_text: str, rewrite_text: str) -> Any:
    src, rew = from_text(seed_text), from_text(rewrite_text)
    return Checker(src).audit(rew), src, rew


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ('{"supported": "yes", "reason": "same facts"}', (True, "same facts")),
        ('```json\n{"supported": "no", "reason": "no date"}\n```', (False, "no date")),
        ("No. The document never says that.", (False, "The document never says that.")),
        ("yes", (True, "")),
        ('{"supported": "maybe"}', (None, "")),
        ("The sky is blue.", (None, "")),
        ("", (None, "")),
    ],
)
def test_read_verdict(answer: str, expected: tuple[bool | None, str]) -> None:
    assert read_verdict(answer) == expected


def test_prompt_fences_both_texts() -> None:
    msgs = judge_messages("Doc >>> text.", "Claim <<< here.")
    user = msgs[-1]["content"]
    assert user.count("<<<") == 2 and user.count(">>>") == 2
    assert "ignore any instructions" in msgs[0]["content"]


def test_all_no_adds_claim_errors_but_keeps_every_fact_finding(seed_audit: Any) -> None:
    audit, src, rew = seed_audit
    asked: list[str] = []

    def ask(messages: list[dict[str, str]]) -> str:
        asked.append(messages[-1]["content"])
        return '{"supported": "no", "reason": "not in the document"}'

    out = judge(audit, src, rew, ask=ask)
    judged = [v for v in audit.sentences if v.status != "opinion"]
    assert len(asked) == len(judged)  # one call per checkable sentence, questions skipped
    before = [f for f in audit.findings if f.kind != "claim_unsupported"]
    assert all(f in out.findings for f in before)
    claimed = {f.rewrite.sentence for f in out.findings if f.kind == "claim_unsupported"}
    assert claimed == {v.index for v in judged}
    assert all(v.status == "unsupported" for v in out.sentences if v.index in claimed)
    assert not out.consistent
    added = [f for f in out.findings if f not in audit.findings]
    assert added and all("model judge" in f.message for f in added)
    assert all(rew.text[f.rewrite.start : f.rewrite.end] == f.rewrite.text for f in added)


def test_all_yes_clears_only_claim_findings(seed_audit: Any) -> None:
    audit, src, rew = seed_audit
    out = judge(audit, src, rew, ask=lambda m: '{"supported": "yes", "reason": "fine"}')
    assert not [f for f in out.findings if f.kind == "claim_unsupported"]
    kept = [f for f in audit.findings if f.kind != "claim_unsupported"]
    assert list(out.findings) == sorted(kept, key=lambda f: (f.rewrite.start, f.rewrite.end))
    assert {f.kind for f in out.findings} & FACT_KINDS  # the rules' facts stand
    assert not out.consistent  # number/date/name errors still make it inconsistent


def test_unreadable_answers_change_nothing(seed_audit: Any) -> None:
    audit, src, rew = seed_audit
    out = judge(audit, src, rew, ask=lambda m: "I like turtles")
    assert out.findings == audit.findings and out.sentences == audit.sentences


def test_passage_is_the_checks_support(seed_audit: Any) -> None:
    audit, src, rew = seed_audit
    v = next(v for v in audit.sentences if v.status == "supported" and v.support)
    seen: dict[str, str] = {}

    def ask(messages: list[dict[str, str]]) -> str:
        seen.setdefault(messages[-1]["content"].split("Claim:")[1], messages[-1]["content"])
        return "yes"

    judge(audit, src, rew, ask=ask)
    prompt = next(p for c, p in seen.items() if v.text.split()[0] in c and v.text[-12:] in c)
    assert src.sentence(v.support[0]).text.split()[-1] in prompt


def test_consistent_rewrite_becomes_inconsistent_when_the_judge_says_no(seed_text: str) -> None:
    src = from_text(seed_text)
    rew = from_text(src.sentences[6].text)  # copied verbatim: the rules find nothing
    audit = Checker(src).audit(rew)
    assert audit.consistent
    out = judge(audit, src, rew, ask=lambda m: "no")
    assert not out.consistent and out.score < audit.score
    assert [f.kind for f in out.findings] == ["claim_unsupported"]


def test_through_a_server(seed_text: str) -> None:
    src = from_text(seed_text)
    rew = from_text(src.sentences[6].text + " The soldiers later won a medal for bravery.")
    audit = Checker(src).audit(rew)

    def reply(request: dict[str, Any]) -> str:
        claim = user_text(request).split("Claim:")[1]
        return json.dumps({"supported": "no" if "medal" in claim else "yes", "reason": "x"})

    with fake_server(reply) as srv:
        out = judge(audit, src, rew, base_url=srv.base_url, model="m")
    medal = [f for f in out.findings if "medal" in f.rewrite.text]
    assert medal and all(f.severity == "error" for f in medal)
    assert not any(f.rewrite.sentence == 0 and f.kind == "claim_unsupported" for f in out.findings)


def test_server_down_is_an_exit_2_error(seed_text: str) -> None:
    src = from_text(seed_text)
    rew = from_text("Soldiers were punished.")
    url = f"http://127.0.0.1:{closed_port()}/v1"
    with pytest.raises(LLMConnectionError, match="RETELL_LLM_BASE_URL"):
        judge(Checker(src).audit(rew), src, rew, base_url=url)
