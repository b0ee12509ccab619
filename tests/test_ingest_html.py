"""HTML pages that imitate real news sites: the story comes through, the furniture does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from retell.errors import NoArticleError, NotEnglishError
from retell.ingest import from_html, from_text, load
from retell.ingest.html import section_from_url

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# Text that sits on the pages but is not the story.
WORLD_FURNITURE = [
    "We use cookies",
    "Accept cookies",
    "Technology coverage hub",
    "ADVERTISEMENT",
    "Refinance your mortgage",
    "Residents wade through",
    "Photograph: Jane Doe",
    "Sign up for our newsletter",
    "Morning Briefing",
    "Sponsored",
    "rain jackets",
    "Soldiers fill sandbags",
    "Related stories",
    "Last summer's drought",
    "Storm season brings",
    "Share this article",
    "Most read",
    "Celebrity wedding",
    "boost your pension",
    "Copyright 2025",
    "Contact the newsroom",
    "AD-SCRIPT-TEXT",
    "Environment correspondent",
]
WORLD_BODY = [
    "More than 12,000 people were forced from their homes on Thursday",
    "the water had reached 4.2 metres at the main gauge",
    "We have never seen the water rise this quickly",
    "up to 80 millimetres more rain could fall over the weekend",
    "Insurance companies estimate the damage at roughly 150 million euros",
]


def test_world_page_body_and_metadata() -> None:
    art = from_html(page("news_world.html"))
    for phrase in WORLD_BODY:
        assert phrase in art.text, phrase
    for junk in WORLD_FURNITURE:
        assert junk.lower() not in art.text.lower(), junk
    assert art.title == "Floods force thousands from homes in river valley"
    assert not any(s.text == art.title for s in art.sentences)
    assert art.byline == "Maria Lopez"
    assert art.date == "2025-03-14"
    assert art.section_hint == "World"
    assert art.url == "https://www.dailyledger.example/world/2025/03/14/floods-river-valley"
    assert len(art.paragraphs) == 5
    assert len(art.sentences) == 8
    # Paragraphs are separated by blank lines and offsets point into Article.text.
    assert art.text.count("\n\n") == 4
    for s in art.sentences:
        assert art.text[s.start : s.end] == s.text


POLITICS_FURNITURE = [
    "cookie",
    "Weather",
    "Download our app",
    "Sign up to our free daily newsletter",
    "Picture: Northtown News",
    "Councillors debating",
    "Read more",
    "Campaigners vow",
    "Share this story",
    "WhatsApp",
    "More from Politics",
    "second term in office",
    "Parking charges",
    "Regional Media Limited",
]


def test_politics_page_with_div_layout() -> None:
    html = page("news_politics.html")
    art = from_html(html, "https://northtown.example/politics/2025/budget-vote")
    assert "approved its budget for next year shortly before midnight" in art.text
    assert "Residents in a typical band D home will pay about 85 pounds more" in art.text
    assert '"painful but unavoidable"' in art.text
    for junk in POLITICS_FURNITURE:
        assert junk.lower() not in art.text.lower(), junk
    assert art.title == "Council approves new budget after late-night vote"
    assert art.section_hint == "Politics"  # from the URL: the page has no section meta
    assert len(art.sentences) == 7


def test_html_recognised_by_content() -> None:
    art = from_text(page("news_world.html"))
    assert art.title == "Floods force thousands from homes in river valley"
    assert len(art.sentences) == 8


def test_load_html_file() -> None:
    art = load(str(FIXTURES / "news_world.html"))
    assert art.section_hint == "World" and len(art.sentences) == 8


def test_no_article() -> None:
    with pytest.raises(NoArticleError):
        from_html(page("nav_only.html"))
    with pytest.raises(NoArticleError):
        from_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")


@pytest.mark.parametrize(
    ("name", "lang"), [("news_german.html", "German"), ("news_chinese.html", "Chinese")]
)
def test_foreign_pages(name: str, lang: str) -> None:
    with pytest.raises(NotEnglishError) as err:
        load(str(FIXTURES / name))
    assert lang in str(err.value)


@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("https://www.bbc.example/news/world/europe-123", "World"),
        ("https://x.example/politics/2025/01/a-story", "Politics"),
        ("https://x.example/business/markets/a", "Business"),
        ("https://x.example/tech/ai-news", "Technology"),
        ("https://x.example/science/space", "Science"),
        ("https://x.example/health/flu", "Health"),
        ("https://x.example/sport/football/x", "Sport"),
        ("https://x.example/entertainment/films", "Entertainment"),
        ("https://x.example/lifestyle/food", "Lifestyle"),
        ("https://x.example/2025/01/02/a-story", None),
        (None, None),
    ],
)
def test_section_from_url(url: str | None, section: str | None) -> None:
    assert section_from_url(url) == section


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:article:section" content="Media Industry "/>',
        '<meta content="Media Industry" name="article:section">',
        '<script type="application/ld+json">{"@type":"NewsArticle","articleSection":["Media Industry"]}</script>',
    ],
)
def test_section_from_meta_variants(head: str) -> None:
    html = page("news_politics.html").replace("<head>", "<head>" + head, 1)
    art = from_html(html, "https://northtown.example/politics/2025/budget-vote")
    assert art.section_hint == "Media Industry"
