"""``speclint check -``: a spec read from standard input, reported under ``--stdin-filename``.

Editors pipe an unsaved buffer this way. The text is written to a private temporary folder
under the name's last component (so the format is detected from content and extension as for
a file) and linted there; every finding and file name that points at that copy is then
reported under NAME. ``$ref``s and imports are resolved from the temporary folder, so relative
references to sibling files do not resolve (``speclint server`` reads unsaved buffers with
their siblings).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from speclint.errors import UsageError
from speclint.findings import Finding
from speclint.loaders.display import display_path

DEFAULT_NAME = "stdin"


class StdinSpec:
    """The copy of standard input on disk, and how to report it under its given name."""

    def __init__(self, name: str | None) -> None:
        self.name = name or DEFAULT_NAME
        base = Path(self.name).name
        if not base or base in (".", ".."):
            raise UsageError(f"--stdin-filename needs a file name: {self.name!r}")
        self._folder = Path(tempfile.mkdtemp(prefix="speclint-stdin-"))
        self.path = self._folder / base
        try:
            self.path.write_bytes(sys.stdin.buffer.read())
        except BaseException:
            self.close()
            raise

    def _copies(self) -> set[str]:
        return {str(self.path), display_path(self.path)}

    def rename_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        copies = self._copies()
        return [replace(f, file=self.name) if f.file in copies else f for f in findings]

    def rename_files(self, files: Iterable[str]) -> list[str]:
        copies = self._copies()
        return list(dict.fromkeys(self.name if f in copies else f for f in files))

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)
