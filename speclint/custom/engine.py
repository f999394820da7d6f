"""Run one Spectral rule over an OpenAPI API: ``given``, ``then``, functions, messages.

Positions follow Spectral: a result's path is the node the function names (``then.field``, or
the ``given`` node), or its closest existing ancestor when that node is missing; with
``resolved`` the node is found through ``$ref`` and reported where its value is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from speclint.custom.expr import UNDEFINED
from speclint.custom.functions import FUNCTIONS, FunctionContext, Result, accepts
from speclint.custom.jsonpath import Cursor, PathKey, evaluate
from speclint.custom.patterns import rule_running
from speclint.custom.spectral import Override, SpectralRule, Then
from speclint.custom.trees import DocumentTree
from speclint.model import Api, Location, SpecFormat
from speclint.rules.registry import Problem
from speclint.sources.pointers import join_pointer

_ALIAS = re.compile(r"#([A-Za-z0-9_\-]+)")
_FIELD_TOKEN = re.compile(r"\[(?:'([^']*)'|\"([^\"]*)\"|(\d+))\]|([^.\[\]]+)")


def spectral_formats(api: Api) -> frozenset[str]:
    version = api.format_version
    if version.startswith("2"):
        return frozenset({"oas2"})
    if version.startswith("3.0"):
        return frozenset({"oas3", "oas3_0"})
    if version.startswith("3.1"):
        return frozenset({"oas3", "oas3_1"})
    if version.startswith("3.2"):
        return frozenset({"oas3", "oas3_2"})
    return frozenset({"oas3"})


def expand_given(given: str, aliases: dict[str, Any], formats: frozenset[str], depth: int = 0) -> list[str]:
    """``#Alias.rest`` becomes the alias' paths (for the document's format) followed by ``rest``."""
    match = _ALIAS.match(given)
    if match is None:
        return [given]
    if depth > 16:
        raise ValueError(f"alias {given!r} refers to itself")
    name, rest = match.group(1), given[match.end() :]
    alias = aliases.get(name)
    if alias is None:
        raise ValueError(f"unknown alias #{name}")
    paths: list[str] = []
    if isinstance(alias, dict):
        for target in alias.get("targets") or []:
            if set(target.get("formats") or ()) & formats:
                paths = list(target.get("given") or [])
                break
    else:
        paths = list(alias)
    result = []
    for path in paths:
        for expanded in expand_given(path, aliases, formats, depth + 1):
            result.append(expanded + rest)
    return result


@dataclass
class RunState:
    """The trees of one API, shared by every custom rule that runs on it."""

    workspace: Any
    trees: dict[bool, DocumentTree]
    extra: dict[str, Any]

    def tree(self, resolved: bool) -> DocumentTree:
        tree = self.trees.get(resolved)
        if tree is None:
            tree = self.trees[resolved] = DocumentTree(self.workspace, resolved)
        return tree


def state_for(api: Api, shared: dict[str, Any] | None = None) -> RunState:
    """The document trees of ``api``, made once and kept in ``shared`` (the scratch space the
    rules of one run share for one API) so every custom rule of the run reuses them."""
    state = shared.get(_STATE_KEY) if shared is not None else None
    if not isinstance(state, RunState) or state.workspace is not api.document:
        state = RunState(api.document, {}, {})
        if shared is not None:
            shared[_STATE_KEY] = state
    return state


_STATE_KEY = "speclint.custom.engine"


@dataclass(frozen=True)
class Target:
    value: Any
    path: tuple[PathKey, ...]
    cursor: Cursor  # the target, or its closest existing ancestor


def targets(tree: DocumentTree, cursor: Cursor, field: str | None) -> list[Target]:
    """Spectral's ``getLintTargets``."""
    value = cursor.value
    found: list[Target] = []
    if isinstance(value, (dict, list)) and isinstance(field, str):
        if field == "@key":
            names: list[PathKey] = list(value) if isinstance(value, dict) else list(range(len(value)))
            for key in names:
                child = tree.child(cursor, key)
                found.append(Target(key, (*cursor.path, key), child or cursor))
        elif field.startswith("$"):
            for hit in evaluate(tree, field, start=cursor):
                found.append(Target(hit.value, hit.path, hit))
        else:
            keys = tuple(field_path(field))
            closest, complete = tree.resolve(cursor, keys)
            found.append(Target(closest.value if complete else UNDEFINED, (*cursor.path, *keys), closest))
    else:
        found.append(Target(value, cursor.path, cursor))
    if not found:
        found.append(Target(UNDEFINED, cursor.path, cursor))
    return found


def field_path(field: str) -> Iterator[PathKey]:
    """lodash ``toPath``: ``a.b``, ``a[0]``, ``a['x.y']``."""
    for match in _FIELD_TOKEN.finditer(field):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        if quoted is not None:
            yield quoted
        elif match.group(3) is not None:
            yield match.group(3)
        else:
            yield match.group(4)


def render(template: str, values: dict[str, Any]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        value = values.get(name, "")
        if isinstance(value, (dict, list)):
            return "Object{}" if isinstance(value, dict) else "Array[]"
        return "" if value is None or value is UNDEFINED else str(value)

    return re.sub(r"\{\{\s*([A-Za-z]+)\s*\}\}", replace, template).strip()


def escaped_pointer(path: tuple[PathKey, ...]) -> str:
    return "#" + join_pointer(path)


PointerFilter = Callable[[Location], bool]


def run_rule(
    rule: SpectralRule,
    api: Api,
    aliases: dict[str, Any],
    suppressed: PointerFilter | None = None,
    shared: dict[str, Any] | None = None,
) -> Iterator[Problem]:
    """Every problem ``rule`` finds in ``api``, once per place; ``shared`` keeps the document
    trees for the other rules of the run."""
    if api.format is not SpecFormat.OPENAPI or api.document is None:
        return
    formats = spectral_formats(api)
    if rule.formats is not None and not rule.formats & formats:
        return
    state = state_for(api, shared)
    tree = state.tree(rule.resolved)
    raw = state.tree(False)
    seen: set[tuple[str, str]] = set()
    for given in rule.given:
        for path in expand_given(given, aliases, formats):
            with rule_running(rule.name):  # a filter's regex that runs out of time names the rule
                cursors = list(evaluate(tree, path))
            for cursor in cursors:
                for then in rule.then:
                    for problem in _apply(rule, then, tree, raw, cursor, formats, state):
                        key = (problem.location.file, problem.location.pointer)
                        if key in seen or (suppressed is not None and suppressed(problem.location)):
                            continue
                        seen.add(key)
                        yield problem


def _apply(
    rule: SpectralRule,
    then: Then,
    tree: DocumentTree,
    raw: DocumentTree,
    cursor: Cursor,
    formats: frozenset[str],
    state: RunState,
) -> Iterator[Problem]:
    function = FUNCTIONS[then.function]
    spec_format = "oas2" if "oas2" in formats else "oas3_1" if "oas3_1" in formats else "oas3_0"
    with rule_running(rule.name):
        found = targets(tree, cursor, then.field)
    for target in found:
        if not accepts(then.function, target.value):
            continue
        context = FunctionContext(target.path, cursor, tree, raw, spec_format, rule.name, state.extra)
        for result in function(target.value, then.options, context):
            yield _problem(rule, tree, cursor, target, result)


def _problem(rule: SpectralRule, tree: DocumentTree, given: Cursor, target: Target, result: Result) -> Problem:
    path = result.path if result.path is not None else target.path
    if path == target.path:
        at = target.cursor
        exists = at.path == path
    elif path[: len(given.path)] == given.path:
        at, exists = tree.resolve(given, path[len(given.path) :])
    else:
        at, exists = tree.resolve(tree.root(), path)
    missing = path[len(at.path) :] if not exists else ()
    values = {
        "property": ".".join(str(k) for k in (at.path[-1:] + missing)) if missing else (at.path[-1] if at.path else ""),
        "error": result.message,
        "path": escaped_pointer(at.path),
        "description": rule.description,
        "value": at.value,
    }
    message = render(rule.message, values) if rule.message else (rule.description or result.message)
    return Problem(tree.location(at), message or result.message)


def pointer_suppressor(overrides: list[Override], rule_name: str, cwd: Any) -> PointerFilter | None:
    """Turns off a rule under the JSON pointers named by ``file#/pointer`` overrides."""
    from speclint.sources.globs import matches

    relevant = [(o, pattern) for o in overrides if rule_name in o.rules for pattern in o.patterns if "#" in pattern]
    if not relevant:
        return None

    def suppressed(location: Location) -> bool:
        off = False
        for override, pattern in relevant:
            glob, _, pointer = pattern.partition("#")
            if not matches((glob,), location.file, override.base, cwd):
                continue
            if location.pointer == pointer or location.pointer.startswith(pointer.rstrip("/") + "/"):
                off = override.rules[rule_name] is None
        return off

    return suppressed
