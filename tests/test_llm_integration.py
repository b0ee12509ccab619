"""The llm engine against a real llama.cpp server (marked ``llm``; ``make llm-server`` starts one).

If nothing answers on 127.0.0.1:8081 the session fixture starts the server with
scripts/llm_server.py and stops it afterwards (only if it started it). The report is made through
the command line, like a user would, and checked here independently of retell's own check: the
model on that server (base Gemma 3 270M) invents freely, so these tests are about the gate.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.llm

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "llm_server.py"
BASE_URL = "http://127.0.0.1:8081/v1"


def _answering() -> bool:
    try:
        with urllib.request.urlopen(f"{BASE_URL}/models", timeout=3) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="session")
def llm_server() -> Iterator[str]:
    started = False
    if not _answering():
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "start"], capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr + done.stdout
        started = True
    yield BASE_URL
    if started:
        subprocess.run([sys.executable, str(SCRIPT), "stop"], capture_output=True, timeout=60)


def _retell(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["RETELL_LLM_BASE_URL"] = BASE_URL
    # two shared cores: a call may wait behind someone else's work; the gate is what is tested
    env.setdefault("RETELL_LLM_TIMEOUT", "180")
    exe = Path(sys.executable).with_name("retell")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=900)


def _norm(text: str) -> str:
    text = re.sub(r"[‘’‚′]", "'", text)
    text = re.sub(r"[“”„]", '"', text)
    return " ".join(text.split())


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTE = re.compile(r"(?:^|[\s(—-])['\"]([^'\"]{3,}?)['\"](?=[\s.,;:!?)—-]|$)")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


def _absent_facts(text: str, source: str) -> list[str]:
    """Numbers, quoted passages and multi-word capitalised names of ``text`` not in ``source``."""
    text, source = _norm(text), _norm(source)
    bad = [n for n in _NUMBER.findall(text) if n not in source]
    bad += [q for q in _QUOTE.findall(text) if q.strip(" .,") not in source]
    for name in _NAME.findall(text):
        words = name.split()
        if name not in source and " ".join(words[1:]) not in source:
            bad.append(name)
    return bad


@pytest.fixture(scope="session")
def llm_report(llm_server: str, seed_path: Path) -> dict[str, Any]:
    done = _retell("report", str(seed_path), "--engine", "llm", "-f", "json")
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def test_report_is_made_by_the_llm_engine_in_the_seed_form(llm_report: dict[str, Any]) -> None:
    assert llm_report["engine"] == "llm"
    assert 4 <= len(llm_report["segments"]) <= 8
    for seg in llm_report["segments"]:
        assert seg["sentences"]
        assert seg["question"].rstrip().endswith("?")
    assert llm_report["headline"].strip()


def test_nothing_unsupported_reaches_the_report(llm_report: dict[str, Any], seed_text: str) -> None:
    bad: list[str] = []
    for seg in llm_report["segments"]:
        for s in seg["sentences"]:
            bad += _absent_facts(s["text"], seed_text)
        bad += _absent_facts(seg["question"], seed_text)
    bad += [n for n in _NUMBER.findall(llm_report["headline"]) if n not in seed_text]
    assert not bad, bad
    assert not [f for f in llm_report["findings"] if f["severity"] == "error"]


def test_every_sentence_says_who_wrote_it(llm_report: dict[str, Any]) -> None:
    origins = {s.get("origin") for seg in llm_report["segments"] for s in seg["sentences"]}
    assert origins <= {"model", "fallback"}
    source_ids = {s["id"] for s in llm_report["source"]["sentences"]}
    for seg in llm_report["segments"]:
        for s in seg["sentences"]:
            assert s["sources"] and set(s["sources"]) <= source_ids
