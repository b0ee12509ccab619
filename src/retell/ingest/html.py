"""HTML → :class:`Article`: trafilatura finds the story; we prune what it might still let in.

trafilatura keeps the main text and drops most navigation, but news pages also carry figure
captions, newsletter sign-up boxes, cookie banners, "related stories" lists and share bars
inside or next to the article element. Those are pruned by XPath before extraction and, as a
second net, paragraphs that read like them are dropped after. The article's text is the kept
paragraphs joined by blank lines; offsets point into that text.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

from retell.errors import NoArticleError
from retell.ingest.article import Article
from retell.ingest.build import build_article
from retell.ingest.junk import is_junk

__all__ = ["extract", "from_html", "section_from_url"]

_BOX_WORDS = (
    "newsletter",
    "related",
    "cookie",
    "consent",
    "promo",
    "advert",
    "sponsor",
    "share",
    "social",
    "most-read",
    "mostread",
    "most_read",
    "recommended",
    "subscribe",
    "signup",
    "sign-up",
    "outbrain",
    "taboola",
    "read-more",
    "readmore",
    "more-stories",
    "paywall",
    "caption",
    "credit",
    "byline",
    "tags",
    "breadcrumb",
)
_PRUNE = [
    "//figure",
    "//figcaption",
    "//aside",
    "//nav",
    "//footer",
    "//form",
    "//noscript",
    "//*[@role='complementary' or @role='navigation' or @aria-hidden='true']",
    *(
        f"//*[contains(translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),"
        f"'{w}') or contains(translate(@id,'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
        f"'abcdefghijklmnopqrstuvwxyz'),'{w}')]"
        for w in _BOX_WORDS
    ),
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' ad ')]",
    "//*[starts-with(@class, 'ad-') or contains(@class, ' ad-')]",
]
_BOX_TEXT = re.compile(
    r"""\b(?:sign\s*up|subscribe)\b.{0,80}\b(?:newsletter|inbox|briefing)\b
    |\bnewsletter\b.{0,80}\b(?:sign\s*up|subscribe|inbox)\b
    |\bcookies?\b.{0,120}\b(?:accept|consent|agree|browse|preferences)\b
    |^(?:related|more|most\s+read|recommended|trending|popular)(?:\s+(?:stories|articles|reading|news|on\s+this\s+story))?\s*:?\s*$
    |^(?:advertisement|sponsored(?:\s+content)?)\b
    |\b(?:photograph|photo|image|picture)\s*:\s*\S+(?:\s*/\s*\S+)?\s*$
    |^(?:share|follow)\s+(?:this|us|on)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
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


def _extract(html: str, url: str | None, precision: bool, prune: bool = True) -> object | None:
    import trafilatura  # imported here: it takes ~0.3 s, and plain text never needs it

    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=precision,
        prune_xpath=_PRUNE if prune else None,
        deduplicate=False,
    )


def _keep(line: str, title: str | None) -> bool:
    s = line.strip()
    if not s or (title and s.casefold() == title.strip().casefold()):
        return False
    return not (_BOX_TEXT.search(s) or is_junk(s))


def extract(html: str, url: str | None = None, name: str = "") -> tuple[str, dict[str, str | None]]:
    """The article text of ``html`` (paragraphs joined by blank lines) and its metadata.

    Returns:
        ``(text, meta)`` where meta has ``title``, ``byline``, ``date``, ``section_hint``, ``url``.

    Raises:
        NoArticleError: no article body could be found in the page.
    """
    doc = _extract(html, url, precision=True)
    text = getattr(doc, "text", None) or ""
    if len(text.split()) < 40:
        # Pruning by class name can hit a site whose body container is called "share-…":
        # try again with trafilatura alone, and keep whichever found more.
        fallback = _extract(html, url, precision=False, prune=False)
        if len(getattr(fallback, "text", None) or "") > len(text):
            doc, text = fallback, getattr(fallback, "text", None) or ""
    title = getattr(doc, "title", None) or None
    paras = [ln.strip() for ln in text.split("\n") if _keep(ln, title)]
    body = "\n\n".join(paras)
    if len(body.split()) < 15 and len(body) < 150:  # characters too: CJK has no spaces
        raise NoArticleError(
            f"no article text found in {name or url or 'the HTML page'} "
            "(only navigation, links or scripts); "
            "pass the article's own page, or paste its text"
        )
    page_url = url or getattr(doc, "url", None) or None
    meta: dict[str, str | None] = {
        "title": title,
        "byline": getattr(doc, "author", None) or None,
        "date": getattr(doc, "date", None) or None,
        "section_hint": _section(html, page_url),
        "url": page_url,
    }
    return body, meta


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
