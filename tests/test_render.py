"""Render: every report format from hand-built value objects, and the format dispatch."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from retell.check.model import Audit, Finding, SentenceVerdict, Span
from retell.errors import RetellError, UsageError
from retell.ingest import from_text
from retell.ingest.article import Article
from retell.model import Report, Segment, Written
from retell.render import AUDIT_FORMATS, REPORT_FORMATS, render_audit, render_report
from retell.render.report_html import source_tooltip
from retell.render.report_markdown import escape as md_escape
from retell.render.report_markdown import render_markdown

SOURCE = (
    "The council approved the budget on Monday. It sets aside about 40 million for roads.\n\n"
    "Critics said the plan was rushed. The mayor rejected that claim.\n"
)
HEADLINE = "Council Backs Road Budget"


def make_report(
    *,
    headline: str = HEADLINE,
    findings: tuple[Finding, ...] = (),
    article: Article | None = None,
) -> Report:
    article = article or from_text(SOURCE, title="Budget vote", url="https://example.org/budget")
    s = {x.id: x.text for x in article.sentences}
    segments = (
        Segment(
            heading=headline,
            sentences=(Written(s["s1"], ("s1",)), Written(s["s2"], ("s1", "s2"))),
            question="Will the roads get better?",
        ),
        Segment(
            heading=headline,
            sentences=(Written(s["s3"], ("s3",)), Written(s["s4"], ("s4",), "model")),
            question="Who is right?",
        ),
    )
    return Report(
        engine="extractive",
        brand="Metro Report",
        section="World News",
        headline=headline,
        segments=segments,
        article=article,
        findings=findings,
    )


def test_article_fixture_has_the_sentences_the_tests_cite() -> None:
    ids = [s.id for s in from_text(SOURCE).sentences]
    assert ids == ["s1", "s2", "s3", "s4"]


# --- text -----------------------------------------------------------------------------------


def test_text_layout_line_by_line() -> None:
    lines = render_report(make_report(), "text").split("\n")
    assert lines == [
        "Metro Report",
        "World News",
        "",
        HEADLINE,
        "",
        "The council approved the budget on Monday. It sets aside about 40 million for roads."
        " Will the roads get better?",
        "",
        HEADLINE,
        "",
        "Critics said the plan was rushed. The mayor rejected that claim. Who is right?",
        "",
    ]


def test_text_reproduces_the_seed_layout(rewrite_text: str) -> None:
    """Parse the seed rewrite into a Report and render it back: the same bytes, except that the
    seed forgot the fourth segment's title (we always print it) and we end with a newline."""
    blocks = rewrite_text.split("\n\n")
    brand, section = blocks[0].split("\n")
    headline = blocks[1]
    segments = []
    for block in blocks[1:]:
        if block == headline:
            continue
        sents = from_text(block).sentences
        segments.append(
            Segment(headline, tuple(Written(x.text, ()) for x in sents[:-1]), sents[-1].text)
        )
    assert len(segments) == 6
    report = Report("extractive", brand, section, headline, tuple(segments), from_text(block))
    fourth = "\n\nCasualty figures are staggering."
    expected = rewrite_text.replace(fourth, f"\n\n{headline}{fourth}") + "\n"
    assert render_report(report, "text") == expected


def test_text_collapses_line_breaks_inside_sentences_and_falls_back_to_headline() -> None:
    article = from_text("One fact here.\nStill the same sentence. Another.")
    seg = Segment("", (Written("One fact\n here.", ("s1",)),), "Why?\n")
    report = Report("extractive", "B", "S", "Head", (seg,), article)
    assert render_report(report, "text") == "B\nS\n\nHead\n\nOne fact here. Why?\n"


# --- markdown -------------------------------------------------------------------------------


def test_markdown_structure() -> None:
    md = render_report(make_report(), "markdown")
    assert md.startswith("**Metro Report** · World News\n\n# Council Backs Road Budget\n\n")
    assert md.endswith("*Who is right?*\n")
    paragraphs = md.split("\n\n")[2:]
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith(" *Will the roads get better?*")
    # every segment title equals the headline: no repeated ## headings
    assert "\n## " not in md


def test_markdown_titles_segments_when_they_differ() -> None:
    base = make_report()
    segs = (base.segments[0], Segment("The critics", base.segments[1].sentences, "Who is right?"))
    md = render_markdown(Report("x", "B", "S", HEADLINE, segs, base.article))
    assert re.findall(r"^## (.*)$", md, re.M) == [HEADLINE, "The critics"]


def test_markdown_escapes_article_text() -> None:
    assert md_escape("a *b* [c](d) <e>") == r"a \*b\* \[c\](d) \<e\>"
    assert md_escape("# not a heading") == r"\# not a heading"
    assert md_escape("1. not a list") == r"1\. not a list"


def test_markdown_sources_list() -> None:
    md = render_markdown(make_report(), sources=True)
    assert md.endswith("## Sources\n\n1. s1 · s1, s2\n2. s3 · s4\n")


# --- html -----------------------------------------------------------------------------------


class _Spans(HTMLParser):
    """Collects the attributes of every sentence span and the text of the question spans."""

    def __init__(self) -> None:
        super().__init__()
        self.sentences: list[dict[str, str | None]] = []
        self.questions = 0
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "sentence" in classes:
            self.sentences.append(a)
        if "question" in classes:
            self.questions += 1


def test_html_is_a_standalone_page() -> None:
    page = render_report(make_report(), "html")
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in page
    assert "<title>Council Backs Road Budget — Metro Report</title>" in page
    assert "prefers-color-scheme: dark" in page and "@media print" in page
    # no external assets
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!example\.org)""", page)
    assert "<link" not in page


def test_html_sentences_carry_sources_and_tooltips() -> None:
    parser = _Spans()
    parser.feed(render_report(make_report(), "html"))
    assert [s["data-sources"] for s in parser.sentences] == ["s1", "s1 s2", "s3", "s4"]
    second = parser.sentences[1]["title"] or ""
    assert second.split("\n") == [
        "s1: The council approved the budget on Monday.",
        "s2: It sets aside about 40 million for roads.",
    ]
    assert parser.sentences[3]["data-origin"] == "model"
    assert parser.questions == 2
    assert parser.tags.count("li") >= 2 + 4  # two segment cards, four source sentences


class _Balance(HTMLParser):
    """Fails on a closing tag that does not match the open one; collects what is left open."""

    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def test_html_tags_are_balanced() -> None:
    finding = Finding("hedge_dropped", "warning", "dropped", Span("x", 0, 1, 0))
    parser = _Balance()
    parser.feed(render_report(make_report(findings=(finding,)), "html"))
    parser.close()
    assert parser.stack == []


def test_html_escapes_article_text() -> None:
    evil = "<script>alert('x')</script> & co"
    article = from_text(f"He said {evil} today. Then left.", title=evil, url="javascript:alert(1)")
    seg = Segment(evil, (Written(article.sentences[0].text, ("s1",)),), f"Why {evil}?")
    finding = Finding("hedge_dropped", "warning", evil, Span(evil, 0, 5, 0))
    page = render_report(
        Report("extractive", evil, evil, evil, (seg,), article, (finding,)), "html"
    )
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page
    assert "javascript:" not in page
    assert page.count("<script>") == 1  # only the page's own script


def test_html_lists_findings_and_source() -> None:
    finding = Finding(
        "hedge_dropped", "warning", "“about” was dropped", Span("40 million", 5, 15, 1)
    )
    page = render_report(make_report(findings=(finding,)), "html")
    assert 'data-kind="hedge_dropped"' in page and "“about” was dropped" in page
    assert 'id="src-s4"' in page and 'href="#src-s4"' in page
    assert render_report(make_report(), "html").count('class="finding"') == 0


def test_html_tooltip_for_missing_and_absent_sources() -> None:
    article = from_text("Only one sentence.")
    assert source_tooltip(article, ()) == "No source sentence cited"
    assert source_tooltip(article, ("s9",)) == "s9: (not in the source article)"


# --- json -----------------------------------------------------------------------------------


def test_json_schema_keys() -> None:
    data = json.loads(render_report(make_report(), "json"))
    assert data["schema"] == "retell.report/1"
    assert set(data) == {
        "schema",
        "engine",
        "brand",
        "section",
        "headline",
        "segments",
        "findings",
        "source",
    }
    seg = data["segments"][0]
    assert set(seg) == {"heading", "question", "words", "sentences"}
    assert seg["sentences"][1]["sources"] == ["s1", "s2"]
    assert seg["words"] == 7 + 8 + 5
    assert set(data["source"]) == {"title", "url", "words", "sentences"}
    assert set(data["source"]["sentences"][0]) == {"id", "text", "start", "end"}


def test_json_keeps_non_ascii() -> None:
    report = make_report(headline="Café “quotes”")
    assert "Café “quotes”" in render_report(report, "json")


# --- dispatch -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "", "jsonl"])
def test_unknown_report_format_is_a_usage_error(fmt: str) -> None:
    with pytest.raises(UsageError) as info:
        render_report(make_report(), fmt)
    for choice in REPORT_FORMATS:
        assert choice in str(info.value)


def test_format_names_are_forgiving() -> None:
    report = make_report()
    assert render_report(report, " Markdown ") == render_report(report, "md")
    assert report.render("html") == render_report(report, "html")


def _audit() -> Audit:
    f = Finding("number_unsupported", "error", "“150” appears nowhere", Span("150", 9, 12, 0))
    v = SentenceVerdict(0, "At least 150 died.", 0, 18, "unsupported", (), 0.1)
    return Audit(0.1, (f,), (v,), "Some died.", "At least 150 died.")


def test_audit_json_and_unknown_format() -> None:
    data = json.loads(render_audit(_audit(), "json"))
    assert data["schema"] == "retell.audit/1" and data["consistent"] is False
    with pytest.raises(UsageError) as info:
        render_audit(_audit(), "markdown")
    for choice in AUDIT_FORMATS:
        assert choice in str(info.value)


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_audit_text_and_html_render_or_say_what_to_do(fmt: str) -> None:
    try:
        out = render_audit(_audit(), fmt)
    except RetellError as exc:  # renderer not shipped yet: a clear message, not a traceback
        assert "-f json" in str(exc)
    else:
        assert "150" in out
