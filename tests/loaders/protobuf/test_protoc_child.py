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
