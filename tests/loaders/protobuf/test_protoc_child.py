"""protoc's child process: on Linux it allocates with mimalloc when the wheel is installed (a
sixth less CPU on large trees), and a user's own ``LD_PRELOAD`` is left alone."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from speclint.loaders.protobuf import protoc
from speclint.loaders.protobuf.roots import well_known_root


def _mimalloc_installed() -> bool:
    try:
        importlib.metadata.distribution("cmeel-mimalloc")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def _libraries_of_the_protoc_child(monkeypatch: pytest.MonkeyPatch) -> str:
    """The memory map of a protoc child started for a small compile."""
    monkeypatch.setattr(protoc, "_POOL", None)  # a pool of our own: new children, this environment
    protoc._child_environment.cache_clear()
    try:
        root = well_known_root()
        assert root is not None
        run = protoc.run_protoc(["google/protobuf/empty.proto"], [root])
        assert run.ok and run.descriptor_set
        server = protoc._servers().idle[0]
        assert server.process is not None
        return Path(f"/proc/{server.process.pid}/maps").read_text()
    finally:
        protoc._servers().close()
        protoc._child_environment.cache_clear()


@pytest.mark.skipif(not sys.platform.startswith("linux") or not _mimalloc_installed(), reason="Linux, cmeel-mimalloc")
def test_the_protoc_child_allocates_with_mimalloc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    assert "libmimalloc" in _libraries_of_the_protoc_child(monkeypatch)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_users_own_preload_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LD_PRELOAD", "libc.so.6")
    assert "libmimalloc" not in _libraries_of_the_protoc_child(monkeypatch)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_a_path_the_loader_would_split_is_not_preloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # LD_PRELOAD is split at spaces and colons: a venv under "My Projects" cannot name it.
    library = tmp_path / "My Projects" / "cmeel.prefix" / "lib" / "libmimalloc.so"
    library.parent.mkdir(parents=True)
    library.write_bytes(b"")

    class Installed:
        def locate_file(self, name: str) -> Path:
            return tmp_path / "My Projects" / name

    monkeypatch.delenv("LD_PRELOAD", raising=False)
    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: Installed())
    protoc._child_environment.cache_clear()
    try:
        assert protoc._child_environment() is None
    finally:
        protoc._child_environment.cache_clear()
