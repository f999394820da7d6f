"""Schemas that live in referenced files (``$ref: ./schemas.yaml#/Event``): the usual multi-file layout.

The walk over an API's references records each reference that lands in another file than the
entry document, with where the reference stands. Those standing where a schema goes (``schema``,
``items``, a member of ``properties`` or ``allOf``...) make their target a *referenced schema*:
the model gets it as a named type, so the schema rules see it, and it is validated against the
format's Schema Object, each finding in the file that holds it.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Iterable

from speclint.loaders.openapi.refs import Node

# The key under which a value is a schema, and the keys whose members are schemas.
_SCHEMA_KEYS = frozenset(
    {"schema", "items", "additionalProperties", "not", "additionalItems", "contains", "propertyNames", "if", "then",
     "else", "unevaluatedItems", "unevaluatedProperties"}
)  # fmt: skip
_SCHEMA_MEMBERS = frozenset(
    {"properties", "patternProperties", "allOf", "anyOf", "oneOf", "prefixItems", "$defs", "definitions",
     "dependentSchemas"}
)  # fmt: skip


def in_schema_position(tokens: list[str]) -> bool:
    """Whether a value at ``tokens`` (the keys from its document's root) is a schema."""
    if tokens and tokens[-1] in _SCHEMA_KEYS:
        return True
    if len(tokens) >= 2 and tokens[-2] in _SCHEMA_MEMBERS:
        return True
    return tokens[:2] == ["components", "schemas"] and len(tokens) == 3


def referenced_schemas(crossings: Iterable[tuple[list[str], Node]], entry: object) -> list[Node]:
    """The schema targets among ``crossings`` (tokens of a reference, its target): once each, in
    a file that is not an OpenAPI document itself (such a document is linted on its own)."""
    found: dict[tuple[str, str], Node] = {}
    for tokens, target in crossings:
        document = target.document
        if document is entry or not in_schema_position(tokens) or not isinstance(target.value, dict):
            continue
        if "$ref" in target.value:  # a reference onward: its own target is the schema
            continue
        if isinstance(document.root, dict) and ("openapi" in document.root or "swagger" in document.root):
            continue
        found.setdefault((str(document.path), target.pointer), target)
    return list(found.values())


def schema_name(target: Node) -> str:
    """``Event`` for ``schemas.yaml#/Event``; the file's stem for a whole-file reference."""
    if target.pointer:
        from speclint.sources.pointers import unescape_token

        return unescape_token(target.pointer.rsplit("/", 1)[-1])
    return PurePath(str(target.document.path)).stem
