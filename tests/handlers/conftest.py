"""Handler contexts over the shared stores: the shipped documents and the invented articles."""

from __future__ import annotations

import pytest

from handlers import Context


@pytest.fixture
def seeds(seeds_snapshot) -> Context:
    return Context(seeds_snapshot)


@pytest.fixture
def news(news_snapshot) -> Context:
    return Context(news_snapshot)
