"""Test-wide setup: no BRIEFBOT_* settings of the machine running the tests leak into them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import write_news

from knowledge.extract import extract_folder
from knowledge.store import Snapshot, open_store


@pytest.fixture(autouse=True)
def _no_briefbot_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings of the machine running the tests must not leak into them."""
    for name in list(os.environ):
        if name.startswith("BRIEFBOT_"):
            monkeypatch.delenv(name)


# ---------------------------------------------------------------- knowledge for the answering layer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def _news_extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented articles of `helpers.NEWS_DOCS`, extracted once (extraction is the slow part)."""
    folder = write_news(tmp_path_factory.mktemp("news-template") / "docs")
    extract_folder(folder, progress=False)
    return folder


@pytest.fixture(scope="module")
def news_folder(_news_extracted: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the invented articles with their claim files, for one test module."""
    target = tmp_path_factory.mktemp("news") / "docs"
    shutil.copytree(_news_extracted, target)
    return target


@pytest.fixture(scope="module")
def news_db(news_folder: Path) -> str:
    return f"sqlite:///{news_folder.parent / 's.db'}"


@pytest.fixture(scope="module")
def news_snapshot(news_folder: Path, news_db: str) -> Snapshot:
    snapshot = open_store(news_folder, news_db, progress=False)
    assert not snapshot.problems
    return snapshot


@pytest.fixture(scope="module")
def seeds_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped documents with their committed claim files (never the shipped store)."""
    target = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(SEEDS, target, ignore=shutil.ignore_patterns("*.db", "*.db-*"))
    return target


@pytest.fixture(scope="module")
def seeds_db(seeds_folder: Path) -> str:
    return f"sqlite:///{seeds_folder.parent / 's.db'}"


@pytest.fixture(scope="module")
def seeds_snapshot(seeds_folder: Path, seeds_db: str) -> Snapshot:
    snapshot = open_store(seeds_folder, seeds_db, progress=False)
    assert not snapshot.problems
    return snapshot
