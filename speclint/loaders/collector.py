"""Pausing Python's cycle collector while a loader builds a large model."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause the cycle collector while a spec is parsed and its model built.

    A large spec becomes millions of dicts, lists, AST nodes and model objects, all acyclic: the
    collector would scan them again and again as they are made, for nothing (reference counting
    frees them). What exists once loading ends is moved to the oldest generation (``gc.freeze``
    then ``gc.unfreeze``; skipped when someone else froze objects), so that the young
    collections during the rules do not walk it either. Nested uses leave the collector to the
    outermost one.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
