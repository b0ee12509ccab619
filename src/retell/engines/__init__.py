"""Writing engines, registered as plugins.

Like simonw/llm's ``register_models`` hook: each engine module implements the
``register_engines(register)`` hook, the built-in ones included, and third-party packages do the
same through the ``retell`` entry-point group. Adding an engine is a new module, not an edit here.

An engine turns the planned parts of an article into a :class:`Draft`: per part, the written
sentences (each citing source sentence ids) and optionally a closing question, plus an optional
headline. The pipeline fills what an engine leaves out, then checks and repairs the whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import pluggy

from retell.errors import UsageError
from retell.ingest.article import Article
from retell.model import Written
from retell.plan import Part

hookspec = pluggy.HookspecMarker("retell")
hookimpl = pluggy.HookimplMarker("retell")

DEFAULT_PLUGINS = ("retell.engines.extractive", "retell.engines.llm")


@dataclass(frozen=True)
class DraftSegment:
    """What an engine wrote for one part."""

    sentences: tuple[Written, ...]
    question: str | None = None


@dataclass(frozen=True)
class Draft:
    """What an engine wrote for the whole article."""

    segments: tuple[DraftSegment, ...]
    headline: str | None = None


@dataclass(frozen=True)
class Options:
    """Settings an engine may use; ``extra`` carries engine-specific flags (LLM URL, model…)."""

    words: int = 90
    extra: dict[str, Any] = field(default_factory=dict)


class Engine(Protocol):
    name: str

    def write(self, article: Article, parts: Sequence[Part], options: Options) -> Draft: ...


class _Specs:
    @hookspec
    def register_engines(self, register: Callable[[Engine], None]) -> None:
        """Call ``register(engine)`` for each engine this plugin provides."""


_pm: pluggy.PluginManager | None = None


def plugin_manager() -> pluggy.PluginManager:
    global _pm
    if _pm is None:
        import importlib

        pm = pluggy.PluginManager("retell")
        pm.add_hookspecs(_Specs)
        for name in DEFAULT_PLUGINS:
            pm.register(importlib.import_module(name), name)
        pm.load_setuptools_entrypoints("retell")
        _pm = pm
    return _pm


def engines() -> dict[str, Engine]:
    """Every registered engine by name."""
    found: dict[str, Engine] = {}
    plugin_manager().hook.register_engines(register=lambda e: found.__setitem__(e.name, e))
    return found


def get_engine(name: str) -> Engine:
    """The engine called ``name``; a :class:`UsageError` naming the choices otherwise."""
    known = engines()
    if name not in known:
        raise UsageError(f"unknown engine {name!r}: choose one of {', '.join(sorted(known))}")
    return known[name]
