"""Baselines: the findings a project accepted on a given day, hidden from later runs.

A finding is keyed by rule, file, pointer and message, never by line, so a baseline keeps
matching when the spec is edited elsewhere. ``count`` says how many findings share a key; a run
hides at most that many, so a new occurrence of an old problem still shows.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from speclint.errors import ConfigError, InputError, OutputError
from speclint.findings import Finding
from speclint.sources.atomic_write import atomic_text_writer

VERSION = 1
Key = tuple[str, str, str, str]


def key_of(finding: Finding) -> Key:
    return (finding.rule, finding.file, finding.pointer, finding.message)


@dataclass
class Baseline:
    counts: Counter[Key] = field(default_factory=Counter)

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(Counter(key_of(f) for f in findings))

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings the baseline does not account for, in their order."""
        remaining = Counter(self.counts)
        kept: list[Finding] = []
        for finding in findings:
            key = key_of(finding)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(finding)
        return kept

    def as_json(self) -> dict[str, object]:
        entries = [
            {"rule": rule, "file": file, "pointer": pointer, "message": message, "count": count}
            for (rule, file, pointer, message), count in sorted(self.counts.items())
        ]
        return {"tool": "speclint", "version": VERSION, "findings": entries}


def write_baseline(path: Path, findings: Iterable[Finding]) -> Baseline:
    baseline = Baseline.of(findings)
    try:
        with atomic_text_writer(path) as stream:
            stream.write(json.dumps(baseline.as_json(), indent=2, ensure_ascii=False) + "\n")
    except OSError as error:
        raise OutputError(f"cannot write the baseline {path}: {error.strerror or error}") from error
    return baseline


def read_baseline(path: Path, resolve: Callable[[str], str] = str) -> Baseline:
    """Read a baseline; a missing or unreadable file is an :class:`InputError` (exit 2).
    ``resolve`` turns a renamed rule's old id into its new one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(f"baseline {path}: no such file") from error
    except OSError as error:
        raise InputError(f"cannot read the baseline {path}: {error.strerror}") from error
    try:
        data = json.loads(text)
        entries = data["findings"]
        counts: Counter[Key] = Counter()
        for entry in entries:
            key = (resolve(str(entry["rule"])), str(entry["file"]), str(entry["pointer"]), str(entry["message"]))
            counts[key] += int(entry.get("count", 1))
    except (ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"baseline {path} is not a speclint baseline: {error}") from error
    return Baseline(counts)
