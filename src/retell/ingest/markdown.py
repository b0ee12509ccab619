"""Markdown to plain paragraphs: markup out, prose kept, a leading ``# `` heading as the title.

The result is the text the article's offsets point into (as with HTML, the user's markup is not
part of what retell reads). Images, code blocks, tables, rules, link targets and reference
definitions go; emphasis and link text stay as words; each list item becomes its own paragraph;
subheadings go, because they are signposts rather than sentences of the story.
"""

from __future__ import annotations

import re

__all__ = ["strip_markdown"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ATX = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$")
_LIST = re.compile(r"^[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_TABLE = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_REFDEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+")
# Bounded repeats throughout: a line of thousands of "[x](" must not take quadratic time.
_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)|!\[[^\]\n]{0,300}\]\[[^\]\n]{0,100}\]")
_LINK = re.compile(
    r"\[([^\]\n]{1,300})\]\((?:[^()\n]|\([^()\n]{0,200}\)){0,500}\)|\[([^\]\n]{1,300})\]\[[^\]\n]{0,100}\]"
)
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
_CODE = re.compile(r"`+([^`]+)`+")
# Emphasis only around word text: "**bold**", "_it_"; a censored "****" or "snake_case" stays.
_TRIPLE = re.compile(r"(?<![\w*])(\*\*\*|___)(?=[^\s*_])(.{1,300}?)(?<=[^\s*_])\1(?![\w*])")
_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=[^\s*_])(.{1,300}?)(?<=[^\s*_])\1(?![\w*])")
_EM = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.{1,300}?)(?<=[^\s*_])\1(?!\w)")
_STRIKE = re.compile(r"~~(.{1,300}?)~~")
_FM_TITLE = re.compile(r"^title:[ \t]*['\"]?(.*?)['\"]?[ \t]*$", re.M)


def _inline(line: str) -> str:
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda m: m.group(1) or m.group(2) or "", line)
    line = _AUTOLINK.sub("", line)
    line = _TAG.sub("", line)
    line = _CODE.sub(r"\1", line)
    line = _TRIPLE.sub(r"\2", line)
    for _ in range(2):  # nested emphasis: "**bold _and italic_**"
        line = _EM.sub(r"\2", line)
        line = _STRONG.sub(r"\2", line)
    line = _STRIKE.sub(r"\1", line)
    return re.sub(r"[ \t]{2,}", " ", line).strip()


def strip_markdown(md: str) -> tuple[str, str | None]:
    """Turn Markdown into plain text paragraphs separated by blank lines.

    Returns:
        ``(text, title)``: the title is a leading ``# `` heading (or front matter ``title:``),
        or None; it is not repeated in the text.
    """
    title: str | None = None
    fm = _FRONT_MATTER.match(md)
    if fm:
        t = _FM_TITLE.search(fm.group(1))
        title = t.group(1).strip() or None if t else None
        md = md[fm.end() :]
    lines = md.splitlines()
    blocks: list[list[str]] = [[]]
    in_fence = False
    seen_text = False

    def new_block() -> None:
        if blocks[-1]:
            blocks.append([])

    for i, raw in enumerate(lines):
        if _FENCE.match(raw):
            in_fence = not in_fence
            new_block()
            continue
        if in_fence:
            continue
        if not raw.strip():
            new_block()
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        heading = _ATX.match(raw)
        if heading:
            if not seen_text and title is None and len(heading.group(1)) == 1:
                title = _inline(heading.group(2)) or None
            new_block()
            seen_text = True
            continue
        if _SETEXT.match(nxt) and raw.strip() and not _LIST.match(raw) and not blocks[-1]:
            if not seen_text and title is None and nxt.strip().startswith("="):
                title = _inline(raw) or None
            lines[i + 1] = ""  # the underline is consumed with its heading
            new_block()
            seen_text = True
            continue
        if _RULE.match(raw) or _TABLE.match(raw) or _REFDEF.match(raw):
            new_block()
            continue
        line = _QUOTE.sub("", raw)
        if _LIST.match(line):
            new_block()
            line = _LIST.sub("", line)
        text = _inline(line)
        if text:
            blocks[-1].append(text)
            seen_text = True
    paras = [" ".join(b) for b in blocks if b]
    return "\n\n".join(paras), title
