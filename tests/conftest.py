"""Test-wide setup: no BRIEFBOT_* settings of the machine running the tests leak into them."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _no_briefbot_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings of the machine running the tests must not leak into them."""
    for name in list(os.environ):
        if name.startswith("BRIEFBOT_"):
            monkeypatch.delenv(name)
