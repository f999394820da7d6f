"""Fixtures of the language-server tests."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.server.editor import Editor


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[Editor]:
    started = Editor(tmp_path)
    try:
        yield started
    finally:
        started.kill()
