"""Fixture servers for the fuzz tests: real HTTP servers on 127.0.0.1, on free ports."""

from __future__ import annotations

import importlib.util
import socket
from pathlib import Path
from types import ModuleType
from typing import Iterator

import pytest

SERVERS = Path(__file__).resolve().parents[2] / "fixtures" / "servers"
SECRET = "s3cret-token"
AUTH = f"Authorization: Bearer {SECRET}"


def load_server(kind: str) -> ModuleType:
    """Import fixtures/servers/<kind>/server.py under a name of its own."""
    path = SERVERS / kind / "server.py"
    spec = importlib.util.spec_from_file_location(f"speclint_fixture_{kind}_server", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def rest_url() -> Iterator[str]:
    server, url = load_server("rest").start(0)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def graphql_url() -> Iterator[str]:
    server, url = load_server("graphql").start(0)
    yield url
    server.shutdown()


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
