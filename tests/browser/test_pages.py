"""The HTML pages in a real browser: Debian's Chromium driven by Playwright.

Why a browser and not only string checks: the page's promise to an editor is behaviour — hover a
sentence and see the source sentences it rests on, read it on a phone, in dark mode, printed — and
only a browser can say whether the CSS and the small script deliver it.

Run with ``pytest -m browser tests/browser``; ``scripts/install_browser.sh`` installs Chromium.
Set ``RETELL_SCREENSHOT_DIR`` to keep copies of the screenshots for a human to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from retell.check.model import Audit, Finding, SentenceVerdict, Span
from retell.ingest import from_text
from retell.model import Report, Segment, Written
from retell.render import render_audit, render_report

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
FIXTURES = Path(__file__).parent.parent / "fixtures"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=f"{CHROMIUM} is missing: run scripts/install_browser.sh (Debian's chromium)",
    ),
]

QUESTIONS = (
    "How does an army keep order this way?",
    "What happens to those who refuse?",
    "Who counts the deserters?",
    "What does the toll say about the war?",
    "Who answers for the abuse?",
    "Will the videos change anything?",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors and uncaught exceptions in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    p = context.new_page()
    errors: list[str] = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.errors = errors
    yield p
    context.close()


def seed_report() -> Report:
    """Six segments of three consecutive seed sentences each, every one citing itself."""
    article = from_text((FIXTURES / "seed_article.txt").read_text(encoding="utf-8"))
    headline = "Desertion and Defiance: <The Fate> of Russian Soldiers Who Disobey Orders"
    segments = []
    for n, question in enumerate(QUESTIONS):
        sents = article.sentences[n * 3 : n * 3 + 3]
        written = tuple(Written(s.text, (s.id,)) for s in sents)
        segments.append(Segment(headline, written, question))
    warning = Finding(
        "hedge_dropped",
        "warning",
        "“about” in the source was dropped",
        Span(article.sentences[1].text[:40], 0, 40, 1),
    )
    return Report(
        "extractive",
        "Metro Report",
        "World News",
        headline,
        tuple(segments),
        article,
        (warning,),
    )


def _open(page: Any, html: str, path: Path) -> None:
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())


def _keep(shot: Path) -> None:
    keep = os.environ.get("RETELL_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)


def test_report_page_segments_questions_and_source_tooltips(page: Any, tmp_path: Path) -> None:
    report = seed_report()
    _open(page, render_report(report, "html"), tmp_path / "report.html")

    assert page.title().startswith("Desertion and Defiance: <The Fate>")
    segments = page.locator("li.segment")
    assert segments.count() == 6
    for i in range(6):
        assert segments.nth(i).is_visible()
    questions = page.locator(".segment .question")
    assert questions.all_inner_texts() == list(QUESTIONS)

    tip = page.locator("#retell-tip")
    assert tip.is_hidden()
    sentence = page.locator(".segment .sentence").nth(4)
    cited = sentence.get_attribute("data-sources")
    assert cited == report.segments[1].sentences[1].sources[0]
    source_text = report.article.sentence(cited).text
    sentence.hover()
    assert tip.is_visible()
    assert source_text[:60] in tip.inner_text()
    assert cited in tip.inner_text()
    # the cited sentence lights up in the source list, and un-lights when the pointer leaves
    assert "is-cited" in (page.locator(f"#src-{cited}").get_attribute("class") or "")
    page.mouse.move(1, 1)
    assert tip.is_hidden()
    assert "is-cited" not in (page.locator(f"#src-{cited}").get_attribute("class") or "")

    # a click opens the source article at the cited sentence
    assert page.locator("details.source").get_attribute("open") is None
    sentence.click()
    assert page.locator("details.source").get_attribute("open") is not None
    assert page.locator(f"#src-{cited}").is_visible()

    assert page.locator(".notes .finding").count() == 1
    assert page.errors == []
    shot = tmp_path / "report.png"
    page.mouse.move(1, 1)
    page.evaluate("window.scrollTo(0, 0)")
    sentence.hover()
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    _keep(shot)


def test_report_sentence_tooltip_by_keyboard_and_without_script(
    browser: Any, tmp_path: Path
) -> None:
    html = render_report(seed_report(), "html")
    context = browser.new_context(java_script_enabled=False)
    try:
        p = context.new_page()
        _open(p, html, tmp_path / "nojs.html")
        # without the script the native tooltip (title) carries the source sentence
        title = p.locator(".sentence").first.get_attribute("title") or ""
        assert title.startswith("s1: ")
    finally:
        context.close()

    context = browser.new_context()
    try:
        p = context.new_page()
        _open(p, html, tmp_path / "keys.html")
        p.keyboard.press("Tab")
        assert p.evaluate("document.activeElement.classList.contains('sentence')")
        assert p.locator("#retell-tip").is_visible()
        assert p.locator("#retell-tip").inner_text().startswith("s1")
        p.keyboard.press("Escape")
        assert p.locator("#retell-tip").is_hidden()
    finally:
        context.close()


def test_report_page_on_a_phone_in_dark_mode(browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, color_scheme="dark", device_scale_factor=2
    )
    try:
        p = context.new_page()
        _open(p, render_report(seed_report(), "html"), tmp_path / "phone.html")
        # nothing wider than the screen: no sideways scrolling
        assert p.evaluate("document.documentElement.scrollWidth") <= 375
        background = p.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(18, 19, 21)"
        shot = tmp_path / "report-phone-dark.png"
        p.screenshot(path=str(shot))
        _keep(shot)
    finally:
        context.close()


def test_report_page_prints_without_screen_chrome(page: Any, tmp_path: Path) -> None:
    _open(page, render_report(seed_report(), "html"), tmp_path / "print.html")
    page.emulate_media(media="print")
    assert page.locator(".footer").is_hidden()
    assert page.locator("li.segment").first.is_visible()
    pdf = page.pdf(path=str(tmp_path / "report.pdf"))
    assert pdf[:4] == b"%PDF"


def _audit() -> Audit:
    source = "About 50 soldiers deserted in May, officials said."
    rewrite = "At least 150 soldiers deserted in May. What does that say?"
    cut = rewrite.index(" What")
    number = Finding(
        "number_unsupported",
        "error",
        "“150” appears nowhere in the source",
        Span("150", 9, 12, 0),
        None,
    )
    hedge = Finding(
        "hedge_dropped",
        "warning",
        "the source says “about 50”",
        Span("At least 150 soldiers", 0, 21, 0),
        Span("About 50 soldiers", 0, 17, 0),
    )
    verdicts = (
        SentenceVerdict(0, rewrite[:cut], 0, cut, "unsupported", (), 0.2),
        SentenceVerdict(1, rewrite[cut + 1 :], cut + 1, len(rewrite), "opinion", (), 0.0),
    )
    return Audit(0.2, (number, hedge), verdicts, source, rewrite)


HIGHLIGHT = "mark, [data-kind], .f.error, .f.warning, .f.info"


def test_audit_page_highlights_and_explains_findings(page: Any, tmp_path: Path) -> None:
    pytest.importorskip("retell.render.audit_html", reason="audit_html is not written yet")
    audit = _audit()
    _open(page, render_audit(audit, "html"), tmp_path / "audit.html")
    assert page.errors == []
    # audit_html marks a span as <span class="f error|warning|info">; <mark> or data-kind would do too
    marks = page.locator(HIGHLIGHT)
    assert marks.count() >= 1, "the audit page highlights no span"
    message = audit.findings[0].message
    target = marks.filter(has_text="150").first
    assert page.locator("[role=tooltip]:visible").count() == 0
    target.hover()
    title = target.evaluate(
        "el => { for (; el; el = el.parentElement) { if (el.title) return el.title; } return ''; }"
    )
    tooltips = page.locator("[role=tooltip]:visible")
    shown = title + " ".join(tooltips.all_inner_texts())
    assert message in shown, "hovering the highlighted span does not show its finding"
    shot = tmp_path / "audit.png"
    page.screenshot(path=str(shot), full_page=True)
    _keep(shot)
