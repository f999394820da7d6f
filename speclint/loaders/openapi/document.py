"""A YAML or JSON file: its bytes, its data, and the source map of its nodes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from speclint.loaders.problems import SyntaxProblem
from speclint.model import Location, Span
from speclint.sources.lines import LineIndex
from speclint.sources.tree_positions import TreePositions
from speclint.sources.yaml_loading import YamlError, load_yaml

MAX_FILE_BYTES = 256 * 1024 * 1024
_YAML_ERROR = re.compile(r"line (\d+), column (\d+)")
_YAML_ERROR_ALT = re.compile(r"line=(\d+) col=(\d+)")
_LONE_CR = re.compile(rb"\r(?!\n)")
# Characters outside YAML's printable set (YAML 1.2, 5.1): C0 controls but tab, LF and CR; DEL;
# C1 controls but NEL; U+FFFE and U+FFFF.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


class Document:
    """One parsed file. ``root`` is None when it could not be parsed (see ``problem``)."""

    def __init__(self, path: Path, display: str, data: bytes) -> None:
        self.path = path
        self.display = display
        self.data = data = line_breaks_as_lf(data)
        self.lines = LineIndex(data)
        self.positions = TreePositions(data, self.lines)
        self.root: Any = None
        self.problem: SyntaxProblem | None = None
        self.root, self.problem, self.is_json = _parse(data, path.suffix.lower())

    def location(self, pointer: str) -> Location:
        return Location(self.display, pointer, resolver=self.positions)

    def problem_location(self) -> Location:
        assert self.problem is not None
        line, column = self.problem.line, self.problem.column
        end = self.lines.line_end_column(line)
        return Location(self.display, "", span=Span(line, column, line, max(end, column + 1)))


def line_breaks_as_lf(data: bytes) -> bytes:
    """``data`` with every lone CR (a line break to YAML, as in old Mac files) made a LF.

    Byte offsets do not move, and lines are then counted the way YAML counts them.
    """
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return _LONE_CR.sub(b"\n", data)
    return data


def parse(data: bytes, suffix: str) -> tuple[Any, SyntaxProblem | None]:
    """Parse YAML or JSON safely: no object construction, bounded aliases and nesting."""
    root, problem, _ = _parse(data, suffix)
    return root, problem


def _parse(data: bytes, suffix: str) -> tuple[Any, SyntaxProblem | None, bool]:
    """``parse``, and whether the data was read as JSON."""
    if len(data) > MAX_FILE_BYTES:
        return None, SyntaxProblem(f"file is larger than {MAX_FILE_BYTES >> 20} MiB", 1, 1), False
    if data[:64].lstrip()[:1] in (b"{", b"["):
        # A JSON document as most are: orjson checks that all of the input is UTF-8 before it
        # parses, so on success the way below (decode, then parse) would give the same data;
        # it spares decoding megabytes into a string nobody reads. Failures take the way below,
        # which words the problem.
        import orjson

        try:
            root = orjson.loads(data)
        except Exception:
            pass
        else:
            repeated = _repeated_json_key(data, root)
            return (None, repeated, False) if repeated is not None else (root, None, True)
    return _parse_text(data, suffix)


def _parse_text(data: bytes, suffix: str) -> tuple[Any, SyntaxProblem | None, bool]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        lines = LineIndex(data)
        line, column = lines.position(error.start)
        return None, SyntaxProblem(f"invalid UTF-8 byte 0x{data[error.start]:02x}", line, column), False
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return None, SyntaxProblem("the file is empty", 1, 1), False
    if suffix == ".json" or text.lstrip()[:1] in ("{", "["):
        root, problem = _parse_json(data, text)
        if problem is None or suffix == ".json":
            return root, problem, problem is None
    forbidden = _NOT_YAML.search(text)
    if forbidden is not None:
        return None, _forbidden_character(text, forbidden.start()), False
    root, problem = _parse_yaml(text)
    if problem is not None and problem.message.startswith("invalid YAML: duplicate"):
        problem = _repeated_key(data, "YAML") or problem
    return root, problem, False


def _repeated_json_key(data: bytes, root: Any) -> SyntaxProblem | None:
    """A key written twice in one JSON object (the parser keeps the last one silently).

    Cheap in the usual case: outside strings a colon ends a key, and inside them colons are
    written back as they were, so the data written back has fewer colons than the file only
    when a key was dropped; only then is the file walked to find where.
    """
    import orjson

    if data.count(b":") <= orjson.dumps(root).count(b":"):
        return None
    return _repeated_key(data, "JSON")


def _repeated_key(data: bytes, language: str) -> SyntaxProblem | None:
    found = TreePositions(data, LineIndex(data)).repeated_key()
    if found is None:
        return None
    key, span = found
    return SyntaxProblem(f"invalid {language}: duplicate key {key!r}", span.line, span.column)


def _forbidden_character(text: str, index: int) -> SyntaxProblem:
    """A character YAML does not allow in a stream (a NUL would otherwise end the file)."""
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return SyntaxProblem(f"invalid YAML: character U+{ord(text[index]):04X} is not allowed in YAML", line, column)


def _parse_json(data: bytes, text: str) -> tuple[Any, SyntaxProblem | None]:
    import orjson

    try:
        root = orjson.loads(data.lstrip(b"\xef\xbb\xbf"))
        return (None, repeated) if (repeated := _repeated_json_key(data, root)) is not None else (root, None)
    except orjson.JSONDecodeError as error:
        message = str(error.msg).split(":", 1)[0] if error.msg else "invalid JSON"
        return None, SyntaxProblem(f"invalid JSON: {message}", error.lineno, error.colno)
    except RecursionError:
        return None, SyntaxProblem("invalid JSON: nesting is too deep", 1, 1)


def _parse_yaml(text: str) -> tuple[Any, SyntaxProblem | None]:
    try:
        root = load_yaml(text, alias_limits=True)
    except YamlError as error:
        return None, _yaml_problem(str(error))
    if isinstance(root, list) and root and isinstance(root[0], dict) and _is_stream(text):
        root = root[0]
    return _string_keys(root), None


def _is_stream(text: str) -> bool:
    return len(re.findall(r"(?m)^---", text)) > 1


def _yaml_problem(message: str) -> SyntaxProblem:
    match = _YAML_ERROR.search(message) or _YAML_ERROR_ALT.search(message)
    line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
    first = message.strip().splitlines()
    detail = first[-1].strip() if first else "invalid YAML"
    if detail.startswith("^") or not detail:
        detail = "invalid YAML"
    if "alias" in message and "limit" in message:
        detail = "too many alias expansions (a YAML alias bomb?)"
    elif "duplicate" in message:
        detail = message.split("line=")[0].strip().split("\n")[0]
    elif "recursion" in message.lower() or "depth" in message.lower():
        detail = "nesting is too deep"
    elif detail.startswith("YAML parse error"):
        detail = "invalid YAML"
    return SyntaxProblem(f"invalid YAML: {detail}", max(1, line), max(1, column))


def _key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


def _string_keys(root: Any) -> Any:
    """YAML keys such as ``200:`` are integers; OpenAPI keys are strings."""
    stack = [root]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if type(node) is dict:
            for key in node:
                if type(key) is not str:
                    items = [(_key(k), v) for k, v in node.items()]
                    node.clear()
                    node.update(items)
                    break
            for value in node.values():
                if type(value) is dict or type(value) is list:
                    push(value)
        elif type(node) is list:
            for value in node:
                if type(value) is dict or type(value) is list:
                    push(value)
    return root
