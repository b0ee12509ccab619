"""One error tree for the whole tool.

Every failure a user can cause or fix is a :class:`RetellError`; its message says what to do,
``exit_code`` is what the command line exits with and ``http_status`` what ``retell serve``
answers with. Nothing else should escape to the user as a traceback.

    RetellError                      exit 2 / HTTP 500
    ├── UsageError                   exit 2 / HTTP 400   bad flags or option values
    ├── InputError                   exit 2 / HTTP 422   the input cannot be read or used
    │   ├── EmptyInputError                              nothing to read
    │   ├── BinaryInputError                             bytes that are not text
    │   ├── NoArticleError                               HTML with no article in it
    │   └── NotEnglishError                              a text in another language
    ├── FetchError                   exit 2 / HTTP 502   a URL could not be fetched
    │   └── BlockedAddressError      exit 2 / HTTP 400   loopback/private address refused
    └── EngineError                  exit 2 / HTTP 502   a writing engine failed
        └── LLMError                                     the model server failed
            ├── LLMConnectionError                       nothing listening / DNS
            ├── LLMAuthError                             key refused
            ├── LLMModelError                            unknown model
            └── LLMTimeoutError                          took too long
"""

from __future__ import annotations

__all__ = [
    "RetellError",
    "UsageError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "NoArticleError",
    "NotEnglishError",
    "FetchError",
    "BlockedAddressError",
    "EngineError",
    "LLMError",
    "LLMConnectionError",
    "LLMAuthError",
    "LLMModelError",
    "LLMTimeoutError",
]


class RetellError(Exception):
    """Root of every error retell raises on purpose."""

    exit_code: int = 2
    http_status: int = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(RetellError):
    """A flag or argument has a value retell cannot use."""

    http_status = 400


class InputError(RetellError):
    """The input exists but cannot be turned into an article."""

    http_status = 422


class EmptyInputError(InputError):
    """The input holds no text at all."""


class BinaryInputError(InputError):
    """The input is bytes that do not decode as text (an image, a PDF, an archive…)."""


class NoArticleError(InputError):
    """An HTML page in which no article body could be found."""


class NotEnglishError(InputError):
    """The text is not English; retell's rules are written for English only."""


class FetchError(RetellError):
    """A URL could not be fetched (unreachable, too big, too many redirects, HTTP error)."""

    http_status = 502


class BlockedAddressError(FetchError):
    """A URL resolves to a loopback, private or link-local address and was refused."""

    http_status = 400


class EngineError(RetellError):
    """A writing engine failed in a way the user can act on."""

    http_status = 502


class LLMError(EngineError):
    """The OpenAI-compatible server could not be used."""


class LLMConnectionError(LLMError):
    """Nothing answered at the configured base URL."""


class LLMAuthError(LLMError):
    """The server refused the API key."""


class LLMModelError(LLMError):
    """The server does not know the configured model."""


class LLMTimeoutError(LLMError):
    """The server did not answer in time."""
