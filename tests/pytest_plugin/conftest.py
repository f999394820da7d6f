"""The plugin is tested through pytest itself (``pytester``), on real spec files and a real
REST server (fixtures/servers/rest) on 127.0.0.1."""

from __future__ import annotations

import importlib
import importlib.util
import io
import pkgutil
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

import speclint.custom

ROOT = Path(__file__).resolve().parents[2]
REST = ROOT / "fixtures" / "servers" / "rest"
SECRET = "s3cret-token"
# pytester runs nested sessions: keep them plain, quick and deterministic
BASE_ARGS = ("-p", "no:randomly", "-p", "no:cacheprovider", "-p", "no:benchmark", "-q")


def pytest_configure(config: pytest.Config) -> None:
    """Enable pytest's own ``pytester`` plugin for these tests.

    ``pytest_plugins = ["pytester"]`` is refused in a conftest below the root one when the
    whole suite runs, so the plugin is registered here (its options get their defaults).
    """
    config.pluginmanager.import_plugin("pytester")


def _load_once() -> None:
    """Import, in this process, everything the nested runs use.

    pytester's in-process runs drop, after each run, the modules first imported during it. A
    module imported again is a second copy (enum classes, the rule registry), and rapidyaml's
    native module does not survive it at all (a segmentation fault). Linting a small tree and
    importing the fuzzing stack here, while the tests are collected, keeps one copy of each
    for the whole session.
    """
    from speclint.config import resolve_run_config
    from speclint.lint import lint
    from speclint.loaders.base import LoadOptions
    from speclint.report.base import Report, ReportStyle, reporter_for
    from tests.pytest_plugin.specs import QUERY_SDL, SHOP, TYPES_SDL

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in (("shop.yaml", SHOP), ("q.graphql", QUERY_SDL), ("t.graphql", TYPES_SDL)):
            (root / name).write_text(text)
        run_config = resolve_run_config(None, None, [], [], cwd=root)
        result = lint([root], run_config.settings, LoadOptions(settings=dict(run_config.loader_settings)))
        report = Report(run_config.apply(result.findings), result.files, "0")
        reporter_for("text").write(report, io.StringIO(), ReportStyle())
    for name in (
        "ryml",
        "requests",
        "schemathesis",
        "speclint.fuzz.engine",
        "speclint.fuzz.rest.runner",
        "speclint.pytest_plugin.state",
        "speclint.pytest_plugin.fixture",
        "speclint.pytest_plugin.serve",
        "speclint.config.custom_rulesets",  # custom rulesets (tests/pytest_plugin/test_run_scoped.py)
        *(f"speclint.custom.{info.name}" for info in pkgutil.iter_modules(speclint.custom.__path__)),
    ):
        importlib.import_module(name)


_load_once()


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
