"""The report pipeline's guarantees, whatever the engine: a third-party engine registered through
the hook writes invented facts, and the check + repair keep every one of them out of the report."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

import retell
from retell.engines import Draft, DraftSegment, Options, hookimpl, plugin_manager
from retell.ingest.article import Article
from retell.model import Written
from retell.pipeline import report_as_rewrite
from retell.plan import Part


class LyingEngine:
    """Copies the first sentence of each part faithfully, then adds an invented one."""

    name = "liar"

    def write(self, article: Article, parts: Sequence[Part], options: Options) -> Draft:
        segs = []
        for part in parts:
            first = article.sentences[part.first]
            segs.append(
                DraftSegment(
                    sentences=(
                        Written(first.text, (first.id,)),
                        Written(
                            "At least 150 soldiers were executed by the Kremlin in 2023.",
                            (first.id,),
                        ),
                    ),
                    question="Why did 999 generals resign?",
                )
            )
        return Draft(segments=tuple(segs), headline="Putin Says 42 Armies Will Surrender")


class _Plugin:
    @hookimpl
    def register_engines(self, register):  # type: ignore[no-untyped-def]
        register(LyingEngine())


@pytest.fixture()
def liar() -> Iterator[None]:
    pm = plugin_manager()
    plugin = _Plugin()
    pm.register(plugin, "test-liar")
    try:
        yield
    finally:
        pm.unregister(plugin)


def test_a_plugin_engine_is_found_through_the_hook(liar: None) -> None:
    from retell.engines import engines

    assert {"extractive", "liar"} <= set(engines())


def test_invented_facts_never_reach_the_report(liar: None, seed_text: str) -> None:
    rep = retell.report(seed_text, segments=3, engine="liar")
    assert rep.engine == "liar"
    body = " ".join(w.text for s in rep.segments for w in s.sentences)
    questions = " ".join(s.question for s in rep.segments)
    assert "150" not in body and "2023" not in body
    assert "999" not in questions
    assert "42" not in rep.headline
    assert rep.segments, "the faithful first sentences must survive the repair"
    assert all(s.question.endswith("?") for s in rep.segments)
    assert not [f for f in rep.findings if f.severity == "error"]


def test_report_as_rewrite_offsets_slice_back(seed_text: str) -> None:
    rep = retell.report(seed_text, segments=2)
    article, cited = report_as_rewrite(list(rep.segments))
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text
    assert set(cited) == {s.index for s in article.sentences}


@pytest.mark.parametrize("kwargs", [{"segments": 0}, {"segments": 11}, {"words": 5}])
def test_out_of_range_options_are_usage_errors(seed_text: str, kwargs: dict) -> None:
    with pytest.raises(retell.UsageError):
        retell.report(seed_text, **kwargs)


def test_reports_are_the_golden_ones() -> None:
    """Speed work must not change a report: headline, section, sentences, sources and questions
    of the fixture articles' reports as recorded (tests/golden_outputs.py rewrites them when a
    change is meant)."""
    from golden_outputs import load, reports

    golden = load("reports.json")
    now = reports()
    assert set(now) == set(golden)
    for key, want in golden.items():
        assert now[key] == want, key
