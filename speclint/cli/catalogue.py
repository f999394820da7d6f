"""Every id speclint can print, for ``rules`` and ``explain``: the lint rules, loader problems and
contract checks of ``speclint.rules``, and the change rules of ``speclint.diff``."""

from __future__ import annotations

from speclint.rules.registry import Kind, Registry, builtin_registry

KINDS = tuple(k.value for k in Kind)


def catalogue(base: Registry | None = None) -> Registry:
    """``base`` (the built-in registry, or a run's overlay of it) with the change rules."""
    from speclint.diff.registry import change_registry

    return (base or builtin_registry()).overlay(change_registry().specs(removed=True))
