"""The command line through click's runner: exit codes and exact stderr, as a user sees them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from retell.cli import cli


def run(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("retell: error: ")
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def seed_report(seed_path: Path) -> dict:
    result = run("report", str(seed_path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_report_json_has_the_seed_form(seed_report: dict) -> None:
    rep = seed_report
    assert rep["schema"] == "retell.report/1"
    assert rep["engine"] == "extractive"
    assert rep["section"] == "World News"
    assert 4 <= len(rep["segments"]) <= 8
    questions = [s["question"] for s in rep["segments"]]
    assert len(set(questions)) == len(questions)
    for seg in rep["segments"]:
        assert seg["question"].endswith("?")
        body = " ".join(s["text"] for s in seg["sentences"]) + " " + seg["question"]
        assert seg["words"] == len(body.split())
        assert 60 <= seg["words"] <= 120


# A quotation opens after a space, a dash or a colon and closes before a space or punctuation,
# so the apostrophes of "Russia's" and "Gorkov's" do not pair up into a false quote.
QUOTED = re.compile(r"(?:(?<=[\s—(:])|^)['\"]([^'\"]{12,}?)['\"](?=[\s.,;:!?—)]|$)")


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w’']+", text)}


def test_every_report_sentence_is_covered_by_the_sources_it_cites(
    seed_report: dict, seed_text: str
) -> None:
    by_id = {s["id"]: s for s in seed_report["source"]["sentences"]}
    for seg in seed_report["segments"]:
        for sent in seg["sentences"]:
            assert sent["sources"], sent
            cited = " ".join(by_id[i]["text"] for i in sent["sources"])
            assert _words(sent["text"]) <= _words(cited), sent["text"]
    for s in seed_report["source"]["sentences"]:
        assert seed_text[s["start"] : s["end"]] == s["text"]


def test_report_has_no_number_or_quote_absent_from_the_source(
    seed_report: dict, seed_text: str
) -> None:
    flat = seed_text.replace("’", "'").replace("‘", "'")
    for seg in seed_report["segments"]:
        text = " ".join(s["text"] for s in seg["sentences"]) + " " + seg["question"]
        for number in re.findall(r"\d[\d,.]*\d|\d", text):
            assert number in seed_text, number
        straight = text.replace("’", "'").replace("‘", "'")
        for quote in QUOTED.findall(straight):
            assert quote in flat, quote


def test_report_text_layout(seed_path: Path) -> None:
    result = run("report", str(seed_path), "--brand", "Daily Planet", "--section", "Politics")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["Daily Planet", "Politics", ""]
    assert lines[4] == ""
    assert lines[5].endswith("?")


def test_report_to_file(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run("report", str(seed_path), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text().lstrip().lower().startswith("<!doctype html>")


def test_report_from_stdin(seed_text: str) -> None:
    result = run("report", "-", "--segments", "3", "-f", "json", stdin=seed_text)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["segments"]) == 3


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (["report", "no/such/file.txt"], None, "no/such/file.txt"),
        (["report", "-"], "   \n", "empty"),
        (["report", "-"], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (["audit", "no/such/source.txt", "no/such/rewrite.txt"], None, "no/such/source.txt"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, stdin, needle) -> None:
    line = one_line_error(run(*args, stdin=stdin))
    assert needle in line.lower()


def test_not_english_exits_2() -> None:
    german = (
        "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das die Rechte der "
        "Mieter in den großen Städten stärken soll. Nach Angaben des Ministeriums sollen die "
        "Mieten in angespannten Wohnungsmärkten künftig nur noch langsamer steigen dürfen. "
        "Kritiker aus der Opposition halten die Pläne jedoch für nicht ausreichend."
    )
    assert "english" in one_line_error(run("report", "-", stdin=german)).lower()


def test_unknown_engine_exits_2(seed_path: Path) -> None:
    assert "engine" in one_line_error(run("report", str(seed_path), "--engine", "nope"))


def test_out_of_range_segments_is_a_usage_error(seed_path: Path) -> None:
    result = run("report", str(seed_path), "--segments", "11")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_audit_of_the_metro_rewrite_exits_1(seed_path: Path, rewrite_path: Path) -> None:
    result = run("audit", str(seed_path), str(rewrite_path), "-f", "json")
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "retell.audit/1"
    assert data["consistent"] is False
    assert data["summary"]["errors"] > 0


def test_audit_of_the_source_against_itself_exits_0(seed_path: Path) -> None:
    result = run("audit", str(seed_path), str(seed_path))
    assert result.exit_code == 0, result.stdout
