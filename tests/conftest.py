"""Shared fixtures: the seed article and its Metro rewrite, copied here so tests need no ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return FIXTURES / "seed_article.txt"


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rewrite_path() -> Path:
    return FIXTURES / "seed_rewrite.txt"


@pytest.fixture(scope="session")
def rewrite_text(rewrite_path: Path) -> str:
    return rewrite_path.read_text(encoding="utf-8")
