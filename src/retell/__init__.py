"""retell: a news article in, a short faithful segmented report out; and an audit of any rewrite.

>>> import retell
>>> rep = retell.report(text)            # Report: rep.to_dict(), rep.render("text")
>>> aud = retell.audit(source, rewrite)  # Audit: aud.consistent, aud.to_dict()
"""

from retell.check.model import Audit, Finding, SentenceVerdict, Span
from retell.errors import (
    BinaryInputError,
    BlockedAddressError,
    EmptyInputError,
    EngineError,
    FetchError,
    InputError,
    LLMAuthError,
    LLMConnectionError,
    LLMError,
    LLMModelError,
    LLMTimeoutError,
    NoArticleError,
    NotEnglishError,
    RetellError,
    UsageError,
)
from retell.ingest.article import Article, Paragraph, Sentence
from retell.model import Report, Segment, Written
from retell.pipeline import audit, report

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Audit",
    "BinaryInputError",
    "BlockedAddressError",
    "EmptyInputError",
    "EngineError",
    "FetchError",
    "Finding",
    "InputError",
    "LLMAuthError",
    "LLMConnectionError",
    "LLMError",
    "LLMModelError",
    "LLMTimeoutError",
    "NoArticleError",
    "NotEnglishError",
    "Paragraph",
    "Report",
    "RetellError",
    "Segment",
    "Sentence",
    "SentenceVerdict",
    "Span",
    "UsageError",
    "Written",
    "__version__",
    "audit",
    "report",
]
