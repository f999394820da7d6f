"""protoc's errors, import problems and shadowed files as findings, at the line they concern."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from speclint.findings import Finding
from speclint.loaders.display import display_path
from speclint.loaders.problems import INVALID_STRUCTURE, SYNTAX_ERROR, UNRESOLVED_REF, LoaderProblem
from speclint.loaders.protobuf.imports import ImportProblem
from speclint.loaders.protobuf.protoc import ProtocMessage
from speclint.loaders.protobuf.roots import Batch, Shadowed
from speclint.model import Location, Span, SpecFormat
from speclint.sources.overlay import read_bytes

FORMAT = SpecFormat.PROTOBUF.value
_SYNTAX = re.compile(
    r"^(?:Expected |Unexpected end|Unexpected token|Unterminated|Invalid (?:escape|control|octal|hex|unicode)"
    r"|Need space|Unrecognized syntax|Unknown (?:syntax|edition)|Reached end of input|Non-UTF-8"
    r"|String literals cannot|Interpreting non ascii|Comment started|Missing field number|Unmatched"
    r"|Multiline strings|Integer out of range|Need space|Explicit 'optional' labels|Map type is only allowed"
    r"|Fields in oneofs must not have labels|Group names must start)"
)
_IMPORT_FAILED = re.compile(r'^Import "(?P<name>[^"]*)" was not found or had errors\.$')
_CYCLE = re.compile(r"^File recursively imports itself")
# Errors that only follow from an import that failed to build.
_CONSEQUENCE = re.compile(
    r'is not defined\.$|seems to be defined in|is not a (?:message )?type\.$|^"[^"]*" is resolved to'
)


class _Lines:
    """End columns of lines, read only for files that have findings."""

    def __init__(self) -> None:
        self._files: dict[str, list[bytes]] = {}

    def end_column(self, path: Path | None, line: int, column: int) -> int:
        if path is None:
            return column + 1
        key = str(path)
        if key not in self._files:
            try:
                self._files[key] = read_bytes(path).split(b"\n")
            except OSError:
                self._files[key] = []
        lines = self._files[key]
        if not 1 <= line <= len(lines):
            return column + 1
        length = len(lines[line - 1].rstrip(b"\r").decode("utf-8", "replace")) + 1
        return max(length, column + 1)


def import_findings(problems: Iterable[ImportProblem]) -> list[Finding]:
    findings = []
    for problem in problems:
        statement = problem.statement
        span = Span(statement.line, statement.column, statement.line, statement.end_column)
        location = Location(display_path(problem.file), "", span=span)
        findings.append(UNRESOLVED_REF.at(location, problem.message, FORMAT))
    return findings


def shadowed_findings(shadowed: Iterable[Shadowed]) -> list[Finding]:
    findings = []
    for item in shadowed:
        location = Location(item.file.display, "", span=Span(1, 1, 1, 1))
        message = (
            f"'{item.file.virtual}' cannot be compiled: '{display_path(item.by)}' has the same name "
            "in the import path (give a --proto-path that tells them apart)"
        )
        findings.append(INVALID_STRUCTURE.at(location, message, FORMAT))
    return findings


def protoc_findings(messages: Iterable[tuple[Batch, ProtocMessage]]) -> list[Finding]:
    """Findings for protoc's errors; errors caused by a broken import are left out."""
    lines = _Lines()
    grouped: dict[tuple[Path | None, str], list[tuple[Batch, ProtocMessage]]] = {}
    for batch, message in messages:
        path = batch.locate(message.file) if message.file else None
        name = message.file or ""
        grouped.setdefault((path, name), []).append((batch, message))
    findings: dict[tuple[str, int, int, str], Finding] = {}
    for (path, name), items in grouped.items():
        failed_import = any(_IMPORT_FAILED.match(m.message) for _, m in items)
        items.sort(key=lambda item: (item[1].line is None, item[1].line or 0, item[1].column or 0))
        unparsed = any(_SYNTAX.match(m.message) for _, m in items)
        for batch, message in items[:1] if unparsed else items:
            # A file that did not parse is checked no further by protoc: its first error is the
            # syntax error, the next ones are the parser guessing its way on.
            kind = SYNTAX_ERROR if unparsed else _classify(batch, message, failed_import)
            if kind is None:
                continue
            file = display_path(path) if path is not None else name
            line, column = message.line or 1, message.column or 1
            end = lines.end_column(path, line, column) if message.line else column + 1
            location = Location(file, "", span=Span(line, column, line, end))
            findings.setdefault((file, line, column, message.message), kind.at(location, message.message, FORMAT))
    return list(findings.values())


def _classify(batch: Batch, message: ProtocMessage, failed_import: bool) -> LoaderProblem | None:
    text = message.message
    imported = _IMPORT_FAILED.match(text)
    if imported:
        # A missing file is the finding; a file that exists but failed has findings of its own.
        return UNRESOLVED_REF if batch.resolve(imported["name"]) is None else None
    if _CYCLE.match(text):
        return UNRESOLVED_REF
    if message.line is None and text.startswith("File not found"):
        return None  # protoc names the importing line too
    if _SYNTAX.match(text):
        return SYNTAX_ERROR
    if failed_import and _CONSEQUENCE.search(text):
        return None
    return INVALID_STRUCTURE
