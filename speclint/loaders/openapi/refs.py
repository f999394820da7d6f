"""``$ref`` resolution across files, with a policy for what may be read.

A reference is resolved relative to the file that holds it. Files outside the allowed roots and
remote URLs are refused (a finding) unless the user opted in; nothing is read or fetched
silently. Chains of references are followed with a bound, so cycles end.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

from speclint.loaders.base import LoadOptions
from speclint.loaders.display import display_path, is_within
from speclint.loaders.openapi.document import Document
from speclint.model import Location
from speclint.sources.overlay import read_bytes
from speclint.sources.pointers import join_pointer
from speclint.sources.tree_positions import escape_token, unescape_pointer

MAX_CHAIN = 64
REMOTE_TIMEOUT_S = 10.0


class Node:
    """A value of some document, with the pointer that reaches it inside that document.

    Immutable by convention; a plain class with slots rather than a frozen dataclass, because a
    large description makes hundreds of thousands of them (a frozen dataclass sets each field
    through ``object.__setattr__``). Equality and hashing are those of the dataclass it was.
    """

    __slots__ = ("document", "pointer", "value")

    def __init__(self, value: Any, document: Document, pointer: str) -> None:
        self.value = value
        self.document = document
        self.pointer = pointer

    def __repr__(self) -> str:
        return f"Node(value={self.value!r}, document={self.document!r}, pointer={self.pointer!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Node)
        return (self.value, self.document, self.pointer) == (other.value, other.document, other.pointer)

    def __hash__(self) -> int:
        return hash((self.value, self.document, self.pointer))

    @property
    def location(self) -> Location:
        document = self.document
        return Location(document.display, self.pointer, None, document.positions)

    def child(self, key: str | int) -> Node | None:
        value = self.value
        if isinstance(value, dict) and isinstance(key, str) and key in value:
            return Node(value[key], self.document, f"{self.pointer}/{escape_token(key)}")
        if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            return Node(value[key], self.document, f"{self.pointer}/{key}")
        return None

    def items(self) -> Iterator[tuple[str, Node]]:
        if isinstance(self.value, dict):
            document, prefix = self.document, self.pointer + "/"
            for key, value in self.value.items():
                yield key, Node(value, document, prefix + escape_token(key))

    def elements(self) -> Iterator[Node]:
        if isinstance(self.value, list):
            document, prefix = self.document, self.pointer + "/"
            for index, value in enumerate(self.value):
                yield Node(value, document, f"{prefix}{index}")

    def get(self, key: str, default: Any = None) -> Any:
        return self.value.get(key, default) if isinstance(self.value, dict) else default


@dataclass(frozen=True)
class RefProblem:
    """Why a ``$ref`` could not be followed; ``refused`` when policy, not absence, stopped it."""

    message: str
    at: Node
    refused: bool = False


class Workspace:
    """The documents of one API: the entry document and every file its refs reach."""

    def __init__(self, entry: Document, options: LoadOptions) -> None:
        self.entry = entry
        self.options = options
        self.documents: dict[str, Document] = {str(entry.path): entry}
        self.problems: dict[tuple[str, str], RefProblem] = {}
        self._targets: dict[tuple[str, str], Node] = {}
        self.missing: set[str] = set()  # files a $ref named that could not be read
        self._following: set[tuple[str, str]] = set()  # references being resolved, for cycles

    def snapshot(self) -> tuple[dict[str, Document], dict[tuple[str, str], RefProblem], dict[tuple[str, str], Node]]:
        """The state that following references changes, for :meth:`restore`."""
        return dict(self.documents), dict(self.problems), dict(self._targets)

    def restore(
        self, state: tuple[dict[str, Document], dict[tuple[str, str], RefProblem], dict[tuple[str, str], Node]]
    ) -> None:
        """Forget what was followed since :meth:`snapshot` returned ``state``."""
        documents, problems, targets = state
        self.documents, self.problems, self._targets = dict(documents), dict(problems), dict(targets)

    @property
    def root(self) -> Node:
        return Node(self.entry.root, self.entry, "")

    def deref(self, node: Node) -> Node:
        """Follow ``$ref`` chains from ``node``; on a problem, return the node with the ref."""
        value = node.value
        if not isinstance(value, dict) or "$ref" not in value:
            return node  # the common case: nothing to follow
        seen: set[tuple[str, str]] = set()
        current = node
        for _ in range(MAX_CHAIN):
            ref = current.value.get("$ref") if isinstance(current.value, dict) else None
            if not isinstance(ref, str):
                return current
            key = (str(current.document.path), current.pointer)
            if key in seen:
                self._problem(RefProblem(f"circular $ref '{ref}'", current))
                return current
            seen.add(key)
            target = self.follow(current, ref)
            if target is None:
                return current
            current = target
        self._problem(RefProblem("$ref chain is too long", node))
        return current

    def known_target(self, document: Document, ref: str) -> Node | None:
        """The target of ``ref`` from ``document`` if it was resolved before."""
        return self._targets.get((str(document.path), ref))

    def follow(self, at: Node, ref: str) -> Node | None:
        """The node a ``$ref`` string at ``at`` points to, or None (a problem is recorded)."""
        key = (str(at.document.path), ref)
        known = self._targets.get(key)
        if known is None:
            if key in self._following:  # a pointer through references came back here
                self._problem(RefProblem(f"circular $ref '{ref}'", at))
                return None
            self._following.add(key)
            try:
                known = self._follow(at, ref)
            finally:
                self._following.discard(key)
            if known is not None:
                self._targets[key] = known
        return known

    def _follow(self, at: Node, ref: str) -> Node | None:
        try:
            parts = urlsplit(ref)
        except ValueError:
            self._problem(RefProblem(f"$ref '{ref}' is not a valid reference", at))
            return None
        fragment = unquote(parts.fragment)
        if parts.scheme and len(parts.scheme) > 1:
            return self._remote(at, ref)
        if ref.startswith("//"):
            self._refuse(at, f"$ref '{ref}' is a network reference")
            return None
        location = ref.split("#", 1)[0]
        document = self._file(at, unquote(location), ref) if location else at.document
        if document is None:
            return None
        return self._pointer(at, document, fragment, ref)

    def _pointer(self, at: Node, document: Document, fragment: str, ref: str) -> Node | None:
        if document.root is None:
            self._problem(RefProblem(f"$ref '{ref}' points into a file that cannot be parsed", at))
            return None
        if fragment and not fragment.startswith("/"):
            self._problem(RefProblem(f"$ref '{ref}' uses an anchor, not a JSON pointer", at))
            return None
        value: Any = document.root
        tokens = unescape_pointer(fragment)
        for index, token in enumerate(tokens):
            if type(value) is dict and token in value:
                value = value[token]
                continue
            if type(value) is list and token.isdigit() and int(token) < len(value):
                value = value[int(token)]
                continue
            if type(value) is dict and "$ref" in value:
                # a pointer through a reference: continue from its target
                here = Node(value, document, join_pointer(tokens[:index]))
                target = self.deref(here)
                if target is not here:
                    rest = join_pointer(tokens[index:])
                    return self._pointer(at, target.document, target.pointer + rest, ref)
            self._problem(RefProblem(f"$ref '{ref}' cannot be resolved", at))
            return None
        return Node(value, document, join_pointer(tokens))

    def _file(self, at: Node, relative: str, ref: str) -> Document | None:
        if "\x00" in relative:  # no file system takes it (os.path raises on it)
            self._problem(RefProblem(f"$ref {ref!r} cannot be resolved: a file name cannot hold a NUL character", at))
            return None
        base = at.document.path.parent
        target = Path(relative) if Path(relative).is_absolute() else base / relative
        key = str(target.resolve()) if target.exists() else str(target)
        known = self.documents.get(key)
        if known is not None:
            return known
        roots = self.options.roots or (self.entry.path.parent,)
        if not self.options.allow_outside_refs and not is_within(target, roots):
            self._refuse(
                at, f"$ref '{ref}' leaves the linted folder (use --allow-outside-refs to allow it)"
            )
            return None
        if not target.is_file():
            self.missing.add(os.path.abspath(target))
            self._problem(RefProblem(f"$ref '{ref}': file not found", at))
            return None
        try:
            data = read_bytes(target)
        except OSError as error:
            self.missing.add(os.path.abspath(target))
            self._problem(RefProblem(f"$ref '{ref}': {error.strerror}", at))
            return None
        document = Document(target.resolve(), display_path(target), data)
        self.documents[key] = document
        return document

    def _remote(self, at: Node, ref: str) -> Node | None:
        if not self.options.allow_remote_refs:
            self._refuse(at, f"$ref '{ref}' is remote (use --allow-remote-refs to fetch it)")
            return None
        url = ref.split("#", 1)[0]
        known = self.documents.get(url)
        if known is None:
            try:
                content = _fetch(url)
            except Exception as error:
                self._problem(RefProblem(f"$ref '{ref}' could not be fetched: {error}", at))
                return None
            suffix = Path(urlsplit(url).path).suffix or ".yaml"
            known = Document(Path(urlsplit(url).path or "/remote" + suffix), url, content)
            self.documents[url] = known
        return self._pointer(at, known, unquote(urlsplit(ref).fragment), ref)

    def _refuse(self, at: Node, message: str) -> None:
        self._problem(RefProblem(message, at, refused=True))
        return None

    def _problem(self, problem: RefProblem) -> None:
        key = (str(problem.at.document.path), problem.at.pointer)
        self.problems.setdefault(key, problem)


def _fetch(url: str) -> bytes:
    """The body at ``url`` (only with ``--allow-remote-refs``); the standard library is enough here."""
    from urllib.request import Request, urlopen

    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError("only http and https references can be fetched")
    with urlopen(Request(url, headers={"User-Agent": "speclint"}), timeout=REMOTE_TIMEOUT_S) as response:
        return bytes(response.read())
