"""Fixtures of the `reportlint serve` HTTP tests: an app on settings of the test's own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from reportlint.serve.app import create_app
from reportlint.serve.settings import ServeSettings


@pytest.fixture
def tmp_root(tmp_path: Path) -> Path:
    """Where the server makes its job directories (must be empty after every job)."""
    return tmp_path / "jobs"


@pytest.fixture
def make_client(tmp_root: Path):
    """``with make_client(**settings) as client``: an app on its own settings; the test
    client is entered, so the app's event loop (and its jobs) live through the block."""

    @contextmanager
    def _make(**overrides: Any) -> Iterator[TestClient]:
        settings = ServeSettings(**{"workers": 2, "tmp_root": str(tmp_root), **overrides})
        with TestClient(create_app(settings)) as client:
            yield client

    return _make


@pytest.fixture
def client(make_client) -> Iterator[TestClient]:
    with make_client() as c:
        yield c
