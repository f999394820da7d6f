"""The pytest plugin (entry point ``pytest11``): inert until asked for with its options."""

from __future__ import annotations

from typing import Any


def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("speclint")
    group.addoption("--speclint", action="store_true", default=False, help="lint spec files as test items")
