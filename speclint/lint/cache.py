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
import sys
from pathlib import Path
from typing import Any

import orjson

from speclint import __version__
from speclint.findings import Category, Finding, Severity
from speclint.lint.suppression import Suppression
from speclint.lint.units import Unit
from speclint.model import Span
from speclint.sources.atomic_write import atomic_binary_writer
from speclint.sources.overlay import read_bytes

CACHE_DIR = ".speclint_cache"
_SCHEMA = 2


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except OSError:
        return None


def _code_stamp() -> str:
    """Changes whenever speclint's own code changes (so development never reads stale results)."""
    stamp = hashlib.sha256(__version__.encode())
    _stamp_tree(stamp, Path(__file__).resolve().parent.parent)
    return stamp.hexdigest()


def _stamp_tree(stamp: Any, root: Path) -> None:
    """Add the name, modification time and size of every code or data file below ``root``."""
    for directory, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".yml", ".json")):
                info = os.stat(os.path.join(directory, name))
                stamp.update(f"{name}:{info.st_mtime_ns}:{info.st_size};".encode())


def _rule_packs_stamp() -> str:
    """Changes when a rule pack (``speclint.rules`` entry point) is added, removed, upgraded or
    edited: each pack's distribution name and version, and the files of its code."""
    from importlib.metadata import entry_points

    stamp = hashlib.sha256()
    for entry in sorted(entry_points(group="speclint.rules"), key=lambda e: (e.name, e.value)):
        dist = entry.dist
        package = f"{dist.name}=={dist.version}" if dist is not None else ""
        stamp.update(f"{entry.name}={entry.value}@{package};".encode())
        module = sys.modules.get(entry.module.split(".")[0])
        if module is None:
            continue
        folders = list(getattr(module, "__path__", None) or [])
        if folders:
            for folder in folders:
                _stamp_tree(stamp, Path(folder))
        elif getattr(module, "__file__", None):
            info = os.stat(str(module.__file__))
            stamp.update(f"{module.__file__}:{info.st_mtime_ns}:{info.st_size};".encode())
    return stamp.hexdigest()


class LintCache:
    def __init__(self, directory: Path, configuration: Any, rule_files: dict[str, str] | None = None) -> None:
        """``configuration``: everything of the run that changes results; ``rule_files``: the
        configuration and ruleset files read (their paths and digests), for custom rules."""
        self.directory = directory
        text = json.dumps([configuration, rule_files or {}], sort_keys=True, default=repr)
        stamps = f"{_code_stamp()}|{_rule_packs_stamp()}|{os.getcwd()}|{text}"
        self.fingerprint = hashlib.sha256(stamps.encode()).hexdigest()[:24]

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
        dependencies: dict[str, str | None] = {}
        for file in record["files"]:
            if file not in own:
                digest = file_digest(Path(file))
                if digest is None:
                    return  # a remote or vanished file: not cacheable
                dependencies[file] = digest
        for file in record["read"]:
            dependencies[file] = file_digest(Path(file))  # None: absent, and must stay absent
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                with atomic_binary_writer(ignore) as stream:
                    stream.write(b"# Created by speclint\n*\n")
            with atomic_binary_writer(entry) as stream:  # a failed write leaves no entry, no temp file
                stream.write(orjson.dumps({**record, "dependencies": dependencies}))
        except OSError:
            pass  # a read-only checkout or a full disk simply runs without a cache


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
