"""Inline suppressions: findings the spec's authors chose to accept, said in the spec itself.

Two forms, both format-neutral:

- a comment ``# speclint: ignore[rule-id, other-id]`` (``//`` works too, for protobuf), on the
  line of the finding or on a comment line above it; ``ignore[*]`` or a bare
  ``speclint: ignore`` suppresses every rule;
- in a YAML/JSON data tree, a key ``x-speclint-ignore`` whose value is a rule id, a list of rule
  ids, ``"*"`` or ``true``: it suppresses findings on the node that holds it and on its children
  (matched by pointer, within the same file).

A suppression that suppresses nothing is reported as ``unused-suppression``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from speclint.findings import Category, Finding, Severity
from speclint.loaders.base import LoadResult
from speclint.model import Location, Span
from speclint.sources.overlay import read_bytes
from speclint.sources.pointers import escape_token

UNUSED_SUPPRESSION = "unused-suppression"
EXTENSION_KEY = "x-speclint-ignore"
ALL = "*"
_COMMENT = re.compile(
    r"(?:^|(?<=[\s;,{}\[\]()]))(?P<marker>#|//)\s*speclint:\s*ignore\b(?:\s*\[(?P<rules>[^\]]*)\])?"
)
_CODE_BEFORE = re.compile(r"\S")


@dataclass
class Suppression:
    """One suppression: which rules, where it is written, and what it covers."""

    file: str
    rules: frozenset[str]  # {"*"}: every rule
    span: Span  # where the suppression itself is written
    pointer: str  # the suppression's own pointer ("" for comments)
    lines: frozenset[int] = frozenset()  # comment: the lines it covers
    scope: str | None = None  # x-speclint-ignore: the pointer of the node it covers
    spec_format: str = "unknown"
    used: set[str] = field(default_factory=set)  # rule ids it suppressed

    def covers(self, finding: Finding) -> bool:
        if finding.file != self.file or finding.rule == UNUSED_SUPPRESSION:
            return False
        if ALL not in self.rules and finding.rule not in self.rules:
            return False
        if self.scope is not None:
            return finding.pointer == self.scope or finding.pointer.startswith(self.scope + "/")
        return finding.line in self.lines


def parse_rules(text: str | None) -> frozenset[str]:
    """``"a, b"`` -> {a, b}; None, empty or ``*`` -> {"*"}."""
    names = frozenset(part.strip() for part in (text or "").split(",") if part.strip())
    return frozenset({ALL}) if not names or ALL in names else names


def scan_comments(file: str, text: str, spec_format: str = "unknown") -> list[Suppression]:
    """The comment suppressions of a file's text."""
    if "speclint" not in text:
        return []
    lines = text.splitlines()
    found: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        if "speclint" not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        start = match.start("marker")
        covered = {number}
        if not _CODE_BEFORE.search(line[:start]):
            following = _next_code_line(lines, number)
            if following is not None:
                covered.add(following)
        span = Span(number, start + 1, number, len(line.rstrip()) + 1)
        found.append(
            Suppression(file, parse_rules(match.group("rules")), span, "", frozenset(covered), None, spec_format)
        )
    return found


def _next_code_line(lines: list[str], number: int) -> int | None:
    """The first line after ``number`` that is neither blank nor only a comment."""
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith(("#", "//")):
            return index + 1
    return None


def scan_tree(
    file: str, root: Any, span_of: Callable[[str], Span], spec_format: str = "unknown"
) -> list[Suppression]:
    """The ``x-speclint-ignore`` suppressions of a parsed YAML/JSON tree."""
    found: list[Suppression] = []
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, dict):
            if EXTENSION_KEY in node:
                rules = _extension_rules(node[EXTENSION_KEY])
                own = f"{pointer}/{EXTENSION_KEY}"
                found.append(Suppression(file, rules, span_of(own), own, frozenset(), pointer, spec_format))
            for key, value in node.items():
                if isinstance(value, (dict, list)) and key != EXTENSION_KEY:
                    stack.append((value, f"{pointer}/{escape_token(str(key))}"))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, (dict, list)):
                    stack.append((value, f"{pointer}/{index}"))
    return found


def _extension_rules(value: Any) -> frozenset[str]:
    if value is True or value is None:
        return frozenset({ALL})
    if isinstance(value, str):
        return parse_rules(value)
    if isinstance(value, list):
        return parse_rules(",".join(str(v) for v in value))
    return frozenset({ALL})


def apply_suppressions(
    findings: Iterable[Finding],
    suppressions: Iterable[Suppression],
    enabled: Mapping[str, Severity],
    known: Callable[[str], bool],
) -> list[Finding]:
    """The findings no suppression covers, plus one ``unused-suppression`` finding for each
    suppression (or named rule of one) that covered nothing.

    ``enabled`` maps the rules that ran to their severity: a suppression of a rule that did not
    run is not reported as unused (it may be in use under another configuration), and
    ``unused-suppression`` itself is reported only when it is enabled.
    """
    by_file: dict[str, list[Suppression]] = defaultdict(list)
    for suppression in suppressions:
        by_file[suppression.file].append(suppression)
    kept: list[Finding] = []
    for finding in findings:
        covering = [s for s in by_file.get(finding.file, ()) if s.covers(finding)]
        for suppression in covering:
            suppression.used.add(finding.rule)
        if not covering:
            kept.append(finding)
    severity = enabled.get(UNUSED_SUPPRESSION)
    if severity is not None:
        for file_suppressions in by_file.values():
            for suppression in file_suppressions:
                kept.extend(_unused(suppression, severity, enabled, known))
    return kept


def _unused(
    suppression: Suppression, severity: Severity, enabled: Mapping[str, Severity], known: Callable[[str], bool]
) -> Iterable[Finding]:
    if ALL in suppression.rules:
        if not suppression.used:
            yield _unused_finding(suppression, severity, "this suppression suppresses nothing")
        return
    for rule_id in sorted(suppression.rules - suppression.used):
        if not known(rule_id):
            yield _unused_finding(suppression, severity, f"suppression of unknown rule '{rule_id}'")
        elif rule_id in enabled:
            yield _unused_finding(suppression, severity, f"suppression of '{rule_id}' suppresses nothing")


def _unused_finding(suppression: Suppression, severity: Severity, message: str) -> Finding:
    return Finding.at(
        Location(suppression.file, suppression.pointer, suppression.span),
        rule=UNUSED_SUPPRESSION,
        category=Category.STRUCTURE,
        severity=severity,
        message=message,
        spec_format=suppression.spec_format,
    )


def suppressions_of(result: LoadResult, seen: set[str]) -> list[Suppression]:
    """The suppressions written in the files of one load result, skipping files in ``seen``
    (a ``$ref`` target shared by several APIs is scanned once) and adding the others to it.

    Parsed documents are used when the loader exposes them (``api.document.documents``: objects
    with ``display``, ``data``, ``root`` and ``positions.span_of``); other files are read again.
    """
    spec_format = result.api.format.value if result.api is not None else _format_of(result)
    documents = getattr(getattr(result.api, "document", None), "documents", None)
    parsed = {getattr(d, "display", None): d for d in documents.values()} if isinstance(documents, dict) else {}
    found: list[Suppression] = []
    for file in result.files:
        if file in seen:
            continue
        seen.add(file)
        document = parsed.get(file)
        data = getattr(document, "data", None)
        if not isinstance(data, bytes):
            data = _read(file)
        if data is None or b"speclint" not in data:
            continue
        text = data.decode("utf-8", "replace")
        if not file.lower().endswith(".json"):  # JSON has no comments; strings may say anything
            found.extend(scan_comments(file, text, spec_format))
        root = getattr(document, "root", None)
        span_of = getattr(getattr(document, "positions", None), "span_of", None)
        if isinstance(root, (dict, list)) and span_of is not None and EXTENSION_KEY.encode() in data:
            found.extend(scan_tree(file, root, span_of, spec_format))
    return found


def _format_of(result: LoadResult) -> str:
    return result.findings[0].spec_format if result.findings else "unknown"


def _read(file: str) -> bytes | None:
    try:
        return read_bytes(file)
    except OSError:
        return None


__all__ = [
    "UNUSED_SUPPRESSION",
    "Suppression",
    "apply_suppressions",
    "parse_rules",
    "scan_comments",
    "scan_tree",
    "suppressions_of",
]
