"""The plugin is tested through pytest itself (``pytester``), on real spec files and a real
REST server (fixtures/servers/rest) on 127.0.0.1."""

from __future__ import annotations

import importlib.util
import shutil
import socket
from pathlib import Path
from typing import Iterator

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Enable pytest's own ``pytester`` plugin for these tests.

    ``pytest_plugins = ["pytester"]`` is refused in a conftest below the root one when the
    whole suite runs, so the plugin is registered here (its options get their defaults).
    """
    config.pluginmanager.import_plugin("pytester")


# pytester's in-process runs drop, after each run, the modules first imported during it; native
# extensions (rapidyaml's SWIG module above all) do not survive being imported a second time.
# Importing them here keeps them loaded for the whole session.
for _name in ("ryml", "yaml_rs", "orjson", "jsonschema_rs", "speclint.sources.tree_positions"):
    try:
        importlib.import_module(_name)
    except ImportError:
        pass

ROOT = Path(__file__).resolve().parents[2]
REST = ROOT / "fixtures" / "servers" / "rest"
SECRET = "s3cret-token"
# pytester runs nested sessions: keep them plain, quick and deterministic
BASE_ARGS = ("-p", "no:randomly", "-p", "no:cacheprovider", "-p", "no:benchmark", "-q")


@pytest.fixture(scope="session")
def rest_url() -> Iterator[str]:
    """The REST fixture server (planted bugs), served from a thread on a free port."""
    spec = importlib.util.spec_from_file_location("speclint_plugin_tests_rest_server", REST / "server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    server, url = module.start(0)
    yield url
    server.shutdown()


@pytest.fixture
def closed_url() -> str:
    """An http URL where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def rest_spec(pytester: pytest.Pytester) -> Path:
    """The REST server's spec, copied into the pytester folder as ``openapi.yaml``."""
    target = pytester.path / "openapi.yaml"
    shutil.copy(REST / "openapi.yaml", target)
    return target
