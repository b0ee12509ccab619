"""A report as one standalone HTML page: inline CSS and script, no external assets.

What an editor gets: a brand/section kicker and a serif headline, one card per segment (its title,
its paragraph, the closing question set apart), and under every sentence the evidence — each
sentence carries ``data-sources="s3 s4"`` and a ``title`` listing the cited source sentences, so a
hover (or keyboard focus) shows where it came from. A small script upgrades the native tooltip to a
styled one and highlights the cited sentences in the collapsible "Source article" list; without
the script (mail clients, print) the ``title`` still works.

Every piece of article-derived text goes through :func:`html.escape`; the script only reads the DOM
and writes with ``textContent``, so no article text is ever parsed as markup.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib.resources import files

from retell.check.model import Finding
from retell.ingest.article import Article
from retell.model import Report, Segment, Written
from retell.render.report_text import clean, segment_title

__all__ = ["css", "render_html", "source_tooltip"]

# Upgrades each sentence's native title to a styled tooltip and links it to the source list.
_SCRIPT = """
(function () {
  "use strict";
  var tip = document.getElementById("retell-tip");
  if (!tip) { return; }
  function sourcesOf(el) {
    return (el.getAttribute("data-sources") || "").split(/\\s+/).filter(Boolean);
  }
  function mark(el, on) {
    el.classList.toggle("is-active", on);
    sourcesOf(el).forEach(function (id) {
      var src = document.getElementById("src-" + id);
      if (src) { src.classList.toggle("is-cited", on); }
    });
  }
  function place(x, y) {
    var pad = 8, w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.max(pad, Math.min(x - 16, window.innerWidth - w - pad));
    var top = y + 18;
    if (top + h + pad > window.innerHeight) { top = Math.max(pad, y - h - 14); }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  var active = null;
  function show(el, x, y) {
    if (active && active !== el) { hide(); }
    active = el;
    tip.replaceChildren();
    (el.getAttribute("data-tip") || "").split("\\n").forEach(function (line) {
      if (!line) { return; }
      var p = document.createElement("p"), cut = line.indexOf(": ");
      if (cut > 0) {
        var b = document.createElement("b");
        b.textContent = line.slice(0, cut);
        p.appendChild(b);
        p.appendChild(document.createTextNode(line.slice(cut + 2)));
      } else {
        p.textContent = line;
      }
      tip.appendChild(p);
    });
    tip.hidden = false;
    el.setAttribute("aria-describedby", "retell-tip");
    mark(el, true);
    place(x, y);
  }
  function hide() {
    tip.hidden = true;
    if (active) { mark(active, false); active.removeAttribute("aria-describedby"); }
    active = null;
  }
  document.querySelectorAll(".sentence[title]").forEach(function (el) {
    el.setAttribute("data-tip", el.getAttribute("title"));
    el.removeAttribute("title");
    el.addEventListener("mouseenter", function (e) { show(el, e.clientX, e.clientY); });
    el.addEventListener("mousemove", function (e) { if (active === el) { place(e.clientX, e.clientY); } });
    el.addEventListener("mouseleave", hide);
    el.addEventListener("focus", function () {
      var r = el.getClientRects()[0] || el.getBoundingClientRect();
      show(el, r.left + 16, r.bottom);
    });
    el.addEventListener("blur", hide);
    el.addEventListener("click", function () {
      var first = sourcesOf(el)[0], src = first && document.getElementById("src-" + first);
      if (!src) { return; }
      var box = document.getElementById("source");
      if (box) { box.open = true; }
      src.scrollIntoView({block: "center"});
    });
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
  // A tooltip opened by keyboard focus would float away from its sentence on scroll.
  window.addEventListener("scroll", function () {
    if (active && !active.matches(":hover")) { hide(); }
  }, {passive: true});
})();
"""


@lru_cache(maxsize=1)
def css() -> str:
    """The page's stylesheet (``report.css`` shipped next to this module)."""
    return files("retell.render").joinpath("report.css").read_text(encoding="utf-8")


def source_tooltip(article: Article, sources: tuple[str, ...]) -> str:
    """The plain-text tooltip for a sentence: one ``id: text`` line per cited source sentence."""
    if not sources:
        return "No source sentence cited"
    lines = []
    for sid in sources:
        try:
            lines.append(f"{sid}: {clean(article.sentence(sid).text)}")
        except KeyError:
            lines.append(f"{sid}: (not in the source article)")
    return "\n".join(lines)


def _attr(text: str) -> str:
    # Newlines as character references keep each tag on one line of the page source.
    return escape(text, quote=True).replace("\n", "&#10;")


def _sentence(article: Article, written: Written) -> str:
    classes = "sentence" if written.sources else "sentence unsourced"
    return (
        f'<span class="{classes}" tabindex="0" data-sources="{_attr(" ".join(written.sources))}"'
        f' data-origin="{_attr(written.origin)}" title="{_attr(source_tooltip(article, written.sources))}">'
        f"{escape(clean(written.text))}</span>"
    )


def _segment(report: Report, n: int, segment: Segment) -> str:
    body = " ".join(_sentence(report.article, w) for w in segment.sentences if clean(w.text))
    question = clean(segment.question)
    if question:
        body += f' <span class="question">{escape(question)}</span>'
    return (
        f'<li class="segment" id="segment-{n}" data-words="{segment.words}">\n'
        f'<h2 class="segment-title"><span class="segment-no">{n}</span>'
        f"<span>{escape(segment_title(report, segment))}</span></h2>\n"
        f'<p class="paragraph">{body}</p>\n'
        "</li>"
    )


def _meta(report: Report) -> str:
    words = sum(s.words for s in report.segments)
    n = len(report.segments)
    parts = [f"{n} segment{'s' if n != 1 else ''}", f"{words} words"]
    parts.append(f"{escape(report.engine)} engine")
    a = report.article
    name = escape(clean(a.title or "")) or "source article"
    url = (a.url or "").strip()
    if url.lower().startswith(("http://", "https://")):
        parts.append(f'from <a href="{_attr(url)}" rel="noopener noreferrer">{name}</a>')
    elif a.title:
        parts.append(f"from {name}")
    return " · ".join(parts)


def _findings(findings: tuple[Finding, ...]) -> str:
    if not findings:
        return ""
    items = []
    for f in findings:
        quoted = clean(f.rewrite.text)
        items.append(
            f'<li class="finding" data-severity="{_attr(f.severity)}" data-kind="{_attr(f.kind)}">'
            f'<span class="sev">{escape(f.severity)}</span>'
            f"{escape(f.message)} "
            f'<span class="kind">({escape(f.kind.replace("_", " "))})</span>'
            + (f"<q>{escape(quoted)}</q>" if quoted else "")
            + "</li>"
        )
    return (
        '<section class="notes" aria-labelledby="notes-title">\n'
        f'<h2 id="notes-title">Editor’s notes ({len(findings)})</h2>\n'
        "<ul>\n" + "\n".join(items) + "\n</ul>\n</section>"
    )


def _source(report: Report) -> str:
    a = report.article
    if not a.sentences:
        return ""
    used = {sid for seg in report.segments for w in seg.sentences for sid in w.sources}
    items = []
    previous = None
    for s in a.sentences:
        classes = ["src"]
        if s.id in used:
            classes.append("used")
        if previous is not None and s.paragraph != previous:
            classes.append("para-start")
        previous = s.paragraph
        sid = _attr(s.id)
        items.append(
            f'<li class="{" ".join(classes)}" id="src-{sid}">'
            f'<a class="src-id" href="#src-{sid}">{escape(s.id)}</a>'
            f'<span class="src-text">{escape(clean(s.text))}</span></li>'
        )
    return (
        '<details class="source" id="source">\n'
        f'<summary>Source article<span class="count">{len(a.sentences)} sentences, '
        f"{len(used)} cited</span></summary>\n"
        '<ol class="source-list">\n' + "\n".join(items) + "\n</ol>\n</details>"
    )


def render_html(report: Report, *, source: bool = True) -> str:
    """The report as a standalone HTML page.

    Args:
        report: the finished report.
        source: include the collapsible "Source article" list the sentences point into.

    Returns:
        A complete ``<!doctype html>`` document ending with a newline.
    """
    brand, section = escape(clean(report.brand)), escape(clean(report.section))
    headline = escape(clean(report.headline))
    title = " — ".join(p for p in (headline, brand) if p) or "Report"
    kicker = "".join(
        [f'<span class="brand">{brand}</span>' if brand else ""]
        + [f'<span class="section">{section}</span>' if section else ""]
    )
    segments = "\n".join(_segment(report, n, s) for n, s in enumerate(report.segments, 1))
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="generator" content="retell">',
        f"<title>{title}</title>",
        f"<style>\n{css()}</style>",
        "</head>",
        "<body>",
        '<main class="page">',
        '<header class="masthead">',
        f'<p class="kicker">{kicker}</p>' if kicker else "",
        f'<h1 class="headline">{headline}</h1>',
        f'<p class="meta">{_meta(report)}</p>',
        "</header>",
        f'<ol class="segments">\n{segments}\n</ol>',
        _findings(report.findings),
        _source(report) if source else "",
        '<p class="footer">Hover over or tab to a sentence to see the source sentences it rests on;'
        " click it to jump to them. Written by retell.</p>",
        "</main>",
        '<div class="tip" id="retell-tip" role="tooltip" hidden></div>',
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"
