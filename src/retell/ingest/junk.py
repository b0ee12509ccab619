"""Boilerplate that news text carries and that must never become an article sentence.

CNN/DailyMail text (the benchmark) and copy-pasted pages are full of it: "(CNN)" and
"London (CNN) --" datelines, "By . Daily Mail Reporter .", "PUBLISHED: … | UPDATED: …",
"Scroll down for video", "Click here …", "Share this article", photo captions (which the
DailyMail text closes with a detached " ."), list items and subheads closed the same way.

Nothing here rewrites text: :func:`lead_junk` says how many characters to skip at a sentence's
start, :func:`is_junk` says whether a whole sentence is boilerplate. Offsets stay valid.

Web pages carry more: caption and credit labels, "Reporting by …; Editing by …", sign-up
pitches, player controls, "More stories" headings, author bios. Those patterns
(:data:`PAGE_FURNITURE`, :data:`END_HEADING`, :data:`AUTHOR_BIO`) are matched by
:mod:`retell.ingest.html` against whole paragraphs of an extracted page, never on the
plain-text path, which stays as fast as it was.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "AUTHOR_BIO",
    "BOX_CLASS_WORDS",
    "END_HEADING",
    "PAGE_FURNITURE",
    "is_junk",
    "junk_kind",
    "lead_junk",
    "junk_word_spans",
    "lead_junk_marks",
]

_AGENCIES = (
    r"CNN|CNN Student News|CNNMoney|CNN Business|AP|Reuters|AFP|UPI|PA|Bloomberg|"
    r"EW\.com|Mashable|Billboard|Variety|Rolling Stone|Time\.com|The Hollywood Reporter|"
    r"People\.com|Health\.com|RealSimple\.com|CNET|WIRED|BBC"
)
# "(CNN)", "London (CNN) --", "Peshawar, Pakistan (CNN)", "WASHINGTON (AP) —".
_AGENCY_DATELINE = re.compile(
    r"(?:[A-Z][\w.'\u2019\- ]{0,40}(?:,\s*[A-Z][\w.'\u2019\- ]{0,30}){0,2}\s*)?"
    rf"\((?:{_AGENCIES})\)\s*(?:--|\u2014|\u2013|-)?\s*"
)
# The bracket of an agency dateline is the sentence's first: no character the pattern allows
# before it is a bracket. Unless "(CNN)" or the like is there, the pattern is not tried.
_AGENCY_BRACKETS = tuple(f"({name})" for name in _AGENCIES.replace("\\.", ".").split("|"))
# "LONDON — ", "NEW YORK, N.Y. -- ": a capitalised place and a dash before the first word.
_CAPS_DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{2,30}(?:,\s*[A-Z][A-Za-z.' ]{1,25})?\s*(?:--|\u2014|\u2013)\s*(?=[A-Z\"'])"
)

# Boilerplate recognised by how the sentence starts (matched at the start only: fast).
_JUNK_START = re.compile(
    r"""(?:by\s*\.|by\s*:)  # "By . Daily Mail Reporter ."
    |scroll\s+down\b
    |click\s+(?:here|on\s+the|through|to\s+(?:see|view|watch|read))\b
    |this\s+(?:post|story|article)\s+has\s+been\s+updated
    |send\s+this\s+(?:page|article|story)\b
    |story\s+continues(?:\s+below(?:\s+(?:the\s+)?advertisement)?)?\s*\.?$
    |editor'?s\s+note\s*:
    |(?:\u00a9|\(c\))\s*\d{4}
    |\([^()]{0,100}\b(?:getty|images?|photo|afp|reuters|ap|epa|shutterstock|pa\s+wire)\b[^()]{0,60}\)\.?$
    |share\s+this\s+(?:article|story|page)
    |last\s+(?:updated|modified)\b
    |(?:read\s+more|related(?:\s+(?:articles?|stories|content))?|see\s+also|more\s+on\s+this)\s*[:.]
    |(?:watch|video|listen|photos?|gallery|advertisement)\s*[:.]?\s*$
    |copyright\s+(?:\u00a9|\(c\))?\s*\d{4}
    |(?:follow|like)\s+(?:us|@?\w+)\s+on\s+(?:twitter|facebook|instagram)
    |follow\s+@\w+
    |(?:sign\s+up|subscribe)\s+(?:for|to|now)\b
    |(?:image|photo|picture|video)\s*(?:credit|courtesy)?\s*:\s*\S
    |\(?(?:photo|image|picture)\s*:\s
    """,
    re.IGNORECASE | re.VERBOSE,
)
# How a _JUNK_START match can begin, lower-cased: "by" (then a space, "." or ":"), a bracket, or
# the first three letters of one of its words. In an ASCII text only these letters match the
# pattern's letters (the characters IGNORECASE folds to them, "\u017f" for "s", are not ASCII).
# Sixteen sentences in seventeen begin otherwise, and a look at their first three characters
# costs a third of trying the pattern's twenty alternatives.
_JUNK_HEADS = frozenset(
    word[:3]
    for word in (
        "scroll", "click", "this", "send", "story", "editor", "share", "last", "read", "related",
        "see", "more", "watch", "video", "listen", "photo", "gallery", "advertisement",
        "copyright", "follow", "like", "sign", "subscribe", "image", "picture",
    )
)  # fmt: skip


# Boilerplate recognised anywhere in the sentence.
_JUNK_ANY = re.compile(
    r"\b(?:published|updated)\s*:|contributed\s+to\s+this\s+report|\ball\s+rights\s+reserved\b"
    r"|\bsign\s+up\s+(?:for|to)\b.{0,80}\bnewsletter\b"
    r"|\bfollow\s+(?:us\s+on\s+(?:twitter|facebook|instagram)|@\w+\s+on\s+twitter)",
    re.IGNORECASE,
)
# "(Jane Doe/Getty Images)" before a sentence: a photo credit whose caption was dropped.
_CREDIT = re.compile(
    r"\((?=[^()]{0,160}\b(?:Getty|Images|Photo|AFP|Reuters|AP|EPA|Shutterstock|PA Wire)\b)"
    r"[^()]{0,160}\)\s*"
)
# "Share this withEmailFacebookMessenger…Copy this link" glued before a sentence (BBC scrapes).
_SHARE_BAR = re.compile(
    r"Share\s+this\s+with(?:\s*(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|LinkedIn|"
    r"Linkedin|Reddit|Copy\s+this\s+link))+\s*"
)
# A DailyMail caption, list item or subhead: text closed by a detached full stop ("home .").
_CAPTION_END = re.compile(r"\s[.]['\"\u2019\u201d]?$")
# "By John Smith", "By John Smith and Jane Doe, CNN": a byline standing alone.
_BYLINE = re.compile(
    r"^[Bb][Yy]\s+[A-Z][\w.'\u2019\-]*(?:,?\s+(?:and\s+|&\s+|de\s+|van\s+|von\s+)?[A-Z][\w.'\u2019\-]*)+"
    r"(?:,\s*[A-Z][\w ]{0,30})?\s*\.?$"
)


# Every _JUNK_ANY alternative holds one of these words; a sentence without any cannot match.
# The sign-up and follow-us alternatives are known by their rarer words ("newsletter", the
# networks): "sign" and "follow" are in "design" and "following".
_ANY_WORDS = (
    "published",
    "updated",
    "contributed",
    "rights",
    "newsletter",
    "twitter",
    "facebook",
    "instagram",
)
_ANY_WORD_BYTES = tuple(word.encode("ascii") for word in _ANY_WORDS)
# The non-ASCII letters that an IGNORECASE pattern lets match an ASCII letter ("ſ" matches "s"):
# only when none is there does a lower-cased substring test rule the regex out.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def junk_word_spans(text: str) -> list[tuple[int, int]] | None:
    """Where the words that :data:`_JUNK_ANY` needs are in ``text`` (in any case), or None
    when that cannot be said by offsets: a character that folds to an ASCII letter ("ſ"), or
    one that lower-cases to two.

    A sentence ``text[s0:s1]`` holds such a word exactly when a span lies inside
    [s0, s1): lower-casing maps character by character when the length is kept. When none
    does, :func:`junk_kind` can skip that test (``anywhere=False``); seven texts in ten hold
    none of the words at all. One ``find`` per word over the text replaces a look per sentence.
    """
    if text.isascii():
        return _word_spans(text.lower(), _ANY_WORDS)
    if any(c in text for c in _FOLDS_TO_ASCII):
        return None
    # With those ruled out, lower-casing a character beyond ASCII gives one character beyond
    # ASCII ("\u0130" and the Kelvin sign are the only exceptions): it is in no word found, and
    # may as well be a "?". Bytes lower-case ASCII with no look-up of each character's case,
    # ~3x faster than ``str.lower`` on such a text.
    return _word_spans(text.encode("ascii", "replace").lower(), _ANY_WORD_BYTES)


def _word_spans(low: str | bytes, words: tuple[Any, ...]) -> list[tuple[int, int]]:
    """Where each of ``words`` (str for a str, bytes for bytes) occurs in ``low``."""
    spans = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            spans.append((at, at + len(word)))
            at = low.find(word, at + 1)
    return spans


def _junk_anywhere(s: str) -> bool:
    """``_JUNK_ANY.search(s)``, skipped (~10x faster) when none of its words is there."""
    low = s.lower()
    if not any(w in low for w in _ANY_WORDS) and (
        s.isascii() or not any(c in s for c in _FOLDS_TO_ASCII)
    ):
        return False
    return _JUNK_ANY.search(s) is not None


# "Monday, 6 January 2020", "May 5, 2020.": a date standing as a sentence (a page's timestamp).
_DATE_ONLY = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?)"
    r",?\s+\d{4}\s*\.?",
    re.IGNORECASE,
)
# "MONTGOMERY, Ala." left alone when the splitter cut the dateline at "Ala.": a whole sentence.
_DATELINE_ONLY = re.compile(
    r"[A-Z][A-Z.'\- ]{2,30},\s*[A-Z][A-Za-z.']{1,12}(?:\s[A-Z][A-Za-z.']{1,12})?"
)
# "-- Alabama's strict new law …": the dash of a dateline the splitter cut off.
_LEAD_DASH = re.compile(r"(?:--|\u2014|\u2013)\s+(?=[A-Z\"'\u201c])")


def lead_junk(text: str, start: int, end: int) -> int:
    """How many characters of boilerplate open ``text[start:end]`` (a dateline), else 0.

    Each pattern is only tried when the text holds what it cannot match without: a bracket
    (agency datelines, photo credits), a dash (capitalised datelines), "Share" at the start.
    Trying them all backtracked over the first 40 characters of every sentence.
    """
    bracket = text.find("(", start, end)
    paren = bracket >= 0
    m = (
        (
            paren
            and text.startswith(_AGENCY_BRACKETS, bracket, end)
            and _AGENCY_DATELINE.match(text, start, end)
        )
        or (
            _has_dash(text, start, end)
            and (_CAPS_DATELINE.match(text, start, end) or _LEAD_DASH.match(text, start, end))
        )
        or (text.startswith("Share", start, end) and _SHARE_BAR.match(text, start, end))
        or (paren and _CREDIT.match(text, start, end))
    )
    if not m or m.end() >= end:
        return 0
    return m.end() - start


_LEAD_MARKS = ("(", "--", "Share")
_LEAD_MARKS_WIDE = (*_LEAD_MARKS, "\u2014", "\u2013")  # the dashes: only in a text beyond ASCII


def lead_junk_marks(text: str) -> list[int]:
    """Where in ``text`` something :func:`lead_junk` needs starts, sorted: a bracket, "--", an
    em or en dash, "Share". A span holding none of them has no dateline to skip, so the caller
    need not call :func:`lead_junk` for it (a few ``find`` calls per text instead of five per
    sentence)."""
    marks = []
    for mark in _LEAD_MARKS if text.isascii() else _LEAD_MARKS_WIDE:
        at = text.find(mark)
        while at >= 0:
            marks.append(at)
            at = text.find(mark, at + 1)
    marks.sort()
    return marks


def _has_dash(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds "--", an em dash or an en dash (a dateline's dash)."""
    return (
        text.find("--", start, end) >= 0
        or text.find("\u2014", start, end) >= 0
        or text.find("\u2013", start, end) >= 0
    )


def junk_kind(sentence: str, *, anywhere: bool = True) -> str | None:
    """Why a whole sentence is not article text: "boilerplate", "caption", or None.

    "caption" is the DailyMail detached full stop ("… home ."): the caller decides whether the
    document is one where that marks captions (a long article where most sentences end
    normally) or tokenised text where every sentence ends that way (CNN/DM highlights).

    Args:
        anywhere: False when :func:`junk_word_spans` put no word in the sentence: the test for
            boilerplate anywhere in it cannot succeed and is skipped.
    """
    s = sentence.strip()
    if not s:
        return "boilerplate"
    head = s[:3].lower()  # see _JUNK_HEADS (written out, not called: this runs per sentence)
    if (
        (head in _JUNK_HEADS or head.startswith(("by", "(")) or not head.isascii())
        and _JUNK_START.match(s)
        or (anywhere and _junk_anywhere(s))
        or (len(s) < 80 and _BYLINE.match(s))
    ):
        return "boilerplate"
    if len(s) < 45 and (
        (s[:2].isupper() and _DATELINE_ONLY.fullmatch(s))
        or (s[-2:-1].isdigit() or s[-1:].isdigit())
        and _DATE_ONLY.fullmatch(s)
    ):
        return "boilerplate"  # a dateline or a date alone
    # _CAPTION_END.search(s), ``s`` being stripped: whitespace, ".", an optional quote, the end.
    if s[-1] == ".":
        return "caption" if len(s) >= 2 and s[-2].isspace() else None
    if len(s) >= 3 and s[-1] in "'\"\u2019\u201d" and s[-2] == "." and s[-3].isspace():
        return "caption"
    return None


def is_junk(sentence: str) -> bool:
    """Whether a whole sentence is boilerplate or a caption (byline, timestamp, call to action)."""
    return junk_kind(sentence) is not None


# --- Web pages ----------------------------------------------------------------------------------
# Used by retell.ingest.html on whole paragraphs of an extracted page, never on plain text (so
# they cost plain-text ingest nothing).

# Lines that are page furniture on real news sites (BBC, Guardian, Reuters, AP, CNN, NYT, Fox,
# NPR, Sky, Daily Mail, Al Jazeera…) when they survive pruning: sign-up pitches, caption and
# credit labels, share and player controls, "Reporting by …; Editing by …", tag lists.
PAGE_FURNITURE = re.compile(
    r"""\b(?:sign\s*up|subscribe)\b.{0,80}\b(?:newsletter|inbox|briefing|alerts?|emails?|updates)\b
    |\bnewsletter\b.{0,80}\b(?:sign\s*up|subscribe|inbox)\b
    |\bcookies?\b.{0,120}\b(?:accept|consent|agree|browse|preferences)\b
    |^(?:related|more|most\s+(?:read|viewed|popular|shared)|recommended|trending|popular)(?:\s+(?:stories|articles|reading|news|topics|content|videos?|on\s+this\s+(?:story|topic)))?\s*:?\s*$
    |^(?:advertisement|sponsored(?:\s+(?:content|message|stories))?|sponsor\s+message|ad\s+feedback|supported\s+by|paid\s+(?:content|post))\b
    |\b(?:photograph|photo|image|picture|illustration|video)\s*:\s*\S+(?:\s*/\s*\S+)?\s*$
    |^(?:share|follow)\s+(?:this|us|on)\b
    |^(?:image|media|video|photo)\s+(?:caption|source|credit)s?\b
    |^(?:getty\s+images|reuters|afp|ap|epa|shutterstock|pa\s+media)(?:\s+via\s+getty\s+images)?\s*$
    |\b(?:hide|toggle)\s+caption\s*$|^enlarge\s+this\s+image\b|^link\s+copied\b
    |^(?:reporting|additional\s+reporting|writing|editing)\s+by\b.{0,160}$
    |^our\s+standards\s*:|thomson\s+reuters\s+trust\s+principles
    |^(?:topics|tags|filed\s+under|categories|keywords)\s*:|^(?:explore\s+more\s+on\s+these\s+topics|related\s+topics)\b
    |^(?:originally\s+published\s+(?:at|on|in)|this\s+(?:article|story)\s+(?:was\s+)?(?:originally|first)\s+(?:published|appeared))\b
    |^a\s+version\s+of\s+this\s+article\s+appears\s+in\s+print\b
    |^(?:listen\s+to\s+this\s+article|continue\s+reading(?:\s+the\s+main\s+story)?|send\s+any\s+friend\s+a\s+story|gift\s+this\s+article|reuse\s+this\s+content|read\s+\d+\s+comments?)\b
    |^(?:loading|load|show|view|see)\s+(?:more\s+)?comments\b|^(?:leave|post|add)\s+a\s+comment\b|^join\s+the\s+(?:conversation|discussion)\b
    |^(?:see|view|watch)\s+(?:more|all|the)\s+(?:photos|pictures|images|videos?|galleries|gallery)\b
    |^(?:click|tap)\s+(?:here|to)\b|\bget\s+the\s+\w+(?:\s+\w+)?\s+app\b
    |^(?:source|sources)\s*:\s*[A-Z].{0,60}$
    |^(?:close|fullscreen|thumbnails|previous|next|previousnext|prev|expand|collapse|play|pause|replay|mute|unmute|menu|search|home|log\s*in|sign\s*in|register|print|email|comments?|\d+\s+(?:of|/)\s+\d+)\s*$
    |\ball\s+rights\s+reserved\b|^(?:\u00a9|copyright)\s
    |^[_=*~\u2022\u00b7.\s-]{3,}$
    |^(?:illustration|photo(?:graph)?|image|graphic|animation|video)s?\s+(?:by|courtesy\s+of)\s+[A-Z]
    |^contributing\s*:|^["'\u201c]?(?:questions\?\s*comments\?|e-?mail\s+us\s+at\b)|\bcan\s+be\s+reached\s+at\b
    |^follow\s+(?:[A-Z@][\w.@'\u2019-]*\s+){1,4}on\s+(?:twitter|x|facebook|instagram|linkedin|threads|bluesky|tiktok)\b
    |\bethics\s+policy\b|^\(corrects?\b
    |^more\s+(?:from|on)\s+.{0,60}?:\s
    |^read\s+(?:\S+\s+){0,3}full\s+(?:remarks|statement|report|story|text|letter|interview)\s*:?\s*$
    |^(?:published|updated|posted|last\s+updated)\s*:?(?:\s*[,|\u00b7]?\s*(?:\d[\d:.,/-]*|[ap]\.?m\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|gmt|utc|bst|cet|[ecmp][sd]?t|ago|an?|one|few|(?:second|minute|min|hour|hr|day|week|month|year)s?|yesterday|today|on|at)){1,12}\s*$
    |^(?:associated\s+press\s+)?(?:writers?|reporters?|correspondents?)\s.{0,160}\bcontributed\b.{0,30}$
    |^follow\s+(?:ap|the\s+associated\s+press|reuters|bbc|cnn|sky\s+news)['\u2019]?s?\b
    |\bcoverage\s+(?:of\s+.{1,60}\s+)?at\s+https?://
    |^(?:skip\s+past|after)\s+newsletter\s+promotion|^privacy\s+notice\s*:
    |^credit\s*(?:\.{2,}|\u2026|:)|^share\s+(?:full\s+article|or\s+comment)\b
    |^why\s+you\s+can\s+trust\b|^(?:comment\s+on\s+this\s+story|gift\s+(?:this\s+)?article)\b
    |^join\s+(?:our|the)\b.{0,60}\b(?:forum|conversations?|discussion|community|channel)\b
    |^join\s+thought-provoking\b
    |^follow\s+(?:[A-Z@][\w.@'\u2019-]*\s+){1,4}on\s+whatsapp\b
    |^\((?:credit|photo|image|illustration|graphic|video|source)s?\s*:[^()]{1,100}\)\.?$
    |\blet\s+us\s+know\s+(?:down\s+)?(?:below\s+)?in\s+the\s+comments\b
    |^(?:update|correction|clarification)\b.{0,60}?\d.{0,40}?:\s*(?:added|updated|this\s+(?:story|article))
    |\bpic\.twitter\.com/
    |^already\s+(?:a\s+)?(?:subscriber|member|registered)\b|\bfree\s+(?:articles?|stories)\s+(?:left|remaining)\b
    |^(?:subscribe|register|sign\s+in|log\s+in)\s+(?:now\s+|today\s+)?to\s+(?:continue|read|keep\s+reading|unlock)\b
    |^this\s+(?:article|content|story)\s+is\s+(?:only\s+)?(?:for|available\s+(?:only\s+)?to)\s+(?:our\s+)?(?:subscribers|members|premium)
    |^(?:support\s+(?:our|independent|quality)\s+journalism|become\s+a\s+(?:member|subscriber|supporter))\b
    |^download\s+(?:the|our)\s+.{0,40}\bapp\b
    |^(?:written\s+|posted\s+|words\s+)?by\s+[A-Z][^.!?]{0,80}(?:[|\u2022\u00b7]|\bon\s+[A-Z][a-z]+\s+\d|\bmin(?:ute)?s?\s+read)
    |^\d+\s+min(?:ute)?s?\s+read\s*$|^reading\s+time\s*:
    |^we\s+value\s+your\s+privacy|\b(?:we\s+and\s+our\s+(?:\d+\s+)?|our\s+\d+\s+)partners\b.{0,200}\b(?:cookies|personal\s+data|device)\b
    |^manage\s+(?:your\s+)?(?:cookie|privacy|consent)\s+(?:settings|preferences|choices)
    |^skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|main|article)\b
    |^(?:share|post|tweet)\s+(?:this\s+)?(?:on|to|via)\s+(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|email)\b|^copy\s+(?:the\s+)?link\b
    |^(?:also\s+read|read\s+also|must\s+read|recommended\s+reading|related\s+(?:story|link|video|article|coverage|reading)
      |watch\s+now|listen\s+now|watch|video|listen|gallery|photos|podcast)\s*[:|]\s
    |\((?:photo|image|picture|illustration|video)s?\s+(?:by|credit|courtesy)\b[^()]{0,100}\)\s*$
    |\b[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}\s*/\s*(?:getty\s+images|afp|reuters|ap|epa(?:-efe)?|shutterstock|bloomberg|alamy|pa(?:\s+(?:wire|media))?)(?:\s+via\s+getty\s+images)?\)?\s*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A heading after which a page carries only other content: comments, galleries, more stories.
END_HEADING = re.compile(
    r"""(?:other|more|related|recommended|trending|popular|latest|featured|recent|top)\s+
        (?:[\w'\u2019-]+\s+){0,2}
        (?:stories|articles|news|posts|videos|headlines|reads|galleries|podcasts|content
          |coverage|columns|links|topics|slide\s*shows?|from\b.*|on\s+this\b.*)
    |related|recommended|trending|popular|featured
    |most\s+(?:read|popular|viewed|shared|commented)(?:\s+[\w'\u2019-]+){0,2}
    |(?:you|we\s+think\s+you)\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|read\s+(?:next|more)|what\s+to\s+read\s+next
    |(?:don'?t|do\s+not)\s+miss|editor'?s\s+picks?|further\s+reading|around\s+the\s+web|promoted\s+stories
    |(?:[\w'\u2019-]+\s+)?slide\s*shows?|comments?|\d+\s+comments?|join\s+the\s+(?:conversation|discussion)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# An author's note closing the page: "Shahien Nasiripour is the business reporter for …".
AUTHOR_BIO = re.compile(
    r"(?:[A-Z][\w.'\u2019-]+\s+){1,4}(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,5}"
    r"(?:reporter|correspondent|editor|writer|columnist|contributor|producer|journalist)\b"
)
# Words in the class or id of a page box that is furniture: pruned from the page before
# extraction (unless the box holds the story itself; see retell.ingest.html).
BOX_CLASS_WORDS = (
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
    "video-desc",
    "caption",
    "credit",
    "byline",
    "tags",
    "breadcrumb",
    # "Next post" thumbnails and recirculation rails under the story.
    "next-post",
    "nextpost",
    "nextstory",
    "next-story",
    "up-next",
    "upnext",
    "read-next",
    "readnext",
    "recirc",
    "revcontent",
    # Consent dialogs by their vendors' names.
    "onetrust",
    "didomi",
    "gdpr",
    "sp_message",
    "qc-cmp",
    "truste",
    "usercentrics",
    # Embedded social posts: someone else's words, not the story's.
    "twitter-tweet",
    "instagram-media",
    "tiktok-embed",
    # Text only screen readers hear: "Image source, ", ", opens new tab", "Skip to content".
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "screen-reader",
    "screenreader",
)
