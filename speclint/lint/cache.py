"""A cache of lint results keyed by file content and configuration.

An entry is stored per unit under ``.speclint_cache/`` (like ruff's ``.ruff_cache``): the
findings and suppressions of the unit, and the hashes of every file it read (the files its
``$ref``s or imports reached included). It is used again only when all those files are byte
for byte the same, under the same configuration, speclint version and working directory.
Entries are JSON, never pickle: a cache folder committed to a repository must not run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson

from speclint import __version__
from speclint.findings import Category, Finding, Severity
from speclint.lint.suppression import Suppression
from speclint.lint.units import Unit
from speclint.model import Span
from speclint.sources.overlay import read_bytes

CACHE_DIR = ".speclint_cache"
_SCHEMA = 1


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except OSError:
        return None


def _code_stamp() -> str:
    """Changes whenever speclint's own code changes (so development never reads stale results)."""
    root = Path(__file__).resolve().parent.parent
    stamp = hashlib.sha256(__version__.encode())
    for directory, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            if name.endswith((".py", ".yaml")):
                info = os.stat(os.path.join(directory, name))
                stamp.update(f"{name}:{info.st_mtime_ns}:{info.st_size};".encode())
    return stamp.hexdigest()


class LintCache:
    def __init__(self, directory: Path, configuration: Any) -> None:
        self.directory = directory
        text = json.dumps(configuration, sort_keys=True, default=repr)
        self.fingerprint = hashlib.sha256(f"{_code_stamp()}|{os.getcwd()}|{text}".encode()).hexdigest()[:24]

    def entry(self, unit: Unit) -> Path | None:
        """Where ``unit``'s result is kept: named by the content of its files (read once per run)."""
        digest = hashlib.sha256(f"{self.fingerprint}|{unit.format}|{unit.explicit}".encode())
        for path in unit.paths:
            content = file_digest(path)
            if content is None:
                return None
            digest.update(f"|{path.as_posix()}:{content}".encode())
        return self.directory / f"v{_SCHEMA}" / digest.hexdigest()[:2] / f"{digest.hexdigest()}.json"

    def get(self, entry: Path | None) -> dict[str, Any] | None:
        """The record at ``entry``, when every file it depends on is unchanged."""
        if entry is None or not entry.is_file():
            return None
        try:
            record = orjson.loads(entry.read_bytes())
            if not all(file_digest(Path(file)) == digest for file, digest in record["dependencies"].items()):
                return None
            return dict(record)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, entry: Path | None, unit: Unit, record: dict[str, Any]) -> None:
        if entry is None:
            return
        own = {p.as_posix() for p in unit.paths}
        dependencies = {}
        for file in record["files"]:
            if file not in own:
                digest = file_digest(Path(file))
                if digest is None:
                    return  # a remote or vanished file: not cacheable
                dependencies[file] = digest
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by speclint\n*\n", encoding="utf-8")
            with tempfile.NamedTemporaryFile("wb", dir=entry.parent, delete=False) as stream:
                stream.write(orjson.dumps({**record, "dependencies": dependencies}))
            os.replace(stream.name, entry)
        except OSError:
            pass  # a read-only checkout simply runs without a cache


def finding_to_json(finding: Finding) -> dict[str, Any]:
    return finding.as_dict()


def finding_from_json(data: dict[str, Any]) -> Finding:
    return Finding(**{**data, "category": Category(data["category"]), "severity": Severity(data["severity"])})


def suppression_to_json(suppression: Suppression) -> dict[str, Any]:
    span = suppression.span
    return {
        "file": suppression.file,
        "rules": sorted(suppression.rules),
        "span": [span.line, span.column, span.end_line, span.end_column],
        "pointer": suppression.pointer,
        "lines": sorted(suppression.lines),
        "scope": suppression.scope,
        "spec_format": suppression.spec_format,
    }


def suppression_from_json(data: dict[str, Any]) -> Suppression:
    return Suppression(
        file=data["file"],
        rules=frozenset(data["rules"]),
        span=Span(*data["span"]),
        pointer=data["pointer"],
        lines=frozenset(data["lines"]),
        scope=data["scope"],
        spec_format=data["spec_format"],
    )
