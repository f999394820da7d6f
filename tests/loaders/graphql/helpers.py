"""Helpers for the GraphQL loader tests: run ``check`` and pick findings by rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from speclint.loaders.base import LoadOptions
from speclint.loaders.graphql import GraphQLLoader
from speclint.model import Api
from tests.conftest import run_cli

LOADER_RULES = ("syntax-error", "invalid-structure", "unknown-format")


def check_json(*paths: str | Path) -> tuple[int, list[dict[str, Any]]]:
    """Exit status and diagnostics of ``speclint check --format json``."""
    result = run_cli("check", "--format", "json", *paths)
    assert result.stdout, result.stderr
    return result.code, result.json()["diagnostics"]


def at(diagnostics: list[dict[str, Any]], *rules: str) -> list[tuple[str, str, int, int]]:
    """(rule, file name, line, column) of the diagnostics of ``rules``, sorted."""
    wanted = rules or LOADER_RULES
    return sorted(
        (d["rule"], Path(d["file"]).name, d["line"], d["column"]) for d in diagnostics if d["rule"] in wanted
    )


def load_api(*paths: Path, settings: dict[str, object] | None = None) -> Api:
    roots = tuple({p.resolve().parent for p in paths})
    options = LoadOptions(roots=roots, settings=dict(settings or {}))
    results = GraphQLLoader().load(list(paths), options)
    assert len(results) == 1
    api = results[0].api
    assert api is not None, results[0].findings
    return api
