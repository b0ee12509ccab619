"""Ingest from text, Markdown, files and stdin: titles, paragraphs, boilerplate, bad input."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from retell.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    NoArticleError,
    NotEnglishError,
    RetellError,
)
from retell.ingest import from_bytes, from_markdown, from_text, load
from retell.ingest.lang import detect_language
from retell.ingest.text import decode, looks_like_html, looks_like_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEED = FIXTURES / "seed_001.txt"

BODY = (
    "The council approved the budget on Tuesday. It raises tax by 4.9 per cent.\n\n"
    "Mr. Hughes said the rise was painful. Opposition members disagreed with him."
)


def texts(article: object) -> list[str]:
    return [s.text for s in article.sentences]  # type: ignore[attr-defined]


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    art = from_text(text)
    assert len(art.sentences) == 46
    assert len(art.paragraphs) == 9
    assert art.title is None
    for s in art.sentences:
        assert text[s.start : s.end] == s.text
    assert [s.id for s in art.sentences[:3]] == ["s1", "s2", "s3"]
    p = art.paragraphs[1]
    assert art.sentences[p.first].text.startswith("In late August 2024")
    assert all(s.paragraph == 1 for s in art.paragraph_sentences(p))


def test_title_line_is_not_a_sentence() -> None:
    text = "Council approves budget\n\n" + BODY
    art = from_text(text)
    assert art.title == "Council approves budget"
    assert texts(art)[0] == "The council approved the budget on Tuesday."
    assert art.sentences[0].start == text.index("The council")
    assert (0, len("Council approves budget"), "title") in art.skipped


def test_first_sentence_is_not_taken_for_a_title() -> None:
    art = from_text("The council met on Tuesday.\n\n" + BODY)
    assert art.title is None
    assert texts(art)[0] == "The council met on Tuesday."


def test_markdown_heading_as_title_in_plain_text() -> None:
    art = from_text("# Council approves budget\n\n" + BODY)
    assert art.title == "Council approves budget"
    assert len(art.sentences) == 4


def test_explicit_title_wins() -> None:
    art = from_text(BODY, title="Given", url="https://example.com/x")
    assert art.title == "Given" and art.url == "https://example.com/x"


def test_paragraphs_kept() -> None:
    art = from_text(BODY)
    assert len(art.paragraphs) == 2
    assert [s.paragraph for s in art.sentences] == [0, 0, 1, 1]


def test_one_paragraph_per_line_and_hard_wrapped_text() -> None:
    lines = "First paragraph is here.\nSecond one follows it.\nThird closes."
    assert len(from_text(lines).paragraphs) == 3
    wrapped = (
        "The council approved the budget on Tuesday after a long\n"
        "debate that lasted more than six hours and ended just\n"
        "before midnight. Members then went home."
    )
    art = from_text(wrapped)
    assert len(art.paragraphs) == 1 and len(art.sentences) == 2


def test_subheads_and_brand_lines_are_not_sentences() -> None:
    text = "Metro Report\nWorld News\n\nA rewrite begins here. It has two sentences.\n\nWhat next\n\nMore text follows."
    art = from_text(text)
    assert texts(art) == ["A rewrite begins here.", "It has two sentences.", "More text follows."]


def test_cnn_datelines_are_skipped() -> None:
    text = "London (CNN) -- The prime minister resigned on Friday. Her party must now choose."
    art = from_text(text)
    assert texts(art)[0] == "The prime minister resigned on Friday."
    art = from_text("(CNN)Kayahan, a singer, died on Friday at the age of 66. He was loved.")
    assert texts(art)[0].startswith("Kayahan, a singer")
    art = from_text(
        "Peshawar, Pakistan (CNN)Ten people were sentenced on Thursday. Police said so."
    )
    assert texts(art)[0].startswith("Ten people")
    assert any(why == "dateline" for _, _, why in art.skipped)


DAILY_MAIL = (
    "By . Daily Mail Reporter . PUBLISHED: . 07:53 EST, 30 January 2014 . | . UPDATED: . "
    "07:59 EST, 30 January 2014 . A Dallas architect has turned 14 shipping containers into a "
    "home. The home has a pool and a roof deck. Scroll down for video . Dallas architects Matt "
    "Mooney and Michael Gooden have transformed 14 shipping containers into a home . Mooney said "
    "it took two years. Click here to see more pictures. Share this article. Last updated at "
    "10:04 on 30 January 2014. CNN's Jane Doe contributed to this report."
)


def test_daily_mail_junk_never_becomes_a_sentence() -> None:
    art = from_text(DAILY_MAIL)
    assert texts(art) == [
        "A Dallas architect has turned 14 shipping containers into a home.",
        "The home has a pool and a roof deck.",
        "Mooney said it took two years.",
    ]
    for s in art.sentences:
        assert DAILY_MAIL[s.start : s.end] == s.text


def test_real_cnndm_row_has_no_captions() -> None:
    text = (FIXTURES / "cnndm_row.txt").read_text(encoding="utf-8")
    art = from_text(text)
    assert len(art.sentences) > 10
    for s in art.sentences:
        assert not s.text.endswith(" .")
        assert "Scroll down" not in s.text


def test_markdown_is_stripped() -> None:
    md = (
        "# Floods force thousands from homes\n\n"
        "![A flooded street](/img/flood.jpg)\n\n"
        "More than **12,000 people** were forced from their homes, "
        "[officials said](https://example.com/report).\n\n"
        "## What happens next\n\n"
        "- Soldiers were sent to *help* build barriers.\n"
        "- Up to 80 mm more rain could fall.\n\n"
        "> The water rose quickly, said a baker.\n\n"
        "```\ncode block text\n```\n"
    )
    art = from_markdown(md)
    assert art.title == "Floods force thousands from homes"
    assert texts(art) == [
        "More than 12,000 people were forced from their homes, officials said.",
        "Soldiers were sent to help build barriers.",
        "Up to 80 mm more rain could fall.",
        "The water rose quickly, said a baker.",
    ]
    assert "**" not in art.text and "](" not in art.text and "code block" not in art.text


def test_markdown_keeps_censored_asterisks() -> None:
    art = from_markdown("He said: 'You need to work, not **** off.' Then he left the room.")
    assert "****" in art.sentences[0].text


def test_load_files(tmp_path: Path) -> None:
    art = load(str(SEED))
    assert len(art.sentences) == 46
    md = tmp_path / "a.md"
    md.write_text("# Title here\n\nSome *body* text that says a thing. And more.\n", "utf-8")
    assert load(str(md)).title == "Title here"
    html_as_txt = tmp_path / "page.txt"
    html_as_txt.write_bytes((FIXTURES / "news_world.html").read_bytes())
    art = load(str(html_as_txt))
    assert art.title == "Floods force thousands from homes in river valley"


def test_load_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(BODY.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    assert len(load("-").sentences) == 4


def test_cp1252_fallback() -> None:
    data = "The caf\u00e9 owner said \u201cno\u201d to the council on Tuesday.".encode("cp1252")
    art = from_bytes(data)
    assert "caf\u00e9" in art.sentences[0].text


# --- bad input: the right error, one line, saying what to do --------------------------------


def one_line(exc: RetellError) -> str:
    msg = str(exc)
    assert "\n" not in msg and len(msg) < 300
    return msg


def test_missing_file() -> None:
    with pytest.raises(InputError) as err:
        load("/no/such/file.txt")
    assert "no such file" in one_line(err.value)


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load(str(tmp_path))


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  ", "\u00a0\n".encode()])
def test_empty(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    with pytest.raises(EmptyInputError) as err:
        load(str(f))
    assert "empty" in one_line(err.value)


def test_empty_text() -> None:
    with pytest.raises(EmptyInputError):
        from_text("  \n ")


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"hello\x00world\x00\x00\x01\x02",
        bytes(range(128, 256)) * 20,
    ],
)
def test_binary(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "thing.txt"
    f.write_bytes(content)
    with pytest.raises(BinaryInputError) as err:
        load(str(f))
    one_line(err.value)


def test_binary_text_in_hand() -> None:
    with pytest.raises(BinaryInputError):
        from_text("abc\x00\x01\x02\x03" * 20)


def test_only_boilerplate_is_empty() -> None:
    with pytest.raises(EmptyInputError):
        from_text("Scroll down for video . Share this article.")


def test_html_without_article() -> None:
    with pytest.raises(NoArticleError) as err:
        load(str(FIXTURES / "nav_only.html"))
    assert "nav_only.html" in one_line(err.value)


def test_other_url_scheme() -> None:
    with pytest.raises(InputError):
        load("ftp://example.com/article.txt")


GERMAN = (
    "Mehr als 12.000 Menschen mussten am Donnerstag ihre Häuser verlassen, nachdem der Fluss "
    "über die Ufer getreten war. Die Behörden teilten mit, dass die Lage angespannt bleibt und "
    "noch mehr Regen erwartet wird."
)
FRENCH = (
    "Plus de 12 000 personnes ont dû quitter leur maison jeudi après que la rivière est sortie "
    "de son lit, selon les autorités. Les secours sont intervenus avec des bateaux pour aider "
    "les familles qui étaient bloquées dans les étages."
)
RUSSIAN = "Более 12 000 человек были вынуждены покинуть свои дома в четверг после наводнения."
CHINESE = "地区官员表示，连续三天的强降雨导致河水决堤，周四有超过一万两千人被迫离开家园。"


@pytest.mark.parametrize(
    ("text", "lang"),
    [(GERMAN, "German"), (FRENCH, "French"), (RUSSIAN, "Russian"), (CHINESE, "Chinese")],
)
def test_not_english(text: str, lang: str) -> None:
    with pytest.raises(NotEnglishError) as err:
        from_text(text)
    msg = one_line(err.value)
    assert lang in msg and "English" in msg


def test_english_with_foreign_names_is_english() -> None:
    text = (
        "The German chancellor met Emmanuel Macron at the Élysée Palace, where the two "
        "leaders discussed the Nord Stream pipeline and the Deutsche Bahn strike. "
        "\u201cNous sommes d'accord,\u201d Macron said later, according to Le Monde."
    )
    assert detect_language(text) == "English"
    assert len(from_text(text).sentences) == 2
    assert detect_language(SEED.read_text(encoding="utf-8")) == "English"


def test_detection_helpers() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert not looks_like_html("He wrote <p> in the email, then left.")
    assert looks_like_markdown("# Title\n\nBody")
    assert not looks_like_markdown(BODY)
    with pytest.raises(EmptyInputError):
        decode(b"", "x.txt")


def test_tokenised_summary_keeps_every_sentence() -> None:
    """CNN/DM highlights end every sentence with " ."; they are sentences, not captions."""
    summary = (
        "alberto bueno has scored 17 goals for rayo vallecano this season . the 27-year-old "
        "could move to porto at the end of the season . bueno played for derby on loan ."
    )
    assert len(from_text(summary).sentences) == 3
    short = (
        "Real Madrid drew 0-0 with Atletico on Tuesday . Players returned to training on "
        "Wednesday. There was no sign of the starters. Real play Malaga on Saturday."
    )
    assert len(from_text(short).sentences) == 4


def test_binary_messages_say_binary(tmp_path: Path) -> None:
    for data in (b"%PDF-1.4 x", b"\x89PNG\r\n\x1a\n\x00", b"a\x00b", bytes(range(128, 256)) * 20):
        with pytest.raises(BinaryInputError) as err:
            from_bytes(data, name="standard input")
        assert "binary" in str(err.value)
    f = tmp_path / "paper.pdf"
    f.write_bytes(b"%PDF-1.4 x")
    with pytest.raises(BinaryInputError, match="binary"):
        load(str(f))


def test_markdown_edge_cases() -> None:
    from retell.ingest.markdown import strip_markdown

    text, title = strip_markdown(
        "---\ntitle: From front matter\n---\n\n"
        "Intro with ***both*** and **bold _it_** and snake_case_name and 2*3*4.\n\n"
        "Sub\n---\n\n1. First item.\n2. Second item\n   continues.\n\n* * *\n\n"
        "| a | b |\n|---|---|\n\n[ref]: https://example.com\n"
    )
    assert title == "From front matter"
    assert text == (
        "Intro with both and bold it and snake_case_name and 2*3*4.\n\n"
        "First item.\n\nSecond item continues."
    )
    assert strip_markdown("Title\n=====\n\nBody text.") == ("Body text.", "Title")


@pytest.mark.parametrize(
    "junk",
    [
        "Click on the photos above to learn more.",
        "This post has been updated.",
        "\u00a92015 The Hollywood Reporter.",
        "(Demetrius Freeman/The Washington Post via Getty Images)",
        "Editor's Note: Sign up for Unlocking the World, CNN Travel's weekly newsletter.",
        "For the latest news follow @bbcnews on Twitter.",
        "Follow us on Twitter @BBCNewsEnts, or email us.",
    ],
)
def test_more_boilerplate(junk: str) -> None:
    text = f"The singer died on Friday at the age of 66. {junk} He had performed in May."
    assert texts(from_text(text)) == [
        "The singer died on Friday at the age of 66.",
        "He had performed in May.",
    ]


def test_share_bar_prefix_is_skipped() -> None:
    text = (
        "Share this withEmailFacebookMessengerTwitterPinterestWhatsAppLinkedInCopy this link"
        "Cuadrilla, the firm behind the tests, said drilling had stopped. It will resume."
    )
    assert texts(from_text(text))[0].startswith("Cuadrilla, the firm")


def test_public_surface() -> None:
    import inspect

    import retell.ingest as ingest

    assert set(ingest.__all__) >= {"Article", "from_text", "from_html", "from_markdown", "load"}
    for name in ingest.__all__:
        assert hasattr(ingest, name), name
    params = inspect.signature(ingest.load).parameters
    assert params["allow_private"].kind is inspect.Parameter.KEYWORD_ONLY
    params = inspect.signature(ingest.from_text).parameters
    assert params["title"].kind is inspect.Parameter.KEYWORD_ONLY


def test_crlf_and_bom() -> None:
    text = "Council approves budget\r\n\r\nThe council met on Tuesday. It agreed.\r\n\r\nNew one."
    art = from_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert art.title == "Council approves budget"
    assert texts(art) == ["The council met on Tuesday.", "It agreed.", "New one."]
    assert len(art.paragraphs) == 2


def test_headline_and_byline_block() -> None:
    art = from_text(
        "Floods hit town\nBy Maria Lopez, 14 March 2025\n\n"
        "The river burst its banks on Thursday. Thousands fled."
    )
    assert art.title == "Floods hit town" and art.byline == "Maria Lopez"
    assert texts(art) == ["The river burst its banks on Thursday.", "Thousands fled."]
    art = from_text("By the time the river burst its banks, thousands had fled. Police said so.")
    assert art.byline is None and len(art.sentences) == 2


def test_empty_source_string() -> None:
    with pytest.raises(InputError, match="no input given"):
        load("  ")


@pytest.mark.parametrize(
    "sentence",
    [
        "Sign up for our newsletter here.",
        "The story was published: yesterday.",
        "\u017fign up for the newsletter of the club today.",
        "John Smith contributed to this report.",
    ],
)
def test_whole_text_prechecks_never_hide_boilerplate(sentence: str) -> None:
    from retell.ingest.junk import junk_kind, junk_word_spans, lead_junk, lead_junk_marks

    text = "Police said a man was arrested. " + sentence
    spans = junk_word_spans(text)
    start = text.index(sentence)
    held = spans is None or any(start <= a and b <= len(text) for a, b in spans)
    assert held
    assert junk_kind(sentence, anywhere=held) == junk_kind(sentence)
    assert junk_kind(sentence) == "boilerplate" or "\u017f" in sentence
    assert junk_word_spans("Police said a man was Following designs.") == []
    assert junk_word_spans("He said \u017fomething.") is None
    assert junk_word_spans("He Updated it.") == [(3, 10)]
    assert lead_junk_marks("Police said a man (40) was arrested -- Share") == [18, 36, 39]
    dated = "LONDON -- Police said a man was arrested."
    assert lead_junk_marks(dated) == [7] and lead_junk(dated, 0, len(dated)) > 0


@pytest.mark.parametrize(
    "low",
    [
        "the man's 'quoted' words, rock'n'roll and o''neil ' - it's 'the' end'",
        "l'\u00e9t\u00e9 der und die caf\u00e9s",
        "\u201cquoted\u201d speech\u2019s mark\u2014and a dash, 1990s '90s",
        "",
        "a'b'c'd'e f'",
    ],
)
def test_language_tokens_count_as_the_word_pattern_does(low: str) -> None:
    from collections import Counter

    from retell.ingest.lang import _LANG_OF, _WORD, _tokens

    n, words = _tokens(low)
    expected = _WORD.findall(low)
    assert n == len(expected)
    stop = Counter(w for w in words if w in _LANG_OF)
    assert stop == Counter(w for w in expected if w in _LANG_OF)


def test_sentence_words_counted_once_and_not_a_field() -> None:
    import dataclasses

    article = from_text("The council met on Monday.  It voted\tto close the old  bridge.")
    second = article.sentences[1]
    assert second.words == 7 == len(second.text.split())
    assert second.words == 7  # read again from the instance
    assert article.words == 12
    assert "words" not in {f.name for f in dataclasses.fields(second)}
    assert dataclasses.replace(second, text="Two words").words == 2
