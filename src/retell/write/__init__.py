"""Write: the report's headline, its section label and each segment's closing question.

Everything here is copied or deleted from the source, never invented: the headline is the source's
title or a deletion-only compression of a lead sentence; questions wrap a noun phrase copied from
the segment in an open template that asserts nothing.
"""

from __future__ import annotations

from retell.write.headline import Headline, clean_title, compress, headline, make_headline
from retell.write.questions import TEMPLATES, Subject, question, subjects
from retell.write.section import SECTIONS, section, section_from_hint, section_scores

__all__ = [
    "SECTIONS",
    "TEMPLATES",
    "Headline",
    "Subject",
    "clean_title",
    "compress",
    "headline",
    "make_headline",
    "question",
    "section",
    "section_from_hint",
    "section_scores",
    "subjects",
]
