"""Which operations a run tests: ``--operation`` patterns, then ``--shard K/N``."""

from __future__ import annotations

import difflib
from typing import Callable, Sequence, TypeVar

from speclint.errors import UsageError
from speclint.fuzz.options import FuzzOptions

T = TypeVar("T")
_CLOSEST = 3


def select(options: FuzzOptions, items: Sequence[T], name: Callable[[T], str]) -> list[T]:
    """The items the options select, in spec order.

    A pattern that matches no operation is a usage error naming the closest names. With
    ``--shard K/N`` the i-th selected operation (0-based) belongs to shard ``i % N + 1``: every
    CI job computes the same split from the same spec, and the shards differ in size by one.
    """
    names = [name(item) for item in items]
    for pattern in options.operations:
        if not any(options.matches(pattern, n) for n in names):
            raise UsageError(f"--operation {pattern!r} matches no operation{_closest(pattern, names)}")
    chosen = [item for item, n in zip(items, names) if options.selects(n)]
    if options.shard is not None:
        index, total = options.shard
        chosen = [item for position, item in enumerate(chosen) if position % total == index - 1]
    return chosen


def _closest(pattern: str, names: Sequence[str]) -> str:
    if not names:
        return " (the spec has none)"
    lowered = {n.lower(): n for n in names}
    close = difflib.get_close_matches(pattern.lower(), list(lowered), n=_CLOSEST, cutoff=0.0)
    partial = [n for n in names if pattern.lower() in n.lower()]  # a case slip
    best = list(dict.fromkeys(partial + [lowered[c] for c in close]))[:_CLOSEST]
    return "; closest: " + ", ".join(repr(n) for n in best)
