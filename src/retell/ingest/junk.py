"""Boilerplate that news text carries and that must never become an article sentence.

CNN/DailyMail text (the benchmark) and copy-pasted pages are full of it: "(CNN)" and
"London (CNN) --" datelines, "By . Daily Mail Reporter .", "PUBLISHED: … | UPDATED: …",
"Scroll down for video", "Click here …", "Share this article", photo captions (which the
DailyMail text closes with a detached " ."), list items and subheads closed the same way.

Nothing here rewrites text: :func:`lead_junk` says how many characters to skip at a sentence's
start, :func:`is_junk` says whether a whole sentence is boilerplate. Offsets stay valid.
"""

from __future__ import annotations

import re

__all__ = ["is_junk", "junk_kind", "lead_junk"]

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
_ANY_WORDS = ("published", "updated", "contributed", "rights", "sign", "follow")
# The non-ASCII letters that an IGNORECASE pattern lets match an ASCII letter ("ſ" matches "s"):
# only when none is there does a lower-cased substring test rule the regex out.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _junk_anywhere(s: str) -> bool:
    """``_JUNK_ANY.search(s)``, skipped (~10x faster) when none of its words is there."""
    low = s.lower()
    if not any(w in low for w in _ANY_WORDS) and (
        s.isascii() or not any(c in s for c in _FOLDS_TO_ASCII)
    ):
        return False
    return _JUNK_ANY.search(s) is not None


def _caption_end(s: str) -> bool:
    """``_CAPTION_END.search(s)`` for a stripped ``s``: whitespace, ".", an optional quote, end."""
    if s.endswith("."):
        return len(s) >= 2 and s[-2].isspace()
    return len(s) >= 3 and s[-1] in "'\"\u2019\u201d" and s[-2] == "." and s[-3].isspace()


def lead_junk(text: str, start: int, end: int) -> int:
    """How many characters of boilerplate open ``text[start:end]`` (a dateline), else 0.

    Each pattern is only tried when the text holds what it cannot match without: a bracket
    (agency datelines, photo credits), a dash (capitalised datelines), "Share" at the start.
    Trying them all backtracked over the first 40 characters of every sentence.
    """
    paren = text.find("(", start, end) >= 0
    m = (
        (paren and _AGENCY_DATELINE.match(text, start, end))
        or (_has_dash(text, start, end) and _CAPS_DATELINE.match(text, start, end))
        or (text.startswith("Share", start, end) and _SHARE_BAR.match(text, start, end))
        or (paren and _CREDIT.match(text, start, end))
    )
    if not m or m.end() >= end:
        return 0
    return m.end() - start


def _has_dash(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds "--", an em dash or an en dash (a dateline's dash)."""
    return (
        text.find("--", start, end) >= 0
        or text.find("\u2014", start, end) >= 0
        or text.find("\u2013", start, end) >= 0
    )


def junk_kind(sentence: str) -> str | None:
    """Why a whole sentence is not article text: "boilerplate", "caption", or None.

    "caption" is the DailyMail detached full stop ("… home ."): the caller decides whether the
    document is one where that marks captions (a long article where most sentences end
    normally) or tokenised text where every sentence ends that way (CNN/DM highlights).
    """
    s = sentence.strip()
    if not s:
        return "boilerplate"
    if _JUNK_START.match(s) or _junk_anywhere(s) or (len(s) < 80 and _BYLINE.match(s)):
        return "boilerplate"
    if _caption_end(s):
        return "caption"
    return None


def is_junk(sentence: str) -> bool:
    """Whether a whole sentence is boilerplate or a caption (byline, timestamp, call to action)."""
    return junk_kind(sentence) is not None
