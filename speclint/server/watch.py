"""``speclint check --watch``: lint, then lint again what each change on disk touches.

The same incremental machinery as the language server (``session.py``), fed the disk: every
``interval`` seconds the files the session depends on are compared by modification time and
size; a change waits one more interval (a writer may not be done), then only the units that
read a changed file are linted again and the reports are written afresh. Spec files that
appear or disappear are picked up by discovering the paths again every few seconds.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable

from speclint.server.session import LintSession

Stamp = tuple[int, int]
REDISCOVER_S = 2.0


def watch(session: LintSession, show: Callable[[], int], interval: float = 0.3) -> int:
    """Lint, ``show()`` the reports, and repeat on changes until interrupted (exit 130)."""
    try:
        session.lint_all()
        show()
        _announce(session, None)
        stamps = _stamps(session.known_files())
        discovered = time.monotonic()
        while True:
            time.sleep(interval)
            current = _stamps(session.known_files())
            changed = {path for path in stamps.keys() | current.keys() if stamps.get(path) != current.get(path)}
            if time.monotonic() - discovered >= REDISCOVER_S:
                session.discover()
                discovered = time.monotonic()
            new = [u for u in session.units if u not in session.states]
            if not changed and not new:
                continue
            time.sleep(interval)  # let the writer finish
            started = time.monotonic()
            units = {u for path in changed for u in session.units_for(path)} | set(new)
            session.lint([u for u in session.units if u in units])
            show()
            _announce(session, (len(units), time.monotonic() - started))
            stamps = _stamps(session.known_files())
    except KeyboardInterrupt:
        return 130


def _announce(session: LintSession, relinted: tuple[int, float] | None) -> None:
    done = f"re-linted {relinted[0]} unit(s) in {relinted[1]:.2f} s; " if relinted else ""
    files = len(session.known_files())
    sys.stderr.write(f"speclint: {done}watching {files} file(s) for changes (Ctrl-C to stop)\n")
    sys.stderr.flush()


def _stamps(paths: set[str]) -> dict[str, Stamp]:
    stamps: dict[str, Stamp] = {}
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            continue
        stamps[path] = (status.st_mtime_ns, status.st_size)
    return stamps


__all__ = ["watch"]
