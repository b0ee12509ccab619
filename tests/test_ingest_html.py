"""HTML pages that imitate real news sites: the story comes through, the furniture does not."""

from __future__ import annotations

import json
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


# Small pages built to isolate one mechanism each; the real pages are in test_ingest_pages.py.
STORY = [
    "The regional council approved a new flood barrier for the harbour district on Tuesday "
    "after a debate that lasted more than four hours, officials said.",
    "The barrier will cost about 40 million pounds and should be finished by the spring of "
    "2027, according to the council's engineering report published last week.",
    "Residents who lost homes in last winter's storm had campaigned for the project for two "
    "years, and many of them watched the vote from the public gallery.",
    "Opponents argued that the money would be better spent on moving families away from the "
    "shore, but their amendment was defeated in the end by nine votes to four.",
]


def story_page(
    body: str, head: str = "", url: str = "https://news.example/world/2025/barrier"
) -> str:
    return (
        f"<html lang='en'><head><title>Council backs flood barrier</title>{head}"
        f"<meta property='og:url' content='{url}'></head><body><article>"
        f"<h1>Council backs flood barrier</h1>{body}</article></body></html>"
    )


def paras(cls: str = "") -> str:
    attr = f" class='{cls}'" if cls else ""
    return "".join(f"<p{attr}>{s}</p>" for s in STORY)


def test_body_paragraphs_with_a_box_word_in_their_class_are_kept() -> None:
    """Condé Nast: <p class="paywall"> on every paragraph after the lead; a body container
    called "share-tools". Pruning them by class name kept only the lead."""
    lead = "".join(f"<p>{s}</p>" for s in STORY[:2])
    rest = "".join(f"<p class='paywall'>{s}</p>" for s in STORY[2:])
    assert len(from_html(story_page(lead + rest)).sentences) == 4
    art = from_html(story_page(f"<div class='article-body share-tools'>{paras()}</div>"))
    assert len(art.sentences) == 4


def test_hidden_boxes_are_dropped() -> None:
    hidden = (
        "<div style='visibility: hidden'><p>Loading weather data for your area right now.</p></div>"
    )
    art = from_html(story_page(paras() + hidden))
    assert "Loading weather" not in art.text


def test_markup_wrapped_mid_sentence_is_one_sentence() -> None:
    wrapped = STORY[0].replace(" for the ", "\nfor the ").replace(" after a ", " after\na ")
    art = from_html(story_page(f"<p>{wrapped}</p>" + paras()[len(f"<p>{STORY[0]}</p>") :]))
    assert art.sentences[0].text == STORY[0]


def test_a_list_of_links_to_other_stories_is_dropped() -> None:
    links = "".join(
        f"<li><a href='/s/{i}'>{t}</a></li>"
        for i, t in enumerate(
            ["Storm damage costs rise", "Harbour reopens to ferries", "Mayor quits"]
        )
    )
    art = from_html(story_page(paras() + f"<h2>More Must-Reads</h2><ul>{links}</ul>"))
    for junk in ("More Must-Reads", "Storm damage", "Harbour reopens", "Mayor quits"):
        assert junk not in art.text


def test_a_teaser_and_what_follows_an_end_heading_are_dropped() -> None:
    teaser = (
        "<h2>Other Opinion Columns</h2><h4><a href='/op/1'>Why the barrier is not enough</a></h4>"
        "<p>THE council has once again chosen concrete over common sense, and the bill will "
        "land on the next generation.</p>"
    )
    art = from_html(story_page(paras() + teaser))
    assert "Other Opinion" not in art.text and "concrete over common sense" not in art.text
    assert len(art.sentences) == 4


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Jane Doe; Editing by John Smith",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Topics: floods, councils, harbour",
        "Originally published at example.com on March 2, 2025.",
        "Image caption, Residents watched the vote from the gallery",
        "Sign up for our morning briefing and get the news in your inbox",
        "Advertisement",
        "Loading Comments...",
        "Illustration by Mike Nudelman",
        "Contributing: Liz Szabo, Michael Winter, Associated Press.",
        "Jemele Hill can be reached at jemele@example.com.",
        "Follow Jefferson Graham on Twitter.",
        '"Questions? Comments? Email us at',
        "Episode Description:",
        "(Corrects 10th paragraph to show the Wii is from Nintendo, not Sony.)",
        "Updated 3:52 PM EDT, Mon November 6, 2023",
        "Associated Press writers Jane Doe in Paris and John Roe contributed to this report.",
        "Follow AP's coverage of the floods at https://apnews.example/hub/floods",
        "after newsletter promotion",
        "Credit...Jane Doe for The Harbour Times",
        "Share full article",
        "Join our commenting forum",
        "(Credit: Clayton Aldern / Grist)",
        "What do you think? Let us know down below in the comments.",
        "Update July 3rd, 8:05AM ET: Added ARKit explanation and tweet.",
        "Residents watch the vote from the gallery on Tuesday. (Photo by Jane Doe/Getty Images)",
        "Residents watch the vote from the gallery on Tuesday. Jane Doe/AFP via Getty Images",
        "Already a subscriber? Log in",
        "You have 2 free articles remaining this month.",
        "Download our free app for iOS and Android",
        "ALSO READ | Floods hit the valley again",
        "RELATED STORY: Council votes on barrier",
        "WATCH: Moment the dam burst",
        "We and our 842 partners store and/or access information on a device, such as cookies "
        "and process personal data, such as unique identifiers and standard information.",
        "Skip to main content",
        "Share on Facebook",
    ],
)
def test_furniture_lines_are_dropped(line: str) -> None:
    art = from_html(story_page(paras() + f"<p>{line}</p>"))
    assert line[:20] not in art.text


def test_topics_in_a_sentence_are_kept() -> None:
    line = "Topics like drainage and insurance were barely mentioned in the debate, residents said."
    art = from_html(story_page(paras() + f"<p>{line}</p>"))
    assert line in art.text


def test_front_page_is_refused() -> None:
    html = story_page(
        paras(), head="<meta property='og:type' content='website'>", url="https://news.example/"
    )
    with pytest.raises(NoArticleError) as err:
        from_html(html)
    assert "front page" in str(err.value)
    # An article at a deep address, or one that says it is an article, is not a front page.
    assert from_html(
        story_page(
            paras(), head="<meta property='og:type' content='article'>", url="https://news.example/"
        )
    )


def test_declared_language_decides_when_the_text_is_too_short() -> None:
    html = (
        "<html lang='de'><head><title>Hochwasser</title></head><body><article>"
        "<p>Berlin, Hamburg, München, Köln: Pegelstände 4,2 m, 3,9 m, 2,1 m, 1,8 m (Stand 14 Uhr).</p>"
        "</article></body></html>"
    )
    with pytest.raises(NotEnglishError) as err:
        from_html(html)
    assert "German" in str(err.value)


def test_title_without_the_site_name() -> None:
    html = story_page(paras()).replace(
        "<title>Council backs flood barrier</title>",
        "<title>Council backs flood barrier | Harbour Times</title>"
        "<meta property='og:site_name' content='Harbour Times'>",
    )
    assert from_html(html).title == "Council backs flood barrier"


def test_an_author_bio_closing_the_page_is_dropped() -> None:
    bio = "Shahien Nasiripour is the business reporter for the Harbour Times."
    art = from_html(story_page(paras() + f"<p>{bio}</p>"))
    assert "Nasiripour" not in art.text and len(art.sentences) == 4


def test_words_lifted_out_of_a_paragraph_are_glued_back() -> None:
    """trafilatura 2.3 can leave a link's words as the tail of a closed <p>."""
    from lxml import etree

    from retell.ingest.html import _blocks

    body = etree.fromstring(
        "<body><p>Closing words.</p><p>The LibreOffice project was </p>announced"
        "<p> with great fanfare in September 2010.</p><p>Next paragraph.</p></body>"
    )
    assert _blocks(body, frozenset()) == [
        "Closing words.",
        "The LibreOffice project was announced with great fanfare in September 2010.",
        "Next paragraph.",
    ]


def test_screen_reader_labels_do_not_reach_the_text() -> None:
    """Reuters: links carry ", opens new tab"; BBC: "Image source, " for screen readers."""
    lead = (
        "The council said in a <a href='https://x.example/r'>statement<span>, opens new tab</span>"
        "</a> on Tuesday that the barrier would be finished by the spring of 2027 at the latest."
    )
    hidden = "<p><span class='visually-hidden'>Image source, </span>Harbour Times archive</p>"
    art = from_html(story_page(f"<p>{lead}</p>{hidden}" + paras()))
    assert "opens new tab" not in art.text and "Image source" not in art.text
    assert "said in a statement on Tuesday that the barrier" in art.text


def test_sentences_that_merely_start_like_furniture_are_kept() -> None:
    lines = [
        "Published figures show that the harbour district flooded eleven times in 2023.",
        "Updated guidance was issued on Monday by the environment agency in 2023.",
    ]
    art = from_html(story_page(paras() + "".join(f"<p>{x}</p>" for x in lines)))
    for line in lines:
        assert line in art.text


def test_a_few_english_lines_left_from_a_chinese_page_do_not_make_it_english() -> None:
    html = (
        "<html lang='zh-CN'><head><title>香港立法会选举投票率创新低</title></head><body><article>"
        "<p>Download our news app today and get the latest stories, videos and live coverage "
        "delivered to your phone wherever you are in the world.</p></article></body></html>"
    )
    with pytest.raises(NotEnglishError) as err:
        from_html(html)
    assert "Chinese" in str(err.value)


def test_a_story_drawn_by_scripts_comes_from_its_json_ld() -> None:
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": "\n".join(STORY)}
    )
    html = (
        "<html lang='en'><head><title>Council backs flood barrier</title>"
        f"<script type='application/ld+json'>{ld}</script></head>"
        "<body><div id='root'></div><script>render()</script></body></html>"
    )
    art = from_html(html)
    assert [s.text for s in art.sentences] == STORY


def test_embedded_posts_and_next_post_thumbnails_are_dropped() -> None:
    tweet = (
        "<blockquote class='twitter-tweet'><p>Notice the warping of the line across both the "
        "eyes and nose. pic.twitter.com/U7PMa4oNGN</p>&mdash; Dave (@dave) July 2, 2019"
        "</blockquote>"
    )
    thumbs = (
        "<div id='next-post-thumbnails'><div class='nextstory'><h2><a href='/2019/x'>Patti "
        "Smith joins the choir</a></h2><p>The good folks at the choir are still doing their "
        "thing, and now they have included two famous guests in a new video.</p></div></div>"
    )
    art = from_html(story_page(paras() + tweet) + thumbs)
    assert "warping" not in art.text and "good folks" not in art.text
    assert len(art.sentences) == 4


def test_a_subhead_late_in_the_story_does_not_end_it() -> None:
    """ "Recent developments" is a subhead; "Related stories" would end the page."""
    body = (
        paras()
        + "<h2>Recent developments</h2><p>Engineers began surveying the harbour wall on Wednesday, the council said.</p>"
    )
    art = from_html(story_page(body))
    assert "Engineers began surveying" in art.text


def test_a_page_that_says_it_is_english_is_not_refused_for_a_table_of_names() -> None:
    teams = [
        "Arsenal",
        "Chelsea",
        "Liverpool",
        "Everton",
        "Tottenham",
        "Fulham",
        "Brentford",
        "Brighton",
        "Wolves",
        "Burnley",
        "Leeds",
        "Southampton",
        "Newcastle",
        "Villa",
        "Palace",
        "Forest",
        "Bournemouth",
        "Watford",
        "Norwich",
        "Sunderland",
    ]
    rows = "".join(f"<p>{teams[i]} {i % 4} {teams[-1 - i]} {i % 3}</p>" for i in range(20))
    html = (
        "<html lang='en'><head><title>Saturday's results</title></head><body><article>"
        f"{rows}</article></body></html>"
    )
    assert from_html(html).sentences
    with pytest.raises(NotEnglishError):  # the same page saying nothing of its language
        from_html(html.replace(" lang='en'", ""))


def test_an_old_table_layout_with_br_paragraphs() -> None:
    """The story in a table cell, paragraphs split by <br><br>, the menu in the next cell."""
    html = (
        "<html><head><title>Council backs flood barrier</title></head><body><table><tr>"
        "<td class='nav'><a href='/'>Home</a></td><td>"
        + "<br><br>".join(STORY)
        + "</td></tr></table></body></html>"
    )
    art = from_html(html)
    assert [s.text for s in art.sentences] == STORY


def test_dates_and_datelines_standing_alone_are_not_sentences() -> None:
    """A page's timestamp glued to its standfirst; a dateline the splitter cut at "Ala."."""
    from retell.ingest.junk import junk_kind, lead_junk

    assert junk_kind("Monday, 6 January 2020") == "boilerplate"
    assert junk_kind("May 5, 2020.") == "boilerplate"
    assert junk_kind("MONTGOMERY, Ala.") == "boilerplate"
    assert junk_kind("May 5 was a holiday in 2020.") is None
    assert junk_kind("POLO .") == "caption"  # a DailyMail subhead stays a caption
    text = "-- Alabama's strict new immigration law may be backfiring."
    assert text[lead_junk(text, 0, len(text)) :].startswith("Alabama's")
    art = from_html(
        story_page(
            "<p>MONTGOMERY, Ala. -- Alabama's strict new immigration law may be backfiring, "
            "officials and employers said on Tuesday.</p>" + paras()
        )
    )
    assert art.sentences[0].text.startswith("Alabama's strict new immigration law")


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("By Jane Doe | 14 March 2025", False),
        ("By Jane Doe • 5 min read", False),
        ("Posted by Jane Doe on March 3, 2025", False),
        ("5 min read", False),
        ("By March 2025, the agency had hired 300 more engineers for the harbour.", True),
        ("By Tuesday, 1,200 people had been moved to shelters in the old town.", True),
    ],
)
def test_byline_stamps_go_but_sentences_opening_with_by_stay(line: str, kept: bool) -> None:
    art = from_html(story_page(paras() + f"<p>{line}</p>"))
    assert (line in art.text) is kept
