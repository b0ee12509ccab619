"""HTML → :class:`Article`: trafilatura finds the story; we prune what it might still let in.

trafilatura keeps the main text and drops most navigation, but news pages also carry figure
captions, newsletter sign-up boxes, cookie banners, "related stories" lists and share bars
inside or next to the article element. Tested on real saved pages (bench/pages.py), in order:

1. boxes are pruned by tag and by class/id words before extraction — never a box holding the
   headline or two real paragraphs, which is the story however it is labelled;
2. paragraphs are read from trafilatura's XML body (HTML whitespace collapses, ``<br>`` breaks
   lines), dropping lists of links to other stories, lines that are mostly link text, teasers
   (a linked heading and its summary) and everything after a "More stories"/"Comments" heading;
3. paragraphs that read like page furniture (:data:`retell.ingest.junk.PAGE_FURNITURE`) and a
   closing author bio go;
4. too little text: recall mode, then the JSON-LD ``articleBody``, then no pruning at all;
5. a page in another language is refused (its text, else its declared language or title
   script), and so is a site's front page.

The article's text is the kept paragraphs joined by blank lines; offsets point into that text.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from retell.errors import NoArticleError, NotEnglishError
from retell.ingest.article import Article
from retell.ingest.build import build_article
from retell.ingest.junk import (
    AUTHOR_BIO,
    BOX_CLASS_WORDS,
    END_HEADING,
    PAGE_FURNITURE,
    is_junk,
)
from retell.ingest.lang import OTHER, declared_language, detect_language

__all__ = ["extract", "from_html", "section_from_url"]

# A box that holds two or more real paragraphs of prose, or the page's headline, is the story
# (or wraps it), whatever its class says: some sites wrap the whole page in ``<form>``
# (ASP.NET) or in "ad-wallpaper", or call the body container "article-body share-tools".
# Boxes that are furniture (sign-up pitches, related links, captions, share bars) hold short
# lines. "paywall" is no box word: Condé Nast marks every body paragraph ``class="paywall"``.
_NOT_PROSE = (
    "[not(self::article or self::main or self::body or self::html)]"
    "[count(.//p[string-length(normalize-space()) > 150]) < 2]"
    "[not(.//h1 or .//article or .//main)]"  # a wrapper of the whole page ("ad-wallpaper")
)


def _has_word(attr: str, word: str) -> str:
    low = f"translate(@{attr},'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
    return f"contains({low},'{word}')"


_PRUNE = [
    "//figure",
    "//figcaption",
    "//nav",
    "//footer",
    "//noscript",
    f"//aside{_NOT_PROSE}",
    f"//form{_NOT_PROSE}",
    f"//*[@role='complementary' or @role='navigation' or @aria-hidden='true']{_NOT_PROSE}",
    # Hidden boxes: "Loading weather data ...", modal sign-up forms, off-screen menus.
    f"//*[@hidden or contains(translate(@style,' ',''),'display:none')"
    f" or contains(translate(@style,' ',''),'visibility:hidden')]{_NOT_PROSE}",
    *(f"//*[{_has_word('class', w)} or {_has_word('id', w)}]{_NOT_PROSE}" for w in BOX_CLASS_WORDS),
    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' ad ')]{_NOT_PROSE}",
    f"//*[starts-with(@class, 'ad-') or contains(@class, ' ad-')]{_NOT_PROSE}",
]
_SECTIONS = {
    "world": "World",
    "international": "World",
    "global": "World",
    "us": "US",
    "uk": "UK",
    "europe": "Europe",
    "asia": "Asia",
    "africa": "Africa",
    "americas": "Americas",
    "middleeast": "Middle East",
    "middle-east": "Middle East",
    "australia": "Australia",
    "politics": "Politics",
    "election": "Politics",
    "elections": "Politics",
    "business": "Business",
    "money": "Business",
    "economy": "Business",
    "markets": "Business",
    "finance": "Business",
    "tech": "Technology",
    "technology": "Technology",
    "science": "Science",
    "health": "Health",
    "wellness": "Health",
    "environment": "Environment",
    "climate": "Environment",
    "sport": "Sport",
    "sports": "Sport",
    "football": "Sport",
    "soccer": "Sport",
    "entertainment": "Entertainment",
    "showbiz": "Entertainment",
    "tvshowbiz": "Entertainment",
    "celebrity": "Entertainment",
    "culture": "Culture",
    "arts": "Culture",
    "books": "Culture",
    "music": "Culture",
    "film": "Culture",
    "lifestyle": "Lifestyle",
    "life": "Lifestyle",
    "style": "Lifestyle",
    "femail": "Lifestyle",
    "fashion": "Lifestyle",
    "food": "Lifestyle",
    "travel": "Travel",
    "opinion": "Opinion",
    "commentisfree": "Opinion",
    "education": "Education",
    "crime": "Crime",
}
_META_SECTION = re.compile(
    r"""<meta\b(?=[^<>]{0,500}\b(?:property|name)\s*=\s*["'](?:(?:og:)?article:section|section|og:section|parsely-section|sailthru\.section)["'])[^<>]{0,500}\bcontent\s*=\s*["']([^"']{1,60})["']""",
    re.IGNORECASE,
)
# JSON-LD: "articleSection": "World" or "articleSection": ["World", "Europe"].
_LD_SECTION = re.compile(r'"articleSection"\s*:\s*\[?\s*"([^"]{1,60})"')


def section_from_url(url: str | None) -> str | None:
    """A section name from a URL path ("/world/…" → "World"), or None."""
    if not url:
        return None
    for part in urlsplit(url).path.lower().split("/")[:4]:
        if part in _SECTIONS:
            return _SECTIONS[part]
    return None


def _section(html: str, url: str | None) -> str | None:
    head = html[:300_000]
    for rx in (_META_SECTION, _LD_SECTION):
        m = rx.search(head)
        if m and m.group(1).strip():
            return unescape(m.group(1)).strip()
    return section_from_url(url)


def _extract(html: str, url: str | None, precision: bool, prune: bool = True) -> Any:
    import trafilatura  # imported here: it takes ~0.3 s, and plain text never needs it
    from trafilatura.settings import set_date_params

    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # Links are left out: with them trafilatura 2.3 splits some paragraphs at a link and
        # drops the space after it. Link density is measured on the page's anchors instead.
        include_links=False,
        favor_precision=precision,
        prune_xpath=_PRUNE if prune else None,
        deduplicate=False,
        # No "extensive" date search: it hands odd date strings to dateparser, whose first
        # call loads every locale (3–9 s on some pages). Meta tags, JSON-LD and the URL remain.
        date_extraction_params=set_date_params(False),
    )


_TERMINAL = re.compile(r"""[.!?\u2026:;]['"\u2019\u201d)\]]*$""")
_OPENS_LINE = re.compile(r"""[A-Z0-9"'\u2018\u201c(\u2022\-\u2013\u2014*]""")
_CONTAINERS = frozenset({"quote", "div", "table", "row", "cell", "section", "article", "main"})
_SKIP = frozenset({"graphic", "fig", "figure", "note", "del"})
# A sentence's end right at an element's end: the next element's capital starts a new unit.
_GLUED = re.compile(r"""[a-z\d)][.!?]['"\u2019\u201d]?$""")
_BLOCKISH = frozenset({"cell", "row", "item", "p", "head", "quote", "list", "div"})
# Blocks that are not prose: a code listing (inline <code> inside a paragraph is kept).
_SKIP_BLOCK = _SKIP | {"code"}


_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
# A link within the page (a table of contents) or to a script is no link to another story.
_LOCAL_HREF = re.compile(r"""\bhref\s*=\s*["']?\s*(?:#|javascript:)""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _anchors(html: str) -> frozenset[str]:
    """The texts of the page's links of two to thirty words: headlines of other stories.

    One-word links ("Trump", "here") are left out: they sit inside sentences and would make a
    paragraph that merely mentions the word look like a link.
    """
    out = set()
    for m in _ANCHOR.finditer(html):
        if _LOCAL_HREF.search(m.group(1)):
            continue
        text = " ".join(unescape(_TAG.sub(" ", m.group(2))).split())
        if 2 <= text.count(" ") + 1 <= 30:
            out.add(text)
    return frozenset(out)


def _link_chars(text: str, anchors: frozenset[str]) -> int:
    """How many characters of ``text`` are the text of some link of the page (an estimate)."""
    if len(text) > 600:
        return 0  # a long paragraph is prose whatever it links
    return min(len(text), sum(len(a) for a in anchors if a in text))


# A link's label for screen readers that some sites leave visible to extractors (Reuters:
# "said in a statement, opens new tab on Tuesday").
_NEW_TAB = re.compile(r"\s*[,(]?\s*\bopens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)\b\)?", re.I)


def _source_lines(raw: str) -> list[str]:
    """The lines of one ``<br>``-delimited stretch of text, whitespace collapsed.

    A newline in the page source is mere whitespace when the lines are hard-wrapped prose
    (most stop mid-sentence: a blog's markup); trafilatura's fallback, though, marks the
    paragraphs it flattened with newlines too. As in plain text, the lines are kept apart
    when most end a sentence or one is longer than a wrap width.
    """
    if "\n" not in raw.strip():
        return [" ".join(raw.split())]
    rows = [" ".join(r.split()) for r in raw.split("\n")]
    rows = [r for r in rows if r]
    ends = sum(1 for r in rows[:-1] if _TERMINAL.search(r))
    if len(rows) > 1 and (ends >= 0.6 * (len(rows) - 1) or max(map(len, rows)) > 120):
        return rows
    return [" ".join(rows)]


def _text_of(el: Any, anchors: frozenset[str]) -> tuple[list[str], int, int]:
    """A block's paragraphs, and how many of its characters are link text and in all.

    HTML whitespace collapses (a newline in the page source is a space: some blogs hard-wrap
    their markup mid-sentence; see :func:`_source_lines`); ``<br>`` (trafilatura's ``<lb/>``)
    and table cells break lines. Two breaks in a row end a paragraph; one break ends it too
    unless the line stops mid-sentence and the next goes on in lower case (a wrapped line).
    """
    lines: list[list[str]] = [[]]

    def add(text: str | None) -> None:
        if not text:
            return
        line = lines[-1]
        if line and _GLUED.search(line[-1]) and text[:1].isupper():
            line.append(" ")  # "What's the secret?</span><span>Monday, 6 January": two units
        line.append(text)

    def visit(node: Any) -> None:
        add(node.text)
        for child in node:
            if child.tag == "lb":
                lines.append([])
            elif child.tag in _BLOCKISH:  # a table cell or nested block: a line of its own
                lines.append([])
                visit(child)
                lines.append([])
            elif isinstance(child.tag, str) and child.tag not in _SKIP:
                visit(child)
            add(child.tail)

    visit(el)
    paras: list[str] = []
    joinable = False
    for line in (ln for parts in lines for ln in _source_lines(_NEW_TAB.sub("", "".join(parts)))):
        if not line:
            joinable = False  # a blank line: the paragraph ends
            continue
        if joinable and paras and not _OPENS_LINE.match(line):
            paras[-1] += " " + line
        else:
            paras.append(line)
        joinable = not _TERMINAL.search(line)
    text = " ".join(paras)
    return paras, _link_chars(text, anchors), len(text)


def _is_link_list(items: list[tuple[list[str], int, int]]) -> bool:
    """A list of links to other stories ("More Must-Reads", "Related"): short linked items.

    Most items hold a link, links make up a good share of the text, items are headline-short
    and do not end like sentences. An article's own bulleted list of facts ends its items with
    full stops, or links little.
    """
    if not items:
        return False
    linked = sum(1 for _, link, _ in items if link)
    link_chars = sum(link for _, link, _ in items)
    all_chars = sum(total for _, _, total in items) or 1
    words = sum(len(" ".join(p).split()) for p, _, _ in items) / len(items)
    sentences = sum(1 for p, _, _ in items if p and _TERMINAL.search(p[-1]) and p[-1][-1] != "?")
    return (
        linked >= 0.5 * len(items)
        and link_chars >= 0.3 * all_chars
        and words <= 20
        and sentences <= 0.3 * len(items)
    )


def _blocks(body: Any, anchors: frozenset[str]) -> list[str]:
    """The paragraphs of trafilatura's XML body; link lists and teasers left out.

    Left out: lists of links to other stories (and their heading), lines that are mostly
    link text ("Read more: …"), and a teaser — a heading that links elsewhere plus the short
    summary under it ("Fraser's lasting legacy / MALCOLM Fraser — an effective …").
    """
    out: list[str] = []
    teaser = [False]  # the last block was a linked heading: a short paragraph under it goes too
    glue = [False]  # a stray word between paragraphs: the sentence it belongs to goes on after

    def children(el: Any) -> None:
        # trafilatura 2.3 sometimes lifts a link's words out of their paragraph, leaving them
        # as the tail of the closed <p> ("The project was </p>announced<p> with fanfare"):
        # such a tail and the paragraph after it are glued back onto the sentence they cut.
        for child in el:
            walk(child)
            tail = " ".join((child.tail or "").split())
            if tail and out and not _TERMINAL.search(out[-1]):
                out[-1] += " " + tail
                glue[0] = True

    def walk(el: Any) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP_BLOCK:
            return
        if tag == "list":
            teaser[0] = False
            items = [_text_of(it, anchors) for it in el if it.tag == "item"]
            if _is_link_list(items):
                if out and len(out[-1].split()) <= 12 and not _TERMINAL.search(out[-1]):
                    out.pop()  # the list's own heading ("More Must-Reads From TIME")
                return
            for child in el:
                if child.tag == "list":
                    walk(child)
                elif isinstance(child.tag, str):
                    out.extend(_text_of(child, anchors)[0])
            return
        if tag in _CONTAINERS and any(
            isinstance(c.tag, str) and c.tag in ("p", "list", "head", "quote") for c in el
        ):
            children(el)
            return
        paras, link, total = _text_of(el, anchors)
        words = len(" ".join(paras).split())
        if total and link >= 0.6 * total and words < 60:
            # A linked h2–h6 heads a teaser; the page's own h1 often links to itself.
            teaser[0] = tag == "head" and el.get("rend") != "h1"
            return  # "Read more: …", a headline linking elsewhere
        if teaser[0] and tag == "p" and words < 60:
            teaser[0] = False
            return
        teaser[0] = False
        if glue[0] and paras and out and paras[0][:1].islower():
            out[-1] += " " + paras.pop(0)
        glue[0] = False
        out.extend(paras)

    children(body)
    return _cut_at_end_heading(out)


def _cut_at_end_heading(paras: list[str]) -> list[str]:
    """Everything from a "More stories" / "Comments" / "Featured slide shows" heading on, cut.

    Only a short line past the first 40% of the text counts: an early "Latest developments"
    subhead in a live story is not the end of it.
    """
    total = sum(len(p.split()) for p in paras)
    seen = 0
    for i, p in enumerate(paras):
        n = len(p.split())
        line = p.strip().rstrip(":").strip()
        if seen >= 0.4 * total and n <= 8 and END_HEADING.fullmatch(line):
            return paras[:i]
        seen += n
    return paras


def _keep(line: str, title: str | None) -> bool:
    s = line.strip()
    if not s or (title and s.casefold() == title.strip().casefold()):
        return False
    if s.endswith(":") and len(s.split()) <= 4:
        return False  # a label ("Episode Description:", "Wrap Up:") whose content went
    return not (PAGE_FURNITURE.search(s) or is_junk(s))


def _without_bio(paras: list[str]) -> list[str]:
    """The paragraphs less an author's bio among the last three (short, "X is a … reporter")."""
    n = len(paras)
    return [
        p
        for i, p in enumerate(paras)
        if not (i >= n - 3 and len(p.split()) < 60 and AUTHOR_BIO.match(p))
    ]


def _paragraphs(doc: Any, anchors: frozenset[str]) -> list[str]:
    """The document's paragraphs: from its XML body when there is one, else from its text."""
    body = getattr(doc, "body", None)
    if body is not None and len(body):
        return _blocks(body, anchors)
    return (getattr(doc, "text", None) or "").split("\n")


def _words(paras: list[str]) -> int:
    return sum(len(p.split()) for p in paras)


def _story_size(paras: list[str], doc: Any) -> int:
    """About how many words of story ``paras`` hold once furniture is dropped (unspaced text:
    characters / 7, so a Chinese page is not taken for an empty one)."""
    title = getattr(doc, "title", None)
    kept = [p for p in paras if _keep(p, title)]
    return max(_words(kept), sum(len(p) for p in kept) // 7)


def extract(html: str, url: str | None = None, name: str = "") -> tuple[str, dict[str, str | None]]:
    """The article text of ``html`` (paragraphs joined by blank lines) and its metadata.

    Returns:
        ``(text, meta)`` where meta has ``title``, ``byline``, ``date``, ``section_hint``, ``url``.

    Raises:
        NoArticleError: no article body could be found in the page.
        NotEnglishError: the page is in another language (its text, or its declared language
            when the text says too little).
    """
    doc = _extract(html, url, precision=True)
    anchors = _anchors(html)
    paras = _paragraphs(doc, anchors)
    # Too little text: try, in turn, trafilatura in recall mode; the JSON-LD articleBody (a
    # page whose story is drawn by scripts still states it for search engines); and, last,
    # trafilatura without our pruning, for a page built so oddly that pruning hit its story.
    for attempt in ("recall", "json-ld", "unpruned"):
        size = _story_size(paras, doc)
        if size >= 40:
            break
        if attempt == "json-ld":
            paras = _ld_article_body(html) or paras
            continue
        fallback = _extract(html, url, precision=False, prune=attempt == "recall")
        more = _paragraphs(fallback, anchors)
        if _story_size(more, fallback) > size:
            doc, paras = fallback, more
    title = _clean_title(getattr(doc, "title", None) or None, html, doc)
    kept = _without_bio([p.strip() for p in paras if _keep(p, title)])
    body = "\n\n".join(kept)
    label = name or url or "the HTML page"
    _check_language(html, body, title, label)
    if len(body.split()) < 15 and len(body) < 150:  # characters too: CJK has no spaces
        raise NoArticleError(
            f"no article text found in {label} "
            "(only navigation, links or scripts); "
            "pass the article's own page, or paste its text"
        )
    page_url = url or getattr(doc, "url", None) or None
    if _front_page(page_url, getattr(doc, "pagetype", None)):
        raise NoArticleError(
            f"{label} is a site's front page ({page_url}), a list of many stories, not one "
            "article; pass the address of the article's own page"
        )
    meta: dict[str, str | None] = {
        "title": title,
        "byline": getattr(doc, "author", None) or None,
        "date": getattr(doc, "date", None) or None,
        "section_hint": _section(html, page_url),
        "url": page_url,
    }
    return body, meta


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_SEP = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00b7|\u00bb|/)\s+")


def _clean_title(title: str | None, html: str, doc: Any) -> str | None:
    """The page title without the site's name: "How to Build a Terrarium | eHow" → "How to…".

    The page's own headline (an ``<h1>`` whose text the title contains) wins, as it does in
    "LinkNaija | Nigeria's popular news platform: Nollywood Actress…". Otherwise a first or
    last " | " / " - " part that names the site (its ``og:site_name`` or host name) goes.
    """
    if not title:
        return title
    title = " ".join(title.split())
    folded = title.casefold()
    for m in _H1.finditer(html, 0, 1_000_000):
        h1 = " ".join(unescape(_TAG.sub(" ", m.group(1))).split())
        if len(h1.split()) >= 3 and len(h1) < len(title) and h1.casefold() in folded:
            return h1
    site = {
        " ".join(str(v).split()).casefold()
        for v in (getattr(doc, "sitename", None), getattr(doc, "hostname", None))
        if v
    }
    site |= {h.removeprefix("www.").split(".")[0] for h in site if "." in h}
    parts = _TITLE_SEP.split(title)
    if len(parts) < 2 or not site:
        return title

    def is_site(part: str) -> bool:
        p = part.casefold().strip()
        squeezed = p.replace(" ", "")
        return any(p == s or squeezed == s.replace(" ", "") for s in site)

    seps = _TITLE_SEP.findall(title)
    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return out


_LD_JSON = re.compile(
    r"<script\b[^>]*application/ld\+json[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)


def _ld_article_body(html: str) -> list[str]:
    """The paragraphs of the longest JSON-LD ``articleBody`` of the page (40 words or more)."""
    import json

    best = ""
    stack: list[Any] = []
    for m in _LD_JSON.finditer(html):
        try:
            stack.append(json.loads(m.group(1), strict=False))
        except ValueError:
            continue
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            body = node.get("articleBody")
            if isinstance(body, str) and len(body) > len(best):
                best = body
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    text = unescape(_TAG.sub(" ", best))
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*", text)]
    paras = [p for p in paras if p]
    return paras if _words(paras) >= 40 else []


def _front_page(url: str | None, pagetype: str | None) -> bool:
    """Whether the page is a site's front page: its address has no path and it is no article.

    A front page's text is a column of teasers of unrelated stories; a report on it would
    splice them together. Both signals are asked for, since some sites give every page the
    site's root as ``og:url``, and some articles call themselves ``og:type=website``.
    """
    if not url or (pagetype or "").lower() == "article":
        return False
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.path in ("", "/") and not parts.query


def _check_language(html: str, body: str, title: str | None, label: str) -> None:
    """Refuse a page in another language, by its text, else by what the page declares.

    The text decides when it is clear and long (an English edition of a foreign site is
    English). When it is not — a short or empty extraction, a page that is mostly names, a
    few English lines (a cookie banner) left from a Chinese page — the page's declared
    language (``<html lang>``, ``og:locale``, Content-Language) or its title's script decides.
    """
    lang = detect_language(body, unknown=True)
    if lang in (None, OTHER) or (lang == "English" and len(body.split()) < 150):
        page = declared_language(html) or detect_language(title or "")
        if lang in (None, OTHER) or (page is not None and page != "English"):
            # "French" rather than "another language" when the page says so; and a page that
            # says it is English is, when its text is only unlike any language we know (a
            # table of results, a list of names).
            lang = page if page is not None or lang is None else lang
    if lang is not None and lang != "English":
        raise NotEnglishError(
            f"{label} looks like {lang}, not English; retell only handles English articles "
            "(translate it first)"
        )


def from_html(
    html: str, url: str | None = None, *, title: str | None = None, name: str = ""
) -> Article:
    """Build an article from an HTML page; offsets point into the extracted text.

    Raises:
        NoArticleError: no article body in the page.
        NotEnglishError: the article is in another language.
        EmptyInputError: nothing but boilerplate is left after extraction.
    """
    body, meta = extract(html, url, name)
    return build_article(
        body,
        title=title or meta["title"],
        url=meta["url"],
        byline=meta["byline"],
        date=meta["date"],
        section_hint=meta["section_hint"],
        detect_title=meta["title"] is None and title is None,
        name=name or url or "the HTML page",
    )
