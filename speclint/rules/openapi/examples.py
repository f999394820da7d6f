"""Examples that fail their own schema."""

from __future__ import annotations

import re
from typing import Any, Iterator

from speclint.findings import Category, Severity
from speclint.loaders.openapi.refs import Node
from speclint.model import Api, SpecFormat
from speclint.rules.openapi.plain_valid import plainly_valid_raw
from speclint.rules.openapi.raw import node_at, workspace
from speclint.rules.openapi.schema_bundle import SchemaBundler
from speclint.rules.openapi.schema_walk import walk
from speclint.rules.registry import Problem, RuleContext, rule
from speclint.sources.pointers import join_pointer

_SCHEMA_KEYS = ("properties", "items", "allOf", "anyOf", "oneOf", "additionalProperties", "not")
_SCHEMA_KEY_SET = frozenset(_SCHEMA_KEYS)
_JSON_MEDIA = re.compile(r"^application/(?:[\w.-]+\+)?json\b", re.IGNORECASE)


@rule(
    "openapi-example-valid",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
    options={"allow_additional_properties": False, "allow_undeclared_properties": True},
)
def example_valid(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Examples match their schema.

    ## What it does
    Validates media-type examples (`example`, `examples.*.value`), parameter and response
    header examples, the examples of webhooks (`webhooks`, `x-webhooks`) and the `example`
    (and, in 3.1, `examples`) written inside any schema — component schemas, schemas inline
    in operations and parameters, nested properties, schemas in referenced files — against
    their schema, and reports each mismatch at the offending value (a property that
    `additionalProperties: false` forbids: at that property). To avoid the usual false
    positives: `nullable` is honoured, `oneOf` is checked as `anyOf` (an example may match
    several branches of a discriminated union), `readOnly`/`writeOnly` properties are not
    required, and a closed schema used as an `allOf` branch accepts the properties the other
    branches declare. Formats with an exact meaning are asserted (`date`, `date-time`,
    `time`, `uuid`, `email`, `hostname`, `ipv4`, `ipv6`, `uri`, `uri-reference`); `regex`
    and the OpenAPI number formats are not. Schemas that reference other files are skipped.

    ## Why is this bad?
    Examples are what people copy and what mock servers return; an example that breaks its
    schema teaches clients the wrong contract, or shows that the schema is wrong.

    ## Example
    ```yaml
    schema:
      type: object
      properties:
        id: {type: integer}
    example:
      id: "42"
    ```

    ## Use instead
    ```yaml
    schema:
      type: object
      properties:
        id: {type: integer}
    example:
      id: 42
    ```

    ## Options
    - `allow_additional_properties`: `true` ignores `additionalProperties: false`; `false`
      (default) reports the properties it forbids.
    - `allow_undeclared_properties`: `true` (default) lets an example carry properties its
      schema does not declare when the schema does not forbid them (JSON Schema's meaning);
      `false` (strict) reports them, as Redocly does, for an object schema that declares
      `properties` and says nothing about others.
    """
    ws = workspace(api)
    if ws is None:
        return
    bundler = SchemaBundler(
        ws,
        api.format_version,
        relax_additional=bool(ctx.option("allow_additional_properties")),
        close_undeclared=not ctx.option("allow_undeclared_properties"),
    )
    for schema_node, example_node in _pairs(api, ws):
        for path, message in bundler.errors(schema_node, example_node.value):
            yield Problem(example_node.location.child(*path), f"example does not match its schema: {message}")


def _pairs(api: Api, ws: Any) -> Iterator[tuple[Any, Any]]:
    """(schema node, example node) for every example of the API; an example that several
    media types share (a ``$ref`` to ``components/examples``) is checked against each schema."""
    seen: set[tuple[str, str, str]] = set()

    def once(node: Any, schema: Any = None) -> bool:
        ref = schema.value.get("$ref") if schema is not None and isinstance(schema.value, dict) else None
        against = ref if isinstance(ref, str) and len(schema.value) == 1 else "" if schema is None else schema.pointer
        key = (str(node.document.path), node.pointer, against)
        if key in seen:
            return False
        seen.add(key)
        return True

    v2 = api.format_version.startswith("2")
    found = walk(ws)
    for holder in found.example_holders:
        node = Node(holder.value, holder.document, holder.pointer)
        schema = node.child("schema")
        if schema is None:
            continue
        for example in _examples_of(ws, node, v2):
            if once(example, schema):
                yield schema, example
    for owner in found.schemas_with("example"):
        if plainly_valid_raw(owner.value, owner.value["example"]):
            continue  # most are ({type: string, example: ...}): no pointer spelled out for them
        pointer = owner.pointer
        example = Node(owner.value["example"], owner.document, pointer + "/example")
        if once(example):
            yield Node(owner.value, owner.document, pointer), example
    for owner in found.schemas_with("examples"):
        values = owner.value["examples"]
        if isinstance(values, list):  # JSON Schema's examples (3.1)
            pointer = owner.pointer
            for index, value in enumerate(values):
                example = Node(value, owner.document, f"{pointer}/examples/{index}")
                if once(example):
                    yield Node(owner.value, owner.document, pointer), example
    referenced = (node_at(ws, t.location) for t in api.types if t.location.file != api.entry_file)
    for schema in (node for node in referenced if node is not None):
        for inner, example in _schema_examples(ws, schema):
            if once(example):
                yield inner, example


def _examples_of(ws: Any, holder: Any, v2: bool) -> Iterator[Any]:
    """The example values of a parameter, media type or header (3.x: ``example`` and each
    ``examples.*.value``; Swagger 2.0: a response's ``examples`` per JSON media type)."""
    example = holder.child("example")
    if example is not None:
        yield example
    examples = holder.child("examples")
    if examples is None or not isinstance(examples.value, dict):
        return
    for key, entry in examples.items():
        if v2:
            if _JSON_MEDIA.search(str(key)):
                yield entry
            continue
        entry = ws.deref(entry)
        value = entry.child("value")
        if value is not None:
            yield value


def _schema_examples(ws: Any, schema: Any) -> Iterator[tuple[Any, Any]]:
    """Schemas (inside ``schema``) that carry an ``example``, walked on the raw data.

    A component schema has hundreds of nested schemas and few examples: each stack entry keeps
    its place as a trail ``(parent trail, token...)``, spelled out as a pointer only for a
    schema with an example.
    """
    document = schema.document
    stack: list[tuple[Any, Any, int]] = [(schema.value, None, 0)]  # value, trail, token count
    pop, push = stack.pop, stack.append
    while stack:
        value, trail, depth = pop()
        if depth > 64 or not isinstance(value, dict) or "$ref" in value:
            continue
        if "example" in value:
            pointer = schema.pointer + _trail_pointer(trail)
            node = Node(value, document, pointer)
            yield node, Node(value["example"], document, pointer + "/example")
        present = _SCHEMA_KEY_SET.intersection(value)
        if not present:
            continue
        for key in _SCHEMA_KEYS:
            if key not in present:
                continue
            child = value[key]
            if isinstance(child, dict):
                if key == "properties":
                    for name, item in child.items():
                        if isinstance(item, dict):
                            push((item, (trail, key, name), depth + 2))
                else:
                    push((child, (trail, key), depth + 1))
            elif isinstance(child, list):
                for index, item in enumerate(child):
                    if isinstance(item, dict):
                        push((item, (trail, key, str(index)), depth + 2))


def _trail_pointer(trail: Any) -> str:
    tokens: list[str] = []
    while trail is not None:
        tokens.extend(reversed(trail[1:]))
        trail = trail[0]
    return join_pointer(reversed(tokens))
