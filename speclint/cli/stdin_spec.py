"""``speclint check -``: a spec read from standard input, reported under ``--stdin-filename``.

Editors pipe an unsaved buffer this way. When NAME is a file on disk, or a new file in a folder
that exists, the text is linted as NAME itself: it is read in place of the file through
:mod:`speclint.sources.overlay` (as ``speclint server`` reads open buffers), so its relative
``$ref``s reach the files beside NAME, and refs outside NAME's folder are refused as for a file
named on the command line. Otherwise (no name, a folder that does not exist, a ``.proto`` file
that is not on disk, which protoc would not find) the text is written to a private temporary
folder under the name's last component and linted there; every finding and file name that
points at that copy is then reported under NAME.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from speclint.errors import UsageError
from speclint.findings import Finding
from speclint.loaders.display import display_path
from speclint.sources.overlay import overlay

DEFAULT_NAME = "stdin"


class StdinSpec:
    """The standard input's text, where it is linted, and how to report it under its given name."""

    def __init__(self, name: str | None) -> None:
        self.name = name or DEFAULT_NAME
        base = Path(self.name).name
        if not base or base in (".", ".."):
            raise UsageError(f"--stdin-filename needs a file name: {self.name!r}")
        self.data = sys.stdin.buffer.read()
        self._folder: Path | None = None
        if name is not None and _in_place(Path(name)):
            self.path = Path(name)
            return
        self._folder = Path(tempfile.mkdtemp(prefix="speclint-stdin-"))
        self.path = self._folder / base
        try:
            self.path.write_bytes(self.data)
        except BaseException:
            self.close()
            raise

    @contextmanager
    def reading(self) -> Iterator[None]:
        """While linting: NAME reads as the standard input's text (when linted in place)."""
        if self._folder is not None:
            yield
            return
        with overlay({str(self.path): self.data}):
            yield

    def _copies(self) -> set[str]:
        return {str(self.path), display_path(self.path)}

    def rename_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        copies = self._copies()
        return [replace(f, file=self.name) if f.file in copies else f for f in findings]

    def rename_files(self, files: Iterable[str]) -> list[str]:
        copies = self._copies()
        return list(dict.fromkeys(self.name if f in copies else f for f in files))

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)


def _in_place(path: Path) -> bool:
    """Whether the text can be linted as ``path``: a regular file, or a new one in an existing
    folder (but not a new ``.proto``: protoc reads buffers only in place of files on disk)."""
    if path.exists():
        return path.is_file()
    return path.parent.is_dir() and path.suffix.lower() != ".proto"
