"""Audit renderers: text grouped by sentence (colour only on request), HTML escaped and standalone."""

from __future__ import annotations

from retell.check import audit_texts
from retell.render.audit_html import render_html
from retell.render.audit_text import render_text

SOURCE = "The mayor said 120 people attended the meeting on Monday."
REWRITE = "The mayor said 150 people <b>attended</b> the meeting on Monday. Who cares?"


def test_text_groups_findings_by_sentence() -> None:
    a = audit_texts(SOURCE, REWRITE)
    out = render_text(a, color=False)
    assert "NOT consistent" in out and "number_changed" in out or "number_unsupported" in out
    assert "\033[" not in out
    assert "[0]" in out
    assert "\033[" in render_text(a, color=True)


def test_html_escapes_and_explains() -> None:
    a = audit_texts(SOURCE, REWRITE)
    page = render_html(a)
    assert page.startswith("<!DOCTYPE html>")
    assert "<b>attended</b>" not in page and "&lt;b&gt;attended&lt;/b&gt;" in page
    assert 'class="f error"' in page and "title=" in page
    assert "120 people attended the meeting" in page  # the source sentence in the tooltip
    assert "<script" not in page


def test_clean_audit_renders() -> None:
    a = audit_texts(SOURCE, SOURCE)
    assert "No findings." in render_text(a, color=False)
    assert "Consistent" in render_html(a)
