"""Real saved news pages: the story comes through, the page's furniture does not, and a page
in another language is refused with a one-line message.

The pages are in tests/fixtures/pages (see its README: newspaper4k's and Mozilla Readability's
test data). Each English page has ``NAME.txt``, the article text a person would call the story;
every sentence of retell's report must be found in it (or be a trim of one of its sentences),
and none of the navigation, captions, sign-up boxes and link lists seen on the page may reach
the article text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import retell
from retell.cli import cli
from retell.errors import InputError, NotEnglishError
from retell.ingest import load
from retell.ingest.lang import declared_language, detect_language

PAGES = Path(__file__).parent / "fixtures" / "pages"

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def norm(text: str) -> str:
    """Case, curly quotes and whitespace folded, as the judge compares sentences."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES).casefold()).strip()


_WORD = re.compile(r"[\w'$%-]+")


def in_text(sentence: str, text: str) -> bool:
    """The sentence is in the text, or its words are, in order, within one paragraph of it.

    The second allows the extractive engine's trims by deletion ("Prelogar, 43, argues …" →
    "Prelogar argues …"): they add nothing the article lacks.
    """
    s = norm(sentence).strip("\"' ")
    if s in norm(text):
        return True
    words = _WORD.findall(s)
    for para in text.split("\n\n"):
        it = iter(_WORD.findall(norm(para)))
        if all(any(w == t for t in it) for w in words):
            return True
    return False


# Page → (furniture seen on the page that must not reach the article, phrases of the story that
# must: the second list fails if pruning throws the story away with the furniture).
ENGLISH: dict[str, tuple[list[str], list[str]]] = {
    # Condé Nast marks every body paragraph class="paywall"; captions, "Most Popular",
    # newsletter pitch, "More from WIRED" teasers, footer.
    "wired_001": (
        [
            "Skip to main content",
            "Save this story",
            "Most Popular",
            "PHotograph: AHMAD GHARABLI",
            "Israeli security forces near a checkpoint",
            "A person crossing the street in Huwara",
            "AI Unlocked newsletter",
            "You Might Also Like",
            "More from WIRED",
            "Deepfake Audio Is a Political Nightmare",
            "is a freelance reporter focusing on extremism",
            "Do Not Sell My Personal Info",
        ],
        [
            "Around 35,000 Palestinians and 850 Israeli settlers live in this area",
            "The flagship component of the West Bank",
            "Another strand, known as Blue Wolf",
        ],
    ),
    # A "More Must-Reads From TIME" list of links after the story, a caption, a newsletter box.
    "time_001": (
        [
            "More Must-Reads From TIME",
            "Inside Gaza",
            "Using the Snooze Button",
            "Best Inventions of 2023",
            "Sign Up for",
            "Worth Your Time",
            "The sun rises over an oil field",
            "David McNew",
            "All Rights Reserved",
        ],
        [
            "first warned Congress of the threat from climate change",
            "Much of Jim",
        ],
    ),
    # 2013 CNN: photo-gallery captions, "Part of complete coverage on" teasers, a hidden
    # "Loading weather data ..." widget in the footer.
    "cnn_article": (
        [
            "Loading weather data",
            "An employee signals a plane out of the gate",
            "Part of complete coverage",
            "10 things to know about tornadoes",
            "Keep your phone charged in a power outage",
            "Set edition preference",
            "Updated 0203 GMT",
        ],
        ["Thanksgiving"],
    ),
    # A Blogger page whose markup is hard-wrapped mid-sentence; "See more photos:", "You may
    # like these posts", "Follow by Email" after it.
    "article_with_divs": (
        [
            "See more photos",
            "You may like these posts",
            "Post a Comment",
            "Follow by Email",
            "Get all latest content delivered straight to your inbox",
            "Recent in Sports",
            "Crafted with by TemplatesYard",
        ],
        [
            "Photos which were released online and are making the rounds on social media, show "
            "Nigerian actress, Kate Henshaw, looking absolutely stunning in new make-up photos.",
            "The 47 year old was one of the guests invited to an event by media mogul, Debola Lagos.",
        ],
    ),
    # Yonhap: menus, air-quality widget, "Most Viewed" lists, feedback box, copyright.
    "yna_co_kr": (
        [
            "Go to Contents",
            "Korean Newspaper Headlines",
            "Comprehensive Air-quality Index",
            "URL is copied",
            "Most Viewed",
            "Private funeral to be held for actor Lee Sun-kyun",
            "How can we improve?",
            "All Rights Reserved",
        ],
        ["North Korea"],
    ),
}
FOREIGN = {"chinese_article_002": "Chinese", "japanese_article2": "Japanese", "heise": "German"}


@pytest.fixture(scope="module")
def reports() -> dict[str, retell.Report]:
    return {name: retell.report(load(str(PAGES / f"{name}.html"))) for name in ENGLISH}


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_article_text_has_the_story_and_none_of_the_furniture(name: str) -> None:
    art = load(str(PAGES / f"{name}.html"))
    furniture, story = ENGLISH[name]
    text = norm(art.text)
    for junk in furniture:
        assert norm(junk) not in text, junk
    for phrase in story:
        assert norm(phrase) in text, phrase


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_every_report_sentence_is_in_the_article(name: str, reports: dict) -> None:
    expected = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    rep = reports[name]
    sentences = [w.text for seg in rep.segments for w in seg.sentences]
    assert sentences
    for s in sentences:
        assert in_text(s, expected), s
    rendered = norm(rep.render("text"))
    for junk in ENGLISH[name][0]:
        assert norm(junk) not in rendered, junk


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_every_article_sentence_is_in_the_expected_text(name: str) -> None:
    """Stricter than the report: nothing ingest keeps may be furniture."""
    expected = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    art = load(str(PAGES / f"{name}.html"))
    stray = [s.text for s in art.sentences if not in_text(s.text, expected)]
    assert not stray


def test_wired_keeps_the_whole_story() -> None:
    """Condé Nast's class="paywall" on every paragraph once pruned all but the first."""
    art = load(str(PAGES / "wired_001.html"))
    assert len(art.text.split()) > 1400


def test_headline_drops_the_site_name() -> None:
    """ "LinkNaija | Nigeria's popular news platform: Nollywood…" → the page's own <h1>."""
    art = load(str(PAGES / "article_with_divs.html"))
    assert art.title == "Nollywood Actress, Kate Henshaw Is Looking Stunning In New Photos"


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_foreign_pages_are_refused(name: str) -> None:
    with pytest.raises(NotEnglishError) as err:
        load(str(PAGES / f"{name}.html"))
    assert isinstance(err.value, InputError)
    message = str(err.value)
    assert "not English" in message and FOREIGN[name] in message
    assert "\n" not in message


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_cli_exits_2_with_one_line_on_foreign_pages(name: str) -> None:
    result = CliRunner().invoke(
        cli, ["report", str(PAGES / f"{name}.html")], catch_exceptions=False
    )
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "English" in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_cli_reports_a_real_page() -> None:
    result = CliRunner().invoke(
        cli, ["report", str(PAGES / "time_001.html"), "-f", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["segments"]
    assert "More Must-Reads" not in result.stdout


def test_declared_language() -> None:
    assert declared_language('<html lang="de-DE"><head>') == "German"
    assert declared_language("<html xml:lang='zh-CN'>") == "Chinese"
    assert declared_language('<html lang="en-GB">') == "English"
    assert declared_language('<meta property="og:locale" content="fr_FR">') == "French"
    assert declared_language("<html><head><title>x</title>") is None


def test_languages_without_a_word_list_are_not_taken_for_english() -> None:
    latvian = (
        "Norvēģijas ziemeļos zemes nogruvumā gājuši bojā pieci cilvēki, vēl divi tiek uzskatīti "
        "par pazudušiem, paziņojusi policija. Nogruvums notika naktī uz trešdienu nelielā "
        "ciematā, kur zem zemes masām palika vairākas mājas. Glābēji turpina meklēšanas darbus, "
        "taču laikapstākļi tos apgrūtina. Valdība solījusi palīdzību cietušajiem un viņu ģimenēm."
    )
    assert detect_language(latvian, unknown=True) not in (None, "English")
    assert detect_language(latvian) is None  # plain text: unsure, not refused
    lyrics = "就放心去吧\nJiu fang xin qu ba\n祝你幸福和快乐 自由的飞\nZhu ni xing fu he kuai le zi you de fei\n"
    assert detect_language(lyrics * 4) == "Chinese"  # Chinese with pinyin under each line
    burmese = "မြန်မာနိုင်ငံ၏ အရှေ့မြောက်ပိုင်း ရှမ်းပြည်နယ်တွင် တိုက်ပွဲများ ဖြစ်ပွားနေသည်"
    assert detect_language(burmese) == "Burmese"
