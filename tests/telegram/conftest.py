"""Fixtures for the Telegram end-to-end tests: a fake Bot API server, a knowledge Context over a copy of seeds/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from botapi_server import FakeBotAPI
from harness import ADMIN_ID

from bot.config import Config
from handlers import Context
from knowledge.store import Snapshot, open_store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def seeds_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.iterdir():
        if path.suffix in (".txt", ".yaml"):
            shutil.copy2(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def snapshot(seeds_copy: Path) -> Snapshot:
    return open_store(seeds_copy, f"sqlite:///{seeds_copy.parent}/s.db", progress=False)


@pytest.fixture
def server() -> FakeBotAPI:
    api = FakeBotAPI().start()
    yield api
    api.stop()


@pytest.fixture
def config(server: FakeBotAPI, seeds_copy: Path) -> Config:
    return Config(seeds=seeds_copy, db=f"sqlite:///{seeds_copy.parent}/s.db", telegram_token=server.token,
                  telegram_base_url=server.base_url, admins={str(ADMIN_ID)})


@pytest.fixture
def context(snapshot: Snapshot, config: Config) -> Context:
    return Context(snapshot, config)
