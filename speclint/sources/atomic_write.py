"""Write a file whole or not at all: reports, baselines and cache entries.

The content goes to a temporary file beside the destination, which is renamed over it only
once everything was written and closed. A full disk, a file-size limit or a failing reporter
therefore leaves the previous file as it was (or no file), never a 0-byte or half-written one,
and the temporary file is removed. Destinations that are not regular files (``/dev/stdout``,
``/dev/null``, ``/dev/full``, a named pipe) are written directly: renaming over them would
replace the device or pipe itself.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import BinaryIO, Iterator, TextIO


@contextmanager
def atomic_text_writer(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A UTF-8 text stream (``\\n`` line ends) whose content replaces ``path`` when the block ends
    without an exception. ``OSError`` (and anything the block raises) propagates."""
    with _atomic(path) as name, open(name, "w", encoding="utf-8", newline="\n") as stream:
        yield stream


@contextmanager
def atomic_binary_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """As :func:`atomic_text_writer`, for bytes."""
    with _atomic(path) as name, open(name, "wb") as stream:
        yield stream


@contextmanager
def _atomic(path: str | os.PathLike[str]) -> Iterator[str]:
    """The name of the file to write (and close) in the block; on success it becomes ``path``."""
    current = _stat(Path(path))
    if current is not None and not stat.S_ISREG(current.st_mode):
        yield os.fspath(path)
        return
    target = Path(os.path.realpath(path))  # through a symbolic link: the file it names is replaced
    raw, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(raw)
    try:
        yield temporary
        os.chmod(temporary, stat.S_IMODE(current.st_mode) if current is not None else _new_file_mode())
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


@cache
def _new_file_mode() -> int:
    """The mode ``open(path, "w")`` would give a new file (mkstemp's own is 0o600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
