"""Unsaved editor buffers, read before the disk.

An editor lints what the user sees, not what was last saved: ``speclint server`` puts the open
buffers here (keyed by real path) for the length of a run, and every place that reads a spec
file — the loaders, ``$ref`` targets, imports, the cache's digests, suppression scans — reads
through :func:`read_bytes`. Outside a run the overlay is empty and the disk is read directly.
The overlay is process-wide (not per thread) on purpose: protoc runs are started from a thread
pool and must see the same buffers.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

_buffers: Mapping[str, bytes] = {}


def read_bytes(path: Path | str) -> bytes:
    """The content of ``path``: its open buffer if there is one, else the file on disk."""
    if _buffers:
        data = _buffers.get(os.path.realpath(path))
        if data is not None:
            return data
    with open(path, "rb") as stream:
        return stream.read()


def read_head(path: Path | str, size: int) -> bytes:
    """The first ``size`` bytes of ``path``, from its open buffer if there is one."""
    if _buffers:
        data = _buffers.get(os.path.realpath(path))
        if data is not None:
            return data[:size]
    with open(path, "rb") as stream:
        return stream.read(size)


def buffers() -> Mapping[str, bytes]:
    """The buffers of the current run, by real path (empty outside a run)."""
    return _buffers


@contextmanager
def overlay(contents: Mapping[str, bytes]) -> Iterator[None]:
    """Read ``contents`` (real path -> bytes) instead of the disk while the block runs."""
    global _buffers
    previous = _buffers
    _buffers = {os.path.realpath(path): data for path, data in contents.items()}
    try:
        yield
    finally:
        _buffers = previous


__all__ = ["buffers", "overlay", "read_bytes", "read_head"]
