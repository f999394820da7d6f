"""One walk over an OpenAPI document's raw data: every schema object, every ``$ref`` object.

Several rules look at all schemas (enum values, ``nullable``, ``required``, discriminators,
examples), at all references, or at every object that pairs a ``schema`` with examples; they
share one walk per workspace. The walk knows where schemas can stand (under
``schema``, ``components/schemas``, ``definitions``, and a schema's own subschema keywords) and
never walks into example values, defaults or vendor extensions (except ``x-webhooks``), so data
that happens to look like a schema is not mistaken for one. Places are kept as trails and spelled
out as pointers only for a finding.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any, NamedTuple

from speclint.sources.pointers import join_pointer

_SCHEMA, _OTHER, _SCHEMA_MAP, _SCHEMA_LIST = 0, 1, 2, 3
_MAX_DEPTH = 256

# In a schema: keywords whose value is a schema, a map of schemas, a list of schemas.
_SUB_SCHEMA = frozenset(
    {
        "items",
        "additionalProperties",
        "not",
        "if",
        "then",
        "else",
        "contains",
        "propertyNames",
        "unevaluatedProperties",
        "unevaluatedItems",
        "additionalItems",
    }
)
_SUB_MAP = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
_SUB_LIST = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
# Outside schemas: keys whose value is data, never walked.
_DATA_KEYS = frozenset({"example", "examples", "value"})


class Found(NamedTuple):
    """A dict of a document, with the trail that reaches it (see :func:`trail_pointer`)."""

    value: dict[str, Any]
    document: Any
    trail: Any

    @property
    def pointer(self) -> str:
        return trail_pointer(self.trail)


# Schema keywords that some rule looks for: the walk indexes schemas by them.
INDEXED = frozenset({"enum", "nullable", "discriminator", "required", "$ref", "example", "examples"})
NO_KEYWORD = "<no keyword>"  # the index of schemas that use no keyword at all

# Every keyword a schema object can carry, in JSON Schema (draft 4 to 2020-12) and OpenAPI.
SCHEMA_KEYWORDS = frozenset(
    {
        "$ref", "$id", "$schema", "$anchor", "$dynamicRef", "$dynamicAnchor", "$defs", "$comment",
        "$vocabulary", "type", "enum", "const", "format", "title", "description", "default",
        "examples", "example", "deprecated", "readOnly", "writeOnly", "nullable", "discriminator",
        "xml", "externalDocs", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "items", "additionalItems",
        "prefixItems", "maxItems", "minItems", "uniqueItems", "contains", "maxContains",
        "minContains", "unevaluatedItems", "maxProperties", "minProperties", "required",
        "properties", "patternProperties", "additionalProperties", "dependencies",
        "dependentRequired", "dependentSchemas", "propertyNames", "unevaluatedProperties", "allOf",
        "anyOf", "oneOf", "not", "if", "then", "else", "definitions", "contentEncoding",
        "contentMediaType", "contentSchema", "collectionFormat",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Walk:
    by_keyword: dict[str, list[Found]]  # schemas that carry the keyword (see INDEXED, NO_KEYWORD)
    refs: list[Found]  # dicts outside schemas with a ``$ref`` and other keys
    # dicts outside schemas with a ``schema`` and an ``example`` or ``examples``: parameters,
    # media types, headers (and Swagger 2.0 responses)
    example_holders: list[Found]

    def schemas_with(self, keyword: str) -> list[Found]:
        return self.by_keyword.get(keyword, [])


_CACHE: weakref.WeakKeyDictionary[Any, Walk] = weakref.WeakKeyDictionary()


def walk(ws: Any) -> Walk:
    """The schemas and references of every document of ``ws`` (computed once per workspace)."""
    cached = _CACHE.get(ws)
    if cached is None:
        cached = _CACHE[ws] = _walk(ws)
    return cached


def _walk(ws: Any) -> Walk:
    result = Walk({}, [], [])
    for document in list(ws.documents.values()):
        root = document.root
        if document is ws.entry:
            start = _OTHER
        else:
            start = _SCHEMA if isinstance(root, dict) and _looks_like_schema(root) else _OTHER
        _walk_document(document, root, start, result)
    return result


def _looks_like_schema(value: dict[str, Any]) -> bool:
    return "type" in value or "properties" in value or "allOf" in value or "oneOf" in value or "anyOf" in value


def _walk_document(document: Any, root: Any, start: int, result: Walk) -> None:
    by_keyword = result.by_keyword
    add_ref = result.refs.append
    add_holder = result.example_holders.append
    stack: list[tuple[Any, int, Any, int]] = [(root, start, None, 0)]
    pop, push = stack.pop, stack.append
    subs = _SUB_SCHEMA | _SUB_MAP | _SUB_LIST
    indexed, keywords = INDEXED, SCHEMA_KEYWORDS
    while stack:
        value, kind, trail, depth = pop()
        if depth > _MAX_DEPTH:
            continue
        if kind == _SCHEMA_MAP:
            if isinstance(value, dict):
                depth += 1
                for key, item in value.items():
                    if isinstance(item, dict):
                        push((item, _SCHEMA, (trail, key), depth))
            continue
        if kind == _SCHEMA_LIST:
            if isinstance(value, list):
                depth += 1
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        push((item, _SCHEMA, (trail, index), depth))
            continue
        if isinstance(value, list):
            depth += 1
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    push((item, _OTHER, (trail, index), depth))
            continue
        if kind == _SCHEMA:
            for key in indexed.intersection(value):
                by_keyword.setdefault(key, []).append(Found(value, document, trail))
            if value and keywords.isdisjoint(value):
                by_keyword.setdefault(NO_KEYWORD, []).append(Found(value, document, trail))
            present = subs.intersection(value)
            if not present:
                continue
            depth += 1
            for key in present:
                item = value[key]
                if key in _SUB_MAP:
                    push((item, _SCHEMA_MAP, (trail, key), depth))
                elif key in _SUB_LIST or isinstance(item, list):
                    push((item, _SCHEMA_LIST, (trail, key), depth))
                elif isinstance(item, dict):
                    push((item, _SCHEMA, (trail, key), depth))
            continue
        if "$ref" in value and len(value) > 1:
            add_ref(Found(value, document, trail))
        if "schema" in value and ("example" in value or "examples" in value):
            add_holder(Found(value, document, trail))
        depth += 1
        for key, item in value.items():
            if not isinstance(item, (dict, list)) or key in _DATA_KEYS:
                continue
            if key == "schema":
                push((item, _SCHEMA, (trail, key), depth))
            elif key == "schemas" or (key == "definitions" and trail is None):
                push((item, _SCHEMA_MAP, (trail, key), depth))
            elif not key.startswith("x-") or key == "x-webhooks":
                push((item, _OTHER, (trail, key), depth))


def trail_pointer(trail: Any) -> str:
    tokens: list[Any] = []
    while trail is not None:
        trail, token = trail
        tokens.append(token)
    return join_pointer(reversed(tokens))
